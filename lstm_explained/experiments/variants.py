r"""The variants chapter's arena: every cell of the book, 64 seeds each, on the same four tasks.

A small "LSTM: A Search Space Odyssey" (Greff et al. 2017). Each :data:`CONTESTANTS` entry is a
cell (or an initialisation of one); each :data:`TASKS` entry a task of
:mod:`lstm_explained.tasks.problems` (:data:`~lstm_explained.tasks.problems.ARENA`), which owns its
data, its loss, its training budget and its test; this module only picks tasks by name.
:func:`arena` trains every contestant on every task with the many-models-at-once trainer
(:func:`lstm_explained.training.long_lag.train`: the same batches, optimiser and steps for all)
and scores each model on the task's test data. What the runs say is computed apart, in
:mod:`~lstm_explained.experiments.variants_analyses` (each contestant against PyTorch's LSTM, and
the analyses that read the trained models back), so that changing an analysis retrains nothing;
:mod:`lstm_explained.readings.variants` says in words what they found.
"""

from __future__ import annotations

import math
import time
from concurrent.futures import Executor
from dataclasses import asdict, dataclass, field, replace

import torch
from torch import Tensor

from .. import _checks, stats
from ..cells.kinds import REGISTRY
from ..models.toy import ToyModel, make_models
from ..runtime import parallel
from ..runtime.devices import cpu_threads
from ..tasks.problems import ARENA, Problem
from ..training import long_lag
from ..training.init import forget_bias

__all__ = [
    "ADDING_BATCH",
    "ADDING_LENGTH",
    "BASELINE",
    "SOLVED",
    "STREAM_CHUNK",
    "STREAM_PERIODS",
    "STREAM_SCORED",
    "STREAM_TEST",
    "WINDOW_PERIODS",
    "CONTESTANTS",
    "TASKS",
    "RATES",
    "TUNING_SEED",
    "TUNING_SEEDS",
    "ArenaRun",
    "ArenaSetting",
    "Contestant",
    "Tuning",
    "TuningRun",
    "arena",
    "arena_settings",
    "arena_tuning",
    "hidden_for",
    "used_parameters",
]


@dataclass(frozen=True)
class Contestant:
    """One entry of the arena: a kind of toy model, sized and initialised one way."""

    label: str  # how the page names it
    kind: str  # the ToyModel kind, a key of lstm_explained.cells.kinds.REGISTRY
    about: str  # what it changes, in a few words
    forget_bias: float | None = None  # the forget gate's total bias at the start (None: PyTorch's init)
    matched: bool = False  # hidden size chosen for as many parameters as the baseline LSTM

    @classmethod
    def of(cls, kind: str, label: str | None = None, **changes) -> Contestant:
        """The contestant that is ``kind`` as its record describes it (``label`` defaults to the name in capitals).

        >>> Contestant.of("nfg")
        Contestant(label='NFG', kind='nfg', about='no forget gate, f = 1', forget_bias=None, matched=False)
        """
        return cls(label or kind.upper(), kind, REGISTRY[_checks.one_of("Contestant", "kind", kind, REGISTRY)].about, **changes)


#: Every contestant, in the order of the table and the figure. The baseline is PyTorch's LSTM,
#: which has no peepholes (Greff et al.'s vanilla LSTM has them: their NP is our "peephole" reversed).
CONTESTANTS = {
    "lstm": Contestant("LSTM", "lstm", "PyTorch's LSTM: the baseline"),
    "peephole": Contestant.of("peephole", "peephole"),
    "cifg": Contestant.of("cifg"),
    **{name: Contestant.of(name) for name in ("nig", "nfg", "nog", "niaf", "noaf")},
    "fb1": Contestant("LSTM, forget bias 1", "lstm", "the forget gate's bias starts at 1 (Jozefowicz et al. 2015)", forget_bias=1.0),
    "gru": Contestant.of("gru"),
    "clockwork": Contestant.of("clockwork", "clockwork RNN"),
    "rnn": Contestant.of("rnn"),
    "rnn_matched": Contestant("RNN, LSTM-sized", "rnn", "a tanh RNN with about as many parameters as the LSTM", matched=True),
}

#: The contestant every other one is compared with.
BASELINE = "lstm"


#: The tasks by name, each a :mod:`~lstm_explained.tasks.problems` task with its budget
#: (:data:`lstm_explained.tasks.problems.ARENA`, chosen by measurement to fit the book's build; see the chapter).
TASKS: dict[str, Problem] = ARENA

#: The adding problem's length and batch, as its task states them.
ADDING_LENGTH, ADDING_BATCH = TASKS["adding"].length, TASKS["adding"].batch
#: The pattern tasks' windows, in periods of the pattern.
WINDOW_PERIODS = TASKS["abcabC"].periods
#: The stream's periods trained at a time, tested in one stream, and scored at the end of it.
STREAM_PERIODS, STREAM_TEST, STREAM_SCORED = TASKS["stream"].periods, TASKS["stream"].test_periods, TASKS["stream"].scored_periods
#: The stream's chunks of truncated backpropagation, in periods.
STREAM_CHUNK = TASKS["stream"].chunk_periods
#: The adding problem is solved below this share of the memoryless baseline's squared error, as its task states.
SOLVED = TASKS["adding"].solved_below



#: The learning rates (Adam's) each contestant is tried at on each task, a factor of about 3
#: apart around the 0.03 that the tasks were first set up with.
RATES = (0.01, 0.03, 0.1)

#: Models the tuning trains at each rate, each from its own initialisation.
TUNING_SEEDS = 8

#: The random seed of the tuning's initial weights and batches. The reported runs use seed 0, so
#: no model that chose a rate is reported, and no reported model had a say in the choice.
TUNING_SEED = 1


@dataclass(frozen=True)
class ArenaSetting:
    """One contestant on one task."""

    task: str  # a key of TASKS
    contestant: str  # a key of CONTESTANTS
    hidden: int = 4  # the hidden size of every contestant but the matched RNN
    seeds: int = 64  # models, each from its own initialisation
    clip: float = 1.0  # each model's gradient norm is clipped to this
    steps: int | None = None  # batches; None: the task's own budget
    lr: float | None = None  # Adam's learning rate; None: the rate the tuning chooses (arena_tuning)
    seed: int = 0  # the random seed of the initial weights and of the batches

    def __post_init__(self):
        where = "ArenaSetting"
        _checks.one_of(where, "task", self.task, TASKS)
        _checks.one_of(where, "contestant", self.contestant, CONTESTANTS)
        _checks.positive_int(where, "hidden", self.hidden)
        _checks.positive_int(where, "seeds", self.seeds)
        _checks.positive_int(where, "steps", self.steps, optional=True)
        if self.lr is not None and not (isinstance(self.lr, (int, float)) and self.lr > 0):
            raise ValueError(f"{where}: lr must be a positive number or None (tuned), got {self.lr!r}")
        if not isinstance(self.seed, int) or isinstance(self.seed, bool) or self.seed < 0:
            raise ValueError(f"{where}: seed must be a non-negative int, got {self.seed!r}")
        contestant = CONTESTANTS[self.contestant]
        periods = REGISTRY[contestant.kind].periods
        if periods is not None and self.hidden % len(periods):
            blocks = len(periods)
            raise ValueError(
                f"{where}: the {contestant.label} cuts its units into {blocks} blocks, one per period of {periods}; "
                f"hidden must be a multiple of {blocks}, got {self.hidden}"
            )

    @property
    def problem(self) -> Problem:
        """The task it trains on, ``TASKS[task]``, which states its data, loss, budget and test."""
        return TASKS[self.task]


@dataclass(frozen=True)
class ArenaRun:
    """What one contestant did on one task."""

    setting: ArenaSetting
    hidden: int  # the hidden size it was trained with
    parameters: int  # trainable numbers one model uses (rows an ablation never reads left out)
    score: Tensor  # (seeds,) each model's test score: share right at the tested steps, or MSE / baseline
    solved: Tensor  # (seeds,) bool: whether each model solved the task
    history: Tensor  # (steps, seeds) each model's training loss per batch
    seconds: float  # training time, all seeds together
    weights: list[dict[str, Tensor]] = field(repr=False)  # each trained model's parameters

    @property
    def count(self) -> int:
        """How many seeds solved the task."""
        return int(self.solved.sum())

    @property
    def share(self) -> tuple[float, float, float]:
        """The share of seeds that solved it and its 95% Wilson interval."""
        low, high = stats.wilson_interval(self.count, len(self.solved))
        return self.count / len(self.solved), low, high

    @classmethod
    def made_up(cls, task: str, contestant: str, solved: int, seeds: int = 64) -> ArenaRun:
        """A run in which the first ``solved`` of ``seeds`` models solved the task, and nothing else
        was recorded: what the readings' examples and tests compare."""
        flags = torch.arange(seeds) < solved
        return cls(ArenaSetting(task, contestant, seeds=seeds), 4, 0, flags.double(), flags, torch.zeros(1, seeds), 0.0, [])

    def models(self) -> list[ToyModel]:
        """The trained models, rebuilt from ``weights``."""
        s = self.setting
        inputs, outputs = s.problem.sizes
        models = make_models(CONTESTANTS[s.contestant].kind, inputs, self.hidden, outputs, n=len(self.weights), seed=0)
        for model, state in zip(models, self.weights):
            model.load_state_dict(state)
        return models


def used_parameters(kind: str, inputs: int, hidden: int, outputs: int) -> int:
    """Trainable numbers one toy model of ``kind`` *uses*: those that get a gradient.

    An ablation keeps its missing gate's rows (they stay in PyTorch's layout) and the clockwork RNN
    its whole recurrent square, but the model never reads them, so their gradient is exactly zero;
    the kind's record counts what its equations read (:meth:`~lstm_explained.cells.kinds.CellKind.parameters`,
    checked against the nonzero gradients of a model on a random input).

    >>> used_parameters("lstm", 3, 4, 3), used_parameters("nig", 3, 4, 3), used_parameters("rnn", 3, 4, 3)
    (159, 123, 51)
    """
    return REGISTRY[_checks.one_of("used_parameters", "kind", kind, CONTESTANT_KINDS)].parameters(inputs, hidden, outputs)


#: Every kind a contestant can be.
CONTESTANT_KINDS = tuple(dict.fromkeys(c.kind for c in CONTESTANTS.values()))


def hidden_for(contestant: str, task: str, hidden: int) -> int:
    """The hidden size ``contestant`` trains with: ``hidden``, or for the matched RNN the size
    whose parameter count is closest to the baseline LSTM's at ``hidden``.

    >>> hidden_for("rnn_matched", "abcabC", 4), hidden_for("rnn", "abcabC", 4)
    (9, 4)
    """
    _checks.one_of("hidden_for", "contestant", contestant, CONTESTANTS)
    _checks.one_of("hidden_for", "task", task, TASKS)
    c = CONTESTANTS[contestant]
    if not c.matched:
        return hidden
    inputs, outputs = TASKS[task].sizes
    target = used_parameters(CONTESTANTS[BASELINE].kind, inputs, hidden, outputs)
    return min(range(1, 8 * hidden), key=lambda h: abs(used_parameters(c.kind, inputs, h, outputs) - target))


def _fit(setting: ArenaSetting, rates: tuple[float, ...]):
    """``setting``'s ``seeds`` models trained at each of ``rates`` (the same initial weights and
    batches at every rate, side by side in one packing): the models rate by rate, their training
    history, the seconds it took and their test scores."""
    s, c, task = setting, CONTESTANTS[setting.contestant], setting.problem
    pool = task.data()
    inputs, outputs = task.sizes
    hidden = hidden_for(s.contestant, s.task, s.hidden)
    models = [m for _ in rates for m in make_models(c.kind, inputs, hidden, outputs, n=s.seeds, seed=s.seed)]
    if c.forget_bias is not None:
        for model in models:
            forget_bias(model.rnn, c.forget_bias)
    lr = rates[0] if len(rates) == 1 else tuple(r for r in rates for _ in range(s.seeds))
    schedule = long_lag.Schedule(steps=s.steps or task.steps, batch=task.batch, lr=lr, clip=s.clip, chunk=task.chunk, seed=s.seed)
    start = time.perf_counter()
    history = long_lag.train(models, pool.x, pool.y, schedule, loss=task.loss)
    seconds = time.perf_counter() - start
    return models, hidden, history, seconds, task.score(long_lag.packed_outputs(models, task.test().x))


def _train(setting: ArenaSetting) -> ArenaRun:
    if setting.lr is None:
        raise ValueError(f"arena: {setting} has no learning rate; arena() sets the tuned one")
    models, hidden, history, seconds, (score, solved) = _fit(setting, (setting.lr,))
    inputs, outputs = setting.problem.sizes
    weights = [{name: p.detach().clone() for name, p in model.state_dict().items()} for model in models]
    used = used_parameters(CONTESTANTS[setting.contestant].kind, inputs, hidden, outputs)
    return ArenaRun(setting, hidden, used, score, solved, history, seconds, weights)


@dataclass(frozen=True)
class Tuning:
    """The choice of one contestant's learning rate on one task: ``seeds`` models from their own
    random seed trained at every one of ``rates``, with the budget the reported runs get."""

    task: str  # a key of TASKS
    contestant: str  # a key of CONTESTANTS
    hidden: int = 4  # as the reported setting's
    clip: float = 1.0  # as the reported setting's
    steps: int | None = None  # as the reported setting's
    rates: tuple[float, ...] = RATES  # the rates tried
    seeds: int = TUNING_SEEDS  # models per rate, the same initialisations at every rate
    seed: int = TUNING_SEED  # the random seed of their initial weights and batches

    def __post_init__(self):
        where = "Tuning"
        ArenaSetting(self.task, self.contestant, self.hidden, self.seeds, self.clip, self.steps, seed=self.seed)  # checks the shared fields
        if not self.rates or len(set(self.rates)) != len(self.rates) or not all(isinstance(r, (int, float)) and r > 0 for r in self.rates):
            raise ValueError(f"{where}: rates must be distinct positive numbers, got {self.rates!r}")

    @classmethod
    def of(cls, setting: ArenaSetting, **changes) -> Tuning:
        """The tuning that chooses ``setting``'s rate: its task, contestant, size, clip and budget."""
        return cls(setting.task, setting.contestant, setting.hidden, setting.clip, setting.steps, **changes)


@dataclass(frozen=True)
class TuningRun:
    """What the tuning found: every tuning model's test score and whether it solved the task, rate by rate."""

    tuning: Tuning
    score: Tensor  # (rates, seeds) test scores, as the task scores them
    solved: Tensor  # (rates, seeds) bool
    seconds: float  # training time, every rate together

    def __post_init__(self):
        shape = (len(self.tuning.rates), self.tuning.seeds)
        for name in ("score", "solved"):
            found = getattr(self, name)
            if not isinstance(found, Tensor) or tuple(found.shape) != shape:
                raise ValueError(f"TuningRun: {name} must be a tensor (rates, seeds) = {shape}, got {getattr(found, 'shape', type(found).__name__)}")

    @property
    def counts(self) -> dict[float, int]:
        """How many tuning models solved the task at each rate."""
        return {r: int(k) for r, k in zip(self.tuning.rates, self.solved.sum(1))}

    @property
    def chosen(self) -> float:
        """The rate the reported runs train at.

        It is the rate at which most tuning models solved the task; on a tie, the one with the
        better median score; on a tie of both, the one nearest (by ratio) to the task's own rate,
        then the lower.

        >>> run = TuningRun(Tuning("abcabC", "lstm", seeds=2), torch.tensor([[0.5, 0.6], [1.0, 0.5], [1.0, 0.5]]).double(),
        ...                 torch.tensor([[False, False], [True, False], [True, False]]), 0.0)
        >>> run.counts, run.chosen
        ({0.01: 0, 0.03: 1, 0.1: 1}, 0.03)
        """
        task = TASKS[self.tuning.task]
        sign = 1.0 if task.higher_is_better else -1.0
        medians = self.score.double().quantile(0.5, dim=1) * sign

        def rank(k: int) -> tuple:
            rate = self.tuning.rates[k]
            return (int(self.solved[k].sum()), float(medians[k]), -abs(math.log(rate / task.lr)), -rate)

        return self.tuning.rates[max(range(len(self.tuning.rates)), key=rank)]


def _tune(tuning: Tuning) -> TuningRun:
    t = tuning
    setting = ArenaSetting(t.task, t.contestant, t.hidden, t.seeds, t.clip, t.steps, seed=t.seed)
    _, _, _, seconds, (score, solved) = _fit(setting, t.rates)
    shape = (len(t.rates), t.seeds)
    return TuningRun(t, score.view(shape), solved.view(shape), seconds)


def arena_settings(**overrides) -> list[ArenaSetting]:
    """Every contestant on every task, task by task, in :data:`CONTESTANTS` order.

    >>> len(arena_settings()), arena_settings(seeds=8)[0]
    (52, ArenaSetting(task='abcabC', contestant='lstm', hidden=4, seeds=8, clip=1.0, steps=None, lr=None, seed=0))
    """
    return [ArenaSetting(task, contestant, **overrides) for task in TASKS for contestant in CONTESTANTS]


def arena(
    settings: list[ArenaSetting] | None = None, workers: int | None = None, executor: Executor | None = None
) -> list[ArenaRun]:
    """Train every setting (default :func:`arena_settings`) and score it, each cached on its own,
    so that a new contestant or task trains only its own settings.

    The settings not in the cache train side by side, the longest first, in ``workers`` processes
    (default: one per core), each on one thread: the operations are tiny. Or on ``executor``, such
    as a ``dask.distributed`` client's ``client.get_executor()``, for an arena at Greff et al.'s
    scale (see :func:`lstm_explained.runtime.parallel.map_cached`).

    >>> runs = arena([ArenaSetting("abcabC", k, seeds=2, steps=3) for k in ("lstm", "nig")], workers=1)
    >>> [(r.setting.contestant, r.parameters, r.solved.shape) for r in runs]
    [('lstm', 180, torch.Size([2])), ('nig', 140, torch.Size([2]))]
    """
    settings = _settings("arena", settings)
    _checks.positive_int("arena", "workers", workers, optional=True)
    untuned = [s for s in settings if s.lr is None]
    if untuned:
        tunings = list(dict.fromkeys(Tuning.of(s) for s in untuned))
        rate = {t: run.chosen for t, run in zip(tunings, arena_tuning(untuned, workers=workers, executor=executor))}
        settings = [replace(s, lr=rate[Tuning.of(s)]) if s.lr is None else s for s in settings]
    with cpu_threads(1):  # for the settings trained in this process
        return parallel.map_cached(
            _train, settings, name="arena_run", key_of=asdict, module=__name__,
            executor=executor, workers=workers, cost=_cost,
        )


def arena_tuning(
    settings: list[ArenaSetting] | None = None, workers: int | None = None, executor: Executor | None = None
) -> list[TuningRun]:
    """The tuning of each setting's learning rate (default: every one of :func:`arena_settings`),
    one :class:`TuningRun` per setting whose ``lr`` is ``None``, each cached on its own and trained
    as :func:`arena` trains its settings.

    >>> [(t.tuning.contestant, t.solved.shape) for t in arena_tuning([ArenaSetting("abcabC", "lstm", steps=3)], workers=1)]
    [('lstm', torch.Size([3, 8]))]
    """
    tunings = list(dict.fromkeys(Tuning.of(s) for s in _settings("arena_tuning", settings) if s.lr is None))
    with cpu_threads(1):
        return parallel.map_cached(
            _tune, tunings, name="arena_tuning", key_of=asdict, module=__name__,
            executor=executor, workers=workers, cost=lambda t: _cost(ArenaSetting(t.task, t.contestant, steps=t.steps)) * len(t.rates) * t.seeds / 64,
        )


def _settings(where: str, settings) -> list[ArenaSetting]:
    settings = arena_settings() if settings is None else list(settings)
    for s in settings:
        if not isinstance(s, ArenaSetting):
            raise TypeError(f"{where}: settings must be ArenaSettings, got {type(s).__name__}")
    return settings


def _cost(setting: ArenaSetting) -> float:
    """A rough guess of a setting's training time, to train the long ones first, so that no worker
    is left with a long one at the end."""
    # the task's cost of a batch (steps a batch times sequences a batch), times how slow a step of the kind's packing is (measured, roughly)
    task = setting.problem
    slow = {"block_rnn": 1, "fused": 3}.get(REGISTRY[CONTESTANTS[setting.contestant].kind].packing, 2)
    return (setting.steps or task.steps) * task.cost * slow
