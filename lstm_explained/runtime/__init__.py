"""Where the book's computations run and where their results are kept.

- :mod:`~lstm_explained.runtime.devices`: CUDA when there is one, else the CPU, or what
  ``LSTM_EXPLAINED_DEVICE`` asks for;
- :mod:`~lstm_explained.runtime.cache`: expensive results on disk, keyed by everything that affects them.
"""
