"""The cell path's readings: whether the forget gates' factors accumulate, and how well the bias predicts them."""

import torch

from lstm_explained.experiments.highway import ForgetProduct, HighwayRun
from lstm_explained.readings import highway as highway_readings


def test_the_readings_follow_the_numbers():
    ones = torch.ones(3)
    shrinking = HighwayRun(0.0, ones, ones, ones, torch.tensor([1.0, 0.5, 0.25]), 0.0)
    kept = HighwayRun(9.0, ones, ones, ones, torch.tensor([1.0, 1.0, 1.0]), 0.0)
    assert highway_readings.accumulate_reading({"a": shrinking}).startswith("the multiplications do accumulate")
    assert "0.500 per step (a)" in highway_readings.accumulate_reading({"a": shrinking})
    assert highway_readings.accumulate_reading({"b": kept}).startswith("along the cell path the gradient keeps its size")
    products = [ForgetProduct(0.0, 10, 0.5**10 * 0.9**10, 0.5**10), ForgetProduct(2.0, 10, 0.8, 0.8)]
    reading = highway_readings.bias_reading(products)
    assert "within 10% of σ(b_f)" in reading and "at b_f = 0," in reading
    assert "falls below" not in reading  # the second product matches its prediction exactly
    assert "falls below" in highway_readings.bias_reading(products[:1])
