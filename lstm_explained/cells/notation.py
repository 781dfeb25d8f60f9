"""How other sources write the same LSTM, and how to bring their weights into this book's layout.

The book uses PyTorch's conventions (:mod:`lstm_explained.cells.layout`): gates stacked i, f, g, o,
column vectors (:math:`W x`), two bias vectors. The sources it draws on do not agree: the CS231n
notes stack i, f, o, g; *Deep Learning from Scratch 2* (the seed ``004`` note) stacks f, g, i, o
and multiplies row vectors from the left (:math:`x W`); most write one bias per gate, the CS231n
slide and the GRU papers none. Each
:class:`Convention` records one source's choices, quoted from it; :func:`to_pytorch` and
:func:`from_pytorch` move a weight set between that source's layout and PyTorch's.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import Tensor

from .. import _checks
from .layout import LSTM, reorder

__all__ = ["CONVENTIONS", "Convention", "from_pytorch", "to_pytorch"]


@dataclass(frozen=True)
class Convention:
    """One source's way of writing the LSTM (and the GRU's update gate), as that source writes it."""

    source: str  # who writes it this way
    gate_order: str  # the LSTM's blocks in the order the source stacks (or lists) them, in this book's letters; "" if no LSTM
    their_symbols: str  # the source's own names for those blocks, in the same order
    vectors: str  # "column" (W x, as PyTorch) or "row" (x W)
    biases: int  # bias vectors per gate as the source writes them: PyTorch has two, b_ih and b_hh; 0 if it writes none
    gru_z_weights: str  # which state the GRU's update gate z multiplies: "old" (PyTorch) or "new"; "" if no GRU

    def __post_init__(self):
        where = "Convention"
        if self.gate_order and sorted(self.gate_order) != sorted(LSTM.gates):
            raise ValueError(f"{where}: gate_order {self.gate_order!r} must order the gates {LSTM.gates!r}")
        _checks.one_of(where, "vectors", self.vectors, ("column", "row"))
        _checks.int_in(where, "biases", self.biases, 0, 2)
        _checks.one_of(where, "gru_z_weights", self.gru_z_weights, ("old", "new", ""))


#: The sources the book draws on, and how each writes the LSTM. Quoted from each source.
CONVENTIONS = [
    Convention("PyTorch (torch.nn.LSTM, GRU) and this book", "ifgo", "i, f, g, o", "column", 2, "old"),
    Convention("Seed 000: the Korean lecture's equations (its code calls torch.nn.LSTM)", "ifgo", "i, f, g, o", "row", 1, ""),
    Convention("CS231n lecture 10, 2017 (seeds 001 and 003)", "ifog", "i, f, o, g (“ifog”)", "column", 0, ""),
    Convention("Seed 004, after Deep Learning from Scratch 2", "fgio", "f, g, i, o", "row", 1, ""),
    Convention("Olah, Understanding LSTM Networks (2015)", "figo", "f, i, C̃, o", "column", 1, "new"),
    Convention("Dive into Deep Learning (d2l), LSTM and GRU chapters", "ifog", "I, F, O, C̃", "row", 1, "old"),
    Convention("Greff et al., LSTM: A Search Space Odyssey (2017)", "gifo", "z, i, f, o", "column", 1, ""),
    Convention("Cho et al. (2014), the GRU's first paper", "", "", "column", 0, "old"),
    Convention("Chung et al. (2014), GRU against LSTM", "", "", "column", 0, "new"),
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
    >>> dlfs2 = next(c for c in CONVENTIONS if c.source.startswith("Seed 004"))
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

