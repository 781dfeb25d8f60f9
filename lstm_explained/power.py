"""What a comparison of two shares could have detected: the power of the test, from the test itself.

A comparison that finds no difference says little until it says how large a difference it would
have found. :func:`detectable_counts` answers that for :func:`~lstm_explained.stats.compare_shares`
at a given baseline; for a paired design, :attr:`~lstm_explained.paired.PairedComparison.needed`.
"""

from __future__ import annotations

from .stats import compare_shares, wilson_interval

__all__ = ["detectable_counts"]


def detectable_counts(successes_b: int, trials_b: int, trials_a: int, confidence: float = 0.95) -> tuple[int | None, int | None]:
    """``(fewest, most)``: the fewest successes of ``a`` (out of ``trials_a``) that
    :func:`~lstm_explained.stats.compare_shares` would call higher than ``successes_b / trials_b``,
    and the most it would call lower; ``None`` where no count would.

    At 99.90% (95% shared by 48 comparisons) with 64 seeds a side, a baseline of 32 needs 50 or
    more, or 14 or fewer; a baseline of 60 can never be beaten:

    >>> detectable_counts(32, 64, 64, confidence=1 - 0.05 / 48)
    (50, 14)
    >>> detectable_counts(60, 64, 64, confidence=1 - 0.05 / 48)
    (None, 45)
    """
    wilson_interval(successes_b, trials_b)  # the same checks, the same messages
    wilson_interval(0, trials_a)
    # the verdict only moves one way as successes_a grows: the first count that registers is the edge
    verdict = lambda k: compare_shares(k, trials_a, successes_b, trials_b, confidence).verdict  # noqa: E731
    fewest = next((k for k in range(trials_a + 1) if verdict(k) == "higher"), None)
    most = next((k for k in range(trials_a, -1, -1) if verdict(k) == "lower"), None)
    return fewest, most
