"""The cliff's readings: what clipping changed, and whether it kept the gradient's direction, in words."""

from lstm_explained.experiments import cliff
from lstm_explained.readings import cliff as cliff_readings


def test_the_cosine_reading_says_which_clipping_kept_the_direction():
    big = cliff.rnn_gradients(sigma=3.0, size=16, length=60)
    by_norm, by_value = cliff.clipping_cosines(big, max_norm=1.0, clip_value=5.0)
    assert cliff_readings.cosine_reading(by_norm, by_value).startswith("Clipping by norm keeps the direction")
    assert cliff_readings.cosine_reading(0.9, 1.0).endswith("Clipping each value keeps it: the cosine is 1.000.")


def test_the_clipping_reading_follows_the_rows():
    def row(multiple, step, thrown, solved):
        return cliff.ClipRow(multiple, multiple and 2.0 * multiple, step, thrown, solved, 0.0)

    helped = cliff.ClippingStudy(None, None, 100, 2.0, [row(None, 50.0, 0.5, 0.2), row(1.0, 0.02, 0.0, 0.9)], None, None)
    assert "clipping solved more runs than plain descent did (90% against 20%)." in cliff_readings.clipping_reading(helped)
    assert "Clipped, no run takes such a step. " in cliff_readings.clipping_reading(helped)  # one threshold: no "any of the 1"
    # runs thrown off but not all solved: nothing is said of whether the thrown ones were solved
    thrown = cliff.ClippingStudy(None, None, 100, 2.0, [row(None, 50.0, 0.5, 0.8), row(1.0, 0.02, 0.0, 0.6)], None, None)
    words = cliff_readings.clipping_reading(thrown)
    assert "thrown off the wall among them" not in words and "Clipping solved no more runs than plain descent did (60% at best, against 80%)" in words
    every = cliff.ClippingStudy(None, None, 100, 2.0, [row(None, 50.0, 0.5, 1.0), row(1.0, 0.02, 0.0, 1.0)], None, None)
    assert "Every unclipped run ended solved, the ones thrown off the wall among them" in cliff_readings.clipping_reading(every)
    calm = cliff.ClippingStudy(None, None, 100, 2.0, [row(None, 0.5, 0.0, 1.0), row(1.0, 0.02, 0.0, 1.0)], None, None)
    assert "No unclipped run was thrown off here, so clipping had nothing to prevent." in cliff_readings.clipping_reading(calm)
    # settings are counted, never listed: the table lists them
    many = cliff.ClippingStudy(None, None, 100, 2.0, [row(None, 50.0, 0.5, 1.0), row(0.5, 0.02, 0.1, 0.1), row(1.0, 0.02, 0.0, 1.0), row(2.0, 0.03, 0.2, 1.0)], None, None)
    words = cliff_readings.clipping_reading(many)
    assert "Clipped, some runs still take such a step at 2 of the 3 thresholds." in words and "0.5×" not in words
    assert words.endswith("At 1 of the 3 thresholds, most clipped runs had not reached a solution after 100 steps.")
