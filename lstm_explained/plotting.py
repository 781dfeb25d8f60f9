"""The few figure helpers the pages share.

Kept here so every heatmap in the book uses one colour scale: ``bwr`` from -1 (blue) to 1 (red),
white at 0, as in the lecture notes the book is built from.
"""

from __future__ import annotations

from collections.abc import Mapping

import torch
from torch import Tensor

__all__ = ["heatmap"]


def heatmap(ax, columns: Mapping[str, Tensor], *, last: int | None = None, vmin=-1.0, vmax=1.0, cmap="bwr"):
    """Draw named ``(T, k)`` blocks side by side as one heatmap, time running down.

    Each block's columns are labelled with its name, so ``{"i": trace.i, "f": trace.f}`` gives
    the ticks ``i i f f`` for two hidden units. ``last`` keeps only the final ``last`` steps.
    Returns the matplotlib image, for a colour bar.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> image = heatmap(ax, {"i": torch.zeros(5, 2), "yhat": torch.ones(5, 3)}, last=4)
    >>> image.get_array().shape, [t.get_text() for t in ax.get_xticklabels()]
    ((4, 5), ['i', 'i', 'yhat', 'yhat', 'yhat'])
    >>> plt.close(fig)
    """
    if not columns:
        raise ValueError("heatmap: columns is empty; pass at least one named (T, k) block")
    blocks, labels = [], []
    for name, block in columns.items():
        block = block.detach().cpu()
        if block.dim() == 1:
            block = block[:, None]
        if block.dim() != 2:
            raise ValueError(f"heatmap: block {name!r} must be (T, k) or (T,), got shape {tuple(block.shape)}")
        blocks.append(block)
        labels += [name] * block.shape[1]
    lengths = {b.shape[0] for b in blocks}
    if len(lengths) != 1:
        raise ValueError(f"heatmap: blocks have different lengths in time {sorted(lengths)}")
    values = torch.cat(blocks, dim=1)
    if last is not None:
        if last < 1:
            raise ValueError(f"heatmap: last must be a positive number of steps, got {last}")
        values = values[-last:]
    image = ax.matshow(values.numpy(), cmap=cmap, vmin=vmin, vmax=vmax, aspect="auto")
    ax.set_xticks(range(len(labels)), labels=labels)
    ax.set_ylabel("t")
    return image
