"""The colophon's sentence: how much training the book's experiments took, in all."""

from __future__ import annotations

from ..runtime.timings import Timing

__all__ = ["training_reading"]


def _duration(seconds: float) -> str:
    """Under a second, seconds under two minutes, minutes under two hours, else hours (one decimal past a minute)."""
    if seconds < 1:
        return "under a second"
    if seconds < 120:
        return f"{seconds:.0f} second{'' if round(seconds) == 1 else 's'}"
    if seconds < 7200:
        return f"{seconds / 60:.1f} minutes"
    return f"{seconds / 3600:.1f} hours"


def training_reading(kept: list[Timing]) -> str:
    """One sentence for the total training time of ``kept`` (from
    :func:`lstm_explained.runtime.timings.recorded`), or for there being none; where the results were
    computed on more than one kind of device, it says so, since their seconds are then not alike.

    >>> t = lambda page, s, device="cpu": Timing(page, "models", s, device)
    >>> training_reading([t("chapters/memory", 200.0), t("chapters/variants", 400.0), t("chapters/variants", 100.0)])
    'Computing the 3 results in the table took 11.7 minutes of training, summed over 2 chapters.'
    >>> training_reading([t("chapters/gates", 1.0)])
    'Computing the one result in the table took 1 second of training.'
    >>> training_reading([t("chapters/memory", 200.0), t("chapters/gates", 0.2, "cuda")])
    'Computing the 2 results in the table took 3.3 minutes of training, summed over 2 chapters and over 2 kinds of device (cpu and cuda), whose seconds are not alike.'
    >>> training_reading([])
    'No training times are recorded: the chapters have not run with the cache on.'
    """
    if not kept:
        return "No training times are recorded: the chapters have not run with the cache on."
    pages = len({t.page for t in kept})
    devices = sorted({t.device.split(",")[0] for t in kept})
    total = _duration(sum(t.seconds for t in kept))
    results = "the one result" if len(kept) == 1 else f"the {len(kept)} results"
    over = [f"{pages} chapters"] if pages > 1 else []
    if len(devices) > 1:
        over.append(f"{len(devices)} kinds of device ({' and '.join(devices)}), whose seconds are not alike")
    summed = f", summed over {' and over '.join(over)}" if over else ""
    return f"Computing {results} in the table took {total} of training{summed}."
