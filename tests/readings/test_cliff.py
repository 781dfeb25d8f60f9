"""The cliff's readings: what clipping changed, and whether it kept the gradient's direction, in words."""

from lstm_explained.experiments import cliff
from lstm_explained.readings import cliff as cliff_readings


def test_the_cosine_reading_says_which_clipping_kept_the_direction():
    big = cliff.rnn_gradients(sigma=3.0, size=16, length=60)
    by_norm, by_value = cliff.clipping_cosines(big, max_norm=1.0, clip_value=5.0)
    assert cliff_readings.cosine_reading(by_norm, by_value).startswith("clipping by norm keeps the direction")
    assert cliff_readings.cosine_reading(0.9, 1.0).endswith("clipping each value keeps it too (cosine 1.000)")


def test_the_clipping_reading_follows_the_rows():
    def row(multiple, step, thrown, solved):
        return cliff.ClipRow(multiple, multiple and 2.0 * multiple, step, thrown, solved, 0.0)

    helped = cliff.ClippingStudy(None, None, 100, 2.0, [row(None, 50.0, 0.5, 0.2), row(1.0, 0.02, 0.0, 0.9)], None, None)
    assert "Clipping solved more runs than plain descent did" in cliff_readings.clipping_reading(helped)
    # runs thrown off but not all solved: nothing is said of whether the thrown ones were solved
    thrown = cliff.ClippingStudy(None, None, 100, 2.0, [row(None, 50.0, 0.5, 0.8), row(1.0, 0.02, 0.0, 0.6)], None, None)
    words = cliff_readings.clipping_reading(thrown)
    assert "thrown off the wall among them" not in words and "Clipping solved no more runs than plain descent did (60% at best, against 80%)" in words
    every = cliff.ClippingStudy(None, None, 100, 2.0, [row(None, 50.0, 0.5, 1.0), row(1.0, 0.02, 0.0, 1.0)], None, None)
    assert "Every unclipped run ended solved, the ones thrown off the wall among them" in cliff_readings.clipping_reading(every)
    calm = cliff.ClippingStudy(None, None, 100, 2.0, [row(None, 0.5, 0.0, 1.0), row(1.0, 0.02, 0.0, 1.0)], None, None)
    assert "Clipping changed little here" in cliff_readings.clipping_reading(calm)
