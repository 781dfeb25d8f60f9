"""The gradient chapter's training runs: what each measures."""

from dataclasses import replace

import pytest
import torch

from lstm_explained.experiments import long_lag
from lstm_explained.models.toy import ToyModel
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
    ],
)
def test_bad_settings_are_named(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()


def test_solving_averages_whole_windows_and_refuses_a_window_longer_than_training():
    history = torch.tensor([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.2, 1.0], [0.0, 0.0], [0.0, 0.0], [5.0, 5.0]])
    batches, solved = replace(_run(ratio=[0.0, 0.0]), history=history).solving(2)
    assert batches.tolist() == [2, 4, 6]  # the last, incomplete window is left out
    assert solved.tolist() == [[False, True], [True, False], [True, True]]
    with pytest.raises(ValueError, match="solving: window must be an int in 1..7, got 8"):
        replace(_run(ratio=[0.0, 0.0]), history=history).solving(8)


@pytest.mark.parametrize("chunk, expected", [(4, 300 * 10), (8, 300 * 5), (None, 300), (30, 300 * 2)])
def test_updates_count_one_optimizer_step_per_chunk(chunk, expected):
    assert _truncation(chunk, 0.5).updates == expected
