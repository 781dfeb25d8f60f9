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
    "bias_reading",
    "kinds_reading",
    "parameters",
    "reset_reading",
    "trained_path_reading",
    "trend_reading",
    "truncation_reading",
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


def _compared(a: AddingRun, b: AddingRun) -> tuple[str, float, float, float]:
    d, low, high = stats.difference_interval(a.solved, a.setting.seeds, b.solved, b.setting.seeds)
    return stats.compare_shares(a.solved, a.setting.seeds, b.solved, b.setting.seeds), d, low, high


def kinds_reading(lstm: AddingRun, rnn: AddingRun) -> str:
    """The LSTM against the RNN on the adding problem, in words chosen by the counts and the gradients.

    >>> from dataclasses import replace
    >>> one = torch.ones(4)
    >>> a = AddingRun(AddingSetting("lstm", 8, seeds=4), 393, torch.tensor([0.01, 0.02, 0.03, 1.0]), one, one, one, one, one, 0.0, 1.0)
    >>> b = replace(a, setting=AddingSetting("rnn", 17, seeds=4), parameters=375, ratio=torch.ones(4), marker_trained=one * 1e-6)
    >>> kinds_reading(a, b)
    "the LSTM solved 3 of 4 seeds and the RNN 0 of 4 (difference +75 points, 95% interval +9 to +95, higher); after training the answer's gradient at the first marker was 1e+00 for the LSTM's cell state and 1e-06 for the RNN's hidden state, a ratio of 1e+06"
    """
    verdict, d, low, high = _compared(lstm, rnn)
    lstm_marker = lstm.marker_trained.log().mean().exp().item()
    rnn_marker = rnn.marker_trained.log().mean().exp().item()
    return (
        f"the LSTM solved {lstm.solved} of {lstm.setting.seeds} seeds and the RNN {rnn.solved} of {rnn.setting.seeds} "
        f"(difference {d * 100:+.0f} points, 95% interval {low * 100:+.0f} to {high * 100:+.0f}, {verdict}); after training "
        f"the answer's gradient at the first marker was {lstm_marker:.0e} for the LSTM's cell state and {rnn_marker:.0e} "
        f"for the RNN's hidden state, a ratio of {lstm_marker / rnn_marker:.0e}"
    )


def bias_reading(pairs: list[tuple[AddingRun, AddingRun]]) -> str:
    """For each length, the LSTM with forget bias 1 against PyTorch's initialisation, compared by
    the interval for the difference of their shares.

    >>> one = torch.ones(4)
    >>> a = AddingRun(AddingSetting("lstm", 8, seeds=4, forget_bias=1.0), 393, torch.tensor([0.0, 0.0, 0.0, 0.0]), one, one, one, one, one, 0.0, 1.0)
    >>> b = AddingRun(AddingSetting("lstm", 8, seeds=4), 393, torch.tensor([0.0, 1.0, 1.0, 1.0]), one, one, one, one, one, 0.0, 1.0)
    >>> bias_reading([(a, b)])
    'at length 50, 4 of 4 with the bias at 1 against 1 of 4 without (difference +75 points, 95% interval +9 to +95): higher. Over these lengths the bias helped at every one'
    """
    parts, verdicts = [], []
    for opened, plain in pairs:
        verdict, d, low, high = _compared(opened, plain)
        verdicts.append(verdict)
        parts.append(
            f"at length {opened.setting.length}, {opened.solved} of {opened.setting.seeds} with the bias at 1 against "
            f"{plain.solved} of {plain.setting.seeds} without (difference {d * 100:+.0f} points, 95% interval "
            f"{low * 100:+.0f} to {high * 100:+.0f}): {verdict}"
        )
    if all(v == "higher" for v in verdicts):
        summary = "the bias helped at every one"
    elif all(v == "indistinguishable" for v in verdicts):
        summary = "no difference could be told apart from chance at any of them, with this many seeds"
    elif "lower" in verdicts and "higher" not in verdicts:
        summary = "the bias hurt where the two could be told apart"
    else:
        helped = [str(o.setting.length) for (o, _), v in zip(pairs, verdicts) if v == "higher"]
        summary = f"the bias helped at length {', '.join(helped) or 'none'} and not elsewhere"
    return "; ".join(parts) + f". Over these lengths {summary}"


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


def truncation_reading(runs: list[TruncationRun], learned: float = 0.5) -> str:
    """Which truncations learned the lag (median accuracy at least ``learned``), in words.

    >>> s = TruncationSetting
    >>> runs = [TruncationRun(s(4), torch.full((3,), 0.25), 1.0), TruncationRun(s(8), torch.full((3,), 0.9), 1.0)]
    >>> truncation_reading(runs)
    'with the state carried, chunks of 4 steps (no target has its symbol in the same chunk) stayed at chance (median 0.25, chance 0.25) and chunks of 8 steps learned (median 0.90): a gradient that never reaches the symbol cannot teach the model to keep it, however many updates it makes'
    """
    carried = [r for r in runs if r.setting.carry]
    words = []
    for r in carried:
        size = f"chunks of {r.setting.chunk} steps" if r.setting.chunk else "the whole stream at once"
        reach = " (no target has its symbol in the same chunk)" if r.reached == 0 else ""
        if r.median() >= learned:
            words.append(f"{size}{reach} learned (median {r.median():.2f})")
        else:
            words.append(f"{size}{reach} stayed {'at chance' if r.median() < r.chance + 0.05 else 'far below'} (median {r.median():.2f}, chance {r.chance:.2f})")
    blind = [r for r in carried if r.reached == 0]
    moral = ""
    if blind and all(r.median() < learned for r in blind) and any(r.median() >= learned for r in carried if r.reached > 0):
        moral = ": a gradient that never reaches the symbol cannot teach the model to keep it, however many updates it makes"
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    return "with the state carried, " + listed + moral


def reset_reading(runs: list[TruncationRun]) -> str:
    """What resetting the state at every chunk cost, against carrying it, at each chunk length
    run both ways (median accuracy on whole held-out streams).

    >>> s = TruncationSetting
    >>> runs = [TruncationRun(s(8), torch.full((3,), 0.6), 1.0), TruncationRun(s(8, carry=False), torch.full((3,), 0.3), 1.0)]
    >>> reset_reading(runs)
    'resetting the state at every chunk cost 0.30 of accuracy with chunks of 8 steps (0.60 carried, 0.30 reset)'
    """
    carried = {r.setting.chunk: r for r in runs if r.setting.carry}
    parts = []
    for r in runs:
        if r.setting.carry or r.setting.chunk not in carried:
            continue
        kept, cut = carried[r.setting.chunk].median(), r.median()
        verb = f"cost {kept - cut:.2f} of accuracy" if kept > cut else f"gained {cut - kept:.2f} of accuracy" if cut > kept else "changed nothing"
        parts.append(f"{verb} with chunks of {r.setting.chunk} steps ({kept:.2f} carried, {cut:.2f} reset)")
    if not parts:
        raise ValueError("reset_reading: no chunk length was run both with the state carried and reset")
    return "resetting the state at every chunk " + "; it ".join(parts)


def trained_path_reading(lstm: AddingRun, rnn: AddingRun) -> str:
    """The gradient at the longest lag, before and after training, for the LSTM's cell state and
    the RNN's hidden state, and what training did to each.

    >>> one = torch.ones(3)
    >>> a = AddingRun(AddingSetting("lstm", 8, seeds=3), 393, one, one, one, one, torch.tensor([1.0, 1e-3, 1e-8]), torch.tensor([1.0, 1e-1, 1e-3]), 0.0, 1.0)
    >>> b = AddingRun(AddingSetting("rnn", 17, seeds=3), 375, one, one, one, one, torch.tensor([1.0, 1e-5, 1e-10]), torch.tensor([1.0, 1e-5, 1e-9]), 0.0, 1.0)
    >>> trained_path_reading(a, b)
    "at lag 2 the LSTM's cell gradient is 1.0e-08 at initialisation and 1.0e-03 after training, 1e+05 times larger; the RNN's hidden-state gradient is 1.0e-10 and 1.0e-09, 1e+01 times larger. Training opened the LSTM's cell path 1e+04 times more than the RNN's: the highway is built by training, the forget gates learning to stay open"
    """
    lag = len(lstm.by_lag_trained) - 1
    gain_lstm = (lstm.by_lag_trained[-1] / lstm.by_lag_init[-1]).item()
    gain_rnn = (rnn.by_lag_trained[-1] / rnn.by_lag_init[-1]).item()
    change = lambda g: f"{g:.0e} times larger" if g >= 1 else f"{1 / g:.0e} times smaller"  # noqa: E731
    words = (
        f"at lag {lag} the LSTM's cell gradient is {lstm.by_lag_init[-1]:.1e} at initialisation and "
        f"{lstm.by_lag_trained[-1]:.1e} after training, {change(gain_lstm)}; the RNN's hidden-state gradient is "
        f"{rnn.by_lag_init[-1]:.1e} and {rnn.by_lag_trained[-1]:.1e}, {change(gain_rnn)}"
    )
    if gain_lstm > 10 * max(gain_rnn, 1.0):
        words += (
            f". Training opened the LSTM's cell path {gain_lstm / max(gain_rnn, 1.0):.0e} times more than the RNN's: the "
            "highway is built by training, the forget gates learning to stay open"
        )
    elif gain_lstm <= 1:
        words += ". Training did not open the LSTM's cell path at this lag"
    return words


def trend_reading(run: AddingRun, window: int = 25, *, rising: int = 4) -> str:
    """Whether the count of seeds below the line on their training batches was still climbing when
    training stopped: halfway against the last window (more than ``rising`` seeds more is "still rising").

    >>> one = torch.ones(4)
    >>> history = torch.cat([torch.ones(50, 8), torch.cat([torch.zeros(50, 6), torch.ones(50, 2)], 1)])
    >>> run = AddingRun(AddingSetting("lstm", 8, seeds=8, steps=100), 393, one, history, one, one, one, one, 0.0, 1.0)
    >>> trend_reading(run)
    '0 of 8 seeds were below the line on their training batches at batch 50 and 6 at batch 100, still rising when training stopped: the share solved is what this budget buys, not what the cell can reach'
    """
    batches, solved = run.solving(window)
    half = int(torch.searchsorted(batches, batches[-1] // 2))
    then, now = int(solved[half].sum()), int(solved[-1].sum())
    seeds = solved.shape[1]
    words = f"{then} of {seeds} seeds were below the line on their training batches at batch {int(batches[half])} and {now} at batch {int(batches[-1])}"
    if now - then > rising:
        return words + ", still rising when training stopped: the share solved is what this budget buys, not what the cell can reach"
    return words + ", level by the end of training"
