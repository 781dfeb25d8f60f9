"""The memory reading: a comparison of two kinds, in words that follow its verdict."""

import pytest
import torch

from lstm_explained.experiments import memory
from lstm_explained.readings import memory as memory_readings


def fake_run(solved: int, n: int = 100) -> memory.MemoryRun:
    flags = torch.zeros(1, n, dtype=torch.bool)
    flags[0, :solved] = True
    empty = torch.zeros(n, 1, 1)
    return memory.MemoryRun("lstm", "abcabC", "abcC", 3, 0, [3000], flags, empty, empty, torch.zeros(1, n), 0.0, "cpu")


@pytest.mark.parametrize("a, b, verdict, words", [
    (91, 25, "higher", "remembers more often than"),
    (25, 91, "lower", "remembers less often than"),
    (20, 25, "indistinguishable", "neither more nor less often than"),
    # the two Wilson intervals overlap, yet the interval for the difference excludes zero
    (56, 40, "higher", "remembers more often than"),
])
def test_the_comparison_sentence_follows_the_verdict(a, b, verdict, words):
    found = memory.compare(fake_run(a), fake_run(b))
    assert found.verdict == verdict
    sentence = memory_readings.comparison_sentence(found, "the LSTM", "the RNN")
    assert words in sentence and f"{found.difference:+.0%}" in sentence
    assert ("excludes zero" in sentence) == (verdict != "indistinguishable")
