r"""The soy-sauce chapter's exercises: the three brews of :func:`lstm_explained.cells.lstm.lstm_cell`,
computed.

1차 간장 (first brew) :math:`g_t`, 2차 간장 (second brew) :math:`c_t`, 3차 간장 (third brew)
:math:`h_t = o_t \odot \tanh(c_t)`. Each function measures one claim the chapter makes about them,
in float64 and seeded; a gate is held at a value by its bias alone, as in
:mod:`~lstm_explained.exercises.lstm_cell`.
"""

from __future__ import annotations

from typing import NamedTuple

import torch
from torch import nn

from .. import _checks
from ..cells.layout import COUPLED, LSTM
from ..cells.lstm import coupled_lstm_cell, lstm_cell
from ..tracing import trace
from .lstm_cell import cell_growth, gated_cell, random_weights

__all__ = [
    "Carried",
    "FirstBrew",
    "OrderGap",
    "Unseen",
    "carried",
    "coupled_growth",
    "first_brew",
    "kept_unseen",
    "order_gap",
    "order_reading",
]


class FirstBrew(NamedTuple):
    """How far an ``nn.RNN`` holding an LSTM's candidate weights is from the LSTM's first brew."""

    first_step: float  # max |h_t - g_t| at the first step, where both read h_0 = 0
    later_steps: float  # max |h_t - g_t| over the later steps, each network feeding back its own h
    closest_later: float  # the smallest, over the later steps, of that step's max |h_t - g_t|
    fed: float  # max |h_t - g_t| over all steps when the RNN is fed the LSTM's h_{t-1} at each step


def first_brew(steps: int = 8, input_size: int = 3, hidden: int = 2, seed: int = 0) -> FirstBrew:
    r"""Copy the candidate block of a seeded ``nn.LSTM`` into an ``nn.RNN`` and compare the RNN's
    :math:`h_t` with the LSTM's :math:`g_t` on the same ``steps`` random inputs (float64).

    The two formulas are one, :math:`\tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg})`, but the
    RNN feeds back its own :math:`h_{t-1}` and the LSTM feeds back
    :math:`h_{t-1} = o_{t-1} \odot \tanh(c_{t-1})`. Fed the LSTM's :math:`h_{t-1}`, the RNN gives
    :math:`g_t` at every step.

    >>> found = first_brew()
    >>> found.first_step < 1e-12, found.fed < 1e-12, round(found.later_steps, 3), round(found.closest_later, 3)
    (True, True, 0.313, 0.034)
    """
    _checks.int_in("first_brew", "steps", steps, 2)
    _checks.positive_int("first_brew", "input_size", input_size)
    _checks.positive_int("first_brew", "hidden", hidden)
    with torch.random.fork_rng(devices=[]):  # seeded without touching the caller's generator
        torch.manual_seed(seed)
        lstm = nn.LSTM(input_size, hidden).double()
        rnn = nn.RNN(input_size, hidden).double()
        x = torch.randn(steps, input_size, dtype=torch.float64)
    with torch.no_grad():
        for name in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"):
            getattr(rnn, name).copy_(LSTM.blocks(getattr(lstm, name)).g)
        brews = trace(lstm, x)
        alone, _ = rnn(x)
        lstm_h_prev = torch.cat([torch.zeros(1, hidden, dtype=torch.float64), brews.h[:-1]])
        fed = torch.cat([rnn(x[t : t + 1], lstm_h_prev[t : t + 1])[0] for t in range(steps)])
    gap = (alone - brews.g).abs().amax(1)
    return FirstBrew(gap[0].item(), gap[1:].max().item(), gap[1:].min().item(), (fed - brews.g).abs().max().item())


class Carried(NamedTuple):
    """What ``nn.RNN`` and ``nn.LSTM`` of one size hand from one step to the next, and their parameters."""

    rnn_state: int  # numbers in the RNN's state: h
    lstm_state: int  # numbers in the LSTM's state: h and c
    rnn_parameters: int
    first_brew_parameters: int  # the LSTM's parameters in the rows of g, the candidate
    lstm_parameters: int


def carried(input_size: int = 3, hidden: int = 2) -> Carried:
    r"""Count, from what PyTorch returns and allocates, the state ``nn.RNN(input_size, hidden)`` and
    ``nn.LSTM(input_size, hidden)`` carry between steps (:math:`H` numbers, :math:`h`; and
    :math:`2H`, :math:`h` and :math:`c`) and their parameters: :math:`HI + HH + 2H` for the RNN and
    for the LSTM's first brew alone, four times that for the whole LSTM.

    >>> carried(3, 2)
    Carried(rnn_state=2, lstm_state=4, rnn_parameters=14, first_brew_parameters=14, lstm_parameters=56)
    """
    _checks.positive_int("carried", "input_size", input_size)
    _checks.positive_int("carried", "hidden", hidden)
    rnn, lstm = nn.RNN(input_size, hidden), nn.LSTM(input_size, hidden)
    x = torch.zeros(1, input_size)
    with torch.no_grad():
        _, h_rnn = rnn(x)
        _, (h_lstm, c_lstm) = lstm(x)
    return Carried(
        rnn_state=h_rnn.numel(),
        lstm_state=h_lstm.numel() + c_lstm.numel(),
        rnn_parameters=sum(p.numel() for p in rnn.parameters()),
        first_brew_parameters=sum(LSTM.blocks(p).g.numel() for p in lstm.parameters()),
        lstm_parameters=sum(p.numel() for p in lstm.parameters()),
    )


class Unseen(NamedTuple):
    """A unit that fills its cell behind a closed output gate, then opens it."""

    c: float  # the cell state after the steps with the output gate closed
    h: float  # what it shows then, o * tanh(c)
    h_other_order: float  # what the other order, tanh(o * c), would show
    h_open: float  # what it shows one step later, the output gate open and the input gate shut


def kept_unseen(steps: int = 10, g: float = 0.5) -> Unseen:
    r"""A unit with its forget and input gates held at 1, its candidate at ``g`` and its output gate
    at 0, run ``steps`` steps from zero: :math:`c_t = c_{t-1} + g`, while
    :math:`h_t = o_t \odot \tanh(c_t)` stays at zero. Then one step with the output gate at 1 and
    the input gate at 0, which shows :math:`\tanh(c_t)` (float64).

    >>> found = kept_unseen(10, 0.5)
    >>> round(found.c, 6), found.h < 1e-8, found.h_other_order < 1e-7, round(found.h_open, 4)
    (5.0, True, True, 0.9999)
    """
    _checks.positive_int("kept_unseen", "steps", steps)
    if not -1.0 < g < 1.0:
        raise ValueError(f"kept_unseen: g must lie in (-1, 1), got {g}")
    one = torch.ones(1, dtype=torch.float64)
    closed = gated_cell(f=1.0, i=1.0, o=0.0, g=g)
    state = None
    for _ in range(steps):
        step = lstm_cell(one, state, *closed)
        state = (step.h, step.c)
    other_order = torch.tanh(step.o * step.c)
    opened = lstm_cell(one, state, *gated_cell(f=1.0, i=0.0, o=1.0))
    return Unseen(step.c.item(), step.h.item(), other_order.item(), opened.h.item())


class OrderGap(NamedTuple):
    r""":math:`|\tanh(o_t c_t)| - |o_t \tanh(c_t)|` over every step and unit of a run."""

    smallest: float
    largest: float
    pairs: int  # steps times units compared


def order_gap(steps: int = 200, scale: float = 2.0, hidden: int = 8, seed: int = 0) -> OrderGap:
    r"""How much more the order :math:`\tanh(o_t \odot c_t)` shows than PyTorch's
    :math:`o_t \odot \tanh(c_t)`, over ``steps`` steps of an LSTM with random weights (standard
    deviation ``scale``) and random inputs, from zero (float64).

    :math:`\tanh` is concave on :math:`[0, \infty)` and :math:`\tanh(0) = 0`, so for
    :math:`0 \le o \le 1` and :math:`c \ge 0`,
    :math:`\tanh(o c) = \tanh(o c + (1 - o) \cdot 0) \ge o \tanh(c)`; :math:`\tanh` is odd, so
    the same holds in size for :math:`c < 0`. The gap is never negative.

    >>> found = order_gap()
    >>> found.smallest >= 0, round(found.largest, 3), found.pairs
    (True, 0.627, 1600)
    """
    _checks.positive_int("order_gap", "steps", steps)
    _checks.positive_int("order_gap", "hidden", hidden)
    if not scale > 0:
        raise ValueError(f"order_gap: scale must be positive, got {scale}")
    generator = torch.Generator().manual_seed(seed)
    weights = random_weights(len(LSTM.gates), hidden, scale, generator)
    state, gaps = None, []
    for _ in range(steps):
        step = lstm_cell(torch.randn(3, generator=generator, dtype=torch.float64), state, *weights)
        state = (step.h, step.c)
        gaps.append(torch.tanh(step.o * step.c).abs() - (step.o * torch.tanh(step.c)).abs())
    gaps = torch.stack(gaps)
    return OrderGap(gaps.min().item(), gaps.max().item(), gaps.numel())


def order_reading(smallest: float) -> str:
    """What the smallest gap of :func:`order_gap` says: a gap of zero is no exception (the two
    orders agree where :math:`o_t` is 0 or 1).

    >>> order_reading(0.0), order_reading(-1e-9)[:28]
    ('is never negative', 'is negative somewhere, which')
    """
    if smallest >= 0:
        return "is never negative"
    return "is negative somewhere, which the derivation rules out: the replay would be wrong"


def coupled_growth(steps: int = 200, scale: float = 10.0, hidden: int = 8, seed: int = 0) -> float:
    r"""The largest :math:`|c_t|` over ``steps`` steps of the coupled LSTM
    (:func:`~lstm_explained.cells.lstm.coupled_lstm_cell`) with large random weights (standard
    deviation ``scale``) and random inputs, from zero (float64), as
    :func:`~lstm_explained.exercises.lstm_cell.cell_growth` measures the LSTM's.

    With :math:`i_t = 1 - f_t`, :math:`c_t = f_t \odot c_{t-1} + (1 - f_t) \odot g_t` is a weighted
    average of :math:`c_{t-1}` and :math:`g_t \in (-1, 1)`, so it never leaves :math:`[-1, 1]`.

    >>> 0.9 < coupled_growth() <= 1
    True
    """
    return cell_growth(steps, scale, hidden, seed, cell=coupled_lstm_cell, gates=COUPLED.gates, where="coupled_growth")
