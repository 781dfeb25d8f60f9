r"""The LSTM family's recurrence for many models at once, forward and backward written out by hand.

:class:`GatedRecurrence` steps every LSTM-shaped cell of the book that ``torch.nn`` has no fused
kernel for (:data:`~lstm_explained.cells.kinds.VARIANTS`, the coupled and the peephole LSTM),
``n`` models side by side, one batched product per step for the recurrence. Autograd on the cell
functions builds a graph of a dozen nodes per step; with toy sizes that bookkeeping, not the
arithmetic, is the time. Here the forward keeps the gates and the cell states, and the backward
runs the chain rule of :func:`~lstm_explained.gradients.lstm_cell_backward` in reverse, each
variant only keeping the terms of the parts it has.

The same equations as :func:`~lstm_explained.cells.ablations.lstm_variant_cell`,
:func:`~lstm_explained.cells.lstm.coupled_lstm_cell` and
:func:`~lstm_explained.cells.lstm.peephole_lstm_cell`, per model ``k``, with
:math:`a_t = u_t + W_k h_{t-1}` and :math:`u_t` the input's part (bias included):

.. math::

    \begin{aligned}
    i_t &= \sigma(a^i_t + p^i \odot c_{t-1}) \;(\text{NIG: } 1,\ \text{CIFG: } 1 - f_t) &
    f_t &= \sigma(a^f_t + p^f \odot c_{t-1}) \;(\text{NFG: } 1) \\
    g_t &= \tanh(a^g_t) \;(\text{NIAF: } a^g_t) &
    c_t &= f_t \odot c_{t-1} + i_t \odot g_t \\
    o_t &= \sigma(a^o_t + p^o \odot c_t) \;(\text{NOG: } 1) &
    h_t &= o_t \odot \tanh(c_t) \;(\text{NOAF: } o_t \odot c_t)
    \end{aligned}

where the peepholes :math:`p` are there for the peephole LSTM alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import torch
from torch import Tensor

from ..cells.ablations import LSTMParts
from ..cells.kinds import CellKind, RegistryView

__all__ = ["GATED_PARTS", "GatedParts", "GatedRecurrence"]


@dataclass(frozen=True)
class GatedParts(LSTMParts):
    """Which parts of the LSTM one kind has (its record's :class:`~lstm_explained.cells.ablations.LSTMParts`),
    and where its gates sit in its stacked weights: what :class:`GatedRecurrence` reads of a kind."""

    gates: str = field(kw_only=True)  # the blocks its weights stack, in order ("ifgo", or "fgo" for the coupled LSTM)

    @classmethod
    def of(cls, kind: CellKind) -> GatedParts:
        """The parts and gate order of ``kind``, an LSTM-shaped kind of :data:`~lstm_explained.cells.kinds.REGISTRY`."""
        return cls(**vars(kind.parts), gates=kind.gates.gates)

    def at(self, gate: str) -> int:
        """Where ``gate``'s block sits among the stacked blocks."""
        return self.gates.index(gate)


#: The parts of every kind :class:`GatedRecurrence` steps (the kinds with LSTM parts), a live view
#: of :data:`~lstm_explained.cells.kinds.REGISTRY`.
GATED_PARTS = RegistryView(GatedParts.of, keep=lambda kind: kind.parts is not None)


def _model_major(x: Tensor, n: int, width: int) -> Tensor:
    """``(T, [B,] n*width)`` -> ``(T, n, B, width)``, contiguous: one slab per model and step."""
    steps = x.shape[0]
    return x.reshape(steps, -1, n, width).transpose(1, 2).contiguous()


class GatedRecurrence(torch.autograd.Function):
    r"""Every model's hidden states for a block-diagonal LSTM-family layer.

    ``apply(u, blocks, peepholes, h0, c0, parts) -> (h, c)``: ``u`` is the input's part of
    every pre-activation, ``(T, [B,] G*n*H)`` stacked gate-major as
    :class:`~lstm_explained.training.packing.Packing` stacks weights (all models' first gate, then
    all models' second, ...); ``blocks`` is every model's own recurrent weight ``(n, G*H, H)``;
    ``peepholes`` is ``(n, 3, H)`` (rows i, f, o) or ``None``; ``h0`` and ``c0`` are ``([B,] n*H)``
    or ``None`` (zero) and receive no gradient (the detached state truncated backpropagation
    carries). ``h`` and ``c`` are ``(T, [B,] n*H)``, model by model; ``c`` (every step's cell
    state) carries no gradient. The rows of a gate a kind does not have get an exactly zero gradient.

    Two PyTorch LSTMs side by side, checked against ``torch.nn.LSTM`` itself:

    >>> gen = torch.manual_seed(0)
    >>> layers = [torch.nn.LSTM(3, 2) for _ in range(2)]
    >>> stack = lambda name: torch.stack([getattr(l, name) for l in layers]).view(2, 4, 2, -1).transpose(0, 1).reshape(16, -1)
    >>> x = torch.randn(5, 3)
    >>> u = x @ stack("weight_ih_l0").T + (stack("bias_ih_l0") + stack("bias_hh_l0")).squeeze(-1)
    >>> blocks = torch.stack([l.weight_hh_l0 for l in layers])
    >>> h, c = GatedRecurrence.apply(u, blocks, None, None, None, GATED_PARTS["lstm"])
    >>> h.shape, torch.allclose(h[:, 2:], layers[1](x)[0], atol=1e-6)
    (torch.Size([5, 4]), True)
    """

    @staticmethod
    def forward(ctx, u, blocks, peepholes, h0, c0, parts: GatedParts):
        """Every model's hidden and cell states, one batched product per step; keeps the gates for backward."""
        n, rows, size = blocks.shape
        gates = rows // size
        steps, batched = u.shape[0], u.dim() == 3
        # (T, n, B, G, H): gate-major rows become one (B, G*H) slab per model, what baddbmm adds to
        a_in = u.reshape(steps, -1, gates, n, size).permute(0, 3, 1, 2, 4).contiguous()
        batch = a_in.shape[2]
        zero = u.new_zeros(n, batch, size)
        h_all = u.new_empty(steps + 1, n, batch, size)  # h_all[t + 1] = h_t, h_all[0] = h_{-1}
        c_all = u.new_empty(steps + 1, n, batch, size)
        h_all[0] = zero if h0 is None else _model_major(h0.detach().unsqueeze(0), n, size)[0]
        c_all[0] = zero if c0 is None else _model_major(c0.detach().unsqueeze(0), n, size)[0]
        act = torch.empty_like(a_in)  # the gates' values: sigmoid of i, f, o and the g block as used
        tanh_c = torch.empty_like(c_all[1:]) if parts.output_tanh else c_all[1:]
        blocks_t = blocks.transpose(1, 2).contiguous()
        at = {gate: parts.at(gate) for gate in parts.gates}
        for t in range(steps):
            a = torch.baddbmm(a_in[t].view(n, batch, rows), h_all[t], blocks_t).view(n, batch, gates, size)
            c_prev = c_all[t]
            if parts.peepholes:
                a[:, :, at["i"]].addcmul_(peepholes[:, 0:1], c_prev)
                a[:, :, at["f"]].addcmul_(peepholes[:, 1:2], c_prev)
            torch.sigmoid(a, out=act[t])
            g = act[t, :, :, at["g"]]
            if parts.input_tanh:
                torch.tanh(a[:, :, at["g"]], out=g)
            else:
                g.copy_(a[:, :, at["g"]])
            # c_t = f c_{t-1} + i g, each part only where the kind has it
            c = c_all[t + 1]
            if parts.forget_gate:
                torch.mul(act[t, :, :, at["f"]], c_prev, out=c)
            else:
                c.copy_(c_prev)
            if parts.coupled:
                c.add_(g).addcmul_(act[t, :, :, at["f"]], g, value=-1)  # i = 1 - f
            elif parts.input_gate:
                c.addcmul_(act[t, :, :, at["i"]], g)
            else:
                c.add_(g)
            if parts.output_tanh:
                torch.tanh(c, out=tanh_c[t])
            if parts.output_gate:
                o = act[t, :, :, at["o"]]
                if parts.peepholes:  # the output gate reads the new cell state
                    torch.sigmoid(a[:, :, at["o"]].addcmul_(peepholes[:, 2:3], c), out=o)
                torch.mul(o, tanh_c[t], out=h_all[t + 1])
            else:
                h_all[t + 1].copy_(tanh_c[t])
        ctx.parts, ctx.batched = parts, batched
        ctx.save_for_backward(blocks, peepholes if parts.peepholes else None, act, h_all, c_all, tanh_c if parts.output_tanh else None)
        h = h_all[1:].transpose(1, 2).reshape(steps, batch, n * size)
        c = c_all[1:].transpose(1, 2).reshape(steps, batch, n * size)
        ctx.mark_non_differentiable(c)
        if not batched:
            h, c = h.view(steps, n * size), c.view(steps, n * size)
        return h, c

    @staticmethod
    def backward(ctx, grad_h, _grad_c):
        """The gradients of ``u``, of every block and of the peepholes, from the gradient of the hidden states."""
        parts = ctx.parts
        blocks, peepholes, act, h_all, c_all, tanh_c = ctx.saved_tensors
        if tanh_c is None:
            tanh_c = c_all[1:]
        n, rows, size = blocks.shape
        steps, _, batch, gates, _ = act.shape
        at = {gate: parts.at(gate) for gate in parts.gates}
        grad_h = _model_major(grad_h.reshape(steps, batch, n * size), n, size)
        # every gate's slope da/d(value), for all steps at once: s (1 - s) for a sigmoid,
        # 1 - g^2 for tanh, 1 for no activation, 0 for a gate the kind does not have
        slope = act * (1 - act)
        slope[:, :, :, at["g"]] = 1 - act[:, :, :, at["g"]].square() if parts.input_tanh else 1
        for gate, present in (("i", parts.input_gate), ("f", parts.forget_gate), ("o", parts.output_gate)):
            if gate in at and not present:
                slope[:, :, :, at[gate]] = 0
        tanh_slope = 1 - tanh_c.square() if parts.output_tanh else None
        g_all = act[:, :, :, at["g"]]
        f_all = act[:, :, :, at["f"]] if parts.forget_gate else None
        i_all = (1 - f_all) if parts.coupled else act[:, :, :, at["i"]] if parts.input_gate else None
        # dL/d(gate value) at each step, then times the slope: dL/d(pre-activation)
        grad_value = torch.zeros_like(act)
        grad_a = torch.empty_like(act)
        grad_c = torch.zeros_like(c_all[0])
        for t in range(steps - 1, -1, -1):
            # dL/dh_t: from the head at this step and from every gate of step t + 1
            dh = grad_h[t] if t == steps - 1 else torch.baddbmm(grad_h[t], grad_a[t + 1].view(n, batch, rows), blocks)
            value = grad_value[t]
            if parts.output_gate:  # h = o tanh(c)
                torch.mul(dh, tanh_c[t], out=value[:, :, at["o"]])
                dh = dh * act[t, :, :, at["o"]]
            if tanh_slope is None:
                grad_c.add_(dh)
            else:
                grad_c.addcmul_(dh, tanh_slope[t])
            if parts.peepholes:  # o_t reads c_t
                grad_c.addcmul_(value[:, :, at["o"]] * slope[t, :, :, at["o"]], peepholes[:, 2:3])
            # c = f c_prev + i g
            if i_all is None:
                value[:, :, at["g"]].copy_(grad_c)
            else:
                torch.mul(grad_c, i_all[t], out=value[:, :, at["g"]])
            if parts.input_gate:
                torch.mul(grad_c, g_all[t], out=value[:, :, at["i"]])
            if parts.coupled:  # i = 1 - f: f moves c by c_prev - g
                torch.mul(grad_c, c_all[t] - g_all[t], out=value[:, :, at["f"]])
            elif parts.forget_gate:
                torch.mul(grad_c, c_all[t], out=value[:, :, at["f"]])
            torch.mul(value, slope[t], out=grad_a[t])
            if parts.forget_gate:
                grad_c = grad_c * f_all[t]
            if parts.peepholes:  # i_t and f_t read c_{t-1}
                grad_c.addcmul_(grad_a[t, :, :, at["i"]], peepholes[:, 0:1]).addcmul_(grad_a[t, :, :, at["f"]], peepholes[:, 1:2])
        flat = grad_a.view(steps, n, batch, rows)
        # dW_k = sum over steps and sequences of da h_{t-1}^T, every block at once
        grad_blocks = torch.bmm(flat.transpose(0, 1).reshape(n, -1, rows).transpose(1, 2), h_all[:-1].transpose(0, 1).reshape(n, -1, size))
        grad_peepholes = None
        if parts.peepholes:
            over = (0, 2)  # steps and sequences
            grad_peepholes = torch.stack(
                [(grad_a[:, :, :, at["i"]] * c_all[:-1]).sum(over), (grad_a[:, :, :, at["f"]] * c_all[:-1]).sum(over), (grad_a[:, :, :, at["o"]] * c_all[1:]).sum(over)], dim=1
            )
        # back to the gate-major rows of u: (T, n, B, G, H) -> (T, B, G, n, H)
        grad_u = grad_a.permute(0, 2, 3, 1, 4).reshape(steps, batch, gates * n * size)
        if not ctx.batched:
            grad_u = grad_u.view(steps, gates * n * size)
        return grad_u, grad_blocks, grad_peepholes, None, None, None
