"""How often gates sit near their limits: nearly closed (below 0.1) or nearly open (above 0.9).

Karpathy, Johnson & Fei-Fei (2015) plot, for every cell, the fraction of steps each gate is
left-saturated against right-saturated; a forget gate that is nearly open most of the time is a
cell that can carry information over long stretches.
"""

from __future__ import annotations

from torch import Tensor

__all__ = ["gate_saturation", "near_limits"]


def gate_saturation(traced, low: float = 0.1, high: float = 0.9) -> dict[str, tuple[Tensor, Tensor]]:
    """For each gate (``i, f, o``) and unit, the fraction of steps it is left-saturated
    (below ``low``) and right-saturated (above ``high``), as in the paper's scatter plots.

    >>> import torch
    >>> from lstm_explained.tracing import LSTMTrace
    >>> gate = torch.tensor([[0.05, 0.5], [0.95, 0.5], [0.95, 0.99], [0.5, 0.5]])
    >>> left, right = gate_saturation(LSTMTrace(gate, gate, gate, gate, gate, gate))["f"]
    >>> left, right
    (tensor([0.2500, 0.0000]), tensor([0.5000, 0.2500]))
    """
    return {name: ((getattr(traced, name) < low).float().mean(0), (getattr(traced, name) > high).float().mean(0)) for name in "ifo"}


def near_limits(values: Tensor, low: float = 0.1, high: float = 0.9) -> float:
    """The share of ``values`` below ``low`` or above ``high``: how binary a gate behaves.

    >>> import torch
    >>> near_limits(torch.tensor([0.05, 0.5, 0.95, 0.99]))
    0.75
    """
    if not low < high:
        raise ValueError(f"near_limits: low must be below high, got low={low}, high={high}")
    return ((values < low) | (values > high)).float().mean().item()
