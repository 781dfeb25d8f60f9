"""Where one model beats another: the groups are the characters they name."""

import numpy as np
import pytest

from lstm_explained.analysis import lm_errors


def test_groups_average_the_right_characters():
    code = "s = 'ab'  # c\nx = f(1, 2)\n"
    model = np.arange(len(code) - 1, dtype=float)  # bits for code[1:]: character k+1 costs k
    rows = {r.group: r for r in lm_errors.breakdown(code, model, np.zeros(len(code) - 1))}
    string = [k - 1 for k in range(code.index("'"), code.index("'") + 4)]
    assert rows["inside a string"].count == 4 and rows["inside a string"].model_bits == np.mean(string)
    assert rows["first character of a line"].model_bits == code.index("x") - 1
    assert rows["closing bracket, 1-8 characters after its opening"].model_bits == code.index(")") - 1
    assert rows["all"].gain == -np.mean(model)


def test_lengths_must_match_the_text():
    with pytest.raises(ValueError, match="need 5 bits per model for a text of 6 characters"):
        lm_errors.breakdown("x = 1\n", np.zeros(6), np.zeros(6))


def closer(lo, hi, gain):
    return lm_errors.BreakdownRow(f"closing bracket, {lo}-{hi}", 10, 1.0, 1.0 + gain, (lo, hi))


def test_the_bracket_reading_separates_brackets_within_and_beyond_the_context():
    rows = [closer(1, 9, -0.1), closer(9, 20, 0.2), closer(80, 10**9, -0.05)]
    reading = lm_errors.bracket_reading(rows, context=8)
    assert reading.startswith("every gain is on brackets whose opening lies beyond the n-gram's context (9-19 characters back)")
    assert reading.endswith("it loses again at 80 or more characters")
    assert lm_errors.bracket_reading(rows, context=19).startswith("it gains at 9-19 characters, not only beyond")
    assert lm_errors.bracket_reading([closer(1, 9, -0.1)], context=8).startswith("it gains on no closing bracket")
