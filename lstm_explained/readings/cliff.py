"""The readings of the cliff (:mod:`~lstm_explained.experiments.cliff`): what clipping changed on
the runs at the foot of the wall, and whether each kind of clipping kept the gradient's direction,
in words."""

from __future__ import annotations

from ..experiments.cliff import THROWN, ClippingStudy

__all__ = ["clipping_reading", "cosine_reading"]


def clipping_reading(study: ClippingStudy) -> str:
    """What clipping changed on these runs, in words chosen by the rows.

    >>> from lstm_explained.experiments.cliff import ClipRow
    >>> row = lambda m, step, thrown, solved: ClipRow(m, m and 2.0 * m, step, thrown, solved, 0.0)
    >>> rows = [row(None, 90.0, 1.0, 1.0), row(0.5, 0.02, 0.0, 0.1), row(1.0, 0.04, 0.0, 1.0)]
    >>> clipping_reading(ClippingStudy(None, None, 1000, 2.0, rows, None, None))
    'Unclipped, 100% of the runs take a step longer than 1 (the longest 90) and 100% end solved. Clipped, no run is thrown off; solved: 10% at 0.5× the average norm, 100% at 1×. Every unclipped run ended solved, the ones thrown off the wall among them, so on this surface clipping bought shorter steps, not more solutions; at 0.5× most clipped runs had not reached it after 1000 steps'
    """
    free, *clipped = study.rows
    words = (
        f"Unclipped, {free.thrown:.0%} of the runs take a step longer than {THROWN:g} (the longest {free.largest_step:.0f}) "
        f"and {free.solved:.0%} end solved. Clipped, "
        + ("no run is thrown off" if all(r.thrown == 0 for r in clipped) else "some runs are still thrown off")
        + "; solved: " + ", ".join(f"{r.solved:.0%} at {r.multiple:g}×" + (" the average norm" if k == 0 else "")
                                   for k, r in enumerate(clipped))
    )
    best = max(r.solved for r in clipped)
    if best > free.solved:
        words += ". Clipping solved more runs than plain descent did"
    elif free.thrown > 0 and free.solved == 1:
        words += (
            ". Every unclipped run ended solved, the ones thrown off the wall among them, so on this surface clipping "
            "bought shorter steps, not more solutions"
        )
    elif free.thrown > 0:
        words += f". Clipping solved no more runs than plain descent did ({best:.0%} at best, against {free.solved:.0%})"
    else:
        words += ". Clipping changed little here: no unclipped run was thrown off"
    slow = [r for r in clipped if r.solved < 0.5 * best]
    if slow:
        words += f"; at {', '.join(f'{r.multiple:g}×' for r in slow)} most clipped runs had not reached it after {study.steps} steps"
    return words


def cosine_reading(by_norm: float, by_value: float) -> str:
    """Whether each kind of clipping kept the gradient's direction.

    >>> cosine_reading(1.0, 0.42)
    'clipping by norm keeps the direction (cosine 1.000000 with the unclipped gradient); clipping each value turns it (cosine 0.420)'
    """
    kept = lambda c: c > 1 - 1e-9  # noqa: E731
    norm_words = "keeps the direction" if kept(by_norm) else "turns it"
    value_words = "keeps it too" if kept(by_value) else "turns it"
    return (
        f"clipping by norm {norm_words} (cosine {by_norm:.6f} with the unclipped gradient); "
        f"clipping each value {value_words} (cosine {by_value:.3f})"
    )
