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
    """
    scored = lambda r: r.test_accuracy if r.test_accuracy is not None else r.train_accuracy  # noqa: E731
    missed = [r.shape for r in results if scored(r) < 1]
    if not missed:
        return "every shape was learned perfectly, the held-out cases included"
    return f"{len(results) - len(missed)} of {len(results)} shapes were learned perfectly; {', '.join(missed)} got some cases wrong"
