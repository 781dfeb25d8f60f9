r"""The LSTM cell chapter's exercises, computed with :func:`lstm_explained.cells.lstm.lstm_cell`.

A gate is held open or shut by its bias alone: with every weight zero, :math:`\sigma(\pm 20)` is
within :math:`2 \cdot 10^{-9}` of 1 or 0.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import torch

from .. import _checks
from ..cells.layout import LSTM
from ..cells.lstm import lstm_cell

__all__ = ["Held", "cell_growth", "fading", "gated_cell", "held_cell", "held_weights", "logit", "parameter_count", "random_weights"]


class Held(NamedTuple):
    """A unit's state after a run of steps with its gates held."""

    c_start: float
    c: float  # the cell state after the steps
    h: float  # the hidden state after the steps
    steps: int


def gated_cell(f: float, i: float, o: float, g: float = 0.0, hidden: int = 1, input_size: int = 1) -> tuple[torch.Tensor, ...]:
    """Weights of an LSTM cell whose gates are the constants ``f, i, o`` and whose candidate is
    ``g`` at every step, whatever it reads: every weight zero, each bias the inverse of its squash
    (float64).

    >>> w_ih, w_hh, b_ih, b_hh = gated_cell(f=0.5, i=0.0, o=1.0)
    >>> one = torch.ones(1, dtype=torch.float64)
    >>> step = lstm_cell(one, (0 * one, one), w_ih, w_hh, b_ih, b_hh)
    >>> round(step.f.item(), 6), round(step.c.item(), 6)
    (0.5, 0.5)
    """
    for name, value in (("f", f), ("i", i), ("o", o)):
        if not 0.0 <= value <= 1.0:
            raise ValueError(f"gated_cell: {name} must lie in [0, 1], got {value}")
    if not -1.0 < g < 1.0:
        raise ValueError(f"gated_cell: g must lie in (-1, 1), got {g}")
    return held_weights(LSTM.gates, {"i": logit(i), "f": logit(f), "g": math.atanh(g), "o": logit(o)}, hidden, input_size)


def logit(p: float) -> float:
    """The bias that holds a sigmoid gate at ``p``; a gate held at 0 or 1 gets -20 or 20, whose
    sigmoid is within 2e-9 of it.

    >>> logit(0.5), logit(1.0)
    (0.0, 20.0)
    """
    return 20.0 if p == 1.0 else -20.0 if p == 0.0 else math.log(p / (1 - p))


def held_weights(gates: str, bias: dict[str, float], hidden: int, input_size: int) -> tuple[torch.Tensor, ...]:
    """Zero weights and the input-side biases ``bias`` (one per gate block, in ``gates``' order),
    float64, in PyTorch's layout: a cell whose every block is a constant.

    >>> [tuple(w.shape) for w in held_weights("rzn", {"r": 0.0, "z": 1.0, "n": 0.0}, 2, 3)]
    [(6, 3), (6, 2), (6,), (6,)]
    """
    blocks = len(gates)
    b_ih = torch.cat([torch.full((hidden,), bias[name], dtype=torch.float64) for name in gates])
    return (torch.zeros(blocks * hidden, input_size, dtype=torch.float64), torch.zeros(blocks * hidden, hidden, dtype=torch.float64),
            b_ih, torch.zeros(blocks * hidden, dtype=torch.float64))


def held_cell(c_start: float = 0.7, steps: int = 50, *, i: float = 0.0, g: float = 0.0) -> Held:
    r"""A unit with its forget gate and its output gate held at 1, its input gate at ``i`` and its
    candidate at ``g``, run ``steps`` steps from the cell state ``c_start`` (float64):
    :math:`c_t = 1 \cdot c_{t-1} + i\,g`. With ``i = 0`` it keeps its cell state.

    >>> held = held_cell(0.7, 50)
    >>> round(held.c, 6), round(held.h, 4)
    (0.7, 0.6044)
    >>> round(held_cell(0.0, 200, i=1.0, g=0.99).c, 3)  # it adds 0.99 at every step
    198.0
    """
    _checks.positive_int("held_cell", "steps", steps)
    weights = gated_cell(f=1.0, i=i, o=1.0, g=g)
    state = (torch.zeros(1, dtype=torch.float64), torch.full((1,), float(c_start), dtype=torch.float64))
    for _ in range(steps):
        step = lstm_cell(torch.ones(1, dtype=torch.float64), state, *weights)
        state = (step.h, step.c)
    return Held(float(c_start), step.c.item(), step.h.item(), steps)


def fading(f: float = 0.5, below: float = 0.01, c_start: float = 1.0, most: int = 10_000) -> int:
    r"""How many steps of a unit whose forget gate is held at ``f`` and input gate at 0 it takes for
    its cell state to fall below ``below`` times where it started: the first :math:`k` with
    :math:`f^k < \text{below}`, found by running the cell.

    >>> fading(0.5, 0.01), fading(0.9, 0.01)
    (7, 44)
    """
    if not 0.0 < f < 1.0:
        raise ValueError(f"fading: f must lie in (0, 1), got {f}")
    if not 0.0 < below < 1.0:
        raise ValueError(f"fading: below must lie in (0, 1), got {below}")
    weights = gated_cell(f=f, i=0.0, o=1.0)
    state = (torch.zeros(1, dtype=torch.float64), torch.full((1,), float(c_start), dtype=torch.float64))
    for k in range(1, most + 1):
        step = lstm_cell(torch.ones(1, dtype=torch.float64), state, *weights)
        state = (step.h, step.c)
        if abs(step.c.item()) < below * abs(c_start):
            return k
    raise ValueError(f"fading: the cell state did not fall below {below} of its start in {most} steps")


def cell_growth(
    steps: int = 200, scale: float = 10.0, hidden: int = 8, seed: int = 0, *, cell=lstm_cell, gates: str = LSTM.gates, where: str = "cell_growth"
) -> float:
    r"""The largest :math:`|c_t|` over ``steps`` steps of an LSTM with large random weights
    (standard deviation ``scale``) and random inputs, started from zero: unlike :math:`h_t`, the
    cell state is not held inside :math:`(-1, 1)`. ``cell`` (with its blocks, ``gates``) may be
    another cell with a cell state, such as :func:`~lstm_explained.cells.lstm.coupled_lstm_cell`; ``where`` names
    the caller in the error a bad setting raises.

    >>> round(cell_growth(), 2)
    7.96
    """
    _checks.positive_int(where, "steps", steps)
    _checks.positive_int(where, "hidden", hidden)
    if not scale > 0:
        raise ValueError(f"{where}: scale must be positive, got {scale}")
    generator = torch.Generator().manual_seed(seed)
    weights = random_weights(len(gates), hidden, scale, generator)
    state, largest = None, 0.0
    for _ in range(steps):
        step = cell(torch.randn(3, generator=generator, dtype=torch.float64), state, *weights)
        state = (step.h, step.c)
        largest = max(largest, step.c.abs().max().item())
    return largest


def random_weights(blocks: int, hidden: int, scale: float, generator: torch.Generator, inputs: int = 3) -> list[torch.Tensor]:
    """Weights of a cell with ``blocks`` gate blocks, every entry drawn from :math:`N(0, \\text{scale}^2)`
    (float64), in PyTorch's layout: ``weight_ih, weight_hh, bias_ih, bias_hh``.

    >>> [tuple(w.shape) for w in random_weights(3, 2, 10.0, torch.Generator().manual_seed(0))]
    [(6, 3), (6, 2), (6,), (6,)]
    """
    shapes = ((blocks * hidden, inputs), (blocks * hidden, hidden), (blocks * hidden,), (blocks * hidden,))
    return [scale * torch.randn(shape, generator=generator, dtype=torch.float64) for shape in shapes]


def parameter_count(input_size: int, hidden: int) -> tuple[int, int]:
    """``(counted, formula)``: the parameters of ``torch.nn.LSTM(input_size, hidden)`` counted, and
    :math:`4 (H I + H H + 2 H)`: four blocks, each a weight for the input, one for the hidden state
    and two biases (PyTorch keeps ``bias_ih`` and ``bias_hh`` apart).

    >>> parameter_count(4, 3)
    (108, 108)
    """
    counted = sum(p.numel() for p in torch.nn.LSTM(input_size, hidden).parameters())
    return counted, 4 * (hidden * input_size + hidden * hidden + 2 * hidden)
