r"""The gradient chapter's training runs: long lags learned, or not, by many seeds at once.

- :func:`adding_run`: 64 models of one kind trained on the adding problem
  (:func:`~lstm_explained.tasks.long_lag.adding`); how many beat the memoryless baseline by a clear
  margin, and the gradient of the answer at the first marker, before and after training.
- :func:`truncation_run`: models trained on a lagged stream
  (:func:`~lstm_explained.tasks.long_lag.lagged_stream`) by truncated backpropagation, with chunks
  shorter or longer than the lag, the state carried across chunks or reset.

Each run trains every model at once (:func:`lstm_explained.training.long_lag.train`) and is cached,
keyed by its setting and the code that computes it.
"""

from __future__ import annotations

import copy
import time
from dataclasses import asdict, dataclass

import torch
from torch import Tensor

from .. import _checks, stats
from ..gradients import flow
from ..models.toy import make_models
from ..runtime import cache
from ..runtime.devices import cpu_threads
from ..tasks.long_lag import ADDING_BASELINE_MSE, adding, lagged_stream
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
    "parameters",
    "truncation_run",
]

#: A model solves the adding problem when its held-out squared error is below this share of the
#: memoryless baseline's (1/6): half of what ignoring the input costs.
SOLVED = 0.5

#: Held-out sequences on which every trained model is scored, and those the gradients are measured on.
HELD_OUT, MEASURED = 1000, 64


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
        return int((self.ratio < SOLVED).sum())

    def share(self) -> tuple[float, float, float]:
        """The share of models that solve it, with its Wilson interval."""
        return stats.share(self.ratio < SOLVED)

    def solving(self, window: int = 25) -> tuple[Tensor, Tensor]:
        """Which models solve the task during training: ``(batches, solved)``, where ``solved[k, m]``
        says whether model ``m``'s training error, averaged over the ``k``-th window of ``window``
        batches (one batch is too noisy to read), is below :data:`SOLVED`; ``batches`` are the
        windows' last batches.

        >>> one = torch.ones(2)
        >>> history = torch.tensor([[1.0, 1.0], [0.2, 1.0], [0.1, 0.9], [0.1, 0.8]])
        >>> run = AddingRun(AddingSetting("lstm", 8, seeds=2), 393, one, history, one, one, one, one, 0.0, 1.0)
        >>> run.solving(2)
        (tensor([2, 4]), tensor([[False, False],
                [ True, False]]))
        """
        steps = len(self.history)
        _checks.int_in("solving", "window", window, 1, steps)
        usable = steps // window * window
        means = self.history[:usable].view(-1, window, self.history.shape[1]).mean(1)
        return torch.arange(window, usable + 1, window), means < SOLVED


def parameters(kind: str, inputs: int, hidden: int, outputs: int) -> int:
    """Trainable numbers in one toy model: the layer's weights and both bias vectors, and the head.

    >>> parameters("lstm", 2, 8, 1), parameters("rnn", 2, 17, 1)
    (393, 375)
    """
    gates = {"rnn": 1, "gru": 3, "lstm": 4}[_checks.one_of("parameters", "kind", kind, ("rnn", "gru", "lstm"))]
    return gates * hidden * (inputs + hidden + 2) + outputs * (hidden + 1)


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

    def compute() -> AddingRun:
        s = setting
        x, y = adding(4096, s.length, seed=1)
        held_x, held_y = adding(HELD_OUT, s.length, seed=2)
        models = make_models(s.kind, 2, s.hidden, 1, n=s.seeds, seed=0)
        if s.forget_bias is not None:
            for m in models:
                forget_bias(m.rnn, s.forget_bias)
        probe = held_x[:, :MEASURED]
        marker_init, by_lag_init, _ = _marker_gradients(models, probe)
        start = time.perf_counter()
        history = long_lag.train(models, x, y, long_lag.Schedule(steps=s.steps, batch=32, lr=s.lr, clip=s.clip))
        seconds = time.perf_counter() - start
        marker_trained, by_lag_trained, gap = _marker_gradients(models, probe)
        return AddingRun(
            s, parameters(s.kind, 2, s.hidden, 1), long_lag.losses(models, held_x, held_y) / ADDING_BASELINE_MSE,
            history / ADDING_BASELINE_MSE, marker_init, marker_trained, by_lag_init, by_lag_trained,
            gap, seconds,
        )

    with cpu_threads(1):  # tiny operations: a second thread only waits for the other core
        return cache.cached("adding_run", asdict(setting), compute, module=__name__)


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


@dataclass(frozen=True)
class TruncationRun:
    """What one :class:`TruncationSetting` measured, on held-out streams read whole from a zero state."""

    setting: TruncationSetting
    accuracy: Tensor  # (seeds,) share of right answers
    seconds: float

    @property
    def chance(self) -> float:
        """The accuracy of guessing, one over the number of symbols."""
        return 1 / SYMBOLS

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


#: Symbols of the lagged stream.
SYMBOLS = 4


def truncation_run(setting: TruncationSetting) -> TruncationRun:
    """Train ``setting.seeds`` models on the lagged stream as ``setting`` says; cached.

    >>> run = truncation_run(TruncationSetting(chunk=4, lag=2, length=8, seeds=2, steps=5))
    >>> run.reached, run.chance, run.accuracy.shape
    (0.5, 0.25, torch.Size([2]))
    """
    if not isinstance(setting, TruncationSetting):
        raise TypeError(f"truncation_run: setting must be a TruncationSetting, got {type(setting).__name__}")

    def compute() -> TruncationRun:
        s = setting
        x, y = lagged_stream(1024, s.length, s.lag, symbols=SYMBOLS, seed=1)
        held_x, held_y = lagged_stream(500, s.length, s.lag, symbols=SYMBOLS, seed=2)
        models = make_models(s.kind, SYMBOLS, s.hidden, SYMBOLS, n=s.seeds, seed=0)
        start = time.perf_counter()
        long_lag.train(models, x, y, long_lag.Schedule(steps=s.steps, batch=32, lr=s.lr, chunk=s.chunk, carry=s.carry))
        seconds = time.perf_counter() - start
        return TruncationRun(s, long_lag.accuracy(models, held_x, held_y), seconds)

    with cpu_threads(1):
        return cache.cached("truncation_run", asdict(setting), compute, module=__name__)
