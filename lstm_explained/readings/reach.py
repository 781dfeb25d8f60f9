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
    "With the whole graph, every one of the 3 inputs receives a gradient; truncated, only 2 of 3, and the rest get exactly zero, whatever they did to the loss. Even uncut, the gradient reaching the oldest input is 1.0e-03 times the newest's: it fades with distance"
    >>> reach_reading(torch.tensor([0.5, 0.1, 1.0]), torch.tensor([0.0, 0.1, 1.0])).split(". ")[1]
    "Uncut, the oldest input gets 0.50 times the newest's gradient: over these 3 steps the loss stays sensitive to what was read 2 steps before"
    """
    n, reached, kept = len(full), int((full > 0).sum()), int((cut > 0).sum())
    whole = f"every one of the {n} inputs receives a gradient" if reached == n else f"{reached} of {n} inputs receive a gradient"
    truncated = (f"truncated, all {kept} still do" if kept == len(cut) else
                 f"truncated, only {kept} of {len(cut)}, and the rest get exactly zero, whatever they did to the loss")
    first = f"With the whole graph, {whole}; {truncated}."
    if full[-1] <= 0:
        return f"{first} The newest input gets no gradient, so the fade cannot be measured against it"
    if full[0] <= 0:
        return f"{first} Even uncut, the oldest input gets no gradient at all"
    ratio = (full[0] / full[-1]).item()
    fade = (
        f"Even uncut, the gradient reaching the oldest input is {ratio:.1e} times the newest's: it fades with distance"
        if ratio < 0.1 else
        f"Uncut, the oldest input gets {ratio:.2f} times the newest's gradient: over these {n} steps the loss "
        f"stays sensitive to what was read {n - 1} steps before"
    )
    return f"{first} {fade}"
