"""How long the book's expensive computations took, kept beside the cache for the colophon.

A chapter that trains models records, when it runs, what each of its computations took
(:func:`record`); the colophon, which the build reads after every chapter, shows them
(:func:`recorded`). The seconds are the ones stored with each result, so a chapter that reads its
results back from the cache records how long they took when they were computed, not the moment
it took to load them. Each page's record replaces that page's earlier one.

The records are a JSON file in the cache folder (:func:`lstm_explained.runtime.cache.folder`);
with caching off there is nowhere to keep them, and :func:`record` says so by returning ``None``.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from .. import _checks
from . import cache

__all__ = ["FILE_NAME", "Timing", "record", "recorded"]

FILE_NAME = "timings.json"


@dataclass(frozen=True)
class Timing:
    """What one computation of one page took: ``seconds`` of training on ``device``."""

    page: str
    what: str
    seconds: float
    device: str


def _path() -> Path | None:
    where = cache.folder()
    return None if where is None else where / FILE_NAME


def _read(path: Path) -> list[Timing]:
    try:
        rows = json.loads(path.read_text())
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as error:
        raise ValueError(f"timings: {path} is not a timings file ({error}); delete it and rebuild") from None
    return [Timing(**row) for row in rows]


def record(page: str, timings: list[tuple[str, float, str]]) -> Path | None:
    """Replace ``page``'s timings with ``timings``, a list of ``(what, seconds, device)``; returns
    the file written, or ``None`` when caching is off.

    >>> import os, tempfile
    >>> os.environ["LSTM_EXPLAINED_CACHE"] = tempfile.mkdtemp()
    >>> _ = record("memory", [("RNNs on abcabC", 12.5, "CPU")])
    >>> _ = record("gates", [("an LSTM on abaB", 3.0, "CPU")])
    >>> _ = record("memory", [("RNNs on abcabC", 12.5, "CPU"), ("LSTMs on abcabC", 20.0, "CPU")])
    >>> [(t.page, t.what, t.seconds) for t in recorded()]
    [('gates', 'an LSTM on abaB', 3.0), ('memory', 'RNNs on abcabC', 12.5), ('memory', 'LSTMs on abcabC', 20.0)]
    >>> record("memory", [("RNNs", -1.0, "CPU")])
    Traceback (most recent call last):
    ...
    ValueError: timings.record: seconds of 'RNNs' must be a finite number >= 0, got -1.0
    >>> del os.environ["LSTM_EXPLAINED_CACHE"]
    """
    _checks.text("timings.record", "page", page, min_length=1)
    rows = []
    for what, seconds, device in timings:
        _checks.text("timings.record", "what", what, min_length=1)
        if not isinstance(seconds, (int, float)) or not math.isfinite(seconds) or seconds < 0:
            raise ValueError(f"timings.record: seconds of {what!r} must be a finite number >= 0, got {seconds!r}")
        rows.append(Timing(page, what, float(seconds), str(device)))
    path = _path()
    if path is None:
        return None
    kept = [t for t in _read(path) if t.page != page] + rows
    kept.sort(key=lambda t: t.page)  # stable: a page's own rows keep their order
    path.parent.mkdir(parents=True, exist_ok=True)
    # write and rename, so that a page read at the same moment sees the old file or the new, never half
    with tempfile.NamedTemporaryFile("w", dir=path.parent, suffix=".tmp", delete=False) as handle:
        json.dump([asdict(t) for t in kept], handle, indent=1)
    os.replace(handle.name, path)
    return path


def recorded() -> list[Timing]:
    """Every page's timings, pages in alphabetical order (empty when none are kept)."""
    path = _path()
    return [] if path is None else _read(path)
