"""The long-memory experiment: many seeds of RNN and LSTM on the lecture's toy sequences.

Each :class:`Setting` (a cell kind, a pattern of :mod:`lstm_explained.tasks.toy`, a hidden size)
is trained for ``seeds`` models at once (:func:`lstm_explained.training.packed.train`), recording
every ``every`` steps which models remember (:func:`~lstm_explained.tasks.toy.remembers`).
:func:`compare` then says whether one kind remembers more often than another, with an interval for
the difference (a :class:`lstm_explained.stats.ShareComparison`).
"""

from __future__ import annotations

import time
from concurrent.futures import Executor
from dataclasses import asdict, dataclass, replace

import torch
from torch import Tensor

from .. import _checks, stats
from ..models.toy import KINDS, make_models
from ..runtime import cache, devices, parallel
from ..tasks import toy
from ..training.packed import train

__all__ = ["MemoryRun", "Setting", "compare", "run", "run_all"]


@dataclass(frozen=True)
class Setting:
    """One setting of the experiment: what is trained, how long, and on what."""

    kind: str  # "rnn", "lstm" or "gru"
    pattern: str  # one of lstm_explained.tasks.toy.PATTERNS
    hidden: int  # units per model
    seeds: int = 100  # models, each from its own initialisation, trained together
    steps: int = 3000  # Adam steps, each over the whole sequence (the lecture's epochs)
    every: int = 250  # steps between two checks of which models remember
    seed: int = 0  # seeds the models' initial weights
    lr: float = 0.1  # Adam's learning rate, as in the lecture
    device: str | None = None  # None: lstm_explained.runtime.devices.default_device()

    def __post_init__(self):
        where = "Setting"
        _checks.one_of(where, "kind", self.kind, KINDS)
        _checks.one_of(where, "pattern", self.pattern, toy.PATTERNS)
        for name in ("hidden", "seeds", "steps", "every"):
            _checks.positive_int(where, name, getattr(self, name))
        if self.steps % self.every:
            raise ValueError(f"{where}: every must divide steps ({self.steps}), got {self.every}")


@dataclass(frozen=True)
class MemoryRun:
    """What one setting of the experiment produced; tensors are on the CPU.

    ``solved[c, k]`` says whether model ``k`` remembers after ``checkpoints[c]`` steps;
    ``hidden_states`` ``(seeds, T, H)`` and ``probs`` ``(seeds, T, V)`` are the trained models'
    hidden states and softmax outputs over the whole sequence; ``loss`` is ``(steps, seeds)``.
    """

    setting: Setting
    vocab: str  # the characters of the pattern, in the order of the models' inputs and outputs
    checkpoints: list[int]  # the steps after which `solved` was recorded
    solved: Tensor  # (checkpoints, seeds) bool
    hidden_states: Tensor  # (seeds, T, H)
    probs: Tensor  # (seeds, T, V)
    loss: Tensor  # (steps, seeds)
    seconds: float  # training time, all seeds together
    device: str  # where it trained

    @classmethod
    def made_up(cls, solved: int, seeds: int = 100, kind: str = "lstm") -> MemoryRun:
        """A run on ``abcabC`` in which the first ``solved`` of ``seeds`` models remember after
        3000 steps, and nothing else was recorded: what the readings' examples and tests compare."""
        flags = (torch.arange(seeds) < solved)[None]
        empty = torch.zeros(seeds, 1, 1)
        return cls(Setting(kind, "abcabC", hidden=3, seeds=seeds), "abcC", [3000], flags, empty, empty, torch.zeros(1, seeds), 0.0, "cpu")

    def share(self, checkpoint: int = -1) -> tuple[float, float, float]:
        """Share of models that remember at a checkpoint, with its 95% Wilson interval."""
        return stats.share(self.solved[checkpoint])

    def solved_count(self, checkpoint: int = -1) -> int:
        """How many models remember at a checkpoint."""
        return int(self.solved[checkpoint].sum())

    def hidden_share(self, low: float = 0.0, high: float = float("inf")) -> float:
        """Share of all hidden values, of every model and step, with ``low <= |h| < high``."""
        size = self.hidden_states.abs()
        return ((size >= low) & (size < high)).float().mean().item()


def run(setting: Setting) -> MemoryRun:
    """Train ``setting.seeds`` models as in the lecture (Adam, the whole sequence each step),
    recording every ``setting.every`` steps which models remember. Cached on disk.

    >>> found = run(Setting("lstm", "abaB", hidden=2, seeds=3, steps=20, every=10))
    >>> found.checkpoints, found.solved.shape, found.hidden_states.shape
    ([10, 20], torch.Size([2, 3]), torch.Size([3, 399, 2]))
    """
    if not isinstance(setting, Setting):
        raise TypeError(f"run: setting must be a memory.Setting, got {type(setting).__name__}")
    return _as_asked(cache.cached("memory_run", _key(setting), lambda: _compute(setting), module=__name__), setting)


def _as_asked(found: MemoryRun, setting: Setting) -> MemoryRun:
    """``found`` with the setting it was asked for: one cache entry serves ``device=None``,
    ``"cuda"`` and ``"cuda:0"`` alike, and the record says which was asked (``device``, where it trained)."""
    return found if found.setting == setting else replace(found, setting=setting)


def _device(setting: Setting) -> torch.device:
    return torch.device(setting.device) if setting.device is not None else devices.default_device()


def _key(setting: Setting) -> dict:
    """The setting's cache key: the device by its type only, so ``"cuda"`` and ``"cuda:0"`` share results."""
    return {**asdict(setting), "device": _device(setting).type}


def _compute(setting: Setting) -> MemoryRun:
    return _run(setting, _device(setting))


def _run(setting: Setting, device: torch.device) -> MemoryRun:
    text = toy.sequence(setting.pattern)
    x, y, vocab = toy.next_char_task(text)
    ambiguous = toy.ambiguous_steps(text)
    models = [m.to(device) for m in make_models(setting.kind, len(vocab), setting.hidden, len(vocab), n=setting.seeds, seed=setting.seed)]
    x_device = x.to(device)
    checkpoints = list(range(setting.every, setting.steps + 1, setting.every))
    solved = []

    def evaluate(_step: int) -> None:
        with torch.no_grad():
            logits = torch.stack([m(x_device) for m in models]).cpu()
        solved.append(toy.remembers(logits, y, ambiguous, period=len(setting.pattern)))

    start = time.perf_counter()
    loss = train(models, x, y, setting.steps, lr=setting.lr, checkpoints=checkpoints, on_checkpoint=evaluate)
    seconds = time.perf_counter() - start
    with torch.no_grad():
        hidden = torch.stack([m.hidden(x_device) for m in models])
        probs = torch.stack([m.head(h).softmax(-1) for m, h in zip(models, hidden)])
    return MemoryRun(
        setting=setting, vocab=vocab.chars, checkpoints=checkpoints, solved=torch.stack(solved),
        hidden_states=hidden.cpu(), probs=probs.cpu(), loss=loss, seconds=seconds, device=str(device),
    )


def run_all(
    settings: list[Setting], workers: int | None = None, executor: Executor | None = None
) -> list[MemoryRun]:
    """:func:`run` for each setting, in order, the ones not in the cache trained side by side.

    Training runs on one thread (see :func:`lstm_explained.training.packed.train`), so on a machine
    with several cores, separate settings train side by side in separate processes: ``workers`` of
    them (default: one per core), or on ``executor``, such as a ``dask.distributed`` client's
    ``client.get_executor()`` (see :func:`lstm_explained.runtime.parallel.map_cached`). Each result
    is cached under the same key as :func:`run`'s; settings on CUDA train here, one after another.
    """
    _checks.positive_int("run_all", "workers", workers, optional=True)
    asked = list(settings)
    for setting in asked:
        if not isinstance(setting, Setting):
            raise TypeError(f"run_all: settings must be memory.Settings, got {type(setting).__name__}")
    default = str(devices.default_device())
    settings = [s if s.device is not None else replace(s, device=default) for s in asked]
    on_gpu = any(torch.device(s.device).type == "cuda" for s in settings)
    found = parallel.map_cached(
        _compute, settings, name="memory_run", key_of=_key, module=__name__,
        executor=executor, workers=workers, in_process=on_gpu,
    )
    return [_as_asked(r, s) for r, s in zip(found, asked)]


def compare(a: MemoryRun, b: MemoryRun, checkpoint: int = -1) -> stats.ShareComparison:
    """How the share of ``a``'s models that remember compares with ``b``'s at a checkpoint: the
    difference with its 95% interval (Newcombe's hybrid score) and the verdict that interval gives.

    Two shares are compared with an interval for their difference, never by whether their two
    intervals overlap (:func:`lstm_explained.stats.compare_shares`).

    >>> found = compare(MemoryRun.made_up(56), MemoryRun.made_up(40))
    >>> found.verdict, round(found.difference, 2), round(found.low, 3), round(found.high, 3)
    ('higher', 0.16, 0.022, 0.29)
    """
    return stats.compare_shares(a.solved_count(checkpoint), a.setting.seeds, b.solved_count(checkpoint), b.setting.seeds)
