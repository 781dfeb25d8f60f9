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
    "With the whole graph, every one of the 3 inputs receives a gradient; truncated, only 2 of 3, and the rest get exactly zero, whatever they did to the loss. Uncut, the gradient reaching the oldest input is 1.0e-03 times the newest's: it shrinks over these 3 steps but does not vanish"
    >>> reach_reading(torch.tensor([0.5, 0.1, 1.0]), torch.tensor([0.0, 0.1, 1.0])).split(". ")[1]
    "Uncut, the gradient reaching the oldest input is 0.50 times the newest's: it shrinks over these 3 steps but does not vanish"
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
    # no cut-off word ("fades", "stays"): the ratio is the finding, and any line between them would be the book's
    said = f"{ratio:.1e}" if ratio < 0.01 else f"{ratio:.2f}"
    fade = (
        f"Uncut, the gradient reaching the oldest input is {said} times the newest's: it shrinks over these {n} steps but does not vanish"
        if ratio < 1 else
        f"Uncut, the oldest input gets {said} times the newest's gradient: over these {n} steps it does not shrink"
    )
    return f"{first} {fade}"
