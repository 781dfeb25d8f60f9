r"""The notation chapter's exercises, computed with the chapter's own pieces: the sources' conventions
and the conversions (:mod:`~lstm_explained.cells.notation`), :func:`~lstm_explained.cells.layout.reorder`,
the book's cells and the other placement of the GRU's reset gate
(:func:`~lstm_explained.cells.notation.gru_reset_before`). Every cell is a seeded ``torch.nn`` cell in
float64, so a difference of 0 is a fact and not luck of rounding.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import torch
from torch import Tensor
from torch.nn.functional import linear

from .. import _checks
from ..cells.gru import gru_cell
from ..cells.layout import GRU, LSTM, reorder
from ..cells.lstm import lstm_cell
from ..cells.notation import Convention, from_pytorch, gru_reset_before

__all__ = [
    "Misread",
    "ResetAgreement",
    "bias_shift",
    "colah_update_cell",
    "flip_update",
    "misread_gates",
    "reset_agreement",
    "update_gaps",
    "written_parameters",
]

#: Below this, two float64 results are the same computation (the gaps the exercises call right are exactly 0).
SAME = 1e-12


class Misread(NamedTuple):
    """One LSTM step computed from weights stacked in another order but read as i, f, g, o."""

    gaps: dict[str, float]  # for each of i, f, g, o, c, h: the largest difference from the step read right
    right: str  # the gates that come out right (a gap below SAME), in the order i, f, g, o
    wrong: str  # the others


def misread_gates(order: str = "ifog", seed: int = 0) -> Misread:
    r"""One step of a ``torch.nn.LSTMCell(4, 3)`` (``torch.manual_seed(seed)``, float64, random
    input and state) whose weights are stacked in ``order`` (as
    :func:`~lstm_explained.cells.layout.reorder` restacks them) but read by
    :func:`~lstm_explained.cells.lstm.lstm_cell` as PyTorch's i, f, g, o. The cell cuts the rows by
    position: the gate at position :math:`k` is computed from the source's :math:`k`-th block, e.g.
    for ``"ifog"`` :math:`g_t = \tanh(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho})`.

    >>> found = misread_gates("ifog")
    >>> found.right, found.wrong, found.gaps["h"] > 0
    ('if', 'go', True)
    """
    where = "misread_gates"
    if not isinstance(order, str) or sorted(order) != sorted(LSTM.gates):
        raise ValueError(f"{where}: order must stack the gates {LSTM.gates!r} in some order, got {order!r}")
    _checks.int_in(where, "seed", seed, 0)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        ref = torch.nn.LSTMCell(4, 3).double().requires_grad_(False)
        x, h, c = (
            torch.randn(4, dtype=torch.float64),
            torch.randn(3, dtype=torch.float64),
            torch.randn(3, dtype=torch.float64),
        )
    weights = (ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh)
    right = lstm_cell(x, (h, c), *weights)
    misread = lstm_cell(x, (h, c), *(reorder(w, LSTM.gates, order) for w in weights))
    gaps = {name: (getattr(misread, name) - getattr(right, name)).abs().max().item() for name in "ifgoch"}
    return Misread(
        gaps, "".join(g for g in LSTM.gates if gaps[g] < SAME), "".join(g for g in LSTM.gates if gaps[g] >= SAME)
    )


def written_parameters(convention: Convention, input_size: int = 4, hidden: int = 3) -> tuple[int, int]:
    r"""``(counted, formula)``: how many numbers ``convention`` writes for a
    ``torch.nn.LSTMCell(input_size, hidden)`` (one made with ``bias=False`` for a source that writes
    no bias), counted in :func:`~lstm_explained.cells.notation.from_pytorch`'s output, and
    :math:`4 H (I + H + b)` for a source with :math:`b` bias vectors per gate.

    >>> from lstm_explained.cells.notation import CONVENTIONS
    >>> [written_parameters(c) for c in CONVENTIONS[:4]]
    [(108, 108), (96, 96), (84, 84), (96, 96)]
    """
    where = "written_parameters"
    if not isinstance(convention, Convention):
        raise TypeError(f"{where}: convention must be a Convention, got {type(convention).__name__}")
    if not convention.gate_order:
        raise ValueError(f"{where}: convention {convention.source!r} writes no LSTM, so it writes no LSTM weights")
    _checks.positive_int(where, "input_size", input_size)
    _checks.positive_int(where, "hidden", hidden)
    with torch.random.fork_rng(devices=[]):
        cell = torch.nn.LSTMCell(input_size, hidden, bias=convention.biases > 0).requires_grad_(False)
    weight_x, weight_h, biases = from_pytorch(convention, cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh)
    counted = weight_x.numel() + weight_h.numel() + sum(b.numel() for b in biases)
    return counted, 4 * hidden * (input_size + hidden + convention.biases)


def bias_shift(scale: float = 1.0, steps: int = 6, seed: int = 0) -> tuple[float, float]:
    r"""``(moved, added)``: the largest change of :math:`h_t` over ``steps`` steps of a
    ``torch.nn.LSTMCell(4, 3)`` (float64, ``torch.manual_seed(seed)``) when a random vector
    :math:`s` (standard deviation ``scale``) is moved from one bias to the other,
    :math:`(b_{ih} - s, b_{hh} + s)`, and when it is added to :math:`b_{ih}` alone. Every gate reads
    the biases only as :math:`b_{ih} + b_{hh}`, which the move leaves as it was.

    >>> moved, added = bias_shift()
    >>> moved < 1e-12 < added
    True
    """
    where = "bias_shift"
    if not isinstance(scale, (int, float)) or isinstance(scale, bool) or not 0 < scale < math.inf:
        raise ValueError(f"{where}: scale must be a positive number, got {scale!r}")
    _checks.positive_int(where, "steps", steps)
    _checks.int_in(where, "seed", seed, 0)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        ref = torch.nn.LSTMCell(4, 3).double().requires_grad_(False)
        x = torch.randn(steps, 4, dtype=torch.float64)
        s = scale * torch.randn(ref.bias_ih.shape, dtype=torch.float64)
    runs = []
    for b_ih, b_hh in ((ref.bias_ih, ref.bias_hh), (ref.bias_ih - s, ref.bias_hh + s), (ref.bias_ih + s, ref.bias_hh)):
        state, hs = None, []
        for x_t in x:
            step = lstm_cell(x_t, state, ref.weight_ih, ref.weight_hh, b_ih, b_hh)
            state = (step.h, step.c)
            hs.append(step.h)
        runs.append(torch.stack(hs))
    return (runs[1] - runs[0]).abs().max().item(), (runs[2] - runs[0]).abs().max().item()


def flip_update(
    weight_ih: Tensor, weight_hh: Tensor, bias_ih: Tensor | None, bias_hh: Tensor | None
) -> tuple[Tensor | None, ...]:
    r"""A GRU's weights (PyTorch's layout, r, z, n) with the update gate's block negated, every other
    block as it was. Since :math:`\sigma(-a) = 1 - \sigma(a)`, the gate these weights compute is
    :math:`1 - z_t`: colah's :math:`z'_t`.

    >>> w_ih, w_hh, b_ih, b_hh = flip_update(torch.ones(3, 1), torch.ones(3, 1), torch.ones(3), None)
    >>> w_ih.flatten(), b_ih, b_hh
    (tensor([ 1., -1.,  1.]), tensor([ 1., -1.,  1.]), None)
    """
    where = "flip_update"
    for name, value in (("weight_ih", weight_ih), ("weight_hh", weight_hh), ("bias_ih", bias_ih), ("bias_hh", bias_hh)):
        if value is None and name.startswith("weight"):
            raise ValueError(f"{where}: {name} must be a tensor, got None")
        if value is not None:
            _checks.tensor(where, name, value)
            if value.dim() < 1 or value.shape[0] == 0 or value.shape[0] % len(GRU):
                raise ValueError(
                    f"{where}: {name} has {value.shape[0] if value.dim() else 0} rows, not a multiple of the 3 gates r, z, n"
                )
    return tuple(
        None
        if w is None
        else torch.cat([-b if name == "z" else b for name, b in zip(GRU.gates, w.chunk(len(GRU), dim=0))])
        for w in (weight_ih, weight_hh, bias_ih, bias_hh)
    )


def colah_update_cell(
    x: Tensor,
    h: Tensor | None,
    weight_ih: Tensor,
    weight_hh: Tensor,
    bias_ih: Tensor | None = None,
    bias_hh: Tensor | None = None,
) -> Tensor:
    r"""One GRU step with the update gate written as colah writes it, a gate of its own that
    weights the *new* candidate, and everything else as
    :func:`~lstm_explained.cells.gru.gru_cell` (the reset after the recurrent product):

    .. math::

        z'_t = \sigma(W_{iz} x_t + b_{iz} + W_{hz} h_{t-1} + b_{hz}), \qquad
        h_t = (1 - z'_t) \odot h_{t-1} + z'_t \odot n_t

    >>> gen = torch.manual_seed(0)
    >>> ref = torch.nn.GRUCell(3, 2).requires_grad_(False)
    >>> x, h = torch.tensor([1.0, 0.0, -1.0]), torch.tensor([0.5, -0.5])
    >>> torch.allclose(colah_update_cell(x, h, *flip_update(ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh)), ref(x, h))
    True
    """
    where = "colah_update_cell"
    hidden = GRU.check(where, x, weight_ih, weight_hh, bias_ih, bias_hh)
    h_prev = _checks.state(where, "h", h, x, hidden)
    n = gru_cell(x, h_prev, weight_ih, weight_hh, bias_ih, bias_hh).n  # the candidate does not read z
    W_i, W_h, b_i, b_h = GRU.split(weight_ih, weight_hh, bias_ih, bias_hh)
    # $$z'_t = \sigma(W_{iz} x_t + b_{iz} + W_{hz} h_{t-1} + b_{hz})$$
    z_new = torch.sigmoid(linear(x, W_i.z, b_i.z) + linear(h_prev, W_h.z, b_h.z))
    # $$h_t = (1 - z'_t) \odot h_{t-1} + z'_t \odot n_t$$
    return (1 - z_new) * h_prev + z_new * n


def update_gaps(seed: int = 1, batch: int = 64) -> tuple[float, float]:
    r"""``(flipped, copied)``: the largest difference from ``torch.nn.GRUCell(3, 4)``
    (``torch.manual_seed(seed)``, float64) over ``batch`` random inputs and states of
    :func:`colah_update_cell` given the weights with the update block negated (:func:`flip_update`)
    and given PyTorch's weights as they are. Copied, the gate is :math:`z_t` where colah's
    equation needs :math:`1 - z_t`.

    >>> flipped, copied = update_gaps()
    >>> flipped < 1e-12 < copied
    True
    """
    where = "update_gaps"
    _checks.int_in(where, "seed", seed, 0)
    _checks.positive_int(where, "batch", batch)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        ref = torch.nn.GRUCell(3, 4).double().requires_grad_(False)
        x, h = torch.randn(batch, 3, dtype=torch.float64), torch.randn(batch, 4, dtype=torch.float64)
    weights = (ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh)
    truth = ref(x, h)
    flipped = colah_update_cell(x, h, *flip_update(*weights))
    copied = colah_update_cell(x, h, *weights)
    return (flipped - truth).abs().max().item(), (copied - truth).abs().max().item()


class ResetAgreement(NamedTuple):
    """How far apart the two placements of the GRU's reset gate carry the same weights, in settings
    where the text says they should agree, beside PyTorch's own weights."""

    first: float  # after step 1 from h = 0, PyTorch's weights
    unbiased_first: float  # after step 1 from h = 0, with b_hn = 0
    unbiased_second: float  # after step 2, with b_hn = 0
    held_open: float  # the largest over every step, the reset gate held at 1 (its weights 0, its bias 20)
    free: float  # the largest over every step, PyTorch's weights
    open_gap: float  # 1 - sigma(20): how far from 1 the held gate is


def reset_agreement(steps: int = 50, sequences: int = 64, seed: int = 0) -> ResetAgreement:
    r"""The largest difference between :func:`~lstm_explained.cells.gru.gru_cell`,
    :math:`r_t \odot (W_{hn} h_{t-1} + b_{hn})`, and
    :func:`~lstm_explained.cells.notation.gru_reset_before`, :math:`W_{hn} (r_t \odot h_{t-1}) + b_{hn}`,
    on one ``torch.nn.GRUCell(3, 4)`` (``torch.manual_seed(seed)``, float64) over ``sequences``
    random sequences of ``steps`` steps, each placement on its own state from :math:`h = 0`: with
    PyTorch's weights, with :math:`b_{hn} = 0`, and with the reset gate held at 1.

    >>> found = reset_agreement(steps=5)
    >>> found.unbiased_first, found.unbiased_second > 0, found.held_open < 1e-6 < found.free
    (0.0, True, True)
    """
    where = "reset_agreement"
    _checks.int_in(where, "steps", steps, 2)
    _checks.positive_int(where, "sequences", sequences)
    _checks.int_in(where, "seed", seed, 0)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        ref = torch.nn.GRUCell(3, 4).double().requires_grad_(False)
        x = torch.randn(steps, sequences, 3, dtype=torch.float64)
    weights = [w.clone() for w in (ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh)]
    unbiased = [w.clone() for w in weights]
    GRU.blocks(unbiased[3]).n.zero_()  # b_hn: the bias inside the reset's product
    held = [w.clone() for w in weights]
    for w in held:
        GRU.blocks(w).r.zero_()
    GRU.blocks(held[2]).r.fill_(20.0)  # b_ir = 20: r = sigma(20) at every step, whatever it reads
    free, no_bias, open_ = (_placement_gaps(x, w) for w in (weights, unbiased, held))
    return ResetAgreement(
        free[0].item(),
        no_bias[0].item(),
        no_bias[1].item(),
        open_.max().item(),
        free.max().item(),
        1 - 1 / (1 + math.exp(-20.0)),
    )


def _placement_gaps(x: Tensor, weights: list[Tensor]) -> Tensor:
    """(steps,) the largest difference of the two placements' hidden states after each step."""
    after = before = x.new_zeros(x.shape[1], weights[1].shape[1])
    gaps = []
    for x_t in x:
        after = gru_cell(x_t, after, *weights).h
        before = gru_reset_before(x_t, before, *weights).h
        gaps.append((after - before).abs().max())
    return torch.stack(gaps)
