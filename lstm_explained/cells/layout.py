"""How a cell's gates are stacked in its weights: the one owner of every cell's gate order.

PyTorch keeps the blocks of all gates in one tensor, stacked by rows: ``weight_ih`` is
``(gates * H, I)``, ``weight_hh`` ``(gates * H, H)``, each bias ``(gates * H,)``. A
:class:`GateLayout` names the blocks in order, checks a cell's weights against it, and cuts them
into named blocks, as ``torch.nn.RNNCellBase(num_chunks=...)`` does for PyTorch's own cells. Other
sources stack the same blocks in other orders; :func:`reorder` moves between them.
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass

import torch
from torch import Tensor

from .. import _checks

__all__ = ["COUPLED", "GRU", "LSTM", "RNN", "GateLayout", "reorder"]


@dataclass(frozen=True)
class GateLayout:
    """The gates whose blocks a cell's weights stack, in order: ``"ifgo"`` for PyTorch's LSTM.

    Examples
    --------
    >>> W_i, W_h, b_i, b_h = LSTM.split(torch.arange(8.0)[:, None], torch.zeros(8, 2), None, None)
    >>> W_i.f.flatten(), b_i.f
    (tensor([2., 3.]), None)
    """

    gates: str  # one letter per block, in the order the rows stack them

    def __post_init__(self):
        if not self.gates or len(set(self.gates)) != len(self.gates):
            raise ValueError(f"GateLayout: gates must be distinct letters, got {self.gates!r}")
        # one named tuple per layout, so that blocks read as W_i.f, the math's W_{if}
        object.__setattr__(self, "_blocks", namedtuple("Blocks", list(self.gates)))

    def __len__(self) -> int:
        return len(self.gates)

    def check(self, where: str, x: object, weight_ih: object, weight_hh: object, bias_ih: object, bias_hh: object) -> int:
        """Check ``x`` and the stacked weights against this layout; return the hidden size ``H``."""
        return _checks.cell_weights(where, self.gates, x, weight_ih, weight_hh, bias_ih, bias_hh)

    def blocks(self, stacked: Tensor | None, dim: int = 0):
        """``stacked``'s blocks along ``dim`` by gate name (a missing bias stays missing: every block ``None``)."""
        if stacked is None:
            return self._blocks(*(None,) * len(self))
        return self._blocks(*stacked.chunk(len(self), dim=dim))

    def split(self, weight_ih: Tensor, weight_hh: Tensor, bias_ih: Tensor | None, bias_hh: Tensor | None):
        """The blocks of all four tensors: ``W_i, W_h, b_i, b_h``, each read by gate (``W_i.f``)."""
        return self.blocks(weight_ih), self.blocks(weight_hh), self.blocks(bias_ih), self.blocks(bias_hh)


#: The Elman RNN, whose weights hold one block.
RNN = GateLayout("h")
#: PyTorch's LSTM, stacked as input, forget, candidate and output gate.
LSTM = GateLayout("ifgo")
#: PyTorch's GRU, stacked as reset gate, update gate and candidate.
GRU = GateLayout("rzn")
#: The LSTM with coupled input and forget gates, which has no input-gate block.
COUPLED = GateLayout("fgo")


def reorder(stacked: Tensor, source: str, target: str) -> Tensor:
    """``stacked``'s gate blocks, stacked in order ``source``, restacked in order ``target``.

    A weight or bias written in another source's gate order (``"ifog"`` in the CS231n notes,
    ``"fgio"`` in *Deep Learning from Scratch 2*) becomes PyTorch's with
    ``reorder(w, "ifog", "ifgo")``.

    >>> reorder(torch.tensor([1.0, 2.0, 3.0, 4.0]), "ifgo", "figo")
    tensor([2., 1., 3., 4.])
    >>> reorder(torch.zeros(4), "ifgo", "ifgx")
    Traceback (most recent call last):
    ...
    ValueError: reorder: target 'ifgx' must name the same gates as source 'ifgo'
    """
    _checks.tensor("reorder", "stacked", stacked)
    if sorted(source) != sorted(target) or len(set(source)) != len(source):
        raise ValueError(f"reorder: target {target!r} must name the same gates as source {source!r}")
    if stacked.dim() < 1 or stacked.shape[0] % len(source):
        raise ValueError(
            f"reorder: stacked has {stacked.shape[0] if stacked.dim() else 0} rows, not a multiple of the "
            f"{len(source)} gates {', '.join(source)}"
        )
    blocks = dict(zip(source, stacked.chunk(len(source), dim=0)))
    return torch.cat([blocks[gate] for gate in target])
