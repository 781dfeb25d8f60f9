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


def test_every_template_is_a_whole_sentence():
    for key, template in readings.SENTENCES.items():
        assert template.endswith("."), key
        assert template[0].isupper() or template.startswith("{"), key
        assert "  " not in template and " ," not in template, key


def test_a_standing_is_one_sentence_for_every_count_of_wins_and_losses():
    for counts, said in [({}, "CIFG solves no task significantly more or less often than the LSTM."),
                         ({"cifg": 64}, "CIFG solves significantly more often than the LSTM on all 4 tasks, and less often on none."),
                         ({("adding", "cifg"): 5}, "CIFG solves significantly less often than the LSTM on 1 of the 4 tasks, and more often on none."),
                         ({"cifg": 64, ("adding", "cifg"): 5}, "CIFG solves significantly more often than the LSTM on 3 of the 4 tasks and less often on 1 other.")]:
        assert readings.standing_sentence("CIFG", variants_analyses.standing(_arena(counts), "cifg")) == said


def test_a_lean_the_test_cannot_confirm_is_stated_beside_what_would_have_registered():
    found = variants_analyses.standing(_arena({"peephole": 44}, default=32), "peephole")
    assert readings.lean_sentence("the peephole LSTM", found) == (
        "Where no difference registered, the peephole LSTM's observed difference from the LSTM is +19 percentage points, and only 28 points or more would have registered.")
    assert readings.lean_sentence("X", variants_analyses.standing(_arena({"peephole": 64}, default=32), "peephole")) == ""  # every task differed
    assert "the peephole LSTM's observed difference from the LSTM is +19" in readings.greff_reading(_arena({"peephole": 44}, default=32))[2]


def test_greff_reading_follows_the_numbers():
    same = readings.greff_reading(_arena())
    assert same[0] == "No variant solves any task significantly more often than the LSTM, as Greff et al. found."
    assert "NFG solves no task significantly" in same[1] and "does not test that finding" in same[1] and "Where NOAF" not in same[1]
    assert "CIFG solves no task significantly more or less often than the LSTM." in same[2]
    theirs = readings.greff_reading(_arena({"nfg": 5, "noaf": 5}))
    assert "NFG solves significantly less often than the LSTM on all 4 tasks" in theirs[1] and "it is worse, the way of their finding" in theirs[1]
    other = readings.greff_reading(_arena({"nig": 5, ("adding", "cifg"): 5, ("stream", "noaf"): 64}))
    assert other[0].startswith("With only the learning rate tuned, from three, 1 of the 7 variants solve at least one task significantly more often")
    assert "Greff et al., tuning each variant, found none significantly better." in other[0]
    assert "CIFG solves significantly less often than the LSTM on 1 of the 4 tasks" in other[2]
    # the peephole LSTM is the LSTM with its peepholes: dropping them costs where the peephole LSTM wins
    dropped = readings.greff_reading(_arena({"peephole": 64}))[2]
    assert "PyTorch's LSTM, which has no peepholes, solves significantly less often than the peephole LSTM on all 4 tasks" in dropped
    # wins and losses of one ablation are both read, and no ranking of parts is claimed
    mixed = readings.greff_reading(_arena({"nfg": 5, ("adding", "nfg"): 64}))
    assert "NFG solves significantly more often than the LSTM on 1 of the 4 tasks and less often on 3 others." in mixed[1]
    assert "Where NOAF" not in mixed[1] and "on the most tasks" not in mixed[1]


def test_the_readings_flag_a_difference_where_either_side_sat_at_an_edge_of_the_rate_grid():
    def at(rates):
        return [replace(r, setting=replace(r.setting, lr=rates.get((r.setting.contestant, r.setting.task), 0.03))) for r in runs]

    runs = _arena({("adding", "cifg"): 64, ("stream", "cifg"): 64, ("adding", "nig"): 5})
    # the LSTM at the top on one of CIFG's wins
    assert "In 1 of these 2 significant differences, one of the two cells trained at an edge of the rate grid (0.01 or 0.1)" in readings.greff_reading(at({("lstm", "adding"): 0.1}))[0]
    # the loser at the bottom counts as much as the winner's rival at the top
    assert "In 1 of these 2 significant differences" in readings.greff_reading(at({("cifg", "stream"): 0.01}))[0]
    assert "In this significant difference, one of the two cells trained at an edge" in readings.gates_reading(at({("nig", "adding"): 0.01}))
    assert "edge of the rate grid" not in readings.greff_reading(at({}))[0] and "edge of the rate grid" not in readings.gates_reading(at({}))


def test_jozefowicz_reading_follows_the_numbers():
    same = readings.jozefowicz_reading(_arena())
    assert same.startswith("The GRU solves no task significantly more or less often than the LSTM.")
    assert same.endswith("The GRU beats the LSTM on no task, so there is no gap for a forget bias of 1 to close.")
    ahead = readings.jozefowicz_reading(_arena({("adding", "gru"): 64, ("adding", "fb1"): 62}))
    assert "The GRU solves significantly more often than the LSTM on 1 of the 4 tasks" in ahead
    assert "forget bias of 1, at its own tuned rate, solves significantly more often than with PyTorch's initial biases on 1 of the 4 tasks" in ahead
    assert "On the one task where the GRU beats the LSTM, forget bias 1 is significantly above the LSTM and no longer significantly behind the GRU" in ahead
    behind = readings.jozefowicz_reading(_arena({("adding", "gru"): 64}))
    assert behind.endswith("On the one task where the GRU beats the LSTM, forget bias 1 stays significantly behind the GRU.")
    # the referee's case: LSTM 20, GRU 40, forget bias 1 at 27 -- not significantly above the LSTM, so nothing closed
    open_ = readings.jozefowicz_reading(_arena({("adding", "gru"): 40, ("adding", "fb1"): 27}, default=20))
    assert "the tests cannot say whether it closes the gap" in open_ and "no longer significantly behind" not in open_


def test_tanh_and_gates_readings_follow_the_numbers():
    caveat = "This alone does not show whether the LSTM needs the tanh."
    same = readings.tanh_reading(_arena())
    assert same.startswith("Without the tanh (NOAF), the LSTM solves no task significantly") and same.endswith(caveat)
    assert "not bounded" in same
    worse = readings.tanh_reading(_arena({"noaf": 5}))
    assert "significantly less often than with it on all 4 tasks" in worse and "not bounded" in worse and worse.endswith(caveat)
    better = readings.tanh_reading(_arena({"noaf": 64}))
    assert "significantly more often than with it on all 4 tasks" in better and "not bounded" not in better
    assert "Each trained at a rate chosen from only three." in better and better.endswith(caveat)
    # made-up runs share one rate: each win is an ablation at that rate, and the page may say so
    assert "On all 4 tasks where NOAF won, the two trained at the same learning rate" in better and "at each rate and on each task" in better
    apart = [replace(r, setting=replace(r.setting, lr=0.1 if r.setting.contestant == "noaf" and r.setting.task != "adding" else 0.03)) for r in _arena({"noaf": 64})]
    assert "On the one task where NOAF won, the two trained at the same learning rate" not in readings.tanh_reading(apart)
    assert "On 1 of the 4 tasks where NOAF won, the two trained at the same learning rate" in readings.tanh_reading(apart)
    assert "at that rate and on that task." in readings.tanh_reading(apart)
    assert "same learning rate" not in readings.tanh_reading(_arena({"noaf": 5}))  # no win, nothing to call an ablation
    mixed = readings.tanh_reading(_arena({("adding", "noaf"): 64, ("stream", "noaf"): 5}))
    assert "more often than with it on 1 of the 4 tasks and less often on 1 other." in mixed and "not bounded" in mixed
    same = readings.gates_reading(_arena())
    assert same.startswith("With one gate taken out (NIG, NFG or NOG), no significant difference from the LSTM registered on any of the 12 gate–task pairs.")
    assert "made" not in same.split(". ")[0]  # nothing found is not read as an effect, nor as its absence
    assert "The GRU has two gates and no separate cell, so it differs from the LSTM in more than its gates. It solves no task" in same
    two = readings.gates_reading(_arena({"nig": 5, ("stream", "nfg"): 5, ("adding", "nog"): 64, "cifg": 5}))
    assert two.startswith("With one gate taken out (NIG, NFG or NOG), each at its own tuned rate, the cell solved significantly less often than the LSTM on 5 of the 12 gate–task pairs and more often on 1;")
    # the made-up arena trains every contestant at one rate: each difference is then an ablation of the gate alone
    assert "In each of these 6, the two trained at the same learning rate from the same weights and batches" in two
    apart = [replace(r, setting=replace(r.setting, lr=0.1 if r.setting.contestant == "nig" else 0.03)) for r in _arena({"nig": 5, ("adding", "nog"): 64})]
    assert "In 4 of these 5, the two trained at different learning rates (marked †), so there a gate and a rate changed together." in readings.gates_reading(apart)
    assert "CIFG couples the input and forget gates. It solves significantly less often than the LSTM on all 4 tasks" in two


def test_the_rates_reading_counts_the_significant_differences_at_other_rates():
    assert readings.rates_reading(_arena()) == "No comparison with the LSTM found a significant difference."
    assert readings.rates_reading(_arena({"gru": 64})) == "In every significant difference from the LSTM the two cells trained at the same learning rate."
    runs = [replace(r, setting=replace(r.setting, lr=0.1 if r.setting.contestant == "gru" and r.setting.task == "adding" else 0.03))
            for r in _arena({"gru": 64, "nfg": 5})]
    assert readings.rates_reading(runs).startswith("In 1 of the 8 significant differences from the LSTM the two cells trained at different")


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
    assert readings.saturation_reading([less]).startswith("In the one group tested, the solvers are significantly less saturated than the rest: solving goes with less saturation")
    assert "significantly more saturated than the rest: solving goes with more saturation, against the lecture's picture" in readings.saturation_reading([more])
    assert "the test tells no difference" in readings.saturation_reading([none])
    assert readings.saturation_reading([empty]).startswith("The one group had fewer than 8 models on one side, too few to test.")
    # a group too small for the test is not tested, and does not join the family
    small = S("abcabC", "rnn_matched", 0.95, torch.full((63,), 0.7), torch.full((1,), 0.9), 0.1, 0.09)
    assert "1 of the 2 groups had fewer than 8 models on one side" in readings.saturation_reading([less, small])
    assert "share 5%" not in readings.saturation_reading([less, small])
    every = readings.saturation_reading([less, more, none, empty])
    # one sentence per verdict, counted over the groups tested, and the tests' shared level stated
    assert every.startswith("The 3 rank-sum tests share 5%, each made at 1.67% (Bonferroni).")
    assert "In 1 of the 3 groups tested, the solvers are significantly less" in every and "1 of the 4 groups had fewer" in every
    # the solvers' own saturation is read against the lecture's picture only when they are mostly saturated
    assert "remember while mostly saturated" in readings.saturation_reading([more, none]) and "70% to 80%" in readings.saturation_reading([more, none])
    assert "remember while mostly saturated" not in readings.saturation_reading([less])
    # a p-value that passes 5% alone but not the level the three tests share is no difference
    edge = S("abcabC", "rnn", 0.95, torch.full((20,), 0.2), torch.full((20,), 0.8), 0.0, 0.02)
    assert "In 2 of the 3 groups tested, the test tells no difference" in readings.saturation_reading([edge, none, more])


def test_growth_reading_says_which_states_grow():
    grown = variants_analyses.Growth(["LSTM", "NFG", "CIFG"], torch.tensor([5.0, 100.0, 0.5]), torch.tensor([5.5, 1700.0, 0.6]), [46, 25, 3], 64)
    text = readings.growth_reading(grown)
    assert text.startswith("For NFG, the largest |c| grows 17-fold along the stream, from 100 early on to 1,700 at its end.")
    assert text.endswith("each cell's share solved is compared with the LSTM's above.") and "CIFG's cell is a weighted average" in text
    two = replace(grown, end=torch.tensor([50.0, 1700.0, 0.6]))
    assert readings.growth_reading(two).startswith("For 2 of the 3 cells shown (marked in the table), the largest |c| grows along the stream, from 10.0- to 17.0-fold")
    flat = replace(grown, labels=["LSTM", "NFG"], start=torch.tensor([5.0, 5.0]), end=torch.tensor([5.0, 6.0]))
    assert readings.growth_reading(flat) == "None of the 2 cells' largest |c| grows more than 2-fold from early in the stream to its end."


def test_dont_care_reading_follows_the_gates():
    T = 200
    marked, unmarked = torch.full((T,), 0.95), torch.full((T,), 0.01)
    closed, open_ = torch.full((T,), 0.02), torch.full((T,), 0.8)
    base = dict(models=5, marked=marked, unmarked=unmarked, input_marked=open_, output_unmarked=open_, reset=0.1, closed=0.1)
    holds = variants_analyses.DontCare(**base, input_unmarked=closed, read_marked=open_, read_unmarked=closed)
    part = variants_analyses.DontCare(**base, input_unmarked=closed, read_marked=open_, read_unmarked=open_)
    not_ = variants_analyses.DontCare(**base, input_unmarked=open_, read_marked=open_, read_unmarked=open_)
    assert readings.dont_care_reading(holds).startswith("On the 5 LSTMs that solved the adding problem, the answer's sensitivity")
    assert "100% of the unmarked steps are below 0.1" in readings.dont_care_reading(holds)
    assert "goes with an unneeded value" in readings.dont_care_reading(holds) and " is how " not in readings.dont_care_reading(holds)
    assert "only part of it" in readings.dont_care_reading(part)
    assert "a closed input gate is not the main way these models ignore them" in readings.dont_care_reading(not_)
    # each verdict says only what its condition tests: most unneeded steps closed in the read unit, and twice the marked share
    mostly = variants_analyses.DontCare(**base, input_unmarked=closed, read_marked=torch.tensor([0.02] * 120 + [0.8] * 80), read_unmarked=torch.tensor([0.02] * 180 + [0.8] * 20))
    text = readings.dont_care_reading(mostly)  # closed at 90% of unneeded steps but 60% of marked: not twice as often
    assert "only part of it" in text and "open at most unneeded steps or closed there at most twice as often" in text
    assert "No LSTM solved" in readings.dont_care_reading(replace(holds, models=0))


def test_detectable_points_is_the_edge_on_the_observed_side_or_the_split_the_pairs_needed():
    b = ArenaRun.made_up("adding", "lstm", 40)
    unpaired = variants_analyses.compared(ArenaRun.made_up("adding", "gru", 41), b)
    fewest, most = detectable_counts(40, 64, 64, variants_analyses.CONFIDENCE)
    assert readings.detectable_points(unpaired) == pytest.approx(100 * (fewest - 40) / 64)
    below = variants_analyses.compared(ArenaRun.made_up("adding", "gru", 39), b)
    assert readings.detectable_points(below) == pytest.approx(100 * (40 - most) / 64)
    # paired: the gap the seeds that came out differently would have needed, over the pairs
    solved = torch.tensor([True] * 36 + [False] * 4 + [True] * 6 + [False] * 18)
    paired = variants_analyses.compared(replace(ArenaRun.made_up("adding", "nig", 0), solved=solved), b)
    assert (paired.a_only, paired.b_only) == (6, 4)
    assert readings.detectable_points(paired) == (None if paired.needed is None else pytest.approx(100 * paired.needed / 64))


def test_the_sized_rnn_reading_follows_the_numbers():
    assert readings.sized_rnn_reading(_arena()).endswith("solves no task significantly more or less often than the LSTM.")
    both = readings.sized_rnn_reading(_arena({"rnn_matched": 64, ("adding", "rnn_matched"): 0}))
    assert "more often than the LSTM on 3 of the 4 tasks and less often on 1 other. Both trained with the same budget" in both
    assert readings.sized_rnn_reading(_arena({"rnn_matched": 0})).endswith("significantly less often than the LSTM on all 4 tasks, and more often on none.")


@pytest.mark.parametrize(
    "losses, second",
    [
        ({"lstm": 0.2, "gru": 0.2, "rnn": 0.2}, "Every other cell shown ends at that same loss."),
        ({"lstm": 0.1, "gru": 0.2, "rnn": 0.3}, "Every other cell shown ends higher, the RNN highest at 0.3."),
        ({"lstm": 0.1, "gru": 0.1, "rnn": 0.3}, "The GRU ends as low, and the RNN highest, at 0.3."),
        ({"lstm": 0.3, "gru": 0.1, "nfg": 0.1, "rnn": 0.3}, "The GRU and NFG end lowest, at 0.1, and no cell shown ends above the LSTM."),
        ({"lstm": 0.2, "rnn_matched": 0.1, "fb1": 0.4}, "The LSTM-sized RNN ends lowest, at 0.1, and the LSTM with forget bias 1 highest, at 0.4."),
    ],
)
def test_the_loss_reading_holds_at_ties_and_on_either_side_of_the_lstm(losses, second):
    text = readings.loss_reading(losses, "adding", "squared error")
    first, rest = text.split(". ", 1)
    assert first.startswith("Over the last tenth of training on adding, the LSTM's median squared error is ")
    assert rest == second


def test_the_loss_reading_separates_losses_that_round_alike():
    text = readings.loss_reading({"lstm": 0.012341, "gru": 0.012344, "rnn": 0.5}, "stream", "cross-entropy")
    assert "is 0.012341." in text and "at 0.012344" not in text  # the GRU is not the lowest: it is above the LSTM
    assert text.endswith("Every other cell shown ends higher, the RNN highest at 0.5.")
    with pytest.raises(ValueError, match="baseline"):
        readings.loss_reading({"gru": 0.1, "rnn": 0.2}, "stream", "cross-entropy")


def test_final_losses_read_the_end_of_each_history_not_one_batch():
    falling = torch.linspace(1.0, 0.0, 100).repeat(64, 1).T.contiguous()
    falling[-1] = 5.0  # one bad last batch moves the mean of the last ten, not to 5
    runs = [replace(r, history=falling) for r in _arena()]
    found = variants_analyses.final_losses(runs, "adding", ["lstm", "gru"])
    assert found["lstm"] == found["gru"] == pytest.approx((falling[-10:, 0].sum() / 10).item())
    assert found["lstm"] < 1.0
    with pytest.raises(ValueError, match="no run of"):
        variants_analyses.final_losses(runs, "adding", ["transformer"])
    with pytest.raises(ValueError, match="tail"):
        variants_analyses.final_losses(runs, "adding", ["lstm"], tail=0)


def test_the_loss_reading_takes_its_digits_from_the_values_it_prints():
    # two cells between the extremes round alike at three digits; the printed three need no more
    text = readings.loss_reading({"lstm": 0.0143, "gru": 0.0005, "nog": 0.012341, "nig": 0.012344, "nfg": 0.1686}, "adding", "squared error")
    assert "is 0.0143." in text and "at 0.0005," in text and "at 0.169." in text
