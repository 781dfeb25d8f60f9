"""The variants arena: what each run measures, how it scores, how it compares with the baseline, and the analyses."""


from dataclasses import replace

import pytest
import torch

from lstm_explained.experiments import variants
from lstm_explained.experiments.variants import ArenaSetting
from lstm_explained.models.toy import make_models
from lstm_explained.tasks.toy import phase_windows
from lstm_explained.training import long_lag


def _formula_parameters(kind, i, h, o):
    """What each cell computes with, counted from its equations rather than from gradients."""
    head = o * (h + 1)
    block = h * (i + h + 2)  # one gate's input weights, recurrent weights and two biases
    count = {"lstm": 4 * block, "peephole": 4 * block + 3 * h, "cifg": 3 * block, "nig": 3 * block, "nfg": 3 * block, "nog": 3 * block,
             "niaf": 4 * block, "noaf": 4 * block, "gru": 3 * block, "rnn": block}
    if kind == "clockwork":  # 4 blocks of h/4 units: block k reads itself and the slower blocks, k..3
        size = h // 4
        return h * (i + 2) + sum(size * size * (4 - k) for k in range(4)) + head
    return count[kind] + head


@pytest.mark.parametrize("kind", variants.CONTESTANT_KINDS)
def test_used_parameters_counts_what_each_cells_equations_use(kind):
    assert variants.used_parameters(kind, 3, 8, 2) == _formula_parameters(kind, 3, 8, 2)


def test_the_matched_rnn_has_about_the_lstms_parameter_count():
    for task in variants.TASKS:
        inputs, outputs = variants.TASKS[task].sizes
        hidden = variants.hidden_for("rnn_matched", task, 4)
        lstm = variants.used_parameters("lstm", inputs, 4, outputs)
        rnn = variants.used_parameters("rnn", inputs, hidden, outputs)
        nearest = min(abs(variants.used_parameters("rnn", inputs, h, outputs) - lstm) for h in (hidden - 1, hidden + 1))
        assert abs(rnn - lstm) <= nearest and abs(rnn - lstm) < 0.15 * lstm


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(task="copy", contestant="lstm"), "task must be one of"),
        (dict(task="adding", contestant="lstm2"), "contestant must be one of"),
        (dict(task="adding", contestant="clockwork", hidden=6), r"the clockwork RNN cuts its units into 4 blocks, one per period of \(1, 2, 4, 8\); hidden must be a multiple of 4, got 6"),
        (dict(task="adding", contestant="lstm", seeds=0), "seeds"),
        (dict(task="adding", contestant="lstm", lr=0), r"lr must be a positive number or None \(tuned\), got 0"),
        (dict(task="adding", contestant="lstm", seed=-1), "seed must be a non-negative int, got -1"),
    ],
)
def test_bad_settings_are_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        ArenaSetting(**kwargs)


def test_arena_rejects_what_is_not_a_setting():
    with pytest.raises(TypeError, match="ArenaSettings"):
        variants.arena(["adding"], workers=1)


def test_a_model_that_knows_the_pattern_solves_it_and_a_guess_does_not():
    task = variants.TASKS["abcabC"]
    w = phase_windows("abcabC", 4)
    test = task.test()
    assert torch.equal(test.scored, w.ambiguous) and task.batch == 6 and task.loss == "cross_entropy_each"
    right = torch.nn.functional.one_hot(w.y.clamp(min=0), len(w.vocab)).double() * 5
    always_c = torch.zeros_like(right)
    always_c[..., w.vocab.encode("c")[0]] = 5
    share, solved = task.score(torch.stack([right, always_c], dim=2))  # (T, B, n=2, O), as the packed outputs are
    assert solved.tolist() == [True, False]
    assert share[0] == 1 and 0.4 < share[1] < 0.6  # always 'c' is right at half the ambiguous steps


def test_the_stream_is_scored_only_at_its_end():
    task = variants.TASKS["stream"]
    pool, test = task.data(), task.test()
    assert test.x.shape[0] == variants.STREAM_TEST * 6 == 400 * 6 and pool.x.shape[0] == variants.STREAM_PERIODS * 6 == 20 * 6
    scored_steps = test.scored.any(1).nonzero().flatten()
    assert scored_steps.min() >= test.x.shape[0] - 25 * 6 and test.scored.sum() > 0
    assert task.chunk == variants.STREAM_CHUNK * 6 and task.steps == 150


def test_the_glued_constants_are_the_tasks_own():
    # the chapter glues these names; they are read from the task objects, with the values the page has always printed
    assert (variants.WINDOW_PERIODS, variants.ADDING_LENGTH, variants.ADDING_BATCH) == (4, 25, 32)
    assert (variants.STREAM_PERIODS, variants.STREAM_CHUNK, variants.STREAM_TEST, variants.STREAM_SCORED) == (20, 4, 400, 25)
    assert variants.SOLVED == 0.1
    assert {name: (t.steps, t.lr) for name, t in variants.TASKS.items()} == {
        "abcabC": (600, 0.03), "abcdabcD": (800, 0.03), "adding": (600, 0.03), "stream": (150, 0.03)}
    assert [ArenaSetting(name, "lstm").problem for name in variants.TASKS] == list(variants.TASKS.values())


def test_the_cost_of_a_setting_is_its_tasks():
    # steps a batch times sequences a batch, as before the tasks stated it
    assert {name: t.cost for name, t in variants.TASKS.items()} == {"abcabC": 4 * 36, "abcdabcD": 4 * 64, "adding": 25 * 32, "stream": 20 * 6 * 6}
    assert variants._cost(ArenaSetting("adding", "rnn")) == 600 * 800 and variants._cost(ArenaSetting("stream", "lstm", steps=2)) == 2 * 720 * 3


def test_a_short_arena_trains_scores_and_keeps_every_model(monkeypatch, tmp_path):
    monkeypatch.setenv("LSTM_EXPLAINED_CACHE", str(tmp_path))
    settings = [ArenaSetting("adding", "lstm", seeds=3, steps=30), ArenaSetting("adding", "nfg", seeds=3, steps=30), ArenaSetting("abcabC", "rnn_matched", seeds=2, steps=5)]
    runs = variants.arena(settings, workers=2)
    # each setting comes back with the rate its tuning chose, from the grid
    assert [replace(r.setting, lr=None) for r in runs] == settings and all(r.setting.lr in variants.RATES for r in runs)
    tunings = variants.arena_tuning(settings, workers=2)
    assert [r.setting.lr for r in runs] == [t.chosen for t in tunings]
    lstm, nfg, rnn = runs
    assert lstm.history.shape == (30, 3) and lstm.history[-5:].mean() < lstm.history[:5].mean()
    assert rnn.hidden == variants.hidden_for("rnn_matched", "abcabC", 4) and rnn.parameters == variants.used_parameters("rnn", 4, rnn.hidden, 4)
    # the stored weights are the trained models: scoring them again gives the same scores
    for run in runs:
        task = run.setting.problem
        score, solved = task.score(long_lag.packed_outputs(run.models(), task.test().x))
        torch.testing.assert_close(score, run.score)
        assert torch.equal(solved, run.solved)
    # the forget gate's rows of the NFG models never moved from their initialisation
    start = make_models("nfg", variants.TASKS["adding"].sizes[0], 4, 1, n=3, seed=0)
    for trained, fresh in zip(nfg.models(), start):
        torch.testing.assert_close(trained.rnn.weight_hh_l0[4:8], fresh.rnn.weight_hh_l0[4:8], atol=0, rtol=0)
        assert not torch.equal(trained.rnn.weight_hh_l0[:4], fresh.rnn.weight_hh_l0[:4])
    # cached as a whole: asked again, the same numbers come back
    assert torch.equal(variants.arena(settings, workers=2)[0].score, lstm.score)


def test_forget_bias_one_starts_the_forget_gate_at_one(monkeypatch):
    monkeypatch.setenv("LSTM_EXPLAINED_CACHE", "off")
    (run,) = variants.arena([ArenaSetting("abcabC", "fb1", seeds=2, steps=1, lr=0.03)], workers=1)
    assert run.setting.contestant == "fb1"
    (plain,) = variants.arena([ArenaSetting("abcabC", "lstm", seeds=2, steps=1, lr=0.03)], workers=1)
    f_fb1 = [(m.rnn.bias_ih_l0 + m.rnn.bias_hh_l0)[4:8] for m in run.models()]
    f_plain = [(m.rnn.bias_ih_l0 + m.rnn.bias_hh_l0)[4:8] for m in plain.models()]
    assert all((a - 1).abs().max() < 0.07 for a in f_fb1)  # one Adam step of 0.03 on each of the two biases, from 1
    assert all((b - 1).abs().max() > 0.07 for b in f_plain)


# ---------------------------------------------------------------- comparisons and analyses, on made-up arenas


# ---------------------------------------------------------------- tuning


def _tuning_run(task, solved, score):
    solved, score = torch.tensor(solved), torch.tensor(score, dtype=torch.float64)
    return variants.TuningRun(variants.Tuning(task, "lstm", seeds=solved.shape[1]), score, solved, 0.0)


def test_the_rate_with_most_solved_tuning_models_is_chosen():
    run = _tuning_run("abcabC", [[True, False], [False, False], [True, True]], [[1, 0.5], [0.5, 0.5], [1, 1]])
    assert run.counts == {0.01: 1, 0.03: 0, 0.1: 2} and run.chosen == 0.1


def test_a_tie_goes_to_the_better_median_score_whichever_way_the_task_scores():
    # a share right: higher is better; an error ratio: lower is better
    shares = _tuning_run("abcabC", [[False, False]] * 3, [[0.6, 0.7], [0.9, 0.8], [0.5, 0.5]])
    errors = _tuning_run("adding", [[False, False]] * 3, [[0.6, 0.7], [0.9, 0.8], [0.5, 0.5]])
    assert shares.chosen == 0.03 and errors.chosen == 0.1


def test_a_full_tie_goes_to_the_tasks_own_rate_then_the_lower():
    tie = _tuning_run("adding", [[True, True]] * 3, [[0.01, 0.01]] * 3)
    assert tie.chosen == variants.TASKS["adding"].lr == 0.03
    far = variants.TuningRun(variants.Tuning("adding", "lstm", rates=(0.003, 0.3), seeds=1),
                             torch.zeros(2, 1, dtype=torch.float64), torch.zeros(2, 1, dtype=torch.bool), 0.0)
    assert far.chosen == 0.003  # both a factor of 10 from 0.03: the lower


@pytest.mark.parametrize(
    "kwargs, message",
    [(dict(rates=()), "rates must be distinct positive numbers"), (dict(rates=(0.1, 0.1)), "distinct"),
     (dict(rates=(0.1, -1.0)), "positive"), (dict(seeds=0), "seeds")],
)
def test_bad_tunings_are_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        variants.Tuning("adding", "lstm", **kwargs)


def test_the_tuning_models_are_not_the_reported_ones_and_each_rate_trains_as_if_alone(monkeypatch):
    monkeypatch.setenv("LSTM_EXPLAINED_CACHE", "off")
    setting = ArenaSetting("adding", "nig", seeds=2, steps=20)
    (tuning,) = variants.arena_tuning([setting], workers=1)
    assert tuning.solved.shape == tuning.score.shape == (len(variants.RATES), variants.TUNING_SEEDS)
    # the tuning's models start from other weights than the reported seeds
    inputs, outputs = setting.problem.sizes
    reported = make_models("nig", inputs, 4, outputs, n=2, seed=setting.seed)
    tuned = make_models("nig", inputs, 4, outputs, n=2, seed=variants.TUNING_SEED)
    assert not any(torch.equal(a.rnn.weight_hh_l0, b.rnn.weight_hh_l0) for a in reported for b in tuned)
    # each rate's row is what that rate gives the same models trained on their own
    for k, rate in enumerate(variants.RATES):
        (alone,) = variants.arena([ArenaSetting("adding", "nig", seeds=variants.TUNING_SEEDS, steps=20, lr=rate, seed=variants.TUNING_SEED)], workers=1)
        torch.testing.assert_close(tuning.score[k], alone.score, atol=1e-4, rtol=1e-4)
