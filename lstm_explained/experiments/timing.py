"""CPU against GPU for a recurrent layer, re-measured on the devices this machine has.

The lecture timed ``torch.nn.RNN`` training on long one-hot sequences, with and without the
backward pass, on a CPU and a GPU. :func:`measure` repeats that experiment with the same sizes (or
scaled ones) and reports seconds per epoch: forward, loss and (optionally) backward and an Adam
step, the median of a few repeats after a warm-up. :func:`lstm_explained.viz.tables.timing` sets
them beside the lecture's figures.
"""

from __future__ import annotations

import os
import statistics
import time
from dataclasses import dataclass

import torch

from .. import _checks

__all__ = ["LECTURE", "SCALE_ENV", "Row", "measure", "sizes"]

#: The lecture's own table, quoted as published, one row of (length, hidden, backward, cpu s,
#: gpu s, ratio) each. Its seconds are totals for an unstated number of epochs on unstated hardware.
LECTURE = [
    (20000, 20, True, 93.02, 3.26, 28.53),
    (20000, 20, False, 18.85, 1.29, 14.61),
    (2000, 20, True, 6.53, 0.75, 8.70),
    (2000, 20, False, 1.25, 0.14, 8.93),
    (2000, 1000, True, 58.99, 4.75, 12.41),
    (2000, 1000, False, 13.16, 2.29, 5.74),
]

SCALE_ENV = "LSTM_EXPLAINED_TIMING_SCALE"


def sizes() -> list[tuple[int, int, bool]]:
    """The lecture's (length, hidden, backward) rows, lengths scaled by ``$LSTM_EXPLAINED_TIMING_SCALE``.

    >>> sizes()[0]
    (20000, 20, True)
    """
    raw = os.environ.get(SCALE_ENV, "1")
    try:
        scale = float(raw)
    except ValueError:
        raise ValueError(f"{SCALE_ENV}={raw!r} is not a number; expected a scale such as 0.1 or 1") from None
    if not 0 < scale <= 1:
        raise ValueError(f"{SCALE_ENV}={raw!r} must be in (0, 1]: it shortens the lecture's sequences")
    return [(max(10, round(length * scale)), hidden, backward) for length, hidden, backward, *_ in LECTURE]


@dataclass
class Row:
    """One row of the experiment: sizes, and seconds per epoch for each device type measured."""

    length: int
    hidden: int
    backward: bool
    seconds: dict[str, float]  # device type -> seconds per epoch


def _epoch_seconds(length: int, hidden: int, backward: bool, device: torch.device, repeats: int) -> float:
    generator = torch.Generator().manual_seed(0)
    x = torch.nn.functional.one_hot(torch.randint(0, 4, (length,), generator=generator), 4).float().to(device)
    y = torch.randint(0, 4, (length,), generator=generator).to(device)
    torch.manual_seed(0)
    rnn, head = torch.nn.RNN(4, hidden).to(device), torch.nn.Linear(hidden, 4).to(device)
    optimizer = torch.optim.Adam([*rnn.parameters(), *head.parameters()], lr=0.1)

    def epoch():
        loss = torch.nn.functional.cross_entropy(head(rnn(x)[0]), y)
        if backward:
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
        if device.type == "cuda":
            torch.cuda.synchronize(device)

    epoch()  # warm-up: first calls allocate, pick kernels, and fill caches
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        epoch()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(repeats: int = 3, device_types: list[str] | None = None) -> list[Row]:
    """Seconds per epoch for each of :func:`sizes` on the CPU, and on CUDA when available.

    ``device_types`` overrides which are measured (``["cpu"]``, ``["cpu", "cuda"]``).
    """
    _checks.positive_int("measure", "repeats", repeats)
    if device_types is None:
        device_types = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
    unknown = set(device_types) - {"cpu", "cuda"}
    if unknown:
        raise ValueError(f"measure: unknown device types {sorted(unknown)}; expected 'cpu' or 'cuda'")
    if "cuda" in device_types and not torch.cuda.is_available():
        raise RuntimeError("measure: CUDA was asked for, but torch.cuda.is_available() is False")
    rows = []
    for length, hidden, backward in sizes():
        seconds = {kind: _epoch_seconds(length, hidden, backward, torch.device(kind), repeats) for kind in device_types}
        rows.append(Row(length, hidden, backward, seconds))
    return rows
