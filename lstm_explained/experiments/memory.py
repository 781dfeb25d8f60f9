"""The long-memory experiment: many seeds of RNN and LSTM on the lecture's toy sequences.

Each :class:`Setting` (a cell kind, a pattern of :mod:`lstm_explained.tasks.toy`, a hidden size)
is trained for ``n`` seeds at once (:func:`lstm_explained.training.packed.train`), recording every
``every`` epochs which models remember (:func:`~lstm_explained.tasks.toy.remembers`). :func:`compare`
then says whether one kind remembers more often than another, with an interval for the difference.
"""

from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, replace
from multiprocessing import get_context

import torch
from torch import Tensor

from .. import _checks, stats
from ..models.toy import KINDS, make_models
from ..runtime import cache, devices
from ..tasks import toy
from ..training.packed import train

__all__ = ["Comparison", "MemoryRun", "Setting", "compare", "run", "run_all"]


@dataclass(frozen=True)
class Setting:
    """One setting of the experiment: what is trained, how long, and on what."""

    kind: str  # "rnn", "lstm" or "gru"
    pattern: str  # one of lstm_explained.tasks.toy.PATTERNS
    hidden_size: int
    n: int = 100  # seeds trained together
    epochs: int = 3000  # Adam steps, each over the whole sequence
    every: int = 250  # epochs between two checks of which models remember
    seed: int = 0  # seeds the n models' initial weights
    lr: float = 0.1  # Adam's learning rate, as in the lecture
    device: str | None = None  # None: lstm_explained.runtime.devices.default_device()

    def __post_init__(self):
        where = "Setting"
        _checks.one_of(where, "kind", self.kind, KINDS)
        _checks.one_of(where, "pattern", self.pattern, toy.PATTERNS)
        for name in ("hidden_size", "n", "epochs", "every"):
            _checks.positive_int(where, name, getattr(self, name))
        if self.epochs % self.every:
            raise ValueError(f"{where}: every must divide epochs ({self.epochs}), got {self.every}")


@dataclass
class MemoryRun:
    """What one setting of the experiment produced; tensors are on the CPU.

    ``solved[c, k]`` says whether model ``k`` remembers after ``checkpoints[c]`` epochs;
    ``hidden`` ``(n, T, H)`` and ``probs`` ``(n, T, V)`` are the trained models' hidden states and
    softmax outputs over the whole sequence; ``loss`` is ``(epochs, n)``.
    """

    kind: str
    pattern: str
    vocab: str
    hidden_size: int
    seed: int
    checkpoints: list[int]
    solved: Tensor
    hidden: Tensor
    probs: Tensor
    loss: Tensor
    seconds: float
    device: str

    @property
    def n(self) -> int:
        return self.solved.shape[1]

    def share(self, checkpoint: int = -1) -> tuple[float, float, float]:
        """Share of models that remember at a checkpoint, with its 95% Wilson interval."""
        return stats.share(self.solved[checkpoint])

    def solved_count(self, checkpoint: int = -1) -> int:
        """How many models remember at a checkpoint."""
        return int(self.solved[checkpoint].sum())

    def hidden_share(self, low: float = 0.0, high: float = float("inf")) -> float:
        """Share of all hidden values, of every model and step, with ``low <= |h| < high``."""
        size = self.hidden.abs()
        return ((size >= low) & (size < high)).float().mean().item()


def run(setting: Setting) -> MemoryRun:
    """Train ``setting.n`` seeds as in the lecture (Adam, whole sequence each epoch), recording
    every ``setting.every`` epochs which models remember. Cached on disk.

    >>> found = run(Setting("lstm", "abaB", hidden_size=2, n=3, epochs=20, every=10))
    >>> found.checkpoints, found.solved.shape, found.hidden.shape
    ([10, 20], torch.Size([2, 3]), torch.Size([3, 399, 2]))
    """
    if not isinstance(setting, Setting):
        raise TypeError(f"run: setting must be a memory.Setting, got {type(setting).__name__}")
    device = torch.device(setting.device) if setting.device is not None else devices.default_device()
    key = {**asdict(setting), "device": device.type}
    return cache.cached("memory_run", key, lambda: _run(setting, device), module=__name__)


def _run(setting: Setting, device: torch.device) -> MemoryRun:
    text = toy.sequence(setting.pattern)
    x, y, vocab = toy.next_char_task(text)
    ambiguous = toy.ambiguous_steps(text)
    models = [m.to(device) for m in make_models(setting.kind, len(vocab), setting.hidden_size, len(vocab), n=setting.n, seed=setting.seed)]
    x_device = x.to(device)
    checkpoints = list(range(setting.every, setting.epochs + 1, setting.every))
    solved = []

    def evaluate(_epoch: int) -> None:
        with torch.no_grad():
            logits = torch.stack([m(x_device) for m in models]).cpu()
        solved.append(toy.remembers(logits, y, ambiguous, period=len(setting.pattern)))

    start = time.perf_counter()
    loss = train(models, x, y, setting.epochs, lr=setting.lr, checkpoints=checkpoints, on_checkpoint=evaluate)
    seconds = time.perf_counter() - start
    with torch.no_grad():
        hidden = torch.stack([m.hidden(x_device) for m in models])
        probs = torch.stack([m.head(h).softmax(-1) for m, h in zip(models, hidden)])
    return MemoryRun(
        kind=setting.kind, pattern=setting.pattern, vocab=vocab.chars, hidden_size=setting.hidden_size, seed=setting.seed,
        checkpoints=checkpoints, solved=torch.stack(solved), hidden=hidden.cpu(), probs=probs.cpu(), loss=loss,
        seconds=seconds, device=str(device),
    )


def _one_thread() -> None:
    torch.set_num_threads(1)


def run_all(settings: list[Setting], workers: int = 2) -> list[MemoryRun]:
    """:func:`run` for each setting, ``workers`` at a time.

    Training runs on one thread (see :func:`lstm_explained.training.packed.train`), so on a machine
    with several cores, separate settings train side by side in separate processes. Results already
    in the cache are loaded without starting any.
    """
    _checks.positive_int("run_all", "workers", workers)
    default = str(devices.default_device())
    settings = [s if s.device is not None else replace(s, device=default) for s in settings]
    if workers == 1 or len(settings) < 2 or str(settings[0].device).startswith("cuda"):
        return [run(setting) for setting in settings]
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=_one_thread) as pool:
        return list(pool.map(run, settings))


@dataclass
class Comparison:
    """Whether runs ``a`` remember more often than runs ``b``: the difference of their shares with
    its 95% interval (Newcombe's hybrid score), and the verdict that interval gives."""

    difference: float
    low: float
    high: float
    verdict: str  # "higher", "lower" or "indistinguishable"
    n: int  # seeds per run

    def sentence(self, a: str, b: str) -> str:
        """The comparison in words: how often ``a`` remembers compared with ``b``.

        >>> Comparison(0.3, 0.2, 0.4, "higher", 100).sentence("the LSTM", "the RNN")
        'the LSTM remembers more often than the RNN (the difference is +30%, 95% interval +20% to +40%, which excludes zero)'
        """
        interval = f"the difference is {self.difference:+.0%}, 95% interval {self.low:+.0%} to {self.high:+.0%}"
        return {
            "higher": f"{a} remembers more often than {b} ({interval}, which excludes zero)",
            "lower": f"{a} remembers less often than {b} ({interval}, which excludes zero)",
            "indistinguishable": f"{a} remembers neither more nor less often than {b}, as far as {self.n} seeds can tell "
            f"({interval}, which includes zero)",
        }[self.verdict]


def compare(a: MemoryRun, b: MemoryRun, checkpoint: int = -1) -> Comparison:
    """How the share of ``a``'s models that remember compares with ``b``'s at a checkpoint.

    Two shares are compared with an interval for their difference, never by whether their two
    intervals overlap (:func:`lstm_explained.stats.difference_interval`).
    """
    counts = (a.solved_count(checkpoint), a.n, b.solved_count(checkpoint), b.n)
    d, low, high = stats.difference_interval(*counts)
    return Comparison(d, low, high, stats.compare_shares(*counts), a.n)
