"""The CS231n lecture's character model: the word ``hello`` over the vocabulary h, e, l, o, and a
small language of words over the same four letters, for the question "why sample?".

With one training word there is nothing to choose between: every step has one right next letter.
:data:`WORDS` gives the model real choices (after ``he`` comes ``l`` or ``e``), and since every
word starts with ``h`` and no other letter is ``h``, a generated text splits back into words.
"""

from __future__ import annotations

import math
import random

from .. import _checks
from .vocab import Vocab

__all__ = ["HELLO", "VOCAB", "WORDS", "entropy_rate", "split_words", "word_stream"]

#: The lecture's training word.
HELLO = "hello"
#: The lecture's vocabulary, in its order.
VOCAB = Vocab("helo")
#: The words of the small language, drawn with equal chance; each starts with its only ``h``.
WORDS = ("hello", "hell", "hole", "heel")


def word_stream(n_words: int, seed: int = 0) -> str:
    """``n_words`` words of :data:`WORDS` drawn independently with equal chance, written one after
    another with nothing between them (the vocabulary has no space).

    >>> word_stream(4)
    'heelheelhellohole'
    """
    _checks.positive_int("word_stream", "n_words", n_words)
    draw = random.Random(seed)
    return "".join(draw.choice(WORDS) for _ in range(n_words))


def split_words(text: str) -> list[str]:
    """``text`` cut before every ``h``: the words a generated text is made of. Text before the
    first ``h`` (a continuation of the prompt's word) is the first piece.

    >>> split_words("llohelloheelhol")
    ['llo', 'hello', 'heel', 'hol']
    """
    _checks.text("split_words", "text", text)
    pieces = text.replace("h", "\0h").split("\0")
    return [p for p in pieces if p]


def entropy_rate() -> float:
    """Bits per character of :func:`word_stream`, the least any model can average on it.

    Each word carries :math:`\\log_2 4 = 2` bits of choice and the cut between words is known (it
    is the next ``h``), so the rate is 2 bits over the mean word length, 17/4 characters.

    >>> round(entropy_rate(), 4)
    0.4706
    """
    return math.log2(len(WORDS)) / (sum(map(len, WORDS)) / len(WORDS))
