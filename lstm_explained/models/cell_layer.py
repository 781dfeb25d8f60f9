r"""A recurrent layer for the cells ``torch.nn`` does not have: one of the book's cell functions, run over time.

:class:`CellLayer` holds its parameters under ``torch.nn.LSTM``'s names (``weight_ih_l0``,
``weight_hh_l0``, ``bias_ih_l0``, ``bias_hh_l0``, and a kind's extras after them: the peephole
LSTM's ``weight_ch_l0``), initialised as ``torch.nn`` initialises them, and is called like a
one-layer ``torch.nn`` layer: ``layer(x, state) -> (output, state)``. Each step is the cell
function itself, so what it computes is what :mod:`lstm_explained.cells` documents, equation by
equation. What a kind stacks, steps and adds is its record in
:data:`~lstm_explained.cells.kinds.REGISTRY`.
"""

from __future__ import annotations

import math

import torch
from torch import Tensor, nn

from .. import _checks
from ..cells.kinds import REGISTRY, WEIGHTS, CellKind, RegistryView

__all__ = ["CELL_KINDS", "PERIODS", "CellLayer"]


def _steps_here(kind: CellKind) -> bool:
    return kind.torch_layer is None


#: Every kind of :class:`CellLayer` (those without a ``torch.nn`` layer) and its record, a live view
#: of :data:`~lstm_explained.cells.kinds.REGISTRY`. The ablations are Greff et al.'s (lower case).
CELL_KINDS = RegistryView(keep=_steps_here)

#: The clockwork RNN's periods, fastest block first.
PERIODS = REGISTRY["clockwork"].periods


class CellLayer(nn.Module):
    """One recurrent layer of ``kind`` (a key of :data:`CELL_KINDS`), ``x (T, [B,] I) -> (h (T, [B,] H), state)``.

    ``state`` is ``(h0, c0)`` for the kinds with a cell state and ``h0`` otherwise, each
    ``(1, [B,] H)`` as ``torch.nn`` layers take them; ``None`` starts from zeros. The clockwork RNN
    counts time from 0 at every call; ``periods`` replaces its own (:data:`PERIODS`).

    >>> gen = torch.manual_seed(0)
    >>> layer = CellLayer("nfg", 2, 3)
    >>> out, (h, c) = layer(torch.ones(5, 2))
    >>> out.shape, c.shape, [name for name, _ in layer.named_parameters()]
    (torch.Size([5, 3]), torch.Size([1, 3]), ['weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0'])
    """

    num_layers = 1

    def __init__(self, kind: str, input_size: int, hidden_size: int, *, periods: tuple[int, ...] | None = None):
        super().__init__()
        where = "CellLayer"
        self.kind = _checks.one_of(where, "kind", kind, CELL_KINDS)
        self.cell_kind = record = REGISTRY[kind]
        self.input_size = _checks.positive_int(where, "input_size", input_size)
        self.hidden_size = _checks.positive_int(where, "hidden_size", hidden_size)
        self.periods = None if record.periods is None else tuple(record.periods if periods is None else periods)
        if self.periods is not None and hidden_size % len(self.periods):
            raise ValueError(
                f"{where}: a {kind} layer's {hidden_size} units cannot be cut into {len(self.periods)} equal blocks, "
                f"one per period of {self.periods}"
            )
        rows = len(record.gates) * hidden_size
        bound = 1 / math.sqrt(hidden_size)  # torch.nn's initialisation: U(-1/sqrt(H), 1/sqrt(H)) for every parameter
        shapes = {"weight_ih_l0": (rows, input_size), "weight_hh_l0": (rows, hidden_size), "bias_ih_l0": (rows,), "bias_hh_l0": (rows,)}
        shapes.update({f"{name}_l0": (extra_rows, hidden_size) for name, extra_rows in record.extras})
        for name, shape in shapes.items():
            self.register_parameter(name, nn.Parameter(torch.empty(shape).uniform_(-bound, bound)))

    @property
    def memory(self) -> bool:
        """Whether the state is ``(h, c)``."""
        return self.cell_kind.memory

    def step(self, x: Tensor, state, t: int):
        """One step of the cell: ``(h, c)`` for the kinds with a cell state, ``h`` otherwise."""
        names = (*WEIGHTS, *(name for name, _ in self.cell_kind.extras))
        weights = {name: getattr(self, f"{name}_l0") for name in names}
        return self.cell_kind.step(x, state, t, weights, self.periods)

    def forward(self, x: Tensor, state=None):
        where = "CellLayer"
        x = _checks.tensor(where, "x", x)
        if x.dim() not in (2, 3) or x.shape[-1] != self.input_size:
            raise ValueError(f"{where}: x must be (T, {self.input_size}) or (T, batch, {self.input_size}), got {tuple(x.shape)}")
        if state is not None:  # (1, [B,] H) as torch.nn layers take it, to the cells' ([B,] H)
            state = tuple(s[0] for s in state) if self.memory else state[0]
        outputs = []
        for t, x_t in enumerate(x):
            state = self.step(x_t, state, t)
            outputs.append(state[0] if self.memory else state)
        last = tuple(s.unsqueeze(0) for s in state) if self.memory else state.unsqueeze(0)
        return torch.stack(outputs), last
