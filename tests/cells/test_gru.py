"""gru_cell equals torch.nn.GRUCell, with the reset gate where PyTorch puts it."""

import itertools

import pytest
import torch
from torch import nn

from lstm_explained import cells


DTYPES = {torch.float32: 1e-6, torch.float64: 1e-12}


SETTINGS = list(itertools.product(range(4), [True, False], [True, False], DTYPES))


IDS = [f"seed{s}-{'batched' if b else 'unbatched'}-{'bias' if bias else 'nobias'}-{str(d)[6:]}" for s, b, bias, d in SETTINGS]


def sizes(seed, batched):
    """Random input size, hidden size and leading (batch) shape for one case."""
    g = torch.Generator().manual_seed(1000 + seed)
    input_size, hidden = (int(v) for v in torch.randint(1, 7, (2,), generator=g))
    batch = (int(torch.randint(1, 5, (1,), generator=g)),) if batched else ()
    return input_size, hidden, batch


def make(ref_cls, seed, batched, bias, dtype, **kwargs):
    input_size, hidden, batch = sizes(seed, batched)
    torch.manual_seed(seed)
    ref = ref_cls(input_size, hidden, bias=bias, **kwargs).to(dtype)
    x = torch.randn(*batch, input_size, dtype=dtype)
    state = torch.randn(*batch, hidden, dtype=dtype)
    return ref, x, state


def params(ref):
    return [ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh]


def assert_grads_match(ours, theirs, leaves_ours, leaves_theirs, tol):
    """Backpropagate the same random weighting of both outputs; every leaf's gradient must match."""
    weighting = torch.randn_like(theirs)
    (ours * weighting).sum().backward()
    (theirs * weighting).sum().backward()
    for a, b in zip(leaves_ours, leaves_theirs):
        if b is None:
            assert a is None
            continue
        torch.testing.assert_close(a.grad, b.grad, atol=tol, rtol=tol)


def leaves(*tensors):
    return [None if t is None else t.detach().clone().requires_grad_(True) for t in tensors]


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

