"""The readings of the gates chapter's measurements (:mod:`~lstm_explained.experiments.gates`): what
a trained LSTM's forget gate does, and what the seeds tried say about how often a start learns."""

from __future__ import annotations

from ..experiments.gates import CLEAR, KEEP, GateReading
from ..experiments.trained import Chosen
from .words import capital, counted, listed, part_of, percents

__all__ = ["forget_reading", "forget_summary", "forget_verdict", "limits_reading", "remembers_reading", "ordering_reading", "beyond_reading", "ordering_summary", "start_reading", "switching_reading"]


#: How a sentence names each gate.
GATE_NAMES = {"i": "the input gate", "f": "the forget gate", "o": "the output gate"}


def remembers_reading(remembers: bool) -> str:
    """Whether the abaB model predicts what follows each "a" in the last repetition: "b" after the
    first, "B" after the second (:func:`~lstm_explained.tasks.toy.remembers`), as a sentence.

    >>> remembers_reading(True)
    'In the last repetition the model predicts "b" after the first "a" and "B" after the second: it remembers which "a" it read.'
    """
    if remembers:
        return 'In the last repetition the model predicts "b" after the first "a" and "B" after the second: it remembers which "a" it read.'
    return ('In the last repetition the model does not predict both "b" after the first "a" and "B" after the second: '
            "it has not learned to remember.")


def switching_reading(switching: dict[str, tuple[int, int]]) -> str:
    """Whether the gates that sit near the limits switch between them: how many of all the gates'
    units take a value below ``CLEAR`` at one step and above ``KEEP`` at another.

    >>> switching_reading({"i": (1, 2), "f": (0, 2), "o": (0, 2)})
    'Near the limits is not the same as switching, though: of the 6 gate units (one per gate and hidden unit), 1 takes values below 0.1 at one step and above 0.9 at another, and the other 5 never do.'
    >>> switching_reading({"i": (2, 2), "f": (2, 2)})
    'All 4 gate units take values below 0.1 at one step and above 0.9 at another: they switch.'
    >>> switching_reading({"i": (0, 1)})
    'Near the limits is not the same as switching, though: the one gate unit never takes values below 0.1 at one step and above 0.9 at another.'
    """
    switches = sum(s for s, _ in switching.values())
    units = sum(n for _, n in switching.values())
    if units == 0:
        raise ValueError("switching_reading: there are no gate units to read")
    line = f"below {CLEAR:g} at one step and above {KEEP:g} at another"
    if switches == units:
        counted_units = part_of(units, units, "gate unit")
        verb = "takes" if units == 1 else "take"
        return f"{counted_units[0].upper() + counted_units[1:]} {verb} values {line}: {'it switches' if units == 1 else 'they switch'}."
    lead = "Near the limits is not the same as switching, though:"
    if switches == 0:
        who = "the one gate unit never takes" if units == 1 else f"none of the {units} gate units takes"
        return f"{lead} {who} values {line}."
    rest = units - switches
    verb = "takes" if switches == 1 else "take"
    # each of the cell's units has its own value of every gate: a "gate unit" is one gate of one unit
    return (f"{lead} of the {units} gate units (one per gate and hidden unit), {switches} {verb} values {line}, "
            f"and the other {rest} never {'does' if rest == 1 else 'do'}.")


def limits_reading(near_limits: dict[str, float]) -> str:
    """Which gates sit nearest the limits 0 and 1 (the largest share of values below ``CLEAR`` or above
    ``KEEP``) and which stay furthest from one, compared as the page prints them (whole percent),
    so that a tie is named as one; a whole sentence.

    >>> limits_reading({"i": 0.62, "f": 0.05, "o": 0.31})
    'The input gate sits nearest the limits (62% of its values below 0.1 or above 0.9) and the forget gate furthest from them (5%).'
    >>> limits_reading({"i": 1.0, "f": 0.999, "o": 0.4})
    'The input gate and the forget gate sit nearest the limits (over 99% of their values below 0.1 or above 0.9) and the output gate furthest from them (40%).'
    >>> limits_reading({"i": 1.0, "f": 1.0, "o": 1.0}), limits_reading({"i": 0.0, "f": 0.001})
    ('Every value of every gate lies below 0.1 or above 0.9.', 'Under 1% of the values of each gate lie below 0.1 or above 0.9.')
    >>> limits_reading({"i": 0.0, "f": 0.0})
    'No value of any gate lies below 0.1 or above 0.9.'
    """
    if not near_limits:
        raise ValueError("limits_reading: there are no gates to compare")
    shown = {g: round(100 * share) for g, share in near_limits.items()}
    top, bottom = max(shown.values()), min(shown.values())
    line = f"below {CLEAR:g} or above {KEEP:g}"

    def said(whole: int) -> str:
        # a share that rounds to 100% or 0% without being it is not printed as all or none
        group = [near_limits[g] for g, v in shown.items() if v == whole]
        if whole == 100 and min(group) < 1:
            return "over 99%"
        if whole == 0 and max(group) > 0:
            return "under 1%"
        return f"{whole}%"

    if len(shown) == 1:
        (gate, share), = shown.items()
        name = GATE_NAMES.get(gate, gate)
        return f"{name[0].upper() + name[1:]} has {share}% of its values {line}."
    if top == bottom and said(top) == "0%":
        return f"No value of any gate lies {line}."
    if top == bottom and said(top) == "100%":
        return f"Every value of every gate lies {line}."
    if top == bottom:
        return f"{capital(said(top))} of the values of each gate lie {line}."
    most = [GATE_NAMES.get(g, g) for g, v in shown.items() if v == top]
    least = [GATE_NAMES.get(g, g) for g, v in shown.items() if v == bottom]
    one = len(most) == 1
    first = listed(most)
    return (
        f"{capital(first)} {'sits' if one else 'sit'} nearest the limits ({said(top)} of {'its' if one else 'their'} values {line}) "
        f"and {listed(least)} furthest from them ({said(bottom)})."
    )


def _steps_share(reading: GateReading) -> str:
    """The share of steps where the forget gate keeps one unit and clears another, never printed as 0%."""
    return "fewer than 1%" if round(100 * reading.keep_and_clear) == 0 else f"{reading.keep_and_clear:.0%}"


def forget_reading(reading: GateReading) -> str:
    """What the forget gate does, in whole sentences chosen by ``keep_and_clear``, ``largest_f``
    and ``smallest_f``.

    >>> forget_reading(GateReading({}, {}, [], 0.25, 0.99))
    'At 25% of the steps the forget gate keeps one unit of the cell state (above 0.9) and clears another (below 0.1), the split the lecture describes.'
    >>> forget_reading(GateReading({}, {}, [], 0.001, 0.99))[:28]
    'At fewer than 1% of the step'
    >>> print(forget_reading(GateReading({}, {}, [], 0.0, 0.0066)))
    This model's forget gate never keeps one unit while clearing another: it stays below 0.1 for every unit at every step, at most 0.0066. So each step's cell state keeps at most 0.0066 of the one before, and what the model remembers must travel through hₜ₋₁ instead, as in an RNN. For this model the lecture's reading does not hold.
    >>> forget_reading(GateReading({}, {}, [], 0.0, 0.99, smallest_f=0.95))
    'The forget gate keeps every unit at every step (never below 0.95): it never clears one.'
    """
    if reading.keep_and_clear > 0:
        share = _steps_share(reading)
        return (f"At {share} of the steps the forget gate keeps one unit of the cell state (above {KEEP:g}) and clears "
                f"another (below {CLEAR:g}), the split the lecture describes.")
    if reading.largest_f < CLEAR:
        most = f"{reading.largest_f:.2g}"
        return (
            f"This model's forget gate never keeps one unit while clearing another: it stays below {CLEAR:g} for every "
            f"unit at every step, at most {most}. So each step's cell state keeps at most {most} of the one before, and "
            "what the model remembers must travel through hₜ₋₁ instead, as in an RNN. For this model the lecture's "
            "reading does not hold."
        )
    if reading.smallest_f > KEEP:
        return f"The forget gate keeps every unit at every step (never below {reading.smallest_f:.2g}): it never clears one."
    return "This model's forget gate never keeps one unit while clearing another at the same step; it passes fractions, as the table shows."


def forget_summary(reading: GateReading) -> str:
    """:func:`forget_reading` for a recap: where this model keeps what it remembers, in one sentence.

    >>> forget_summary(GateReading({}, {}, [], 0.0, 0.0066))
    'Its forget gate never exceeds 0.0066, so this model carries what it remembers in h, not in the cell state.'
    >>> forget_summary(GateReading({}, {}, [], 0.25, 0.99))
    'Its forget gate keeps one unit and clears another at 25% of the steps, as the lecture describes.'
    >>> forget_summary(GateReading({}, {}, [], 0.0, 0.99, smallest_f=0.3))
    'Its forget gate passes fractions of the cell state rather than keeping one unit and clearing another.'
    """
    if reading.keep_and_clear > 0:
        share = _steps_share(reading)
        return f"Its forget gate keeps one unit and clears another at {share} of the steps, as the lecture describes."
    if reading.largest_f < CLEAR:
        return f"Its forget gate never exceeds {reading.largest_f:.2g}, so this model carries what it remembers in h, not in the cell state."
    if reading.smallest_f > KEEP:
        return f"Its forget gate keeps every unit at every step (never below {reading.smallest_f:.2g})."
    return "Its forget gate passes fractions of the cell state rather than keeping one unit and clearing another."


def beyond_reading(reading: GateReading, subject: str) -> str:
    """How often :math:`|g|`, :math:`|c|` and :math:`|h|` exceed :data:`~lstm_explained.experiments.gates.KEEP`,
    and whether that follows the lecture's ordering (:math:`g` at least as often as :math:`c`, and
    :math:`c` as :math:`h`), in one sentence about ``subject`` whose percentages separate every two
    shares that differ.

    >>> print(beyond_reading(GateReading({}, {"g": 0.9, "c": 0.5, "h": 0.1}, [], 0.0, 0.5), "this model"))
    In this model 90% of the candidate values, 50% of the cell values and 10% of the hidden values are beyond ±0.9, so the lecture's ordering (g beyond it at least as often as c, and c as h) holds here.
    >>> print(beyond_reading(GateReading({}, {"g": 0.452, "c": 0.454, "h": 0.1}, [], 0.0, 0.5), "this model"))
    In this model 45.2% of the candidate values, 45.4% of the cell values and 10.0% of the hidden values are beyond ±0.9, so the lecture's ordering (g beyond it at least as often as c, and c as h) does not hold here.
    """
    g, c, h = percents([reading.near_one[name] for name in ("g", "c", "h")])
    verdict = "holds" if reading.order_holds else "does not hold"
    return (
        f"In {subject} {g} of the candidate values, {c} of the cell values and {h} of the hidden values are "
        f"beyond ±{KEEP:g}, so the lecture's ordering (g beyond it at least as often as c, and c as h) {verdict} here."
    )


def ordering_summary(reading: GateReading) -> str:
    """Whether the lecture's ordering held, for a recap, with the three shares and, where the
    forget gate stays shut, the caveat of :func:`ordering_reading`: one half (:math:`c` before
    :math:`h`) holds by construction, and the other is then all but forced.

    >>> ordering_summary(GateReading({}, {"g": 0.9, "c": 0.5, "h": 0.1}, [], 0.0, 0.5))
    "The lecture's ordering of g, c and h by how often each is beyond ±0.9 holds here (90%, 50% and 10%); its c-before-h half holds by construction."
    >>> print(ordering_summary(GateReading({}, {"g": 1.0, "c": 0.88, "h": 0.0}, [], 0.0, 0.0066)))
    The lecture's ordering of g, c and h by how often each is beyond ±0.9 holds here (100%, 88% and 0%), but it says little about this model: its c-before-h half holds by construction, and with a forget gate that never exceeds 0.0066 the other half is all but forced.
    """
    g, c, h = percents([reading.near_one[name] for name in ("g", "c", "h")])
    verdict = "holds" if reading.order_holds else "does not hold"
    head = f"The lecture's ordering of g, c and h by how often each is beyond ±{KEEP:g} {verdict} here ({g}, {c} and {h})"
    if reading.order_holds and reading.largest_f < CLEAR:
        return (f"{head}, but it says little about this model: its c-before-h half holds by construction, and with a forget "
                f"gate that never exceeds {reading.largest_f:.2g} the other half is all but forced.")
    return f"{head}; its c-before-h half holds by construction." if reading.order_holds else f"{head}."


def ordering_reading(reading: GateReading) -> str:
    """Whether the other half of the lecture's ordering (:math:`g` near ±1 at least as often as
    :math:`c`) tests this model: not where the forget gate stays shut, since then
    :math:`c_t` is :math:`i_t g_t` up to a sliver of :math:`c_{t-1}` (Markdown, with math).

    >>> ordering_reading(GateReading({}, {"g": 0.9, "c": 0.5, "h": 0.1}, [], 0.0, 0.0066))[:83]
    'In this model the other half is all but forced too: its forget gate never exceeds 0'
    >>> ordering_reading(GateReading({}, {"g": 0.9, "c": 0.5, "h": 0.1}, [], 0.3, 0.99))
    'The comparison of $g$ with $c$ is the one that could have come out either way.'
    >>> ordering_reading(GateReading({}, {"g": 0.4, "c": 0.5, "h": 0.1}, [], 0.0, 0.0066))[:60]
    'In this model the ordering does not hold, though its forget '
    """
    if reading.largest_f < CLEAR:
        most = f"{reading.largest_f:.2g}"
        bound = f"$c_t$ is $i_t g_t$ plus at most {most} of $c_{{t-1}}$"
        if not reading.order_holds:
            return f"In this model the ordering does not hold, though its forget gate never exceeds {most}, so that {bound}."
        return (
            f"In this model the other half is all but forced too: its forget gate never exceeds {most}, so {bound}. "
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
    """What the seeds tried before ``chosen`` say about how often a start learns the task, as a sentence.

    >>> start_reading(Chosen(None, None, None, 2, [(0, False), (1, False), (2, True)]))
    'Of the first 3 seeds tried in this build, 2 did not learn to remember, so not every start learns it.'
    >>> start_reading(Chosen(None, None, None, 0, [(0, True)]))
    'In this build the first seed tried learned it, which says nothing about how often that happens.'
    """
    if chosen.stuck:
        return (f"Of the first {counted(len(chosen.tried), 'seed')} tried in this build, {chosen.stuck} did not learn to "
                "remember, so not every start learns it.")
    return "In this build the first seed tried learned it, which says nothing about how often that happens."
