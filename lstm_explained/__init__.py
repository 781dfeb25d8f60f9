"""lstm_explained: recurrent networks written as their equations, checked against ``torch.nn``.

Modules, in the order data flows through them:

- :mod:`~lstm_explained.data`: the toy sequences and their vocabulary.
- :mod:`~lstm_explained.cells`: one function per cell (RNN, LSTM, GRU, peephole, coupled).
- :mod:`~lstm_explained.tracing`: :func:`trace` replays a ``torch.nn`` layer through the cells.
- :mod:`~lstm_explained.agreement`: the same computation three ways, and how far apart they are.
- :mod:`~lstm_explained.devices`: which device to run on.
- :mod:`~lstm_explained.plotting`: the figure helpers the pages share.
"""

from . import agreement, cells, data, devices, plotting, tracing
from .tracing import trace

__all__ = ["agreement", "cells", "data", "devices", "plotting", "trace", "tracing"]
__version__ = "0.1.0"
