"""The gates readings: what the forget gate does, a gate value in a word, and the seeds tried."""

import re

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
    assert gates_readings.forget_reading(found).startswith("At 50% of the steps the forget gate keeps one unit")


def test_a_forget_gate_that_is_always_shut_is_read_as_such():
    found = gates.read_gates(made_up([[0.02, 0.05]] * 4), "abab", period=2)
    assert "never keeps one unit while clearing another: it stays below 0.1" in gates_readings.forget_reading(found)
    assert "at most 0.05." in gates_readings.forget_reading(found)
    middle = gates.read_gates(made_up([[0.5, 0.6]] * 4), "abab", period=2)
    assert "passes fractions" in gates_readings.forget_reading(middle)
    # a gate that keeps every unit at every step is not said to pass fractions
    kept = gates.read_gates(made_up([[0.95, 0.97]] * 4), "abab", period=2)
    assert gates_readings.forget_reading(kept) == "The forget gate keeps every unit at every step (never below 0.95): it never clears one."
    # a split at a sliver of the steps is not printed as 0%
    rare = gates.GateReading({}, {}, [], 0.001, 0.99)
    assert gates_readings.forget_reading(rare).startswith("At fewer than 1% of the steps")


@pytest.mark.parametrize("value, word", [(0.95, "keeps"), (0.02, "clears"), (0.5, "passes 0.50")])
def test_a_forget_gate_value_in_a_word(value, word):
    assert gates_readings.forget_verdict(value) == word


def test_the_start_reading_counts_the_seeds_that_got_stuck():
    chosen = trained.first_that_remembers("lstm", "abaB", hidden=2, steps=300, seeds=range(3))
    assert gates_readings.start_reading(chosen) == "Of the first 3 seeds tried in this build, 2 did not learn to remember, so not every start learns it."
    first = trained.Chosen(None, None, None, 0, [(0, True)])
    assert gates_readings.start_reading(first).startswith("In this build the first seed tried learned it")


@pytest.mark.parametrize("shares", [
    {"i": 0.62, "f": 0.05, "o": 0.31}, {"i": 1.0, "f": 0.999, "o": 0.4}, {"i": 1.0, "f": 1.0, "o": 1.0},
    {"i": 0.0, "f": 0.0, "o": 0.5}, {"i": 0.0, "f": 0.0, "o": 0.0}, {"i": 0.5, "f": 0.2, "o": 0.2},
    {"i": 0.996, "f": 0.998, "o": 0.999}, {"i": 0.004, "f": 0.0, "o": 0.3},
])
def test_the_limits_reading_names_a_tie_as_one_and_never_a_gate_twice(shares):
    from lstm_explained.readings.gates import GATE_NAMES, limits_reading

    text = limits_reading(shares)
    assert "$" not in text and "`" not in text
    shown = {g: round(100 * v) for g, v in shares.items()}
    for gate, name in GATE_NAMES.items():
        assert text.lower().count(name) <= 1, text  # one gate is never both the closest and the furthest
    assert text.endswith(".") and text[0].isupper()  # never a numeral first
    # a share is printed as all (100%) or none (0%) only when it is exactly that
    assert ("100%" in text) <= any(v == 1 for v in shares.values()) and ("(0%)" in text) <= any(v == 0 for v in shares.values())
    if set(shares.values()) == {0.0}:
        assert text == "No value of any gate lies below 0.1 or above 0.9."
    elif set(shares.values()) == {1.0}:
        assert text == "Every value of every gate lies below 0.1 or above 0.9."
    elif len(set(shown.values())) == 1:
        assert text.endswith("of the values of each gate lie below 0.1 or above 0.9.")
    else:
        top, bottom = max(shown.values()), min(shown.values())
        closest = text.split(" nearest the limits ")[0].lower()
        furthest = text.split("furthest")[0].rsplit(") and ", 1)[-1]
        assert all((GATE_NAMES[g] in closest) == (v == top) for g, v in shown.items()), text
        assert all((GATE_NAMES[g] in furthest) == (v == bottom) for g, v in shown.items()), text


def test_the_remembers_reading_says_what_is_predicted_after_each_a():
    yes, no = gates_readings.remembers_reading(True), gates_readings.remembers_reading(False)
    assert '"b" after the first "a" and "B" after the second' in yes and "does not" in no and "last repetition" in yes + no
    assert "correctly" not in yes + no and "`" not in yes + no


@pytest.mark.parametrize(("switching", "words"), [
    ({"i": (2, 2), "f": (2, 2), "o": (2, 2)}, "All 6 gate units take values below 0.1 at one step and above 0.9 at another: they switch."),
    ({"i": (1, 2), "f": (0, 2), "o": (0, 2)}, "of the 6 gate units (one per gate and hidden unit), 1 takes values below 0.1 at one step and above 0.9 at another, and the other 5 never do."),
    ({"i": (0, 2), "f": (0, 2), "o": (0, 2)}, "none of the 6 gate units takes values"),
    ({"i": (2, 2), "f": (2, 2), "o": (1, 2)}, "of the 6 gate units (one per gate and hidden unit), 5 take values below 0.1 at one step and above 0.9 at another, and the other 1 never does."),
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


@pytest.mark.parametrize("g, c, h", [(0.9, 0.5, 0.1), (0.452, 0.454, 0.1), (0.5, 0.5, 0.5), (0.0, 0.0, 0.0), (0.1, 0.5, 0.9), (1.0, 1.0, 0.0)])
def test_the_ordering_sentence_never_contradicts_the_shares_it_prints(g, c, h):
    """Ties, zeros, near-ties and a reversed order: the printed shares read in order agree with the verdict."""
    reading = gates.GateReading({}, {"g": g, "c": c, "h": h}, [], 0.0, 0.5)
    for sentence in (gates_readings.beyond_reading(reading, "this model"), gates_readings.ordering_summary(reading)):
        printed = [float(p) for p in re.findall(r"(\d+(?:\.\d+)?)%", sentence)]
        assert len(printed) == 3 and sentence.endswith(".")
        assert ("does not hold" not in sentence) == (printed[0] >= printed[1] >= printed[2])


def test_the_forget_summary_says_where_memory_lives_only_where_the_gate_settles_it():
    from lstm_explained.experiments.gates import GateReading

    shut = gates_readings.forget_summary(GateReading({}, {}, [], 0.0, 0.05))
    assert "carries what it remembers in h" in shut and "0.05" in shut
    split = gates_readings.forget_summary(GateReading({}, {}, [], 0.004, 0.99))
    assert "fewer than 1% of the steps" in split and "in h" not in split
    open_ = gates_readings.forget_summary(GateReading({}, {}, [], 0.0, 0.99, smallest_f=0.95))
    assert open_ == "Its forget gate keeps every unit at every step (never below 0.95)."
