"""The soy-sauce readings: the wrong order's gap on each model, and the bound |h| <= o."""

from lstm_explained.experiments import analogy
from lstm_explained.readings import analogy as analogy_readings


def test_the_order_reading_states_the_tolerance_each_model_would_need():
    low_gate = analogy.OutputOrder(0.0, 0.2, 0.1, -0.1)
    hidden = analogy.OutputOrder(0.0, 0.001, 0.95, -0.1)
    hides = analogy_readings.order_reading(hidden, analogy.OutputOrder(0.0, 0.1, 0.1, -0.1))
    assert hides.endswith("only with a tolerance below 1.0e-03, where one on the untrained model catches it below 1.0e-01.")
    assert "for a reason" not in hides and "because" not in hides  # the gates are read beside the gaps, not as their cause
    # the gates are mentioned only where they differ the right way
    no_gates = analogy_readings.order_reading(analogy.OutputOrder(0.0, 0.001, 0.05, -0.1), low_gate)
    assert "output gate" not in no_gates and "tolerance below 1.0e-03" in no_gates
    assert "at least as large on the trained model" in analogy_readings.order_reading(analogy.OutputOrder(0.0, 0.4, 0.9, -0.1), low_gate)
    # rounding is no gap, on either side: no division by zero, and no check can expose it there
    exact = analogy.OutputOrder(0.0, 0.0, 0.9, -0.1)
    assert analogy_readings.order_reading(exact, low_gate).endswith("a check on the trained model alone cannot expose the mistake.")
    assert analogy_readings.order_reading(low_gate, exact).endswith("a check on the untrained model alone cannot expose the mistake.")
    assert analogy_readings.order_reading(exact, analogy.OutputOrder(0.0, 1e-8, 0.9, -0.1)).endswith("neither check exposes it.")
    assert analogy_readings.order_summary(hidden, low_gate) == (
        "The wrong order misses nn.LSTM by up to 2.0e-01 on the untrained model and 1.0e-03 on the trained one.")


def test_the_bound_reading_says_where_the_bound_holds_and_names_a_model_where_it_fails():
    held = {"trained": analogy.OutputOrder(0, 0, 0.9, -2e-3), "untrained": analogy.OutputOrder(0, 0, 0.2, 0.0)}
    assert analogy_readings.bound_reading(held).startswith("The bound |h| ≤ o holds at every step of both models:")
    assert "reaches o but never passes it on the untrained one" in analogy_readings.bound_reading(held)  # a margin of exactly 0 still holds
    assert analogy_readings.bound_summary(held) == "The bound |h| ≤ o held at every step of both models."
    broken = {**held, "trained": analogy.OutputOrder(0, 0, 0.9, 1e-7)}
    assert analogy_readings.bound_reading(broken) == "The bound |h| ≤ o fails on the trained model (|h| − o reaches 1.0e-07), which would mean the replay is wrong."
    assert "holds" not in analogy_readings.bound_reading(broken) and analogy_readings.bound_summary(broken).startswith("The bound |h| ≤ o failed on the trained model,")
    three = {**held, "other": analogy.OutputOrder(0, 0, 0.5, -1e-3)}
    assert analogy_readings.bound_summary(three) == "The bound |h| ≤ o held at every step of all 3 models."
