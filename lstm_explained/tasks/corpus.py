"""Real text that is on every machine that runs this book: the source of Python's standard library.

It has the structure the interpretable-cell paper found in the Linux kernel (string literals,
comments, indentation, brackets, lines of bounded length) and it needs no download. The corpus is
every module of the standard library, subpackages included, written in :data:`ALPHABET`; test
suites and the generated codec tables of ``encodings`` are left out (one is not the library, the
other is tables, not code). :func:`split` holds out many whole modules, chosen by a hash of their
names, so that no single file decides a validation score.
"""

from __future__ import annotations

import functools
import hashlib
import io
import platform
import random
import sysconfig
import tokenize
from dataclasses import dataclass
from pathlib import Path

from .. import _checks

__all__ = ["ALPHABET", "EXCLUDED", "MAX_VALID_SHARE", "SEPARATOR", "Split", "python_version", "split", "stdlib_files", "tokenizes"]

#: Joins two files. Each file ends with a newline, so a blank line separates them.
SEPARATOR = "\n"

#: Tab, newline and printable ASCII, the only characters the corpus may hold. Files with any
#: other character (a form feed, say) are not used, so a model's vocabulary is fixed.
ALPHABET = "\t\n" + "".join(chr(k) for k in range(32, 127))
_ALLOWED = frozenset(ALPHABET)

#: The largest share of the validation text one module may take, so that no file decides a score.
MAX_VALID_SHARE = 0.1

#: Folders of the standard library that are not read (test suites, generated codec tables,
#: installed third-party packages).
EXCLUDED = frozenset({"test", "tests", "idle_test", "encodings", "site-packages", "__pycache__"})


def python_version() -> str:
    """The Python whose standard library is the corpus, e.g. ``'3.11.7'``."""
    return platform.python_version()


def tokenizes(text: str) -> bool:
    """Whether ``text`` is whole Python that ``tokenize`` reads to the end.

    >>> tokenizes("x = (1,\\n 2)\\n"), tokenizes("x = (1,\\n")
    (True, False)
    """
    try:
        list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return False
    return True


@functools.cache
def stdlib_files() -> tuple[tuple[str, str], ...]:
    """``(name, source)`` of every module of the standard library in :data:`ALPHABET`, by name.

    Names are paths relative to the library, e.g. ``'json/decoder.py'``. Folders in
    :data:`EXCLUDED` are skipped, and so is any file that is not ASCII, holds another character
    or does not end with a newline.

    >>> names = dict(stdlib_files())
    >>> "json/decoder.py" in names, "test/test_json.py" in names, "encodings/cp1252.py" in names
    (True, False, False)
    """
    root = Path(sysconfig.get_paths()["stdlib"])
    found = []
    for path in sorted(root.rglob("*.py")):
        name = path.relative_to(root).as_posix()
        folders = path.relative_to(root).parts[:-1]
        if EXCLUDED.intersection(folders) or any(f.startswith("config-") for f in folders):
            continue  # config-3.x-<platform>/ is build output, different on every platform
        try:
            text = path.read_bytes().decode("ascii")
        except (UnicodeDecodeError, OSError):
            continue
        if text.endswith("\n") and set(text) <= _ALLOWED:
            found.append((name, text))
    if not found:
        raise RuntimeError(f"corpus: no usable .py files in the standard library at {root}")
    return tuple(found)


@dataclass(frozen=True)
class Split:
    """Training and validation text, each made of whole files joined by :data:`SEPARATOR`."""

    #: the training modules, in the order they are read, and their joined text
    train_files: tuple[str, ...]
    train: str
    #: the held-out modules, every one of which tokenizes, and their joined text
    valid_files: tuple[str, ...]
    valid: str

    def valid_half_files(self, max_chars: int | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The held-out modules in two parts, the first half of the files and the rest: one to
        choose things on, one to report them on. With ``max_chars``, each part keeps its files in
        order while their text fits (at least one file).

        >>> s = split(40_000, max_train_chars=100_000)
        >>> first, second = s.valid_half_files()
        >>> first + second == s.valid_files
        True
        """
        if len(self.valid_files) < 2:
            raise ValueError("Split.valid_half_files: the validation text is a single module; it cannot be halved")
        _checks.positive_int("Split.valid_half_files", "max_chars", max_chars, optional=True)
        modules = dict(stdlib_files())
        half = len(self.valid_files) // 2
        parts = []
        for names in (self.valid_files[:half], self.valid_files[half:]):
            kept, used = [], 0
            for name in names:
                cost = len(modules[name]) + (len(SEPARATOR) if kept else 0)
                if max_chars is None or not kept or used + cost <= max_chars:
                    kept.append(name)
                    used += cost
            parts.append(tuple(kept))
        return parts[0], parts[1]

    def valid_halves(self, max_chars: int | None = None) -> tuple[str, str]:
        """The text of :meth:`valid_half_files`: two parts of whole code.

        >>> s = split(40_000, max_train_chars=100_000)
        >>> first, second = s.valid_halves()
        >>> first + SEPARATOR + second == s.valid, tokenizes(first) and tokenizes(second)
        (True, True)
        >>> [len(part) <= 8_000 for part in s.valid_halves(max_chars=8_000)]
        [True, True]
        """
        modules = dict(stdlib_files())
        first, second = self.valid_half_files(max_chars)
        return SEPARATOR.join(modules[n] for n in first), SEPARATOR.join(modules[n] for n in second)

    @property
    def sha256(self) -> str:
        """The sha256 of both texts, which a cached result trained on this split is keyed by."""
        return hashlib.sha256((self.train + "\0" + self.valid).encode()).hexdigest()


def _rank(name: str, seed: int) -> str:
    return hashlib.sha256(f"{seed}:{name}".encode()).hexdigest()


@functools.cache
def split(valid_chars: int = 250_000, seed: int = 0, max_train_chars: int | None = None) -> Split:
    """Hold out whole modules of about ``valid_chars`` characters in all; train on the rest.

    Modules are ranked by a hash of ``seed`` and their name, which does not depend on the order
    the file system lists them in; the held-out ones are taken in that order while they fit and
    tokenize (the probes' features need whole code) and hold at most :data:`MAX_VALID_SHARE` of
    ``valid_chars`` each, so the validation text is many modules and none of them dominates. The training modules are read in an order shuffled by ``seed``, all of them,
    or as many whole ones as fit in ``max_train_chars``.

    >>> s = split(40_000, max_train_chars=100_000)
    >>> len(s.valid) <= 40_000, len(s.train) <= 100_000, set(s.valid_files).isdisjoint(s.train_files)
    (True, True, True)
    >>> len(s.valid_files) > 3, tokenizes(s.valid)
    (True, True)
    """
    _checks.positive_int("split", "valid_chars", valid_chars)
    _checks.positive_int("split", "max_train_chars", max_train_chars, optional=True)
    files = stdlib_files()
    ranked = sorted(files, key=lambda item: _rank(item[0], seed))
    valid, used = [], 0
    for name, text in ranked:
        cost = len(text) + (len(SEPARATOR) if valid else 0)
        if used + cost <= valid_chars and len(text) <= valid_chars * MAX_VALID_SHARE and tokenizes(text):
            valid.append((name, text))
            used += cost
    if not valid:
        smallest = min(len(t) for _, t in files)
        raise ValueError(
            f"split: valid_chars={valid_chars} admits no module: one may hold at most {MAX_VALID_SHARE:.0%} of it, "
            f"and the smallest has {smallest} characters"
        )
    held_out = {name for name, _ in valid}
    train = [item for item in files if item[0] not in held_out]
    random.Random(seed).shuffle(train)
    if max_train_chars is not None:
        kept, used = [], 0
        for name, text in train:
            cost = len(text) + (len(SEPARATOR) if kept else 0)
            if used + cost <= max_train_chars:
                kept.append((name, text))
                used += cost
        train = kept
    if not train:
        raise ValueError(f"split: max_train_chars={max_train_chars} holds no whole training module")
    return Split(
        tuple(n for n, _ in train), SEPARATOR.join(t for _, t in train), tuple(n for n, _ in valid), SEPARATOR.join(t for _, t in valid)
    )
