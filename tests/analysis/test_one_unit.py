"""One unit of one step: the products are the cell's, and the unit chosen is the one that moves most."""

import pytest
import torch

from lstm_explained import trace
from lstm_explained.analysis.one_unit import UnitStep, unit_step


@pytest.fixture(scope="module")
def tr():
    torch.manual_seed(3)
    lstm = torch.nn.LSTM(4, 5)
    with torch.no_grad():
        return trace(lstm, torch.randn(12, 4))


def test_the_parts_add_up_to_the_cell_state_and_the_output_to_h(tr):
    for t in (0, 1, 7, 11):
        for unit in range(5):
            s = unit_step(tr, t, unit)
            assert s.kept + s.written == pytest.approx(s.c, abs=1e-6)
            assert s.o * s.tanh_c == pytest.approx(s.h, abs=1e-6)
            assert s.c_prev == (0.0 if t == 0 else pytest.approx(tr.c[t - 1, unit].item()))


def test_without_a_unit_it_takes_the_one_whose_cell_state_moves_most(tr):
    moves = (tr.c[6] - tr.c[5]).abs()
    assert unit_step(tr, 6).unit == int(moves.argmax())
    # and not simply the largest cell state, which can be another unit
    others = [u for u in range(5) if u != int(moves.argmax())]
    assert all(abs(unit_step(tr, 6, u).c - unit_step(tr, 6, u).c_prev) < abs(unit_step(tr, 6).c - unit_step(tr, 6).c_prev) for u in others)


def test_bad_input_is_named(tr):
    with pytest.raises(ValueError, match="t must be an int in 0..11, got 12"):
        unit_step(tr, 12)
    with pytest.raises(ValueError, match="unit must be an int in 0..4, got 5"):
        unit_step(tr, 0, 5)
    with pytest.raises(TypeError, match="must be an LSTMTrace, got RNNTrace"):
        unit_step(trace(torch.nn.RNN(4, 5), torch.randn(3, 4)), 0)
    batched = trace(torch.nn.LSTM(4, 5, batch_first=True), torch.randn(2, 3, 4))
    with pytest.raises(ValueError, match="one sequence"):
        unit_step(batched, 0)
    assert UnitStep._fields[:3] == ("t", "unit", "c_prev")
