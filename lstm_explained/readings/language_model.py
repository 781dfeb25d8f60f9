"""The readings of the character language model (:mod:`~lstm_explained.experiments.language_model`
and :mod:`~lstm_explained.models.charlm`): whose corpus the quoted seed record read, and whether
argmax-decoded text falls into a loop, in words."""

from __future__ import annotations

from ..experiments.language_model import SeedRecord
from ..models.charlm import cycle

__all__ = ["loop_reading", "python_reading"]


def python_reading(record: SeedRecord, current: str) -> str:
    """Whether ``record``'s corpus is this build's (Python ``current``), in words.

    >>> from lstm_explained.training.tbptt import Config
    >>> record = SeedRecord(Config(), "3.11.7", "", "", "", [])
    >>> python_reading(record, "3.11.7")
    'Python 3.11.7, the same as this build, so the same corpus'
    """
    if record.python == current:
        return f"Python {record.python}, the same as this build, so the same corpus"
    return (
        f"Python {record.python}, whose standard library differs from this build's ({current}): "
        f"those models read a slightly different corpus, so this build's model is not one of the {len(record.runs)} draws, "
        "but the spread still says how much the seed alone moves the result"
    )


def loop_reading(text: str) -> str:
    """Whether argmax-decoded ``text`` falls into a loop (:func:`~lstm_explained.models.charlm.cycle`), in words.

    >>> loop_reading("def f(x): ab ab ab ab")
    'Argmax decoding has no randomness, and here it falls into a loop: from character 9 on it repeats the same 3 characters'
    >>> loop_reading("def f(x):" + " " * 20)
    'Argmax decoding has no randomness, and here it falls into a loop: from character 9 on it repeats one character, a space'
    """
    loop = cycle(text)
    if loop is None:
        return f"Argmax decoding has no randomness, though in these {len(text)} characters it does not fall into a loop"
    start, period = loop
    named = {" ": "a space", "\n": "a line break", "\t": "a tab"}
    repeated = f"one character, {named.get(text[start], repr(text[start]))}" if period == 1 else f"the same {period} characters"
    return f"Argmax decoding has no randomness, and here it falls into a loop: from character {start} on it repeats {repeated}"
