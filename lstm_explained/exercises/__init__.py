"""What the chapters' exercises ask the reader to predict, computed: the build glues these numbers
into the solutions, and the tests fail when a solution stops being true.

- :mod:`~lstm_explained.exercises.lstm_cell`: the LSTM cell chapter's exercises.
- :mod:`~lstm_explained.exercises.gru_cell`: the GRU chapter's exercises.
"""
