"""How the models are trained.

- :mod:`~lstm_explained.training.one_by_one`: the lecture's loop, one model after another: the reference;
- :mod:`~lstm_explained.training.packed`: many toy models at once as one wide network, exactly as
  the reference would train them, built from :mod:`~lstm_explained.training.packing` (one packing
  per kind of cell), :mod:`~lstm_explained.training.kernels` (two hand-written autograd functions)
  and :mod:`~lstm_explained.training.gated_kernel` (the LSTM family's recurrence, written out by hand);
- :mod:`~lstm_explained.training.long_lag`: many models at once on batches of long-lag sequences, with
  per-model clipping and truncated BPTT, exactly as each would train alone;
- :mod:`~lstm_explained.training.init`: initialisation choices, such as the LSTM's forget-gate bias;
- :mod:`~lstm_explained.training.tbptt`: the character model, by truncated backpropagation through time.
"""
