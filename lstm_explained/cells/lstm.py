r"""The LSTM cell and two of its variants: peephole connections, and coupled input and forget gates.

Weights in PyTorch's layout (:mod:`~lstm_explained.cells.layout`, gate order i, f, g, o); ``x``
is ``(I,)`` or ``(B, I)``, the states ``(H,)`` or ``(B, H)`` to match, ``None`` for zeros.
:math:`W_{i\ast}` multiplies the input and :math:`W_{h\ast}` the previous hidden state, as in
``torch.nn``'s documentation; :math:`\sigma` is the logistic sigmoid, :math:`\odot` the
element-wise product.
"""

from __future__ import annotations

from typing import NamedTuple

import torch
from torch import Tensor
from torch.nn.functional import linear

from .. import _checks
from .layout import COUPLED, LSTM

__all__ = ["LSTMStep", "coupled_lstm_cell", "lstm_cell", "peephole_lstm_cell"]


class LSTMStep(NamedTuple):
    """Everything one LSTM step computes: the gates ``i, f, o``, the candidate ``g``, and the new
    cell and hidden states ``c, h``. Each field has the shape of the hidden state."""

    i: Tensor
    f: Tensor
    g: Tensor
    o: Tensor
    c: Tensor
    h: Tensor


def lstm_cell(
    x: Tensor,
    state: tuple[Tensor, Tensor] | None,
    weight_ih: Tensor,
    weight_hh: Tensor,
    bias_ih: Tensor | None = None,
    bias_hh: Tensor | None = None,
) -> LSTMStep:
    r"""One step of the LSTM, as :class:`torch.nn.LSTMCell` computes it.

    .. math::

        \begin{aligned}
        i_t &= \sigma(W_{ii} x_t + b_{ii} + W_{hi} h_{t-1} + b_{hi}) \\
        f_t &= \sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf}) \\
        g_t &= \tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg}) \\
        o_t &= \sigma(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho}) \\
        c_t &= f_t \odot c_{t-1} + i_t \odot g_t \\
        h_t &= o_t \odot \tanh(c_t)
        \end{aligned}

    The input gate :math:`i_t` decides how much of the candidate :math:`g_t` enters the cell state,
    the forget gate :math:`f_t` how much of :math:`c_{t-1}` survives, and the output gate
    :math:`o_t` how much of :math:`\tanh(c_t)` is shown as :math:`h_t`.

    Parameters
    ----------
    x : Tensor
        Input :math:`x_t`, ``(I,)`` or ``(B, I)``.
    state : (Tensor, Tensor) or None
        :math:`(h_{t-1}, c_{t-1})`, each ``(H,)`` or ``(B, H)``; ``None`` for zeros.
    weight_ih, weight_hh : Tensor
        :math:`W_{i\ast}` stacked as rows ``[W_ii; W_if; W_ig; W_io]`` ``(4H, I)``, and
        :math:`W_{h\ast}` likewise ``(4H, H)``: gate order i, f, g, o, as PyTorch stacks them.
    bias_ih, bias_hh : Tensor, optional
        ``(4H,)`` each, in the same order.

    Returns
    -------
    LSTMStep
        ``i, f, g, o, c, h``: every intermediate of the step.

    Examples
    --------
    >>> gen = torch.manual_seed(0)
    >>> ref = torch.nn.LSTMCell(3, 2).requires_grad_(False)
    >>> x = torch.tensor([1.0, 0.0, -1.0])
    >>> step = lstm_cell(x, None, ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh)
    >>> step.f, step.c, step.h
    (tensor([0.6504, 0.5912]), tensor([-0.3144, -0.1458]), tensor([-0.1662, -0.0744]))
    >>> h_ref, c_ref = ref(x)
    >>> torch.allclose(step.h, h_ref) and torch.allclose(step.c, c_ref)
    True
    """
    where = "lstm_cell"
    hidden = LSTM.check(where, x, weight_ih, weight_hh, bias_ih, bias_hh)
    h_prev, c_prev = _checks.lstm_state(where, state, x, hidden)
    W_i, W_h, b_i, b_h = LSTM.split(weight_ih, weight_hh, bias_ih, bias_hh)

    # $$i_t = \sigma(W_{ii} x_t + b_{ii} + W_{hi} h_{t-1} + b_{hi})$$
    i = torch.sigmoid(linear(x, W_i.i, b_i.i) + linear(h_prev, W_h.i, b_h.i))
    # $$f_t = \sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf})$$
    f = torch.sigmoid(linear(x, W_i.f, b_i.f) + linear(h_prev, W_h.f, b_h.f))
    # $$g_t = \tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg})$$
    g = torch.tanh(linear(x, W_i.g, b_i.g) + linear(h_prev, W_h.g, b_h.g))
    # $$o_t = \sigma(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho})$$
    o = torch.sigmoid(linear(x, W_i.o, b_i.o) + linear(h_prev, W_h.o, b_h.o))
    # $$c_t = f_t \odot c_{t-1} + i_t \odot g_t$$
    c = f * c_prev + i * g
    # $$h_t = o_t \odot \tanh(c_t)$$
    h = o * torch.tanh(c)
    return LSTMStep(i, f, g, o, c, h)


def peephole_lstm_cell(
    x: Tensor,
    state: tuple[Tensor, Tensor] | None,
    weight_ih: Tensor,
    weight_hh: Tensor,
    weight_ch: Tensor,
    bias_ih: Tensor | None = None,
    bias_hh: Tensor | None = None,
) -> LSTMStep:
    r"""One step of the LSTM with diagonal peephole connections (Gers & Schmidhuber, 2000).

    The gates also look at the cell state: :math:`i_t` and :math:`f_t` at the old one,
    :math:`c_{t-1}`, and :math:`o_t` at the new one, :math:`c_t`, which is why :math:`o_t` is
    computed after :math:`c_t`:

    .. math::

        \begin{aligned}
        i_t &= \sigma(W_{ii} x_t + b_{ii} + W_{hi} h_{t-1} + b_{hi} + w_{ci} \odot c_{t-1}) \\
        f_t &= \sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf} + w_{cf} \odot c_{t-1}) \\
        g_t &= \tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg}) \\
        c_t &= f_t \odot c_{t-1} + i_t \odot g_t \\
        o_t &= \sigma(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho} + w_{co} \odot c_t) \\
        h_t &= o_t \odot \tanh(c_t)
        \end{aligned}

    Parameters
    ----------
    x, state, weight_ih, weight_hh, bias_ih, bias_hh
        As in :func:`lstm_cell` (gate order i, f, g, o).
    weight_ch : Tensor
        The peephole weights ``(3, H)``, rows :math:`w_{ci}, w_{cf}, w_{co}`. With zeros this is
        exactly :func:`lstm_cell`.

    Returns
    -------
    LSTMStep

    Examples
    --------
    >>> gen = torch.manual_seed(0)
    >>> ref = torch.nn.LSTMCell(3, 2).requires_grad_(False)
    >>> x = torch.tensor([1.0, 0.0, -1.0])
    >>> weights = ref.weight_ih, ref.weight_hh
    >>> plain = lstm_cell(x, None, *weights)
    >>> peep = peephole_lstm_cell(x, None, *weights, weight_ch=torch.zeros(3, 2))
    >>> torch.equal(peep.h, plain.h)
    True
    >>> peep = peephole_lstm_cell(x, None, *weights, weight_ch=torch.ones(3, 2))
    >>> plain.o, peep.o
    (tensor([0.3238, 0.5145]), tensor([0.2747, 0.4833]))
    """
    where = "peephole_lstm_cell"
    hidden = LSTM.check(where, x, weight_ih, weight_hh, bias_ih, bias_hh)
    h_prev, c_prev = _checks.lstm_state(where, state, x, hidden)
    weight_ch = _checks.tensor(where, "weight_ch", weight_ch)
    _checks.shape(where, "weight_ch", weight_ch, (3, hidden), "one diagonal row each for the i, f and o gates")
    _checks.same_kind(where, "weight_ch", weight_ch, x)
    W_i, W_h, b_i, b_h = LSTM.split(weight_ih, weight_hh, bias_ih, bias_hh)
    w_ci, w_cf, w_co = weight_ch

    # $$i_t = \sigma(W_{ii} x_t + b_{ii} + W_{hi} h_{t-1} + b_{hi} + w_{ci} \odot c_{t-1})$$
    i = torch.sigmoid(linear(x, W_i.i, b_i.i) + linear(h_prev, W_h.i, b_h.i) + w_ci * c_prev)
    # $$f_t = \sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf} + w_{cf} \odot c_{t-1})$$
    f = torch.sigmoid(linear(x, W_i.f, b_i.f) + linear(h_prev, W_h.f, b_h.f) + w_cf * c_prev)
    # $$g_t = \tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg})$$
    g = torch.tanh(linear(x, W_i.g, b_i.g) + linear(h_prev, W_h.g, b_h.g))
    # $$c_t = f_t \odot c_{t-1} + i_t \odot g_t$$
    c = f * c_prev + i * g
    # $$o_t = \sigma(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho} + w_{co} \odot c_t)$$
    o = torch.sigmoid(linear(x, W_i.o, b_i.o) + linear(h_prev, W_h.o, b_h.o) + w_co * c)
    # $$h_t = o_t \odot \tanh(c_t)$$
    h = o * torch.tanh(c)
    return LSTMStep(i, f, g, o, c, h)


def coupled_lstm_cell(
    x: Tensor,
    state: tuple[Tensor, Tensor] | None,
    weight_ih: Tensor,
    weight_hh: Tensor,
    bias_ih: Tensor | None = None,
    bias_hh: Tensor | None = None,
) -> LSTMStep:
    r"""One step of the LSTM with coupled input and forget gates.

    What is forgotten is exactly what is replaced: the input gate is :math:`1 - f_t`, so there is
    no :math:`W_{\ast i}` and the weights stack three blocks, f, g, o.

    .. math::

        \begin{aligned}
        f_t &= \sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf}) \\
        g_t &= \tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg}) \\
        o_t &= \sigma(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho}) \\
        i_t &= 1 - f_t \\
        c_t &= f_t \odot c_{t-1} + i_t \odot g_t \\
        h_t &= o_t \odot \tanh(c_t)
        \end{aligned}

    Parameters
    ----------
    x, state
        As in :func:`lstm_cell`.
    weight_ih, weight_hh : Tensor
        Rows stacked in gate order f, g, o: ``(3H, I)`` and ``(3H, H)``.
    bias_ih, bias_hh : Tensor, optional
        ``(3H,)`` each, in the same order.

    Returns
    -------
    LSTMStep
        With ``i`` equal to ``1 - f``.

    Examples
    --------
    >>> gen = torch.manual_seed(0)
    >>> w_ih, w_hh = torch.randn(6, 3), torch.randn(6, 2)
    >>> step = coupled_lstm_cell(torch.tensor([1.0, 0.0, -1.0]), None, w_ih, w_hh)
    >>> step.f, step.i
    (tensor([0.1554, 0.9128]), tensor([0.8446, 0.0872]))
    """
    where = "coupled_lstm_cell"
    hidden = COUPLED.check(where, x, weight_ih, weight_hh, bias_ih, bias_hh)
    h_prev, c_prev = _checks.lstm_state(where, state, x, hidden)
    W_i, W_h, b_i, b_h = COUPLED.split(weight_ih, weight_hh, bias_ih, bias_hh)

    # $$f_t = \sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf})$$
    f = torch.sigmoid(linear(x, W_i.f, b_i.f) + linear(h_prev, W_h.f, b_h.f))
    # $$g_t = \tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg})$$
    g = torch.tanh(linear(x, W_i.g, b_i.g) + linear(h_prev, W_h.g, b_h.g))
    # $$o_t = \sigma(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho})$$
    o = torch.sigmoid(linear(x, W_i.o, b_i.o) + linear(h_prev, W_h.o, b_h.o))
    # $$i_t = 1 - f_t$$
    i = 1 - f
    # $$c_t = f_t \odot c_{t-1} + i_t \odot g_t$$
    c = f * c_prev + i * g
    # $$h_t = o_t \odot \tanh(c_t)$$
    h = o * torch.tanh(c)
    return LSTMStep(i, f, g, o, c, h)
