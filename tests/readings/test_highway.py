"""The cell path's readings: whether the forget gates' factors accumulate, and how well the bias predicts them."""

import torch

from lstm_explained.experiments.highway import ForgetProduct, HighwayRun
from lstm_explained.readings import highway as highway_readings


def test_the_readings_follow_the_numbers():
    ones = torch.ones(3)
    shrinking = HighwayRun(0.0, ones, ones, ones, torch.tensor([1.0, 0.5, 0.25]), 0.0)
    kept = HighwayRun(9.0, ones, ones, ones, torch.tensor([1.0, 1.0, 1.0]), 0.0)
    growing = HighwayRun(9.0, ones, ones, ones, torch.tensor([1.0, 2.0, 4.0]), 0.0)
    assert highway_readings.accumulate_reading({"a": shrinking}).startswith("The multiplications do accumulate")
    assert "With a the factor is 0.500 per step." in highway_readings.accumulate_reading({"a": shrinking})
    assert highway_readings.accumulate_reading({"b": kept}) == "With b the gradient along the cell path keeps its size (a factor of 1.000 per step)."
    # each run is judged on its own: one that keeps its size does not make the others "sit at 1"
    both = highway_readings.accumulate_reading({"a": shrinking, "b": kept, "c": growing})
    assert "With a the gradient along the cell path shrinks by a factor of 0.500 per step." in both
    assert "With c the gradient along the cell path grows by a factor of 2.000 per step." in both and "sit at 1" not in both
    products = [ForgetProduct(0.0, 10, 0.5**10 * 0.9**10, 0.5**10), ForgetProduct(2.0, 10, 0.8, 0.8)]
    reading = highway_readings.bias_reading(products)
    assert "within 10% of σ(b_f)" in reading and "at b_f = 0," in reading
    assert "falls below" not in reading  # the second product matches its prediction exactly
    assert "falls below" in highway_readings.bias_reading(products[:1])
    # the largest difference is the furthest from 1 either way, not the smallest ratio
    over = [ForgetProduct(0.0, 10, 0.9, 1.0), ForgetProduct(2.0, 10, 2.0, 1.0)]
    assert "at b_f = 2, where the product is 2 times the prediction" in highway_readings.bias_reading(over)
    exact = [ForgetProduct(0.0, 10, 0.5, 0.5)]
    assert highway_readings.bias_reading(exact) == "The measured products match σ(b_f) to the power of the steps to within 1%, at every bias."


def test_a_large_gap_is_not_called_small_and_a_tiny_ratio_is_not_printed_as_zero():
    from lstm_explained.experiments.highway import ForgetProduct

    text = highway_readings.bias_reading([ForgetProduct(0.0, 50, 1e-6, 1.0)])
    assert "that gap compounds" in text and "small" not in text
    assert "0.00 times" not in text and "1e-06 times the prediction" in text
