r"""Many small models at once on batches of sequences: the long-lag tasks' trainer.

The toy trainer (:mod:`~lstm_explained.training.packed`) reads one sequence per epoch. The tasks of
:mod:`lstm_explained.tasks.long_lag` need batches of fresh sequences, a loss only where the task
asks for an answer, gradient clipping and, for truncated backpropagation through time, chunks.
The models are packed the same way (:mod:`~lstm_explained.training.packing`, one packing per kind):
the loss is the sum of the models' own losses, each model's gradient is clipped by its own norm,
and Adam works element by element, so :func:`train` leaves every model where :func:`train_alone`,
the plain loop run once per model, would.

What counts as the loss is stated, never guessed from ``y``: ``loss`` is one of
:data:`~lstm_explained.tasks.long_lag.LOSSES` (a task of :mod:`~lstm_explained.tasks.problems`
states its own), and ``y`` must be what that loss reads:

- ``"mse_last"``: ``y`` float ``(N,)``, squared error of the last step's single output (the adding problem);
- ``"cross_entropy_last"``: ``y`` classes ``(N,)``, cross-entropy at the last step (delayed recall);
- ``"cross_entropy_each"``: ``y`` classes ``(T, N)``, cross-entropy at every step whose target is
  not :data:`~lstm_explained.tasks.long_lag.NO_TARGET`
  (a stream whose answers come all along, :func:`~lstm_explained.tasks.long_lag.lagged_stream`).

With ``Schedule.chunk = k`` each batch is read ``k`` steps at a time, one optimizer step per chunk
that holds a target; the state is carried to the next chunk with its gradient stopped
(``carry=True``) or reset to zero (``carry=False``, as d2l's random-sampling iterator does).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import torch
from torch import Tensor
from torch.nn import functional as F

from .. import _checks
from ..models.toy import ToyModel
from ..runtime.devices import cpu_threads
from ..tasks.long_lag import LOSSES, NO_TARGET, Loss
from .one_by_one import check_models
from .packing import detached, groups, packing_for

__all__ = ["Schedule", "accuracy", "final_outputs", "losses", "packed_outputs", "train", "train_alone"]


@dataclass(frozen=True)
class Schedule:
    """How the long-lag models are trained; every model sees the same batches."""

    steps: int  # batches drawn, each of `batch` sequences from the pool
    batch: int = 32  # sequences per batch
    lr: float | tuple[float, ...] = 1e-2  # Adam's learning rate, or one per model (in the models' order)
    clip: float | None = 1.0  # each model's own gradient norm is clipped to this (None: not clipped)
    chunk: int | None = None  # truncated BPTT: steps per chunk (None: the whole sequence at once)
    carry: bool = True  # between chunks, carry the state (gradient stopped) or reset it to zero
    seed: int = 0  # which sequences each batch draws

    def __post_init__(self):
        where = "Schedule"
        _checks.positive_int(where, "steps", self.steps)
        _checks.positive_int(where, "batch", self.batch)
        _checks.positive_int(where, "chunk", self.chunk, optional=True)
        rates = self.lr if isinstance(self.lr, tuple) else (self.lr,)
        if not rates or not all(isinstance(r, (int, float)) and r > 0 for r in rates):
            raise ValueError(f"{where}: lr must be a positive number or a non-empty tuple of them, one per model; got {self.lr!r}")
        if self.clip is not None and not self.clip > 0:
            raise ValueError(f"{where}: clip must be positive or None, got {self.clip!r}")


def _check(where: str, models: Sequence[ToyModel], x: Tensor, y: Tensor, loss: Loss) -> None:
    check_models(where, models)
    first = models[0]
    if first.rnn.num_layers != 1:
        raise ValueError(f"{where}: trains one-layer models only, got num_layers={first.rnn.num_layers}")
    _checks.one_of(where, "loss", loss, LOSSES)
    _checks.tensor(where, "x", x)
    if not isinstance(y, Tensor):
        raise TypeError(f"{where}: y must be a tensor, got {type(y).__name__}")
    inputs, outputs = first.rnn.input_size, first.head.out_features
    if x.dim() != 3 or x.shape[2] != inputs:
        raise ValueError(f"{where}: x must be (seq_len, n_sequences, {inputs}), got {tuple(x.shape)}")
    steps, count = x.shape[:2]
    if loss == "mse_last":
        if not y.dtype.is_floating_point or y.shape != (count,) or outputs != 1:
            raise ValueError(
                f"{where}: loss 'mse_last' needs a float y, one regression target per sequence, ({count},), for models with "
                f"1 output; got a {y.dtype} y {tuple(y.shape)} and {outputs} outputs"
            )
        return
    shape = (count,) if loss == "cross_entropy_last" else (steps, count)
    if y.dtype.is_floating_point or y.dtype.is_complex or y.dtype == torch.bool or y.shape != shape:
        answer = "an answer at the last step" if loss == "cross_entropy_last" else "an answer at every step"
        raise ValueError(f"{where}: loss {loss!r} needs an integer y of classes {shape} ({answer}); got a {y.dtype} y {tuple(y.shape)}")
    valid = y[y != NO_TARGET]
    if valid.numel() and (valid.min() < 0 or valid.max() >= outputs):
        raise ValueError(f"{where}: y must hold classes in 0..{outputs - 1} (or NO_TARGET = {NO_TARGET}), got {valid.min()}..{valid.max()}")


def _loss(out: Tensor, y: Tensor, loss: Loss) -> Tensor:
    """Each model's ``loss`` ``(n,)`` from outputs ``(T, B, n, O)`` and targets for these steps."""
    if loss == "mse_last":  # y (B,): squared error of the last step's output
        return (out[-1, :, :, 0] - y[:, None]).pow(2).mean(0)
    if loss == "cross_entropy_last":  # y (B,): cross-entropy at the last step
        logits = out[-1]  # (B, n, O)
        return F.cross_entropy(logits.transpose(1, 2), y[:, None].expand(-1, logits.shape[1]), reduction="none").mean(0)
    # cross_entropy_each, y (T, B): cross-entropy where a target is given, averaged over those steps
    steps, batch, n, outputs = out.shape
    per = F.cross_entropy(out.reshape(-1, n, outputs).transpose(1, 2), y.reshape(-1, 1).expand(-1, n).clamp(min=0), reduction="none")
    keep = (y.reshape(-1, 1) != NO_TARGET).to(per.dtype)
    return (per * keep).sum(0) / keep.sum().clamp(min=1)


def _each_step(loss: Loss) -> bool:
    """Whether ``loss`` reads an answer at every step (``y`` ``(T, N)``) rather than at the last one (``y`` ``(N,)``)."""
    return loss == "cross_entropy_each"


def _chunks(schedule: Schedule, x: Tensor, y: Tensor, loss: Loss):
    """``(x, y)`` of each chunk, ``y`` ``None`` where the chunk holds no target (a last-step task's
    answer sits in the last chunk)."""
    steps = x.shape[0]
    size = schedule.chunk or steps
    for start in range(0, steps, size):
        stop = min(start + size, steps)
        if _each_step(loss):
            yield x[start:stop], y[start:stop]
        else:
            yield x[start:stop], (y if stop == steps else None)


def _batches(schedule: Schedule, count: int):
    """The rows of each batch: drawn at random, with replacement, from a pool larger than a batch;
    the whole pool in order when a batch is as large as the pool (a batch of every phase of a
    pattern), where drawing would repeat some rows and leave others out."""
    if schedule.batch == count:
        for _ in range(schedule.steps):
            yield torch.arange(count)
        return
    draw = torch.Generator().manual_seed(schedule.seed)
    for _ in range(schedule.steps):
        yield torch.randint(0, count, (schedule.batch,), generator=draw)


def _pick(y: Tensor, rows: Tensor, loss: Loss) -> Tensor:
    return y[:, rows] if _each_step(loss) else y[rows]


def train(
    models: Sequence[ToyModel], x: Tensor, y: Tensor, schedule: Schedule, *, loss: Loss, threads: int | None = 1
) -> Tensor:
    """Train ``models`` in place, all at once, on batches drawn from the pool ``x (T, N, I)``, ``y``,
    by ``loss`` (one of :data:`~lstm_explained.tasks.long_lag.LOSSES`, which ``y`` must fit);
    return each model's mean training loss per batch, ``(steps, n)``. On the CPU the loop runs on
    ``threads`` intra-op threads (see :func:`~lstm_explained.runtime.devices.cpu_threads`).

    >>> from lstm_explained.models.toy import make_models
    >>> from lstm_explained.tasks.long_lag import adding
    >>> x, y = adding(64, 10)
    >>> together, alone = make_models("lstm", 2, 4, 1, n=3, seed=0), make_models("lstm", 2, 4, 1, n=3, seed=0)
    >>> history = train(together, x, y, Schedule(steps=30, batch=16), loss="mse_last")
    >>> history[0], history[-1]
    (tensor([1.9599, 2.3383, 1.7959]), tensor([0.1074, 0.3632, 0.1018]))
    >>> torch.allclose(history, train_alone(alone, x, y, Schedule(steps=30, batch=16), loss="mse_last"), atol=1e-5)
    True
    >>> train(together, x, y, Schedule(steps=1), loss="cross_entropy_each")
    Traceback (most recent call last):
    ...
    ValueError: train: loss 'cross_entropy_each' needs an integer y of classes (10, 64) (an answer at every step); got a torch.float32 y (64,)
    >>> train(together, x, y, Schedule(steps=1), loss="mse")
    Traceback (most recent call last):
    ...
    ValueError: train: loss must be one of 'mse_last', 'cross_entropy_last', 'cross_entropy_each', got 'mse'
    """
    _check("train", models, x, y, loss)
    if not isinstance(schedule, Schedule):
        raise TypeError(f"train: schedule must be a Schedule, got {type(schedule).__name__}")
    if isinstance(schedule.lr, tuple) and len(schedule.lr) != len(models):
        raise ValueError(f"train: schedule.lr gives {len(schedule.lr)} learning rates for {len(models)} models; give one per model, or one number")
    if threads is not None:
        _checks.positive_int("train", "threads", threads)
    with cpu_threads(threads):
        return _train_packed(models, x, y, schedule, loss)


def _rates(schedule: Schedule, packs) -> list[list[Tensor] | None]:
    """For each pack, each parameter's learning rate element by element, where the models' rates
    differ (``None`` where every model has the same one)."""
    if not isinstance(schedule.lr, tuple) or len(set(schedule.lr)) == 1:
        return [None] * len(packs)
    rates, start, found = torch.tensor(schedule.lr, dtype=torch.float64), 0, []
    for pack in packs:
        found.append(_rate_maps(pack, rates[start : start + pack.n]))
        start += pack.n
    return found


def _rate_maps(pack, rates: Tensor) -> list[Tensor]:
    """Each of ``pack``'s parameters filled with the rate of the model that owns each number, read
    off the packing's own map of which model owns which rows (:meth:`~lstm_explained.training.packing.Packing.model_grads`)."""
    params = list(pack.parameters())
    for p in params:
        p.grad = torch.full_like(p, float("nan"))
    for grad, owner in pack.model_grads():
        grad.copy_(rates.to(grad.dtype)[owner].view(-1, *[1] * (grad.dim() - 1)).expand_as(grad))
    maps = [p.grad.clone() for p in params]
    for p in params:
        p.grad = None
    if any(m.isnan().any() for m in maps):
        raise RuntimeError(f"train: the {type(pack).__name__} leaves some of its parameters without an owning model, so no rate can be given them")
    return maps


def _step_at(optimizer: torch.optim.Optimizer, pack, maps: list[Tensor]) -> None:
    """One Adam step at each model's own rate: Adam's update is its rate times a step that does not
    depend on the rate, so the optimizer steps at rate 1 and each number's change is scaled by its
    model's rate."""
    params = list(pack.parameters())
    before = [p.detach().clone() for p in params]
    optimizer.step()
    with torch.no_grad():
        for p, old, rate in zip(params, before, maps):
            p.copy_(old + (p - old) * rate)


def _train_packed(models, x, y, schedule, loss):
    packs = packing_for(models)
    rates = _rates(schedule, packs)
    first = schedule.lr[0] if isinstance(schedule.lr, tuple) else schedule.lr
    optimizers = [torch.optim.Adam(pack.parameters(), lr=first if r is None else 1.0) for pack, r in zip(packs, rates)]
    history = torch.zeros(schedule.steps, len(models), dtype=x.dtype)
    for step, rows in enumerate(_batches(schedule, x.shape[1])):
        xb, yb = x[:, rows], _pick(y, rows, loss)
        start = 0
        for pack, optimizer, rate in zip(packs, optimizers, rates):
            state, updates = None, 0
            for xc, yc in _chunks(schedule, xb, yb, loss):
                if yc is None:  # no answer here: only the state moves on
                    with torch.no_grad():
                        state = pack.run(xc, state if schedule.carry else None)[1]
                    continue
                h, state = pack.run(xc, state if schedule.carry else None)
                if not _each_step(loss):  # an answer at the last step only: the head reads that step alone
                    h = h[-1:]
                out = pack.heads(h)
                found = _loss(out, yc, loss)
                found.sum().backward()
                pack.before_step()
                if schedule.clip is not None:
                    pack.clip_grad_norms(schedule.clip)
                if rate is None:
                    optimizer.step()
                else:
                    _step_at(optimizer, pack, rate)
                optimizer.zero_grad()
                history[step, start : start + pack.n] += found.detach()
                updates += 1
            history[step, start : start + pack.n] /= max(updates, 1)
            start += pack.n
    for pack, group in zip(packs, groups(models, packs)):
        pack.unpack_into(group)
    return history


def train_alone(models: Sequence[ToyModel], x: Tensor, y: Tensor, schedule: Schedule, *, loss: Loss) -> Tensor:
    """The plain loop, one model after another, with ``torch.nn.utils.clip_grad_norm_``: the
    reference :func:`train` must match. Same arguments and result."""
    _check("train_alone", models, x, y, loss)
    history = torch.zeros(schedule.steps, len(models), dtype=x.dtype)
    for k, model in enumerate(models):
        optimizer = torch.optim.Adam(model.parameters(), lr=schedule.lr[k] if isinstance(schedule.lr, tuple) else schedule.lr)
        for step, rows in enumerate(_batches(schedule, x.shape[1])):
            state, updates = None, 0
            for xc, yc in _chunks(schedule, x[:, rows], _pick(y, rows, loss), loss):
                with torch.set_grad_enabled(yc is not None):  # truncate backpropagation at the chunk's start
                    h, state = model.rnn(xc, detached(state) if schedule.carry else None)
                if yc is None:
                    continue
                found = _loss(model.head(h).unsqueeze(2), yc, loss)[0]
                found.backward()
                if schedule.clip is not None:
                    torch.nn.utils.clip_grad_norm_(model.parameters(), schedule.clip)
                optimizer.step()
                optimizer.zero_grad()
                history[step, k] += found.detach()
                updates += 1
            history[step, k] /= max(updates, 1)
    return history


def final_outputs(models: Sequence[ToyModel], x: Tensor) -> Tensor:
    """Every model's outputs at every step, ``(T, N, n, O)``, for ``x (T, N, I)``, without gradients."""
    with torch.no_grad():
        return torch.stack([model(x) for model in models], dim=2)


def packed_outputs(models: Sequence[ToyModel], x: Tensor, *, threads: int | None = 1) -> Tensor:
    """:func:`final_outputs`, computed through the packings that :func:`train` uses: for a long
    stream of the kinds ``torch.nn`` has no layer for, far faster than one model at a time.

    >>> from lstm_explained.models.toy import make_models
    >>> models = make_models("nfg", 3, 4, 3, n=5, seed=0)
    >>> x = torch.eye(3)[torch.randint(0, 3, (50, 2))]
    >>> packed_outputs(models, x).shape, torch.allclose(packed_outputs(models, x), final_outputs(models, x), atol=1e-6)
    (torch.Size([50, 2, 5, 3]), True)
    """
    _checks.tensor("packed_outputs", "x", x)
    check_models("packed_outputs", models)
    if x.dim() != 3 or x.shape[2] != models[0].rnn.input_size:
        raise ValueError(f"packed_outputs: x must be (seq_len, n_sequences, {models[0].rnn.input_size}), got {tuple(x.shape)}")
    with torch.no_grad(), cpu_threads(threads):
        return torch.cat([pack.heads(pack.run(x)[0]) for pack in packing_for(models)], dim=2)


def losses(models: Sequence[ToyModel], x: Tensor, y: Tensor, *, loss: Loss) -> Tensor:
    """Each model's ``loss`` on ``x, y`` as :func:`train` counts it, ``(n,)``.

    >>> from lstm_explained.models.toy import make_models
    >>> from lstm_explained.tasks.long_lag import ADDING_BASELINE_MSE, adding
    >>> x, y = adding(2000, 10, seed=1)
    >>> models = make_models("lstm", 2, 4, 1, n=2, seed=0)
    >>> for m in models:
    ...     _ = torch.nn.init.zeros_(m.head.weight), torch.nn.init.ones_(m.head.bias)
    >>> (losses(models, x, y, loss="mse_last") / ADDING_BASELINE_MSE).round(decimals=1)  # always answering 1
    tensor([1., 1.])
    """
    _check("losses", models, x, y, loss)
    return _loss(final_outputs(models, x), y, loss)


def accuracy(models: Sequence[ToyModel], x: Tensor, y: Tensor, *, loss: Loss) -> Tensor:
    """Each model's share of right answers (argmax) where ``y`` asks for one, ``(n,)``; for the
    cross-entropy losses only."""
    _check("accuracy", models, x, y, loss)
    if loss == "mse_last":
        raise ValueError("accuracy: loss 'mse_last' scores a regression target; use losses for its squared error")
    guess = final_outputs(models, x).argmax(-1)  # (T, N, n)
    if not _each_step(loss):
        return (guess[-1] == y[:, None]).double().mean(0)
    keep = y != NO_TARGET
    return (guess[keep] == y[keep][:, None]).double().mean(0)
