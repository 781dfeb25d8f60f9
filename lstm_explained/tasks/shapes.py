"""The kinds of sequence problems the CS231n lecture sorts recurrent networks by, each as a tiny
task over the letters ``a``, ``b``, ``c`` that a small RNN learns in seconds.

- one-to-many (the lecture's image captioning): one letter in, its six-letter cycle out,
  ``b -> bcabca``;
- many-to-one (sentiment): seven letters in, the most frequent one out, ``abcbbca -> b``;
- many-to-many (tagging video frames): at each letter, whether it was seen before (``y`` or
  ``n``), ``abca -> nnny``;
- seq-to-seq (translation): five letters in, the same five reversed out, ``abcca -> accba``.

Every task lists all its cases; a seeded quarter of them is held out (one-to-many has three cases
and holds none out: it shows the shape, not generalisation).
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from dataclasses import dataclass

from .. import _checks

__all__ = ["ALPHABET", "SHAPES", "ShapeTask", "shape_task"]

ALPHABET = "abc"
#: The four shapes, in the lecture's order, with the application it names for each.
SHAPES = {
    "one-to-many": "image captioning",
    "many-to-one": "sentiment classification",
    "many-to-many": "video classification, frame by frame",
    "seq-to-seq": "machine translation",
}


@dataclass(frozen=True)
class ShapeTask:
    """One shape's cases, split into ``train`` and ``test`` lists of ``(input, target)`` strings."""

    shape: str
    train: tuple[tuple[str, str], ...]
    test: tuple[tuple[str, str], ...]

    @property
    def application(self) -> str:
        """What the lecture uses this shape for."""
        return SHAPES[self.shape]


def _cases(shape: str) -> list[tuple[str, str]]:
    if shape == "one-to-many":
        return [(a, (ALPHABET[k:] + ALPHABET[:k]) * 2) for k, a in enumerate(ALPHABET)]
    if shape == "many-to-one":
        cases = []
        for letters in itertools.product(ALPHABET, repeat=7):
            counts = Counter(letters).most_common() + [("", 0)]
            (top, n), (_, second) = counts[:2]
            if n > second:  # a tie has no single answer
                cases.append(("".join(letters), top))
        return cases
    if shape == "many-to-many":
        return [
            ("".join(s), "".join("y" if ch in s[:t] else "n" for t, ch in enumerate(s)))
            for s in itertools.product(ALPHABET, repeat=6)
        ]
    return [("".join(s), "".join(reversed(s))) for s in itertools.product(ALPHABET, repeat=5)]


def shape_task(shape: str, seed: int = 0) -> ShapeTask:
    """All cases of ``shape`` (one of :data:`SHAPES`), a seeded quarter held out.

    >>> task = shape_task("seq-to-seq")
    >>> len(task.train), len(task.test), task.train[0]
    (183, 60, ('caacb', 'bcaac'))
    >>> shape_task("one-to-many").train
    (('a', 'abcabc'), ('b', 'bcabca'), ('c', 'cabcab'))
    """
    _checks.one_of("shape_task", "shape", shape, SHAPES)
    cases = _cases(shape)
    if shape == "one-to-many":
        return ShapeTask(shape, tuple(cases), ())
    random.Random(seed).shuffle(cases)
    held = len(cases) // 4
    return ShapeTask(shape, tuple(cases[held:]), tuple(cases[:held]))
