"""The gates and soy-sauce chapters' tables: the lecture's comparison of variables, the three brews, the forget gate."""

from __future__ import annotations

from ..experiments import analogy
from ..experiments.gates import GateReading
from ..readings.gates import forget_verdict
from .tables import Table

__all__ = ["comparison", "forget_gate", "stages"]


def comparison() -> Table:
    """The lecture's comparison of the RNN's and the LSTM's variables (:data:`~lstm_explained.experiments.analogy.COMPARISON`).

    >>> [row[0] for row in comparison().rows]
    ['RNN hₜ', 'LSTM gₜ', 'LSTM cₜ', 'LSTM hₜ']
    """
    return Table(
        analogy.COMPARISON["columns"], analogy.COMPARISON["rows"],
        caption="The lecture's comparison of the RNN's and the LSTM's variables, with the remarks its notes make (콩물 xₜ is the input to all).",
    )


def _vector(values: list[float]) -> str:
    return "[" + ", ".join(f"{v:+.2f}" for v in values) + "]"


def stages(found: list[analogy.Stage]) -> Table:
    """Each step's three brews (:func:`~lstm_explained.experiments.analogy.stages`).

    >>> stages([analogy.Stage(3, "B", [0.5], [1.0], [-0.25], "a", 0.875)]).rows
    [[3, "'B'", '[+0.50]', '[+1.00]', '[-0.25]', "'a' (0.88)"]]
    """
    return Table(
        columns=["t", "콩물 xₜ", "1차 간장 gₜ", "2차 간장 cₜ", "3차 간장 hₜ", "predicted next"],
        rows=[[s.t, repr(s.read), _vector(s.g), _vector(s.c), _vector(s.h), f"{s.predicted!r} ({s.probability:.2f})"] for s in found],
        caption="Each step's three brews, from a trained model.",
    )


def forget_gate(reading: GateReading) -> Table:
    """What the forget gate does with each unit at each position of the pattern, averaged over
    repetitions (:func:`~lstm_explained.experiments.gates.read_gates`).

    >>> forget_gate(GateReading({}, {}, [("a", [0.95, 0.5])], 0.0, 0.95)).rows
    [["'a'", 'keeps', 'passes 0.50']]
    """
    units = len(reading.forget_by_position[0][1]) if reading.forget_by_position else 0
    return Table(
        ["character read", *(f"unit {k} of c" for k in range(units))],  # numbered from 0, as the figures number them
        [[repr(char), *map(forget_verdict, means)] for char, means in reading.forget_by_position],
    )
