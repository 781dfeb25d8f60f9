"""The hello readings: the lecture's model, the word models and the writings, each read by its numbers."""

import math

import pytest
import torch

from lstm_explained.experiments import hello as runs
from lstm_explained.readings import hello as hello_readings
from lstm_explained.tasks import hello


def test_the_readings_follow_the_numbers():
    greedy = runs.Writing("greedy", "one-hot", ["ellohelloheel"] * 4)
    near = runs.Writing("sample", "one-hot", ["ellohellhole", "eelholeheelh", "ellheelhelloh", "olehelloh"])
    far = runs.Writing("sample", "one-hot", ["ellohellohello"] * 4)
    assert "Sampling's mix of words is closer to the language's" in hello_readings.sampling_reading(greedy, near)
    assert "the diversity the lecture's answer names" in hello_readings.sampling_reading(greedy, near)
    # the same mix, rounded: equally far, and the moral does not claim sampling brought it closer
    tie = hello_readings.sampling_reading(greedy, far)
    assert "The two mixes of words are equally far from the language's" in tie and "not borne out here" in tie
    assert "Greedy writing used 1 of the 4 words, and sampling 4." in hello_readings.sampling_reading(greedy, near)  # this greedy text ends in no loop
    assert "Greedy writing gave 1 distinct text of 4, and sampling 4." in hello_readings.sampling_reading(greedy, near)
    # further from the language's mix: "no closer", whatever the count of distinct texts
    farther = runs.Writing("greedy", "one-hot", ["ellohellhole", "eelholeheelh", "ellheelhelloh", "olehelloh"])
    assert "is no closer to the language's" in hello_readings.sampling_reading(farther, far)
    same = runs.Writing("sample", "soft", near.texts)
    assert hello_readings.feedback_reading(near, same).endswith("On every seed the two feedings agree: each seed wrote only real words with both or with neither.")
    assert hello_readings.feedback_summary(near, same).endswith("(no seed differs).")
    broken = runs.Writing("sample", "soft", ["ellhoellhoel"] * 40)
    one_hot = runs.Writing("sample", "one-hot", ["ellohelloh"] * 40)
    assert "That is fewer: McNemar's test on the 40 seeds where only one of the two wrote only real words" in hello_readings.feedback_reading(one_hot, broken)
    assert hello_readings.feedback_summary(one_hot, broken).endswith("the share of texts with only real words fell from 100% to 0% (p < 0.0001).")
    # a few seeds differing, both ways: no difference the paired test can see, and the count is the input's
    mixed = runs.Writing("sample", "soft", ["ellhoellhoel"] * 3 + ["ellohelloh"] * 37)
    flipped = runs.Writing("sample", "one-hot", ["ellohelloh"] * 3 + ["ellhoellhoel"] * 2 + ["ellohelloh"] * 35)
    words = hello_readings.feedback_reading(flipped, mixed)
    assert "The test cannot tell the two apart: McNemar's test on the 5 seeds where only one of the two wrote only real words" in words and "38 of 40" in words
    assert "cannot tell apart" in hello_readings.feedback_summary(flipped, mixed)
    # one idea per sentence: the counts and the test are sentences of their own
    assert words.count(". ") == 2 and words.endswith(".")
    with pytest.raises(ValueError, match="the same seeds"):
        hello_readings.feedback_reading(one_hot, same)


def test_the_model_readings_follow_their_numbers():
    run = runs.lecture_run(steps=150)
    assert hello_readings.lecture_reading(run).startswith("The trained model reads the same “l” at steps 2 and 3")
    assert "A copy trained from the same start without recurrence gets 3 of the 4 steps right: steps 2 and 3 read the same" in hello_readings.lecture_reading(run)
    floor = hello.entropy_rate()
    seen = floor - 0.004  # a particular text can cost the language's own model less than the average
    memorised = runs.WordRun(None, torch.tensor([(seen - 0.1) * math.log(2)]), floor + 0.2)
    assert hello_readings.word_reading(memorised, seen).startswith(f"The model needs {seen - 0.1:.3f} bits per character on its training text, where the language's own model needs {seen:.3f}.")
    assert hello_readings.overfit_reading(memorised, seen).startswith("That goes with how it scored above")
    # below the average but not below this text's own cost: no sign of a learned text
    between = runs.WordRun(None, torch.tensor([(seen + 0.002) * math.log(2)]), floor + 0.2)
    assert between.train_bits < floor and hello_readings.overfit_reading(between, seen).startswith("Its scores above do not show that")
    # a tie as printed is no win
    tied = runs.WordRun(None, torch.tensor([(seen - 1e-5) * math.log(2)]), floor + 0.2)
    assert hello_readings.overfit_reading(tied, seen).startswith("Its scores above do not show that")
    worse = runs.WordRun(None, torch.zeros(1), floor + 0.5)
    assert ", more than the one-layer" in hello_readings.stacked_reading(memorised, worse)
    assert ", as many as the one-layer" in hello_readings.stacked_reading(worse, worse)
    assert ", fewer than the one-layer" in hello_readings.stacked_reading(worse, memorised)


def test_the_sampling_moral_is_chosen_by_the_distances():
    greedy = runs.Writing("greedy", "one-hot", ["ellohellohello"] * 4)
    same = runs.Writing("sample", "one-hot", ["ellohellohello"] * 4)
    assert "not borne out here" in hello_readings.sampling_reading(greedy, same)


def test_the_writing_summary_counts_one_text_in_the_singular_and_keeps_both_distances():
    from lstm_explained.experiments.hello import Writing

    greedy = Writing("greedy", "one-hot", ["hellhell"] * 4)
    sampled = Writing("sample", "one-hot", ["hello", "helo", "hell", "hello"])
    text = hello_readings.writing_summary(greedy, sampled)
    assert text.startswith("Of 4 texts from the word model, greedy writing gave 1 distinct one and sampling 3,")
    assert f"{greedy.distance:.2f} and {sampled.distance:.2f}" in text
    assert "1 distinct ones" not in hello_readings.writing_summary(greedy, greedy)
