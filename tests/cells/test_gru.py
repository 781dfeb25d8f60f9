"""gru_cell equals torch.nn.GRUCell, with the reset gate where PyTorch puts it."""

import pytest
import torch
from cell_cases import DTYPES, IDS, SETTINGS, assert_grads_match, leaves, make, params
from torch import nn

from lstm_explained import cells


@pytest.mark.parametrize("seed,batched,bias,dtype", SETTINGS, ids=IDS)
def test_gru_cell_matches_torch(seed, batched, bias, dtype):
    ref, x, h = make(nn.GRUCell, seed, batched, bias, dtype)
    tol = DTYPES[dtype]
    mine = leaves(x, h, *params(ref))
    theirs = leaves(x, h)
    step = cells.gru_cell(*mine[:2], *mine[2:])
    expected = ref(*theirs)
    torch.testing.assert_close(step.h, expected, atol=tol, rtol=tol)
    assert_grads_match(step.h, expected, mine, theirs + params(ref), tol)


def test_gru_reset_gate_is_applied_after_the_recurrent_product():
    """Resetting h before W_hn (Cho et al.) would differ from torch.nn.GRUCell, even with no bias."""
    torch.manual_seed(3)
    ref = nn.GRUCell(3, 4, bias=False).requires_grad_(False)
    x, h = torch.randn(3), torch.randn(4)
    step = cells.gru_cell(x, h, *params(ref))
    W_in, W_hn = ref.weight_ih[8:], ref.weight_hh[8:]
    before = torch.tanh(x @ W_in.T + (step.r * h) @ W_hn.T)
    assert step.r.std() > 0.01 and not torch.allclose(step.n, before, atol=1e-3)
    torch.testing.assert_close(step.h, ref(x, h))


def test_gru_reset_placements_agree_for_a_constant_gate_without_bias():
    """What the docstring claims: the two placements differ only through a non-constant r, or the bias."""
    torch.manual_seed(4)
    W_hn, h = torch.randn(4, 4), torch.randn(4)
    r = torch.full((4,), 0.3)
    torch.testing.assert_close(r * (W_hn @ h), W_hn @ (r * h))
    b = torch.randn(4)
    assert not torch.allclose(r * (W_hn @ h + b), W_hn @ (r * h) + b)

