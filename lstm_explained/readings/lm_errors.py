"""The readings of the model-against-n-gram breakdown (:mod:`~lstm_explained.analysis.lm_errors`):
bracket distances as words, and where the model gains on closing brackets."""

from __future__ import annotations

from ..analysis.lm_errors import BreakdownRow
from .words import part_of

__all__ = ["SENTENCES", "bracket_reading", "distance_label"]


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


#: The sentences the bracket reading chooses from, each whole, with named fields.
SENTENCES = {
    "beyond_only": (
        "The LSTM saves bits on {wins} of closing brackets whose opening lies beyond the n-gram's context, and on none "
        "of those it can see. The gains fall where the n-gram cannot see the "
        "opening bracket, which goes with the LSTM carrying information further back, as the paper found."
    ),
    "not_everywhere": "On {losses} beyond the context it saves nothing, so the advantage does not hold at every distance.",
    "near_too": (
        "The LSTM saves bits on {near} of closing brackets the n-gram can see, and on {far} beyond its context: its "
        "gains are not only where the n-gram cannot see the opening bracket."
    ),
    "no_gain": "The LSTM saves bits on no group of closing brackets, near or far, unlike what the paper found for its models.",
}


def bracket_reading(rows: list[BreakdownRow], context: int) -> str:
    """Where the model gains on closing brackets, against a baseline that sees the ``context``
    characters before the one it predicts (an n-gram of order ``context + 1``), as whole sentences
    that count the distance groups (the table names them).

    >>> row = lambda lo, hi, gain: BreakdownRow("", 1, 1.0, 1.0 + gain, (lo, hi))
    >>> print(bracket_reading([row(1, 9, -0.1), row(9, 20, 0.2), row(80, 10**9, -0.05)], context=8))
    The LSTM saves bits on 1 of the 2 groups of closing brackets whose opening lies beyond the n-gram's context, and on none of those it can see. The gains fall where the n-gram cannot see the opening bracket, which goes with the LSTM carrying information further back, as the paper found. On 1 of the 2 groups beyond the context it saves nothing, so the advantage does not hold at every distance.
    >>> bracket_reading([row(1, 9, 0.1)], context=8)
    'The LSTM saves bits on the one group of closing brackets the n-gram can see, and on no group beyond its context: its gains are not only where the n-gram cannot see the opening bracket.'
    """
    closers = [r for r in rows if r.distance is not None]
    within = [r for r in closers if r.distance[1] - 1 <= context]  # the opening bracket is inside the context
    beyond = [r for r in closers if r not in within]
    near, far = [r for r in within if r.gain > 0], [r for r in beyond if r.gain > 0]
    if not near and not far:
        return SENTENCES["no_gain"]
    if near:
        return SENTENCES["near_too"].format(near=part_of(len(near), len(within), "group"), far=part_of(len(far), len(beyond), "group") if beyond else "no group")
    said = SENTENCES["beyond_only"].format(wins=part_of(len(far), len(beyond), "group"))
    losses = len(beyond) - len(far)
    return said + (" " + SENTENCES["not_everywhere"].format(losses=part_of(losses, len(beyond), "group")) if losses else "")
