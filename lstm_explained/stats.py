"""The few statistics the pages report."""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

__all__ = ["ShareComparison", "compare_shares", "difference_interval", "rank_sum_test", "share", "wilson_interval"]


def wilson_interval(successes: int, trials: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a proportion ``successes / trials``.

    Unlike the normal approximation it stays inside [0, 1] and is sensible at 0 or ``trials``
    successes, which is where toy models often land.

    >>> low, high = wilson_interval(80, 100)
    >>> round(low, 4), round(high, 4)
    (0.7112, 0.8666)
    >>> wilson_interval(0, 100)[0]
    0.0
    """
    if not isinstance(trials, int) or trials < 1:
        raise ValueError(f"wilson_interval: trials must be a positive int, got {trials!r}")
    if not isinstance(successes, int) or not 0 <= successes <= trials:
        raise ValueError(f"wilson_interval: successes must be an int in 0..{trials}, got {successes!r}")
    if not 0 < confidence < 1:
        raise ValueError(f"wilson_interval: confidence must be in (0, 1), got {confidence!r}")
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    # at 0 or all successes the bound is exactly 0 or 1; rounding would leave it a hair inside
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return low, high


def difference_interval(successes_a: int, trials_a: int, successes_b: int, trials_b: int, confidence: float = 0.95) -> tuple[float, float, float]:
    """``(difference, low, high)``: the share of ``a`` minus the share of ``b``, with Newcombe's
    hybrid score interval (Newcombe 1998, method 10), built from the two Wilson intervals.

    Two 95% intervals that overlap do not mean that two shares do not differ at the 95% level;
    this interval for the difference itself is the comparison to make.

    >>> d, low, high = difference_interval(91, 100, 25, 100)
    >>> round(d, 2), round(low, 4), round(high, 4)
    (0.66, 0.5422, 0.7455)
    >>> difference_interval(56, 70, 48, 80)[1] > 0  # overlapping Wilson intervals, yet a difference
    True
    """
    share_a, share_b = successes_a / _checked(successes_a, trials_a), successes_b / _checked(successes_b, trials_b)
    low_a, high_a = wilson_interval(successes_a, trials_a, confidence)
    low_b, high_b = wilson_interval(successes_b, trials_b, confidence)
    d = share_a - share_b
    low = d - math.sqrt((share_a - low_a) ** 2 + (high_b - share_b) ** 2)
    high = d + math.sqrt((high_a - share_a) ** 2 + (share_b - low_b) ** 2)
    return d, max(-1.0, low), min(1.0, high)


def _checked(successes: int, trials: int) -> int:
    wilson_interval(successes, trials)  # the same checks, the same messages
    return trials


@dataclass(frozen=True)
class ShareComparison:
    """Two shares compared, as :func:`compare_shares` finds it: the share of ``a``
    (``successes_a / trials_a``) minus the share of ``b``, Newcombe's interval for that difference
    at ``confidence``, and the verdict the interval gives."""

    successes_a: int
    trials_a: int
    successes_b: int
    trials_b: int
    difference: float  # share of a minus share of b
    low: float  # the interval for the difference, at `confidence`
    high: float
    confidence: float
    verdict: str  # "higher" (the interval above 0), "lower" (below 0) or "indistinguishable" (it covers 0)


def compare_shares(successes_a: int, trials_a: int, successes_b: int, trials_b: int, confidence: float = 0.95) -> ShareComparison:
    """Whether the share of ``a`` is higher or lower than the share of ``b``, or indistinguishable
    from it: whether :func:`difference_interval` lies above 0, below 0, or covers it.

    >>> found = compare_shares(91, 100, 25, 100)
    >>> found.verdict, round(found.difference, 2), round(found.low, 4), round(found.high, 4)
    ('higher', 0.66, 0.5422, 0.7455)
    >>> compare_shares(20, 100, 25, 100)
    ShareComparison(successes_a=20, trials_a=100, successes_b=25, trials_b=100, difference=-0.0499..., low=-0.1644..., high=0.0659..., confidence=0.95, verdict='indistinguishable')
    """
    d, low, high = difference_interval(successes_a, trials_a, successes_b, trials_b, confidence)
    verdict = "higher" if low > 0 else "lower" if high < 0 else "indistinguishable"
    return ShareComparison(successes_a, trials_a, successes_b, trials_b, d, low, high, confidence, verdict)


def share(flags, confidence: float = 0.95) -> tuple[float, float, float]:
    """``(share, low, high)``: the fraction of true values in ``flags`` (a bool tensor or a
    sequence of bools) and its Wilson interval.

    >>> share([True] * 30 + [False] * 70)
    (0.3, 0.2189..., 0.3958...)
    """
    values = flags.flatten().tolist() if hasattr(flags, "flatten") else list(flags)
    if not values:
        raise ValueError("share: flags is empty; there is no share of nothing")
    k = sum(bool(v) for v in values)
    low, high = wilson_interval(k, len(values), confidence)
    return k / len(values), low, high


def rank_sum_test(a, b) -> tuple[float, float]:
    """``(p_greater, p_value)`` of the Wilcoxon-Mann-Whitney rank-sum test of two samples.

    ``p_greater`` is the chance that a value drawn from ``a`` exceeds one drawn from ``b`` (ties
    count half): 0.5 when neither tends to be larger. ``p_value`` is two-sided, from the normal
    approximation with the correction for ties, fine from about 8 values a side. It compares the
    whole samples without assuming a distribution, so a few extreme values do not decide it.

    >>> rank_sum_test([3, 4, 5, 6, 7, 8, 9, 10], [1, 2, 3, 4, 5, 6, 7, 8])
    (0.71875, 0.1397...)
    >>> rank_sum_test([1, 2], [])
    Traceback (most recent call last):
    ...
    ValueError: rank_sum_test: both samples need values, got 2 and 0
    """
    a, b = [float(v) for v in a], [float(v) for v in b]
    m, n = len(a), len(b)
    if not m or not n:
        raise ValueError(f"rank_sum_test: both samples need values, got {m} and {n}")
    if any(v != v for v in a + b):
        raise ValueError("rank_sum_test: the samples hold NaN, which has no rank")
    wins = sum((x > y) + 0.5 * (x == y) for x in a for y in b)
    # variance of the count of wins under the null, less for every group of tied values
    counts: dict[float, int] = {}
    for v in a + b:
        counts[v] = counts.get(v, 0) + 1
    total = m + n
    ties = sum(t**3 - t for t in counts.values())
    variance = m * n / 12 * (total + 1 - ties / (total * (total - 1))) if total > 1 else 0.0
    if variance <= 0:  # every value equal: nothing tells the samples apart
        return 0.5, 1.0
    z = (wins - m * n / 2) / math.sqrt(variance)
    return wins / (m * n), min(1.0, 2 * (1 - NormalDist().cdf(abs(z))))
