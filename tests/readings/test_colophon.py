"""The colophon's total: counted, summed and put in the right unit, with none and one read as such."""

import pytest

from lstm_explained.readings.colophon import training_reading
from lstm_explained.runtime.timings import Timing


def _t(page, seconds):
    return Timing(page, "models", seconds, "cpu")


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(0.0, "0 seconds"), (119.0, "119 seconds"), (120.0, "2.0 minutes"), (7199.0, "120.0 minutes"), (7200.0, "2.0 hours")],
)
def test_the_total_is_given_in_a_unit_a_reader_can_picture(seconds, words):
    assert f"took {words} of training" in training_reading([_t("chapters/memory", seconds / 2), _t("chapters/memory", seconds / 2)])


def test_computations_and_chapters_are_counted_apart():
    reading = training_reading([_t("chapters/memory", 1.0), _t("chapters/memory", 1.0), _t("chapters/variants", 1.0)])
    assert reading.startswith("The 3 computations of 2 chapters took")
    assert "of one chapter" in training_reading([_t("chapters/memory", 1.0), _t("chapters/memory", 1.0)])


def test_one_computation_and_none_read_as_such():
    assert "The one computation of one chapter" in training_reading([_t("chapters/gates", 5.0)])
    assert training_reading([]).startswith("No training times are recorded")
