"""trace() replays torch.nn layers through the cells and gets the layers' own outputs back."""

import pytest
import torch
from torch import nn

from lstm_explained import cells, trace
from lstm_explained.tracing import GRUTrace, LSTMTrace, RNNTrace

LAYERS = {
    "rnn-tanh": lambda **kw: nn.RNN(3, 4, **kw),
    "rnn-relu": lambda **kw: nn.RNN(3, 4, nonlinearity="relu", **kw),
    "lstm": lambda **kw: nn.LSTM(3, 4, **kw),
    "gru": lambda **kw: nn.GRU(3, 4, **kw),
}
FIELDS = {RNNTrace: "h", LSTMTrace: "ifgoch", GRUTrace: "rznh"}


def initial_state(module, batch):
    shape = (module.num_layers, *batch, module.hidden_size)
    if isinstance(module, nn.LSTM):
        return torch.randn(shape), torch.randn(shape)
    return torch.randn(shape)


@pytest.mark.parametrize("name", LAYERS)
@pytest.mark.parametrize("batch", [(), (2,)], ids=["unbatched", "batched"])
@pytest.mark.parametrize("num_layers", [1, 3])
@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize("with_state", [False, True])
def test_trace_h_equals_the_module_output(name, batch, num_layers, bias, with_state):
    torch.manual_seed(num_layers)
    module = LAYERS[name](num_layers=num_layers, bias=bias, dropout=0.3 if num_layers > 1 else 0.0).eval()
    x = torch.randn(7, *batch, 3)
    state = initial_state(module, batch) if with_state else None
    output, _ = module(x, state)
    tr = trace(module, x, state)
    assert set(tr._fields) == set(FIELDS[type(tr)])
    for field in tr:
        assert field.shape == (7, *batch, 4)
    torch.testing.assert_close(tr.h, output, atol=1e-5, rtol=1e-5)


@pytest.mark.parametrize("name", LAYERS)
def test_batch_first_trace_is_in_the_modules_layout(name):
    torch.manual_seed(0)
    module = LAYERS[name](batch_first=True)
    x = torch.randn(2, 6, 3)
    output, _ = module(x)
    tr = trace(module, x)
    assert tr.h.shape == (2, 6, 4)
    torch.testing.assert_close(tr.h, output, atol=1e-6, rtol=1e-6)


def test_lstm_trace_final_state_is_the_modules_final_state():
    torch.manual_seed(0)
    module = nn.LSTM(3, 4, num_layers=2).double()
    x = torch.randn(9, 3, dtype=torch.float64)
    _, (h_n, c_n) = module(x)
    for layer in range(2):
        tr = trace(module, x, layer=layer)
        torch.testing.assert_close(tr.h[-1], h_n[layer], atol=1e-12, rtol=1e-12)
        torch.testing.assert_close(tr.c[-1], c_n[layer], atol=1e-12, rtol=1e-12)


def test_trace_fields_are_the_cell_steps_stacked():
    torch.manual_seed(0)
    module = nn.GRU(3, 4)
    x = torch.randn(5, 3)
    tr = trace(module, x)
    step = cells.gru_cell(x[0], None, module.weight_ih_l0, module.weight_hh_l0, module.bias_ih_l0, module.bias_hh_l0)
    for traced, first in zip(tr, step):
        torch.testing.assert_close(traced[0], first)
    assert ((tr.r > 0) & (tr.r < 1)).all() and ((tr.z > 0) & (tr.z < 1)).all()


def test_gradients_flow_through_a_trace():
    torch.manual_seed(0)
    module = nn.LSTM(3, 4)
    x = torch.randn(5, 3)
    trace(module, x).h.sum().backward()
    mine = [p.grad.clone() for p in module.parameters()]
    module.zero_grad()
    module(x)[0].sum().backward()
    for a, p in zip(mine, module.parameters()):
        torch.testing.assert_close(a, p.grad, atol=1e-5, rtol=1e-5)


@pytest.mark.parametrize(
    "module, x, state, kwargs, error, message",
    [
        (nn.Linear(3, 4), torch.zeros(5, 3), None, {}, TypeError, "must be a torch.nn.RNN, torch.nn.LSTM or torch.nn.GRU, got Linear"),
        (nn.LSTM(3, 4, bidirectional=True), torch.zeros(5, 3), None, {}, ValueError, "bidirectional layers are not supported"),
        (nn.LSTM(3, 4, proj_size=2), torch.zeros(5, 3), None, {}, ValueError, "proj_size=2 is not supported"),
        (nn.GRU(3, 4, num_layers=2, dropout=0.5), torch.zeros(5, 3), None, {}, ValueError, "dropout=0.5 between layers"),
        (nn.GRU(3, 4), torch.zeros(5, 2), None, {}, ValueError, "x has 2 features but the module's input_size is 3"),
        (nn.GRU(3, 4), torch.zeros(3), None, {}, ValueError, r"x must be \(seq_len, input_size\)"),
        (nn.GRU(3, 4), torch.zeros(5, 3), torch.zeros(2, 4), {}, ValueError, r"h0 has shape \(2, 4\), expected \(1, 4\)"),
        (nn.LSTM(3, 4), torch.zeros(5, 2, 3), (torch.zeros(1, 2, 4), torch.zeros(1, 3, 4)), {}, ValueError, r"c0 has shape \(1, 3, 4\), expected \(1, 2, 4\)"),
        (nn.LSTM(3, 4), torch.zeros(5, 3), torch.zeros(1, 4), {}, TypeError, r"pair \(h0, c0\)"),
        (nn.RNN(3, 4), torch.zeros(5, 3), None, {"layer": 1}, ValueError, r"layer=1 is out of range for a module with 1 layer"),
        (nn.GRU(3, 4, batch_first=True), torch.zeros(2, 0, 3), None, {}, ValueError, "trace: x has no steps to replay"),
    ],
)
def test_trace_rejects_what_it_cannot_replay(module, x, state, kwargs, error, message):
    with pytest.raises(error, match=message):
        trace(module, x, state, **kwargs)


def test_the_replay_is_the_registrys_kind_for_the_layer():
    # a subclass of a torch.nn layer is replayed by the equations of the kind whose layer it is
    class Named(nn.GRU):
        pass

    torch.manual_seed(0)
    module = Named(3, 4)
    x = torch.randn(6, 3)
    tr = trace(module, x)
    assert type(tr) is GRUTrace
    torch.testing.assert_close(tr.h, module(x)[0], atol=1e-6, rtol=1e-6)
    assert [cells.REGISTRY[k].torch_layer for k in ("rnn", "lstm", "gru")] == [nn.RNN, nn.LSTM, nn.GRU]
