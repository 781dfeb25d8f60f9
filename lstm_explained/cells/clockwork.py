r"""The clockwork RNN (Koutník, Greff, Gomez & Schmidhuber, 2014): blocks of units that tick at different rates.

The hidden state is cut into equal blocks with periods :math:`T_1 < T_2 < \dots` (1, 2, 4, ... in
the paper). At step :math:`t` only the blocks whose period divides :math:`t` are updated; the
others keep their value. A block reads its own state and that of every *slower* block, never a
faster one, so the recurrent weight is block upper-triangular when the blocks are sorted by period.
A slow block changes rarely, so what it holds survives many steps.
"""

from __future__ import annotations

import torch
from torch import Tensor
from torch.nn.functional import linear

from .. import _checks

__all__ = ["clockwork_mask", "clockwork_rnn_cell", "ticking"]


def _periods(where: str, periods: object, hidden: int) -> tuple[int, ...]:
    if not isinstance(periods, (tuple, list)) or not periods:
        raise ValueError(f"{where}: periods must be a non-empty tuple of ints, got {periods!r}")
    for p in periods:
        _checks.positive_int(where, "each period", p)
    if list(periods) != sorted(set(periods)):
        raise ValueError(f"{where}: periods must be distinct and increasing, got {tuple(periods)}")
    if hidden % len(periods):
        raise ValueError(f"{where}: {hidden} hidden units cannot be cut into {len(periods)} equal blocks, one per period")
    return tuple(periods)


def clockwork_mask(hidden: int, periods: tuple[int, ...]) -> Tensor:
    """``(H, H)``: 1 where block ``a``'s row may read block ``b``'s column (``b`` as slow as ``a`` or slower).

    >>> clockwork_mask(4, (1, 2))
    tensor([[1., 1., 1., 1.],
            [1., 1., 1., 1.],
            [0., 0., 1., 1.],
            [0., 0., 1., 1.]])
    """
    _checks.positive_int("clockwork_mask", "hidden", hidden)
    periods = _periods("clockwork_mask", periods, hidden)
    block = torch.arange(hidden) // (hidden // len(periods))
    return (block[None, :] >= block[:, None]).float()


def ticking(t: int, hidden: int, periods: tuple[int, ...]) -> Tensor:
    """``(H,)`` booleans: the units whose block is updated at step ``t`` (its period divides ``t``).

    >>> ticking(2, 6, (1, 2, 4)).tolist(), ticking(3, 6, (1, 2, 4)).tolist()
    ([True, True, True, True, False, False], [True, True, False, False, False, False])
    """
    _checks.int_in("ticking", "t", t, 0)
    periods = _periods("ticking", periods, hidden)
    size = hidden // len(periods)
    return torch.tensor([t % p == 0 for p in periods]).repeat_interleave(size)


def clockwork_rnn_cell(
    x: Tensor,
    h: Tensor | None,
    t: int,
    weight_ih: Tensor,
    weight_hh: Tensor,
    bias_ih: Tensor | None = None,
    bias_hh: Tensor | None = None,
    *,
    periods: tuple[int, ...] = (1, 2, 4, 8),
) -> Tensor:
    r"""One step, at time ``t``, of the clockwork RNN: the new hidden state.

    .. math::

        \begin{aligned}
        a_t &= W_{ih} x_t + b_{ih} + (M \odot W_{hh})\, h_{t-1} + b_{hh} \\
        h_t &= \begin{cases} \tanh(a_t) & \text{in a block whose period divides } t \\
                             h_{t-1} & \text{elsewhere} \end{cases}
        \end{aligned}

    :math:`M` is :func:`clockwork_mask`: a block reads only blocks as slow as itself or slower.
    The weights are the Elman RNN's (:func:`~lstm_explained.cells.rnn.rnn_cell`), ``(H, I)`` and
    ``(H, H)``; the masked part of ``weight_hh`` is read by nothing, so its gradient is exactly
    zero. With one period, ``(1,)``, this is :func:`~lstm_explained.cells.rnn.rnn_cell`.

    Examples
    --------
    >>> gen = torch.manual_seed(0)
    >>> w_ih, w_hh = torch.randn(4, 2), torch.randn(4, 4)
    >>> h = clockwork_rnn_cell(torch.ones(2), None, 0, w_ih, w_hh, periods=(1, 2))  # t = 0: every block ticks
    >>> h
    tensor([ 0.8476, -0.9232, -0.9862,  0.8458])
    >>> clockwork_rnn_cell(torch.ones(2), h, 1, w_ih, w_hh, periods=(1, 2))[2:]  # t = 1: the slow block holds
    tensor([-0.9862,  0.8458])
    """
    where = "clockwork_rnn_cell"
    hidden = _checks.cell_weights(where, "h", x, weight_ih, weight_hh, bias_ih, bias_hh)
    periods = _periods(where, periods, hidden)
    _checks.int_in(where, "t", t, 0)
    h_prev = _checks.state(where, "h", h, x, hidden)
    mask = clockwork_mask(hidden, periods).to(weight_hh)
    on = ticking(t, hidden, periods).to(h_prev.device)

    # $$a_t = W_{ih} x_t + b_{ih} + (M \odot W_{hh})\, h_{t-1} + b_{hh}$$
    a = linear(x, weight_ih, bias_ih) + linear(h_prev, mask * weight_hh, bias_hh)
    # $$h_t = \tanh(a_t)$$ where the block ticks, $$h_t = h_{t-1}$$ elsewhere
    return torch.where(on, torch.tanh(a), h_prev)
