"""The shapes experiment: every shape trains, is cached, and is scored on whole cases it did not see."""

import pytest

from lstm_explained.experiments import shapes
from lstm_explained.tasks.shapes import SHAPES, shape_task


def test_a_run_is_cached_and_its_accuracy_counts_whole_cases():
    first = shapes.run("seq-to-seq", steps=30, hidden=8)
    again = shapes.run("seq-to-seq", steps=30, hidden=8)
    assert first == again
    task = shape_task("seq-to-seq")
    assert (first.train_cases, first.test_cases) == (len(task.train), len(task.test))
    assert [(a, t) for a, _, t in first.examples] == list(task.test[:3])
    shown = sum(w == t for _, w, t in first.examples)
    assert 0 <= first.test_accuracy <= 1 and (first.test_accuracy < 1 or shown == 3)


def test_a_trained_shape_model_learns_and_one_to_many_holds_nothing_out():
    r = shapes.run("one-to-many", steps=300, hidden=16)
    assert r.test_accuracy is None and r.train_accuracy == 1.0
    assert all(w == t for _, w, t in r.examples)


def test_run_all_runs_every_shape_in_order(monkeypatch):
    seen = []
    monkeypatch.setattr(shapes, "run", lambda shape, **kw: seen.append((shape, kw)) or shape)
    assert shapes.run_all(steps=3) == list(SHAPES) and seen[0] == ("one-to-many", {"steps": 3})


def test_bad_settings_are_named():
    with pytest.raises(ValueError, match="run: shape must be one of"):
        shapes.run("none")
    with pytest.raises(ValueError, match="run: steps must be a positive int"):
        shapes.run("seq-to-seq", steps=0)
    with pytest.raises(ValueError, match="run: seed must be"):
        shapes.run("seq-to-seq", seed=-1)
