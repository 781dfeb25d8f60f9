"""The readings of the gates chapter's measurements (:mod:`~lstm_explained.experiments.gates`): what
a trained LSTM's forget gate does, and what the seeds tried say about how often a start learns."""

from __future__ import annotations

from ..experiments.gates import CLEAR, KEEP, GateReading
from ..experiments.trained import Chosen
from .words import listed

__all__ = ["forget_reading", "forget_verdict", "limits_reading", "remembers_reading", "ordering_reading", "start_reading", "switching_reading"]


#: How a sentence names each gate.
GATE_NAMES = {"i": "the input gate", "f": "the forget gate", "o": "the output gate"}


def remembers_reading(remembers: bool) -> str:
    """Whether the abaB model predicts what follows each "a": "b" after the first, "B" after the second.

    >>> remembers_reading(True)
    'predicts what follows both "a"s, "b" after the first and "B" after the second: it remembers which "a" it read'
    """
    if remembers:
        return 'predicts what follows both "a"s, "b" after the first and "B" after the second: it remembers which "a" it read'
    return 'does not predict what follows both "a"s ("b" after the first, "B" after the second): it has not learned to remember'


def switching_reading(switching: dict[str, tuple[int, int]]) -> str:
    """Whether the gates that sit near the limits switch between them or stay at one: how many of
    all the gates' units take a value below ``CLEAR`` at one step and above ``KEEP`` at another.

    >>> switching_reading({"i": (1, 2), "f": (0, 2), "o": (0, 2)})
    'Near the limits is not the same as switching, though: only 1 of the 6 gate units goes from below 0.1 to above 0.9; the other 5 stay on one side throughout, so they act as constants, not switches'
    >>> switching_reading({"i": (2, 2), "f": (2, 2)})
    'Every one of the 4 gate units goes from below 0.1 to above 0.9 at some step: they switch'
    >>> switching_reading({"i": (0, 2), "f": (0, 2), "o": (0, 2)})
    'Near the limits is not the same as switching, though: none of the 6 gate units goes from below 0.1 to above 0.9; each stays on one side throughout, so they act as constants, not switches'
    """
    switches = sum(s for s, _ in switching.values())
    units = sum(n for _, n in switching.values())
    if units == 0:
        raise ValueError("switching_reading: there are no gate units to read")
    line = f"goes from below {CLEAR:g} to above {KEEP:g}"
    if switches == units:
        return f"Every one of the {units} gate units {line} at some step: they switch"
    if switches == 0:
        return (f"Near the limits is not the same as switching, though: none of the {units} gate units {line}; "
                "each stays on one side throughout, so they act as constants, not switches")
    rest = units - switches
    return (f"Near the limits is not the same as switching, though: only {switches} of the {units} gate units {line}; "
            f"the other {rest} stay{'s' if rest == 1 else ''} on one side throughout, so {'it acts as a constant, not a switch' if rest == 1 else 'they act as constants, not switches'}")


def limits_reading(near_limits: dict[str, float]) -> str:
    """Which gates sit nearest the limits 0 and 1 (the largest share of values below ``CLEAR`` or above
    ``KEEP``) and which stay furthest from one, compared as the page prints them (whole percent),
    so that a tie is named as one.

    >>> limits_reading({"i": 0.62, "f": 0.05, "o": 0.31})
    'the input gate sits nearest the limits (62% of its values below 0.1 or above 0.9) and the forget gate furthest from them (5%)'
    >>> limits_reading({"i": 1.0, "f": 0.999, "o": 0.4})
    'the input gate and the forget gate sit nearest the limits (100% of their values below 0.1 or above 0.9) and the output gate furthest from them (40%)'
    >>> limits_reading({"i": 1.0, "f": 1.0, "o": 1.0})
    'the three gates sit equally near the limits: 100% of the values of each lie below 0.1 or above 0.9'
    """
    if not near_limits:
        raise ValueError("limits_reading: there are no gates to compare")
    shown = {g: round(100 * share) for g, share in near_limits.items()}
    top, bottom = max(shown.values()), min(shown.values())
    line = f"below {CLEAR:g} or above {KEEP:g}"
    if top == bottom:
        every = {1: "the one gate sits", 2: "the two gates sit", 3: "the three gates sit"}.get(len(shown), f"all {len(shown)} gates sit")
        return f"{every} equally near the limits: {top}% of the values of each lie {line}"
    most = [GATE_NAMES.get(g, g) for g, v in shown.items() if v == top]
    least = [GATE_NAMES.get(g, g) for g, v in shown.items() if v == bottom]
    one = len(most) == 1
    return (
        f"{listed(most)} {'sits' if one else 'sit'} nearest the limits ({top}% of {'its' if one else 'their'} values {line}) "
        f"and {listed(least)} furthest from them ({bottom}%)"
    )


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


def ordering_reading(reading: GateReading) -> str:
    """Whether the other half of the lecture's ordering (:math:`g` near ±1 at least as often as
    :math:`c`) tests this model: not where the forget gate stays shut, since then
    :math:`c_t` is :math:`i_t g_t` up to a sliver of :math:`c_{t-1}` (Markdown, with math).

    >>> ordering_reading(GateReading({}, {}, [], 0.0, 0.0066))[:83]
    'In this model the other half is all but forced too: its forget gate never exceeds 0'
    >>> ordering_reading(GateReading({}, {}, [], 0.3, 0.99))
    'The comparison of $g$ with $c$ is the one that could have come out either way.'
    """
    if reading.largest_f < CLEAR:
        return (
            f"In this model the other half is all but forced too: its forget gate never exceeds {reading.largest_f:.2g}, "
            f"so $c_t$ is $i_t g_t$ plus at most that share of $c_{{t-1}}$, and $|c_t| \\le |g_t| + {reading.largest_f:.2g}\\,|c_{{t-1}}|$. "
            "So the ordering says little about this model."
        )
    return "The comparison of $g$ with $c$ is the one that could have come out either way."


def forget_verdict(value: float) -> str:
    """What a forget gate value does to the cell state, in a word.

    >>> forget_verdict(0.95), forget_verdict(0.02), forget_verdict(0.5)
    ('keeps', 'clears', 'passes 0.50')
    """
    return "keeps" if value > KEEP else "clears" if value < CLEAR else f"passes {value:.2f}"


def start_reading(chosen: Chosen) -> str:
    """What the seeds tried before ``chosen`` say about how often a start learns the task.

    >>> start_reading(Chosen(None, None, None, 2, [(0, False), (1, False), (2, True)]))
    'in this build the first 3 seeds tried included 2 that did not learn to remember, so not every start learns it'
    """
    if chosen.stuck:
        return f"in this build the first {len(chosen.tried)} seeds tried included {chosen.stuck} that did not learn to remember, so not every start learns it"
    return "in this build the first seed tried learned it, which says nothing about how often that happens"
