"""The readings of the model-against-n-gram breakdown (:mod:`~lstm_explained.analysis.lm_errors`):
bracket distances as words, and where the model gains on closing brackets."""

from __future__ import annotations

from ..analysis.lm_errors import BreakdownRow

__all__ = ["bracket_reading", "distance_label"]


def distance_label(row: BreakdownRow) -> str:
    """``row``'s bracket distance as words, ``'9-19'`` or ``'80 or more'`` (empty for other groups).

    >>> distance_label(BreakdownRow("", 1, 1.0, 1.0, (9, 20))), distance_label(BreakdownRow("", 1, 1.0, 1.0, (80, 10**9)))
    ('9-19', '80 or more')
    >>> distance_label(BreakdownRow("all", 1, 1.0, 1.0))
    ''
    """
    if row.distance is None:
        return ""
    lo, hi = row.distance
    return f"{lo}-{hi - 1}" if hi < 10**9 else f"{lo} or more"


def bracket_reading(rows: list[BreakdownRow], context: int) -> str:
    """Where the model gains on closing brackets, against a baseline that sees the ``context``
    characters before the one it predicts (an n-gram of order ``context + 1``), in words.

    >>> row = lambda lo, hi, gain: BreakdownRow("", 1, 1.0, 1.0 + gain, (lo, hi))
    >>> print(bracket_reading([row(1, 9, -0.1), row(9, 20, 0.2), row(80, 10**9, -0.05)], context=8))
    every gain is on brackets whose opening lies beyond the n-gram's context (9-19 characters back), and none on
    those it can see: memory beyond a fixed window is what the LSTM adds, as the paper found; but not without
    limit: it loses again at 80 or more characters
    >>> bracket_reading([row(1, 9, 0.1)], context=8)
    "it gains at 1-8 characters, not only beyond the n-gram's context"
    """
    closers = [r for r in rows if r.distance is not None]
    within = [r for r in closers if r.distance[1] - 1 <= context]  # the opening bracket is inside the context
    beyond = [r for r in closers if r not in within]
    wins = [r for r in closers if r.gain > 0]
    if wins and all(r in beyond for r in wins) and all(r.gain <= 0 for r in within):
        reading = (
            f"every gain is on brackets whose opening lies beyond the n-gram's context ({', '.join(distance_label(r) for r in wins)} "
            "characters back), and none on those it can see: memory beyond a fixed window is what the LSTM adds, as the paper found"
        )
        losses = [r for r in beyond if r.gain <= 0]
        if losses:
            reading += f"; but not without limit: it loses again at {', '.join(distance_label(r) for r in losses)} characters"
        return reading
    if wins:
        return f"it gains at {', '.join(distance_label(r) for r in wins)} characters, not only beyond the n-gram's context"
    return "it gains on no closing bracket, near or far, unlike what the paper found for its models"
