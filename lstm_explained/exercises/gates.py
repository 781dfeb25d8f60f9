r"""The gates chapter's exercises, computed with :func:`lstm_explained.trace`, the chapter's own
measurement (:func:`lstm_explained.experiments.gates.read_gates`) and
:func:`lstm_explained.agreement.lstm_three_ways`.

The models here are untrained, or have their gates held by their biases
(:func:`~lstm_explained.exercises.lstm_cell.gated_cell`): nothing trains.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import torch

from .. import _checks, agreement
from ..cells.lstm import lstm_cell
from ..experiments.gates import KEEP, GateReading, read_gates
from ..models.toy import make_models
from ..tasks import toy
from ..tracing import trace
from .lstm_cell import gated_cell, random_weights

__all__ = [
    "Beyond",
    "Gap",
    "Untrained",
    "beyond",
    "gate_bound",
    "held_reading",
    "three_ways_gap",
    "thresholds",
    "untrained_gates",
]


def thresholds(near: float = KEEP) -> tuple[float, float]:
    r"""``(gate, candidate)``: how large a pre-activation :math:`a` must be for a sigmoid gate to
    pass ``near`` (or fall below ``1 - near``), and for a tanh to pass :math:`\pm` ``near``:

    .. math::

        \sigma(a) > p \iff a > \ln\frac{p}{1 - p}, \qquad |\tanh(a)| > p \iff |a| > \operatorname{artanh}(p).

    >>> [round(v, 4) for v in thresholds(0.9)]
    [2.1972, 1.4722]
    >>> thresholds(1.0)
    Traceback (most recent call last):
    ...
    ValueError: thresholds: near must lie in (0.5, 1), got 1.0
    """
    if not 0.5 < near < 1.0:
        raise ValueError(f"thresholds: near must lie in (0.5, 1), got {near}")
    return math.log(near / (1 - near)), math.atanh(near)


def gate_bound(hidden: int) -> float:
    r"""The largest value a gate of an untrained ``torch.nn.LSTM`` with ``hidden`` units can take
    on one-hot inputs. PyTorch draws every weight and bias from
    :math:`U(-1/\sqrt H, 1/\sqrt H)`; a one-hot :math:`x_t` picks one input weight, the :math:`H`
    recurrent weights meet :math:`|h_j| < 1`, and there are two biases:

    .. math::

        |a_t| \le \frac{1 + H + 2}{\sqrt H}, \qquad \sigma(-|a_t|) \le \text{gate} \le \sigma\Big(\frac{H + 3}{\sqrt H}\Big).

    >>> round(gate_bound(2), 4)
    0.9717
    """
    _checks.positive_int("gate_bound", "hidden", hidden)
    return 1 / (1 + math.exp(-(hidden + 3) / math.sqrt(hidden)))


class Untrained(NamedTuple):
    """The gates of untrained LSTMs on the chapter's ``abaB``, over every model and gate."""

    models: int  # how many models, one per seed
    largest_share: float  # the largest share of one gate's values below 0.1 or above 0.9, in any model
    lowest: float  # the smallest value of any gate i, f, o at any step of any model
    highest: float  # the largest


def untrained_gates(seeds=range(20), pattern: str = "abaB", hidden: int = 2) -> Untrained:
    r"""The gates of the untrained models the chapter's search starts from (``make_models`` with
    each of ``seeds``, PyTorch's initialisation), replayed over ``pattern``'s sequence, and read by
    :func:`~lstm_explained.experiments.gates.read_gates` as the chapter reads its trained model.

    >>> found = untrained_gates(range(2))
    >>> found.models, found.largest_share, 1 - gate_bound(2) < found.lowest < found.highest < gate_bound(2)
    (2, 0.0, True)
    >>> untrained_gates([])
    Traceback (most recent call last):
    ...
    ValueError: untrained_gates: seeds must hold at least one seed, got []
    """
    where = "untrained_gates"
    seeds = list(seeds)
    if not seeds:
        raise ValueError(f"{where}: seeds must hold at least one seed, got {seeds}")
    _checks.one_of(where, "pattern", pattern, toy.PATTERNS)
    _checks.positive_int(where, "hidden", hidden)
    text = toy.sequence(pattern)
    x, _, vocab = toy.next_char_task(text)
    largest, lowest, highest = 0.0, 1.0, 0.0
    for seed in seeds:
        model = make_models("lstm", len(vocab), hidden, len(vocab), n=1, seed=seed)[0]
        with torch.no_grad():
            traced = trace(model.rnn, x)
        largest = max(largest, *read_gates(traced, text, period=len(pattern)).near_limits.values())
        gates = torch.stack([traced.i, traced.f, traced.o])
        lowest, highest = min(lowest, gates.min().item()), max(highest, gates.max().item())
    return Untrained(len(seeds), largest, lowest, highest)


class Beyond(NamedTuple):
    """Where an LSTM's hidden values pass ``near``, and what its cell state and output gate were there."""

    values: int  # hidden values looked at, steps times units
    h_beyond: int  # how many had |h| > near
    c_not_beyond: int  # of those, how many had |c| <= near: none, by the equations
    o_not_beyond: int  # of those, how many had o <= near: none, by the equations


def beyond(steps: int = 200, scale: float = 3.0, hidden: int = 8, seed: int = 0, near: float = KEEP) -> Beyond:
    r"""Run an LSTM with large random weights (standard deviation ``scale``, float64) on random
    inputs for ``steps`` steps and count the hidden values beyond ``near``. Since
    :math:`|h_t| = o_t\, |\tanh(c_t)|` with :math:`o_t < 1` and :math:`|\tanh(c)| < |c|`,

    .. math::

        |h_t| > p \implies o_t > p \text{ and } |c_t| > \operatorname{artanh}(p) > p,

    so ``c_not_beyond`` and ``o_not_beyond`` are 0 for every LSTM.

    >>> found = beyond()
    >>> found.h_beyond > 0, found.c_not_beyond, found.o_not_beyond
    (True, 0, 0)
    """
    _checks.positive_int("beyond", "steps", steps)
    _checks.positive_int("beyond", "hidden", hidden)
    if not 0.0 < near < 1.0:
        raise ValueError(f"beyond: near must lie in (0, 1), got {near}")
    generator = torch.Generator().manual_seed(seed)
    weights = random_weights(4, hidden, scale, generator)
    state, h_past, c_short, o_short = None, 0, 0, 0
    for _ in range(steps):
        step = lstm_cell(torch.randn(3, generator=generator, dtype=torch.float64), state, *weights)
        state = (step.h, step.c)
        past = step.h.abs() > near
        h_past += int(past.sum())
        c_short += int((past & (step.c.abs() <= near)).sum())
        o_short += int((past & (step.o <= near)).sum())
    return Beyond(steps * hidden, h_past, c_short, o_short)


def held_reading(f: float = 1.0, i: float = 1.0, o: float = 1.0, g: float = 0.5, steps: int = 20) -> GateReading:
    r"""The chapter's reading (:func:`~lstm_explained.experiments.gates.read_gates`) of a one-unit
    ``torch.nn.LSTM`` whose gates are held at ``f, i, o`` and whose candidate is ``g`` at every step
    (:func:`~lstm_explained.exercises.lstm_cell.gated_cell`), replayed by :func:`~lstm_explained.trace`
    over ``steps`` steps from zero. With both gates open, :math:`c_t = t\, g`: given enough
    steps, the cell state passes 0.9 however small a candidate other than 0 is.

    >>> reading = held_reading()
    >>> {name: round(share, 4) for name, share in reading.near_one.items()}, reading.order_holds
    ({'g': 0.0, 'c': 0.95, 'h': 0.9}, False)
    """
    _checks.positive_int("held_reading", "steps", steps)
    for name, value in (("f", f), ("i", i), ("o", o)):
        if not 0.0 <= value <= 1.0:
            raise ValueError(f"held_reading: {name} must lie in [0, 1], got {value}")
    if not -1.0 < g < 1.0:
        raise ValueError(f"held_reading: g must lie in (-1, 1), the range of a tanh candidate, got {g}")
    lstm = torch.nn.LSTM(1, 1).double().requires_grad_(False)
    for name, value in zip(
        ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"), gated_cell(f=f, i=i, o=o, g=g)
    ):
        getattr(lstm, name).copy_(value)
    traced = trace(lstm, torch.ones(steps, 1, dtype=torch.float64))
    return read_gates(traced, "x" * steps, period=1)


class Gap(NamedTuple):
    """How far apart the chapter's three computations of one LSTM are, in one floating-point type."""

    dtype: torch.dtype
    gap: float  # the largest difference between any two of the three computations' hidden states
    eps: float  # the type's machine epsilon: the distance from 1 to the next number it holds

    @property
    def in_eps(self) -> float:
        """The gap in units of the type's epsilon."""
        return self.gap / self.eps


def three_ways_gap(dtype: torch.dtype = torch.float64, seed: int = 0, pattern: str = "abaB", hidden: int = 2) -> Gap:
    r"""The largest disagreement between ``nn.LSTMCell``, :func:`~lstm_explained.cells.lstm.lstm_cell`
    and ``nn.LSTM`` (:func:`~lstm_explained.agreement.lstm_three_ways`) on ``pattern``'s sequence,
    for the untrained model of ``seed`` computed in ``dtype``.

    >>> gap = three_ways_gap(torch.float32)
    >>> gap.eps, gap.in_eps < 10
    (1.1920928955078125e-07, True)
    >>> three_ways_gap(torch.int64)
    Traceback (most recent call last):
    ...
    ValueError: three_ways_gap: dtype must be a floating-point type, got torch.int64
    """
    if not isinstance(dtype, torch.dtype) or not dtype.is_floating_point:
        raise ValueError(f"three_ways_gap: dtype must be a floating-point type, got {dtype}")
    _checks.one_of("three_ways_gap", "pattern", pattern, toy.PATTERNS)
    _checks.positive_int("three_ways_gap", "hidden", hidden)
    text = toy.sequence(pattern)
    x, _, vocab = toy.next_char_task(text)
    model = make_models("lstm", len(vocab), hidden, len(vocab), n=1, seed=seed)[0]
    with torch.no_grad():
        found = agreement.lstm_three_ways(model.rnn.to(dtype), x.to(dtype))
    return Gap(dtype, agreement.max_disagreement(found), torch.finfo(dtype).eps)
