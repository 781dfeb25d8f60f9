"""The lecture's training loop, one model after another: the reference every faster trainer must match."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import torch
from torch import Tensor
from torch.nn import functional as F

from .. import _checks
from ..models.toy import ToyModel

__all__ = ["check_models", "check_training", "train_one_by_one"]


def check_models(where: str, models: Sequence[ToyModel]) -> None:
    """Check that ``models`` are toy models of one kind and size, which can train together."""
    if not models:
        raise ValueError(f"{where}: models is empty")
    if not all(isinstance(m, ToyModel) for m in models):
        raise TypeError(f"{where}: every model must be a ToyModel (use make_models)")
    shape = lambda m: (m.kind, m.rnn.input_size, m.rnn.hidden_size, m.head.out_features, m.rnn.num_layers)  # noqa: E731
    if any(shape(m) != shape(models[0]) for m in models):
        raise ValueError(f"{where}: all models must have the same kind and sizes to train together")


def check_training(where: str, models: Sequence[ToyModel], x: Tensor, y: Tensor, epochs: int) -> None:
    """Check what a trainer was given; every message names ``where``, the trainer the reader called."""
    check_models(where, models)
    input_size, output_size = models[0].rnn.input_size, models[0].head.out_features
    if not isinstance(x, Tensor) or x.dim() != 2 or x.shape[1] != input_size:
        got = tuple(x.shape) if isinstance(x, Tensor) else type(x).__name__
        raise ValueError(f"{where}: x must be (seq_len, {input_size}), got {got}")
    if not isinstance(y, Tensor) or y.dim() != 1 or y.shape[0] != x.shape[0]:
        got = tuple(y.shape) if isinstance(y, Tensor) else type(y).__name__
        raise ValueError(f"{where}: y must be ({x.shape[0]},) class indices, one per step of x; got {got}")
    if y.dtype != torch.long or (y.numel() and (y.min() < 0 or y.max() >= output_size)):
        raise ValueError(f"{where}: y must hold integer classes in 0..{output_size - 1}")
    _checks.positive_int(where, "epochs", epochs)


def train_one_by_one(
    models: Sequence[ToyModel],
    x: Tensor,
    y: Tensor,
    epochs: int,
    lr: float = 0.1,
    *,
    forward: Callable[[ToyModel, Tensor], Tensor] | None = None,
) -> Tensor:
    """The lecture's loop, one model after another: the reference the packed trainer must match.

    Each epoch: the whole sequence from a zero state, cross-entropy averaged over time, backward,
    an Adam step. Returns the loss history ``(epochs, n)``. ``forward(model, x)`` replaces
    ``model(x)`` for the logits, e.g. to run the cell equations by hand.
    """
    check_training("train_one_by_one", models, x, y, epochs)
    forward = forward or (lambda model, x: model(x))
    history = torch.empty(epochs, len(models), dtype=x.dtype)
    for k, model in enumerate(models):
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        for epoch in range(epochs):
            loss = F.cross_entropy(forward(model, x), y)
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
            history[epoch, k] = loss.detach()
    return history
