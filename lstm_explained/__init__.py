"""lstm_explained: recurrent networks written as their equations, checked against ``torch.nn``.

The package in layers, in the order data flows through it. A module imports only from its own
layer and the layers above it in this list (``tests/test_layout.py`` reads the layers from this
list and checks every import):

- :mod:`~lstm_explained.runtime`, :mod:`~lstm_explained.stats`, :mod:`~lstm_explained.paired`,
  :mod:`~lstm_explained.power` and ``_checks``: what every layer uses: the device, the result cache
  and the parallel map over settings; intervals and tests for shares, for shares measured on the
  same pairs, and the smallest difference a test could have seen; the one style of input checks.
- :mod:`~lstm_explained.cells`: one function per cell (RNN, LSTM, GRU, peephole, coupled, the
  ablations of Greff et al., clockwork), each line of code under its line of math;
  :mod:`~lstm_explained.cells.layout` owns every cell's gate order, and
  :mod:`~lstm_explained.cells.kinds` holds one record per cell kind, from which the layers, the
  packings and the arena's contestants derive.
- :mod:`~lstm_explained.tracing`: :func:`trace` replays a ``torch.nn`` layer through the cells and
  keeps every intermediate; :mod:`~lstm_explained.agreement`: the same computation three ways, and
  how far apart they are; :mod:`~lstm_explained.gradients`: how large the gradient is at every
  step back in time, and one step of backpropagation through the LSTM written by hand;
  :mod:`~lstm_explained.tasks`: what the models read: the lecture's toy sequences and the test of
  memory, CS231n's ``hello`` and the four shapes of sequence problem, long-lag tasks and the
  trained tasks as objects that own their data, loss, budget and test, the embedded Reber
  grammar, the standard-library corpus, and what ``tokenize`` says each character of code is.
- :mod:`~lstm_explained.models`: the toy model for any cell kind (and writing text with it), an
  RNN for each shape of problem, the character language model, and the baselines no one here
  wrote (Kneser-Ney n-grams, compressors).
- :mod:`~lstm_explained.training`: the lecture's reference loop, the packed many-models-at-once
  trainer (one packing per kind) for toy sequences and for batches of long-lag tasks, and truncated
  backpropagation through time.
- :mod:`~lstm_explained.analysis`: measurements on a trained model: one unit of one step, how far a gradient reaches,
  probes, ablation, gate saturation, where one language model beats another.
- :mod:`~lstm_explained.experiments`: one module per computing chapter, each returning cached
  dataclasses and no sentences: shapes, hello, vanishing, cliff, highway, long_lag, variants,
  memory, trained, gates, analogy, language_model, lm_baselines, readable_cells, timing.
- :mod:`~lstm_explained.exercises`: what the chapters' exercises ask a reader to predict, computed
  with the cells and the experiments' small pieces (never their cached runs); the solutions print
  these numbers, and the tests check what the solutions say.
- :mod:`~lstm_explained.readings`: the sentences the pages print, chosen by the experiments'
  numbers; nothing that is cached imports them, so editing one retrains nothing.
- :mod:`~lstm_explained.viz`: figures, tables and coloured HTML, on one colour scale.
"""

from . import agreement, cells, stats, tracing
from .tracing import trace

__all__ = ["agreement", "cells", "stats", "trace", "tracing"]
__version__ = "0.1.0"
