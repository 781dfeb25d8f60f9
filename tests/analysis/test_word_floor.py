"""The word language's own cost on one text: exact on a hand count, the entropy rate on average."""

import math

import pytest

from lstm_explained.analysis.word_floor import exact_bits
from lstm_explained.tasks.hello import WORDS, entropy_rate, word_stream


def test_a_hand_count_of_two_words():
    # h->e 3/4, e->l 2/3, l->l 1, l->o 1/2, o->h 1; h->o 1/4, o->l 1, l->e 1: 4 bits over 8 predictions
    assert exact_bits("hellohole") == pytest.approx(0.5)
    # 'hell' then a new word: the complete word leaves the 'h' as likely as hello's 'o'
    # then h->e 3/4, e->e 1/3, e->l 1: seven predictions in all
    assert exact_bits("hellheel") == pytest.approx((math.log2(4 / 3) + math.log2(3 / 2) + 0 + 1 + math.log2(4 / 3) + math.log2(3) + 0) / 7)


def test_texts_scatter_around_the_entropy_rate_and_meet_it_on_average():
    costs = [exact_bits(word_stream(200, seed)) for seed in range(20)]
    assert min(costs) < entropy_rate() < max(costs)  # one text of 200 words can cost less than the average
    assert exact_bits(word_stream(20000, seed=3)) == pytest.approx(entropy_rate(), abs=0.002)


def test_a_text_outside_the_language_is_named():
    with pytest.raises(ValueError, match="not a stream of the words"):
        exact_bits("hellx")
    with pytest.raises(ValueError, match="start a word with 'h'"):
        exact_bits("ello")
    assert len(WORDS) == 4
