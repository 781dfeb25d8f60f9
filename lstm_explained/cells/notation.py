"""How other sources write the same LSTM, and how to bring their weights into this book's layout.

The book uses PyTorch's conventions (:mod:`lstm_explained.cells.layout`): gates stacked i, f, g, o,
column vectors (:math:`W x`), two bias vectors. The sources it draws on do not agree: the CS231n
notes stack i, f, o, g; *Deep Learning from Scratch 2* (which note ``004`` follows) stacks f, g, i, o
and multiplies row vectors from the left (:math:`x W`); most write one bias per gate, the CS231n
slide and the GRU papers none. Each
:class:`Convention` records one source's choices, quoted from it; :func:`to_pytorch` and
:func:`from_pytorch` move a weight set between that source's layout and PyTorch's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import torch
from torch import Tensor

from torch.nn.functional import linear

from .. import _checks
from .gru import GRUStep
from .layout import GRU, LSTM, reorder

__all__ = ["CONVENTIONS", "Convention", "ResetGaps", "from_pytorch", "gru_reset_before", "reset_gaps", "to_pytorch"]


@dataclass(frozen=True)
class Convention:
    """One source's way of writing the LSTM (and the GRU's update gate), as that source writes it."""

    source: str  # who writes it this way
    gate_order: str  # the LSTM's blocks in the order the source stacks (or lists) them, in this book's letters; "" if no LSTM
    their_symbols: str  # the source's own names for those blocks, in the same order
    vectors: str  # "column" (W x, as PyTorch) or "row" (x W)
    biases: int  # bias vectors per gate as the source writes them: PyTorch has two, b_ih and b_hh; 0 if it writes none
    gru_z_weights: str  # which state the GRU's update gate z multiplies: "old" (PyTorch) or "new"; "" if no GRU
    gru_reset: str = ""  # where the GRU's reset gate r acts: "after" the recurrent product (PyTorch) or "before" it; "" if no GRU

    def __post_init__(self):
        where = "Convention"
        if self.gate_order and sorted(self.gate_order) != sorted(LSTM.gates):
            raise ValueError(f"{where}: gate_order {self.gate_order!r} must order the gates {LSTM.gates!r}")
        _checks.one_of(where, "vectors", self.vectors, ("column", "row"))
        _checks.int_in(where, "biases", self.biases, 0, 2)
        _checks.one_of(where, "gru_z_weights", self.gru_z_weights, ("old", "new", ""))
        _checks.one_of(where, "gru_reset", self.gru_reset, ("after", "before", ""))
        if bool(self.gru_z_weights) != bool(self.gru_reset):
            raise ValueError(f"{where}: a source that writes a GRU says both gru_z_weights and gru_reset; got {self.gru_z_weights!r} and {self.gru_reset!r}")


#: The sources the book draws on, and how each writes the LSTM. Quoted from each source.
CONVENTIONS = [
    Convention("PyTorch (torch.nn.LSTM, GRU) and this book", "ifgo", "i, f, g, o", "column", 2, "old", "after"),
    Convention("Note 000: the Korean lecture's equations (its code calls torch.nn.LSTM)", "ifgo", "i, f, g, o", "row", 1, ""),
    Convention("CS231n lecture 10, 2017 (notes 001 and 003)", "ifog", "i, f, o, g (“ifog”)", "column", 0, ""),
    Convention("Note 004, after Deep Learning from Scratch 2", "fgio", "f, g, i, o", "row", 1, ""),
    Convention("Olah, Understanding LSTM Networks (2015)", "figo", "f, i, C̃, o", "column", 1, "new", "before"),
    Convention("Dive into Deep Learning (d2l), LSTM and GRU chapters", "ifog", "I, F, O, C̃", "row", 1, "old", "before"),
    Convention("Greff et al., LSTM: A Search Space Odyssey (2017)", "gifo", "z, i, f, o", "column", 1, ""),
    Convention("Cho et al. (2014), the GRU's first paper (arXiv v3)", "", "", "column", 0, "old", "before"),
    Convention("Chung et al. (2014), GRU against LSTM", "", "", "column", 0, "new", "before"),
]


def from_pytorch(
    convention: Convention, weight_ih: Tensor, weight_hh: Tensor, bias_ih: Tensor | None, bias_hh: Tensor | None
) -> tuple[Tensor, Tensor, tuple[Tensor, ...]]:
    """PyTorch's LSTM weights written as ``convention`` writes them: ``(W_x, W_h, biases)``.

    Gate blocks are restacked in the source's order; a row-vector source gets the transposes
    (``x @ W_x`` then equals PyTorch's ``W_ih @ x``); a one-bias source gets the sum of the two. A
    source that writes no bias can only hold an LSTM without one (``bias=False``, biases ``None``):
    given biases, it says so rather than drop them.

    >>> ref = torch.nn.LSTMCell(3, 2)
    >>> d2l = next(c for c in CONVENTIONS if c.source.startswith("Dive"))
    >>> W_x, W_h, biases = from_pytorch(d2l, ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh)
    >>> tuple(W_x.shape), tuple(W_h.shape), len(biases)
    ((3, 8), (2, 8), 1)
    """
    _has_lstm("from_pytorch", convention)
    stacked = [reorder(w, LSTM.gates, convention.gate_order) for w in (weight_ih, weight_hh)]
    given = [b for b in (bias_ih, bias_hh) if b is not None]
    if convention.biases == 0:
        if given:
            raise ValueError(f"from_pytorch: {convention.source} writes no bias, so an LSTM with biases cannot be written its way; use one made with bias=False")
        biases = ()
    else:
        zero = weight_ih.new_zeros(weight_ih.shape[0])  # an LSTM made without biases has them at zero
        b_ih, b_hh = (zero if b is None else b for b in (bias_ih, bias_hh))
        biases = (b_ih, b_hh) if convention.biases == 2 else (b_ih + b_hh,)
    biases = tuple(reorder(b, LSTM.gates, convention.gate_order) for b in biases)
    if convention.vectors == "row":
        stacked = [w.T for w in stacked]
    return stacked[0], stacked[1], biases


def to_pytorch(convention: Convention, weight_x: Tensor, weight_h: Tensor, biases: tuple[Tensor, ...]) -> tuple[Tensor, Tensor, Tensor, Tensor]:
    """A source's LSTM weights, written as ``convention`` says, in PyTorch's layout:
    ``(weight_ih, weight_hh, bias_ih, bias_hh)`` for :func:`~lstm_explained.cells.lstm.lstm_cell`.
    A single bias becomes ``bias_ih``, with ``bias_hh`` zero; a source with none gives ``None`` for both.

    >>> gen = torch.manual_seed(0)
    >>> ref = torch.nn.LSTMCell(3, 2).requires_grad_(False)
    >>> dlfs2 = next(c for c in CONVENTIONS if c.source.startswith("Note 004"))
    >>> theirs = from_pytorch(dlfs2, ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh)
    >>> back = to_pytorch(dlfs2, *theirs)
    >>> from lstm_explained.cells import lstm_cell
    >>> x = torch.ones(3)
    >>> torch.allclose(lstm_cell(x, None, *back).h, ref(x)[0])
    True
    """
    _has_lstm("to_pytorch", convention)
    if len(biases) != convention.biases:
        raise ValueError(f"to_pytorch: {convention.source} has {convention.biases} bias vector(s), got {len(biases)}")
    stacked = [weight_x, weight_h]
    if convention.vectors == "row":
        stacked = [_checks.tensor("to_pytorch", name, w).T for name, w in zip(("weight_x", "weight_h"), stacked)]
    weight_ih, weight_hh = (reorder(w, convention.gate_order, LSTM.gates) for w in stacked)
    if not biases:
        return weight_ih, weight_hh, None, None
    bias_ih, *rest = (reorder(b, convention.gate_order, LSTM.gates) for b in biases)
    bias_hh = rest[0] if rest else torch.zeros_like(bias_ih)
    return weight_ih, weight_hh, bias_ih, bias_hh


def _has_lstm(where: str, convention: Convention) -> None:
    if not convention.gate_order:
        raise ValueError(f"{where}: {convention.source} writes no LSTM, so it has no LSTM weights to convert")



def gru_reset_before(
    x: Tensor, h: Tensor | None, weight_ih: Tensor, weight_hh: Tensor, bias_ih: Tensor | None = None, bias_hh: Tensor | None = None
) -> GRUStep:
    r"""One GRU step with the reset gate applied *before* the recurrent product, as Cho et al.
    (2014, arXiv v3), Chung et al. (2014), colah and d2l write it; in PyTorch's layout and
    names, so that the same weights go into both placements.

    .. math::

        n_t = \tanh(W_{in} x_t + b_{in} + W_{hn} (r_t \odot h_{t-1}) + b_{hn})

    where :func:`~lstm_explained.cells.gru.gru_cell` has :math:`r_t \odot (W_{hn} h_{t-1} + b_{hn})`;
    :math:`r_t`, :math:`z_t` and :math:`h_t` are the same functions of their inputs in both.

    >>> gen = torch.manual_seed(0)
    >>> ref = torch.nn.GRUCell(3, 2).requires_grad_(False)
    >>> x, h = torch.tensor([1.0, 0.0, -1.0]), torch.tensor([0.5, -0.5])
    >>> gru_reset_before(x, h, ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh).h, ref(x, h)
    (tensor([-0.0855, -0.6751]), tensor([-0.1151, -0.6639]))
    """
    where = "gru_reset_before"
    hidden = GRU.check(where, x, weight_ih, weight_hh, bias_ih, bias_hh)
    h_prev = _checks.state(where, "h", h, x, hidden)
    W_i, W_h, b_i, b_h = GRU.split(weight_ih, weight_hh, bias_ih, bias_hh)

    # $$r_t = \sigma(W_{ir} x_t + b_{ir} + W_{hr} h_{t-1} + b_{hr})$$
    r = torch.sigmoid(linear(x, W_i.r, b_i.r) + linear(h_prev, W_h.r, b_h.r))
    # $$z_t = \sigma(W_{iz} x_t + b_{iz} + W_{hz} h_{t-1} + b_{hz})$$
    z = torch.sigmoid(linear(x, W_i.z, b_i.z) + linear(h_prev, W_h.z, b_h.z))
    # $$n_t = \tanh(W_{in} x_t + b_{in} + W_{hn} (r_t \odot h_{t-1}) + b_{hn})$$
    n = torch.tanh(linear(x, W_i.n, b_i.n) + linear(r * h_prev, W_h.n, b_h.n))
    # $$h_t = (1 - z_t) \odot n_t + z_t \odot h_{t-1}$$
    h = (1 - z) * n + z * h_prev
    return GRUStep(r, z, n, h)


class ResetGaps(NamedTuple):
    """The two reset placements on the same weights, step by step: the largest and the root mean
    square difference of their hidden states, and the root mean square of PyTorch's hidden state,
    for scale."""

    largest: Tensor  # (steps,) the largest difference over every sequence and unit
    typical: Tensor  # (steps,) the root mean square of PyTorch's hidden state
    rms: Tensor  # (steps,) the root mean square of the difference


def reset_gaps(inputs: int = 3, hidden: int = 4, steps: int = 50, sequences: int = 256, seed: int = 0) -> ResetGaps:
    """How far apart the two placements of the GRU's reset gate carry the same weights: one
    ``torch.nn.GRUCell`` (PyTorch's initialisation) run over ``sequences`` random normal input
    sequences from a zero state, once as PyTorch computes it and once with the reset before the
    product (:func:`gru_reset_before`), each placement on its own state.

    >>> found = reset_gaps(steps=5)
    >>> found.largest.shape, bool((found.largest > 0).all()), bool((found.typical > 0).all())
    (torch.Size([5]), True, True)
    """
    for name, value in (("inputs", inputs), ("hidden", hidden), ("steps", steps), ("sequences", sequences)):
        _checks.positive_int("reset_gaps", name, value)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        ref = torch.nn.GRUCell(inputs, hidden).requires_grad_(False)
        x = torch.randn(steps, sequences, inputs)
    after = before = x.new_zeros(sequences, hidden)
    largest, typical, rms = [], [], []
    for x_t in x:
        after = ref(x_t, after)
        before = gru_reset_before(x_t, before, ref.weight_ih, ref.weight_hh, ref.bias_ih, ref.bias_hh).h
        gap = after - before
        largest.append(gap.abs().max())
        typical.append(after.pow(2).mean().sqrt())
        rms.append(gap.pow(2).mean().sqrt())
    return ResetGaps(torch.stack(largest), torch.stack(typical), torch.stack(rms))
