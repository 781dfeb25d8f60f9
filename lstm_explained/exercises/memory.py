r"""The memory chapter's exercises, computed with :mod:`lstm_explained.tasks.toy`, the cells and
:mod:`lstm_explained.power`.

Next-character prediction on a pattern repeated (``abcabC``): how far back a lookup table must
read, the lowest loss a model without memory can reach, how much gradient a saturated
:math:`\tanh` passes back, and how many seeds a comparison of two shares needs.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import NamedTuple

import torch

from .. import _checks
from ..cells.lstm import lstm_cell
from ..cells.rnn import rnn_cell
from ..power import detectable_counts
from ..tasks import toy
from .lstm_cell import gated_cell

__all__ = [
    "Context",
    "Floor",
    "GatedUnit",
    "Needed",
    "Slope",
    "context_needed",
    "gated_unit",
    "memoryless_floor",
    "needed_to_beat",
    "tanh_slope",
]


class Context(NamedTuple):
    """How many characters a lookup table must read to predict every step of a pattern's sequence."""

    pattern: str
    characters: int  # the current character and the ones just before it
    lag: int  # characters - 1: how far back the character that decides lies


def context_needed(pattern: str) -> Context:
    r"""The fewest characters :math:`k` (the current one and the :math:`k - 1` before it) whose
    every occurrence in :func:`~lstm_explained.tasks.toy.sequence` is followed by one character
    only,

    .. math::

        k^\ast = \min \{ k : x_{t-k+1..t} = x_{s-k+1..s} \Rightarrow x_{t+1} = x_{s+1} \},

    so a table of the last :math:`k^\ast` characters predicts every step from the :math:`k^\ast`-th
    on. :math:`k = 1` fails exactly where :func:`~lstm_explained.tasks.toy.ambiguous_steps` says.

    >>> context_needed("abcabC")
    Context(pattern='abcabC', characters=3, lag=2)
    >>> context_needed("abcdabcD").characters
    4
    """
    text = toy.sequence(_checks.one_of("context_needed", "pattern", pattern, toy.PATTERNS))
    for k in range(1, len(pattern) + 1):
        following = defaultdict(set)
        for end in range(k, len(text)):  # text[end - k : end] is the context, text[end] what follows
            following[text[end - k : end]].add(text[end])
        if all(len(nexts) == 1 for nexts in following.values()):
            return Context(pattern, k, k - 1)
    raise ValueError(f"context_needed: no context of up to {len(pattern)} characters settles {pattern!r}")


class Floor(NamedTuple):
    """The best model that reads only the current character, on a pattern's sequence."""

    pattern: str
    loss: float  # its mean cross-entropy over every step, in nats
    ambiguous: int  # steps whose next character the current one leaves open
    steps: int  # steps of next-character prediction
    right: int  # ambiguous steps of the last repetition it predicts correctly
    last_ambiguous: int  # ambiguous steps in the last repetition
    remembers: bool  # what lstm_explained.tasks.toy.remembers says of it


def memoryless_floor(pattern: str) -> Floor:
    r"""The lowest mean cross-entropy of any model that sees only the current character: it
    predicts :math:`p(x_{t+1} \mid x_t)` counted over the sequence, so

    .. math::

        L = -\frac{1}{T} \sum_{t=1}^{T} \log p(x_{t+1} \mid x_t),

    which, where each ambiguous step has two successors seen equally often, is
    :math:`\frac{\text{ambiguous steps}}{T} \ln 2`. It is scored by
    :func:`~lstm_explained.tasks.toy.remembers` as the chapter's models are.

    >>> floor = memoryless_floor("abcabC")
    >>> round(floor.loss, 4), floor.ambiguous, floor.steps, floor.right, floor.remembers
    (0.2314, 200, 599, 1, False)
    """
    text = toy.sequence(_checks.one_of("memoryless_floor", "pattern", pattern, toy.PATTERNS))
    _, y, vocab = toy.next_char_task(text)
    current = vocab.encode(text[:-1])
    counts = torch.zeros(len(vocab), len(vocab), dtype=torch.float64)
    counts.index_put_((current, y), torch.ones(len(y), dtype=torch.float64), accumulate=True)
    table = counts / counts.sum(1, keepdim=True)  # p(next | current), a row per character
    log_probs = table[current].log()  # (T, V); -inf where a character never follows
    loss = -log_probs[torch.arange(len(y)), y].mean().item()
    ambiguous = toy.ambiguous_steps(text)
    last = slice(len(y) - len(pattern), None)
    right = (log_probs[last].argmax(-1) == y[last])[ambiguous[last]]
    remembers = bool(toy.remembers(log_probs, y, ambiguous, period=len(pattern)))
    return Floor(pattern, loss, int(ambiguous.sum()), len(y), int(right.sum()), len(right), remembers)


class Slope(NamedTuple):
    """Where :math:`\\tanh` reaches a level, and its derivative there."""

    level: float  # |tanh(a)|
    pre_activation: float  # a >= 0 with tanh(a) = level
    slope: float  # tanh'(a), by autograd through the RNN cell


def tanh_slope(level: float) -> Slope:
    r"""The pre-activation :math:`a = \operatorname{atanh}(\text{level})` and the derivative of a
    one-unit tanh RNN cell's output there, by autograd through
    :func:`~lstm_explained.cells.rnn.rnn_cell` (float64): :math:`\tanh'(a) = 1 - \tanh^2(a)`.

    >>> s = tanh_slope(0.99)
    >>> round(s.pre_activation, 3), round(s.slope, 4)
    (2.647, 0.0199)
    """
    if not 0.0 <= level < 1.0:
        raise ValueError(f"tanh_slope: level must lie in [0, 1), got {level}")
    a = torch.tensor([math.atanh(level)], dtype=torch.float64, requires_grad=True)
    one = torch.ones(1, 1, dtype=torch.float64)
    h = rnn_cell(a, None, one, torch.zeros(1, 1, dtype=torch.float64))  # h = tanh(1 * a + 0 * h_prev)
    (slope,) = torch.autograd.grad(h.sum(), a)
    return Slope(level, a.item(), slope.item())


class GatedUnit(NamedTuple):
    """An LSTM unit with its gates held, after a run of steps: where its states sit, and how much
    of the gradient at :math:`h_T` reaches :math:`c_{T-1}`."""

    o: float  # the output gate
    g: float  # the candidate, added at every step
    steps: int
    c: float  # the cell state c_T
    h: float  # the hidden state h_T = o tanh(c_T)
    dh_dc: float  # dh_T / dc_{T-1} = o (1 - tanh^2 c_T) f, with f held at 1


def gated_unit(o: float = 0.3, g: float = 0.9, steps: int = 10) -> GatedUnit:
    r"""A unit whose forget and input gates are held at 1 and output gate at ``o``
    (:func:`~lstm_explained.exercises.lstm_cell.gated_cell`), adding the candidate ``g`` at every
    step from zero: :math:`c_T = T g`, :math:`h_T = o \tanh(c_T)` and, by autograd,

    .. math::

        \frac{\partial h_T}{\partial c_{T-1}} = o\,\big(1 - \tanh^2 c_T\big)\, f_T.

    >>> unit = gated_unit()
    >>> round(unit.c, 6), round(unit.h, 6), f"{unit.dh_dc:.1e}"
    (9.0, 0.3, '1.8e-08')
    """
    _checks.positive_int("gated_unit", "steps", steps)
    if not 0.0 < o <= 1.0:
        raise ValueError(f"gated_unit: o must lie in (0, 1], got {o}")
    if not -1.0 < g < 1.0:
        raise ValueError(f"gated_unit: g must lie in (-1, 1), got {g}")
    weights = gated_cell(f=1.0, i=1.0, o=o, g=g)
    one = torch.ones(1, dtype=torch.float64)
    state = (0 * one, 0 * one)
    for _ in range(steps - 1):
        step = lstm_cell(one, state, *weights)
        state = (step.h, step.c)
    c_before = state[1].clone().requires_grad_()
    step = lstm_cell(one, (state[0], c_before), *weights)
    (dh_dc,) = torch.autograd.grad(step.h.sum(), c_before)
    return GatedUnit(o, g, steps, step.c.item(), step.h.item(), dh_dc.item())


class Needed(NamedTuple):
    """How many of ``seeds`` models must remember before a share counts as higher than a baseline."""

    baseline: int  # models of the baseline kind that remember, out of seeds
    seeds: int  # models of each kind
    fewest: int | None  # the fewest of the other kind that compare_shares calls higher (None: no count does)
    share: float | None  # fewest / seeds
    gap: float | None  # share - baseline / seeds: the smallest difference that registers


def needed_to_beat(baseline: int, seeds: int, confidence: float = 0.95) -> Needed:
    r"""The fewest of ``seeds`` models that must remember for
    :func:`~lstm_explained.stats.compare_shares` to call their share higher than ``baseline`` of
    ``seeds`` (:func:`~lstm_explained.power.detectable_counts`): with :math:`n` = ``seeds``,

    .. math::

        k^\ast = \min \{ k : \text{low}_{95\%}\big(k/n - \text{baseline}/n\big) > 0 \},

    the first count whose Newcombe interval for the difference of the two shares lies above 0.

    >>> needed_to_beat(5, 25)
    Needed(baseline=5, seeds=25, fewest=12, share=0.48, gap=0.28)
    >>> needed_to_beat(20, 100).fewest
    33
    """
    _checks.positive_int("needed_to_beat", "seeds", seeds)
    _checks.int_in("needed_to_beat", "baseline", baseline, 0, seeds)
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"needed_to_beat: confidence must lie in (0, 1), got {confidence}")
    fewest, _ = detectable_counts(baseline, seeds, seeds, confidence)
    if fewest is None:
        return Needed(baseline, seeds, None, None, None)
    return Needed(baseline, seeds, fewest, fewest / seeds, (fewest - baseline) / seeds)
