"""The count of targets truncation can teach agrees with autograd, chunk by chunk."""

import pytest

from lstm_explained.analysis.truncation import taught
from lstm_explained.exercises import gradients as gradients_ex


@pytest.mark.parametrize("chunk", [4, 5, 6, 8, 20, 40])
def test_the_count_is_what_autograd_finds_on_an_lstm(chunk):
    found = gradients_ex.truncated_reach(chunk, lag=5, length=40)
    assert taught(40, 5, chunk) == (found.reached, found.targets)


def test_after_the_first_chunk_each_chunk_teaches_k_minus_lag():
    # two chunks of 10 with a lag of 3: the first teaches its 7 targets, the second 7 of its 10
    assert taught(20, 3, 10) == (14, 17)
    with pytest.raises(ValueError, match="lag"):
        taught(10, 10, 4)


def test_no_chunk_is_one_chunk_of_the_whole_stream():
    assert taught(40, 5) == taught(40, 5, 40) == (35, 35)
