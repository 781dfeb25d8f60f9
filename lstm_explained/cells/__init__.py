r"""Recurrent cells written as their equations, one line of code under each line of math.

- :mod:`~lstm_explained.cells.layout`: how each cell's gates are stacked in its weights (the one
  owner of the gate order), and :func:`~lstm_explained.cells.layout.reorder` for other sources' orders;
- :mod:`~lstm_explained.cells.rnn`: the Elman RNN;
- :mod:`~lstm_explained.cells.lstm`: the LSTM, with peephole and coupled variants;
- :mod:`~lstm_explained.cells.ablations`: the LSTM with one gate or activation taken out (Greff et al.);
- :mod:`~lstm_explained.cells.gru`: the GRU;
- :mod:`~lstm_explained.cells.clockwork`: the clockwork RNN, blocks of units that tick at different rates;
- :mod:`~lstm_explained.cells.kinds`: one record per kind of cell (its equations, layout, parts, ``torch.nn``
  layer, packing and parameter count), the registry every model and trainer reads;
- :mod:`~lstm_explained.cells.notation`: how other sources write the same LSTM, and their weights
  brought into this layout.

Weights use PyTorch's layout: the blocks of every gate stacked in the rows of ``weight_ih``
``(gates * H, I)`` and ``weight_hh`` ``(gates * H, H)``, so the parameters of a ``torch.nn`` cell
or layer plug straight in. ``x`` is ``(I,)`` or ``(B, I)``; states are ``(H,)`` or ``(B, H)`` to
match, and ``None`` means zeros. Biases may be ``None``.
"""

from .ablations import LSTMParts, lstm_variant_cell
from .clockwork import clockwork_rnn_cell
from .gru import GRUStep, gru_cell
from .kinds import REGISTRY, CellKind, register, unregister
from .layout import GateLayout, reorder
from .lstm import LSTMStep, coupled_lstm_cell, lstm_cell, peephole_lstm_cell
from .rnn import rnn_cell

__all__ = [
    "REGISTRY", "CellKind", "GRUStep", "GateLayout", "LSTMParts", "LSTMStep", "clockwork_rnn_cell", "coupled_lstm_cell", "gru_cell",
    "lstm_cell", "lstm_variant_cell", "peephole_lstm_cell", "register", "reorder", "rnn_cell", "unregister",
]
