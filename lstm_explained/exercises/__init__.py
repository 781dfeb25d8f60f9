"""What the chapters' exercises ask the reader to predict, computed: the build glues these numbers
into the solutions, and the tests fail when a solution stops being true.

- :mod:`~lstm_explained.exercises.lstm_cell`: the LSTM cell chapter's exercises.
- :mod:`~lstm_explained.exercises.gru_cell`: the GRU chapter's exercises.
- :mod:`~lstm_explained.exercises.rnn`: the recurrent-network chapter's exercises.
- :mod:`~lstm_explained.exercises.notation`: the notation chapter's exercises.
- :mod:`~lstm_explained.exercises.memory`: the memory chapter's exercises.
- :mod:`~lstm_explained.exercises.gradients`: the gradient chapter's exercises.
- :mod:`~lstm_explained.exercises.variants`: the variants chapter's exercises.
- :mod:`~lstm_explained.exercises.gates`: the gates chapter's exercises.
- :mod:`~lstm_explained.exercises.soy_sauce`: the soy-sauce chapter's exercises.
- :mod:`~lstm_explained.exercises.interpretable`: the interpretable-cell chapter's exercises.
"""
