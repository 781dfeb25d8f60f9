"""The gates chapter's measurements, on traces whose answers are known, and on a trained model."""

import pytest
import torch

from lstm_explained import trace
from lstm_explained.experiments import gates, trained
from lstm_explained.tasks import toy
from lstm_explained.tracing import LSTMTrace


def made_up(f, g=None, c=None, h=None):
    f = torch.tensor(f)
    half = torch.full_like(f, 0.5)
    return LSTMTrace(half, f, half if g is None else torch.tensor(g), half, half if c is None else torch.tensor(c), half if h is None else torch.tensor(h))


def test_a_forget_gate_that_keeps_one_unit_and_clears_the_other():
    found = gates.read_gates(made_up([[0.95, 0.02], [0.5, 0.5], [0.97, 0.03], [0.5, 0.5]]), "abab", period=2)
    assert found.keep_and_clear == 0.5 and found.largest_f == pytest.approx(0.97)
    assert [char for char, _ in found.forget_by_position] == ["a", "b"]
    assert found.forget_by_position[0][1] == pytest.approx([0.96, 0.025])


def test_a_forget_gate_that_is_always_shut_is_read_as_such():
    found = gates.read_gates(made_up([[0.02, 0.05]] * 4), "abab", period=2)
    assert found.keep_and_clear == 0.0
    assert found.largest_f == pytest.approx(0.05)
    middle = gates.read_gates(made_up([[0.5, 0.6]] * 4), "abab", period=2)
    assert middle.keep_and_clear == 0.0 and middle.largest_f == pytest.approx(0.6)


def test_the_order_of_the_stages_is_measured_not_assumed():
    binary = [[0.99, -0.95]] * 2
    graded = [[0.2, -0.3]] * 2
    assert gates.read_gates(made_up([[0.5, 0.5]] * 2, g=binary, c=binary, h=graded), "ab", 2).order_holds
    assert not gates.read_gates(made_up([[0.5, 0.5]] * 2, g=graded, c=binary, h=graded), "ab", 2).order_holds


@pytest.mark.parametrize("args, message", [
    ((made_up([[0.5]] * 4), "abab", 0), "period must be a positive int"),
    ((made_up([[0.5]] * 4), "abab", 5), "period 5 is longer than the trace"),
    ((made_up([[0.5]] * 4), "ab", 2), "text of at least T characters"),
])
def test_read_gates_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        gates.read_gates(*args)


def test_on_a_trained_model_the_numbers_are_the_traces():
    chosen = trained.first_that_remembers("lstm", "abaB", hidden=2, steps=300, seeds=range(3))
    text = toy.sequence("abaB")
    x, _, _ = toy.next_char_task(text)
    with torch.no_grad():
        tr = trace(chosen.model.rnn, x)
    found = gates.read_gates(tr, text, period=4)
    assert found.near_limits["f"] == pytest.approx(((tr.f < 0.1) | (tr.f > 0.9)).float().mean().item())
    assert found.near_one["h"] == pytest.approx((tr.h.abs() > 0.9).float().mean().item())
    assert chosen.stuck == 2
