"""The models the book trains and the baselines it compares them with.

- :mod:`~lstm_explained.models.cell_layer`: a recurrent layer for the cells ``torch.nn`` does not have;
- :mod:`~lstm_explained.models.toy`: the lecture's toy model, one recurrent layer of any kind and a head;
- :mod:`~lstm_explained.models.shapes`: an RNN wired for each shape of sequence problem;
- :mod:`~lstm_explained.models.generation`: writing with a toy model, greedy or sampled, one-hot or soft feedback;
- :mod:`~lstm_explained.models.charlm`: the character-level LSTM language model, and how it is scored;
- :mod:`~lstm_explained.models.ngram`: character n-grams with interpolated Kneser-Ney smoothing;
- :mod:`~lstm_explained.models.compression`: the standard library's compressors as language models.
"""
