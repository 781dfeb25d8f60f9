"""Two shares measured on the same pairs: McNemar's exact test and Newcombe's paired interval.

Where two variants train from the same seed's same initial weights on the same batches, seed
``k`` of one and seed ``k`` of the other are a pair, and the seeds on which both succeed or both
fail say nothing about which is better. :func:`compare_paired` reads the seeds on which they
disagree, as a paired design needs; :func:`~lstm_explained.stats.compare_shares` would treat the
two as independent samples.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .stats import wilson_interval

__all__ = ["PairedComparison", "compare_paired", "mcnemar_exact", "paired_difference_interval"]


def mcnemar_exact(a_only: int, b_only: int) -> float:
    """Two-sided p-value of McNemar's exact test: of the pairs on which ``a`` and ``b`` disagree,
    ``a_only`` went ``a``'s way and ``b_only`` ``b``'s; with no difference each way is a fair coin
    (the binomial sign test on the disagreements).

    >>> round(mcnemar_exact(12, 3), 4), mcnemar_exact(0, 0), mcnemar_exact(5, 5)
    (0.0352, 1.0, 1.0)
    """
    for name, value in (("a_only", a_only), ("b_only", b_only)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"mcnemar_exact: {name} must be a non-negative int, got {value!r}")
    n, k = a_only + b_only, min(a_only, b_only)
    tail = sum(math.comb(n, i) for i in range(k + 1)) / 2**n
    return min(1.0, 2 * tail)


def paired_difference_interval(both: int, a_only: int, b_only: int, neither: int, confidence: float = 0.95) -> tuple[float, float, float]:
    """``(difference, low, high)`` for the share of ``a`` minus the share of ``b`` measured on the
    same pairs: Newcombe's score interval for paired data (Newcombe 1998, *Statistics in Medicine*
    17, 2635, method 10), the two Wilson intervals combined with the pairs' correlation.

    >>> d, low, high = paired_difference_interval(20, 12, 3, 29)
    >>> round(d, 4), round(low, 4), round(high, 4)
    (0.1406, 0.0225, 0.2515)
    >>> paired_difference_interval(32, 0, 0, 32)  # every pair agrees: narrower than for two independent samples
    (0.0, -0.0297..., 0.0297...)
    """
    cells = (both, a_only, b_only, neither)
    if any(not isinstance(v, int) or isinstance(v, bool) or v < 0 for v in cells) or not sum(cells):
        raise ValueError(f"paired_difference_interval: the four counts must be non-negative ints, not all zero, got {cells!r}")
    n = sum(cells)
    p_a, p_b = (both + a_only) / n, (both + b_only) / n
    low_a, high_a = wilson_interval(both + a_only, n, confidence)
    low_b, high_b = wilson_interval(both + b_only, n, confidence)
    margins = (both + a_only) * (b_only + neither) * (both + b_only) * (a_only + neither)
    phi = 0.0
    if margins:
        # the pairs' correlation, shrunk towards 0 by half a pair as Newcombe does
        cross = both * neither - a_only * b_only
        phi = (cross - n / 2 if cross > n / 2 else min(cross, 0)) / math.sqrt(margins)
    d = p_a - p_b
    low = d - math.sqrt(max(0.0, (p_a - low_a) ** 2 - 2 * phi * (p_a - low_a) * (high_b - p_b) + (high_b - p_b) ** 2))
    high = d + math.sqrt(max(0.0, (high_a - p_a) ** 2 - 2 * phi * (high_a - p_a) * (p_b - low_b) + (p_b - low_b) ** 2))
    return d, max(-1.0, low), min(1.0, high)


@dataclass(frozen=True)
class PairedComparison:
    """Two shares measured on the same pairs, as :func:`compare_paired` finds it. The verdict is
    McNemar's exact test at ``confidence``; ``low`` and ``high`` are Newcombe's paired interval
    for the size of the difference."""

    both: int  # pairs on which both succeeded
    a_only: int  # pairs on which a succeeded and b did not
    b_only: int
    neither: int
    difference: float  # share of a minus share of b
    low: float
    high: float
    p_value: float  # McNemar's exact test, two-sided
    confidence: float
    verdict: str  # "higher", "lower" or "indistinguishable", from p_value < 1 - confidence

    @property
    def pairs(self) -> int:
        return self.both + self.a_only + self.b_only + self.neither

    @property
    def needed(self) -> int | None:
        """The smallest gap ``|a_only - b_only|`` the test would have called a difference with this
        many disagreeing pairs; ``None`` where no split of them would be enough.

        >>> compare_paired([True] * 9 + [False] * 3, [False] * 9 + [True] * 3).needed  # 12 disagree: 10 to 2 registers, 9 to 3 does not
        8
        >>> compare_paired([True, False], [False, True]).needed is None
        True
        """
        disagree = self.a_only + self.b_only
        for gap in range(disagree % 2, disagree + 1, 2):
            if mcnemar_exact((disagree + gap) // 2, (disagree - gap) // 2) < 1 - self.confidence:
                return gap
        return None


def compare_paired(a, b, confidence: float = 0.95) -> PairedComparison:
    """Whether ``a`` succeeds more or less often than ``b`` on the same pairs: ``a[k]`` and
    ``b[k]`` are the outcomes (bools, or a bool tensor) of pair ``k``.

    >>> found = compare_paired([True] * 32 + [False] * 32, [True] * 20 + [False] * 12 + [True] * 3 + [False] * 29)
    >>> found.both, found.a_only, found.b_only, found.neither, round(found.p_value, 4), found.verdict
    (20, 12, 3, 29, 0.0352, 'higher')
    >>> compare_paired([True], [True, False])
    Traceback (most recent call last):
    ...
    ValueError: compare_paired: a and b must hold one outcome per pair, got 1 and 2
    """
    a = [bool(v) for v in (a.flatten().tolist() if hasattr(a, "flatten") else a)]
    b = [bool(v) for v in (b.flatten().tolist() if hasattr(b, "flatten") else b)]
    if len(a) != len(b) or not a:
        raise ValueError(f"compare_paired: a and b must hold one outcome per pair, got {len(a)} and {len(b)}")
    if not 0 < confidence < 1:
        raise ValueError(f"compare_paired: confidence must be in (0, 1), got {confidence!r}")
    both = sum(x and y for x, y in zip(a, b))
    a_only = sum(x and not y for x, y in zip(a, b))
    b_only = sum(y and not x for x, y in zip(a, b))
    neither = len(a) - both - a_only - b_only
    d, low, high = paired_difference_interval(both, a_only, b_only, neither, confidence)
    p = mcnemar_exact(a_only, b_only)
    verdict = "indistinguishable" if p >= 1 - confidence else "higher" if a_only > b_only else "lower"
    return PairedComparison(both, a_only, b_only, neither, d, low, high, p, confidence, verdict)
