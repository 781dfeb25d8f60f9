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
    assert same[1].startswith("No ablation is significantly better or worse than the LSTM on any task")
    assert "does not test that finding" in same[1]
    assert "neither CIFG nor the peephole LSTM is significantly worse anywhere" in same[2] and "no difference registered" in same[2]
    theirs = readings.greff_reading(_arena({"nfg": 5, "noaf": 5}))
    assert "NFG is significantly worse than the LSTM on abcabC, abcdabcD, adding and stream; NOAF is" in theirs[1]
    other = readings.greff_reading(_arena({"nig": 5, ("adding", "cifg"): 5, ("stream", "noaf"): 64}))
    assert other[0].startswith("With only the learning rate tuned, from three, some variants are significantly better") and "NOAF on stream" in other[0]
    assert "Greff et al., tuning each variant, found none significantly better" in other[0]
    assert "NIG is significantly worse than the LSTM" in other[1]
    assert "CIFG is significantly worse on adding" in other[2] and "no difference registered" in other[2]
    # wins and losses of one ablation are both read, and no ranking of parts is claimed
    mixed = readings.greff_reading(_arena({"nfg": 5, ("adding", "nfg"): 64}))
    assert "NFG is significantly better than the LSTM on adding and worse on abcabC, abcdabcD and stream" in mixed[1]
    assert "most critical parts;" in mixed[1] and "on the most tasks" not in mixed[1]


def test_jozefowicz_reading_follows_the_numbers():
    same = readings.jozefowicz_reading(_arena())
    assert same.startswith("neither the GRU nor PyTorch's LSTM is significantly better on any task (on abcabC")
    assert "a forget bias of 1 makes no difference the test can see on any task (" in same
    ahead = readings.jozefowicz_reading(_arena({("adding", "gru"): 64, ("adding", "fb1"): 62}))
    assert "the GRU beats PyTorch's LSTM on adding" in ahead and "with a forget bias of 1, at its own tuned rate, solves significantly more often on adding" in ahead
    assert "on adding it is significantly above the LSTM and no longer significantly behind the GRU" in ahead
    behind = readings.jozefowicz_reading(_arena({("adding", "gru"): 64}))
    assert "on adding forget bias 1 stays significantly behind the GRU" in behind
    # the referee's case: LSTM 20, GRU 40, forget bias 1 at 27 -- not significantly above the LSTM, so nothing closed
    open_ = readings.jozefowicz_reading(_arena({("adding", "gru"): 40, ("adding", "fb1"): 27}, default=20))
    assert "the test cannot say whether it closes the gap" in open_ and "no longer significantly behind" not in open_


def test_tanh_and_gates_readings_follow_the_numbers():
    caveat = "this alone does not show whether the LSTM needs the tanh"
    assert "not significantly different on any task" in readings.tanh_reading(_arena()) and caveat in readings.tanh_reading(_arena())
    worse = readings.tanh_reading(_arena({"noaf": 5}))
    assert "significantly worse on abcabC, abcdabcD, adding and stream" in worse and caveat in worse
    better = readings.tanh_reading(_arena({"noaf": 64}))
    assert "significantly better on abcabC" in better and caveat in better
    mixed = readings.tanh_reading(_arena({("adding", "noaf"): 64, ("stream", "noaf"): 5}))
    assert "significantly better on adding and worse on stream" in mixed and "on abcabC and abcdabcD no difference registered" in mixed
    same = readings.gates_reading(_arena())
    assert same.startswith("Without the input gate it is not significantly different on any task")
    assert "The GRU has two gates and no separate cell, so it differs in more than its gates: it is not significantly different" in same
    two = readings.gates_reading(_arena({"nig": 5, ("stream", "nfg"): 5, "cifg": 5}))
    assert two.startswith("Without the input gate the LSTM is significantly worse on abcabC, abcdabcD, adding and stream. Without the forget gate")
    assert "Without the forget gate the LSTM is significantly worse on stream; on abcabC, abcdabcD and adding no difference registered" in two
    assert "Without the output gate it is not significantly different on any task" in two
    assert "CIFG couples the input and forget gates: it is significantly worse than the LSTM on abcabC, abcdabcD, adding and stream" in two


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
    assert readings.saturation_reading([less]).startswith("For the small RNN on abcabC the solvers are significantly less saturated than the rest: solving goes with less saturation")
    assert "significantly more saturated than the rest: solving goes with more saturation, against the lecture's picture" in readings.saturation_reading([more])
    assert "the test tells no difference" in readings.saturation_reading([none])
    assert "too few to test" in readings.saturation_reading([empty])
    # a group too small for the test is not tested, and does not join the family
    small = S("abcabC", "rnn_matched", 0.95, torch.full((63,), 0.7), torch.full((1,), 0.9), 0.1, 0.09)
    assert "the LSTM-sized RNN on abcabC fewer than 8 models solved it or fewer than 8 did not, too few to test" in readings.saturation_reading([less, small])
    assert "sharing" not in readings.saturation_reading([less, small])
    every = readings.saturation_reading([less, more, none, empty])
    # one sentence per verdict, each group named once, and the tests' shared level stated
    assert every.count("For ") == 4 and "rank-sum tests sharing 5%, each at" in every
    # the solvers' own saturation is read against the lecture's picture only when they are mostly saturated
    assert "remember while mostly saturated" in readings.saturation_reading([more, none]) and "70% to 80%" in readings.saturation_reading([more, none])
    assert "remember while mostly saturated" not in readings.saturation_reading([less])
    # a p-value that passes 5% alone but not the level the three tests share is no difference
    edge = S("abcabC", "rnn", 0.95, torch.full((20,), 0.2), torch.full((20,), 0.8), 0.0, 0.02)
    assert "For the small RNN on abcabC and the small RNN on stream the test tells no difference" in readings.saturation_reading([edge, none, more])


def test_growth_reading_says_which_states_grow():
    grown = variants_analyses.Growth(["LSTM", "NFG", "CIFG"], torch.tensor([5.0, 100.0, 0.5]), torch.tensor([5.5, 1700.0, 0.6]), [46, 25, 3], 64)
    text = readings.growth_reading(grown)
    assert "LSTM: 5 early, 5.5 late, 46 of 64 seeds solved" in text and "NFG: grows from 100 to 1,700" in text
    assert text.endswith("Whether growing goes with failing the stream is not tested here: NFG grew, and its share solved is compared with the LSTM's above")
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
    assert "some other way than note 002's closed gate" in readings.dont_care_reading(not_)
    assert "no LSTM solved" in readings.dont_care_reading(replace(holds, models=0))


def test_unseen_names_the_tasks_and_the_smallest_difference_the_test_could_see():
    b = ArenaRun.made_up("adding", "lstm", 40)
    unpaired = variants_analyses.compared(ArenaRun.made_up("adding", "gru", 41), b)
    fewest, most = detectable_counts(40, 64, 64, variants_analyses.CONFIDENCE)
    assert readings.detectable_points(unpaired) == pytest.approx(100 * min(fewest - 40, 40 - most) / 64)
    # paired: the gap the seeds that came out differently would have needed, over the pairs
    solved = torch.tensor([True] * 36 + [False] * 4 + [True] * 6 + [False] * 18)
    paired = variants_analyses.compared(replace(ArenaRun.made_up("adding", "nig", 0), solved=solved), b)
    assert (paired.a_only, paired.b_only) == (6, 4)
    assert readings.detectable_points(paired) == (None if paired.needed is None else pytest.approx(100 * paired.needed / 64))
    # only the tasks where nothing registered are named
    text = readings.unseen(_arena({"gru": 41, ("adding", "gru"): 64}), ("gru",))
    assert text.startswith("on abcabC, abcdabcD and stream no difference registered") and "adding" not in text
    assert readings.unseen(_arena({"gru": 64}), ("gru",)) == ""


def test_the_sized_rnn_reading_follows_the_numbers():
    assert "not significantly different from the LSTM on any task" in readings.sized_rnn_reading(_arena())
    both = readings.sized_rnn_reading(_arena({"rnn_matched": 64, ("adding", "rnn_matched"): 0}))
    assert "significantly better than the LSTM on abcabC, abcdabcD and stream and worse on adding" in both
    assert readings.sized_rnn_reading(_arena({"rnn_matched": 0})).endswith("significantly worse than the LSTM on abcabC, abcdabcD, adding and stream")
