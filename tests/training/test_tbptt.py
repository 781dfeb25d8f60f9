"""Truncated backpropagation through time: the streams, the schedule, and what it refuses."""

import pytest

from lstm_explained.tasks import corpus
from lstm_explained.training import tbptt


def test_too_little_text_for_the_streams_is_refused():
    tiny = tbptt.CONFIGS["tiny"]
    small = corpus.split(20_000, max_train_chars=300)
    with pytest.raises(ValueError, match="too few for 8 streams of 51"):
        tbptt.train(tiny, small)


def test_the_schedule_warms_up_then_decays_to_zero():
    config = tbptt.Config(steps=100, warmup=10)
    factors = [tbptt._schedule(step, config) for step in range(100)]
    assert factors[0] == pytest.approx(0.1) and factors[9] == pytest.approx(1.0)
    assert all(a >= b for a, b in zip(factors[9:], factors[10:])) and factors[-1] < 0.01

