"""Intervals for shares and for the difference of two shares, against published values."""

import pytest

from lstm_explained import stats


def test_difference_interval_reproduces_newcombe_1998():
    # Newcombe (1998), Statistics in Medicine 17:873-890, Table II, method 10: 56/70 - 48/80
    d, low, high = stats.difference_interval(56, 70, 48, 80)
    assert d == pytest.approx(0.2)
    assert (round(low, 4), round(high, 4)) == (0.0524, 0.3339)


def test_the_difference_interval_finds_what_overlapping_intervals_hide():
    a, b = stats.wilson_interval(56, 70), stats.wilson_interval(48, 80)
    assert a[0] < b[1]  # the two 95% intervals overlap ...
    assert stats.compare_shares(56, 70, 48, 80).verdict == "higher"  # ... yet the shares differ


@pytest.mark.parametrize("args, verdict", [((10, 100, 60, 100), "lower"), ((30, 64, 33, 64), "indistinguishable"), ((64, 64, 0, 64), "higher")])
def test_compare_shares(args, verdict):
    assert stats.compare_shares(*args).verdict == verdict


def test_a_comparison_keeps_its_counts_and_the_interval_it_was_judged_by():
    found = stats.compare_shares(56, 70, 48, 80, confidence=0.9)
    assert (found.successes_a, found.trials_a, found.successes_b, found.trials_b, found.confidence) == (56, 70, 48, 80, 0.9)
    assert (found.difference, found.low, found.high) == stats.difference_interval(56, 70, 48, 80, 0.9)
    with pytest.raises(AttributeError):
        found.verdict = "lower"  # frozen: a record, not a scratch pad


def test_difference_interval_is_antisymmetric_and_in_range():
    d, low, high = stats.difference_interval(7, 40, 30, 50)
    d2, low2, high2 = stats.difference_interval(30, 50, 7, 40)
    assert (d, low, high) == pytest.approx((-d2, -high2, -low2))
    assert -1 <= low < d < high <= 1


@pytest.mark.parametrize("args, message", [((5, 0, 1, 2), "trials must be a positive int"), ((3, 2, 1, 2), r"successes must be an int in 0..2")])
def test_difference_interval_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        stats.difference_interval(*args)


@pytest.mark.parametrize("k, n", [(0, 10), (5, 10), (10, 10), (1, 1000)])
def test_wilson_interval_contains_the_share_and_stays_in_0_1(k, n):
    low, high = stats.wilson_interval(k, n)
    assert 0 <= low <= k / n <= high <= 1


def test_wilson_interval_narrows_with_more_trials():
    narrow, wide = stats.wilson_interval(500, 1000), stats.wilson_interval(5, 10)
    assert narrow[1] - narrow[0] < wide[1] - wide[0]


@pytest.mark.parametrize("args, message", [((11, 10), "successes must be an int in 0..10"), ((1, 0), "trials must be a positive int"), ((1, 10, 1.0), r"confidence must be in \(0, 1\)")])
def test_wilson_interval_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        stats.wilson_interval(*args)



def _exact_two_sided_p(a, b):
    """The rank-sum test's p-value by enumerating every split of the pooled values (no approximation)."""
    import itertools

    pooled, m = a + b, len(a)
    wins = lambda xs, ys: sum((x > y) + 0.5 * (x == y) for x in xs for y in ys)  # noqa: E731
    observed = abs(wins(a, b) - m * len(b) / 2)
    splits = list(itertools.combinations(range(len(pooled)), m))
    extreme = 0
    for chosen in splits:
        xs = [pooled[k] for k in chosen]
        ys = [pooled[k] for k in range(len(pooled)) if k not in chosen]
        extreme += abs(wins(xs, ys) - m * len(ys) / 2) >= observed - 1e-12
    return extreme / len(splits)


@pytest.mark.parametrize(
    "a, b",
    [
        ([3.1, 4.2, 5.0, 6.3, 7.7, 8.1], [1.0, 2.2, 3.3, 4.0, 5.5, 0.5, 2.9]),
        ([1, 2, 2, 3, 5, 8, 8], [2, 3, 3, 4, 9, 10]),  # ties
    ],
)
def test_rank_sum_p_is_close_to_the_exact_permutation_p(a, b):
    p_greater, p = stats.rank_sum_test(a, b)
    assert abs(p - _exact_two_sided_p(a, b)) < 0.03
    assert p_greater == sum((x > y) + 0.5 * (x == y) for x in a for y in b) / (len(a) * len(b))


def test_rank_sum_is_symmetric_and_blind_to_monotone_transforms():
    a, b = [0.1, 0.5, 0.9, 1.3, 2.0, 2.2, 3.1, 3.3], [0.2, 0.3, 0.4, 0.6, 0.7, 1.0, 1.1, 1.2]
    pa, p = stats.rank_sum_test(a, b)
    pb, q = stats.rank_sum_test(b, a)
    assert pa == pytest.approx(1 - pb) and p == pytest.approx(q)
    assert stats.rank_sum_test([v**3 for v in a], [v**3 for v in b]) == pytest.approx((pa, p))
    assert stats.rank_sum_test([1.0] * 5, [1.0] * 6) == (0.5, 1.0)  # nothing to tell apart


@pytest.mark.parametrize("a, b, message", [([], [1.0], "both samples need values"), ([float("nan")], [1.0], "NaN")])
def test_rank_sum_bad_input(a, b, message):
    with pytest.raises(ValueError, match=message):
        stats.rank_sum_test(a, b)
