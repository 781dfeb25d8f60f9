"""The lecture's four shapes of sequence problem, each learned by a small tanh RNN and scored on
the cases it did not see (:mod:`~lstm_explained.tasks.shapes`, :mod:`~lstm_explained.models.shapes`).

Each model trains on its whole training list at once, Adam, cross-entropy over every scored
step; a case counts as right only when every character written is right.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch.nn import functional as F

from .. import _checks
from ..models.shapes import ShapeModel
from ..runtime import cache
from ..tasks.shapes import ALPHABET, SHAPES, shape_task
from ..tasks.vocab import Vocab

__all__ = ["ShapeResult", "run", "run_all"]

_INPUT = Vocab(ALPHABET)


@dataclass(frozen=True)
class ShapeResult:
    """One shape's trained model, measured: whole-case accuracy on the training and held-out cases
    (``None`` where nothing is held out), and held-out cases (training ones where none) as
    ``(input, written, target)``."""

    shape: str
    application: str
    train_cases: int
    test_cases: int
    train_accuracy: float
    test_accuracy: float | None
    final_loss: float
    examples: tuple[tuple[str, str, str], ...]


def _outputs(cases) -> Vocab:
    return Vocab(sorted({ch for _, target in cases for ch in target}))


def run(shape: str, *, hidden: int = 32, steps: int = 600, lr: float = 0.01, seed: int = 0) -> ShapeResult:
    """Train ``shape``'s model of ``hidden`` units (cached), ``steps`` Adam steps each over the
    whole training list (epochs), and measure it.

    >>> r = run("many-to-one", steps=20)
    >>> r.train_cases, r.test_cases, r.examples[0][0], r.examples[0][2]
    (1326, 441, 'bbacaaa', 'a')
    """
    _checks.one_of("run", "shape", shape, SHAPES)
    for name, value in (("hidden", hidden), ("steps", steps)):
        _checks.positive_int("run", name, value)
    _checks.int_in("run", "seed", seed, 0)
    task = shape_task(shape, seed)
    out = _outputs(task.train + task.test)
    x_of = lambda cases: torch.stack([_INPUT.one_hot(a) for a, _ in cases])  # noqa: E731
    y_of = lambda cases: torch.stack([out.encode(b) for _, b in cases])  # noqa: E731
    answer_steps = len(task.train[0][1]) if shape in ("one-to-many", "seq-to-seq") else None  # characters a decoder writes
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = ShapeModel(shape, len(_INPUT), hidden, len(out), steps=answer_steps)

    def fit():
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        x, y = x_of(task.train), y_of(task.train)
        for _ in range(steps):
            loss = F.cross_entropy(model(x).flatten(0, 1), y.flatten())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        return {"state": model.state_dict(), "loss": loss.item()}

    key = dict(shape=shape, hidden=hidden, steps=steps, lr=lr, seed=seed)
    stored = cache.cached("shape_model", key, fit, module=__name__)
    model.load_state_dict(stored["state"])

    def written(cases) -> list[str]:
        with torch.no_grad():
            return [out.decode(row) for row in model(x_of(cases)).argmax(-1)]

    def accuracy(cases) -> float | None:
        return sum(w == t for w, (_, t) in zip(written(cases), cases)) / len(cases) if cases else None

    shown = task.test[:3] or task.train[:3]
    return ShapeResult(
        shape, task.application, len(task.train), len(task.test), accuracy(task.train), accuracy(task.test),
        stored["loss"], tuple((a, w, t) for (a, t), w in zip(shown, written(shown))),
    )


def run_all(**settings) -> list[ShapeResult]:
    """:func:`run` for every shape, in the lecture's order."""
    return [run(shape, **settings) for shape in SHAPES]
