"""The Jacobian chain's readings: sentences chosen by the slopes, the bound and the latches."""

import math

import torch

from lstm_explained.experiments.vanishing import ChainRun, latch
from lstm_explained.readings import vanishing as vanishing_readings


def _run(label, sigma, slope, rms=0.0, mean=0.0, holds=True, radius=None):
    return ChainRun(label, sigma, sigma if radius is None else radius, torch.ones(2), slope, rms, mean, holds)


def test_the_readings_follow_the_numbers():
    vanish, explode = _run("σ = 1.5", 1.5, -0.1, rms=math.log(0.6)), _run("σ = 3", 3.0, 0.2)
    assert vanishing_readings.necessary_reading([vanish, explode]).startswith("no: at σ = 1.5 the gradient still vanishes")
    assert "at σ = 3 it explodes" in vanishing_readings.necessary_reading([vanish, explode])
    assert vanishing_readings.necessary_reading([explode]).startswith("these runs do not say")
    assert vanishing_readings.bound_reading([_run("σ = 0.5", 0.5, -1.0), _run("σ = 2", 2.0, 0.5, holds=False)]).startswith("holds")
    assert vanishing_readings.bound_reading([_run("σ = 0.5", 0.5, -1.0, holds=False)]).startswith("fails on σ = 0.5")
    # a slope the mean predicts better: the count says so
    assert "for 0 of the 1" in vanishing_readings.rms_reading([_run("a", 1.0, -0.5, rms=-0.1, mean=-0.5)])
    near_radius = _run("G", 2.0, math.log(1.0), radius=1.0)
    # nearer the radius's prediction: said, with the caveat that for a Gaussian matrix the radius is the rms stretch
    assert vanishing_readings.gaussian_reading(near_radius).endswith("so this run cannot tell the two apart")
    assert "follows" not in vanishing_readings.gaussian_reading(near_radius)
    near_sigma = _run("G", 2.0, math.log(2.0), radius=1.0)
    words = vanishing_readings.gaussian_reading(near_sigma)
    assert words.endswith("nearer the largest singular value's prediction") and "off)" in words
    both = vanishing_readings.latch_reading([latch(0.5), latch(3.0)])
    assert "The information survives; its derivative does not" in both and "A weak unit (w = 0.5)" in both
    assert "Bengio et al.'s trade-off" in both and "backward pass" not in both
