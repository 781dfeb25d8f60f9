"""Single trained toy models, for the chapters that read one model's insides.

:func:`trained_model` trains one model as the lecture does and caches its weights. One seed can get
stuck: the lecture's ``abaB`` LSTM with two hidden units does not always learn to remember. A
chapter that reads a model's gates needs one that did, and should say how it was chosen:
:func:`first_that_remembers` tries seeds in order and reports every attempt.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import Tensor

from ..models.toy import ToyModel, make_models
from ..runtime import cache
from ..tasks import toy
from ..tasks.vocab import Vocab
from ..training.packed import train

__all__ = ["Chosen", "first_that_remembers", "trained_model"]


def trained_model(
    kind: str, pattern: str, *, hidden: int, steps: int, seed: int = 0, lr: float = 0.1
) -> tuple[ToyModel, Vocab, Tensor]:
    """One model of ``hidden`` units trained on ``pattern`` as in the lecture, ``steps`` Adam steps
    each over the whole sequence (the lecture's epochs); returns it (on the CPU), its vocabulary
    and its loss after every step. The weights are cached on disk.

    >>> model, vocab, loss = trained_model("lstm", "abaB", hidden=2, steps=5)
    >>> vocab, loss.shape
    (Vocab('abB'), torch.Size([5]))
    """
    x, y, vocab = toy.next_char_task(toy.sequence(pattern))
    model = make_models(kind, len(vocab), hidden, len(vocab), n=1, seed=seed)[0]

    def fit():
        loss = train([model], x, y, steps, lr=lr)[:, 0]
        return {"state": model.state_dict(), "loss": loss}

    key = dict(kind=kind, pattern=pattern, hidden=hidden, steps=steps, seed=seed, lr=lr)
    stored = cache.cached("trained_model", key, fit, module=__name__)
    model.load_state_dict(stored["state"])
    return model, vocab, stored["loss"]


@dataclass
class Chosen:
    """The first model that remembers, its seed, and every seed tried with whether it remembered."""

    model: ToyModel
    vocab: Vocab
    loss: Tensor  # the chosen model's loss after every step
    seed: int
    tried: list[tuple[int, bool]]  # (seed, remembers) for every seed tried, in order

    @property
    def stuck(self) -> int:
        """How many of the seeds tried did not learn to remember."""
        return sum(not ok for _, ok in self.tried)


def first_that_remembers(kind: str, pattern: str, *, hidden: int, steps: int, seeds=range(20)) -> Chosen:
    """Train seeds in order (each cached) until a model remembers ``pattern``; raise if none does.

    >>> chosen = first_that_remembers("lstm", "abaB", hidden=2, steps=300, seeds=range(3))
    >>> chosen.seed, chosen.tried, chosen.stuck
    (2, [(0, False), (1, False), (2, True)], 2)
    """
    text = toy.sequence(pattern)
    x, y, _ = toy.next_char_task(text)
    ambiguous = toy.ambiguous_steps(text)
    tried = []
    for seed in seeds:
        model, vocab, loss = trained_model(kind, pattern, hidden=hidden, steps=steps, seed=seed)
        with torch.no_grad():
            ok = bool(toy.remembers(model(x), y, ambiguous, period=len(pattern)))
        tried.append((seed, ok))
        if ok:
            return Chosen(model, vocab, loss, seed, tried)
    raise RuntimeError(f"first_that_remembers: none of the seeds {[s for s, _ in tried]} learned {pattern!r}")
