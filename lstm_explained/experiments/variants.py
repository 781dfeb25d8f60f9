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

import time
from concurrent.futures import Executor
from dataclasses import asdict, dataclass, field

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
    "ArenaRun",
    "ArenaSetting",
    "Contestant",
    "arena",
    "arena_settings",
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



@dataclass(frozen=True)
class ArenaSetting:
    """One contestant on one task."""

    task: str  # a key of TASKS
    contestant: str  # a key of CONTESTANTS
    hidden: int = 4  # the hidden size of every contestant but the matched RNN
    seeds: int = 64  # models, each from its own initialisation
    clip: float = 1.0  # each model's gradient norm is clipped to this
    steps: int | None = None  # batches; None: the task's own budget

    def __post_init__(self):
        where = "ArenaSetting"
        _checks.one_of(where, "task", self.task, TASKS)
        _checks.one_of(where, "contestant", self.contestant, CONTESTANTS)
        _checks.positive_int(where, "hidden", self.hidden)
        _checks.positive_int(where, "seeds", self.seeds)
        _checks.positive_int(where, "steps", self.steps, optional=True)
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


def _train(setting: ArenaSetting) -> ArenaRun:
    s, c, task = setting, CONTESTANTS[setting.contestant], setting.problem
    pool = task.data()
    inputs, outputs = task.sizes
    hidden = hidden_for(s.contestant, s.task, s.hidden)
    models = make_models(c.kind, inputs, hidden, outputs, n=s.seeds, seed=0)
    if c.forget_bias is not None:
        for model in models:
            forget_bias(model.rnn, c.forget_bias)
    schedule = long_lag.Schedule(steps=s.steps or task.steps, batch=task.batch, lr=task.lr, clip=s.clip, chunk=task.chunk)
    start = time.perf_counter()
    history = long_lag.train(models, pool.x, pool.y, schedule, loss=task.loss)
    seconds = time.perf_counter() - start
    score, solved = task.score(long_lag.packed_outputs(models, task.test().x))
    weights = [{name: p.detach().clone() for name, p in model.state_dict().items()} for model in models]
    return ArenaRun(s, hidden, used_parameters(c.kind, inputs, hidden, outputs), score, solved, history, seconds, weights)


def arena_settings(**overrides) -> list[ArenaSetting]:
    """Every contestant on every task, task by task, in :data:`CONTESTANTS` order.

    >>> len(arena_settings()), arena_settings(seeds=8)[0]
    (52, ArenaSetting(task='abcabC', contestant='lstm', hidden=4, seeds=8, clip=1.0, steps=None))
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
    settings = arena_settings() if settings is None else list(settings)
    for s in settings:
        if not isinstance(s, ArenaSetting):
            raise TypeError(f"arena: settings must be ArenaSettings, got {type(s).__name__}")
    _checks.positive_int("arena", "workers", workers, optional=True)
    with cpu_threads(1):  # for the settings trained in this process
        return parallel.map_cached(
            _train, settings, name="arena_run", key_of=asdict, module=__name__,
            executor=executor, workers=workers, cost=_cost,
        )


def _cost(setting: ArenaSetting) -> float:
    """A rough guess of a setting's training time, to train the long ones first, so that no worker
    is left with a long one at the end."""
    # the task's cost of a batch (steps a batch times sequences a batch), times how slow a step of the kind's packing is (measured, roughly)
    task = setting.problem
    slow = {"block_rnn": 1, "fused": 3}.get(REGISTRY[CONTESTANTS[setting.contestant].kind].packing, 2)
    return (setting.steps or task.steps) * task.cost * slow
