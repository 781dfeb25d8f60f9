"""The soy-sauce reading: the wrong order's gap, read by the ratio and the gates."""

from lstm_explained.experiments import analogy
from lstm_explained.readings import analogy as analogy_readings


def test_the_order_reading_follows_the_ratio_and_the_gates():
    low_gate = analogy.OutputOrder(0.0, 0.2, 0.1, -0.1)
    hidden = analogy.OutputOrder(0.0, 0.001, 0.95, -0.1)
    assert "100 times smaller" in analogy_readings.order_reading(hidden, analogy.OutputOrder(0.0, 0.1, 0.1, -0.1))
    # a small ratio, or a trained gate no higher than the untrained one, gives the other reading
    assert "not much smaller" in analogy_readings.order_reading(analogy.OutputOrder(0.0, 0.05, 0.9, -0.1), low_gate)
    assert "not much smaller" in analogy_readings.order_reading(analogy.OutputOrder(0.0, 0.001, 0.05, -0.1), low_gate)
