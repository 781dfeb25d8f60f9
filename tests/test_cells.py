"""The cells equal torch.nn's on random shapes, seeds and dtypes, values and gradients alike."""

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


def test_cells_accept_missing_state_as_zeros():
    torch.manual_seed(0)
    ref = nn.LSTMCell(3, 2).requires_grad_(False)
    x = torch.randn(4, 3)
    step = cells.lstm_cell(x, None, *params(ref))
    torch.testing.assert_close(step.h, ref(x)[0])
    rnn = nn.RNNCell(3, 2).requires_grad_(False)
    torch.testing.assert_close(cells.rnn_cell(x, None, *params(rnn)), rnn(x))


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


# --- bad input -----------------------------------------------------------------------------------

torch.manual_seed(0)
_LSTM = nn.LSTMCell(3, 2).requires_grad_(False)
_W = (_LSTM.weight_ih, _LSTM.weight_hh)


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: cells.lstm_cell(torch.zeros(4), None, *_W), ValueError, r"x has 4 features but weight_ih \(8, 3\) expects input_size 3"),
        (lambda: cells.lstm_cell(torch.zeros(3), None, torch.zeros(6, 3), torch.zeros(6, 2)), ValueError, r"weight_ih has 6 rows, not a multiple of the 4 gates i, f, g, o"),
        (lambda: cells.gru_cell(torch.zeros(3), None, torch.zeros(8, 3), torch.zeros(8, 2)), ValueError, r"8 rows, not a multiple of the 3 gates r, z, n"),
        (lambda: cells.lstm_cell(torch.zeros(3), None, _W[0], torch.zeros(8, 3)), ValueError, r"weight_hh has shape \(8, 3\), expected \(8, 2\)"),
        (lambda: cells.lstm_cell(torch.zeros(3), None, *_W, torch.zeros(4)), ValueError, r"bias_ih has shape \(4,\), expected \(8,\)"),
        (lambda: cells.lstm_cell(torch.zeros(5, 3), (torch.zeros(4, 2), torch.zeros(5, 2)), *_W), ValueError, r"h has shape \(4, 2\), expected \(5, 2\)"),
        (lambda: cells.lstm_cell(torch.zeros(3), (torch.zeros(2), torch.zeros(3)), *_W), ValueError, r"c has shape \(3,\), expected \(2,\)"),
        (lambda: cells.lstm_cell(torch.zeros(2, 2, 3), None, *_W), ValueError, r"x must be \(input_size,\) or \(batch, input_size\)"),
        (lambda: cells.lstm_cell(torch.zeros(3), torch.zeros(2), *_W), TypeError, r"state must be a pair \(h, c\) or None"),
        (lambda: cells.lstm_cell([0.0, 1.0, 2.0], None, *_W), TypeError, r"x must be a torch.Tensor, got list"),
        (lambda: cells.lstm_cell(torch.zeros(3, dtype=torch.long), None, *_W), TypeError, r"x must be a floating-point tensor"),
        (lambda: cells.lstm_cell(torch.zeros(3, dtype=torch.float64), None, *_W), TypeError, r"weight_ih has dtype torch.float32 but x has dtype torch.float64"),
        (lambda: cells.rnn_cell(torch.zeros(3), None, torch.zeros(2, 3), torch.zeros(2, 2), nonlinearity="sigmoid"), ValueError, r"nonlinearity must be 'tanh' or 'relu', got 'sigmoid'"),
        (lambda: cells.peephole_lstm_cell(torch.zeros(3), None, *_W, torch.zeros(2, 2)), ValueError, r"weight_ch has shape \(2, 2\), expected \(3, 2\)"),
        (lambda: cells.coupled_lstm_cell(torch.zeros(3), None, *_W), ValueError, r"weight_ih has 8 rows, not a multiple of the 3 gates f, g, o"),
    ],
)
def test_bad_input_names_the_problem(call, error, message):
    with pytest.raises(error, match=message):
        call()
