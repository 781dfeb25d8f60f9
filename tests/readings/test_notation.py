"""The reset-placement reading: the verdict follows the numbers it prints, on ties, zeros and extremes."""

import re

import pytest
import torch

from lstm_explained.cells.notation import ResetGaps
from lstm_explained.readings.notation import SAME_WITHIN, reset_reading


@pytest.mark.parametrize("rms, typical", [(0.0, 0.3), (1e-7, 0.3), (0.03, 0.3), (0.0301, 0.3), (0.3, 0.3), (2.0, 0.3), (0.5, 1e-3)])
def test_the_verdict_follows_the_line_and_the_printed_numbers_are_the_inputs(rms, typical):
    found = ResetGaps(torch.tensor([rms, 2 * rms]), torch.tensor([typical, typical]), torch.tensor([rms, rms]))
    words = reset_reading(found)
    two = "two different networks" in words
    assert two == (rms > SAME_WITHIN * typical) and two != ("one network" in words)
    printed = [float(v) for v in re.findall(r"\d+(?:\.\d+)?(?:e-?\d+)?", words)]
    steps, shown_rms, shown_max, step, shown_typical = printed[:5]
    assert steps == 2 and step == (2 if rms > 0 else 1)
    assert abs(shown_rms - rms) <= max(0.005, 0.5 * rms) and abs(shown_max - 2 * rms) <= max(0.005, rms) and abs(shown_typical - typical) <= 0.005
    assert "$" not in words and "**" not in words
