"""The long-memory experiment: many seeds of RNN and LSTM on the lecture's toy sequences.

In ``abcabC`` the input ``b`` is followed by ``c`` the first time and by ``C`` the second: the
current character alone does not say which. Such steps are *ambiguous*; getting them right takes
memory of what came before. A model *remembers* when it predicts every ambiguous step of the
final repetition correctly; a model that always answers ``C`` after ``b`` does not count.
"""

from __future__ import annotations

import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from dataclasses import dataclass

import torch
from torch import Tensor

from . import cache, data, devices, ensemble, stats

__all__ = ["MemoryRun", "ambiguous_steps", "remembers", "run", "run_all", "solved_share", "trained_model"]


def ambiguous_steps(text: str) -> Tensor:
    """For each step ``t`` of next-character prediction on ``text``, whether ``text[t]`` alone
    leaves ``text[t + 1]`` open (the same character is followed by different ones elsewhere).

    >>> ambiguous_steps("abcabCabcabC")[:6]
    tensor([False,  True, False, False,  True, False])
    """
    if not isinstance(text, str) or len(text) < 2:
        raise ValueError(f"ambiguous_steps: text must be a str of at least 2 characters, got {text!r}")
    following = defaultdict(set)
    for current, upcoming in zip(text, text[1:]):
        following[current].add(upcoming)
    return torch.tensor([len(following[ch]) > 1 for ch in text[:-1]])


def remembers(logits: Tensor, y: Tensor, ambiguous: Tensor, period: int) -> Tensor:
    """Whether each model predicts every ambiguous step of the last ``period`` steps correctly.

    ``logits`` is ``(n, T, O)`` (or ``(T, O)`` for one model); returns a bool per model.

    >>> y = torch.tensor([1, 2, 0, 1, 3, 0])
    >>> amb = torch.tensor([False, True, False, False, True, False])
    >>> right = torch.nn.functional.one_hot(y, 4).float()
    >>> wrong = right.clone(); wrong[4] = torch.tensor([0.0, 0.0, 1.0, 0.0])
    >>> remembers(torch.stack([right, wrong]), y, amb, period=6)
    tensor([ True, False])
    """
    if logits.dim() == 2:
        return remembers(logits[None], y, ambiguous, period)[0]
    if logits.dim() != 3 or logits.shape[1] != y.shape[0] or ambiguous.shape != y.shape:
        raise ValueError(
            f"remembers: expected logits (n, T, O) with T = len(y) = len(ambiguous); got {tuple(logits.shape)}, "
            f"{tuple(y.shape)}, {tuple(ambiguous.shape)}"
        )
    if not 1 <= period <= y.shape[0]:
        raise ValueError(f"remembers: period must be in 1..{y.shape[0]}, got {period}")
    window = slice(y.shape[0] - period, None)
    mask = ambiguous[window]
    if not mask.any():
        raise ValueError("remembers: the last period has no ambiguous step; nothing tests memory there")
    correct = logits[:, window].argmax(-1) == y[window]
    return correct[:, mask].all(dim=1)


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
        return solved_share(self.solved[checkpoint])

    def solved_count(self, checkpoint: int = -1) -> int:
        """How many models remember at a checkpoint."""
        return int(self.solved[checkpoint].sum())


def solved_share(solved: Tensor) -> tuple[float, float, float]:
    """``(share, low, high)``: the fraction of ``True`` in ``solved`` and its 95% Wilson interval.

    >>> solved_share(torch.tensor([True] * 30 + [False] * 70))
    (0.3, 0.2189..., 0.3958...)
    """
    k, n = int(solved.sum()), solved.numel()
    low, high = stats.wilson_interval(k, n)
    return k / n, low, high


def run(
    kind: str,
    pattern: str,
    *,
    hidden_size: int,
    n: int = 100,
    epochs: int = 3000,
    every: int = 250,
    seed: int = 0,
    lr: float = 0.1,
    device: torch.device | str | None = None,
) -> MemoryRun:
    """Train ``n`` seeds of one setting as in the lecture (Adam, ``lr``, whole sequence each epoch),
    recording every ``every`` epochs which models remember. Cached on disk.

    ``device`` defaults to :func:`lstm_explained.devices.default_device`.
    """
    device = torch.device(device) if device is not None else devices.default_device()
    if every < 1 or epochs % every:
        raise ValueError(f"run: every must divide epochs ({epochs}), got {every}")
    key = dict(kind=kind, pattern=pattern, hidden_size=hidden_size, n=n, epochs=epochs, every=every, seed=seed, lr=lr, device=device.type)
    return cache.cached("memory_run", key, lambda: _run(kind, pattern, hidden_size, n, epochs, every, seed, lr, device), module=__name__)


def _run(kind, pattern, hidden_size, n, epochs, every, seed, lr, device) -> MemoryRun:
    text = data.sequence(pattern)
    x, y, vocab = data.next_char_task(text)
    ambiguous = ambiguous_steps(text)
    models = [m.to(device) for m in ensemble.make_models(kind, len(vocab), hidden_size, len(vocab), n=n, seed=seed)]
    x_device = x.to(device)
    checkpoints = list(range(every, epochs + 1, every))
    solved = []

    def evaluate(_epoch: int) -> None:
        with torch.no_grad():
            logits = torch.stack([m(x_device) for m in models]).cpu()
        solved.append(remembers(logits, y, ambiguous, period=len(pattern)))

    start = time.perf_counter()
    loss = ensemble.train(models, x, y, epochs, lr=lr, checkpoints=checkpoints, on_checkpoint=evaluate)
    seconds = time.perf_counter() - start
    with torch.no_grad():
        hidden = torch.stack([m.hidden(x_device) for m in models])
        probs = torch.stack([m.head(h).softmax(-1) for m, h in zip(models, hidden)])
    hidden, probs = hidden.cpu(), probs.cpu()
    return MemoryRun(
        kind=kind, pattern=pattern, vocab=vocab.chars, hidden_size=hidden_size, seed=seed, checkpoints=checkpoints,
        solved=torch.stack(solved), hidden=hidden, probs=probs, loss=loss, seconds=seconds, device=str(device),
    )


def _one_thread() -> None:
    torch.set_num_threads(1)


def _run_setting(setting: dict) -> MemoryRun:
    return run(**setting)


def run_all(settings: list[dict], workers: int = 2) -> list[MemoryRun]:
    """:func:`run` for each setting (a dict of its keyword arguments), ``workers`` at a time.

    Training runs on one thread (see :func:`lstm_explained.ensemble.train`), so on a machine with
    several cores, separate settings train side by side in separate processes. Results already in
    the cache are loaded without starting any.
    """
    if not isinstance(workers, int) or workers < 1:
        raise ValueError(f"run_all: workers must be a positive int, got {workers!r}")
    settings = [{"device": str(devices.default_device()), **setting} for setting in settings]
    if workers == 1 or len(settings) < 2 or str(settings[0]["device"]).startswith("cuda"):
        return [run(**setting) for setting in settings]
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=_one_thread) as pool:
        return list(pool.map(_run_setting, settings))


def trained_model(
    kind: str, pattern: str, *, hidden_size: int, epochs: int, seed: int = 0, lr: float = 0.1
) -> tuple[ensemble.ToyModel, data.Vocab, Tensor]:
    """One model trained on ``pattern`` as in the lecture; returns it (on the CPU), its vocabulary
    and its loss history. The weights are cached on disk.

    >>> model, vocab, loss = trained_model("lstm", "abaB", hidden_size=2, epochs=5)
    >>> vocab, loss.shape
    (Vocab('abB'), torch.Size([5]))
    """
    text = data.sequence(pattern)
    x, y, vocab = data.next_char_task(text)
    model = ensemble.make_models(kind, len(vocab), hidden_size, len(vocab), n=1, seed=seed)[0]

    def fit():
        loss = ensemble.train([model], x, y, epochs, lr=lr)[:, 0]
        return {"state": model.state_dict(), "loss": loss}

    key = dict(kind=kind, pattern=pattern, hidden_size=hidden_size, epochs=epochs, seed=seed, lr=lr)
    stored = cache.cached("trained_model", key, fit, module=__name__)
    model.load_state_dict(stored["state"])
    return model, vocab, stored["loss"]
