r"""The LSTM with one part taken out: the ablations of Greff et al., "LSTM: A Search Space Odyssey" (2017).

Each variant keeps PyTorch's weight layout (gate order i, f, g, o, :mod:`~lstm_explained.cells.layout`),
so any ``torch.nn.LSTM``'s weights plug in; the part that is taken out is replaced by a constant
or an identity, and the rows of its gate stay in the weights unused, so their gradient is exactly
zero. Greff et al.'s other variants are cells of their own: CIFG is
:func:`~lstm_explained.cells.lstm.coupled_lstm_cell`, the peepholes (which their vanilla LSTM has
and PyTorch's does not) :func:`~lstm_explained.cells.lstm.peephole_lstm_cell`.
"""

from __future__ import annotations

import torch
from torch import Tensor
from torch.nn.functional import linear

from .. import _checks
from .layout import LSTM
from .lstm import LSTMStep

__all__ = ["VARIANTS", "lstm_variant_cell"]

#: Each variant's short name (Greff et al.'s, in lower case) and what it takes out.
VARIANTS = {
    "vanilla": "nothing: PyTorch's LSTM",
    "nig": "no input gate, i = 1",
    "nfg": "no forget gate, f = 1",
    "nog": "no output gate, o = 1",
    "niaf": "no input activation function, g is its pre-activation",
    "noaf": "no output activation function, h = o * c",
}


def lstm_variant_cell(
    x: Tensor,
    state: tuple[Tensor, Tensor] | None,
    weight_ih: Tensor,
    weight_hh: Tensor,
    bias_ih: Tensor | None = None,
    bias_hh: Tensor | None = None,
    *,
    variant: str,
) -> LSTMStep:
    r"""One step of the LSTM with the part ``variant`` names taken out (see :data:`VARIANTS`).

    .. math::

        \begin{aligned}
        i_t &= \sigma(W_{ii} x_t + b_{ii} + W_{hi} h_{t-1} + b_{hi}) &&\text{NIG: } i_t = 1 \\
        f_t &= \sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf}) &&\text{NFG: } f_t = 1 \\
        g_t &= \tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg}) &&\text{NIAF: no } \tanh \\
        o_t &= \sigma(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho}) &&\text{NOG: } o_t = 1 \\
        c_t &= f_t \odot c_{t-1} + i_t \odot g_t \\
        h_t &= o_t \odot \tanh(c_t) &&\text{NOAF: } h_t = o_t \odot c_t
        \end{aligned}

    ``"vanilla"`` is exactly :func:`~lstm_explained.cells.lstm.lstm_cell`. The weights are
    PyTorch's ``(4H, I)`` and ``(4H, H)`` whatever the variant: an ablated gate's rows are read by
    nothing, so their gradient is exactly zero and training leaves them where they started.

    Examples
    --------
    >>> gen = torch.manual_seed(0)
    >>> ref = torch.nn.LSTMCell(3, 2).requires_grad_(False)
    >>> x, weights = torch.tensor([1.0, 0.0, -1.0]), (ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh)
    >>> state = (torch.zeros(2), torch.tensor([6.0, -6.0]))
    >>> lstm_variant_cell(x, state, *weights, variant="nfg").c  # the old cell state is kept whole
    tensor([ 5.6856, -6.1458])
    >>> lstm_variant_cell(x, state, *weights, variant="noaf").h  # no tanh: |h| can pass 1
    tensor([ 1.9585, -1.8984])
    >>> torch.equal(lstm_variant_cell(x, state, *weights, variant="vanilla").h, ref(x, state)[0])
    True
    >>> lstm_variant_cell(x, state, *weights, variant="nxg")
    Traceback (most recent call last):
    ...
    ValueError: lstm_variant_cell: variant must be one of 'vanilla', 'nig', 'nfg', 'nog', 'niaf', 'noaf', got 'nxg'
    """
    where = "lstm_variant_cell"
    _checks.one_of(where, "variant", variant, VARIANTS)
    hidden = LSTM.check(where, x, weight_ih, weight_hh, bias_ih, bias_hh)
    h_prev, c_prev = _checks.lstm_state(where, state, x, hidden)
    W_i, W_h, b_i, b_h = LSTM.split(weight_ih, weight_hh, bias_ih, bias_hh)
    one = torch.ones_like(c_prev)  # a gate held open, shaped like the state

    # $$i_t = \sigma(W_{ii} x_t + b_{ii} + W_{hi} h_{t-1} + b_{hi})$$, or $$i_t = 1$$ (NIG)
    i = one if variant == "nig" else torch.sigmoid(linear(x, W_i.i, b_i.i) + linear(h_prev, W_h.i, b_h.i))
    # $$f_t = \sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf})$$, or $$f_t = 1$$ (NFG)
    f = one if variant == "nfg" else torch.sigmoid(linear(x, W_i.f, b_i.f) + linear(h_prev, W_h.f, b_h.f))
    # $$a^g_t = W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg}$$
    a_g = linear(x, W_i.g, b_i.g) + linear(h_prev, W_h.g, b_h.g)
    # $$g_t = \tanh(a^g_t)$$, or $$g_t = a^g_t$$ (NIAF)
    g = a_g if variant == "niaf" else torch.tanh(a_g)
    # $$o_t = \sigma(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho})$$, or $$o_t = 1$$ (NOG)
    o = one if variant == "nog" else torch.sigmoid(linear(x, W_i.o, b_i.o) + linear(h_prev, W_h.o, b_h.o))
    # $$c_t = f_t \odot c_{t-1} + i_t \odot g_t$$
    c = f * c_prev + i * g
    # $$h_t = o_t \odot \tanh(c_t)$$, or $$h_t = o_t \odot c_t$$ (NOAF)
    h = o * c if variant == "noaf" else o * torch.tanh(c)
    return LSTMStep(i, f, g, o, c, h)
