"""The cell-state highway at initialisation: the direct part is the forget gates' product, and the bias sets it."""

import math

import pytest
import torch

from lstm_explained.experiments import highway


def test_the_direct_part_matches_the_traced_forget_gates_and_ends_where_the_total_does():
    run = highway.highway(hidden=6, steps=30, batch=3, seed=2)
    assert run.direct_gap < 1e-12
    assert run.lstm_c_direct[0] == pytest.approx(run.lstm_c[0].item())  # lag 0: all of dL/dc_T is direct
    assert all(t.shape == (30,) for t in (run.rnn_h, run.lstm_h, run.lstm_c, run.lstm_c_direct))


def test_a_larger_forget_bias_keeps_more_of_the_cell_gradient():
    low = highway.highway(hidden=6, steps=40, batch=3, bias=0.0)
    high = highway.highway(hidden=6, steps=40, batch=3, bias=3.0)
    assert high.lstm_c_direct[-1] > 100 * low.lstm_c_direct[-1]
    assert torch.equal(high.rnn_h, low.rnn_h)  # the RNN does not depend on the LSTM's bias


def test_forget_products_follow_the_sigmoid_of_the_bias():
    products = highway.forget_products((0.0, 2.0, 6.0), hidden=8, steps=20, batch=4)
    assert [p.bias for p in products] == [0.0, 2.0, 6.0]
    for p in products:
        assert p.predicted == pytest.approx(1 / (1 + math.exp(-p.bias)) ** 20)
        assert 0 < p.measured < 1 and p.ratio == pytest.approx(p.measured / p.predicted)
    # per step the measured gate is near sigmoid(b); the product is what compounds the difference
    assert products[-1].ratio == pytest.approx(1.0, abs=0.05)
    assert products[0].measured ** (1 / 20) == pytest.approx(0.5, abs=0.05)


def test_bad_sizes_are_named():
    with pytest.raises(ValueError, match="highway: steps must be a positive int"):
        highway.highway(steps=0)
    with pytest.raises(ValueError, match="forget_products: steps must be a positive int"):
        highway.forget_products(steps=0)


def test_cell_path_gap_sees_a_wrong_cell_path():
    torch.manual_seed(3)
    lstm = torch.nn.LSTM(3, 4).double()
    x = torch.randn(9, 2, 3, dtype=torch.float64)
    v = torch.randn(4, dtype=torch.float64)
    found = highway.flow(lstm, x, direction=v)
    assert highway.cell_path_gap(lstm, x, found, v) < 1e-12
    wrong = type(found)(found.kind, found.h, found.c, found.c_direct * 1.01)
    assert highway.cell_path_gap(lstm, x, wrong, v) == pytest.approx(0.01, rel=1e-6)
    assert highway.cell_path_gap(lstm, x, found) > 1e-3  # measured along v, checked along the default direction
