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
    if rms == 0:
        assert words == "The two placements give identical hidden states at every step."
        return
    two = "two different networks" in words
    assert two == (rms > SAME_WITHIN * typical) and two != ("one network" in words)
    printed = [float(v) for v in re.findall(r"\d+(?:\.\d+)?(?:e-?\d+)?", words)]
    steps, shown_rms, shown_max, step, shown_typical = printed[:5]
    assert steps == 2 and step == (2 if rms > 0 else 1)
    assert abs(shown_rms - rms) <= max(0.005, 0.5 * rms) and abs(shown_max - 2 * rms) <= max(0.005, rms) and abs(shown_typical - typical) <= 0.005
    assert "$" not in words and "**" not in words


def test_the_misread_reading_counts_the_reordered_sources_and_handles_none_and_one():
    from lstm_explained.readings.notation import misread_reading

    assert misread_reading({"a": 0.2, "b": 0.0005, "c": 0.1}, {"a", "b"}).startswith(
        "Read as i, f, g, o without reordering, 1 of the 2 sources that stack the blocks in another order gives a different network, off by at least 0.200.")
    assert "none of the 2 sources that stack the blocks in another order gives no" not in misread_reading({"a": 0.0, "b": 0.0}, {"a", "b"})
    assert misread_reading({"a": 0.0, "b": 0.0}, {"a", "b"}).endswith("none of the 2 sources that stack the blocks in another order gives a visibly different network here.")
    with pytest.raises(ValueError, match="no source"):
        misread_reading({}, set())


def test_the_misread_summary_counts_the_sources_and_is_not_the_body_sentence():
    from lstm_explained.readings.notation import misread_reading, misread_summary

    found = {"a": 0.2, "b": 0.0, "c": 0.3}
    text = misread_summary(found, {"a", "b", "c"})
    assert text == "Left in their own order, the weights of 2 of the 3 sources that stack the blocks differently make another network."
    assert text != misread_reading(found, {"a", "b", "c"})
