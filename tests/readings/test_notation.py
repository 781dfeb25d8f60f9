"""The reset-placement reading: the verdict follows the numbers it prints, on ties, zeros and extremes."""

import re

import pytest
import torch

from lstm_explained.cells.notation import ResetGaps
from lstm_explained.readings.notation import SAME_WITHIN, reset_reading


@pytest.mark.parametrize("largest, typical", [(0.0, 0.3), (1e-7, 0.3), (0.03, 0.3), (0.0301, 0.3), (0.3, 0.3), (2.0, 0.3), (0.5, 1e-3)])
def test_the_verdict_follows_the_line_and_the_printed_numbers_are_the_inputs(largest, typical):
    found = ResetGaps(torch.tensor([largest / 2, largest]), torch.tensor([typical, typical]))
    words = reset_reading(found)
    two = "two different networks" in words
    assert two == (largest > SAME_WITHIN * typical) and two != ("one network" in words)
    printed = [float(v) for v in re.findall(r"\d+(?:\.\d+)?(?:e-?\d+)?", words.split("over")[1])]
    assert printed[0] == 2  # steps
    assert abs(printed[1] - largest) <= max(0.005, 0.5 * largest) and abs(printed[2] - typical) <= 0.005
    assert "$" not in words and "**" not in words
