"""Two shares on the same pairs: McNemar's exact test and Newcombe's paired interval."""

import pytest

from lstm_explained import stats
from lstm_explained.paired import compare_paired, mcnemar_exact, paired_difference_interval


def test_mcnemar_exact_is_the_sign_test_on_the_disagreements():
    import math

    for a_only, b_only in [(0, 0), (3, 0), (12, 3), (3, 12), (7, 7), (20, 1)]:
        n = a_only + b_only
        observed = math.comb(n, a_only)
        # two-sided: every split at least as unlikely as the one observed
        brute = sum(math.comb(n, k) for k in range(n + 1) if math.comb(n, k) <= observed) / 2**n if n else 1.0
        assert abs(mcnemar_exact(a_only, b_only) - min(1.0, brute)) < 1e-12
        assert mcnemar_exact(a_only, b_only) == mcnemar_exact(b_only, a_only)
    with pytest.raises(ValueError, match="a_only must be a non-negative int"):
        mcnemar_exact(-1, 2)


def test_a_paired_comparison_counts_the_pairs_and_needs_the_gap_it_reports():
    a = [True] * 20 + [True] * 12 + [False] * 3 + [False] * 29
    b = [True] * 20 + [False] * 12 + [True] * 3 + [False] * 29
    found = compare_paired(a, b)
    assert (found.both, found.a_only, found.b_only, found.neither, found.pairs) == (20, 12, 3, 29, 64)
    assert found.verdict == "higher" and found.low < found.difference < found.high
    assert compare_paired(b, a).verdict == "lower"
    # the gap it needs is the smallest split of the 15 disagreements the test calls a difference
    gap = found.needed
    assert mcnemar_exact((15 + gap) // 2, (15 - gap) // 2) < 0.05 <= mcnemar_exact((15 + gap - 2) // 2, (15 - gap + 2) // 2)
    # the same outcomes on every pair: nothing to tell apart
    same = compare_paired(a, a)
    assert same.verdict == "indistinguishable" and same.p_value == 1.0 and same.difference == 0


def test_pairing_narrows_the_interval_when_the_pairs_agree():
    paired = paired_difference_interval(40, 4, 0, 20)
    unpaired = stats.difference_interval(44, 64, 40, 64)
    assert paired[0] == unpaired[0]
    assert paired[2] - paired[1] < unpaired[2] - unpaired[1]
    with pytest.raises(ValueError, match="non-negative ints, not all zero"):
        paired_difference_interval(0, 0, 0, 0)
