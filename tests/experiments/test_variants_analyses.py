"""What the arena's runs say: comparisons with the baseline (paired where the seeds are) and the analyses of the trained models."""

from dataclasses import replace

import pytest
import torch

from lstm_explained.experiments import variants, variants_analyses
from lstm_explained.experiments.variants import ArenaRun, ArenaSetting
from lstm_explained.models.toy import make_models
from lstm_explained.paired import PairedComparison

_run = ArenaRun.made_up


def _arena(counts=None, default=40):
    return variants_analyses.made_up_arena(counts or {}, default)


def test_the_family_of_comparisons_is_every_contestant_and_the_gru_against_forget_bias_1():
    assert variants_analyses.COMPARISONS == (len(variants.CONTESTANTS) - 1) * len(variants.TASKS) + len(variants.TASKS) == 52
    assert variants_analyses.CONFIDENCE == 1 - 0.05 / 52


def test_the_plain_rnns_are_read_from_the_registry():
    assert variants_analyses.PLAIN_RNNS == ("rnn", "rnn_matched")


def test_compared_uses_the_arena_wide_confidence():
    a, b = _run("adding", "gru", 52), _run("adding", "lstm", 40)  # +19 points: past 95%, not past the Bonferroni level
    assert variants_analyses.compared(a, b, 0.95).verdict == "higher"
    found = variants_analyses.compared(a, b)
    assert found.verdict == "indistinguishable" and found.confidence == variants_analyses.CONFIDENCE
    assert (found.successes_a, found.trials_a, found.successes_b, found.trials_b) == (52, 64, 40, 64)
    assert variants_analyses.compared(_run("adding", "gru", 60), b).verdict == "higher"


def test_the_seeds_an_ablation_shares_with_the_lstm_are_compared_as_pairs():
    # the same counts, 52 against 40: as independent samples not past the Bonferroni level, but
    # made_up runs put every one of the LSTM's 40 solvers among the ablation's 52, 12 disagreements
    # all one way, which McNemar's test on the pairs does call a difference
    a, b = _run("adding", "nig", 52), _run("adding", "lstm", 40)
    found = variants_analyses.compared(a, b)
    assert isinstance(found, PairedComparison) and (found.a_only, found.b_only) == (12, 0)
    assert found.verdict == "higher" and found.p_value < 1 - variants_analyses.CONFIDENCE
    # the same counts but half the disagreements the other way: no longer a difference
    flags = torch.tensor([True] * 40 + [False] * 24)
    mixed = replace(a, solved=torch.tensor([True] * 34 + [False] * 6 + [True] * 18 + [False] * 6))
    assert mixed.count == 52 and variants_analyses.compared(mixed, replace(b, solved=flags)).verdict == "indistinguishable"
    with pytest.raises(ValueError, match="different tasks"):
        variants_analyses.compared(_run("stream", "nig", 3), b)


@pytest.mark.parametrize("a, b", [("lstm", "nig"), ("lstm", "noaf"), ("lstm", "fb1"), ("lstm", "cifg"), ("lstm", "peephole"), ("lstm", "gru"), ("rnn", "rnn_matched"), ("fb1", "gru")])
def test_starts_paired_matches_the_weights_the_arena_starts_from(a, b):
    inputs, outputs = variants.TASKS["adding"].sizes  # another task's sizes than the one the check reads
    made = {n: make_models(variants.CONTESTANTS[n].kind, inputs, variants.hidden_for(n, "adding", 4), outputs, n=3, seed=0) for n in (a, b)}
    same = all(
        x.state_dict().keys() == y.state_dict().keys() and all(torch.equal(x.state_dict()[k], y.state_dict()[k]) for k in x.state_dict())
        for x, y in zip(made[a], made[b])
    )
    assert variants_analyses.starts_paired(a, b) == same


def test_separating_task_is_the_widest_spread():
    assert variants_analyses.separating_task(_arena({("stream", "rnn"): 0, ("stream", "noaf"): 64})) == "stream"


def test_saturation_counts_values_beyond_the_line_per_model_of_one_contestant():
    models = {name: make_models("rnn", 4, h, 4, n=3, seed=0) for name, h in (("rnn", 4), ("rnn_matched", 4))}
    with torch.no_grad():  # two RNNs pinned at +-1: huge recurrent weights
        models["rnn"][1].rnn.weight_hh_l0.mul_(100)
        models["rnn"][2].rnn.weight_hh_l0.mul_(100)
    runs = [
        replace(_run("abcabC", name, solved, seeds=3), weights=[m.state_dict() for m in models[name]])
        for name, solved in (("rnn", 1), ("rnn_matched", 0))
    ]
    found = variants_analyses.saturation(runs, "abcabC", "rnn")
    # the other contestant's models are not pooled in
    assert found.contestant == "rnn" and len(found.solved) == 1 and len(found.unsolved) == 2
    assert found.unsolved.min() > 0.5 > found.solved.max()
    other = variants_analyses.saturation(runs, "abcabC", "rnn_matched")
    assert len(other.solved) == 0 and len(other.unsolved) == 3 and other.p_value != other.p_value  # NaN: nothing to compare
    with pytest.raises(ValueError, match="one of"):
        variants_analyses.saturation(runs, "abcabC", "lstm")
    with pytest.raises(ValueError, match="no run of rnn on stream"):
        variants_analyses.saturation(runs, "stream", "rnn")


def test_dont_care_reads_solvers_only(monkeypatch):
    monkeypatch.setenv("LSTM_EXPLAINED_CACHE", "off")
    (run,) = variants.arena([ArenaSetting("adding", "lstm", seeds=3, steps=2)], workers=1)
    run = replace(run, solved=torch.tensor([True, False, True]))  # pretend two of them solved it
    found = variants_analyses.dont_care([run], sequences=8)
    assert found.models == 2
    # two marked steps per sequence, the other 23 unmarked, for each of the two models
    assert found.marked.numel() == 2 * 8 * 2 and found.unmarked.numel() == 2 * 8 * 23
    assert found.input_unmarked.numel() == 4 * found.unmarked.numel()


def test_standing_puts_every_task_in_one_verdict_and_finds_rates_that_differ():
    runs = _arena({"gru": 64, ("adding", "gru"): 0}, default=32)
    runs = [replace(r, setting=replace(r.setting, lr=0.1 if r.setting.contestant == "gru" and r.setting.task == "stream" else 0.03)) for r in runs]
    found = variants_analyses.standing(runs, "gru")
    assert found.better == ("abcabC", "abcdabcD", "stream") and found.worse == ("adding",) and found.quiet == ()
    assert found.other_rate == ("stream",) and found.tasks == 4
    assert {t: f.verdict for t, f in found.found.items()} == {"abcabC": "higher", "abcdabcD": "higher", "adding": "lower", "stream": "higher"}
    # against another contestant than the LSTM, read from that contestant's runs
    behind = variants_analyses.standing(runs, "fb1", against="gru")
    assert behind.worse == ("abcabC", "abcdabcD", "stream") and behind.better == ("adding",)
    with pytest.raises(ValueError, match="compared with itself"):
        variants_analyses.standing(runs, "gru", against="gru")
    with pytest.raises(ValueError, match="contestant must be one of"):
        variants_analyses.standing(runs, "lstn")
    with pytest.raises(ValueError, match="no task has runs of both gru and lstm"):
        variants_analyses.standing([r for r in runs if r.setting.contestant != "lstm"], "gru")


def _group(solved, unsolved, p_value, p_greater=0.0):
    return variants_analyses.Saturation("abcabC", "rnn", 0.95, torch.full((solved,), 0.5), torch.full((unsolved,), 0.5), p_greater, p_value)


def test_saturation_verdicts_share_the_level_among_the_groups_tested_only():
    # alone, 0.03 passes 5%; with a second group tested the level is 2.5%
    assert variants_analyses.saturation_verdicts([_group(8, 8, 0.03)]) == ["less"]
    assert variants_analyses.saturation_verdicts([_group(8, 8, 0.03), _group(8, 8, 0.5)]) == ["none", "none"]
    # a group too small to test does not join the family, whatever its p-value
    assert variants_analyses.saturation_verdicts([_group(8, 8, 0.03), _group(7, 30, 1e-9)]) == ["less", "untested"]
    assert variants_analyses.saturation_verdicts([_group(20, 20, 1e-6, p_greater=0.9)]) == ["more"]
    # a NaN p-value (one group empty) is never a difference
    assert variants_analyses.saturation_verdicts([_group(0, 20, float("nan"))]) == ["untested"]
    with pytest.raises(ValueError, match="alpha must lie strictly between 0 and 1"):
        variants_analyses.saturation_verdicts([], alpha=1.0)


def test_growth_marks_a_late_peak_more_than_grows_times_the_early_one():
    found = variants_analyses.Growth(["a", "b", "c"], torch.tensor([1.0, 1.0, 0.0]), torch.tensor([2.0, 2.01, 0.0]), [1, 2, 3], 4)
    assert variants_analyses.GROWS == 2.0 and found.grown == [False, True, False]
