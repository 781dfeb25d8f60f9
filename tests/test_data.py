"""The toy sequences and the vocabulary: round trips, shapes, and errors that say where."""

import pytest
import torch

from lstm_explained import data


@pytest.mark.parametrize("pattern", sorted(data.PATTERNS))
def test_sequences_repeat_their_pattern(pattern):
    text = data.sequence(pattern)
    assert len(text) == len(pattern) * data.PATTERNS[pattern]
    assert text == pattern * data.PATTERNS[pattern]


def test_encode_decode_round_trip():
    vocab = data.Vocab.of("abcdabcD")
    text = data.sequence("abcdabcD")
    assert vocab.decode(vocab.encode(text)) == text
    assert vocab.encode(text).dtype == torch.long


def test_one_hot_rows_pick_the_encoded_index():
    vocab = data.Vocab("AbcdA"[:4])
    hot = vocab.one_hot("dAb")
    assert hot.shape == (3, 4) and hot.dtype == torch.float32
    assert torch.equal(hot.argmax(1), vocab.encode("dAb"))
    assert torch.equal(hot.sum(1), torch.ones(3))


def test_next_char_task_shifts_by_one():
    x, y, vocab = data.next_char_task("abcabC")
    assert torch.equal(x.argmax(1), vocab.encode("abcab"))
    assert torch.equal(y, vocab.encode("bcabC"))


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: data.Vocab("ab").encode("abxa"), ValueError, r"character 'x' at position 2 is not in the vocabulary 'ab'"),
        (lambda: data.Vocab("ab").decode([0, 2]), ValueError, r"index 2 at position 1 is outside 0..1"),
        (lambda: data.Vocab("ab").decode([0, -1]), ValueError, r"index -1 at position 1"),
        (lambda: data.Vocab("ab").encode(["a"]), TypeError, r"text must be a str, got list"),
        (lambda: data.Vocab(""), ValueError, r"chars is empty"),
        (lambda: data.Vocab("aba"), ValueError, r"characters \['a'\] appear more than once"),
        (lambda: data.Vocab(["a", "bc"]), ValueError, r"entry 1 is 'bc', expected a single character"),
        (lambda: data.sequence("abc"), ValueError, r"unknown pattern 'abc'"),
        (lambda: data.sequence("abaB", 0), ValueError, r"repeats must be a positive int, got 0"),
        (lambda: data.next_char_task("a"), ValueError, r"at least 2 characters"),
    ],
)
def test_bad_input_names_the_problem(call, error, message):
    with pytest.raises(error, match=message):
        call()
