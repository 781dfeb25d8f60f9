r"""Exploding gradients on one unit, and what clipping does about them.

Pascanu, Mikolov & Bengio (2013, §3) explain exploding gradients with a one-unit recurrent model,
:math:`x_t = w\,\sigma(x_{t-1}) + b`: for some :math:`(w, b)` a small change moves the unit from one
fixed point to another, so the loss after many steps jumps, and its gradient on that wall is huge.
This module builds such a model with the book's own choices (:data:`X0`, :data:`STEPS`,
:data:`TARGET`), maps its loss surface, runs gradient descent from the foot of the wall with and
without clipping by norm at thresholds around the average gradient norm (Pascanu et al.'s
heuristic), and measures how clipping by norm and by value change a gradient's direction, with
``torch.nn.utils``' own clipping functions.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import Tensor

from .. import _checks
from ..runtime import cache
from .vanishing import orthogonal

__all__ = [
    "MULTIPLES", "SOLVED", "STEPS", "TARGET", "THROWN", "X0", "ClipRow", "ClippingStudy", "Descent", "Surface",
    "clipping_cosines", "clipping_study", "cliff_loss", "descend", "rnn_gradients", "surface", "wall_starts",
]

#: The unit's starting value.
X0 = 0.5
#: How many steps the unit runs before the loss is read.
STEPS = 50
#: The value :math:`x_T` should reach.
TARGET = 0.7
#: Clipping thresholds as multiples of the average gradient norm; Pascanu et al. found half to ten
#: times the average to work.
MULTIPLES = (0.5, 1.0, 2.0, 5.0, 10.0)
#: A run is solved when its final loss is below this.
SOLVED = 1e-3
#: A single step longer than this, in the (w, b) plane, throws a run off; the descent's usual
#: steps are a hundred times shorter.
THROWN = 1.0


def cliff_loss(w: Tensor, b: Tensor) -> Tensor:
    """:math:`(x_T - \\text{TARGET})^2` after :data:`STEPS` steps of :math:`x_t = w\\,\\sigma(x_{t-1}) + b`
    from :math:`x_0 =` :data:`X0`, element-wise over ``w`` and ``b``.

    >>> cliff_loss(torch.tensor([0.0]), torch.tensor([0.7]))
    tensor([0.])
    """
    x = torch.full_like(w, X0)
    for _ in range(STEPS):
        x = w * torch.sigmoid(x) + b
    return (x - TARGET) ** 2


def _gradients(w: Tensor, b: Tensor) -> tuple[Tensor, Tensor, Tensor]:
    w, b = w.detach().clone().requires_grad_(), b.detach().clone().requires_grad_()
    loss = cliff_loss(w, b)
    gw, gb = torch.autograd.grad(loss.sum(), (w, b))  # each point's loss depends on its own (w, b) only
    return loss.detach(), gw, gb


@dataclass(frozen=True)
class Surface:
    """The loss and the gradient's norm on a grid: ``loss[i, j]`` at ``(w[i], b[j])``."""

    w: Tensor
    b: Tensor
    loss: Tensor
    grad_norm: Tensor


def surface(n: int = 301, w_range: tuple[float, float] = (-2.0, 12.0), b_range: tuple[float, float] = (-8.0, 2.0)) -> Surface:
    """The loss surface on an ``n`` by ``n`` grid, float64; cached.

    >>> s = surface(n=101)
    >>> s.loss.shape, bool(s.grad_norm.max() > 10 * s.grad_norm.median())
    (torch.Size([101, 101]), True)
    """
    _checks.int_in("surface", "n", n, 2)

    def compute():
        w = torch.linspace(*w_range, n, dtype=torch.float64)
        b = torch.linspace(*b_range, n, dtype=torch.float64)
        grid_w, grid_b = torch.meshgrid(w, b, indexing="ij")
        loss, gw, gb = _gradients(grid_w, grid_b)
        return Surface(w, b, loss, torch.hypot(gw, gb))

    return cache.cached("cliff_surface", dict(n=n, w_range=list(w_range), b_range=list(b_range)), compute, module=__name__)


def wall_starts(found: Surface, count: int = 64, seed: int = 0) -> Tensor:
    """``count`` starting points ``(count, 2)``, ``(w, b)``, drawn (seeded) from the grid points
    whose gradient norm is in the top 1%: the foot of the wall.

    >>> wall_starts(surface(n=21), count=3).shape
    torch.Size([3, 2])
    """
    _checks.positive_int("wall_starts", "count", count)
    steep = (found.grad_norm >= torch.quantile(found.grad_norm.flatten(), 0.99)).nonzero()
    pick = torch.randperm(len(steep), generator=torch.Generator().manual_seed(seed))[:count]
    i, j = steep[pick].T
    return torch.stack([found.w[i], found.b[j]], dim=1)


@dataclass(frozen=True)
class Descent:
    """Runs of gradient descent side by side: the points ``(steps + 1, n, 2)``, the loss
    ``(steps + 1, n)``, each step's gradient norm before clipping and the length of the step taken
    ``(steps, n)``."""

    path: Tensor
    loss: Tensor
    grad_norm: Tensor
    step_length: Tensor


def descend(starts: Tensor, *, lr: float = 0.01, steps: int = 1000, max_norm: float | None = None) -> Descent:
    """Plain gradient descent on :func:`cliff_loss` from each of ``starts`` ``(n, 2)`` at once; with
    ``max_norm`` each run's gradient is first scaled down to that norm when it is longer (as
    :func:`torch.nn.utils.clip_grad_norm_` does for one run, which the tests check).

    >>> run = descend(torch.tensor([[8.0, -4.0]], dtype=torch.float64), steps=5, max_norm=1.0)
    >>> run.path.shape, bool((run.step_length <= 0.01 + 1e-12).all())
    (torch.Size([6, 1, 2]), True)
    """
    _checks.positive_int("descend", "steps", steps)
    _checks.shape("descend", "starts", starts, (starts.shape[0], 2), "(one (w, b) per run)")
    point = starts.detach().to(torch.float64).clone()
    path, losses, norms, lengths = [point], [], [], []
    for _ in range(steps):
        loss, gw, gb = _gradients(point[:, 0], point[:, 1])
        grad = torch.stack([gw, gb], dim=1)
        norm = grad.norm(dim=1)
        if max_norm is not None:
            grad = grad * torch.clamp(max_norm / (norm + 1e-6), max=1.0)[:, None]  # clip_grad_norm_'s own rule
        point = point - lr * grad
        path.append(point)
        losses.append(loss)
        norms.append(norm)
        lengths.append(lr * grad.norm(dim=1))
    losses.append(cliff_loss(point[:, 0], point[:, 1]))
    return Descent(torch.stack(path), torch.stack(losses), torch.stack(norms), torch.stack(lengths))


@dataclass(frozen=True)
class ClipRow:
    """One setting of :func:`clipping_study`: the threshold (``None`` for no clipping) and its
    multiple of the average gradient norm, and what the runs did."""

    multiple: float | None
    threshold: float | None
    largest_step: float
    thrown: float  # share of runs with a step longer than THROWN
    solved: float  # share of runs whose final loss is below SOLVED
    median_final: float


@dataclass(frozen=True)
class ClippingStudy:
    """The surface, the starts, the average gradient norm of the unclipped runs, one row per
    setting, and the unclipped and one clipped descent for drawing."""

    surface: Surface
    starts: Tensor
    steps: int
    average_norm: float
    rows: list[ClipRow]
    free: Descent
    clipped: Descent  # at the threshold of MULTIPLES' 1.0


def _row(multiple: float | None, threshold: float | None, run: Descent) -> ClipRow:
    return ClipRow(
        multiple, threshold, run.step_length.max().item(),
        (run.step_length.max(0).values > THROWN).double().mean().item(),
        (run.loss[-1] < SOLVED).double().mean().item(), run.loss[-1].median().item(),
    )


def clipping_study(*, count: int = 64, lr: float = 0.01, steps: int = 1000, seed: int = 0) -> ClippingStudy:
    """Descend from ``count`` starts at the foot of the wall, unclipped and clipped at each of
    :data:`MULTIPLES` times the unclipped runs' average gradient norm; cached."""

    def compute():
        found = surface()
        starts = wall_starts(found, count, seed)
        free = descend(starts, lr=lr, steps=steps)
        average = free.grad_norm.mean().item()
        rows, runs = [_row(None, None, free)], {}
        for multiple in MULTIPLES:
            runs[multiple] = descend(starts, lr=lr, steps=steps, max_norm=multiple * average)
            rows.append(_row(multiple, multiple * average, runs[multiple]))
        return ClippingStudy(found, starts, steps, average, rows, free, runs[1.0])

    return cache.cached("clipping_study", dict(count=count, lr=lr, steps=steps, seed=seed), compute, module=__name__)


def rnn_gradients(sigma: float = 3.0, size: int = 64, length: int = 100, seed: int = 0) -> list[Tensor]:
    """The gradients of every parameter of a tanh RNN with :math:`W_{hh} = \\sigma Q`, for the loss
    :math:`\\langle v, h_T \\rangle` on inputs from N(0, 1); float64. At :math:`\\sigma = 3` they explode."""
    torch.manual_seed(seed)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        rnn = torch.nn.RNN(size, size).double()
        x = torch.randn(length, size, dtype=torch.float64)
    with torch.no_grad():
        rnn.weight_hh_l0.copy_(orthogonal(sigma, size, seed))
    v = torch.ones(size, dtype=torch.float64) / size**0.5
    return list(torch.autograd.grad((rnn(x)[0][-1] * v).sum(), list(rnn.parameters())))


def clipping_cosines(gradients: list[Tensor], *, max_norm: float, clip_value: float) -> tuple[float, float]:
    """The cosine between a gradient (all ``gradients`` together, as one vector) and the same
    gradient clipped by norm (:func:`torch.nn.utils.clip_grad_norm_`) and by value
    (:func:`torch.nn.utils.clip_grad_value_`); the inputs are not changed.

    >>> norm, value = clipping_cosines([torch.tensor([30.0, 1.0])], max_norm=1.0, clip_value=5.0)
    >>> round(norm, 6), round(value, 3)
    (1.0, 0.987)
    """

    def clipped(clip) -> Tensor:
        params = [torch.nn.Parameter(torch.zeros_like(g)) for g in gradients]
        for p, g in zip(params, gradients):
            p.grad = g.detach().clone()
        clip(params)
        return torch.cat([p.grad.flatten() for p in params])

    raw = torch.cat([g.detach().flatten() for g in gradients])
    by_norm = clipped(lambda ps: torch.nn.utils.clip_grad_norm_(ps, max_norm))
    by_value = clipped(lambda ps: torch.nn.utils.clip_grad_value_(ps, clip_value))
    cosine = lambda a, b: (a @ b / (a.norm() * b.norm())).item()  # noqa: E731
    return cosine(raw, by_norm), cosine(raw, by_value)

