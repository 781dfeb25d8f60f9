"""The variants chapter's readings: sentences and marks chosen by the arena's numbers, on made-up arenas."""

from dataclasses import replace

import pytest
import torch

from lstm_explained.experiments import variants, variants_analyses
from lstm_explained.power import detectable_counts
from lstm_explained.experiments.variants import ArenaRun
from lstm_explained.readings import variants as readings


def _arena(counts=None, default=40):
    return variants_analyses.made_up_arena(counts or {}, default)


def test_greff_reading_follows_the_numbers():
    same = readings.greff_reading(_arena())
    assert same[0].startswith("As in Greff et al., no variant is significantly better")
    assert same[1].startswith("No ablation is significantly worse")
    assert "neither CIFG nor the peephole LSTM is significantly worse anywhere" in same[2] and "would have registered" in same[2]
    theirs = readings.greff_reading(_arena({"nfg": 5, "noaf": 5}))
    assert "NFG and NOAF are significantly worse than the LSTM on the most tasks (4 of 4) and better on none" in theirs[1]
    assert "the two parts Greff et al. found most critical" in theirs[1]
    other = readings.greff_reading(_arena({"nig": 5, ("adding", "cifg"): 5, ("stream", "noaf"): 64}))
    assert other[0].startswith("Unlike Greff et al.") and "NOAF on stream" in other[0]
    assert "NIG is significantly worse" in other[1] and "neither of the two parts Greff et al. found most critical" in other[1]
    assert "CIFG is worse on adding" in other[2]
    # CIFG couples two gates: it is not an ablation, so it is never among "the most critical parts"
    cifg = readings.greff_reading(_arena({"cifg": 0}))
    assert "No ablation is significantly worse" in cifg[1] and "CIFG is worse on abcabC" in cifg[2]
    # wins are read too: an ablation worse on the most tasks but better on one says so
    mixed = readings.greff_reading(_arena({"nfg": 5, ("adding", "nfg"): 64}))
    assert "NFG is significantly worse than the LSTM on the most tasks (3 of 4) and NFG better on adding" in mixed[1]


def test_jozefowicz_reading_follows_the_numbers():
    same = readings.jozefowicz_reading(_arena())
    assert same.startswith("neither the GRU nor PyTorch's LSTM is significantly better on any task, and a forget bias of 1 makes no difference the test can see")
    ahead = readings.jozefowicz_reading(_arena({("adding", "gru"): 64, ("adding", "fb1"): 62}))
    assert "the GRU beats PyTorch's LSTM on adding" in ahead and "a forget bias of 1 helps the LSTM on adding" in ahead
    assert "on adding it is significantly above the LSTM and no longer significantly behind the GRU" in ahead
    behind = readings.jozefowicz_reading(_arena({("adding", "gru"): 64}))
    assert "on adding forget bias 1 stays significantly behind the GRU" in behind
    # the referee's case: LSTM 20, GRU 40, forget bias 1 at 27 -- not significantly above the LSTM, so nothing closed
    open_ = readings.jozefowicz_reading(_arena({("adding", "gru"): 40, ("adding", "fb1"): 27}, default=20))
    assert "the test cannot say whether it closes the gap" in open_ and "no longer significantly behind" not in open_


def test_tanh_and_gates_readings_follow_the_numbers():
    assert "not significantly different on any task" in readings.tanh_reading(_arena())
    assert "significantly worse on abcabC, abcdabcD, adding and stream and better nowhere" in readings.tanh_reading(_arena({"noaf": 5}))
    better = readings.tanh_reading(_arena({"noaf": 64}))
    assert "better on abcabC" in better and "does not show that the tanh is unneeded" in better
    assert "but worse on stream" in readings.tanh_reading(_arena({("adding", "noaf"): 64, ("stream", "noaf"): 5}))
    assert readings.gates_reading(_arena()).startswith("Without the input gate or the forget gate or the output gate it is not significantly worse on any task")
    two = readings.gates_reading(_arena({"nig": 5, ("stream", "nfg"): 5, "cifg": 5}))
    assert two.startswith("Without the input gate the LSTM is significantly worse on abcabC, abcdabcD, adding and stream. Without the forget gate")
    assert "Without the output gate it is not significantly worse on any task" in two
    assert "GRU is never significantly worse than the LSTM" in two and "CIFG is significantly worse on abcabC, abcdabcD, adding and stream" in two


def test_could_have_seen_reads_the_tests_own_edges():
    b = ArenaRun.made_up("adding", "lstm", 32)
    fewest, most = detectable_counts(32, 64, 64, variants_analyses.CONFIDENCE)
    assert readings.could_have_seen(variants_analyses.compared(ArenaRun.made_up("adding", "gru", 33), b)) == f"it would have taken {fewest} or more, or {most} or fewer, of 64 to register"
    top = readings.could_have_seen(variants_analyses.compared(ArenaRun.made_up("adding", "gru", 64), ArenaRun.made_up("adding", "lstm", 63)))
    assert "or more" not in top and "or fewer" in top  # nothing can beat 63 of 64
    # paired: the seeds that came out differently, and the split they would have needed
    flags = torch.tensor([True] * 20 + [False] * 44)
    found = variants_analyses.compared(replace(ArenaRun.made_up("adding", "nig", 0), solved=torch.tensor([False] * 5 + [True] * 20 + [False] * 39)), replace(b, solved=flags))
    text = readings.could_have_seen(found)
    assert text.startswith("the 10 seeds that came out differently split 5 to 5")
    if found.needed is None:
        assert text.endswith("a split of this many cannot register")
    else:
        assert f"{(10 + found.needed) // 2} to {(10 - found.needed) // 2}" in text


def test_the_arena_grid_marks_what_differs_from_the_baseline():
    counts, seeds, rows, columns, marks = readings.arena_grid(_arena({("adding", "rnn"): 0}))
    assert counts.shape == (len(variants.CONTESTANTS), len(variants.TASKS)) and seeds == 64
    assert marks == {(rows.index("RNN"), columns.index("adding")): "▼"}


def test_saturation_reading_follows_the_test():
    S = variants_analyses.Saturation
    less = S("abcabC", "rnn", 0.95, torch.full((20,), 0.2), torch.full((20,), 0.8), 0.0, 1e-8)
    more = S("abcabC", "rnn_matched", 0.95, torch.full((20,), 0.8), torch.full((20,), 0.2), 1.0, 1e-8)
    none = S("stream", "rnn", 0.95, torch.full((20,), 0.7), torch.full((20,), 0.7), 0.5, 0.7)
    empty = S("stream", "rnn_matched", 0.95, torch.zeros(0), torch.full((4,), 0.5), float("nan"), float("nan"))
    assert readings.saturation_reading([less]).startswith("For the small RNN on abcabC the solvers are significantly less saturated than the rest, as the lecture's picture has it")
    assert "significantly more saturated than the rest, against the lecture's picture" in readings.saturation_reading([more])
    assert "the test tells no difference" in readings.saturation_reading([none])
    assert "every model or none solved it" in readings.saturation_reading([empty])
    every = readings.saturation_reading([less, more, none, empty])
    # one sentence per verdict, each group named once, and the tests' shared level stated
    assert every.count("For ") == 4 and "sharing 5%, Bonferroni" in every
    # the solvers' own saturation is read against the lecture's picture only when they are mostly saturated
    assert "remember while mostly saturated" in readings.saturation_reading([more, none]) and "70% to 80%" in readings.saturation_reading([more, none])
    assert "remember while mostly saturated" not in readings.saturation_reading([less])
    # a p-value that passes 5% alone but not the level the three tests share is no difference
    edge = S("abcabC", "rnn", 0.95, torch.full((20,), 0.2), torch.full((20,), 0.8), 0.0, 0.02)
    assert "For the small RNN on abcabC and the small RNN on stream the test tells no difference" in readings.saturation_reading([edge, none, more])


def test_growth_reading_says_which_states_grow():
    grown = variants_analyses.Growth(["LSTM", "NFG", "CIFG"], torch.tensor([5.0, 100.0, 0.5]), torch.tensor([5.5, 1700.0, 0.6]), [46, 25, 3], 64)
    text = readings.growth_reading(grown)
    assert "LSTM: 5 early, 5.5 late, 46 of 64 seeds solved" in text and "NFG: grows from 1e+02 to 1.7e+03" in text
    assert "bounded" not in text and "CIFG: 0.5 early, 0.6 late, 3 of 64 seeds solved (its cell is a weighted average" in text


def test_dont_care_reading_follows_the_gates():
    T = 200
    marked, unmarked = torch.full((T,), 0.95), torch.full((T,), 0.01)
    closed, open_ = torch.full((T,), 0.02), torch.full((T,), 0.8)
    base = dict(models=5, marked=marked, unmarked=unmarked, input_marked=open_, output_unmarked=open_, reset=0.1, closed=0.1)
    holds = variants_analyses.DontCare(**base, input_unmarked=closed, read_marked=open_, read_unmarked=closed)
    part = variants_analyses.DontCare(**base, input_unmarked=closed, read_marked=open_, read_unmarked=open_)
    not_ = variants_analyses.DontCare(**base, input_unmarked=open_, read_marked=open_, read_unmarked=open_)
    assert "100% of the unmarked steps are below 0.1" in readings.dont_care_reading(holds)
    assert "goes with an unneeded value" in readings.dont_care_reading(holds) and " is how " not in readings.dont_care_reading(holds)
    assert "only part of it" in readings.dont_care_reading(part)
    assert "some other way than the seed's closed gate" in readings.dont_care_reading(not_)
    assert "no LSTM solved" in readings.dont_care_reading(replace(holds, models=0))


def test_power_summary_reads_the_tests_own_edges_and_only_comparisons_that_found_nothing():
    b = ArenaRun.made_up("adding", "lstm", 40)
    unpaired = variants_analyses.compared(ArenaRun.made_up("adding", "gru", 41), b)
    fewest, most = detectable_counts(40, 64, 64, variants_analyses.CONFIDENCE)
    text = readings.power_summary([unpaired])
    assert f"a gain of at least {round(100 * (fewest - 40) / 64)} points" in text and f"a loss of at least {round(100 * (40 - most) / 64)} points" in text
    # paired: 10 disagreements split 6 to 4, and the share of them that would have had to go one way
    solved = torch.tensor([True] * 36 + [False] * 4 + [True] * 6 + [False] * 18)
    paired = variants_analyses.compared(replace(ArenaRun.made_up("adding", "nig", 0), solved=solved), b)
    assert (paired.a_only, paired.b_only) == (6, 4)
    share = (10 + paired.needed) // 2 / 10 if paired.needed is not None else None
    text = readings.power_summary([paired])
    assert "on each task 10 seeds came out differently" in text
    assert (f"{share:.0%} of them would have had to go one way" in text) if share else "too few for any split" in text
    with pytest.raises(ValueError, match="some here found one"):
        readings.power_summary([variants_analyses.compared(ArenaRun.made_up("adding", "gru", 64), b)])
    with pytest.raises(ValueError, match="no comparisons"):
        readings.power_summary([])


def test_the_sized_rnn_reading_follows_the_numbers():
    assert "not significantly different from the LSTM on any task" in readings.sized_rnn_reading(_arena())
    both = readings.sized_rnn_reading(_arena({"rnn_matched": 64, ("adding", "rnn_matched"): 0}))
    assert "significantly better than the LSTM on abcabC, abcdabcD and stream and worse on adding" in both
    assert readings.sized_rnn_reading(_arena({"rnn_matched": 0})).endswith("significantly worse than the LSTM on abcabC, abcdabcD, adding and stream")
