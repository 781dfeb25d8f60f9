"""The hello tasks: the lecture's word and vocabulary, and the small word language with its exact entropy rate."""

import math
from collections import Counter

import pytest

from lstm_explained.tasks import hello


def test_the_lecture_vocabulary_and_word():
    assert hello.VOCAB.chars == "helo" and hello.HELLO == "hello"
    assert all(set(w) <= set(hello.VOCAB.chars) for w in hello.WORDS)


def test_a_stream_is_seeded_and_splits_back_into_its_words():
    stream = hello.word_stream(300, seed=3)
    assert stream == hello.word_stream(300, seed=3) != hello.word_stream(300, seed=4)
    words = hello.split_words(stream)
    assert len(words) == 300 and set(words) <= set(hello.WORDS) and "".join(words) == stream
    # every word drawn with equal chance: each count within 5 standard deviations of 75
    assert all(abs(n - 75) < 5 * math.sqrt(300 * 0.25 * 0.75) for n in Counter(words).values())


def test_the_entropy_rate_is_two_bits_per_word_over_the_mean_length():
    stream = hello.word_stream(20000, seed=0)
    measured = 20000 * math.log2(len(hello.WORDS)) / len(stream)
    assert hello.entropy_rate() == pytest.approx(measured, rel=0.01)
    assert hello.entropy_rate() == pytest.approx(2 / 4.25)


def test_a_piece_before_the_first_h_is_kept():
    assert hello.split_words("lohell") == ["lo", "hell"] and hello.split_words("") == []


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="word_stream: n_words must be a positive int"):
        hello.word_stream(0)
    with pytest.raises(TypeError, match="split_words: text must be a str"):
        hello.split_words(None)
