"""The character model's readings: whose corpus the seed record read, and where argmax text loops."""

from lstm_explained.experiments.language_model import SeedRecord, SeedRun
from lstm_explained.readings import language_model as language_model_readings
from lstm_explained.training.tbptt import Config


def test_the_python_reading_says_whether_the_corpus_is_this_builds():
    runs = [SeedRun(0, 1.85, 1.56, 170.0), SeedRun(1, 1.84, 1.55, 171.0)]
    record = SeedRecord(Config(), "3.11.7", "", "", "", runs)
    assert language_model_readings.python_reading(record, "3.11.7") == "Python 3.11.7, the same as this build, so the same corpus"
    assert "so this build's model is not one of the 2 draws" in language_model_readings.python_reading(record, "3.12.1")


def test_the_loop_reading_says_where_a_loop_starts_and_how_long_it_is():
    assert language_model_readings.loop_reading("x = 1\nyyyyyy").endswith("from character 6 on it repeats one character, 'y'")
    assert language_model_readings.loop_reading("x = 1" + " " * 9).endswith("repeats one character, a space")  # a blank the page would not show
    assert language_model_readings.loop_reading("def f(x): return x + 1") == "Argmax decoding has no randomness, though in these 22 characters it does not fall into a loop"
