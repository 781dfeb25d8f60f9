"""rnn_cell equals torch.nn.RNNCell on random shapes, seeds and dtypes, values and gradients alike."""

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

