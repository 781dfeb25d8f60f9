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
