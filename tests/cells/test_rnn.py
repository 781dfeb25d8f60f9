"""rnn_cell equals torch.nn.RNNCell on random shapes, seeds and dtypes, values and gradients alike."""

import pytest
import torch
from cell_cases import DTYPES, IDS, SETTINGS, assert_grads_match, leaves, make, params
from torch import nn

from lstm_explained import cells


@pytest.mark.parametrize("nonlinearity", ["tanh", "relu"])
@pytest.mark.parametrize("seed,batched,bias,dtype", SETTINGS, ids=IDS)
def test_rnn_cell_matches_torch(seed, batched, bias, dtype, nonlinearity):
    ref, x, h = make(nn.RNNCell, seed, batched, bias, dtype, nonlinearity=nonlinearity)
    tol = DTYPES[dtype]
    mine = leaves(x, h, *params(ref))
    theirs = leaves(x, h)
    ours = cells.rnn_cell(*mine[:2], *mine[2:], nonlinearity=nonlinearity)
    expected = ref(*theirs)
    torch.testing.assert_close(ours, expected, atol=tol, rtol=tol)
    assert_grads_match(ours, expected, mine, theirs + params(ref), tol)


def test_cells_accept_missing_state_as_zeros():
    torch.manual_seed(0)
    ref = nn.LSTMCell(3, 2).requires_grad_(False)
    x = torch.randn(4, 3)
    step = cells.lstm_cell(x, None, *params(ref))
    torch.testing.assert_close(step.h, ref(x)[0])
    rnn = nn.RNNCell(3, 2).requires_grad_(False)
    torch.testing.assert_close(cells.rnn_cell(x, None, *params(rnn)), rnn(x))

