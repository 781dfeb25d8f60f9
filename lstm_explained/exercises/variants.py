r"""The variants chapter's exercises, computed with the cells of :mod:`lstm_explained.cells`, the
arena's task and loss (:data:`~lstm_explained.experiments.variants.TASKS`), and its comparisons
(:func:`lstm_explained.paired.compare_paired`, :func:`lstm_explained.stats.compare_shares`).

Nothing here trains: each exercise is a few steps of a cell, one backward pass, or a count.
"""

from __future__ import annotations

from typing import NamedTuple

import torch
from torch import Tensor
from torch.nn.functional import cross_entropy

from .. import _checks, stats
from ..cells.ablations import lstm_variant_cell
from ..cells.layout import COUPLED
from ..cells.lstm import coupled_lstm_cell, lstm_cell
from ..experiments.variants import CONTESTANT_KINDS, TASKS, used_parameters
from ..experiments.variants_analyses import CONFIDENCE
from ..models.toy import make_models
from ..paired import PairedComparison, compare_paired
from ..tasks.long_lag import NO_TARGET
from .lstm_cell import gated_cell, random_weights

__all__ = [
    "SameCounts",
    "Stream",
    "Unread",
    "coupled_as_lstm",
    "coupled_gap",
    "family_false_alarm",
    "same_counts",
    "stream_cell",
    "unread_numbers",
]


def coupled_as_lstm(
    weight_ih: Tensor, weight_hh: Tensor, bias_ih: Tensor | None = None, bias_hh: Tensor | None = None
) -> tuple:
    r"""The weights of PyTorch's LSTM that compute exactly what the coupled LSTM (CIFG) with these
    weights computes: its three blocks ``f, g, o`` kept, and an input-gate block that is the
    forget gate's negated, because :math:`\sigma(-a) = 1 - \sigma(a)`:

    .. math::

        W_{\ast i} = -W_{\ast f}, \quad b_{\ast i} = -b_{\ast f}
        \quad\Longrightarrow\quad i_t = \sigma(-a^f_t) = 1 - f_t.

    >>> w_ih, w_hh, b_ih, b_hh = coupled_as_lstm(torch.ones(6, 3), torch.ones(6, 2), torch.arange(1.0, 7.0), torch.zeros(6))
    >>> w_ih.shape, b_ih  # blocks i, f, g, o: the input gate's biases are the forget gate's, negated
    (torch.Size([8, 3]), tensor([-1., -2.,  1.,  2.,  3.,  4.,  5.,  6.]))
    >>> coupled_as_lstm(torch.ones(8, 3), torch.ones(8, 2))
    Traceback (most recent call last):
    ...
    ValueError: coupled_as_lstm: weight_ih has 8 rows, not a multiple of the 3 gates f, g, o; expected (3 * hidden_size, input_size)
    """
    where = "coupled_as_lstm"
    weight_ih = _checks.tensor(where, "weight_ih", weight_ih)
    if weight_ih.dim() != 2:
        raise ValueError(
            f"{where}: weight_ih must be 2-D, (3 * hidden_size, input_size), got shape {tuple(weight_ih.shape)}"
        )
    COUPLED.check(where, weight_ih.new_zeros(weight_ih.shape[1]), weight_ih, weight_hh, bias_ih, bias_hh)

    def widened(stacked: Tensor | None) -> Tensor | None:
        if stacked is None:
            return None
        blocks = COUPLED.blocks(stacked)
        return torch.cat([-blocks.f, blocks.f, blocks.g, blocks.o])  # PyTorch's order: i, f, g, o

    return tuple(widened(w) for w in (weight_ih, weight_hh, bias_ih, bias_hh))


def coupled_gap(steps: int = 50, hidden: int = 4, inputs: int = 3, scale: float = 1.0, seed: int = 0) -> float:
    r"""The largest difference, in :math:`h_t` or :math:`c_t` over ``steps`` steps of random input,
    between a coupled LSTM with random weights (standard deviation ``scale``, float64) and the
    LSTM (:func:`~lstm_explained.cells.lstm.lstm_cell`) given :func:`coupled_as_lstm` of the same
    weights: rounding only.

    >>> coupled_gap() < 1e-15
    True
    """
    _checks.positive_int("coupled_gap", "steps", steps)
    _checks.positive_int("coupled_gap", "hidden", hidden)
    _checks.positive_int("coupled_gap", "inputs", inputs)
    generator = torch.Generator().manual_seed(seed)
    coupled = random_weights(len(COUPLED), hidden, scale, generator, inputs=inputs)
    widened = coupled_as_lstm(*coupled)
    one = two = None
    largest = 0.0
    for _ in range(steps):
        x = torch.randn(inputs, generator=generator, dtype=torch.float64)
        a, b = coupled_lstm_cell(x, one, *coupled), lstm_cell(x, two, *widened)
        one, two = (a.h, a.c), (b.h, b.c)
        largest = max(largest, (a.h - b.h).abs().max().item(), (a.c - b.c).abs().max().item())
    return largest


class Unread(NamedTuple):
    """How many of a toy model's numbers its equations read."""

    kind: str
    inputs: int  # the task's one-hot inputs
    hidden: int  # hidden units
    outputs: int  # the task's outputs
    stored: int  # numbers in the model's parameters (an ablated gate's rows included)
    unread: int  # of those, the ones whose gradient is exactly zero
    used: int  # the count the arena's table gives, used_parameters


def unread_numbers(kind: str, task: str = "abcabC", hidden: int = 4, seed: int = 0) -> Unread:
    r"""How many numbers a toy model of ``kind`` at ``task``'s sizes stores, and how many of them
    get an exactly zero gradient from the cross-entropy on the task's training windows (one
    backward pass; ``task`` is one of the arena's pattern tasks). An ablation keeps its missing
    gate's block of PyTorch's layout, which nothing reads: :math:`H I + H H + 2H` numbers.

    >>> unread_numbers("nfg"), unread_numbers("noaf").unread
    (Unread(kind='nfg', inputs=4, hidden=4, outputs=4, stored=180, unread=40, used=140), 0)
    >>> unread_numbers("nxg")
    Traceback (most recent call last):
    ...
    ValueError: unread_numbers: kind must be one of 'lstm', 'peephole', 'cifg', 'nig', 'nfg', 'nog', 'niaf', 'noaf', 'gru', 'clockwork', 'rnn', got 'nxg'
    """
    where = "unread_numbers"
    _checks.one_of(where, "kind", kind, CONTESTANT_KINDS)
    _checks.one_of(where, "task", task, [name for name, t in TASKS.items() if t.loss == "cross_entropy_each"])
    _checks.positive_int(where, "hidden", hidden)
    problem = TASKS[task]
    inputs, outputs = problem.sizes
    model = make_models(kind, inputs, hidden, outputs, n=1, seed=seed)[0]
    pool = problem.data()  # x (T, B, inputs), y (T, B) with NO_TARGET where a window asks for nothing
    logits = model(pool.x)
    cross_entropy(logits.reshape(-1, outputs), pool.y.reshape(-1), ignore_index=NO_TARGET).backward()
    stored = sum(p.numel() for p in model.parameters())
    unread = sum(int((p.grad == 0).sum()) if p.grad is not None else p.numel() for p in model.parameters())
    return Unread(kind, inputs, hidden, outputs, stored, unread, used_parameters(kind, inputs, hidden, outputs))


class Stream(NamedTuple):
    """A unit's cell state after a stream of steps with its gates held, and where it is going."""

    c: float  # the cell state after the steps
    fixed: float | None  # the fixed point g / (1 - f) it approaches; None without a forget gate (it has none)
    steps: int


def stream_cell(f: float | None = 0.9, g: float = 0.3, steps: int = 200) -> Stream:
    r"""The cell state after ``steps`` steps from zero of a unit whose input gate is held at 1 and
    whose candidate is ``g`` at every step, with its forget gate held at ``f``, or (``f=None``)
    with no forget gate at all, the NFG cell of
    :func:`~lstm_explained.cells.ablations.lstm_variant_cell`:

    .. math::

        c_t = f\, c_{t-1} + g = g\,\frac{1 - f^t}{1 - f} \;\to\; \frac{g}{1 - f},
        \qquad\text{or, without the gate,}\qquad c_t = c_{t-1} + g = t\, g.

    >>> found = stream_cell(0.9, 0.3, 200)
    >>> round(found.c, 6), round(found.fixed, 6), round(stream_cell(None, 0.3, 200).c, 6)
    (3.0, 3.0, 60.0)
    >>> stream_cell(1.0)
    Traceback (most recent call last):
    ...
    ValueError: stream_cell: f must lie in [0, 1) or be None (no forget gate), got 1.0
    """
    _checks.positive_int("stream_cell", "steps", steps)
    if f is not None and not 0.0 <= f < 1.0:
        raise ValueError(f"stream_cell: f must lie in [0, 1) or be None (no forget gate), got {f}")
    if not -1.0 < g < 1.0:
        raise ValueError(f"stream_cell: g must lie in (-1, 1), the range of a tanh candidate, got {g}")
    weights = gated_cell(f=0.5 if f is None else f, i=1.0, o=1.0, g=g)  # without the gate its rows are read by nothing
    one = torch.ones(1, dtype=torch.float64)
    state = None
    for _ in range(steps):
        step = (
            lstm_cell(one, state, *weights) if f is not None else lstm_variant_cell(one, state, *weights, variant="nfg")
        )
        state = (step.h, step.c)
    return Stream(step.c.item(), None if f is None else g / (1 - f), steps)


class SameCounts(NamedTuple):
    """Two contestants' outcomes on the same seeds, compared as a pair and as independent samples."""

    paired: PairedComparison  # McNemar's exact test on the seeds where the two disagree
    unpaired: stats.ShareComparison  # Newcombe's interval for two independent shares


def same_counts(both: int, a_only: int, b_only: int, neither: int, confidence: float = CONFIDENCE) -> SameCounts:
    r"""Contestant ``a`` and contestant ``b`` trained from the same seeds: ``both`` seeds solved by
    both, ``a_only`` by ``a`` alone, ``b_only`` by ``b`` alone, ``neither`` by neither. Compared at
    ``confidence`` (the arena's, by default) as the arena compares a paired design (McNemar's exact
    test, whose p-value for :math:`m` disagreements all one way is :math:`2 \cdot 2^{-m}`)
    and as two independent samples of ``both + a_only`` and ``both + b_only`` successes.

    >>> found = same_counts(30, 14, 0, 20)
    >>> found.paired.p_value, found.paired.verdict, found.unpaired.verdict
    (0.0001220703125, 'higher', 'indistinguishable')
    >>> same_counts(30, -1, 0, 20)
    Traceback (most recent call last):
    ...
    ValueError: same_counts: a_only must be an int >= 0, got -1
    """
    where = "same_counts"
    counts = {"both": both, "a_only": a_only, "b_only": b_only, "neither": neither}
    for name, value in counts.items():
        _checks.int_in(where, name, value, 0)
    if not sum(counts.values()):
        raise ValueError(f"{where}: the four counts must not all be zero, got {tuple(counts.values())}")
    if not 0 < confidence < 1:
        raise ValueError(f"{where}: confidence must lie in (0, 1), got {confidence!r}")
    a = [True] * both + [True] * a_only + [False] * b_only + [False] * neither
    b = [True] * both + [False] * a_only + [True] * b_only + [False] * neither
    seeds = len(a)
    unpaired = stats.compare_shares(both + a_only, seeds, both + b_only, seeds, confidence)
    return SameCounts(compare_paired(a, b, confidence), unpaired)


def family_false_alarm(comparisons: int, confidence: float) -> float:
    r"""The chance of at least one false alarm among ``comparisons`` independent comparisons, each
    made at ``confidence``, when no difference is real: :math:`1 - p^m`, with :math:`m` the
    ``comparisons`` and :math:`p` the ``confidence``.

    >>> round(family_false_alarm(52, 0.95), 4), round(family_false_alarm(52, 1 - 0.05 / 52), 4)
    (0.9305, 0.0488)
    >>> family_false_alarm(0, 0.95)
    Traceback (most recent call last):
    ...
    ValueError: family_false_alarm: comparisons must be a positive int, got 0
    """
    _checks.positive_int("family_false_alarm", "comparisons", comparisons)
    if not 0 < confidence < 1:
        raise ValueError(f"family_false_alarm: confidence must lie in (0, 1), got {confidence!r}")
    return 1 - confidence**comparisons
