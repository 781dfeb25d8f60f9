"""The reading of :func:`~lstm_explained.analysis.reach.gradient_reach`: how far back the last
step's gradient reaches, with and without truncation, in words."""

from __future__ import annotations

from torch import Tensor

__all__ = ["reach_reading"]


def reach_reading(full: Tensor, cut: Tensor) -> str:
    """How many inputs each reach touches, and how the full one compares from the newest to the oldest.

    A gradient is a sensitivity: that the loss would move if an old input changed, not that the
    model needs that input. The words say only the first.

    >>> import torch
    >>> reach_reading(torch.tensor([0.001, 0.1, 1.0]), torch.tensor([0.0, 0.1, 1.0]))
    "With the whole graph, 3 of 3 inputs receive a gradient; truncated, only 2 of 3, and the rest get exactly zero, whatever they did to the loss. Even uncut, the gradient reaching the oldest input is 1.0e-03 times the newest's: it fades with distance"
    >>> reach_reading(torch.tensor([0.5, 0.1, 1.0]), torch.tensor([0.0, 0.1, 1.0])).split(". ")[1]
    "Uncut, the oldest input gets 0.50 times the newest's gradient: over these 3 steps the loss stays sensitive to what was read 2 steps before"
    """
    ratio = (full[0] / full[-1]).item()
    fade = (
        f"Even uncut, the gradient reaching the oldest input is {ratio:.1e} times the newest's: it fades with distance"
        if ratio < 0.1 else
        f"Uncut, the oldest input gets {ratio:.2f} times the newest's gradient: over these {len(full)} steps the loss "
        f"stays sensitive to what was read {len(full) - 1} steps before"
    )
    return (
        f"With the whole graph, {int((full > 0).sum())} of {len(full)} inputs receive a gradient; truncated, only "
        f"{int((cut > 0).sum())} of {len(cut)}, and the rest get exactly zero, whatever they did to the loss. {fade}"
    )
