"""Trained toy models for the chapters that read one model's insides.

One seed can get stuck: the lecture's ``abaB`` LSTM with two hidden units does not always learn to
remember. A chapter that reads a model's gates needs one that did, and should say how it was
chosen: :func:`first_that_remembers` tries seeds in order and reports every attempt.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import Tensor

from . import data, memory
from .data import Vocab
from .ensemble import ToyModel

__all__ = ["Chosen", "first_that_remembers"]


@dataclass
class Chosen:
    """The first model that remembers, its seed, and every seed tried with whether it remembered."""

    model: ToyModel
    vocab: Vocab
    loss: Tensor
    seed: int
    tried: list[tuple[int, bool]]


def first_that_remembers(kind: str, pattern: str, *, hidden_size: int, epochs: int, seeds=range(20)) -> Chosen:
    """Train seeds in order (each cached) until a model remembers ``pattern``; raise if none does.

    >>> chosen = first_that_remembers("lstm", "abaB", hidden_size=2, epochs=300, seeds=range(3))
    >>> chosen.seed, chosen.tried
    (2, [(0, False), (1, False), (2, True)])
    """
    text = data.sequence(pattern)
    x, y, _ = data.next_char_task(text)
    ambiguous = memory.ambiguous_steps(text)
    tried = []
    for seed in seeds:
        model, vocab, loss = memory.trained_model(kind, pattern, hidden_size=hidden_size, epochs=epochs, seed=seed)
        with torch.no_grad():
            ok = bool(memory.remembers(model(x), y, ambiguous, period=len(pattern)))
        tried.append((seed, ok))
        if ok:
            return Chosen(model, vocab, loss, seed, tried)
    raise RuntimeError(f"first_that_remembers: none of the seeds {[s for s, _ in tried]} learned {pattern!r}")
