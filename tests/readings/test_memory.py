"""The memory reading: a comparison of two kinds, in words that follow its verdict."""

import pytest

from lstm_explained.experiments import memory
from lstm_explained.readings import memory as memory_readings
from memory_cases import COMPARISONS


@pytest.mark.parametrize("a, b, verdict, words", COMPARISONS)
def test_the_comparison_sentence_follows_the_verdict(a, b, verdict, words):
    found = memory.compare(memory.MemoryRun.made_up(a), memory.MemoryRun.made_up(b))
    assert found.verdict == verdict
    sentence = memory_readings.comparison_sentence(found, "the LSTM", "the RNN")
    assert words in sentence and f"{found.difference:+.0%}" in sentence
    assert ("excludes zero" in sentence) == (verdict != "indistinguishable")


def test_the_sentence_names_both_sample_sizes_when_they_differ():
    found = memory.compare(memory.MemoryRun.made_up(30, seeds=50), memory.MemoryRun.made_up(20, seeds=40))
    sentence = memory_readings.comparison_sentence(found, "the LSTM", "the RNN")
    assert found.verdict == "indistinguishable" and "as far as 50 and 40 seeds can tell" in sentence
