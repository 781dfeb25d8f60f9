"""The gradient chapter's training runs, read: sentences chosen by the counts, the gradients and the accuracies."""

from dataclasses import replace

import pytest
import torch

from lstm_explained.experiments import long_lag
from lstm_explained.readings import long_lag as long_lag_readings


def _run(kind="lstm", ratio=(0.0, 1.0), marker=1.0, length=50, bias=None):
    ratio = torch.tensor(ratio)
    one = torch.ones(len(ratio))
    setting = long_lag.AddingSetting(kind, 4, length=length, seeds=len(ratio), forget_bias=bias)
    return long_lag.AddingRun(setting, 100, ratio, one, one, one * marker, one, one, 0.0, 1.0)


def test_kinds_reading_follows_the_counts():
    lstm = _run(ratio=[0.0] * 60 + [1.0] * 4)
    rnn = _run("rnn", ratio=[1.0] * 64, marker=1e-8)
    text = long_lag_readings.kinds_reading(lstm, rnn)
    assert text.startswith("At length 50 the LSTM solved 60 of 64 seeds and the RNN 0 of 64: 94 points more (95% interval +83 to +98).")
    assert text.endswith("about 100,000,000 times as large.") and "higher" not in text
    even = _run("rnn", ratio=[0.0] * 58 + [1.0] * 6)
    assert "the test cannot tell the two apart (difference +3 points, 95% interval " in long_lag_readings.kinds_reading(lstm, even)
    worse = long_lag_readings.kinds_reading(_run(ratio=[1.0] * 64), _run("rnn", ratio=[0.0] * 64))
    assert ": 100 points fewer (95% interval −100 to −92)." in worse  # a true minus, and "fewer", never "−100 points more"
    assert worse.endswith("for the RNN's hidden state, about as large.")
    # an RNN whose gradient vanished exactly is said so, not divided by
    assert long_lag_readings.kinds_reading(lstm, _run("rnn", ratio=[1.0] * 64, marker=0.0)).endswith("and exactly zero for the RNN's hidden state.")


def test_bias_reading_counts_the_lengths_where_the_bias_raised_or_lowered_the_count():
    good, bad = [0.0] * 60 + [1.0] * 4, [0.0] * 10 + [1.0] * 54
    up = long_lag_readings.bias_reading([(_run(ratio=good, bias=1.0), _run(ratio=bad))])
    assert up == "Starting the forget bias at 1 raised the number of solving seeds at the one length tried."
    down = long_lag_readings.bias_reading([(_run(ratio=bad, bias=1.0, length=25), _run(ratio=good, length=25)), (_run(ratio=bad, bias=1.0), _run(ratio=good))])
    assert down == "Starting the forget bias at 1 lowered the number of solving seeds at every one of the 2 lengths tried."
    same = long_lag_readings.bias_reading([(_run(ratio=good, bias=1.0, length=25), _run(ratio=good, length=25)), (_run(ratio=good, bias=1.0), _run(ratio=good))])
    assert same.startswith("At neither length tried could McNemar's test tell the two starts apart")
    mixed = long_lag_readings.bias_reading([(_run(ratio=good, bias=1.0, length=25), _run(ratio=bad, length=25)),
                                            (_run(ratio=bad, bias=1.0), _run(ratio=good))])
    assert mixed.startswith("Starting the forget bias at 1 raised the number of solving seeds at 1 of the 2 lengths tried and lowered it at 1 of the 2 lengths")
    with pytest.raises(ValueError, match="no pairs"):
        long_lag_readings.bias_reading([])


def test_the_bias_table_gives_each_lengths_split_and_what_would_have_registered():
    from lstm_explained.viz import tables

    good, bad = [0.0] * 60 + [1.0] * 4, [0.0] * 10 + [1.0] * 54
    rows = tables.forget_bias_pairs([(_run(ratio=good, bias=1.0, length=25), _run(ratio=good, length=25)),
                                     (_run(ratio=good, bias=1.0), _run(ratio=bad))]).rows
    assert rows[0][:5] == [25, "60 of 64", "60 of 64", 0, 0] and rows[0][-1] == "no seed differs: nothing to test"
    assert rows[1][3:5] == [50, 0] and rows[1][-1] == "more with bias 1"


def test_trained_path_reading_reports_the_growth_and_claims_no_mechanism():
    def run(kind, init, trained):
        return replace(_run(kind), by_lag_init=torch.tensor([1.0, init]), by_lag_trained=torch.tensor([1.0, trained]))

    opened = long_lag_readings.trained_path_reading(run("lstm", 1e-8, 1e-3), run("rnn", 1e-10, 1e-10))
    assert opened.endswith("Over training the LSTM's gradient at this lag grew about 100,000 times as much as the RNN's.")
    assert "(about unchanged)" in opened  # the RNN's gradient did not move
    # an RNN whose gradient shrank: no "grew ... as much as" for a gradient that did not grow
    shrank = long_lag_readings.trained_path_reading(run("lstm", 1e-8, 1e-6), run("rnn", 1e-8, 1e-10))
    assert "(about 100 times smaller)" in shrank and shrank.endswith("grew while the RNN's shrank.") and "as much as" not in shrank
    # the gradient runs through the head and the output gate too: nothing it reads names the forget gates
    assert "forget" not in opened and "highway" not in opened and "opened" not in opened
    closed = long_lag_readings.trained_path_reading(run("lstm", 1e-3, 1e-4), run("rnn", 1e-10, 1e-10))
    assert "did not grow" in closed


def _truncation(chunk, median, carry=True, seeds=3):
    return long_lag.TruncationRun(long_lag.TruncationSetting(chunk, carry), torch.full((seeds,), median), 1.0)


def test_truncation_reading_states_the_moral_only_when_the_numbers_carry_it():
    runs = [_truncation(4, 0.25), _truncation(20, 0.8)]
    assert "nothing in its training rewards keeping it" in long_lag_readings.truncation_reading(runs)
    both_fail = [_truncation(4, 0.25), _truncation(20, 0.3)]
    assert "rewards keeping" not in long_lag_readings.truncation_reading(both_fail)
    assert long_lag_readings.truncation_reading(both_fail) == (
        "Of the 2 settings with the state carried, none learned the lag (a median accuracy of 0.5): "
        "1 stayed at chance and 1 rose above chance without reaching 0.5.")
    # a median only just past chance is at chance; the settings are counted, never listed
    assert long_lag_readings.truncation_reading([_truncation(20, 0.29)]) == "With the state carried, the one setting stayed at chance."
    assert "chunks of" not in long_lag_readings.truncation_reading(runs)
    with pytest.raises(ValueError, match="no run carried"):
        long_lag_readings.truncation_reading([_truncation(20, 0.3, carry=False)])


def test_reset_reading_compares_each_chunk_run_both_ways():
    words = long_lag_readings.reset_reading([_truncation(8, 0.6, seeds=8), _truncation(8, 0.3, carry=False, seeds=8),
                                              _truncation(20, 0.8, seeds=8), _truncation(20, 0.9, carry=False, seeds=8)])
    assert "With chunks of 8 steps, resetting the state at every chunk cost 0.30 of median accuracy" in words
    assert "With chunks of 20 steps, resetting the state at every chunk raised median accuracy by 0.10" in words
    # three seeds, all one way: the sign test cannot tell, and the words say so, not "cost" or "no effect"
    few = long_lag_readings.reset_reading([_truncation(8, 0.6), _truncation(8, 0.3, carry=False)])
    assert "the sign test could not tell resetting the state from carrying it" in few and "ahead on 3 of 3 seeds" in few and "cost" not in few
    # the medians and the seed count pointing opposite ways: said, not hidden behind one of them
    lows = [0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50, 0.55]
    reset = long_lag.TruncationRun(long_lag.TruncationSetting(8, False), torch.tensor(lows + [0.99]), 1.0)
    carried = long_lag.TruncationRun(long_lag.TruncationSetting(8, True), torch.tensor([x + 0.02 for x in lows] + [0.0]), 1.0)
    odd = long_lag_readings.reset_reading([carried, reset])
    assert carried.median() < reset.median()  # carrying ahead on 10 of 11 seeds, yet the lower median
    assert "the seed-by-seed count favours carrying" in odd and "though the medians are 0.32 carried against 0.35 reset" in odd
    with pytest.raises(ValueError, match="no chunk length was run both"):
        long_lag_readings.reset_reading([_truncation(8, 0.6)])


def test_trend_reading_says_rising_only_when_the_count_climbed():
    def run(first_half, second_half):
        history = torch.cat([first_half, second_half])
        return replace(_run(ratio=[0.0] * history.shape[1]), history=history)

    climbing = run(torch.ones(50, 10), torch.cat([torch.zeros(50, 8), torch.ones(50, 2)], 1))
    text = long_lag_readings.trend_reading(climbing)
    assert text.startswith("On their training batches, 0 of the 10 LSTMs at length 50 were under the solving line")
    assert "at batch 50 and 8 at batch 100" in text and "still rising when training stopped" in text
    assert '(on held-out sequences, which decide "solved", 10 were)' in text
    level = run(torch.cat([torch.zeros(50, 7), torch.ones(50, 3)], 1), torch.cat([torch.zeros(50, 8), torch.ones(50, 2)], 1))
    assert long_lag_readings.trend_reading(level).endswith(
        "Over the second half of training McNemar's test finds no change in the count (1 seed crossed below the line and 0 back above it).")
    falling = run(torch.cat([torch.zeros(50, 8), torch.ones(50, 2)], 1), torch.ones(50, 10))
    assert long_lag_readings.trend_reading(falling).endswith("The count fell over the second half of training.")


def test_the_bias_as_an_intervention_sets_the_gradient_it_multiplied_beside_the_counts():
    good = [0.0] * 32 + [1.0] * 32
    opened = lambda n, grad=1e-4, ratio=good: replace(_run(ratio=ratio, bias=1.0, length=n), marker_init=torch.full((64,), grad))
    plain = lambda n, ratio=good: replace(_run(ratio=ratio, length=n), marker_init=torch.full((64,), 1e-8))
    same = long_lag_readings.bias_gradient_reading([(opened(25), plain(25)), (opened(50), plain(50))])
    assert same.startswith("The bias multiplied the gradient at the first marker at initialisation by about 10,000 at length 25 and 10,000 at length 50, yet")
    assert "apart at either length." in same and same.endswith("did not go with more seeds solving.")
    up = long_lag_readings.bias_gradient_reading([(opened(50, ratio=[0.0] * 64), plain(50, ratio=[1.0] * 64))])
    assert up.endswith("and the number of solving seeds rose with it at every length tried.") and "did not" not in up
    # a bias that barely moved the gradient is no intervention to read
    assert long_lag_readings.bias_gradient_reading([(opened(50, grad=1.5e-8), plain(50))]).endswith("too little to read as an intervention on the cell path.")
    with pytest.raises(ValueError, match="no pairs"):
        long_lag_readings.bias_gradient_reading([])

