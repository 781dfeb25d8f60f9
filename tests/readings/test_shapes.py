"""The shapes reading: it names the shapes that were not learned perfectly."""

from lstm_explained.experiments import shapes
from lstm_explained.readings import shapes as shapes_readings


def test_the_shapes_reading_names_the_shapes_that_missed():
    perfect = shapes.ShapeResult("one-to-many", "image captioning", 3, 0, 1.0, None, 0.0, ())
    missed = shapes.ShapeResult("many-to-one", "sentiment", 9, 3, 1.0, 2 / 3, 0.1, ())
    assert shapes_readings.shapes_reading([perfect]).startswith("every shape was learned perfectly")
    assert shapes_readings.shapes_reading([perfect, missed]) == "1 of 2 shapes were learned perfectly; many-to-one got some cases wrong"
