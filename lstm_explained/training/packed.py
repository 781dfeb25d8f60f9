r"""Train many small independent models at once, as one wide network.

The lecture trains 25 tiny models one after another, thousands of epochs each. With hidden sizes
of 3 or 4 the arithmetic is tiny; the time goes to overhead paid at every one of the hundreds of
time steps. Here the ``n`` models become one layer of ``n * H`` units
(:mod:`~lstm_explained.training.packing`, one packing per kind of cell): no model sees another's
state, the loss is the *sum* of the models' mean losses so each model's gradient is exactly its
own, and Adam works element by element, so each model's update is what it would have been alone.

:func:`train` leaves every model where
:func:`~lstm_explained.training.one_by_one.train_one_by_one`, the lecture's own loop, would take
it alone; ``benchmarks/packed_speed.py`` measures how much sooner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import torch
from torch import Tensor
from torch.nn import functional as F

from .. import _checks
from ..models.toy import ToyModel
from .one_by_one import check_training
from .packing import groups, packing_for

__all__ = ["train"]


def train(
    models: Sequence[ToyModel],
    x: Tensor,
    y: Tensor,
    epochs: int,
    lr: float = 0.1,
    *,
    threads: int | None = 1,
    checkpoints: Sequence[int] = (),
    on_checkpoint: Callable[[int], None] | None = None,
) -> Tensor:
    """Train ``models`` in place, all at once, exactly as
    :func:`~lstm_explained.training.one_by_one.train_one_by_one` would.

    Adam with learning rate ``lr``; each epoch reads the whole sequence ``x (T, I)`` from a zero
    state, with cross-entropy against ``y (T,)`` averaged over time. Returns each model's loss at
    every epoch, ``(epochs, n)``, on the CPU.

    On the CPU the loop runs on ``threads`` intra-op threads (PyTorch's setting is restored after):
    one step of even the packed layer is too small to split across threads, and splitting it costs
    more than it saves. ``threads=None`` leaves PyTorch's setting alone.

    After each epoch listed in ``checkpoints`` (counted from 1) the models are updated in place
    and ``on_checkpoint(epoch)`` is called, so that they can be evaluated mid-training without
    disturbing the optimizer.

    Examples
    --------
    >>> from lstm_explained.models.toy import make_models
    >>> from lstm_explained.training.one_by_one import train_one_by_one
    >>> x, y = torch.eye(3)[[0, 1, 2, 0, 1, 2]], torch.tensor([1, 2, 0, 1, 2, 0])
    >>> together = make_models("rnn", 3, 2, 3, n=3, seed=0)
    >>> alone = make_models("rnn", 3, 2, 3, n=3, seed=0)
    >>> history = train(together, x, y, epochs=20)
    >>> history.shape, history[-1]
    (torch.Size([20, 3]), tensor([0.0465, 0.0471, 0.0462]))
    >>> reference = train_one_by_one(alone, x, y, epochs=20)
    >>> torch.allclose(history, reference, atol=1e-5)
    True
    """
    check_training("train", models, x, y, epochs)
    if models[0].rnn.num_layers != 1:
        raise ValueError(
            f"train: packs one-layer models only, got num_layers={models[0].rnn.num_layers}; "
            "train stacked models with train_one_by_one"
        )
    if threads is not None:
        _checks.positive_int("train", "threads", threads)
    bad = [c for c in checkpoints if not isinstance(c, int) or not 1 <= c <= epochs]
    if bad:
        raise ValueError(f"train: checkpoints must be epochs in 1..{epochs}, got {bad}")
    if checkpoints and on_checkpoint is None:
        raise ValueError("train: checkpoints were given without on_checkpoint to call")
    device = models[0].head.weight.device
    x, y = x.to(device), y.to(device)
    if threads is None or device.type != "cpu":
        return _train_packed(models, x, y, epochs, lr, set(checkpoints), on_checkpoint)
    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        return _train_packed(models, x, y, epochs, lr, set(checkpoints), on_checkpoint)
    finally:
        torch.set_num_threads(before)


def _train_packed(models, x, y, epochs, lr, checkpoints, on_checkpoint) -> Tensor:
    packs = packing_for(models)
    # fused Adam does every parameter's update in one kernel; the per-element arithmetic is Adam's
    optimizers = [torch.optim.Adam(pack.parameters(), lr=lr, fused=True) for pack in packs]
    onehot = F.one_hot(y, packs[0].head_bias.shape[1]).to(x.dtype).t().unsqueeze(1)  # (O, 1, T)
    history = torch.empty(epochs, len(models), device=x.device, dtype=x.dtype)
    bounds = [0]
    for pack in packs:
        bounds.append(bounds[-1] + pack.n)
    held = groups(models, packs)
    for epoch in range(epochs):
        for pack, optimizer, start, stop in zip(packs, optimizers, bounds, bounds[1:]):
            losses = pack(x, onehot)
            losses.sum().backward()
            pack.before_step()
            optimizer.step()
            optimizer.zero_grad()
            history[epoch, start:stop] = losses.detach()
        if epoch + 1 in checkpoints:
            for pack, group in zip(packs, held):
                pack.unpack_into(group)
            on_checkpoint(epoch + 1)
    for pack, group in zip(packs, held):
        pack.unpack_into(group)
    return history.cpu()
