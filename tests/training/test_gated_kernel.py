"""GatedRecurrence: every LSTM-shaped kind's hand-written forward and backward equal autograd on
the book's own cell functions, model by model; a missing gate's rows get exactly no gradient."""

import pytest
import torch

from lstm_explained.models.cell_layer import CellLayer
from lstm_explained.training.gated_kernel import GATED_PARTS, GatedRecurrence

N, H, INPUTS, STEPS, BATCH = 3, 2, 3, 6, 4


def _layers(kind, seed):
    torch.manual_seed(seed)
    if kind == "lstm":
        return [torch.nn.LSTM(INPUTS, H).double() for _ in range(N)]
    return [CellLayer(kind, INPUTS, H).double() for _ in range(N)]


def _wide(layers, kind):
    """The layers' weights as GatedRecurrence takes them: gate-major stacked input rows, one block per model."""
    gates = len(GATED_PARTS[kind].gates)

    def stack(name):
        w = torch.stack([getattr(l, name).detach() for l in layers]).view(N, gates, H, -1).transpose(0, 1)
        return w.reshape(gates * N * H, -1).squeeze(-1)

    w_ih, bias = stack("weight_ih_l0"), stack("bias_ih_l0") + stack("bias_hh_l0")
    blocks = torch.stack([l.weight_hh_l0.detach() for l in layers]).clone().requires_grad_(True)
    peep = torch.stack([l.weight_ch_l0.detach() for l in layers]).clone().requires_grad_(True) if kind == "peephole" else None
    return w_ih, bias, blocks, peep


@pytest.mark.parametrize("kind", sorted(GATED_PARTS))
@pytest.mark.parametrize("batched", [True, False])
@pytest.mark.parametrize("start", [False, True])
def test_the_kernel_is_each_models_own_cell_with_its_gradient(kind, batched, start):
    layers = _layers(kind, seed=1)
    gen = torch.Generator().manual_seed(2)
    shape = (STEPS, BATCH, INPUTS) if batched else (STEPS, INPUTS)
    x = torch.randn(shape, generator=gen, dtype=torch.float64)
    state_shape = (1, BATCH, H) if batched else (1, H)
    states = [(torch.randn(state_shape, generator=gen, dtype=torch.float64), torch.randn(state_shape, generator=gen, dtype=torch.float64) * 2) for _ in range(N)] if start else [None] * N
    w_ih, bias, blocks, peep = _wide(layers, kind)
    u = (x @ w_ih.T + bias).requires_grad_(True)
    h0 = torch.cat([s[0][0] for s in states], -1) if start else None
    c0 = torch.cat([s[1][0] for s in states], -1) if start else None
    h, c = GatedRecurrence.apply(u, blocks, peep, h0, c0, GATED_PARTS[kind])
    probe = torch.randn(h.shape, generator=gen, dtype=torch.float64)
    (h * probe).sum().backward()
    for k, layer in enumerate(layers):
        own, (_, c_own) = layer(x, states[k])
        torch.testing.assert_close(h[..., k * H : (k + 1) * H], own, atol=1e-12, rtol=0)
        torch.testing.assert_close(c[-1, ..., k * H : (k + 1) * H], c_own[0], atol=1e-12, rtol=0)
        (own * probe[..., k * H : (k + 1) * H]).sum().backward()
        torch.testing.assert_close(blocks.grad[k], layer.weight_hh_l0.grad, atol=1e-12, rtol=0)
        if peep is not None:
            torch.testing.assert_close(peep.grad[k], layer.weight_ch_l0.grad, atol=1e-12, rtol=0)
    # the input part's gradient: d loss / d u is d loss / d (W_ih x + b), one model's rows at a time
    gates = len(GATED_PARTS[kind].gates)
    grad_u = u.grad.reshape(*u.shape[:-1], gates, N, H)
    for k, layer in enumerate(layers):
        expected = layer.bias_ih_l0.grad.view(gates, H)  # d/d bias sums d/d u over steps and sequences
        torch.testing.assert_close(grad_u[..., k, :].reshape(-1, gates, H).sum(0), expected, atol=1e-12, rtol=0)


@pytest.mark.parametrize("kind, gate", [("nig", "i"), ("nfg", "f"), ("nog", "o")])
def test_a_missing_gates_rows_get_exactly_no_gradient(kind, gate):
    layers = _layers(kind, seed=3)
    w_ih, bias, blocks, _ = _wide(layers, kind)
    x = torch.randn(STEPS, BATCH, INPUTS, dtype=torch.float64)
    u = (x @ w_ih.T + bias).requires_grad_(True)
    h, _ = GatedRecurrence.apply(u, blocks, None, None, None, GATED_PARTS[kind])
    h.square().sum().backward()
    at = GATED_PARTS[kind].at(gate)
    assert u.grad.view(STEPS, BATCH, 4, N, H)[:, :, at].eq(0).all()
    assert blocks.grad.view(N, 4, H, H)[:, at].eq(0).all()
    others = [g for g in range(4) if g != at]
    assert u.grad.view(STEPS, BATCH, 4, N, H)[:, :, others].ne(0).any()


def test_gradcheck_on_the_peephole_lstm():
    layers = _layers("peephole", seed=4)
    w_ih, bias, blocks, peep = _wide(layers, "peephole")
    u = (torch.randn(4, 2, INPUTS, dtype=torch.float64) @ w_ih.T + bias).requires_grad_(True)
    apply = lambda u, w, p: GatedRecurrence.apply(u, w, p, None, None, GATED_PARTS["peephole"])[0]  # noqa: E731
    assert torch.autograd.gradcheck(apply, (u, blocks, peep))
