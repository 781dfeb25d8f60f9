"""The readings of the cliff (:mod:`~lstm_explained.experiments.cliff`): what clipping changed on
the runs at the foot of the wall, and whether each kind of clipping kept the gradient's direction,
in words."""

from __future__ import annotations

from ..experiments.cliff import THROWN, ClippingStudy
from .words import figure, part_of

__all__ = ["clipping_reading", "cosine_reading"]


def clipping_reading(study: ClippingStudy) -> str:
    """What clipping changed on these runs, in whole sentences chosen by the rows; the table beside
    it gives every clipping setting.

    >>> from lstm_explained.experiments.cliff import ClipRow
    >>> row = lambda m, step, thrown, solved: ClipRow(m, m and 2.0 * m, step, thrown, solved, 0.0)
    >>> rows = [row(None, 90.0, 1.0, 1.0), row(0.5, 0.02, 0.0, 0.1), row(1.0, 0.04, 0.0, 1.0)]
    >>> print(clipping_reading(ClippingStudy(None, None, 1000, 2.0, rows, None, None)))
    Unclipped, 100% of the runs take a step longer than 1 (the longest 90) and 100% end solved. Clipped, no run takes such a step at any of the 2 thresholds. Every unclipped run ended solved, the ones thrown off the wall among them, so on this surface clipping bought shorter steps, not more solutions. At 1 of the 2 thresholds, most clipped runs had not reached a solution after 1000 steps.
    """
    free, *clipped = study.rows
    n = len(clipped)
    thrown = sum(r.thrown > 0 for r in clipped)
    sentences = [
        f"Unclipped, {free.thrown:.0%} of the runs take a step longer than {THROWN:g} (the longest {figure(free.largest_step)}) "
        f"and {free.solved:.0%} end solved.",
        ("Clipped, no run takes such a step." if n == 1 else f"Clipped, no run takes such a step at any of the {n} thresholds.") if not thrown else
        f"Clipped, some runs still take such a step at {part_of(thrown, n, 'threshold')}.",
    ]
    best = max(r.solved for r in clipped)
    if best > free.solved:
        sentences.append(f"At its best threshold clipping solved more runs than plain descent did ({best:.0%} against {free.solved:.0%}).")
    elif free.thrown > 0 and free.solved == 1:
        sentences.append("Every unclipped run ended solved, the ones thrown off the wall among them, so on this surface clipping "
                         "bought shorter steps, not more solutions.")
    elif free.thrown > 0:
        sentences.append(f"Clipping solved no more runs than plain descent did ({best:.0%} at best, against {free.solved:.0%}).")
    else:
        sentences.append("No unclipped run was thrown off here, so clipping had nothing to prevent.")
    slow = sum(r.solved < 0.5 * best for r in clipped)
    if slow:
        sentences.append(f"At {part_of(slow, n, 'threshold')}, most clipped runs had not reached a solution after {study.steps} steps.")
    return " ".join(sentences)


def cosine_reading(by_norm: float, by_value: float) -> str:
    """Whether each kind of clipping kept the gradient's direction, one sentence each.

    >>> print(cosine_reading(1.0, 0.42))
    Clipping by norm keeps the direction: its cosine with the unclipped gradient is 1.000000. Clipping each value turns it: the cosine is 0.420.
    >>> print(cosine_reading(1.0, 1.0))
    Clipping by norm keeps the direction: its cosine with the unclipped gradient is 1.000000. Clipping each value keeps it too: the cosine is 1.000.
    """
    kept = lambda c: c > 1 - 1e-9  # noqa: E731
    norm_words = "keeps the direction" if kept(by_norm) else "turns the direction"
    value_words = ("keeps it too" if kept(by_norm) else "keeps it") if kept(by_value) else "turns it"
    return (
        f"Clipping by norm {norm_words}: its cosine with the unclipped gradient is {by_norm:.6f}. "
        f"Clipping each value {value_words}: the cosine is {by_value:.3f}."
    )
