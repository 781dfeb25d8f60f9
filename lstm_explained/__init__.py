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
- :mod:`~lstm_explained.corpus`: Python's standard library as text, split into training and
  held-out modules; :mod:`~lstm_explained.code_features`: what ``tokenize`` says each character is.
- :mod:`~lstm_explained.charlm`: a character LSTM trained on it, scored with and without dynamic
  evaluation; :mod:`~lstm_explained.compression` and :mod:`~lstm_explained.ngram` (Kneser-Ney):
  the baselines, gathered by :mod:`~lstm_explained.lm_baselines`.
- :mod:`~lstm_explained.probes`: cells that track features of code, chosen on one text and scored
  on another, and switched off to see if the model uses them; :mod:`~lstm_explained.lm_errors`:
  where the LSTM beats the n-gram; :mod:`~lstm_explained.readable_cells`: all of it for the chapter.
- :mod:`~lstm_explained.devices`, :mod:`~lstm_explained.cache`, :mod:`~lstm_explained.stats`,
  :mod:`~lstm_explained.tables`, :mod:`~lstm_explained.plotting`: the device, the result cache,
  intervals (and the comparison of two shares), tables and figures the pages share.
"""

from . import (
    agreement, analogy, cache, cells, charlm, code_features, compression, corpus, data, devices, ensemble, lm_baselines,
    lm_errors, memory, ngram, plotting, probes, readable_cells, stats, tables, timing, tracing, trained,
)
from .tracing import trace

__all__ = [
    "agreement", "analogy", "cache", "cells", "charlm", "code_features", "compression", "corpus", "data", "devices",
    "ensemble", "lm_baselines", "lm_errors", "memory", "ngram", "plotting", "probes", "readable_cells", "stats",
    "tables", "timing", "trace", "tracing", "trained",
]
__version__ = "0.1.0"
