"""One module per computing chapter: each runs its experiment, caches it, and returns dataclasses.

- :mod:`~lstm_explained.experiments.shapes`: the four shapes of sequence problem, each learned by an RNN;
- :mod:`~lstm_explained.experiments.hello`: the CS231n ``hello`` model, its scores, greedy against sampled writing;
- :mod:`~lstm_explained.experiments.vanishing`: the Jacobian chain of a tanh RNN, its decay per step measured and predicted;
- :mod:`~lstm_explained.experiments.cliff`: exploding gradients on one unit, and clipping by norm and by value;
- :mod:`~lstm_explained.experiments.highway`: the LSTM's cell state as a path for the gradient, at initialisation;
- :mod:`~lstm_explained.experiments.long_lag`: the adding problem and truncated BPTT, learned or not by many seeds;
- :mod:`~lstm_explained.experiments.variants`: every LSTM variant, the GRU, the clockwork RNN and two RNNs, 64 seeds each on four tasks;
- :mod:`~lstm_explained.experiments.variants_analyses`: what the arena's runs say, each contestant against the LSTM (paired where the seeds are) and the analyses of the trained models, apart from what is cached;
- :mod:`~lstm_explained.experiments.memory`: many seeds of RNN and LSTM on the toy memory tasks;
- :mod:`~lstm_explained.experiments.trained`: single trained toy models, and the first seed that remembers;
- :mod:`~lstm_explained.experiments.gates`: the lecture's reading of a trained LSTM's gates, measured;
- :mod:`~lstm_explained.experiments.analogy`: the soy-sauce stages, and the order of the third brew;
- :mod:`~lstm_explained.experiments.language_model`: the book's character LSTM, trained once and cached;
- :mod:`~lstm_explained.experiments.lm_baselines`: compressors and Kneser-Ney n-grams on the same split;
- :mod:`~lstm_explained.experiments.readable_cells`: the interpretable-cell study, end to end;
- :mod:`~lstm_explained.experiments.timing`: CPU against GPU, re-measured.
"""
