r"""How the gradient travels back through time: measured with the book's cells, and written by hand.

:func:`flow` replays a one-layer ``torch.nn.RNN``, ``LSTM`` or ``GRU`` through
:mod:`lstm_explained.cells` and measures, for the loss :math:`L = \langle v, h_T \rangle`, how
large :math:`\partial L / \partial h_t` is at every step (and :math:`\partial L / \partial c_t`
for the LSTM, with the part of it that travels along the cell state alone).
:func:`lstm_cell_backward` is one step of backpropagation through
:func:`~lstm_explained.cells.lstm.lstm_cell`, written out as its equations, no autograd.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import Tensor, nn

from . import _checks, cells
from .cells.layout import LSTM

__all__ = ["Flow", "flow", "lstm_cell_backward"]

_CELLS = {nn.LSTM: "lstm", nn.GRU: "gru", nn.RNN: "rnn"}


@dataclass(frozen=True)
class Flow:
    """Gradient norms at every step ``t`` (index 0 is the first step), ``(T,)`` or ``(T, B)``.

    ``h[t]`` is :math:`\\lVert \\partial L / \\partial h_t \\rVert_2`. For an LSTM, ``c[t]`` is
    :math:`\\lVert \\partial L / \\partial c_t \\rVert_2` and ``c_direct[t]`` the norm of the part
    that reaches :math:`c_t` from :math:`c_T` along the cell state alone,
    :math:`\\partial L / \\partial c_T \\odot \\prod_{s=t+1}^{T} f_s`; both ``None`` otherwise.
    """

    kind: str
    h: Tensor
    c: Tensor | None = None
    c_direct: Tensor | None = None


def _kind(module: object) -> str:
    for cls, kind in _CELLS.items():  # LSTM and GRU are not nn.RNN subclasses; test each family
        if type(module) is cls or isinstance(module, cls):
            return kind
    raise TypeError(f"flow: module must be a torch.nn.RNN, LSTM or GRU, got {type(module).__name__}")


def flow(module: nn.RNN | nn.LSTM | nn.GRU, x: Tensor, state=None, direction: Tensor | None = None) -> Flow:
    r"""The gradient of :math:`L = \langle v, h_T \rangle` at every hidden (and cell) state.

    Parameters
    ----------
    module : torch.nn.RNN, torch.nn.LSTM or torch.nn.GRU
        One layer, one direction, with or without bias, ``batch_first`` or not.
    x : Tensor
        ``(T, I)``, or batched as the module takes it; each sequence gets its own norms.
    state : optional
        The initial state as the module takes it (``h0`` or ``(h0, c0)``, each ``(1, [B,] H)``).
    direction : Tensor, optional
        :math:`v`, ``(H,)``; all ones over :math:`\sqrt H` (unit length) when ``None``.

    Examples
    --------
    >>> gen = torch.manual_seed(0)
    >>> lstm = torch.nn.LSTM(2, 3)
    >>> f = flow(lstm, torch.randn(6, 2))
    >>> f.h
    tensor([0.0171, 0.0096, 0.0069, 0.0656, 0.0956, 1.0000])
    >>> f.c, f.c_direct
    (tensor([0.0299, 0.0494, 0.0901, 0.1637, 0.2903, 0.5315]), tensor([0.0393, 0.0634, 0.1066, 0.1838, 0.3261, 0.5315]))

    At the last step all of :math:`\partial L/\partial c_T` is direct; further back the paths
    through :math:`h` add to it, here partly cancelling it.
    """
    where = "flow"
    kind = _kind(module)
    if module.num_layers != 1 or module.bidirectional or getattr(module, "proj_size", 0):
        raise ValueError(f"{where}: the module must have one layer, one direction and no projection; got {module}")
    x = _checks.tensor(where, "x", x)
    if x.dim() not in (2, 3) or x.shape[-1] != module.input_size or x.shape[0] == 0:
        raise ValueError(f"{where}: x must be (T, {module.input_size}) or batched as the module takes it, got {tuple(x.shape)}")
    if x.dim() == 3 and module.batch_first:
        x = x.transpose(0, 1)
    hidden = module.hidden_size
    expected, meaning = (1, *x.shape[1:-1], hidden), "(1, [batch,] hidden_size) as the module takes it"
    if kind == "lstm":
        if state is not None and (not isinstance(state, (tuple, list)) or len(state) != 2):
            raise TypeError(f"{where}: an LSTM's state must be a pair (h0, c0) or None, got {type(state).__name__}")
        h0, c0 = (None, None) if state is None else state
        h0, c0 = (_checks.state_tensor(where, n, s, x, expected, meaning)[0] for n, s in (("h0", h0), ("c0", c0)))
        # a graph from the first state on, even when nothing given requires a gradient
        carry = (h0.detach().requires_grad_(), c0.detach().requires_grad_())
    else:
        carry = _checks.state_tensor(where, "h0", state, x, expected, meaning)[0].detach().requires_grad_()
    v = torch.full((hidden,), 1 / math.sqrt(hidden), dtype=x.dtype, device=x.device) if direction is None else direction
    _checks.shape(where, "direction", _checks.tensor(where, "direction", v), (hidden,), "(hidden_size,)")

    # the module's own numbers, cut from its parameters so that nothing accumulates in their .grad
    weights = [p.detach() for p in (module.weight_ih_l0, module.weight_hh_l0)]
    if module.bias:
        weights += [module.bias_ih_l0.detach(), module.bias_hh_l0.detach()]
    hs, cs, fs = [], [], []
    with torch.enable_grad():
        for x_t in x.detach():
            if kind == "lstm":
                step = cells.lstm_cell(x_t, carry, *weights)
                carry = (step.h, step.c)
                hs.append(step.h)
                cs.append(step.c)
                fs.append(step.f.detach())
            elif kind == "gru":
                carry = cells.gru_cell(x_t, carry, *weights).h
                hs.append(carry)
            else:
                carry = cells.rnn_cell(x_t, carry, *weights, nonlinearity=module.nonlinearity)
                hs.append(carry)
        loss = (hs[-1] * v.detach()).sum()  # one loss per sequence, summed: sequences do not share a graph
        grads = torch.autograd.grad(loss, hs + cs)
    norms = torch.stack([g.norm(dim=-1) for g in grads[: len(hs)]])
    if kind != "lstm":
        return Flow(kind, norms.detach())
    grad_c = grads[len(hs) :]
    # along the cell state alone: dc_T, then times f_T, f_{T-1}, ... going back
    direct, carried = [], grad_c[-1]
    for t in range(len(cs) - 1, -1, -1):
        direct.append(carried.norm(dim=-1))
        carried = carried * fs[t]
    return Flow(kind, norms.detach(), torch.stack([g.norm(dim=-1) for g in grad_c]).detach(), torch.stack(direct[::-1]).detach())


def lstm_cell_backward(
    x: Tensor,
    state: tuple[Tensor, Tensor] | None,
    weight_ih: Tensor,
    weight_hh: Tensor,
    bias_ih: Tensor | None,
    bias_hh: Tensor | None,
    grad_h: Tensor,
    grad_c: Tensor,
) -> dict[str, Tensor | None]:
    r"""One step of backpropagation through :func:`~lstm_explained.cells.lstm.lstm_cell`, by hand.

    Given the gradients arriving at this step's outputs, :math:`\bar h_t = \partial L/\partial h_t`
    and :math:`\bar c_t`, the part of :math:`\partial L/\partial c_t` that comes from later steps
    (through :math:`c_{t+1}`), the step's forward pass is recomputed and

    .. math::

        \begin{aligned}
        \hat c_t &= \bar c_t + \bar h_t \odot o_t \odot (1 - \tanh^2 c_t) && \text{all of } \partial L/\partial c_t \\
        \bar o_t &= \bar h_t \odot \tanh c_t, \quad
        \bar i_t = \hat c_t \odot g_t, \quad
        \bar f_t = \hat c_t \odot c_{t-1}, \quad
        \bar g_t = \hat c_t \odot i_t \\
        \bar a &= [\bar i_t\, i_t (1 - i_t);\ \bar f_t\, f_t (1 - f_t);\ \bar g_t (1 - g_t^2);\ \bar o_t\, o_t (1 - o_t)]
            && \text{pre-activations, stacked } i, f, g, o \\
        \bar x_t &= W_{ih}^\top \bar a, \quad \bar h_{t-1} = W_{hh}^\top \bar a, \quad
        \bar c_{t-1} = \hat c_t \odot f_t && \text{to the input and the step before} \\
        \bar W_{ih} &= \bar a\, x_t^\top, \quad \bar W_{hh} = \bar a\, h_{t-1}^\top, \quad
        \bar b_{ih} = \bar b_{hh} = \bar a && \text{summed over a batch}
        \end{aligned}

    The cell state's own path is the last line but one: :math:`\bar c_{t-1} = \hat c_t \odot f_t`,
    one element-wise product per step, no matrix and no squashing.

    Returns
    -------
    dict
        ``x, h, c`` (:math:`\bar x_t, \bar h_{t-1}, \bar c_{t-1}`) and ``weight_ih, weight_hh,
        bias_ih, bias_hh`` (a missing bias gets ``None``).

    Examples
    --------
    >>> gen = torch.manual_seed(0)
    >>> cell = torch.nn.LSTMCell(3, 2)
    >>> x, h, c = torch.randn(3), torch.randn(2), torch.randn(2)
    >>> grads = lstm_cell_backward(x, (h, c), *[p.detach() for p in cell.parameters()], torch.ones(2), torch.zeros(2))
    >>> grads["c"]
    tensor([0.4500, 0.0750])
    >>> x, h, c = (t.requires_grad_() for t in (x, h, c))
    >>> torch.autograd.grad(cell(x, (h, c))[0].sum(), c)[0]
    tensor([0.4500, 0.0750])
    """
    where = "lstm_cell_backward"
    with torch.no_grad():
        step = cells.lstm_cell(x, state, weight_ih, weight_hh, bias_ih, bias_hh)
        h_prev, c_prev = _checks.lstm_state(where, state, x, step.h.shape[-1])
        for name, grad in (("grad_h", grad_h), ("grad_c", grad_c)):
            _checks.shape(where, name, _checks.tensor(where, name, grad), tuple(step.h.shape), "(the shape of h_t)")
        i, f, g, o = step.i, step.f, step.g, step.o
        tanh_c = torch.tanh(step.c)
        dc = grad_c + grad_h * o * (1 - tanh_c**2)  # c_t reaches L directly and through h_t
        gate_grads = {
            "i": dc * g * i * (1 - i),
            "f": dc * c_prev * f * (1 - f),
            "g": dc * i * (1 - g**2),
            "o": grad_h * tanh_c * o * (1 - o),
        }
        da = torch.cat([gate_grads[gate] for gate in LSTM.gates], dim=-1)
        rows = da.reshape(-1, da.shape[-1])  # a batch of one when unbatched
        bias = rows.sum(0)
        return {
            "x": da @ weight_ih,
            "h": da @ weight_hh,
            "c": dc * f,
            "weight_ih": rows.T @ x.reshape(-1, x.shape[-1]),
            "weight_hh": rows.T @ h_prev.reshape(-1, h_prev.shape[-1]),
            "bias_ih": None if bias_ih is None else bias,
            "bias_hh": None if bias_hh is None else bias,
        }
