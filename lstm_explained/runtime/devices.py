"""Which device the book's computations run on.

CUDA when it is available, else the CPU. The environment variable ``LSTM_EXPLAINED_DEVICE`` forces
one (``cpu``, ``cuda`` or ``cuda:N``; ``auto`` or unset for the default). Asking for CUDA where
there is none is an error, never a silent fallback: a page that says it ran on a GPU must have.
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager

import torch

__all__ = ["ENV_VAR", "cpu_threads", "default_device", "describe"]

ENV_VAR = "LSTM_EXPLAINED_DEVICE"


def default_device() -> torch.device:
    """The device to compute on: ``$LSTM_EXPLAINED_DEVICE`` if set, else CUDA if available, else CPU.

    Examples
    --------
    >>> import os
    >>> os.environ[ENV_VAR] = "cpu"
    >>> default_device()
    device(type='cpu')
    >>> os.environ[ENV_VAR] = "gpu"
    >>> default_device()
    Traceback (most recent call last):
    ...
    ValueError: LSTM_EXPLAINED_DEVICE='gpu' is not a device; expected 'cpu', 'cuda', 'cuda:N' or 'auto'
    >>> del os.environ[ENV_VAR]
    """
    raw = os.environ.get(ENV_VAR, "")
    choice = raw.strip().lower()
    if choice in ("", "auto"):
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if choice == "cpu":
        return torch.device("cpu")
    match = re.fullmatch(r"cuda(?::(\d+))?", choice)
    if match is None:
        raise ValueError(f"{ENV_VAR}={raw!r} is not a device; expected 'cpu', 'cuda', 'cuda:N' or 'auto'")
    if not torch.cuda.is_available():
        raise RuntimeError(
            f"{ENV_VAR}={raw!r} asks for CUDA, but torch.cuda.is_available() is False "
            f"(torch {torch.__version__}, built for CUDA: {torch.version.cuda or 'no'}); "
            f"unset {ENV_VAR} or set it to 'cpu'"
        )
    index = int(match.group(1) or 0)
    if index >= torch.cuda.device_count():
        raise RuntimeError(f"{ENV_VAR}={raw!r}: there are only {torch.cuda.device_count()} CUDA device(s)")
    return torch.device("cuda", index)


def describe(device: torch.device | str) -> str:
    """A one-line description of ``device`` for a page to print.

    >>> describe("cpu").startswith("cpu (")
    True
    """
    device = torch.device(device)
    if device.type == "cuda":
        return f"{device} ({torch.cuda.get_device_name(device)}, torch {torch.__version__})"
    return f"cpu ({torch.get_num_threads()} threads, torch {torch.__version__})"


@contextmanager
def cpu_threads(count: int | None):
    """Run the block with PyTorch's intra-op CPU threads set to ``count`` (``None``: leave them),
    then restore them.

    The toy models' operations are tiny: split over two threads, each one waits for the other core,
    and on a busy machine a 64 x 8 ``tanh`` took 2.6 ms instead of microseconds.

    >>> before = torch.get_num_threads()
    >>> with cpu_threads(1):
    ...     torch.get_num_threads()
    1
    >>> torch.get_num_threads() == before
    True
    """
    if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 1):
        raise ValueError(f"cpu_threads: count must be a positive int or None, got {count!r}")
    before = torch.get_num_threads()
    if count is not None:
        torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(before)
