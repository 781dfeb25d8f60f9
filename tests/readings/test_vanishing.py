"""The Jacobian chain's readings: sentences chosen by the slopes, the bound and the latches."""

import math

import torch

from lstm_explained.experiments.vanishing import ChainRun, latch
from lstm_explained.readings import vanishing as vanishing_readings


def _run(label, sigma, slope, rms=0.0, mean=0.0, holds=True, radius=None):
    return ChainRun(label, sigma, sigma if radius is None else radius, torch.ones(2), slope, rms, mean, holds)


def test_the_readings_follow_the_numbers():
    vanish, explode = _run("σ = 1.5", 1.5, -0.1, rms=math.log(0.6)), _run("σ = 3", 3.0, 0.2)
    assert vanishing_readings.necessary_reading([vanish, explode]).startswith("Not on these runs. At σ = 1.5 the gradient still vanishes")
    assert "At σ = 3 it explodes" in vanishing_readings.necessary_reading([vanish, explode])
    assert vanishing_readings.necessary_reading([explode]).startswith("These runs cannot say")
    assert vanishing_readings.bound_reading([_run("σ = 0.5", 0.5, -1.0), _run("σ = 2", 2.0, 0.5, holds=False)]).startswith("The bound σᵏ holds")
    assert vanishing_readings.bound_reading([_run("σ = 0.5", 0.5, -1.0, holds=False)]).startswith("The bound σᵏ fails on the one run with σ < 1")
    assert vanishing_readings.bound_reading([_run("σ = 2", 2.0, 0.5)]) == "The bound σᵏ is not tested here, since no run has σ < 1."  # never "(0 of them)"
    # a slope the mean predicts better: the count says so
    assert vanishing_readings.rms_reading([_run("a", 1.0, -0.5, rms=-0.1, mean=-0.5)]).startswith(
        "For no setting of σ is the root-mean-square prediction nearer the measured slope than the mean-based one.")
    # a flat slope is left out, never divided by
    flat = vanishing_readings.rms_reading([_run("a", 1.0, -0.5, rms=-0.5), _run("b", 1.0, 0.0)])
    assert flat.endswith("1 setting with a flat slope is left out.") and "For the one setting of σ" in flat
    assert vanishing_readings.rms_reading([_run("b", 1.0, 0.0)]).startswith("Every setting of σ has a flat slope")
    near_radius = _run("G", 2.0, math.log(1.0), radius=1.0)
    # nearer the radius's prediction: said, with the caveat that for a Gaussian matrix the radius is the rms stretch
    assert vanishing_readings.gaussian_reading(near_radius).endswith("so this run cannot tell which of those two sets the rate.")
    assert "follows" not in vanishing_readings.gaussian_reading(near_radius)
    near_sigma = _run("G", 2.0, math.log(2.0), radius=1.0)
    words = vanishing_readings.gaussian_reading(near_sigma)
    assert words.endswith("nearer the largest singular value's prediction.") and "off)" in words
    both = vanishing_readings.latch_reading([latch(0.5), latch(3.0)])
    assert "The information survives, and its derivative does not" in both and "A weak unit (w = 0.5)" in both
    assert "Bengio et al.'s trade-off" in both and "backward pass" not in both
