"""The breakdown's readings: bracket distances in words, and where the model gains on brackets."""

from lstm_explained.analysis import lm_errors
from lstm_explained.readings import lm_errors as lm_errors_readings


def closer(lo, hi, gain):
    return lm_errors.BreakdownRow(f"closing bracket, {lo}-{hi}", 10, 1.0, 1.0 + gain, (lo, hi))


def test_the_bracket_reading_separates_brackets_within_and_beyond_the_context():
    rows = [closer(1, 9, -0.1), closer(9, 20, 0.2), closer(80, 10**9, -0.05)]
    reading = lm_errors_readings.bracket_reading(rows, context=8)
    assert reading.startswith("The LSTM saves bits on 1 of the 2 groups of closing brackets whose opening lies beyond the n-gram's context, and on none of those it can see.")
    assert reading.endswith("On 1 of the 2 groups beyond the context it saves nothing, so the advantage does not hold at every distance.")
    # every far group a gain: no sentence about distances where it saves nothing
    assert "saves nothing" not in lm_errors_readings.bracket_reading([closer(1, 9, -0.1), closer(9, 20, 0.2)], context=8)
    near = lm_errors_readings.bracket_reading(rows, context=19)
    assert near.startswith("The LSTM saves bits on 1 of the 2 groups of closing brackets the n-gram can see, and on no group beyond its context")
    assert lm_errors_readings.bracket_reading([closer(1, 9, -0.1)], context=8).startswith("The LSTM saves bits on no group of closing brackets")
    assert lm_errors_readings.bracket_reading([closer(1, 9, 0.1)], context=8).endswith("and on no group beyond its context: its gains are not only where the n-gram cannot see the opening bracket.")
    for key, template in lm_errors_readings.SENTENCES.items():
        assert template.endswith(".") and template[0].isupper(), key


def test_the_distance_label_matches_the_breakdowns_group_names():
    code = "x = f(a,\n      b)  # c\n"
    rows = lm_errors.breakdown(code, [1.0] * (len(code) - 1), [2.0] * (len(code) - 1))
    closers = [r for r in rows if r.distance is not None]
    assert closers and all(r.group == f"closing bracket, {lm_errors_readings.distance_label(r)} characters after its opening" for r in closers)
    assert lm_errors_readings.distance_label(closer(80, 10**9, 0.0)) == "80 or more"
    assert lm_errors_readings.distance_label(rows[0]) == ""
