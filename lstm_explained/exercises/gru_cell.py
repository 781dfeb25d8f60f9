r"""The GRU chapter's exercises, computed with :func:`lstm_explained.cells.gru.gru_cell`."""

from __future__ import annotations

import math

import torch

from .. import _checks
from ..cells.gru import gru_cell
from ..cells.layout import GRU
from .lstm_cell import Held, held_weights, logit, random_weights

__all__ = ["gated_gru", "held_state", "parameter_count", "state_bound"]


def gated_gru(r: float, z: float, n: float, hidden: int = 1, input_size: int = 1) -> tuple[torch.Tensor, ...]:
    """Weights of a GRU cell whose gates are the constants ``r, z`` and whose candidate is ``n``
    at every step, whatever it reads (float64).

    >>> weights = gated_gru(r=1.0, z=0.25, n=0.5)
    >>> one = torch.ones(1, dtype=torch.float64)
    >>> round(gru_cell(one, 0 * one, *weights).h.item(), 6)  # 0.75 of the candidate, 0.25 of h = 0
    0.375
    """
    for name, value in (("r", r), ("z", z)):
        if not 0.0 <= value <= 1.0:
            raise ValueError(f"gated_gru: {name} must lie in [0, 1], got {value}")
    if not -1.0 < n < 1.0:
        raise ValueError(f"gated_gru: n must lie in (-1, 1), got {n}")
    return held_weights(GRU.gates, {"r": logit(r), "z": logit(z), "n": math.atanh(n)}, hidden, input_size)


def held_state(h_start: float = 0.7, steps: int = 50, n: float = -0.9) -> Held:
    r"""A unit with its update gate held at 1, run ``steps`` steps from ``h_start`` while its
    candidate is ``n``: :math:`h_t = (1 - 1)\, n_t + 1 \cdot h_{t-1}`, so the candidate never gets in.
    (``c_start`` and ``c`` of the record hold the hidden state: a GRU has no other.)

    >>> held = held_state(0.7, 50)
    >>> round(held.h, 6)
    0.7
    """
    _checks.positive_int("held_state", "steps", steps)
    weights = gated_gru(r=1.0, z=1.0, n=n)
    h = torch.full((1,), float(h_start), dtype=torch.float64)
    for _ in range(steps):
        h = gru_cell(torch.ones(1, dtype=torch.float64), h, *weights).h
    return Held(float(h_start), h.item(), h.item(), steps)


def state_bound(steps: int = 200, scale: float = 10.0, hidden: int = 8, seed: int = 0) -> float:
    r"""The largest :math:`|h_t|` over ``steps`` steps of a GRU with large random weights (standard
    deviation ``scale``) and random inputs, from zero. Each :math:`h_t` is a weighted average of
    :math:`n_t \in (-1, 1)` and :math:`h_{t-1}`, so it never leaves :math:`[-1, 1]` (in floating
    point, the tanh of a large sum rounds to exactly :math:`\pm 1`).

    >>> 0.9 < state_bound() <= 1
    True
    """
    _checks.positive_int("state_bound", "steps", steps)
    generator = torch.Generator().manual_seed(seed)
    weights = random_weights(len(GRU.gates), hidden, scale, generator)
    h, largest = None, 0.0
    for _ in range(steps):
        h = gru_cell(torch.randn(3, generator=generator, dtype=torch.float64), h, *weights).h
        largest = max(largest, h.abs().max().item())
    return largest


def parameter_count(input_size: int, hidden: int) -> tuple[int, int]:
    """``(counted, formula)``: the parameters of ``torch.nn.GRU(input_size, hidden)`` counted, and
    :math:`3 (H I + H H + 2 H)`: three blocks where the LSTM has four.

    >>> parameter_count(4, 3)
    (81, 81)
    """
    counted = sum(p.numel() for p in torch.nn.GRU(input_size, hidden).parameters())
    return counted, 3 * (hidden * input_size + hidden * hidden + 2 * hidden)
