"""The reading of the long-memory experiment (:mod:`~lstm_explained.experiments.memory`): how often
one kind remembers compared with another, in words."""

from __future__ import annotations

from ..experiments.memory import Comparison

__all__ = ["comparison_sentence"]


def comparison_sentence(comparison: Comparison, a: str, b: str) -> str:
    """The comparison in words: how often ``a`` remembers compared with ``b``.

    >>> comparison_sentence(Comparison(0.3, 0.2, 0.4, "higher", 100), "the LSTM", "the RNN")
    'the LSTM remembers more often than the RNN (the difference is +30%, 95% interval +20% to +40%, which excludes zero)'
    """
    d, low, high = comparison.difference, comparison.low, comparison.high
    interval = f"the difference is {d:+.0%}, 95% interval {low:+.0%} to {high:+.0%}"
    return {
        "higher": f"{a} remembers more often than {b} ({interval}, which excludes zero)",
        "lower": f"{a} remembers less often than {b} ({interval}, which excludes zero)",
        "indistinguishable": f"{a} remembers neither more nor less often than {b}, as far as {comparison.n} seeds can tell "
        f"({interval}, which includes zero)",
    }[comparison.verdict]
