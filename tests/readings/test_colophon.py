"""The colophon's total: counted, summed and put in the right unit, with none and one read as such."""

import pytest

from lstm_explained.readings.colophon import training_reading
from lstm_explained.runtime.timings import Timing


def _t(page, seconds):
    return Timing(page, "models", seconds, "cpu")


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(0.0, "under a second"), (1.0, "1 second"), (119.0, "119 seconds"), (120.0, "2.0 minutes"), (7199.0, "120.0 minutes"), (7200.0, "2.0 hours")],
)
def test_the_total_is_given_in_a_unit_a_reader_can_picture(seconds, words):
    assert f"took {words} of training" in training_reading([_t("chapters/memory", seconds / 2), _t("chapters/memory", seconds / 2)])


def test_results_and_chapters_are_counted_apart():
    reading = training_reading([_t("chapters/memory", 1.0), _t("chapters/memory", 1.0), _t("chapters/variants", 1.0)])
    assert reading == "Computing the 3 results in the table took 3 seconds of training, summed over 2 chapters."
    assert training_reading([_t("chapters/memory", 1.0), _t("chapters/memory", 1.0)]).endswith("took 2 seconds of training.")


def test_one_result_none_and_mixed_devices_read_as_such():
    assert training_reading([_t("chapters/gates", 5.0)]) == "Computing the one result in the table took 5 seconds of training."
    assert training_reading([]).startswith("No training times are recorded")
    mixed = training_reading([_t("chapters/gates", 5.0), Timing("chapters/gates", "models", 5.0, "cuda")])
    assert mixed.endswith("summed over 2 kinds of device (cpu and cuda), whose seconds are not alike.")
    # "cpu, 2 threads" is still the cpu
    assert "kinds of device" not in training_reading([_t("chapters/gates", 5.0), Timing("chapters/interpretable", "lm", 5.0, "cpu, 2 threads")])
