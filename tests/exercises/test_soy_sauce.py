"""The soy-sauce chapter's exercise solutions state these facts; each test fails when the computation stops bearing one out."""

import math

import pytest
import torch

from lstm_explained.exercises import lstm_cell as lstm_ex
from lstm_explained.exercises import soy_sauce as ex


@pytest.mark.parametrize("seed, input_size, hidden", [(0, 3, 2), (1, 3, 2), (2, 5, 4)])
def test_the_first_brew_is_an_rnn_step_fed_the_lstms_third_brew(seed, input_size, hidden):
    found = ex.first_brew(steps=8, input_size=input_size, hidden=hidden, seed=seed)
    assert found.first_step < 1e-12  # both read h_0 = 0
    assert found.fed < 1e-12  # the same formula, fed the same h_{t-1}
    assert found.later_steps > 1e-2  # fed its own h, the RNN parts from g
    assert found.closest_later > 1e-3  # and at every later step, not only at some: the solution says "at every later step"


@pytest.mark.parametrize("input_size, hidden", [(3, 2), (1, 1), (10, 7)])
def test_the_state_and_parameter_counts_are_the_equations(input_size, hidden):
    found = ex.carried(input_size, hidden)
    block = hidden * input_size + hidden * hidden + 2 * hidden  # W_i*, W_h*, b_i*, b_h* of one block
    assert (found.rnn_state, found.lstm_state) == (hidden, 2 * hidden)
    assert found.rnn_parameters == found.first_brew_parameters == block
    assert found.lstm_parameters == 4 * block == lstm_ex.parameter_count(input_size, hidden)[0]


@pytest.mark.parametrize("steps, g", [(10, 0.5), (3, -0.9), (50, 0.1)])
def test_a_closed_output_gate_hides_what_the_cell_keeps_in_either_order(steps, g):
    found = ex.kept_unseen(steps, g)
    assert found.c == pytest.approx(steps * g, rel=1e-6)  # c_t = c_{t-1} + g
    assert abs(found.h) < 1e-8 and abs(found.h_other_order) < 1e-7  # o = sigma(-20) = 2e-9
    assert found.h_open == pytest.approx(math.tanh(steps * g), rel=1e-6)


def test_the_other_order_never_shows_less_than_the_cell():
    # the derivation, on a grid of gates and cell states: |tanh(o c)| >= |o tanh(c)|, equal at o = 0 and o = 1
    o = torch.linspace(0, 1, 101, dtype=torch.float64)[:, None]
    c = torch.linspace(0.1, 10, 100, dtype=torch.float64)
    c = torch.cat([-c, torch.zeros(1, dtype=torch.float64), c])[None, :]
    gap = torch.tanh(o * c).abs() - (o * torch.tanh(c)).abs()
    assert gap.min() >= 0
    assert gap[[0, -1]].abs().max() < 1e-15
    assert (gap[1:-1, c[0] != 0] > 0).all() and (gap[:, c[0] == 0] == 0).all()  # strictly inside: concavity is strict
    for seed in range(4):
        found = ex.order_gap(seed=seed)
        assert found.smallest >= 0 and found.largest > 0.1 and found.pairs == 200 * 8


def test_the_order_reading_counts_a_zero_gap_as_no_exception():
    assert ex.order_reading(0.0) == ex.order_reading(0.5) == "is never negative"
    assert ex.order_reading(-1e-300).startswith("is negative somewhere")


@pytest.mark.parametrize("seed", range(3))
def test_coupling_the_gates_holds_the_cell_state_within_one(seed):
    # a weighted average of c_{t-1} and g_t in (-1, 1); one rounding step of slack
    assert 0.9 < ex.coupled_growth(seed=seed) <= 1 + 1e-12
    assert lstm_ex.cell_growth(seed=seed) > 1  # the LSTM's cell, with weights as large, leaves it


def test_bad_settings_are_named():
    with pytest.raises(ValueError, match="first_brew: steps must be an int >= 2, got 1"):
        ex.first_brew(steps=1)
    with pytest.raises(ValueError, match="carried: hidden must be a positive int, got 0"):
        ex.carried(3, 0)
    with pytest.raises(ValueError, match="kept_unseen: g must lie in \\(-1, 1\\), got 1.0"):
        ex.kept_unseen(10, 1.0)
    with pytest.raises(ValueError, match="order_gap: scale must be positive, got 0"):
        ex.order_gap(scale=0)
    with pytest.raises(ValueError, match="coupled_growth: steps must be a positive int, got 0"):
        ex.coupled_growth(steps=0)
