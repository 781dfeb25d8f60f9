"""How far back the gradient of one step's loss reaches, with and without truncation.

Backpropagation through time (BPTT) sends the gradient of the last step's loss back through every
hidden state to every input. Truncated BPTT cuts the graph ``truncation`` steps back: the state
carried across the cut is a constant, so every earlier input gets a gradient of exactly zero,
however much it influenced the loss.
"""

from __future__ import annotations

import torch
from torch import Tensor
from torch.nn import functional as F

from .. import _checks
from ..models.toy import ToyModel

__all__ = ["gradient_reach", "median_reach"]


def gradient_reach(model: ToyModel, x: Tensor, y: Tensor, truncation: int | None = None) -> Tensor:
    """:math:`\\lVert \\partial L_{T-1} / \\partial x_t \\rVert_2` for every step ``t``, where
    :math:`L_{T-1}` is the cross-entropy of the last step's scores against ``y[-1]``.

    With ``truncation=k`` the state entering step ``T - k`` is detached (truncated BPTT), so only
    the last ``k`` entries can be non-zero.

    >>> gen = torch.manual_seed(0)
    >>> model = ToyModel("rnn", 3, 4, 3)
    >>> x, y = torch.eye(3)[[0, 1, 2, 0, 1]], torch.tensor([1, 2, 0, 1, 2])
    >>> gradient_reach(model, x, y, truncation=2)
    tensor([0.0000, 0.0000, 0.0000, 0.0699, 0.0826])
    >>> bool((gradient_reach(model, x, y)[:3] > 0).all())
    True
    """
    where = "gradient_reach"
    if not isinstance(model, ToyModel):
        raise TypeError(f"{where}: model must be a ToyModel, got {type(model).__name__}")
    _checks.tensor(where, "x", x)
    if not isinstance(y, Tensor) or y.dtype != torch.long:
        raise TypeError(f"{where}: y must be a LongTensor of classes, got {getattr(y, 'dtype', type(y).__name__)}")
    if x.dim() != 2 or x.shape[1] != model.rnn.input_size or len(x) == 0:
        raise ValueError(f"{where}: x must be (steps, {model.rnn.input_size}) with steps >= 1, got {tuple(x.shape)}")
    _checks.shape(where, "y", y, (x.shape[0],), "(one class per step of x)")
    steps = x.shape[0]
    cut = 0 if truncation is None else steps - _checks.int_in(where, "truncation", truncation, 1, steps)
    x = x.detach().clone().requires_grad_(True)
    with torch.no_grad():
        state = model.rnn(x[:cut])[1] if cut else None
    hidden = model.rnn(x[cut:], state)[0]
    loss = F.cross_entropy(model.head(hidden[-1]), y[-1])
    (grad,) = torch.autograd.grad(loss, x)
    return grad.norm(dim=1)


def median_reach(model: ToyModel, x: Tensor, y: Tensor, window: int, truncation: int | None = None) -> Tensor:
    """:func:`gradient_reach` over every ``window`` consecutive steps of ``x`` (``y``), one window
    ending at each step from ``window`` on, and the median at each distance: ``(window,)``, oldest
    first. One window is one text; the median says what is typical of the stream.

    >>> gen = torch.manual_seed(0)
    >>> model = ToyModel("rnn", 3, 4, 3)
    >>> x, y = torch.eye(3)[[0, 1, 2, 0, 1, 2, 0]], torch.tensor([1, 2, 0, 1, 2, 0, 1])
    >>> median_reach(model, x, y, window=3).shape, bool((median_reach(model, x, y, window=3, truncation=1)[:2] == 0).all())
    (torch.Size([3]), True)
    """
    where = "median_reach"
    _checks.tensor(where, "x", x)
    _checks.int_in(where, "window", window, 1, len(x))
    found = [gradient_reach(model, x[end - window : end], y[end - window : end], truncation) for end in range(window, len(x) + 1)]
    return torch.stack(found).median(0).values
