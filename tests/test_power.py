"""What an unpaired comparison of two shares could have detected."""

from lstm_explained import stats
from lstm_explained.power import detectable_counts


def test_detectable_counts_are_the_edges_of_what_the_comparison_calls_different():
    confidence = 1 - 0.05 / 48
    for baseline in (0, 5, 32, 60, 64):
        fewest, most = detectable_counts(baseline, 64, 64, confidence)
        verdicts = [stats.compare_shares(k, 64, baseline, 64, confidence).verdict for k in range(65)]
        higher = [k for k, v in enumerate(verdicts) if v == "higher"]
        lower = [k for k, v in enumerate(verdicts) if v == "lower"]
        assert fewest == (min(higher) if higher else None) and most == (max(lower) if lower else None)
        # everything between the two edges is a count the test cannot tell from the baseline
        assert all(v == "indistinguishable" for k, v in enumerate(verdicts) if (most is None or k > most) and (fewest is None or k < fewest))
    assert detectable_counts(64, 64, 64)[0] is None and detectable_counts(0, 64, 64)[1] is None
