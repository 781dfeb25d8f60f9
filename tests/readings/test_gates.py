"""The gates readings: what the forget gate does, a gate value in a word, and the seeds tried."""

import pytest
import torch

from lstm_explained.experiments import gates, trained
from lstm_explained.readings import gates as gates_readings
from lstm_explained.tracing import LSTMTrace


def made_up(f):
    f = torch.tensor(f)
    half = torch.full_like(f, 0.5)
    return LSTMTrace(half, f, half, half, half, half)


def test_a_forget_gate_that_keeps_one_unit_and_clears_the_other():
    found = gates.read_gates(made_up([[0.95, 0.02], [0.5, 0.5], [0.97, 0.03], [0.5, 0.5]]), "abab", period=2)
    assert gates_readings.forget_reading(found).startswith("At 50% of all steps this forget gate keeps one unit")


def test_a_forget_gate_that_is_always_shut_is_read_as_such():
    found = gates.read_gates(made_up([[0.02, 0.05]] * 4), "abab", period=2)
    assert "never does" in gates_readings.forget_reading(found) and "at most 0.050" in gates_readings.forget_reading(found)
    middle = gates.read_gates(made_up([[0.5, 0.6]] * 4), "abab", period=2)
    assert "passes fractions" in gates_readings.forget_reading(middle)


@pytest.mark.parametrize("value, word", [(0.95, "keeps"), (0.02, "clears"), (0.5, "passes 0.50")])
def test_a_forget_gate_value_in_a_word(value, word):
    assert gates_readings.forget_verdict(value) == word


def test_the_start_reading_counts_the_seeds_that_got_stuck():
    chosen = trained.first_that_remembers("lstm", "abaB", hidden=2, steps=300, seeds=range(3))
    assert "2 that did not learn to remember" in gates_readings.start_reading(chosen)
    first = trained.Chosen(None, None, None, 0, [(0, True)])
    assert gates_readings.start_reading(first).startswith("in this build the first seed tried learned it")


@pytest.mark.parametrize("shares", [
    {"i": 0.62, "f": 0.05, "o": 0.31}, {"i": 1.0, "f": 0.999, "o": 0.4}, {"i": 1.0, "f": 1.0, "o": 1.0},
    {"i": 0.0, "f": 0.0, "o": 0.5}, {"i": 0.0, "f": 0.0, "o": 0.0}, {"i": 0.5, "f": 0.2, "o": 0.2},
])
def test_the_limits_reading_names_a_tie_as_one_and_never_a_gate_twice(shares):
    from lstm_explained.readings.gates import GATE_NAMES, limits_reading

    text = limits_reading(shares)
    assert "$" not in text and "`" not in text
    shown = {g: round(100 * v) for g, v in shares.items()}
    for gate, name in GATE_NAMES.items():
        assert text.count(name) <= 1, text  # one gate is never both the closest and the furthest
    if len(set(shown.values())) == 1:
        assert "equally near the limits" in text and f"{shown['i']}%" in text
    else:
        top, bottom = max(shown.values()), min(shown.values())
        closest = text.split(" nearest the limits ")[0]
        furthest = text.split("furthest")[0].rsplit(") and ", 1)[-1]
        assert all((GATE_NAMES[g] in closest) == (v == top) for g, v in shown.items()), text
        assert all((GATE_NAMES[g] in furthest) == (v == bottom) for g, v in shown.items()), text
        assert f"({top}% of" in text and f"({bottom}%)" in text


def test_the_remembers_reading_says_what_is_predicted_after_each_a():
    yes, no = gates_readings.remembers_reading(True), gates_readings.remembers_reading(False)
    assert '"b" after the first and "B" after the second' in yes and "does not" in no
    assert "correctly" not in yes + no and "`" not in yes + no


@pytest.mark.parametrize(("switching", "words"), [
    ({"i": (2, 2), "f": (2, 2), "o": (2, 2)}, "Every one of the 6 gate units"),
    ({"i": (1, 2), "f": (0, 2), "o": (0, 2)}, "only 1 of the 6 gate units"),
    ({"i": (0, 2), "f": (0, 2), "o": (0, 2)}, "none of the 6 gate units"),
    ({"i": (2, 2), "f": (2, 2), "o": (1, 2)}, "the other 1 stays on one side throughout, so it acts as a constant"),
])
def test_the_switching_reading_tells_a_constant_from_a_switch(switching, words):
    text = gates_readings.switching_reading(switching)
    assert words in text
    assert ("not the same as switching" in text) == (sum(s for s, _ in switching.values()) < 6)


def test_a_gate_pinned_at_one_limit_is_near_it_but_does_not_switch():
    import torch

    from lstm_explained.experiments.gates import read_gates
    from lstm_explained.tracing import LSTMTrace

    shut = torch.full((4, 2), 0.01)
    flips = torch.tensor([[0.01, 0.01], [0.99, 0.01], [0.01, 0.01], [0.99, 0.01]])
    found = read_gates(LSTMTrace(flips, shut, shut, shut, shut, shut), "abab", 2)
    assert found.near_limits["f"] == 1.0 and found.switching["f"] == (0, 2)
    assert found.switching["i"] == (1, 2)
