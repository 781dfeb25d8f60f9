"""The few figure helpers the pages share.

Kept here so every heatmap in the book uses one colour scale: ``bwr`` from -1 (blue) to 1 (red),
white at 0, as in the lecture notes the book is built from.
"""

from __future__ import annotations

from collections.abc import Mapping

import torch
from torch import Tensor

__all__ = ["heatmap", "model_grid", "share_curve"]


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


def model_grid(hidden: Tensor, probs: Tensor, *, last: int, rows: int = 5, cols: int = 5, solved: Tensor | None = None, title: str = ""):
    """The lecture's grid: one panel per model, ``[hidden, softmax output]`` over the last steps.

    ``hidden`` is ``(n, T, H)`` and ``probs`` ``(n, T, V)``; the first ``rows * cols`` models are
    drawn. With ``solved`` (a bool per model), each panel's title says whether it remembers.
    Returns the figure.
    """
    import matplotlib.pyplot as plt

    if hidden.dim() != 3 or probs.dim() != 3 or hidden.shape[:2] != probs.shape[:2]:
        raise ValueError(f"model_grid: hidden (n, T, H) and probs (n, T, V) must agree; got {tuple(hidden.shape)}, {tuple(probs.shape)}")
    if hidden.shape[0] < rows * cols:
        raise ValueError(f"model_grid: {rows}x{cols} panels need {rows * cols} models, got {hidden.shape[0]}")
    fig, axes = plt.subplots(rows, cols, figsize=(1.9 * cols, 1.9 * rows))
    for k, ax in enumerate(axes.flat):
        heatmap(ax, {"h": hidden[k], "ŷ": probs[k]}, last=last)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_ylabel("")
        if solved is not None:
            ax.set_title("remembers" if solved[k] else "forgets", fontsize=8, color="black" if solved[k] else "grey")
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def share_curve(ax, epochs, solved: Tensor, *, label: str, color=None):
    """Share of models that remember after each number of ``epochs``, with a 95% Wilson band.

    ``solved`` is ``(len(epochs), n)`` booleans.
    """
    from .stats import wilson_interval

    if solved.dim() != 2 or solved.shape[0] != len(epochs):
        raise ValueError(f"share_curve: solved must be (len(epochs), n) = ({len(epochs)}, n), got {tuple(solved.shape)}")
    n = solved.shape[1]
    counts = [int(row.sum()) for row in solved]
    share = [k / n for k in counts]
    low, high = zip(*(wilson_interval(k, n) for k in counts))
    (line,) = ax.plot(epochs, share, marker="o", ms=3, label=f"{label} (n = {n})", color=color)
    ax.fill_between(epochs, low, high, alpha=0.2, color=line.get_color())
    ax.set_ylim(0, 1)
    ax.set_xlabel("epochs")
    ax.set_ylabel("share that remembers")
    return line
