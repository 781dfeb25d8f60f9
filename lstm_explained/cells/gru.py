r"""The GRU cell, as ``torch.nn.GRUCell`` computes it.

Weights in PyTorch's layout (:mod:`~lstm_explained.cells.layout`, gate order r, z, n); ``x`` is
``(I,)`` or ``(B, I)``, the state ``(H,)`` or ``(B, H)`` to match, ``None`` for zeros.
"""

from __future__ import annotations

from typing import NamedTuple

import torch
from torch import Tensor
from torch.nn.functional import linear

from .. import _checks
from .layout import GRU

__all__ = ["GRUStep", "gru_cell"]


class GRUStep(NamedTuple):
    """Everything one GRU step computes: the reset gate ``r``, the update gate ``z``, the candidate
    ``n`` and the new hidden state ``h``. Each field has the shape of the hidden state."""

    r: Tensor
    z: Tensor
    n: Tensor
    h: Tensor


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
    hidden = GRU.check(where, x, weight_ih, weight_hh, bias_ih, bias_hh)
    h_prev = _checks.state(where, "h", h, x, hidden)
    W_i, W_h, b_i, b_h = GRU.split(weight_ih, weight_hh, bias_ih, bias_hh)

    # $$r_t = \sigma(W_{ir} x_t + b_{ir} + W_{hr} h_{t-1} + b_{hr})$$
    r = torch.sigmoid(linear(x, W_i.r, b_i.r) + linear(h_prev, W_h.r, b_h.r))
    # $$z_t = \sigma(W_{iz} x_t + b_{iz} + W_{hz} h_{t-1} + b_{hz})$$
    z = torch.sigmoid(linear(x, W_i.z, b_i.z) + linear(h_prev, W_h.z, b_h.z))
    # $$n_t = \tanh(W_{in} x_t + b_{in} + r_t \odot (W_{hn} h_{t-1} + b_{hn}))$$
    n = torch.tanh(linear(x, W_i.n, b_i.n) + r * linear(h_prev, W_h.n, b_h.n))
    # $$h_t = (1 - z_t) \odot n_t + z_t \odot h_{t-1}$$
    h = (1 - z) * n + z * h_prev
    return GRUStep(r, z, n, h)
