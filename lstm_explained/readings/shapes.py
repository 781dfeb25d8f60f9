"""The reading of the shapes experiment (:mod:`~lstm_explained.experiments.shapes`): which of the
lecture's four shapes of sequence problem were learned perfectly, in words."""

from __future__ import annotations

from ..experiments.shapes import ShapeResult

__all__ = ["shapes_reading"]


def shapes_reading(results: list[ShapeResult]) -> str:
    """Which shapes were learned perfectly: on the held-out cases, or on the training ones where
    nothing is held out.

    >>> r = ShapeResult("seq-to-seq", "machine translation", 10, 4, 1.0, 0.75, 0.1, ())
    >>> shapes_reading([r])
    '0 of 1 shapes were learned perfectly; seq-to-seq got some cases wrong'
    >>> from dataclasses import replace
    >>> unheld = ShapeResult("one-to-many", "captioning", 3, 0, 1.0, None, 0.1, ())
    >>> shapes_reading([replace(r, test_accuracy=1.0), replace(r, shape="many-to-one", test_accuracy=1.0), unheld])
    'every shape was learned perfectly: the 2 shapes that hold cases out got every held-out case right, and the one-to-many task, which holds none out, got its training cases right'
    >>> shapes_reading([replace(r, test_accuracy=1.0), unheld])
    'every shape was learned perfectly: the one shape that holds cases out got every held-out case right, and the one-to-many task, which holds none out, got its training cases right'
    """
    scored = lambda r: r.test_accuracy if r.test_accuracy is not None else r.train_accuracy  # noqa: E731
    missed = [r.shape for r in results if scored(r) < 1]
    if missed:
        return f"{len(results) - len(missed)} of {len(results)} shapes were learned perfectly; {', '.join(missed)} got some cases wrong"
    unheld = [r.shape for r in results if r.test_accuracy is None]
    if not unheld:
        return "every shape was learned perfectly, the held-out cases included"
    held = len(results) - len(unheld)
    shapes = "the one shape that holds cases out" if held == 1 else f"the {held} shapes that hold cases out"
    tasks = " and ".join(f"the {s} task" for s in unheld)
    which, its = ("holds", "its") if len(unheld) == 1 else ("hold", "their")
    first = f"{shapes} got every held-out case right, and " if held else ""
    return f"every shape was learned perfectly: {first}{tasks}, which {which} none out, got {its} training cases right"
