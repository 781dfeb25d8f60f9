r"""The gradient chapter's training runs: long lags learned, or not, by many seeds at once.

- :func:`adding_run`: 64 models of one kind trained on the adding problem
  (:class:`~lstm_explained.tasks.problems.Adding`); how many beat the memoryless baseline by a clear
  margin, and the gradient of the answer at the first marker, before and after training.
- :func:`truncation_run`: models trained on a lagged stream
  (:class:`~lstm_explained.tasks.problems.Lagged`) by truncated backpropagation, with chunks
  shorter or longer than the lag, the state carried across chunks or reset.

Each setting names its task (:attr:`AddingSetting.problem`, :attr:`TruncationSetting.problem`), and
the task states the data, the loss, the budget and the test.

Each run trains every model at once (:func:`lstm_explained.training.long_lag.train`) and is cached,
keyed by its setting and the code that computes it. :func:`adding_runs` and
:func:`truncation_runs` take a list of settings and train the ones not in the cache side by side,
one process per core (:func:`lstm_explained.runtime.parallel.map_cached`), under the same cache
entries as the single-setting functions.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Iterable
from concurrent.futures import Executor
from dataclasses import asdict, dataclass

import torch
from torch import Tensor

from .. import _checks, stats
from ..cells.kinds import REGISTRY
from ..gradients import flow
from ..models.toy import make_models
from ..runtime import parallel
from ..runtime.devices import cpu_threads
from ..tasks.long_lag import ADDING_BASELINE_MSE
from ..tasks.problems import Adding, Lagged
from ..training import long_lag
from ..training.init import forget_bias
from .highway import cell_path_gap

__all__ = [
    "HELD_OUT",
    "MEASURED",
    "SOLVED",
    "SYMBOLS",
    "AddingRun",
    "AddingSetting",
    "TruncationRun",
    "TruncationSetting",
    "adding_run",
    "adding_runs",
    "parameters",
    "truncation_run",
    "truncation_runs",
]

#: A model solves the adding problem when its held-out squared error is below this share of the
#: memoryless baseline's (1/6), half of what ignoring the input costs, as the task states it.
SOLVED = Adding().solved_below

#: Held-out sequences on which every trained model is scored (the task's), and those the gradients are measured on.
HELD_OUT, MEASURED = Adding().held_out, 64


@dataclass(frozen=True)
class AddingSetting:
    """One arm of the adding-problem comparison; every model sees the same batches."""

    kind: str  # "rnn", "lstm" or "gru"
    hidden: int  # units per model
    length: int = 50  # steps per sequence; the first marker is in the first half
    forget_bias: float | None = None  # the LSTM's forget-gate bias at the start; None keeps PyTorch's
    seeds: int = 64  # models, each from its own initialisation
    steps: int = 1000  # batches of 32 sequences
    lr: float = 1e-2  # Adam
    clip: float = 1.0  # each model's gradient norm is clipped to this

    def __post_init__(self):
        where = "AddingSetting"
        _checks.one_of(where, "kind", self.kind, ("rnn", "lstm", "gru"))
        for name in ("hidden", "seeds", "steps"):
            _checks.positive_int(where, name, getattr(self, name))
        _checks.int_in(where, "length", self.length, 4)
        if self.forget_bias is not None and self.kind != "lstm":
            raise ValueError(f"{where}: forget_bias is for an LSTM, got kind {self.kind!r}")

    @property
    def problem(self) -> Adding:
        """The task it trains on, the adding problem of ``length`` steps with this budget."""
        return Adding(length=self.length, steps=self.steps, lr=self.lr)


@dataclass(frozen=True)
class AddingRun:
    """What one :class:`AddingSetting` measured."""

    setting: AddingSetting
    parameters: int  # per model
    ratio: Tensor  # (seeds,) held-out MSE over the memoryless baseline's; below SOLVED is solved
    history: Tensor  # (steps, seeds) each model's training MSE on each batch, over the baseline's
    marker_init: Tensor  # (seeds,) |d answer / d h| at the first marker, at initialisation (geometric mean over sequences)
    marker_trained: Tensor  # (seeds,) the same after training
    by_lag_init: Tensor  # (length,) |d answer / d h_{T-k}| (LSTM: d c_{T-k}) at lag k, geometric mean over models and sequences
    by_lag_trained: Tensor  # (length,) the same after training
    direct_gap: float  # LSTM: largest relative gap between the cell-path gradient and the forget gates' product; nan otherwise
    seconds: float  # training time

    @property
    def solved(self) -> int:
        """How many models solve the task."""
        return int(self.setting.problem.solves(self.ratio).sum())

    def share(self) -> tuple[float, float, float]:
        """The share of models that solve it, with its Wilson interval."""
        return stats.share(self.setting.problem.solves(self.ratio))

    def solving(self, window: int = 25) -> tuple[Tensor, Tensor]:
        """Which models solve the task during training: ``(batches, solved)``, where ``solved[k, m]``
        says whether model ``m``'s training error, averaged over the ``k``-th window of ``window``
        batches (one batch is too noisy to read), is below :data:`SOLVED`; ``batches`` are the
        windows' last batches.

        >>> one = torch.ones(2)
        >>> history = torch.tensor([[1.0, 1.0], [0.2, 1.0], [0.05, 0.9], [0.05, 0.8]])
        >>> run = AddingRun(AddingSetting("lstm", 8, seeds=2), 393, one, history, one, one, one, one, 0.0, 1.0)
        >>> run.solving(2)
        (tensor([2, 4]), tensor([[False, False],
                [ True, False]]))
        """
        steps = len(self.history)
        _checks.int_in("solving", "window", window, 1, steps)
        usable = steps // window * window
        means = self.history[:usable].view(-1, window, self.history.shape[1]).mean(1)
        return torch.arange(window, usable + 1, window), self.setting.problem.solves(means)


def parameters(kind: str, inputs: int, hidden: int, outputs: int) -> int:
    """Trainable numbers in one toy model: the layer's weights and both bias vectors, and the head
    (:meth:`~lstm_explained.cells.kinds.CellKind.parameters` of the kind's record).

    >>> parameters("lstm", 2, 8, 1), parameters("rnn", 2, 17, 1)
    (393, 375)
    """
    return REGISTRY[_checks.one_of("parameters", "kind", kind, ("rnn", "gru", "lstm"))].parameters(inputs, hidden, outputs)


def _first_markers(x: Tensor) -> Tensor:
    return x[..., 1].argmax(0)  # the first step whose marker is 1, per sequence


def _marker_gradients(models, x: Tensor) -> tuple[Tensor, Tensor, float]:
    """Per model, the gradient of its answer at each sequence's first marker (geometric mean over
    sequences); the same by step (geometric mean over models and sequences); the cell-path gap."""
    first = _first_markers(x)
    columns = torch.arange(x.shape[1])
    at_marker, by_step, gap = [], [], float("nan")
    xd = x.double()
    for model in models:
        rnn = copy.deepcopy(model.rnn).double()
        direction = model.head.weight.detach()[0].double()  # d answer / d h_T: the head's weights
        found = flow(rnn, xd, direction=direction)
        norms = found.c if found.c is not None else found.h  # the LSTM's memory is its cell state
        at_marker.append(norms[first, columns].log().mean().exp())
        by_step.append(norms.log().mean(1))
        if found.c is not None:
            gap = max(0.0 if gap != gap else gap, cell_path_gap(rnn, xd, found, direction))
    return torch.stack(at_marker), torch.stack(by_step).mean(0).exp().flip(0), gap


def adding_run(setting: AddingSetting) -> AddingRun:
    """Train ``setting.seeds`` models on the adding problem and measure them; cached.

    >>> run = adding_run(AddingSetting("lstm", 4, length=8, seeds=2, steps=20))
    >>> run.parameters, run.ratio.shape, run.solved
    (133, torch.Size([2]), 0)
    """
    if not isinstance(setting, AddingSetting):
        raise TypeError(f"adding_run: setting must be an AddingSetting, got {type(setting).__name__}")
    return adding_runs([setting], workers=1)[0]


def adding_runs(
    settings: Iterable[AddingSetting], workers: int | None = None, executor: Executor | None = None
) -> list[AddingRun]:
    """:func:`adding_run` for each setting, in order, the ones not in the cache trained side by side.

    Each result is cached under the same entry as :func:`adding_run`'s, so the two share them. The
    settings not in the cache train the longest first (by a rough guess of their training time),
    each on one torch thread, in ``workers`` processes (default: one per core) or on
    ``executor``, such as a ``dask.distributed`` client's ``client.get_executor()`` (see
    :func:`lstm_explained.runtime.parallel.map_cached`).

    >>> import os, tempfile
    >>> os.environ["LSTM_EXPLAINED_CACHE"] = tempfile.mkdtemp()
    >>> settings = [AddingSetting(kind, 4, length=8, seeds=2, steps=20) for kind in ("lstm", "rnn")]
    >>> runs = adding_runs(settings, workers=1)
    >>> [(run.setting.kind, run.parameters, run.solved, run.history.shape) for run in runs]
    [('lstm', 133, 0, torch.Size([20, 2])), ('rnn', 37, 0, torch.Size([20, 2]))]
    >>> [round(run.ratio.min().item(), 1) for run in runs]  # the best model's error over the baseline's
    [1.3, 1.0]
    >>> torch.equal(adding_run(settings[1]).ratio, runs[1].ratio)  # read back from the cache
    True
    >>> adding_runs([settings[0], "lstm"])
    Traceback (most recent call last):
    ...
    TypeError: adding_runs: settings[1] must be an AddingSetting, got str
    >>> del os.environ["LSTM_EXPLAINED_CACHE"]
    """
    return _runs("adding_runs", AddingSetting, _adding, "adding_run", settings, workers, executor)


def _runs(where: str, kind: type, compute, name: str, settings, workers, executor) -> list:
    """``compute`` for each of ``settings`` (each a ``kind``), cached under ``name`` and the setting."""
    article = "an" if kind.__name__[0] in "AEIOU" else "a"
    if isinstance(settings, kind):
        raise TypeError(f"{where}: settings must be a list of {kind.__name__}s, got one {kind.__name__}")
    settings = list(settings)
    for place, setting in enumerate(settings):
        if not isinstance(setting, kind):
            got = type(setting).__name__
            raise TypeError(f"{where}: settings[{place}] must be {article} {kind.__name__}, got {got}")
    _checks.positive_int(where, "workers", workers, optional=True)
    with cpu_threads(1):  # tiny operations: a second thread only waits for the other core
        return parallel.map_cached(
            compute, settings, name=name, key_of=asdict, module=__name__,
            executor=executor, workers=workers, cost=_cost,
        )


def _cost(setting: AddingSetting | TruncationSetting) -> float:
    """A rough guess of a setting's training time, to train the long ones first, so that no worker
    is left with a long one at the end.

    Every step of every batch multiplies the packed layer's recurrent weights, gates times
    (seeds times hidden) squared numbers; each chunk of a batch is a backward pass and an optimizer
    step of its own (in the chapter's runs, ten chunks a batch trained 13 times as long as one).

    >>> arms = [AddingSetting("lstm", 8, length=25), AddingSetting("lstm", 8), AddingSetting("rnn", 17)]
    >>> [(s.kind, s.length) for s in sorted(arms, key=_cost, reverse=True)]
    [('rnn', 50), ('lstm', 50), ('lstm', 25)]
    """
    task = setting.problem
    chunks = -(-task.length // (task.chunk or task.length))
    gates = len(REGISTRY[setting.kind].gates)
    return task.steps * chunks * task.length * gates * (setting.seeds * setting.hidden) ** 2


def _adding(s: AddingSetting) -> AddingRun:
    """What :func:`adding_run` computes, at the top level so that a worker process can import it."""
    task = s.problem
    pool, held = task.data(), task.test()
    inputs, outputs = task.sizes
    models = make_models(s.kind, inputs, s.hidden, outputs, n=s.seeds, seed=0)
    if s.forget_bias is not None:
        for m in models:
            forget_bias(m.rnn, s.forget_bias)
    probe = held.x[:, :MEASURED]
    marker_init, by_lag_init, _ = _marker_gradients(models, probe)
    start = time.perf_counter()
    schedule = long_lag.Schedule(steps=task.steps, batch=task.batch, lr=task.lr, clip=s.clip, chunk=task.chunk)
    history = long_lag.train(models, pool.x, pool.y, schedule, loss=task.loss)
    seconds = time.perf_counter() - start
    marker_trained, by_lag_trained, gap = _marker_gradients(models, probe)
    return AddingRun(
        s, parameters(s.kind, inputs, s.hidden, outputs), task.score(long_lag.final_outputs(models, held.x)).score,
        history / ADDING_BASELINE_MSE, marker_init, marker_trained, by_lag_init, by_lag_trained,
        gap, seconds,
    )


@dataclass(frozen=True)
class TruncationSetting:
    """Truncated backpropagation on a lagged stream: chunks of ``chunk`` steps (``None``: the whole stream)."""

    chunk: int | None
    carry: bool = True  # carry the state between chunks (gradient stopped), or reset it to zero
    lag: int = 5  # the target is the symbol seen this many steps before
    length: int = 40  # steps per stream
    kind: str = "lstm"
    hidden: int = 8
    seeds: int = 16
    steps: int = 300  # batches of 32 streams
    lr: float = 2e-2

    def __post_init__(self):
        where = "TruncationSetting"
        _checks.positive_int(where, "chunk", self.chunk, optional=True)
        for name in ("lag", "length", "hidden", "seeds", "steps"):
            _checks.positive_int(where, name, getattr(self, name))
        _checks.one_of(where, "kind", self.kind, ("rnn", "lstm", "gru"))
        if self.lag >= self.length:
            raise ValueError(f"{where}: lag {self.lag} must be shorter than the stream's {self.length} steps")

    @property
    def problem(self) -> Lagged:
        """The task it trains on, the lagged stream of :data:`SYMBOLS` symbols with this budget and chunks."""
        return Lagged(length=self.length, lag=self.lag, symbols=SYMBOLS, steps=self.steps, lr=self.lr, chunk=self.chunk)


@dataclass(frozen=True)
class TruncationRun:
    """What one :class:`TruncationSetting` measured, on held-out streams read whole from a zero state."""

    setting: TruncationSetting
    accuracy: Tensor  # (seeds,) share of right answers
    seconds: float

    @property
    def chance(self) -> float:
        """The accuracy of guessing, one over the number of symbols."""
        return 1 / self.setting.problem.symbols

    @property
    def reached(self) -> float:
        """The share of a chunk's targets whose symbol lies in the same chunk, the ones a gradient can teach."""
        chunk = self.setting.chunk or self.setting.length
        return max(0, chunk - self.setting.lag) / chunk

    def median(self) -> float:
        """The median model's accuracy."""
        return self.accuracy.median().item()

    @property
    def updates(self) -> int:
        """How many optimizer steps training took, one per chunk of every batch (every chunk holds targets here)."""
        chunk = self.setting.chunk or self.setting.length
        return self.setting.steps * -(-self.setting.length // chunk)


#: Symbols of the lagged stream, as its task states them.
SYMBOLS = Lagged().symbols


def truncation_run(setting: TruncationSetting) -> TruncationRun:
    """Train ``setting.seeds`` models on the lagged stream as ``setting`` says; cached.

    >>> run = truncation_run(TruncationSetting(chunk=4, lag=2, length=8, seeds=2, steps=5))
    >>> run.reached, run.chance, run.accuracy.shape
    (0.5, 0.25, torch.Size([2]))
    """
    if not isinstance(setting, TruncationSetting):
        raise TypeError(f"truncation_run: setting must be a TruncationSetting, got {type(setting).__name__}")
    return truncation_runs([setting], workers=1)[0]


def truncation_runs(
    settings: Iterable[TruncationSetting], workers: int | None = None, executor: Executor | None = None
) -> list[TruncationRun]:
    """:func:`truncation_run` for each setting, in order, the ones not in the cache trained side by
    side, the longest first, as :func:`adding_runs` trains its settings; each cached under the same
    entry as :func:`truncation_run`'s.

    >>> import os, tempfile
    >>> os.environ["LSTM_EXPLAINED_CACHE"] = tempfile.mkdtemp()
    >>> settings = [TruncationSetting(chunk, lag=2, length=8, seeds=2, steps=5) for chunk in (2, 4)]
    >>> runs = truncation_runs(settings, workers=1)
    >>> [(run.setting.chunk, run.reached, run.updates) for run in runs]
    [(2, 0.0, 20), (4, 0.5, 10)]
    >>> [round(run.median(), 1) for run in runs]
    [0.4, 0.3]
    >>> torch.equal(truncation_run(settings[0]).accuracy, runs[0].accuracy)  # read back from the cache
    True
    >>> truncation_runs([AddingSetting("lstm", 4)])
    Traceback (most recent call last):
    ...
    TypeError: truncation_runs: settings[0] must be a TruncationSetting, got AddingSetting
    >>> del os.environ["LSTM_EXPLAINED_CACHE"]
    """
    return _runs("truncation_runs", TruncationSetting, _truncation, "truncation_run", settings, workers, executor)


def _truncation(s: TruncationSetting) -> TruncationRun:
    """What :func:`truncation_run` computes, at the top level so that a worker process can import it."""
    task = s.problem
    pool, held = task.data(), task.test()
    inputs, outputs = task.sizes
    models = make_models(s.kind, inputs, s.hidden, outputs, n=s.seeds, seed=0)
    start = time.perf_counter()
    schedule = long_lag.Schedule(steps=task.steps, batch=task.batch, lr=task.lr, chunk=task.chunk, carry=s.carry)
    long_lag.train(models, pool.x, pool.y, schedule, loss=task.loss)
    seconds = time.perf_counter() - start
    return TruncationRun(s, task.score(long_lag.final_outputs(models, held.x)).score, seconds)
