"""lstm_cell and its variants equal torch.nn.LSTMCell where they should, values and gradients alike."""

import pytest
import torch
from cell_cases import DTYPES, IDS, SETTINGS, assert_grads_match, leaves, make, params, sizes
from torch import nn

from lstm_explained import cells


@pytest.mark.parametrize("seed,batched,bias,dtype", SETTINGS, ids=IDS)
def test_lstm_cell_matches_torch(seed, batched, bias, dtype):
    ref, x, h = make(nn.LSTMCell, seed, batched, bias, dtype)
    c = torch.randn_like(h)
    tol = DTYPES[dtype]
    mine = leaves(x, h, c, *params(ref))
    theirs = leaves(x, h, c)
    step = cells.lstm_cell(mine[0], (mine[1], mine[2]), *mine[3:])
    h_ref, c_ref = ref(theirs[0], (theirs[1], theirs[2]))
    torch.testing.assert_close(step.h, h_ref, atol=tol, rtol=tol)
    torch.testing.assert_close(step.c, c_ref, atol=tol, rtol=tol)
    assert step.i.shape == step.f.shape == step.g.shape == step.o.shape == h.shape
    both_ours = torch.cat([step.h, step.c], -1)
    both_ref = torch.cat([h_ref, c_ref], -1)
    assert_grads_match(both_ours, both_ref, mine, theirs + params(ref), tol)


@pytest.mark.parametrize("seed,batched,bias,dtype", SETTINGS, ids=IDS)
def test_peephole_with_zero_peepholes_is_the_plain_lstm(seed, batched, bias, dtype):
    ref, x, h = make(nn.LSTMCell, seed, batched, bias, dtype)
    c = torch.randn_like(h)
    weight_ch = torch.zeros(3, h.shape[-1], dtype=dtype)
    plain = cells.lstm_cell(x, (h, c), *params(ref))
    peep = cells.peephole_lstm_cell(x, (h, c), ref.weight_ih, ref.weight_hh, weight_ch, ref.bias_ih, ref.bias_hh)
    for a, b in zip(peep, plain):
        torch.testing.assert_close(a, b, atol=0, rtol=0)


@pytest.mark.parametrize("dtype", DTYPES)
def test_peepholes_add_w_times_the_right_cell_state(dtype):
    """i and f see c_{t-1}; o sees the new c_t. Checked through the plain cell's pre-activations."""
    torch.manual_seed(1)
    ref = nn.LSTMCell(3, 4).to(dtype).requires_grad_(False)
    x, h, c_prev = torch.randn(2, 3, dtype=dtype), torch.randn(2, 4, dtype=dtype), torch.randn(2, 4, dtype=dtype)
    w = torch.randn(3, 4, dtype=dtype)
    plain = cells.lstm_cell(x, (h, c_prev), *params(ref))
    peep = cells.peephole_lstm_cell(x, (h, c_prev), ref.weight_ih, ref.weight_hh, w, ref.bias_ih, ref.bias_hh)
    tol = DTYPES[dtype] * 100
    torch.testing.assert_close(peep.i, torch.sigmoid(torch.logit(plain.i) + w[0] * c_prev), atol=tol, rtol=tol)
    torch.testing.assert_close(peep.f, torch.sigmoid(torch.logit(plain.f) + w[1] * c_prev), atol=tol, rtol=tol)
    torch.testing.assert_close(peep.c, peep.f * c_prev + peep.i * peep.g)
    torch.testing.assert_close(peep.o, torch.sigmoid(torch.logit(plain.o) + w[2] * peep.c), atol=tol, rtol=tol)
    assert not torch.allclose(peep.o, torch.sigmoid(torch.logit(plain.o) + w[2] * c_prev))
    torch.testing.assert_close(peep.h, peep.o * torch.tanh(peep.c))


def test_peephole_gradients_reach_the_peephole_weights():
    torch.manual_seed(2)
    ref = nn.LSTMCell(3, 2)
    w = torch.randn(3, 2, requires_grad=True)
    step = cells.peephole_lstm_cell(torch.randn(3), (torch.randn(2), torch.randn(2)), ref.weight_ih, ref.weight_hh, w)
    step.h.sum().backward()
    assert w.grad is not None and (w.grad != 0).all()


@pytest.mark.parametrize("seed,batched,bias,dtype", SETTINGS, ids=IDS)
def test_coupled_lstm_is_an_lstm_whose_input_gate_mirrors_forget(seed, batched, bias, dtype):
    """sigma(-a) = 1 - sigma(a): an nn.LSTMCell with i-weights = -(f-weights) is the coupled cell."""
    input_size, hidden, batch = sizes(seed, batched)
    torch.manual_seed(seed)
    w_ih = torch.randn(3 * hidden, input_size, dtype=dtype)
    w_hh = torch.randn(3 * hidden, hidden, dtype=dtype)
    b_ih = torch.randn(3 * hidden, dtype=dtype) if bias else None
    b_hh = torch.randn(3 * hidden, dtype=dtype) if bias else None
    x, h, c = (torch.randn(*batch, n, dtype=dtype) for n in (input_size, hidden, hidden))
    ours = cells.coupled_lstm_cell(x, (h, c), w_ih, w_hh, b_ih, b_hh)

    ref = nn.LSTMCell(input_size, hidden, bias=bias).to(dtype).requires_grad_(False)
    as_ifgo = lambda w: torch.cat([-w[:hidden], w])  # noqa: E731  (i = -f, then f, g, o)
    ref.weight_ih.copy_(as_ifgo(w_ih))
    ref.weight_hh.copy_(as_ifgo(w_hh))
    if bias:
        ref.bias_ih.copy_(as_ifgo(b_ih))
        ref.bias_hh.copy_(as_ifgo(b_hh))
    h_ref, c_ref = ref(x, (h, c))
    tol = DTYPES[dtype] * 10
    torch.testing.assert_close(ours.i, 1 - ours.f, atol=0, rtol=0)
    torch.testing.assert_close(ours.c, c_ref, atol=tol, rtol=tol)
    torch.testing.assert_close(ours.h, h_ref, atol=tol, rtol=tol)

