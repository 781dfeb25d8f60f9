"""The sentences the pages print, chosen by the numbers the experiments computed.

A reading takes an experiment's record and returns prose. Readings live here, apart from what is
cached: no module that calls :func:`lstm_explained.runtime.cache.cached` imports this package, so
editing a sentence re-runs only the page that prints it and never retrains a model. This
``__init__`` imports none of its modules, so a page depends only on the readings it uses.

- :mod:`~lstm_explained.readings.shapes`, :mod:`~lstm_explained.readings.hello` and
  :mod:`~lstm_explained.readings.reach`: the recurrent-network chapter.
- :mod:`~lstm_explained.readings.lstm_cell`: the LSTM chapter's worked example.
- :mod:`~lstm_explained.readings.notation`: the notation chapter's two GRU reset placements.
- :mod:`~lstm_explained.readings.memory`: the memory chapter's comparisons.
- :mod:`~lstm_explained.readings.vanishing`, :mod:`~lstm_explained.readings.cliff`,
  :mod:`~lstm_explained.readings.highway` and :mod:`~lstm_explained.readings.long_lag`: the
  gradient chapter.
- :mod:`~lstm_explained.readings.variants`: the variants arena.
- :mod:`~lstm_explained.readings.gates` and :mod:`~lstm_explained.readings.analogy`: the gates and
  soy-sauce chapters.
- :mod:`~lstm_explained.readings.language_model`, :mod:`~lstm_explained.readings.lm_baselines`,
  :mod:`~lstm_explained.readings.lm_errors` and :mod:`~lstm_explained.readings.readable_cells`: the
  interpretable-cell chapter.
- :mod:`~lstm_explained.readings.colophon`: the colophon's total of training time.
- :mod:`~lstm_explained.readings.words`: the English they share, such as a list of names.
"""
