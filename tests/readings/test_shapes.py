"""The shapes reading: it counts the shapes that got every held-out case right, and never says a shape with nothing held out passed held-out cases."""

from dataclasses import replace

from lstm_explained.experiments import shapes
from lstm_explained.readings import shapes as shapes_readings

unheld = shapes.ShapeResult("one-to-many", "image captioning", 3, 0, 1.0, None, 0.0, ())
held = shapes.ShapeResult("seq-to-seq", "translation", 183, 60, 1.0, 1.0, 0.0, ())
missed = shapes.ShapeResult("many-to-one", "sentiment", 9, 3, 1.0, 2 / 3, 0.1, ())


def test_the_shapes_reading_counts_the_shapes_that_got_every_held_out_case_right():
    assert shapes_readings.shapes_reading([held, missed, unheld]) == (
        "Of the 2 shapes that hold cases out, 1 got every held-out case right. The one that holds none out fits its training cases.")
    assert shapes_readings.shapes_reading([held, replace(held, shape="many-to-many")]).startswith("Both shapes that hold cases out got every")
    assert shapes_readings.shapes_reading([held] * 3) == "All 3 shapes that hold cases out got every held-out case right."
    assert shapes_readings.shapes_reading([missed, missed]).startswith("None of the 2 shapes that hold cases out got every held-out case right.")
    # the reading names no shape and never says "learned": the table names them, and the chapter calls it wiring
    text = shapes_readings.shapes_reading([held, missed, unheld])
    assert "learned" not in text and "seq-to-seq" not in text


def test_a_shape_with_nothing_held_out_is_not_said_to_pass_held_out_cases():
    assert shapes_readings.shapes_reading([unheld]) == (
        "No shape holds cases out, so none is tested on cases it has not seen. The one that holds none out fits its training cases.")
    two = shapes_readings.shapes_reading([held, unheld, replace(unheld, train_accuracy=0.5)])
    assert two.endswith("Of the 2 that hold none out, 1 fit their training cases.")


def test_the_shapes_summary_never_says_a_shape_with_nothing_held_out_passed_held_out_cases():
    assert shapes_readings.shapes_summary([held, unheld]) == (
        "Trained each as its own model, both shapes fit their training cases, and the one that holds cases out also got every held-out case right.")
    assert shapes_readings.shapes_summary([held, missed, unheld, unheld]).endswith("and of the 2 that hold cases out, 1 got every held-out case right.")
    assert shapes_readings.shapes_summary([replace(unheld, train_accuracy=0.5)] * 2) == (
        "Trained each as its own model, no shape fits its training cases, and none holds cases out.")
    assert shapes_readings.shapes_summary([held, replace(unheld, train_accuracy=0.5)]).startswith("Trained each as its own model, 1 of the 2 shapes fits its")
    # each shape is its own model: the recap never calls them one cell
    assert "same cell" not in shapes_readings.shapes_summary([held, unheld])
    assert shapes_readings.shapes_summary([held, unheld]) != shapes_readings.shapes_reading([held, unheld])
