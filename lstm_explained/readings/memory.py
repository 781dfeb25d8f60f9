"""The reading of the long-memory experiment (:mod:`~lstm_explained.experiments.memory`): how often
one kind remembers compared with another, in words."""

from __future__ import annotations

from ..stats import ShareComparison

__all__ = ["comparison_sentence"]


def comparison_sentence(comparison: ShareComparison, a: str, b: str) -> str:
    """The comparison (:func:`lstm_explained.experiments.memory.compare`) in words: how often ``a``
    remembers compared with ``b``.

    >>> from lstm_explained.experiments.memory import MemoryRun, compare
    >>> comparison_sentence(compare(MemoryRun.made_up(60), MemoryRun.made_up(30)), "the LSTM", "the RNN")
    'the LSTM remembers more often than the RNN (the difference is +30%, 95% interval +16% to +42%, which excludes zero)'
    >>> comparison_sentence(compare(MemoryRun.made_up(20), MemoryRun.made_up(25)), "the LSTM", "the RNN")
    'the LSTM remembers neither more nor less often than the RNN, as far as 100 seeds can tell (the difference is -5%, 95% interval -16% to +7%, which includes zero)'
    """
    d, low, high = comparison.difference, comparison.low, comparison.high
    interval = f"the difference is {d:+.0%}, {comparison.confidence:.0%} interval {low:+.0%} to {high:+.0%}"
    seeds = comparison.trials_a if comparison.trials_a == comparison.trials_b else f"{comparison.trials_a} and {comparison.trials_b}"
    return {
        "higher": f"{a} remembers more often than {b} ({interval}, which excludes zero)",
        "lower": f"{a} remembers less often than {b} ({interval}, which excludes zero)",
        "indistinguishable": f"{a} remembers neither more nor less often than {b}, as far as {seeds} seeds can tell "
        f"({interval}, which includes zero)",
    }[comparison.verdict]
