"""Initialisation choices that change how training starts.

:func:`forget_bias` gives an LSTM's forget gate a chosen bias, the advice of Jozefowicz, Zaremba &
Sutskever (2015) ("add a bias of 1 to the forget gate"). PyTorch keeps two bias vectors that are
added, ``bias_ih`` and ``bias_hh``; setting the forget slice of both to 1 gives a bias of 2, a
common mistake. Here the whole bias goes into ``bias_ih`` and the forget slice of ``bias_hh`` is
zeroed, so the forget gate's bias is exactly the value asked for.
"""

from __future__ import annotations

import torch
from torch import nn

from ..cells.layout import LSTM

__all__ = ["forget_bias"]


def forget_bias(lstm: nn.LSTM, value: float) -> nn.LSTM:
    """Set the forget gate's total bias :math:`b_{if} + b_{hf}` of every layer of ``lstm`` to
    ``value`` (in place; returns ``lstm``).

    >>> lstm = forget_bias(torch.nn.LSTM(3, 2), 1.0)
    >>> (lstm.bias_ih_l0 + lstm.bias_hh_l0)[2:4]
    tensor([1., 1.], grad_fn=<SliceBackward0>)
    """
    if not isinstance(lstm, nn.LSTM):
        raise TypeError(f"forget_bias: lstm must be a torch.nn.LSTM, got {type(lstm).__name__}")
    if not lstm.bias:
        raise ValueError("forget_bias: the LSTM was built with bias=False, so it has no forget-gate bias to set")
    with torch.no_grad():
        for k in range(lstm.num_layers):
            for name, fill in ((f"bias_ih_l{k}", float(value)), (f"bias_hh_l{k}", 0.0)):
                LSTM.blocks(getattr(lstm, name)).f.fill_(fill)  # a view: fills the module's own bias
    return lstm
