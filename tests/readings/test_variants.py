"""The variants chapter's readings: sentences and marks chosen by the arena's numbers, on made-up arenas."""

from dataclasses import replace

import torch

from lstm_explained.experiments import variants
from lstm_explained.readings import variants as readings


def _arena(counts=None, default=40):
    return variants.made_up_arena(counts or {}, default)


def test_greff_reading_follows_the_numbers():
    same = readings.greff_reading(_arena())
    assert same[0].startswith("As in Greff et al., no variant beats")
    assert same[1].startswith("No variant is significantly worse")
    assert "cost nothing anywhere" in same[2]
    theirs = readings.greff_reading(_arena({"nfg": 5, "noaf": 5}))
    assert "the forget gate and the output activation, as Greff et al. found" in theirs[1] and "4 of 4" in theirs[1]
    other = readings.greff_reading(_arena({"nig": 5, ("adding", "cifg"): 5, ("stream", "noaf"): 64}))
    assert other[0].startswith("Unlike Greff et al.") and "NOAF on stream" in other[0]
    assert "NIG" in other[1] and "neither of Greff et al.'s two most critical parts" in other[1]
    assert "CIFG is worse on adding" in other[2]


def test_jozefowicz_reading_follows_the_numbers():
    assert readings.jozefowicz_reading(_arena()) == "the GRU and PyTorch's LSTM are indistinguishable on every task, and a forget bias of 1 changes nothing measurable on any task"
    ahead = readings.jozefowicz_reading(_arena({("adding", "gru"): 64, ("adding", "fb1"): 62}))
    assert "the GRU beats PyTorch's LSTM on adding" in ahead and "a forget bias of 1 helps the LSTM on adding" in ahead and "closes it on adding" in ahead
    behind = readings.jozefowicz_reading(_arena({("adding", "gru"): 64}))
    assert "does not close the gap on adding" in behind
    both = readings.jozefowicz_reading(_arena({"gru": 64, ("adding", "fb1"): 62}))
    assert "does not close the gap on abcabC, abcdabcD, stream (the GRU is still significantly ahead) and closes it on adding" in both


def test_tanh_and_gates_readings_follow_the_numbers():
    assert "indistinguishable on every task" in readings.tanh_reading(_arena())
    assert "earns its place" in readings.tanh_reading(_arena({"noaf": 5}))
    assert "is not what makes the LSTM work" in readings.tanh_reading(_arena({"noaf": 64}))
    assert "in both directions" in readings.tanh_reading(_arena({("adding", "noaf"): 64, ("stream", "noaf"): 5}))
    assert readings.gates_reading(_arena()).startswith("None of the three is needed")
    two = readings.gates_reading(_arena({"nig": 5, ("stream", "nfg"): 5, "cifg": 5}))
    assert two.startswith("Two of the three are needed somewhere") and "without the output gate it loses nothing" in two
    assert "GRU, with two gates, is never worse" in two and "CIFG, with two gates, is worse on abcabC, abcdabcD, adding, stream" in two


def test_the_arena_grid_marks_what_differs_from_the_baseline():
    counts, seeds, rows, columns, marks = readings.arena_grid(_arena({("adding", "rnn"): 0}))
    assert counts.shape == (len(variants.CONTESTANTS), len(variants.TASKS)) and seeds == 64
    assert marks == {(rows.index("RNN"), columns.index("adding")): "▼"}


def test_saturation_reading_follows_the_test():
    less = variants.Saturation("abcabC", 0.95, torch.full((20,), 0.2), torch.full((20,), 0.8), 0.0, 1e-8)
    more = variants.Saturation("abcabC", 0.95, torch.full((20,), 0.8), torch.full((20,), 0.2), 1.0, 1e-8)
    none = variants.Saturation("abcabC", 0.95, torch.full((20,), 0.5), torch.full((20,), 0.5), 0.5, 0.7)
    assert "less saturated, as the lecture guessed" in readings.saturation_reading([less]) and "p < 0.0001" in readings.saturation_reading([less])
    assert "the opposite of the lecture's guess" in readings.saturation_reading([more])
    assert "no difference the test can tell" in readings.saturation_reading([none])
    empty = variants.Saturation("stream", 0.95, torch.zeros(0), torch.full((4,), 0.5), float("nan"), float("nan"))
    assert "no RNN solved it" in readings.saturation_reading([empty])


def test_growth_reading_says_which_states_grow():
    grown = variants.Growth(["LSTM", "NFG"], torch.tensor([5.0, 100.0]), torch.tensor([5.5, 1700.0]), [46, 25], 64)
    text = readings.growth_reading(grown)
    assert "LSTM: stays bounded (5 early, 5.5 late), 46 of 64 seeds solved" in text and "NFG: grows from 1e+02 to 1.7e+03" in text


def test_dont_care_reading_follows_the_gates():
    T = 200
    marked, unmarked = torch.full((T,), 0.95), torch.full((T,), 0.01)
    closed, open_ = torch.full((T,), 0.02), torch.full((T,), 0.8)
    base = dict(models=5, marked=marked, unmarked=unmarked, input_marked=open_, output_unmarked=open_, reset=0.1, closed=0.1)
    holds = variants.DontCare(**base, input_unmarked=closed, read_marked=open_, read_unmarked=closed)
    part = variants.DontCare(**base, input_unmarked=closed, read_marked=open_, read_unmarked=open_)
    not_ = variants.DontCare(**base, input_unmarked=open_, read_marked=open_, read_unmarked=open_)
    assert "100% of the unmarked steps are below 0.1" in readings.dont_care_reading(holds)
    assert "as the seed says" in readings.dont_care_reading(holds)
    assert "only part of it" in readings.dont_care_reading(part)
    assert "some other way than the seed's closed gate" in readings.dont_care_reading(not_)
    assert "no LSTM solved" in readings.dont_care_reading(replace(holds, models=0))
