r"""One unit of one LSTM step, taken apart: what the cell update keeps, what it writes, and what it shows.

.. math::

    c_t = \underbrace{f_t\, c_{t-1}}_{\text{kept}} + \underbrace{i_t\, g_t}_{\text{written}},
    \qquad h_t = o_t \tanh(c_t)

for one unit of an :class:`~lstm_explained.tracing.LSTMTrace`: the numbers a worked example reads
out in words.
"""

from __future__ import annotations

from typing import NamedTuple

import torch

from ..tracing import LSTMTrace

__all__ = ["UnitStep", "unit_step"]


class UnitStep(NamedTuple):
    """The values of one unit at one step; each product is the one the cell computes."""

    t: int  # the step
    unit: int  # the unit
    c_prev: float  # c_{t-1}; 0 at the first step (the zero initial state)
    f: float
    kept: float  # f_t * c_{t-1}
    i: float
    g: float
    written: float  # i_t * g_t
    c: float  # kept + written
    o: float
    tanh_c: float
    h: float  # o_t * tanh(c_t)


def unit_step(trace: LSTMTrace, t: int, unit: int | None = None) -> UnitStep:
    r"""Unit ``unit`` at step ``t`` of ``trace`` (one sequence: fields ``(T, H)``), its products
    computed as the cell computes them. ``unit=None`` takes the unit whose cell state moves most at
    that step, :math:`\arg\max_k |c_{t,k} - c_{t-1,k}|`: the one with most to show.

    >>> import torch
    >>> from lstm_explained import trace
    >>> gen = torch.manual_seed(0)
    >>> lstm = torch.nn.LSTM(3, 2)
    >>> with torch.no_grad():
    ...     tr = trace(lstm, torch.eye(3))
    >>> step = unit_step(tr, 2)
    >>> step.unit, round(step.kept + step.written, 6) == round(step.c, 6)
    (1, True)
    >>> round(step.f, 4), round(step.c_prev, 4), round(step.kept, 4)
    (0.4984, 0.0097, 0.0048)
    """
    if not isinstance(trace, LSTMTrace):
        raise TypeError(f"unit_step: trace must be an LSTMTrace, got {type(trace).__name__}")
    if trace.c.dim() != 2:
        raise ValueError(f"unit_step: trace must hold one sequence, fields (T, H); got c of shape {tuple(trace.c.shape)}")
    steps, hidden = trace.c.shape
    if not isinstance(t, int) or not 0 <= t < steps:
        raise ValueError(f"unit_step: t must be an int in 0..{steps - 1}, got {t!r}")
    c_prev = trace.c[t - 1] if t else torch.zeros_like(trace.c[0])
    if unit is None:
        unit = int((trace.c[t] - c_prev).abs().argmax())
    elif not isinstance(unit, int) or not 0 <= unit < hidden:
        raise ValueError(f"unit_step: unit must be an int in 0..{hidden - 1}, got {unit!r}")
    at = {name: getattr(trace, name)[t, unit] for name in ("i", "f", "g", "o", "c", "h")}
    before = c_prev[unit]
    return UnitStep(
        t, unit, before.item(), at["f"].item(), (at["f"] * before).item(), at["i"].item(), at["g"].item(),
        (at["i"] * at["g"]).item(), at["c"].item(), at["o"].item(), torch.tanh(at["c"]).item(), at["h"].item(),
    )
