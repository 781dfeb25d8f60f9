"""flow against autograd on the torch.nn module itself; lstm_cell_backward against autograd in float64."""

import pytest
import torch

from lstm_explained import trace
from lstm_explained.gradients import flow, lstm_cell_backward

KINDS = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}


def _by_module(module, x, state, v):
    """dL/dh_t (and dL/dc_t) for every t from the module alone: run it to step t, make that state a
    leaf, run the rest from it, and ask autograd. For the LSTM, dL/dc_t counts the path through
    h_t = o_t tanh(c_t) too, with o_t read off the module's own outputs as h_t / tanh(c_t)."""
    lstm = isinstance(module, torch.nn.LSTM)
    hs, cs = [], []
    for t in range(x.shape[0]):
        with torch.no_grad():
            _, carried = module(x[: t + 1], state)
        leaves = tuple(s.clone().requires_grad_() for s in carried) if lstm else carried.clone().requires_grad_()
        rest = x[t + 1 :]
        out = leaves[0][0] if lstm else leaves[0]
        if len(rest):
            out = module(rest, leaves)[1]
            out = out[0][0] if lstm else out[0]
        grads = torch.autograd.grad((out * v).sum(), leaves if lstm else (leaves,), allow_unused=True)
        hs.append(grads[0][0].norm(dim=-1))
        if lstm:
            h_t, c_t = (s.detach()[0] for s in carried)
            through_h = grads[0][0] * (h_t / torch.tanh(c_t)) * (1 - torch.tanh(c_t) ** 2)
            along_c = torch.zeros_like(c_t) if grads[1] is None else grads[1][0]
            cs.append((along_c + through_h).norm(dim=-1))
    return torch.stack(hs), (torch.stack(cs) if lstm else None)


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("batched", [False, True])
def test_flow_is_autograd_on_the_module(kind, batched):
    torch.manual_seed(0)
    module = KINDS[kind](3, 5).double()
    x = torch.randn(7, *((2,) if batched else ()), 3, dtype=torch.float64)
    shape = (1, *x.shape[1:-1], 5)
    state = (torch.randn(shape, dtype=torch.float64), torch.randn(shape, dtype=torch.float64)) if kind == "lstm" else torch.randn(shape, dtype=torch.float64)
    v = torch.randn(5, dtype=torch.float64)
    found = flow(module, x, state, direction=v)
    h, c = _by_module(module, x, state, v)
    assert found.kind == kind and found.h.shape == x.shape[:-1]
    torch.testing.assert_close(found.h, h)
    if kind == "lstm":
        torch.testing.assert_close(found.c, c)
    else:
        assert found.c is None and found.c_direct is None
    assert all(p.grad is None for p in module.parameters())  # measuring leaves the module's gradients alone


def test_the_direct_part_is_the_last_cell_gradient_times_the_forget_gates():
    torch.manual_seed(1)
    lstm = torch.nn.LSTM(2, 4).double()
    x = torch.randn(9, 2, dtype=torch.float64)
    found = flow(lstm, x)
    with torch.no_grad():
        tr = trace(lstm, x)
    v = torch.full((4,), 0.5, dtype=torch.float64)  # the default direction: ones over sqrt(H)
    d_c_last = v * tr.o[-1] * (1 - torch.tanh(tr.c[-1]) ** 2)
    for t in range(9):
        kept = torch.prod(tr.f[t + 1 :], dim=0) if t < 8 else torch.ones(4, dtype=torch.float64)
        assert found.c_direct[t].item() == pytest.approx((d_c_last * kept).norm().item(), rel=1e-10)
    assert found.c_direct[-1] == found.c[-1]


def test_flow_reads_batch_first_modules_and_relu_rnns():
    torch.manual_seed(2)
    first = torch.nn.RNN(3, 4, batch_first=True, nonlinearity="relu").double()
    plain = torch.nn.RNN(3, 4, nonlinearity="relu").double()
    plain.load_state_dict(first.state_dict())
    x = torch.randn(2, 6, 3, dtype=torch.float64)
    torch.testing.assert_close(flow(first, x).h, flow(plain, x.transpose(0, 1)).h)


def test_bad_modules_and_inputs_are_named():
    with pytest.raises(ValueError, match="flow: the module must have one layer"):
        flow(torch.nn.LSTM(3, 4, num_layers=2), torch.zeros(5, 3))
    with pytest.raises(TypeError, match="flow: module must be a torch.nn.RNN, LSTM or GRU"):
        flow(torch.nn.Linear(3, 4), torch.zeros(5, 3))
    with pytest.raises(ValueError, match=r"flow: x must be \(T, 3\)"):
        flow(torch.nn.RNN(3, 4), torch.zeros(5, 2))
    with pytest.raises(ValueError, match=r"flow: x must be \(T, 3\)"):
        flow(torch.nn.RNN(3, 4), torch.zeros(0, 3))
    with pytest.raises(ValueError, match="direction has shape"):
        flow(torch.nn.RNN(3, 4), torch.zeros(5, 3), direction=torch.ones(3))
    with pytest.raises(TypeError, match="an LSTM's state must be a pair"):
        flow(torch.nn.LSTM(3, 4), torch.zeros(5, 3), state=torch.zeros(1, 4))


@pytest.mark.parametrize("batch", [None, 3])
@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize("sizes", [(2, 3), (5, 1), (4, 6)])
def test_lstm_cell_backward_is_autograd_in_float64(batch, bias, sizes):
    inputs, hidden = sizes
    torch.manual_seed(sum(sizes) + (batch or 0))
    cell = torch.nn.LSTMCell(inputs, hidden, bias=bias).double()
    lead = (batch,) if batch else ()
    x = torch.randn(*lead, inputs, dtype=torch.float64, requires_grad=True)
    h = torch.randn(*lead, hidden, dtype=torch.float64, requires_grad=True)
    c = torch.randn(*lead, hidden, dtype=torch.float64, requires_grad=True)
    grad_h, grad_c = torch.randn(*lead, hidden, dtype=torch.float64), torch.randn(*lead, hidden, dtype=torch.float64)
    h_new, c_new = cell(x, (h, c))
    params = list(cell.parameters())
    auto = torch.autograd.grad((h_new * grad_h).sum() + (c_new * grad_c).sum(), [x, h, c, *params])
    weights = [p.detach() for p in params] + ([] if bias else [None, None])
    mine = lstm_cell_backward(x.detach(), (h.detach(), c.detach()), *weights, grad_h, grad_c)
    names = ["x", "h", "c", "weight_ih", "weight_hh"] + (["bias_ih", "bias_hh"] if bias else [])
    for name, expected in zip(names, auto):
        torch.testing.assert_close(mine[name], expected, rtol=1e-12, atol=1e-12)
    if not bias:
        assert mine["bias_ih"] is None and mine["bias_hh"] is None


def test_lstm_cell_backward_from_a_zero_state_and_bad_gradients():
    torch.manual_seed(3)
    cell = torch.nn.LSTMCell(2, 3).double()
    weights = [p.detach() for p in cell.parameters()]
    x = torch.randn(2, dtype=torch.float64)
    zero = lstm_cell_backward(x, None, *weights, torch.ones(3, dtype=torch.float64), torch.zeros(3, dtype=torch.float64))
    explicit = lstm_cell_backward(x, (torch.zeros(3, dtype=torch.float64),) * 2, *weights, torch.ones(3, dtype=torch.float64), torch.zeros(3, dtype=torch.float64))
    for name in zero:
        torch.testing.assert_close(zero[name], explicit[name])
    with pytest.raises(ValueError, match="lstm_cell_backward: grad_c has shape"):
        lstm_cell_backward(x, None, *weights, torch.ones(3, dtype=torch.float64), torch.zeros(4, dtype=torch.float64))
