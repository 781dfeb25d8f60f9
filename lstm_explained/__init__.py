"""lstm_explained: recurrent networks written as their equations, checked against ``torch.nn``.

Modules, in the order data flows through them:

- :mod:`~lstm_explained.data`: the toy sequences and their vocabulary.
- :mod:`~lstm_explained.cells`: one function per cell (RNN, LSTM, GRU, peephole, coupled).
- :mod:`~lstm_explained.tracing`: :func:`trace` replays a ``torch.nn`` layer through the cells.
- :mod:`~lstm_explained.agreement`: the same computation three ways, and how far apart they are.
- :mod:`~lstm_explained.ensemble`: many small models trained at once as one wide network.
- :mod:`~lstm_explained.memory`: the long-memory experiment over many seeds.
- :mod:`~lstm_explained.analogy`: the soy-sauce stages.
- :mod:`~lstm_explained.timing`: CPU against GPU.
- :mod:`~lstm_explained.corpus`, :mod:`~lstm_explained.charlm`, :mod:`~lstm_explained.probes`:
  a character LSTM on Python's standard library, and the cells in it that can be read.
- :mod:`~lstm_explained.devices`, :mod:`~lstm_explained.cache`, :mod:`~lstm_explained.stats`,
  :mod:`~lstm_explained.tables`, :mod:`~lstm_explained.plotting`: the device, the result cache,
  intervals, tables and figures the pages share.
"""

from . import (
    agreement, analogy, cache, cells, charlm, corpus, data, devices, ensemble, memory, plotting, probes, stats, tables,
    timing, tracing, trained,
)
from .tracing import trace

__all__ = [
    "agreement", "analogy", "cache", "cells", "charlm", "corpus", "data", "devices", "ensemble", "memory",
    "plotting", "probes", "stats", "tables", "timing", "trace", "tracing", "trained",
]
__version__ = "0.1.0"
