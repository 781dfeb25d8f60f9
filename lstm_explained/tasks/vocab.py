"""A fixed alphabet: characters to indices, indices back to characters, and one-hot rows."""

from __future__ import annotations

from collections.abc import Sequence

import torch
from torch import Tensor

__all__ = ["Vocab"]


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
