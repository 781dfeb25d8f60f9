"""Measurements on a trained model: what its cells follow, whether it uses them, where it wins.

- :mod:`~lstm_explained.analysis.one_unit`: one unit of one LSTM step taken apart, for a worked example;
- :mod:`~lstm_explained.analysis.reach`: which inputs the gradient of one step's loss reaches, with and
  without truncated backpropagation through time;
- :mod:`~lstm_explained.analysis.truncation`: how many targets of a lagged stream truncated
  backpropagation can teach, chunk by chunk;
- :mod:`~lstm_explained.analysis.probes`: code features of every character, and the cells (and
  linear probes) that follow them, chosen on one text and scored on another;
- :mod:`~lstm_explained.analysis.ablation`: a cell held at zero, and what that costs where;
- :mod:`~lstm_explained.analysis.saturation`: how often gates sit near 0 or 1;
- :mod:`~lstm_explained.analysis.lm_errors`: where one language model beats another, character by character;
- :mod:`~lstm_explained.analysis.word_floor`: what the small word language's own model pays on one text.
"""
