"""The four shapes' tasks: each target follows its rule, the held-out quarter is seeded and disjoint."""

import itertools
from collections import Counter

import pytest

from lstm_explained.tasks import shapes


@pytest.mark.parametrize("shape", list(shapes.SHAPES))
def test_held_out_cases_are_a_seeded_quarter_never_trained_on(shape):
    task = shapes.shape_task(shape, seed=1)
    assert task == shapes.shape_task(shape, seed=1)
    trained, held = {a for a, _ in task.train}, {a for a, _ in task.test}
    assert not trained & held
    if shape == "one-to-many":
        assert not held and len(trained) == 3
    else:
        total = len(trained) + len(held)
        assert len(held) == total // 4
        assert shapes.shape_task(shape, seed=2).test != task.test


def test_many_to_one_names_the_most_frequent_letter_and_drops_ties():
    task = shapes.shape_task("many-to-one")
    cases = task.train + task.test
    for text, target in cases:
        counts = Counter(text)
        assert counts[target] > max((n for ch, n in counts.items() if ch != target), default=0)
    tops = [sorted(Counter(s).values(), reverse=True) + [0] for s in itertools.product("abc", repeat=7)]
    ties = sum(c[0] == c[1] for c in tops)
    assert ties > 0 and len(cases) == 3**7 - ties


def test_many_to_many_marks_each_letter_seen_before():
    task = shapes.shape_task("many-to-many")
    for text, target in task.train + task.test:
        assert len(target) == len(text)
        for t, mark in enumerate(target):
            assert mark == ("y" if text[t] in text[:t] else "n")


def test_seq_to_seq_reverses_and_one_to_many_cycles():
    task = shapes.shape_task("seq-to-seq")
    assert all(target == text[::-1] for text, target in task.train + task.test)
    assert [t for _, t in shapes.shape_task("one-to-many").train] == ["abcabc", "bcabca", "cabcab"]
    assert task.application == "machine translation"


def test_an_unknown_shape_is_named():
    with pytest.raises(ValueError, match="shape_task: shape must be one of"):
        shapes.shape_task("many-to-some")
