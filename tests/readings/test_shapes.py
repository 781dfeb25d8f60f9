"""The shapes reading: it names the shapes that were not learned perfectly."""

from lstm_explained.experiments import shapes
from lstm_explained.readings import shapes as shapes_readings


def test_the_shapes_reading_names_the_shapes_that_missed():
    perfect = shapes.ShapeResult("one-to-many", "image captioning", 3, 0, 1.0, None, 0.0, ())
    missed = shapes.ShapeResult("many-to-one", "sentiment", 9, 3, 1.0, 2 / 3, 0.1, ())
    assert shapes_readings.shapes_reading([perfect]).startswith("every shape was learned perfectly")
    assert shapes_readings.shapes_reading([perfect, missed]) == "1 of 2 shapes were learned perfectly; many-to-one got some cases wrong"


def test_a_shape_with_nothing_held_out_is_not_said_to_pass_held_out_cases():
    unheld = shapes.ShapeResult("one-to-many", "image captioning", 3, 0, 1.0, None, 0.0, ())
    held = shapes.ShapeResult("seq-to-seq", "translation", 183, 60, 1.0, 1.0, 0.0, ())
    both = shapes_readings.shapes_reading([held, unheld])
    assert "the held-out cases included" not in both
    assert "the one-to-many task, which holds none out, got its training cases right" in both
    assert shapes_readings.shapes_reading([unheld]) == (
        "every shape was learned perfectly: the one-to-many task, which holds none out, got its training cases right"
    )
    assert shapes_readings.shapes_reading([held]) == "every shape was learned perfectly, the held-out cases included"
