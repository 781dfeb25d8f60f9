r"""The Elman RNN cell, the recurrence every other cell builds on.

Weights in PyTorch's layout (:mod:`~lstm_explained.cells.layout`); ``x`` is ``(I,)`` or ``(B, I)``,
the state ``(H,)`` or ``(B, H)`` to match, ``None`` for zeros.
"""

from __future__ import annotations

import torch
from torch import Tensor
from torch.nn.functional import linear

from .. import _checks
from .layout import RNN

__all__ = ["rnn_cell"]

_NONLINEARITIES = {"tanh": torch.tanh, "relu": torch.relu}


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
    hidden = RNN.check(where, x, weight_ih, weight_hh, bias_ih, bias_hh)
    act = _NONLINEARITIES[_checks.one_of(where, "nonlinearity", nonlinearity, _NONLINEARITIES)]
    h_prev = _checks.state(where, "h", h, x, hidden)

    # $$h_t = \tanh(W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh})$$
    h = act(linear(x, weight_ih, bias_ih) + linear(h_prev, weight_hh, bias_hh))
    return h
