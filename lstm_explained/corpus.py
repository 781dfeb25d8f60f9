"""Real text that is on every machine that runs this book: the source of Python's standard library.

It has the structure the interpretable-cell paper found in the Linux kernel (string literals,
comments, indentation, brackets, lines of bounded length) and it needs no download. Only whole
top-level modules written in :data:`ALPHABET` that ``tokenize`` reads without error are used, so
that the features computed from it in :mod:`lstm_explained.probes` are exact.
"""

from __future__ import annotations

import functools
import io
import platform
import random
import sysconfig
import tokenize
from pathlib import Path

__all__ = ["ALPHABET", "SEPARATOR", "python_version", "split", "stdlib_files", "stdlib_source"]

#: What joins two files: each file ends with a newline, and a blank line separates them.
SEPARATOR = "\n"

#: Tab, newline and printable ASCII, the only characters the corpus may hold. Files with any
#: other character (a form feed, say) are not used, so a model's vocabulary is fixed.
ALPHABET = "\t\n" + "".join(chr(k) for k in range(32, 127))
_ALLOWED = frozenset(ALPHABET)


def python_version() -> str:
    """The Python whose standard library is the corpus, e.g. ``'3.11.7'``."""
    return platform.python_version()


@functools.cache
def _tokenizes(name: str, text: str) -> bool:
    if not text.endswith("\n") or not set(text) <= _ALLOWED:
        return False
    try:
        list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return False
    return True


@functools.cache
def stdlib_files() -> tuple[tuple[str, str], ...]:
    """``(name, source)`` of every pure-ASCII top-level module of the standard library, by name.

    Whether a file also tokenizes is checked when it is picked (:func:`stdlib_source`), so that
    only the files used are read twice.
    """
    root = Path(sysconfig.get_paths()["stdlib"])
    found = []
    for path in sorted(root.glob("*.py")):
        try:
            found.append((path.name, path.read_bytes().decode("ascii")))
        except UnicodeDecodeError:
            continue
    if not found:
        raise RuntimeError(f"corpus: no ASCII .py files in the standard library at {root}")
    return tuple(found)


def _pick(max_chars: int, seed: int) -> list[str]:
    if not isinstance(max_chars, int) or max_chars < 1:
        raise ValueError(f"stdlib_source: max_chars must be a positive int, got {max_chars!r}")
    files = list(stdlib_files())
    random.Random(seed).shuffle(files)
    parts, used = [], 0
    for name, text in files:
        cost = len(text) + (len(SEPARATOR) if parts else 0)
        if used + cost <= max_chars and _tokenizes(name, text):
            parts.append(text)
            used += cost
    if not parts:
        smallest = min(len(t) for _, t in files)
        raise ValueError(f"stdlib_source: max_chars={max_chars} is smaller than the smallest module ({smallest} chars)")
    return parts


def stdlib_source(max_chars: int, seed: int = 0) -> str:
    """Whole standard-library modules, in an order fixed by ``seed``, up to ``max_chars`` characters.

    Files are shuffled with ``random.Random(seed)`` and taken whole while they fit; the result is
    the same on every machine with the same Python version. :func:`split` gives the fixed train
    and validation parts of the same selection.

    >>> text = stdlib_source(20_000)
    >>> len(text) <= 20_000, text == stdlib_source(20_000), text == stdlib_source(20_000, seed=1)
    (True, True, False)
    """
    return SEPARATOR.join(_pick(max_chars, seed))


def split(max_chars: int, seed: int = 0, valid_fraction: float = 0.1) -> tuple[str, str]:
    """The train and validation parts of :func:`stdlib_source` ``(max_chars, seed)``.

    The last files of the selection, about ``valid_fraction`` of its characters, are the
    validation part; both parts are whole files, so both tokenize.

    >>> train, valid = split(200_000)
    >>> 0.03 < len(valid) / (len(train) + len(valid)) < 0.3, train + SEPARATOR + valid == stdlib_source(200_000)
    (True, True)
    """
    if not 0 < valid_fraction < 1:
        raise ValueError(f"split: valid_fraction must be in (0, 1), got {valid_fraction!r}")
    parts = _pick(max_chars, seed)
    if len(parts) < 2:
        raise ValueError(f"split: max_chars={max_chars} holds a single file; there is nothing to validate on")
    total = sum(map(len, parts))
    cut, tail = len(parts) - 1, len(parts[-1])
    while cut > 1 and tail + len(parts[cut - 1]) <= valid_fraction * total:
        cut -= 1
        tail += len(parts[cut])
    return SEPARATOR.join(parts[:cut]), SEPARATOR.join(parts[cut:])
