"""The gradient chapter's training runs: what each measures."""

import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import fields, replace

import pytest
import torch

from lstm_explained.experiments import long_lag
from lstm_explained.models.toy import ToyModel
from lstm_explained.runtime import parallel
from lstm_explained.tasks.long_lag import ADDING_BASELINE_MSE


@pytest.mark.parametrize("kind, hidden", [("rnn", 5), ("lstm", 3), ("gru", 4)])
def test_parameters_counts_what_torch_counts(kind, hidden):
    model = ToyModel(kind, 2, hidden, 1)
    assert long_lag.parameters(kind, 2, hidden, 1) == sum(p.numel() for p in model.parameters())


def test_a_short_adding_run_measures_every_seed_before_and_after(monkeypatch, tmp_path):
    monkeypatch.setenv("LSTM_EXPLAINED_CACHE", str(tmp_path))
    setting = long_lag.AddingSetting("lstm", 4, length=10, seeds=3, steps=40, lr=0.02)
    run = long_lag.adding_run(setting)
    assert run.ratio.shape == run.marker_init.shape == run.marker_trained.shape == (3,)
    assert run.by_lag_init.shape == run.by_lag_trained.shape == (10,) and run.history.shape == (40, 3)
    assert (run.ratio > 0).all() and run.history[-10:].mean() < run.history[:10].mean()
    assert run.direct_gap < 1e-9  # the cell path is the forget gates' product on trained weights too
    assert run.solved == int((run.ratio < long_lag.SOLVED).sum())
    # cached: the same setting gives back the same numbers without training again
    assert torch.equal(long_lag.adding_run(setting).ratio, run.ratio)


def test_an_rnn_adding_run_has_no_cell_path(monkeypatch, tmp_path):
    monkeypatch.setenv("LSTM_EXPLAINED_CACHE", "off")
    run = long_lag.adding_run(long_lag.AddingSetting("rnn", 4, length=8, seeds=2, steps=5))
    assert run.direct_gap != run.direct_gap  # nan: an RNN has no cell state


def test_the_forget_bias_opens_the_cell_path_at_initialisation(monkeypatch):
    monkeypatch.setenv("LSTM_EXPLAINED_CACHE", "off")
    plain = long_lag.adding_run(long_lag.AddingSetting("lstm", 4, length=20, seeds=4, steps=1))
    opened = long_lag.adding_run(long_lag.AddingSetting("lstm", 4, length=20, seeds=4, steps=1, forget_bias=3.0))
    assert opened.by_lag_init[-1] > 100 * plain.by_lag_init[-1]


def _run(kind="lstm", ratio=(0.0, 1.0), marker=1.0, length=50, bias=None):
    ratio = torch.tensor(ratio)
    one = torch.ones(len(ratio))
    setting = long_lag.AddingSetting(kind, 4, length=length, seeds=len(ratio), forget_bias=bias)
    return long_lag.AddingRun(setting, 100, ratio, one, one, one * marker, one, one, 0.0, 1.0)


def _truncation(chunk, median, carry=True):
    return long_lag.TruncationRun(long_lag.TruncationSetting(chunk, carry), torch.full((3,), median), 1.0)


def test_a_short_truncation_run_counts_what_a_gradient_can_reach(monkeypatch):
    monkeypatch.setenv("LSTM_EXPLAINED_CACHE", "off")
    run = long_lag.truncation_run(long_lag.TruncationSetting(chunk=6, lag=2, length=12, seeds=2, steps=3))
    assert run.reached == pytest.approx(4 / 6) and run.chance == 0.25
    assert ((run.accuracy >= 0) & (run.accuracy <= 1)).all()
    blind = long_lag.truncation_run(long_lag.TruncationSetting(chunk=2, lag=2, length=12, seeds=2, steps=3))
    assert blind.reached == 0


def test_the_baseline_ratio_is_one_for_the_memoryless_answer():
    assert ADDING_BASELINE_MSE == pytest.approx(1 / 6)


def test_each_setting_names_its_task_and_the_task_states_the_rest():
    adding = long_lag.AddingSetting("lstm", 8, length=25, steps=700, lr=0.02).problem
    assert (adding.length, adding.steps, adding.lr, adding.batch, adding.loss, adding.sizes) == (25, 700, 0.02, 32, "mse_last", (2, 1))
    assert (long_lag.SOLVED, long_lag.HELD_OUT, long_lag.MEASURED) == (adding.solved_below, adding.held_out, 64) == (0.1, 1000, 64)
    lagged = long_lag.TruncationSetting(8, carry=False, lag=3, length=20, steps=50).problem
    assert (lagged.chunk, lagged.lag, lagged.length, lagged.steps, lagged.batch, lagged.loss) == (8, 3, 20, 50, 32, "cross_entropy_each")
    assert lagged.sizes == (long_lag.SYMBOLS, long_lag.SYMBOLS) == (4, 4)
    assert _truncation(4, 0.5).chance == 1 / lagged.symbols


def test_solved_is_the_tasks_criterion():
    run = _run(ratio=(0.09, 0.1, 0.8))
    assert run.solved == 1 and run.share()[0] == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: long_lag.AddingSetting("elman", 4), "AddingSetting: kind must be one of"),
        (lambda: long_lag.AddingSetting("rnn", 4, forget_bias=1.0), "AddingSetting: forget_bias is for an LSTM"),
        (lambda: long_lag.AddingSetting("lstm", 0), "AddingSetting: hidden must be a positive int"),
        (lambda: long_lag.AddingSetting("lstm", 4, length=3), "AddingSetting: length must be an int >= 4"),
        (lambda: long_lag.TruncationSetting(0), "TruncationSetting: chunk must be a positive int or None"),
        (lambda: long_lag.TruncationSetting(4, lag=40, length=40), "TruncationSetting: lag 40 must be shorter"),
        (lambda: long_lag.adding_run({"kind": "lstm"}), "adding_run: setting must be an AddingSetting"),
        (lambda: long_lag.truncation_run(4), "truncation_run: setting must be a TruncationSetting"),
        (lambda: long_lag.adding_runs([long_lag.AddingSetting("rnn", 4, steps=1), long_lag.TruncationSetting(4)]),
         r"adding_runs: settings\[1\] must be an AddingSetting, got TruncationSetting"),
        (lambda: long_lag.adding_runs(long_lag.AddingSetting("rnn", 4)),
         "adding_runs: settings must be a list of AddingSettings, got one AddingSetting"),
        (lambda: long_lag.truncation_runs([{"chunk": 4}]),
         r"truncation_runs: settings\[0\] must be a TruncationSetting, got dict"),
        (lambda: long_lag.truncation_runs([], workers=0), "truncation_runs: workers must be a positive int"),
    ],
)
def test_bad_settings_are_named(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()


def test_solving_averages_whole_windows_and_refuses_a_window_longer_than_training():
    history = torch.tensor([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.1, 1.0], [0.0, 0.0], [0.0, 0.0], [5.0, 5.0]])
    batches, solved = replace(_run(ratio=[0.0, 0.0]), history=history).solving(2)
    assert batches.tolist() == [2, 4, 6]  # the last, incomplete window is left out
    assert solved.tolist() == [[False, True], [True, False], [True, True]]
    with pytest.raises(ValueError, match="solving: window must be an int in 1..7, got 8"):
        replace(_run(ratio=[0.0, 0.0]), history=history).solving(8)


@pytest.mark.parametrize("chunk, expected", [(4, 300 * 10), (8, 300 * 5), (None, 300), (30, 300 * 2)])
def test_updates_count_one_optimizer_step_per_chunk(chunk, expected):
    assert _truncation(chunk, 0.5).updates == expected


def _same_fields(a, b):
    """Every field of two runs equal, tensors bit for bit; the training time is measured, not computed."""
    assert type(a) is type(b)
    for field in fields(a):
        if field.name == "seconds":
            continue
        x, y = getattr(a, field.name), getattr(b, field.name)
        if isinstance(x, torch.Tensor):
            assert x.dtype == y.dtype and torch.equal(x, y), field.name
        elif isinstance(x, float) and math.isnan(x):
            assert math.isnan(y), field.name
        else:
            assert x == y, field.name


def test_batches_in_two_worker_processes_equal_single_runs_in_this_one(monkeypatch):
    monkeypatch.setenv("LSTM_EXPLAINED_CACHE", "off")  # every run trains: none is read back from the other
    adding = [long_lag.AddingSetting("lstm", 3, length=8, seeds=2, steps=15, forget_bias=1.0),
              long_lag.AddingSetting("rnn", 4, length=6, seeds=3, steps=10)]
    truncation = [long_lag.TruncationSetting(3, lag=2, length=8, seeds=2, steps=4),
                  long_lag.TruncationSetting(None, carry=False, lag=2, length=8, seeds=2, steps=4)]
    with parallel.pool(2) as executor:
        adding_together = long_lag.adding_runs(adding, executor=executor)
        truncation_together = long_lag.truncation_runs(truncation, executor=executor)
    assert [r.setting for r in adding_together] == adding
    assert [r.setting for r in truncation_together] == truncation
    for setting, together in zip(adding, adding_together):
        _same_fields(together, long_lag.adding_run(setting))
    for setting, together in zip(truncation, truncation_together):
        _same_fields(together, long_lag.truncation_run(setting))


class _Recording(ThreadPoolExecutor):
    """One thread, recording the settings in the order they are submitted."""

    def __init__(self):
        super().__init__(max_workers=1)
        self.submitted = []

    def submit(self, fn, /, *args, **kwargs):
        self.submitted.append(args[1])  # map_cached submits (its own wrapper, compute, setting)
        return super().submit(fn, *args, **kwargs)


def test_the_longest_settings_train_first_and_come_back_in_order():
    short = long_lag.TruncationSetting(4, lag=2, length=8, seeds=2, steps=2)
    long = long_lag.TruncationSetting(4, lag=2, length=16, seeds=2, steps=3)
    middle = long_lag.TruncationSetting(4, lag=2, length=8, seeds=3, steps=2)
    with _Recording() as executor:
        runs = long_lag.truncation_runs([short, long, middle], executor=executor)
    assert executor.submitted == [long, middle, short]
    assert [r.setting for r in runs] == [short, long, middle]


def test_the_chapters_settings_go_to_the_workers_slowest_first(monkeypatch):
    # the order their training took in a sequential build: the RNN of 17 units 152 s, the LSTMs at
    # length 50 36 and 67 s, at 25 24 and 30 s; chunks of 4 steps 49 s, of 8 29 s, of 20 6 s, whole 4 s
    monkeypatch.setattr(long_lag, "_adding", lambda s: s)  # the order is the point here, not the training
    monkeypatch.setattr(long_lag, "_truncation", lambda s: s)
    lstm25, lstm50 = long_lag.AddingSetting("lstm", 8, length=25), long_lag.AddingSetting("lstm", 8)
    opened25, opened50 = (long_lag.AddingSetting("lstm", 8, length=n, forget_bias=1.0) for n in (25, 50))
    rnn = long_lag.AddingSetting("rnn", 17)
    chunked = [long_lag.TruncationSetting(chunk, carry) for chunk, carry in ((4, True), (8, True), (8, False),
                                                                            (20, True), (20, False), (None, True))]
    with _Recording() as executor:
        assert long_lag.adding_runs([lstm25, opened25, lstm50, opened50, rnn], executor=executor)[2] == lstm50
        assert long_lag.truncation_runs(reversed(chunked), executor=executor) == chunked[::-1]
    assert executor.submitted[:5] == [rnn, lstm50, opened50, lstm25, opened25]
    assert [(s.chunk, s.carry) for s in executor.submitted[5:]] == [
        (4, True), (8, False), (8, True), (20, False), (20, True), (None, True)]  # ties: in the order given


def test_single_and_batch_calls_share_cache_entries(monkeypatch):
    # the conftest's fresh cache folder: what one call stores, the other reads back
    first = long_lag.AddingSetting("lstm", 3, length=6, seeds=2, steps=3)
    second = long_lag.AddingSetting("gru", 3, length=6, seeds=2, steps=3)
    alone = long_lag.adding_run(first)
    together = long_lag.adding_runs([first, second], workers=1)
    assert together[0].seconds == alone.seconds  # read back, not trained again
    monkeypatch.setattr(long_lag, "_adding", lambda s: pytest.fail(f"trained {s} again"))
    assert long_lag.adding_run(second).seconds == together[1].seconds
    assert [r.seconds for r in long_lag.adding_runs([second, first])] == [together[1].seconds, alone.seconds]
    truncated = long_lag.TruncationSetting(4, lag=2, length=8, seeds=2, steps=2)
    (batch,) = long_lag.truncation_runs([truncated])
    monkeypatch.setattr(long_lag, "_truncation", lambda s: pytest.fail(f"trained {s} again"))
    assert long_lag.truncation_run(truncated).seconds == batch.seconds
