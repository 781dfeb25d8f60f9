"""The reading of the shapes experiment (:mod:`~lstm_explained.experiments.shapes`): which of the
lecture's four shapes of sequence problem were learned perfectly, in words."""

from __future__ import annotations

from ..experiments.shapes import ShapeResult

__all__ = ["shapes_reading", "shapes_summary"]


def shapes_reading(results: list[ShapeResult]) -> str:
    """How many of the shapes that hold cases out got every held-out case right, and whether those
    that hold none out fit their training cases, in whole sentences that count (the table beside
    it names each shape).

    >>> r = ShapeResult("seq-to-seq", "machine translation", 10, 4, 1.0, 0.75, 0.1, ())
    >>> shapes_reading([r])
    'The one shape that holds cases out got some of them wrong.'
    >>> from dataclasses import replace
    >>> unheld = ShapeResult("one-to-many", "captioning", 3, 0, 1.0, None, 0.1, ())
    >>> shapes_reading([replace(r, test_accuracy=1.0), replace(r, shape="many-to-one", test_accuracy=1.0), unheld])
    'Both shapes that hold cases out got every held-out case right. The one that holds none out fits its training cases.'
    """
    if not results:
        raise ValueError("shapes_reading: there are no shapes to read")
    held = [r for r in results if r.test_accuracy is not None]
    unheld = [r for r in results if r.test_accuracy is None]
    sentences = []
    if held:
        right = sum(r.test_accuracy == 1 for r in held)
        subject = ("The one shape that holds cases out" if len(held) == 1 else "Both shapes that hold cases out" if len(held) == 2
                   else f"All {len(held)} shapes that hold cases out")
        if right == len(held):
            sentences.append(f"{subject} got every held-out case right.")
        elif right == 0:
            sentences.append(f"{subject} got some of them wrong." if len(held) == 1 else f"None of the {len(held)} shapes that hold cases out got every held-out case right.")
        else:
            sentences.append(f"Of the {len(held)} shapes that hold cases out, {right} got every held-out case right.")
    else:
        sentences.append("No shape holds cases out, so none is tested on cases it has not seen.")
    if unheld:
        fit = sum(r.train_accuracy == 1 for r in unheld)
        if len(unheld) == 1:
            sentences.append(f"The one that holds none out {'fits its training cases' if fit else 'does not fit all its training cases'}.")
        else:
            sentences.append(f"Of the {len(unheld)} that hold none out, {fit} fit their training cases.")
    return " ".join(sentences)


def shapes_summary(results: list[ShapeResult]) -> str:
    """:func:`shapes_reading` for a recap: on how many shapes the one cell, wired each way, got
    every case right (the held-out cases where a shape has them, else the training cases).

    >>> r = ShapeResult("seq-to-seq", "machine translation", 10, 4, 1.0, 1.0, 0.1, ())
    >>> from dataclasses import replace
    >>> shapes_summary([r, replace(r, test_accuracy=None, test_cases=0)])
    'Wired as each of the 2 shapes of problem, the same cell got every case right on all of them.'
    >>> shapes_summary([r, replace(r, test_accuracy=0.5)])
    'Wired as each of the 2 shapes of problem, the same cell got every case right on 1 of them.'
    >>> shapes_summary([replace(r, test_accuracy=0.5)] * 2)
    'Wired as each of the 2 shapes of problem, the same cell got every case right on none of them.'
    >>> shapes_summary([replace(r, test_accuracy=0.5)])
    'Wired as the one shape of problem here, the cell got some cases wrong.'
    """
    if not results:
        raise ValueError("shapes_summary: there are no shapes to read")
    perfect = sum((r.train_accuracy if r.test_accuracy is None else r.test_accuracy) == 1 for r in results)
    n = len(results)
    if n == 1:
        return f"Wired as the one shape of problem here, the cell got {'every case right' if perfect else 'some cases wrong'}."
    on = "all of them" if perfect == n else "none of them" if perfect == 0 else f"{perfect} of them"
    return f"Wired as each of the {n} shapes of problem, the same cell got every case right on {on}."
