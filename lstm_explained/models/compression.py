"""General-purpose compressors as language-model baselines that no one here wrote.

A compressor is a sequential predictor: the bits it needs for a text are the code length of that
text under the model it builds while reading. Given training text ``A`` and held-out text ``B``,
``len(compress(A + B)) - len(compress(A))`` is the code length of ``B`` for a compressor that has
read ``A`` first: comparable, bit for bit, with a language model's cross-entropy on ``B`` after
training on ``A``. How much of ``A`` a compressor can use is its own affair: ``zlib`` (gzip)
looks back 32 KiB, ``bz2`` works on blocks of 900 kB, ``lzma`` (xz) at preset 9 keeps a 64 MiB
dictionary.
"""

from __future__ import annotations

import bz2
import lzma
import zlib
from collections.abc import Callable

__all__ = ["COMPRESSORS", "conditional_bits_per_char"]

#: The three compressors of Python's standard library at their strongest settings.
COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    "gzip -9 (zlib)": lambda data: zlib.compress(data, 9),
    "bzip2 -9 (bz2)": lambda data: bz2.compress(data, 9),
    "xz -9e (lzma)": lambda data: lzma.compress(data, preset=9 | lzma.PRESET_EXTREME),
}


def conditional_bits_per_char(train: str, valid: str, name: str) -> float:
    """Bits per character of ``valid`` for compressor ``name`` after reading ``train``.

    >>> text = "def f(x):\\n    return x + 1\\n" * 20
    >>> alone = conditional_bits_per_char("", text, "xz -9e (lzma)")
    >>> after = conditional_bits_per_char(text, text, "xz -9e (lzma)")
    >>> after < alone / 4  # having read the same text, it needs almost nothing
    True
    >>> conditional_bits_per_char("", "x", "zip")
    Traceback (most recent call last):
    ...
    ValueError: conditional_bits_per_char: unknown compressor 'zip'; expected one of ['bzip2 -9 (bz2)', 'gzip -9 (zlib)', 'xz -9e (lzma)']
    """
    if name not in COMPRESSORS:
        raise ValueError(f"conditional_bits_per_char: unknown compressor {name!r}; expected one of {sorted(COMPRESSORS)}")
    if not valid:
        raise ValueError("conditional_bits_per_char: valid is empty; there is nothing to code")
    compress = COMPRESSORS[name]
    a, b = train.encode("utf-8"), valid.encode("utf-8")
    return 8 * (len(compress(a + b)) - len(compress(a))) / len(valid)
