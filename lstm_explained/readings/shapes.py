"""The reading of the shapes experiment (:mod:`~lstm_explained.experiments.shapes`): which of the
lecture's four shapes of sequence problem were learned perfectly, in words."""

from __future__ import annotations

from ..experiments.shapes import ShapeResult
from .words import part_of

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
    """:func:`shapes_reading` for a recap, in one sentence: whether each shape's own model fits its
    training cases, and how many of the shapes that hold cases out got all of them right.

    >>> r = ShapeResult("seq-to-seq", "machine translation", 10, 4, 1.0, 1.0, 0.1, ())
    >>> from dataclasses import replace
    >>> unheld = replace(r, test_accuracy=None, test_cases=0)
    >>> shapes_summary([r, r, r, unheld])
    'Trained each as its own model, all 4 shapes fit their training cases, and the 3 that hold cases out also got every held-out case right.'
    >>> shapes_summary([r, replace(r, test_accuracy=0.5), replace(unheld, train_accuracy=0.9)])
    'Trained each as its own model, 2 of the 3 shapes fit their training cases, and of the 2 that hold cases out, 1 got every held-out case right.'
    >>> shapes_summary([unheld])
    'Trained as its own model, the one shape fits its training cases, and it holds no cases out.'
    """
    if not results:
        raise ValueError("shapes_summary: there are no shapes to read")
    n = len(results)
    fit = sum(r.train_accuracy == 1 for r in results)
    held = [r for r in results if r.test_accuracy is not None]
    right = sum(r.test_accuracy == 1 for r in held)
    if n == 1:
        head = f"Trained as its own model, the one shape {'fits' if fit else 'does not fit'} its training cases"
    else:
        shapes = part_of(fit, n, "shape")
        head = f"Trained each as its own model, {shapes} {'fits its' if fit in (0, 1) and fit != n else 'fit their'} training cases"
    if not held:
        tail = "it holds no cases out" if n == 1 else "none holds cases out"
    elif right == len(held):
        tail = ("the one that holds cases out also got every held-out case right" if len(held) == 1
                else f"the {len(held)} that hold cases out also got every held-out case right")
    else:
        tail = f"of the {len(held)} that hold cases out, {right} got every held-out case right"
    return f"{head}, and {tail}."
