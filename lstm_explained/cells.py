r"""Recurrent cells written as their equations, one line of code per line of math.

Weights use PyTorch's layout: the blocks of every gate are stacked in the rows of ``weight_ih``
``(gates * H, I)`` and ``weight_hh`` ``(gates * H, H)``, in the order PyTorch stacks them, so the
parameters of a ``torch.nn`` cell or layer plug straight in. ``x`` is ``(I,)`` or ``(B, I)``;
states are ``(H,)`` or ``(B, H)`` to match, and ``None`` means zeros. Biases may be ``None``.

In the equations, :math:`W_{i\ast}` multiplies the input :math:`x_t` and :math:`W_{h\ast}` the
previous hidden state :math:`h_{t-1}`, exactly as in ``torch.nn``'s own documentation;
:math:`\sigma` is the logistic sigmoid and :math:`\odot` the element-wise product.
"""

from __future__ import annotations

from typing import NamedTuple

import torch
from torch import Tensor
from torch.nn.functional import linear

from . import _checks

__all__ = [
    "GRUStep",
    "LSTMStep",
    "coupled_lstm_cell",
    "gru_cell",
    "lstm_cell",
    "peephole_lstm_cell",
    "rnn_cell",
]


class LSTMStep(NamedTuple):
    """Everything one LSTM step computes: the gates ``i, f, o``, the candidate ``g``, and the new
    cell and hidden states ``c, h``. Each field has the shape of the hidden state."""

    i: Tensor
    f: Tensor
    g: Tensor
    o: Tensor
    c: Tensor
    h: Tensor


class GRUStep(NamedTuple):
    """Everything one GRU step computes: the reset gate ``r``, the update gate ``z``, the candidate
    ``n`` and the new hidden state ``h``. Each field has the shape of the hidden state."""

    r: Tensor
    z: Tensor
    n: Tensor
    h: Tensor


_NONLINEARITIES = {"tanh": torch.tanh, "relu": torch.relu}


def _split(stacked: Tensor | None, n: int) -> tuple[Tensor | None, ...]:
    """The ``n`` gate blocks stacked in a weight's or bias's rows; a missing bias stays missing."""
    return (None,) * n if stacked is None else stacked.chunk(n, dim=0)


def rnn_cell(
    x: Tensor,
    h: Tensor | None,
    weight_ih: Tensor,
    weight_hh: Tensor,
    bias_ih: Tensor | None = None,
    bias_hh: Tensor | None = None,
    nonlinearity: str = "tanh",
) -> Tensor:
    r"""One step of the Elman RNN, as :class:`torch.nn.RNNCell` computes it.

    .. math::

        h_t = \tanh(W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh})

    with ``nonlinearity="relu"`` putting :math:`\max(0, \cdot)` in place of :math:`\tanh`.

    Parameters
    ----------
    x : Tensor
        Input :math:`x_t`, ``(I,)`` or ``(B, I)``.
    h : Tensor or None
        Previous hidden state :math:`h_{t-1}`, ``(H,)`` or ``(B, H)``; ``None`` for zeros.
    weight_ih, weight_hh : Tensor
        :math:`W_{ih}` ``(H, I)`` and :math:`W_{hh}` ``(H, H)``.
    bias_ih, bias_hh : Tensor, optional
        :math:`b_{ih}` and :math:`b_{hh}`, ``(H,)`` each.
    nonlinearity : str
        ``"tanh"`` (the default) or ``"relu"``.

    Returns
    -------
    Tensor
        The new hidden state :math:`h_t`.

    Examples
    --------
    >>> gen = torch.manual_seed(0)
    >>> ref = torch.nn.RNNCell(3, 2).requires_grad_(False)
    >>> x = torch.tensor([1.0, 0.0, -1.0])
    >>> h = rnn_cell(x, None, ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh)
    >>> h
    tensor([-0.3027, -0.8661])
    >>> torch.equal(h, ref(x))
    True
    """
    where = "rnn_cell"
    hidden = _checks.cell_weights(where, "h", x, weight_ih, weight_hh, bias_ih, bias_hh)
    if nonlinearity not in _NONLINEARITIES:
        raise ValueError(f"{where}: nonlinearity must be 'tanh' or 'relu', got {nonlinearity!r}")
    act = _NONLINEARITIES[nonlinearity]
    h_prev = _checks.state(where, "h", h, x, hidden)

    h = act(linear(x, weight_ih, bias_ih) + linear(h_prev, weight_hh, bias_hh))
    return h


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
    hidden = _checks.cell_weights(where, "ifgo", x, weight_ih, weight_hh, bias_ih, bias_hh)
    h_prev, c_prev = _checks.lstm_state(where, state, x, hidden)
    W_ii, W_if, W_ig, W_io = _split(weight_ih, 4)
    W_hi, W_hf, W_hg, W_ho = _split(weight_hh, 4)
    b_ii, b_if, b_ig, b_io = _split(bias_ih, 4)
    b_hi, b_hf, b_hg, b_ho = _split(bias_hh, 4)

    i = torch.sigmoid(linear(x, W_ii, b_ii) + linear(h_prev, W_hi, b_hi))
    f = torch.sigmoid(linear(x, W_if, b_if) + linear(h_prev, W_hf, b_hf))
    g = torch.tanh(linear(x, W_ig, b_ig) + linear(h_prev, W_hg, b_hg))
    o = torch.sigmoid(linear(x, W_io, b_io) + linear(h_prev, W_ho, b_ho))
    c = f * c_prev + i * g
    h = o * torch.tanh(c)
    return LSTMStep(i, f, g, o, c, h)


def gru_cell(
    x: Tensor,
    h: Tensor | None,
    weight_ih: Tensor,
    weight_hh: Tensor,
    bias_ih: Tensor | None = None,
    bias_hh: Tensor | None = None,
) -> GRUStep:
    r"""One step of the GRU, as :class:`torch.nn.GRUCell` computes it.

    .. math::

        \begin{aligned}
        r_t &= \sigma(W_{ir} x_t + b_{ir} + W_{hr} h_{t-1} + b_{hr}) \\
        z_t &= \sigma(W_{iz} x_t + b_{iz} + W_{hz} h_{t-1} + b_{hz}) \\
        n_t &= \tanh(W_{in} x_t + b_{in} + r_t \odot (W_{hn} h_{t-1} + b_{hn})) \\
        h_t &= (1 - z_t) \odot n_t + z_t \odot h_{t-1}
        \end{aligned}

    PyTorch applies the reset gate *after* the recurrent product, :math:`r_t \odot (W_{hn} h_{t-1} + b_{hn})`;
    Cho et al. (2014) apply it before, :math:`W_{hn} (r_t \odot h_{t-1})`. The two differ whenever
    :math:`r_t` is not the same in every unit, bias or no bias (a row of :math:`W_{hn}` mixes units
    that the gate scales differently); for a constant gate they differ only through the bias. This
    is the form ``torch.nn.GRU`` uses.

    The update gate :math:`z_t` weights the *old* state: :math:`z_t = 1` keeps :math:`h_{t-1}`, as in
    PyTorch, d2l and Cho et al. (2014). colah's post and Chung et al. (2014) write
    :math:`h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde h_t`: their :math:`z_t` is this
    :math:`1 - z_t`.

    Parameters
    ----------
    x : Tensor
        Input :math:`x_t`, ``(I,)`` or ``(B, I)``.
    h : Tensor or None
        Previous hidden state :math:`h_{t-1}`, ``(H,)`` or ``(B, H)``; ``None`` for zeros.
    weight_ih, weight_hh : Tensor
        Rows stacked in gate order r, z, n: ``(3H, I)`` and ``(3H, H)``.
    bias_ih, bias_hh : Tensor, optional
        ``(3H,)`` each, in the same order.

    Returns
    -------
    GRUStep
        ``r, z, n, h``: every intermediate of the step.

    Examples
    --------
    >>> gen = torch.manual_seed(0)
    >>> ref = torch.nn.GRUCell(3, 2).requires_grad_(False)
    >>> x = torch.tensor([1.0, 0.0, -1.0])
    >>> step = gru_cell(x, None, ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh)
    >>> step.z, step.h
    (tensor([0.4765, 0.5850]), tensor([-0.3646, -0.3562]))
    >>> torch.allclose(step.h, ref(x))
    True
    """
    where = "gru_cell"
    hidden = _checks.cell_weights(where, "rzn", x, weight_ih, weight_hh, bias_ih, bias_hh)
    h_prev = _checks.state(where, "h", h, x, hidden)
    W_ir, W_iz, W_in = _split(weight_ih, 3)
    W_hr, W_hz, W_hn = _split(weight_hh, 3)
    b_ir, b_iz, b_in = _split(bias_ih, 3)
    b_hr, b_hz, b_hn = _split(bias_hh, 3)

    r = torch.sigmoid(linear(x, W_ir, b_ir) + linear(h_prev, W_hr, b_hr))
    z = torch.sigmoid(linear(x, W_iz, b_iz) + linear(h_prev, W_hz, b_hz))
    n = torch.tanh(linear(x, W_in, b_in) + r * linear(h_prev, W_hn, b_hn))
    h = (1 - z) * n + z * h_prev
    return GRUStep(r, z, n, h)


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
    hidden = _checks.cell_weights(where, "ifgo", x, weight_ih, weight_hh, bias_ih, bias_hh)
    h_prev, c_prev = _checks.lstm_state(where, state, x, hidden)
    weight_ch = _checks.tensor(where, "weight_ch", weight_ch)
    if tuple(weight_ch.shape) != (3, hidden):
        raise ValueError(
            f"{where}: weight_ch has shape {tuple(weight_ch.shape)}, expected (3, {hidden}): "
            "one diagonal row each for the i, f and o gates"
        )
    W_ii, W_if, W_ig, W_io = _split(weight_ih, 4)
    W_hi, W_hf, W_hg, W_ho = _split(weight_hh, 4)
    b_ii, b_if, b_ig, b_io = _split(bias_ih, 4)
    b_hi, b_hf, b_hg, b_ho = _split(bias_hh, 4)
    w_ci, w_cf, w_co = weight_ch

    i = torch.sigmoid(linear(x, W_ii, b_ii) + linear(h_prev, W_hi, b_hi) + w_ci * c_prev)
    f = torch.sigmoid(linear(x, W_if, b_if) + linear(h_prev, W_hf, b_hf) + w_cf * c_prev)
    g = torch.tanh(linear(x, W_ig, b_ig) + linear(h_prev, W_hg, b_hg))
    c = f * c_prev + i * g
    o = torch.sigmoid(linear(x, W_io, b_io) + linear(h_prev, W_ho, b_ho) + w_co * c)
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
    hidden = _checks.cell_weights(where, "fgo", x, weight_ih, weight_hh, bias_ih, bias_hh)
    h_prev, c_prev = _checks.lstm_state(where, state, x, hidden)
    W_if, W_ig, W_io = _split(weight_ih, 3)
    W_hf, W_hg, W_ho = _split(weight_hh, 3)
    b_if, b_ig, b_io = _split(bias_ih, 3)
    b_hf, b_hg, b_ho = _split(bias_hh, 3)

    f = torch.sigmoid(linear(x, W_if, b_if) + linear(h_prev, W_hf, b_hf))
    g = torch.tanh(linear(x, W_ig, b_ig) + linear(h_prev, W_hg, b_hg))
    o = torch.sigmoid(linear(x, W_io, b_io) + linear(h_prev, W_ho, b_ho))
    i = 1 - f
    c = f * c_prev + i * g
    h = o * torch.tanh(c)
    return LSTMStep(i, f, g, o, c, h)
