r"""A recurrent layer for the cells ``torch.nn`` does not have: one of the book's cell functions, run over time.

:class:`CellLayer` holds its parameters under ``torch.nn.LSTM``'s names (``weight_ih_l0``,
``weight_hh_l0``, ``bias_ih_l0``, ``bias_hh_l0``; the peephole LSTM adds ``weight_ch_l0``),
initialised as ``torch.nn`` initialises them, and is called like a one-layer ``torch.nn`` layer:
``layer(x, state) -> (output, state)``. Each step is the cell function itself, so what it computes
is what :mod:`lstm_explained.cells` documents, equation by equation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import Tensor, nn

from .. import _checks
from ..cells import ablations, clockwork, layout
from ..cells.lstm import coupled_lstm_cell, peephole_lstm_cell

__all__ = ["CELL_KINDS", "PERIODS", "CellKind", "CellLayer"]


@dataclass(frozen=True)
class CellKind:
    """How a :class:`CellLayer` of one kind is laid out and stepped."""

    gates: layout.GateLayout  # the blocks its weights stack
    memory: bool  # whether its state is (h, c), like the LSTM's, or h alone
    about: str  # what it changes, in a few words


#: Every kind of :class:`CellLayer`, by name. The ablations are Greff et al.'s (lower case).
CELL_KINDS = {
    "peephole": CellKind(layout.LSTM, True, "the gates also read the cell state (Gers & Schmidhuber 2000)"),
    "cifg": CellKind(layout.COUPLED, True, "coupled input and forget gates, i = 1 - f"),
    **{name: CellKind(layout.LSTM, True, about) for name, about in ablations.VARIANTS.items() if name != "vanilla"},
    "clockwork": CellKind(layout.RNN, False, "blocks of units updated every 1, 2, 4, 8 steps (Koutník et al. 2014)"),
}

#: The clockwork RNN's periods, fastest block first.
PERIODS = (1, 2, 4, 8)


class CellLayer(nn.Module):
    """One recurrent layer of ``kind`` (a key of :data:`CELL_KINDS`), ``x (T, [B,] I) -> (h (T, [B,] H), state)``.

    ``state`` is ``(h0, c0)`` for the kinds with a cell state and ``h0`` otherwise, each
    ``(1, [B,] H)`` as ``torch.nn`` layers take them; ``None`` starts from zeros. The clockwork RNN
    counts time from 0 at every call.

    >>> gen = torch.manual_seed(0)
    >>> layer = CellLayer("nfg", 2, 3)
    >>> out, (h, c) = layer(torch.ones(5, 2))
    >>> out.shape, c.shape, [name for name, _ in layer.named_parameters()]
    (torch.Size([5, 3]), torch.Size([1, 3]), ['weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0'])
    """

    num_layers = 1

    def __init__(self, kind: str, input_size: int, hidden_size: int, *, periods: tuple[int, ...] = PERIODS):
        super().__init__()
        where = "CellLayer"
        self.kind = _checks.one_of(where, "kind", kind, CELL_KINDS)
        self.input_size = _checks.positive_int(where, "input_size", input_size)
        self.hidden_size = _checks.positive_int(where, "hidden_size", hidden_size)
        self.periods = tuple(periods)
        if kind == "clockwork" and hidden_size % len(self.periods):
            raise ValueError(
                f"{where}: a clockwork layer's {hidden_size} units cannot be cut into {len(self.periods)} equal blocks, "
                f"one per period of {self.periods}"
            )
        rows = len(CELL_KINDS[kind].gates) * hidden_size
        bound = 1 / math.sqrt(hidden_size)  # torch.nn's initialisation: U(-1/sqrt(H), 1/sqrt(H)) for every parameter
        shapes = {"weight_ih_l0": (rows, input_size), "weight_hh_l0": (rows, hidden_size), "bias_ih_l0": (rows,), "bias_hh_l0": (rows,)}
        if kind == "peephole":
            shapes["weight_ch_l0"] = (3, hidden_size)
        for name, shape in shapes.items():
            self.register_parameter(name, nn.Parameter(torch.empty(shape).uniform_(-bound, bound)))

    @property
    def memory(self) -> bool:
        """Whether the state is ``(h, c)``."""
        return CELL_KINDS[self.kind].memory

    def step(self, x: Tensor, state, t: int):
        """One step of the cell: ``(h, c)`` for the kinds with a cell state, ``h`` otherwise."""
        weights = (self.weight_ih_l0, self.weight_hh_l0, self.bias_ih_l0, self.bias_hh_l0)
        if self.kind == "clockwork":
            return clockwork.clockwork_rnn_cell(x, state, t, *weights, periods=self.periods)
        if self.kind == "peephole":
            found = peephole_lstm_cell(x, state, weights[0], weights[1], self.weight_ch_l0, *weights[2:])
        elif self.kind == "cifg":
            found = coupled_lstm_cell(x, state, *weights)
        else:
            found = ablations.lstm_variant_cell(x, state, *weights, variant=self.kind)
        return found.h, found.c

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
