"""The gates chapter's measurements: the lecture's reading of a trained LSTM's gates, as numbers.

The lecture reads a few statements off the heatmaps of a trained ``abaB`` model: gates act as
gates, near 0 or 1; :math:`g_t` is nearly binary, :math:`c_t` less so, :math:`h_t` graded; the
forget gate keeps one unit of the cell state while clearing the other. :func:`read_gates` measures
each on a trace into a :class:`GateReading`; :mod:`~lstm_explained.readings.gates` says in words what the
measurement shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import _checks
from ..analysis.saturation import near_limits
from ..tracing import LSTMTrace

__all__ = ["CLEAR", "KEEP", "GateReading", "read_gates"]

#: A gate above ``KEEP`` keeps (or lets through); below ``CLEAR`` it clears (or blocks).
KEEP, CLEAR = 0.9, 0.1


@dataclass
class GateReading:
    """What :func:`read_gates` measured on one trained model."""

    near_limits: dict[str, float]  # gate -> share of its values below 0.1 or above 0.9
    near_one: dict[str, float]  # "g", "c", "h" -> share of values with |v| > 0.9
    forget_by_position: list[tuple[str, list[float]]]  # (character read, mean f of each unit there)
    keep_and_clear: float  # share of steps where f keeps one unit (> 0.9) and clears another (< 0.1)
    largest_f: float  # the largest forget gate value anywhere
    # gate -> (its units that are below 0.1 at some step and above 0.9 at another, its units); a
    # gate sits near the limits by switching between them, or by staying at one throughout
    switching: dict[str, tuple[int, int]] = field(default_factory=dict)
    smallest_f: float = 0.0  # the smallest forget gate value anywhere

    @property
    def order_holds(self) -> bool:
        """Whether ``g`` is at least as often near ±1 as ``c``, and ``c`` as ``h``, as the lecture says."""
        return self.near_one["g"] >= self.near_one["c"] >= self.near_one["h"]


def read_gates(traced: LSTMTrace, text: str, period: int) -> GateReading:
    """Measure the lecture's statements on ``traced`` (a trace of an LSTM over ``text``, ``(T, H)``
    fields, step ``t`` reading ``text[t]``), whose pattern repeats every ``period`` characters.

    >>> import torch
    >>> gate = torch.tensor([[0.95, 0.05], [0.5, 0.5]] * 2)
    >>> found = read_gates(LSTMTrace(gate, gate, gate, gate, gate, gate), "abab", 2)
    >>> found.keep_and_clear, found.forget_by_position[0]
    (0.5, ('a', [0.949999988079071, 0.05000000074505806]))
    """
    _checks.positive_int("read_gates", "period", period)
    steps = traced.f.shape[0]
    if traced.f.dim() != 2 or len(text) < steps:
        raise ValueError(f"read_gates: expected a trace of (T, H) fields over text of at least T characters, got {tuple(traced.f.shape)} and {len(text)}")
    if period > steps:
        raise ValueError(f"read_gates: period {period} is longer than the trace ({steps} steps)")
    f = traced.f
    return GateReading(
        near_limits={name: near_limits(getattr(traced, name), CLEAR, KEEP) for name in "ifo"},
        near_one={name: (getattr(traced, name).abs() > KEEP).float().mean().item() for name in "gch"},
        forget_by_position=[(text[p], f[p::period].mean(0).tolist()) for p in range(period)],
        keep_and_clear=((f > KEEP).any(-1) & (f < CLEAR).any(-1)).float().mean().item(),
        largest_f=f.max().item(),
        smallest_f=f.min().item(),
        switching={
            name: (int(((v < CLEAR).any(0) & (v > KEEP).any(0)).sum()), v.shape[1]) for name in "ifo" for v in [getattr(traced, name)]
        },
    )
