"""Where the book's computations run and where their results are kept.

- :mod:`~lstm_explained.runtime.devices`: CUDA when there is one, else the CPU, or what
  ``LSTM_EXPLAINED_DEVICE`` asks for;
- :mod:`~lstm_explained.runtime.cache`: expensive results on disk, keyed by everything that affects them;
- :mod:`~lstm_explained.runtime.parallel`: an experiment's settings, each cached on its own, the
  missing ones computed side by side on any executor (a process pool by default, a dask cluster);
- :mod:`~lstm_explained.runtime.timings`: how long each chapter's training took, kept beside the
  cache for the colophon.
"""
