"""The vocabulary: round trips, one-hot rows, and errors that say where."""

import torch

from lstm_explained.tasks.vocab import Vocab


def test_encode_decode_round_trip():
    vocab = Vocab.of("abcdabcD")
    text = "abcdabcD" * 3
    assert vocab.decode(vocab.encode(text)) == text
    assert vocab.encode(text).dtype == torch.long


def test_one_hot_rows_pick_the_encoded_index():
    vocab = Vocab("AbcdA"[:4])
    hot = vocab.one_hot("dAb")
    assert hot.shape == (3, 4) and hot.dtype == torch.float32
    assert torch.equal(hot.argmax(1), vocab.encode("dAb"))
    assert torch.equal(hot.sum(1), torch.ones(3))

