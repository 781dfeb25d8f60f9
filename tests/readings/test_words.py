"""The readings' shared English: a list never comes out empty or with a stray comma."""

import pytest

from lstm_explained.readings.words import listed, part_of


@pytest.mark.parametrize("n", range(1, 6))
def test_a_list_has_one_and_and_a_comma_between_the_others(n):
    names = [f"x{k}" for k in range(n)]
    text = listed(names)
    assert all(name in text for name in names)
    assert text.count(" and ") == (n > 1) and text.count(", ") == max(0, n - 2)
    assert not text.startswith((",", " ")) and not text.endswith((",", " and"))


def test_nothing_to_list_is_an_error():
    with pytest.raises(ValueError, match="nothing to list"):
        listed([])


@pytest.mark.parametrize("n", range(1, 6))
def test_part_of_counts_every_k_from_none_to_all(n):
    said = [part_of(k, n, "task") for k in range(n + 1)]
    assert said[0] == "no task" and len(set(said)) == n + 1
    assert said[-1] == {1: "the one task", 2: "both tasks"}.get(n, f"all {n} tasks")
    for k in range(1, n):
        assert said[k] == f"{k} of the {n} tasks"
    with pytest.raises(ValueError, match=f"between 0 and n = {n}, got {n + 1}"):
        part_of(n + 1, n, "task")
    with pytest.raises(ValueError, match="n must be at least 1"):
        part_of(0, 0, "task")


@pytest.mark.parametrize("shares", [[0.45, 0.3], [0.4521, 0.4523], [0.0, 0.0, 1.0], [0.12345, 0.12346], [0.5]])
def test_percents_print_two_different_shares_differently(shares):
    from lstm_explained.readings.words import percents

    printed = percents(shares)
    for a, pa in zip(shares, printed):
        for b, pb in zip(shares, printed):
            assert (pa == pb) == (a == b) or abs(a - b) < 5e-6  # beyond 3 decimals of a percent, they may print alike
            assert pa.endswith("%")


def test_figures_print_different_values_differently_and_equal_ones_alike():
    from lstm_explained.readings.words import figure, figures

    said = figures([0.12345, 0.12346, 0.3, 0.3])
    assert said == ["0.12345", "0.12346", "0.3", "0.3"]  # five digits separate the first two; the equal ones stay alike
    assert figures([0.1234561, 0.1234562])[0] == "0.123456"  # six digits at most: beyond that a tie may print
    assert figures([0.0123, 0.0124]) == [figure(0.0123), figure(0.0124)]  # no more digits than needed
    assert figures([2040.2, 17.0]) == ["2,040", "17"]
