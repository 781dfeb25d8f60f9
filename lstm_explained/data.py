"""The toy character sequences of the lecture, and the vocabulary that turns them into tensors.

Each task is next-character prediction on a short pattern repeated many times. Most characters are
easy (they follow from the one before); the capital letter is the test of memory: in ``abcabC`` the
model must remember that it has already seen one ``abc`` to know that ``C`` comes next, not ``c``.
"""

from __future__ import annotations

from collections.abc import Sequence

import torch
from torch import Tensor

__all__ = ["PATTERNS", "Vocab", "next_char_task", "sequence"]

#: The lecture's patterns, and how many times each is repeated (abcabC x 100 gives 599 steps).
PATTERNS = {"AbAcAd": 100, "abcabC": 100, "abcdabcD": 100, "abaB": 100}


def sequence(pattern: str, repeats: int | None = None) -> str:
    """``pattern`` repeated as in the lecture (or ``repeats`` times).

    >>> sequence("abaB")[:10], len(sequence("abcabC"))
    ('abaBabaBab', 600)
    """
    if pattern not in PATTERNS:
        raise ValueError(f"sequence: unknown pattern {pattern!r}; expected one of {sorted(PATTERNS)}")
    repeats = PATTERNS[pattern] if repeats is None else repeats
    if not isinstance(repeats, int) or repeats < 1:
        raise ValueError(f"sequence: repeats must be a positive int, got {repeats!r}")
    return pattern * repeats


class Vocab:
    """A fixed alphabet: characters to indices, indices back to characters, and one-hot rows.

    Examples
    --------
    >>> vocab = Vocab("abB")
    >>> vocab.encode("abaB")
    tensor([0, 1, 0, 2])
    >>> vocab.decode([2, 0])
    'Ba'
    >>> vocab.one_hot("ab")
    tensor([[1., 0., 0.],
            [0., 1., 0.]])
    >>> vocab.encode("abc")
    Traceback (most recent call last):
    ...
    ValueError: Vocab.encode: character 'c' at position 2 is not in the vocabulary 'abB'
    """

    def __init__(self, chars: str | Sequence[str]):
        chars = list(chars)
        if not chars:
            raise ValueError("Vocab: chars is empty; give at least one character")
        for k, ch in enumerate(chars):
            if not isinstance(ch, str) or len(ch) != 1:
                raise ValueError(f"Vocab: entry {k} is {ch!r}, expected a single character")
        repeated = sorted({ch for ch in chars if chars.count(ch) > 1})
        if repeated:
            raise ValueError(f"Vocab: characters {repeated} appear more than once")
        self.chars = "".join(chars)
        self.index = {ch: k for k, ch in enumerate(chars)}

    @classmethod
    def of(cls, text: str) -> Vocab:
        """The vocabulary of ``text``, in order of first appearance.

        >>> Vocab.of("abcabC").chars
        'abcC'
        """
        return cls(dict.fromkeys(text))

    def __len__(self) -> int:
        return len(self.chars)

    def __repr__(self) -> str:
        return f"Vocab({self.chars!r})"

    def encode(self, text: str) -> Tensor:
        """Indices of ``text``'s characters, as a ``LongTensor`` ``(len(text),)``."""
        if not isinstance(text, str):
            raise TypeError(f"Vocab.encode: text must be a str, got {type(text).__name__}")
        for position, ch in enumerate(text):
            if ch not in self.index:
                raise ValueError(
                    f"Vocab.encode: character {ch!r} at position {position} is not in the vocabulary {self.chars!r}"
                )
        return torch.tensor([self.index[ch] for ch in text], dtype=torch.long)

    def decode(self, indices: Tensor | Sequence[int]) -> str:
        """The characters at ``indices``."""
        values = indices.tolist() if isinstance(indices, Tensor) else list(indices)
        for position, k in enumerate(values):
            if not isinstance(k, int) or not 0 <= k < len(self.chars):
                raise ValueError(
                    f"Vocab.decode: index {k!r} at position {position} is outside 0..{len(self.chars) - 1}"
                )
        return "".join(self.chars[k] for k in values)

    def one_hot(self, text: str) -> Tensor:
        """``text`` as one-hot rows, a float tensor ``(len(text), len(self))``."""
        return torch.nn.functional.one_hot(self.encode(text), len(self.chars)).float()


def next_char_task(text: str, vocab: Vocab | None = None) -> tuple[Tensor, Tensor, Vocab]:
    """Inputs and targets for next-character prediction: ``x`` one-hot ``(T, V)``, ``y`` ``(T,)``.

    ``T = len(text) - 1``: step ``t`` sees character ``t`` and must predict character ``t + 1``.

    >>> x, y, vocab = next_char_task("abaBab")
    >>> x.shape, y, vocab
    (torch.Size([5, 3]), tensor([1, 0, 2, 0, 1]), Vocab('abB'))
    """
    if not isinstance(text, str) or len(text) < 2:
        raise ValueError(f"next_char_task: text must be a str of at least 2 characters, got {text!r}")
    vocab = Vocab.of(text) if vocab is None else vocab
    return vocab.one_hot(text[:-1]), vocab.encode(text[1:]), vocab
