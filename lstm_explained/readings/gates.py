"""The readings of the gates chapter's measurements (:mod:`~lstm_explained.experiments.gates`): what
a trained LSTM's forget gate does, and what the seeds tried say about how often a start learns."""

from __future__ import annotations

from ..experiments.gates import CLEAR, KEEP, GateReading
from ..experiments.trained import Chosen

__all__ = ["forget_reading", "forget_verdict", "start_reading"]


def forget_reading(reading: GateReading) -> str:
    """What the forget gate does, in words chosen by ``keep_and_clear`` and ``largest_f``.

    >>> forget_reading(GateReading({}, {}, [], 0.25, 0.99))[:60]
    'At 25% of all steps this forget gate keeps one unit of the c'
    >>> forget_reading(GateReading({}, {}, [], 0.0, 0.05))[:46]
    'This model never does: its forget gate stays b'
    """
    if reading.keep_and_clear > 0:
        return (
            f"At {reading.keep_and_clear:.0%} of all steps this forget gate keeps one unit of the cell state "
            f"(above {KEEP}) while clearing the other (below {CLEAR}): the pattern the lecture describes, "
            "though which unit does what differs from the lecture's model."
        )
    if reading.largest_f < CLEAR:
        return (
            f"This model never does: its forget gate stays below {CLEAR} for every unit at every step "
            f"(at most {reading.largest_f:.3f}), so its cell state holds only the current step's "
            "iₜ ⊙ gₜ. What it remembers must travel through hₜ₋₁ instead, as in an RNN. "
            "For this model the lecture's reading does not hold."
        )
    return (
        "This model never keeps one unit while clearing another at the same step; "
        "its forget gate passes fractions, as the table shows."
    )


def forget_verdict(value: float) -> str:
    """What a forget gate value does to the cell state, in a word.

    >>> forget_verdict(0.95), forget_verdict(0.02), forget_verdict(0.5)
    ('keeps', 'clears', 'passes 0.50')
    """
    return "keeps" if value > KEEP else "clears" if value < CLEAR else f"passes {value:.2f}"


def start_reading(chosen: Chosen) -> str:
    """What the seeds tried before ``chosen`` say about how often a start learns the task.

    >>> start_reading(Chosen(None, None, None, 2, [(0, False), (1, False), (2, True)]))
    'in this build the first 3 seeds tried included 2 that got stuck, so not every start learns it'
    """
    if chosen.stuck:
        return f"in this build the first {len(chosen.tried)} seeds tried included {chosen.stuck} that got stuck, so not every start learns it"
    return "in this build the first seed tried learned it, which says nothing about how often that happens"
