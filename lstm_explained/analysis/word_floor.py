"""What the small language of :mod:`lstm_explained.tasks.hello` itself would pay on one text.

:func:`~lstm_explained.tasks.hello.entropy_rate` is an average over text drawn fresh from the
language. A particular text can cost its own best predictor a little more or less than that, so a
model's score on its training text is measured against the text's own cost, :func:`exact_bits`.
"""

from __future__ import annotations

import math

from .. import _checks
from ..tasks.hello import WORDS

__all__ = ["exact_bits"]


def exact_bits(text: str, words: tuple[str, ...] = WORDS) -> float:
    """Bits per character that the language's own model needs on ``text``: each next character
    predicted, from the second on, by the words (drawn with equal chance) that agree with what
    has been read of the current word, where a word that is complete leaves room for the next
    word's ``h``.

    .. math:: \\text{bits} = -\\frac{1}{n-1}\\sum_{t=1}^{n-1} \\log_2 P(x_{t+1} \\mid \\text{the current word so far})

    >>> round(exact_bits("hellohole"), 4)  # 'hello' after 'h', 'e', 'l', 'l' is a 2-bit choice, spread over its letters
    0.5
    >>> from lstm_explained.tasks.hello import entropy_rate, word_stream
    >>> round(exact_bits(word_stream(4000, seed=1)), 3), round(entropy_rate(), 3)  # on a long text, the average
    (0.471, 0.471)
    >>> exact_bits("hx")
    Traceback (most recent call last):
    ...
    ValueError: exact_bits: 'hx' is not a stream of the words ('hello', 'hell', 'hole', 'heel') (at character 1)
    """
    _checks.text("exact_bits", "text", text)
    if len(text) < 2 or not text.startswith("h"):
        raise ValueError(f"exact_bits: text must start a word with 'h' and hold at least 2 characters, got {text[:20]!r}")
    bits, start = 0.0, 0
    for t in range(1, len(text)):
        read, nxt = text[start:t], text[t]
        agree = [w for w in words if w.startswith(read)]
        # each agreeing word is equally likely; a complete one continues with the next word's 'h'
        going = sum(1 for w in agree if (w[len(read)] if len(w) > len(read) else "h") == nxt)
        if not going:
            raise ValueError(f"exact_bits: {text[:40]!r} is not a stream of the words {words} (at character {t})")
        bits -= math.log2(going / len(agree))
        if nxt == "h":
            start = t
    return bits / (len(text) - 1)
