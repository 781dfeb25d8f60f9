"""Where one language model beats another, character by character (Karpathy et al. 2015, §4.3).

Given the bits two models need for every character of the same code, :func:`breakdown` averages
them over groups of characters that need different kinds of memory: inside strings and comments,
the first character of a line (which must know the indentation), and closing brackets by how far
back their opening bracket is, the paper's measure of long-range structure.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..tasks.code_features import scan

__all__ = ["DISTANCE_BINS", "BreakdownRow", "breakdown"]

#: Closing brackets are grouped by how many characters back their opening bracket is, in bins [lo, hi).
DISTANCE_BINS = ((1, 9), (9, 20), (20, 40), (40, 80), (80, 10**9))


@dataclass
class BreakdownRow:
    """Mean bits of two models over one group of predicted characters."""

    group: str
    count: int  # how many characters the group holds
    model_bits: float  # mean bits per character of the model
    baseline_bits: float  # the same for the baseline
    distance: tuple[int, int] | None = None  # closing brackets: [lo, hi) characters back to the opening one

    @property
    def gain(self) -> float:
        """Bits per character the model saves over the baseline (negative where it needs more)."""
        return self.baseline_bits - self.model_bits


def breakdown(text: str, model_bits, baseline_bits) -> list[BreakdownRow]:
    """Group the characters ``text[1:]`` and average both models' bits over each group.

    ``model_bits`` and ``baseline_bits`` hold ``len(text) - 1`` values: the bits for ``text[1:]``.
    Groups with no character are left out.

    >>> code = "x = f(a,\\n      b)  # c\\n"
    >>> rows = breakdown(code, np.ones(len(code) - 1), np.full(len(code) - 1, 2.0))
    >>> [(r.group, r.count, r.gain) for r in rows]  # doctest: +NORMALIZE_WHITESPACE
    [('all', 22, 1.0), ('inside a comment', 3, 1.0), ('first character of a line', 1, 1.0),
     ('code outside strings and comments', 19, 1.0), ('closing bracket, 9-19 characters after its opening', 1, 1.0)]
    """
    model_bits, baseline_bits = np.asarray(model_bits, dtype=float), np.asarray(baseline_bits, dtype=float)
    if model_bits.shape != (len(text) - 1,) or baseline_bits.shape != model_bits.shape:
        raise ValueError(
            f"breakdown: need {len(text) - 1} bits per model for a text of {len(text)} characters, "
            f"got {model_bits.shape} and {baseline_bits.shape}"
        )
    found = scan(text)
    take = lambda values: np.asarray(values[1:])  # noqa: E731 (the predicted characters)
    string = take(found.docstring) + take(found.short_string) > 0
    comment = take(found.comment) > 0
    line_start = take(found.line_position) == 0
    distance = take(found.close_distance)
    groups = [
        ("all", np.ones_like(string), None),
        ("inside a string", string, None),
        ("inside a comment", comment, None),
        ("first character of a line", line_start, None),
        ("code outside strings and comments", ~string & ~comment, None),
    ]
    for lo, hi in DISTANCE_BINS:
        span = f"{lo}-{hi - 1}" if hi < 10**9 else f"{lo} or more"
        groups.append((f"closing bracket, {span} characters after its opening", (distance >= lo) & (distance < hi), (lo, hi)))
    return [
        BreakdownRow(name, int(mask.sum()), float(model_bits[mask].mean()), float(baseline_bits[mask].mean()), bins)
        for name, mask, bins in groups
        if mask.any()
    ]
