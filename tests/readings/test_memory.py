"""The memory reading: a comparison of two kinds, in words that follow its verdict."""

import pytest

from lstm_explained.experiments import memory
from lstm_explained.readings import memory as memory_readings
from memory_cases import COMPARISONS


@pytest.mark.parametrize("a, b, verdict, words", COMPARISONS)
def test_the_comparison_sentence_follows_the_verdict(a, b, verdict, words):
    found = memory.compare(memory.MemoryRun.made_up(a), memory.MemoryRun.made_up(b))
    assert found.verdict == verdict
    sentence = memory_readings.comparison_sentence(found, "the LSTM", "the RNN")
    points = f"{100 * found.difference:+.0f}".replace("-", "−")
    assert words in sentence and f"{points} percentage points" in sentence  # points, not percent: 86% - 20% is 66 points
    assert ("excludes zero" in sentence) == (verdict != "indistinguishable")


def test_the_sentence_names_both_sample_sizes_when_they_differ():
    found = memory.compare(memory.MemoryRun.made_up(30, seeds=50), memory.MemoryRun.made_up(20, seeds=40))
    sentence = memory_readings.comparison_sentence(found, "the LSTM", "the RNN")
    assert found.verdict == "indistinguishable" and "Against the RNN's 20 of 40" in sentence
    # the counts it names are the test's own edges, of the LSTM's 50 seeds
    from lstm_explained.power import detectable_counts

    fewest, most = detectable_counts(20, 40, 50)
    assert f"only a count for the LSTM of {fewest} or more, or {most} or fewer, would have registered." in sentence
    # no reading of an absence: nothing found is not "the same"
    assert "neither" not in sentence and "same" not in sentence


@pytest.mark.parametrize("a, b, verdict, words", COMPARISONS)
def test_the_comparison_is_whole_sentences(a, b, verdict, words):
    """Each sentence starts with a capital and ends with one period, so a page glues it whole."""
    found = memory.compare(memory.MemoryRun.made_up(a), memory.MemoryRun.made_up(b))
    for sentence in (memory_readings.comparison_sentence(found, "the LSTM", "the RNN"),
                     memory_readings.comparison_summary(found, "the LSTM", "the RNN")):
        assert sentence[0].isupper() and sentence.endswith(".") and not sentence.endswith("..")


@pytest.mark.parametrize("a, b, verdict", [(91, 25, "more often"), (25, 91, "less often"), (20, 25, "cannot tell")])
def test_the_summary_names_the_verdict_and_both_counts(a, b, verdict):
    found = memory.compare(memory.MemoryRun.made_up(a), memory.MemoryRun.made_up(b))
    summary = memory_readings.comparison_summary(found, "the LSTM", "the RNN")
    assert verdict in summary and f"({a} against {b} of 100 seeds)" in summary


def test_a_corrected_confidence_keeps_its_decimals():
    from lstm_explained.readings.words import confidence_text

    assert (confidence_text(0.95), confidence_text(0.999), confidence_text(0.9990384615)) == ("95%", "99.9%", "99.9%")


def test_the_hidden_reading_covers_both_neither_and_one_task():
    tasks = ["abcabC", "abcdabcD"]
    assert memory_readings.hidden_reading(tasks, tasks).endswith("holds in these runs.")
    assert memory_readings.hidden_reading([], tasks).startswith("On neither task do the RNNs")
    assert "does not hold" in memory_readings.hidden_reading([], tasks)
    one = memory_readings.hidden_reading(["abcdabcD"], tasks)
    assert one.startswith("Only on abcdabcD do the RNNs") and "only in part" in one
    import pytest

    with pytest.raises(ValueError, match="must be among"):
        memory_readings.hidden_reading(["stream"], tasks)


def test_the_hidden_summary_sets_each_rnn_share_beside_the_lstm_share_without_false_ties():
    text = memory_readings.hidden_summary({"abcabC": (0.0104, 0.0096), "abcdabcD": (0.5, 0.5)})
    # 1.04% and 0.96% both round to 1%: the summary prints a decimal rather than a tie that is not one
    assert text == ("Beyond ±0.99 lie 1.04% of the RNNs' hidden values against 0.96% of the LSTMs' on abcabC "
                    "and 50.00% against 50.00% on abcdabcD.")
    assert memory_readings.hidden_summary({"stream": (1.0, 0.0)}, line=0.95) == (
        "Beyond ±0.95 lie 100% of the RNNs' hidden values against 0% of the LSTMs' on stream.")
    import pytest

    with pytest.raises(ValueError, match="no tasks"):
        memory_readings.hidden_summary({})


def test_an_interval_that_excludes_zero_never_prints_an_end_of_zero_and_one_point_is_singular():
    from lstm_explained.experiments.memory import MemoryRun, compare

    near = memory_readings.comparison_sentence(compare(MemoryRun.made_up(5), MemoryRun.made_up(0)), "the LSTM", "the RNN")
    assert "excludes zero" in near and "interval, 0 to" not in near and "+0.3 to" in near
    one = memory_readings.comparison_sentence(compare(MemoryRun.made_up(31), MemoryRun.made_up(30)), "the LSTM", "the RNN")
    assert "+1 percentage point," in one and "+1 percentage points" not in one


def test_the_comparisons_summary_joins_tasks_only_where_their_verdicts_and_sizes_agree():
    from lstm_explained.stats import compare_shares

    same = memory_readings.comparisons_summary({"x": compare_shares(9, 10, 1, 10), "y": compare_shares(8, 10, 1, 10)}, "the LSTM", "the RNN")
    assert same == "The LSTM remembers more often than the RNN on both tasks (9 against 1 of 10 seeds on x and 8 against 1 on y)."
    mixed = memory_readings.comparisons_summary({"x": compare_shares(9, 10, 1, 10), "y": compare_shares(9, 12, 1, 10)}, "the LSTM", "the RNN")
    assert mixed.startswith("On x, the LSTM remembers") and "On y, the LSTM remembers more often than the RNN (9 of 12 against 1 of 10 seeds)." in mixed
