"""The LSTM chapter's exercise solutions state these facts; each test fails when the computation stops bearing one out."""

import math

import pytest

from lstm_explained.exercises import gru_cell as gru_ex
from lstm_explained.exercises import lstm_cell as lstm_ex


@pytest.mark.parametrize("c_start, steps", [(0.7, 50), (-3.0, 500), (0.0, 1)])
def test_an_lstm_unit_held_open_keeps_its_cell_state_and_shows_its_tanh(c_start, steps):
    held = lstm_ex.held_cell(c_start, steps)
    # a gate "held" at 1 is sigma(20) = 1 - 2e-9: 500 steps lose a millionth
    assert held.c == pytest.approx(c_start, rel=1e-5, abs=1e-9)
    assert held.h == pytest.approx(math.tanh(c_start), rel=1e-5, abs=1e-9)


@pytest.mark.parametrize("f, below", [(0.5, 0.01), (0.9, 0.01), (0.99, 0.5)])
def test_a_held_forget_gate_fades_the_cell_state_geometrically(f, below):
    # the first k with f**k < below, as a reader would compute it with a logarithm
    assert lstm_ex.fading(f, below) == math.floor(math.log(below) / math.log(f)) + 1


def test_the_cell_state_grows_by_at_most_one_per_step_and_the_bound_is_reached():
    # |c_t| <= t: a unit that adds g = 0.99 at every step reaches 0.99 t
    assert lstm_ex.held_cell(0.0, 200, i=1.0, g=0.99).c == pytest.approx(198.0, rel=1e-6)
    for seed in range(3):
        largest = lstm_ex.cell_growth(steps=100, seed=seed)
        assert 1 < largest <= 100  # outside (-1, 1), as the solution says, and inside the bound


@pytest.mark.parametrize("size", [(4, 3), (1, 1), (10, 7)])
def test_the_parameter_formulas_count_what_torch_allocates(size):
    assert lstm_ex.parameter_count(*size)[0] == lstm_ex.parameter_count(*size)[1]
    assert gru_ex.parameter_count(*size)[0] == gru_ex.parameter_count(*size)[1]
    assert 4 * gru_ex.parameter_count(*size)[0] == 3 * lstm_ex.parameter_count(*size)[0]


def test_held_gates_outside_their_range_are_named():
    with pytest.raises(ValueError, match="f must lie in \\[0, 1\\], got 1.5"):
        lstm_ex.gated_cell(f=1.5, i=0.0, o=1.0)
    with pytest.raises(ValueError, match="g must lie in \\(-1, 1\\), got 1.0"):
        lstm_ex.gated_cell(f=1.0, i=0.0, o=1.0, g=1.0)
    with pytest.raises(ValueError, match="z must lie in"):
        gru_ex.gated_gru(r=1.0, z=-0.1, n=0.0)
    with pytest.raises(ValueError, match="f must lie in \\(0, 1\\)"):
        lstm_ex.fading(1.0)
