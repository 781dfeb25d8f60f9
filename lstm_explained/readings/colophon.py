"""The colophon's sentence: how much training the book's experiments took, in all."""

from __future__ import annotations

from ..runtime.timings import Timing

__all__ = ["training_reading"]


def _duration(seconds: float) -> str:
    """Seconds under two minutes, minutes under two hours, else hours (one decimal past a minute)."""
    if seconds < 120:
        return f"{seconds:.0f} seconds"
    if seconds < 7200:
        return f"{seconds / 60:.1f} minutes"
    return f"{seconds / 3600:.1f} hours"


def training_reading(kept: list[Timing]) -> str:
    """One sentence for the total training time of ``kept`` (from
    :func:`lstm_explained.runtime.timings.recorded`), or for there being none.

    >>> t = lambda page, s: Timing(page, "models", s, "cpu")
    >>> training_reading([t("chapters/memory", 200.0), t("chapters/variants", 400.0), t("chapters/variants", 100.0)])
    'The 3 computations of 2 chapters took 11.7 minutes of training in all, when they were computed.'
    >>> training_reading([t("chapters/gates", 3.0)])
    'The one computation of one chapter took 3 seconds of training in all, when it was computed.'
    >>> training_reading([])
    'No training times are recorded: the chapters have not run with the cache on.'
    """
    if not kept:
        return "No training times are recorded: the chapters have not run with the cache on."
    pages = len({t.page for t in kept})
    total = _duration(sum(t.seconds for t in kept))
    if len(kept) == 1:
        return f"The one computation of one chapter took {total} of training in all, when it was computed."
    chapters = "one chapter" if pages == 1 else f"{pages} chapters"
    return f"The {len(kept)} computations of {chapters} took {total} of training in all, when they were computed."
