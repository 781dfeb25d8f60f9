r"""Tasks as objects: what the models read, what counts as their loss, how they are tested, and the budget they get.

Each kind of task is a small frozen record, and a task is one of them, so that an experiment picks
a task by name and asks it for everything else:

- its data: :meth:`~Problem.data`, the pool the trainer draws its batches from, and
  :meth:`~Problem.test`, the held-out data, each a :class:`Pool` built the same way in every
  process (seeded, or no randomness at all);
- its sizes: ``sizes``, the inputs and outputs of a model, and ``length``, the steps of a training
  sequence;
- its loss, one of :data:`~lstm_explained.tasks.long_lag.LOSSES`, which the trainer
  (:func:`lstm_explained.training.long_lag.train`) is told instead of guessing it from the targets;
- its budget: ``steps`` batches of ``batch`` sequences, Adam at ``lr``, in chunks of ``chunk``
  steps for truncated backpropagation (``None``: whole sequences), and ``cost``, what one batch costs;
- its test: :meth:`~Problem.score` turns the models' outputs on the held-out data into each
  model's score and whether it solved the task.

The kinds:

- :class:`Adding`: Hochreiter & Schmidhuber's adding problem
  (:func:`~lstm_explained.tasks.long_lag.adding`); solved when the held-out squared error is below
  ``solved_below`` of what ignoring the input costs;
- :class:`Phases`: next-character prediction on a repeated pattern read from every phase
  (:func:`~lstm_explained.tasks.toy.phase_windows`), tested on the training windows or on one long
  stream; solved when right at every ambiguous step it scores;
- :class:`Lagged`: the lagged stream (:func:`~lstm_explained.tasks.long_lag.lagged_stream`), the
  symbol seen ``lag`` steps before asked for at every step; scored by the share of right answers.

:data:`ARENA` holds the variants chapter's four tasks by name, each with the budget every
contestant gets on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, NamedTuple

from torch import Tensor

from .. import _checks
from .long_lag import ADDING_BASELINE_MSE, NO_TARGET, Loss, adding, lagged_stream
from .toy import PATTERNS, phase_windows

__all__ = ["ADDING_ONE_VALUE", "ARENA", "Adding", "Lagged", "Phases", "Pool", "Problem", "Scored"]


#: The squared error over :data:`~lstm_explained.tasks.long_lag.ADDING_BASELINE_MSE` of a model
#: that carries the later marked value exactly and nothing of the earlier one: it answers 1/2 plus
#: the later value, and the earlier value's variance, 1/12, is left, half the baseline's. The
#: plateau a model reaches before it remembers across the long lag.
ADDING_ONE_VALUE = 1 / 2


class Pool(NamedTuple):
    """Sequences of a task, time-major, with the targets its loss reads."""

    x: Tensor  # (T, N, inputs)
    y: Tensor  # (N,) for an answer at the last step, (T, N) for an answer at every step
    scored: Tensor | None = None  # (T, N) bool, the steps a test reads; None where the answer is the last step's


class Scored(NamedTuple):
    """Each model's test score and whether it solved the task."""

    score: Tensor  # (n,) float64 share right, or float32 error over a baseline's
    solved: Tensor  # (n,) bool


class Problem:
    """What every kind of task has. A kind is a frozen dataclass that derives from it and sets
    ``loss``, ``sizes``, ``length``, ``batch``, ``steps``, ``lr``, ``chunk`` and ``about``."""

    loss: ClassVar[Loss]
    higher_is_better: ClassVar[bool] = True  # whether a higher score is better (a share right) or worse (an error)

    def data(self) -> Pool:
        """The training pool, the trainer's batches are drawn from it."""
        raise NotImplementedError

    def test(self) -> Pool:
        """The held-out data the test scores."""
        raise NotImplementedError

    def score(self, outputs: Tensor) -> Scored:
        """Each model's score and whether it solved the task, from ``outputs`` ``(T, N, n, O)``,
        the models' outputs on :meth:`test`'s ``x``."""
        raise NotImplementedError

    @property
    def cost(self) -> int:
        """Sequence steps in one batch, the length times the batch, which a training step's time grows with."""
        return self.length * self.batch

    def _tested(self, where: str, outputs: Tensor) -> Pool:
        """The held-out data, once ``outputs`` are checked to be the models' outputs on it."""
        test = self.test()
        _checks.tensor(where, "outputs", outputs)
        expected = (*test.x.shape[:2], self.sizes[1])
        if outputs.dim() != 4 or (outputs.shape[0], outputs.shape[1], outputs.shape[3]) != expected:
            raise ValueError(
                f"{where}: outputs must be the models' outputs on the test, ({expected[0]}, {expected[1]}, n, {expected[2]}); "
                f"got {tuple(outputs.shape)}"
            )
        return test

    def _right(self, where: str, outputs: Tensor) -> Scored:
        """The share of scored steps each model gets right (argmax), and whether it gets all of them."""
        test = self._tested(where, outputs)
        right = (outputs.argmax(-1) == test.y[..., None])[test.scored]  # (scored steps, n)
        return Scored(right.double().mean(0), right.all(0))


@dataclass(frozen=True)
class Adding(Problem):
    """The adding problem: two marked values of a stream in ``U(0, 1)``, their sum asked for at the end.

    >>> import torch
    >>> task = Adding(length=10)
    >>> pool = task.data()
    >>> pool.x.shape, pool.y.shape, task.sizes, task.loss, task.cost
    (torch.Size([10, 4096, 2]), torch.Size([4096]), (2, 1), 'mse_last', 320)
    >>> test = task.test()
    >>> always_one = torch.ones(10, 1000, 2, 1)  # two models that answer 1 whatever they read
    >>> found = task.score(always_one)
    >>> found.score.round(decimals=3), found.solved
    (tensor([1.0290, 1.0290]), tensor([False, False]))
    >>> task.score(test.y.expand(10, 2, -1).transpose(1, 2)[..., None])  # the right answer
    Scored(score=tensor([0., 0.]), solved=tensor([True, True]))
    """

    length: int = 50  # steps per sequence; one marker in each half
    steps: int = 1000  # batches every model trains on
    lr: float = 1e-2  # Adam's learning rate
    batch: int = 32  # sequences per batch
    pool: int = 4096  # training sequences (seed 1)
    held_out: int = 1000  # test sequences (seed 2)
    solved_below: float = 0.1  # solved when the held-out MSE is below this share of the memoryless baseline's (1/6); see Adding.solves
    chunk: int | None = None  # truncated BPTT, steps per chunk (None: whole sequences)
    about: str = "the adding problem: the sum of the two marked values"

    loss: ClassVar[Loss] = "mse_last"
    higher_is_better: ClassVar[bool] = False  # the score is an error
    sizes: ClassVar[tuple[int, int]] = (2, 1)  # (value, marker) in, the sum out

    def __post_init__(self):
        where = "Adding"
        _checks.int_in(where, "length", self.length, 2)
        for name in ("steps", "batch", "pool", "held_out"):
            _checks.positive_int(where, name, getattr(self, name))
        _checks.positive_int(where, "chunk", self.chunk, optional=True)
        if not self.lr > 0 or not self.solved_below > 0:
            raise ValueError(f"{where}: lr and solved_below must be positive, got {self.lr!r} and {self.solved_below!r}")

    def data(self) -> Pool:
        """``pool`` sequences (seed 1)."""
        return Pool(*adding(self.pool, self.length, seed=1))

    def test(self) -> Pool:
        """``held_out`` other sequences (seed 2)."""
        return Pool(*adding(self.held_out, self.length, seed=2))

    def score(self, outputs: Tensor) -> Scored:
        """Each model's held-out squared error over the memoryless baseline's
        (:data:`~lstm_explained.tasks.long_lag.ADDING_BASELINE_MSE`), and whether it is below ``solved_below``."""
        test = self._tested("Adding.score", outputs)
        ratio = (outputs[-1, :, :, 0] - test.y[:, None]).pow(2).mean(0) / ADDING_BASELINE_MSE
        return Scored(ratio, self.solves(ratio))

    def solves(self, ratio: Tensor) -> Tensor:
        """Whether each squared error over the baseline's, held out or on training batches, counts as solved.

        The threshold has to sit well below :data:`~lstm_explained.tasks.problems.ADDING_ONE_VALUE`,
        the ratio ½ of a model that carries the later marked value exactly and nothing of the
        earlier one. With the two values independent, the ratio is the share of their summed
        variance left unexplained, so below 0.1 each value must have more than 80% of its variance
        carried to the end: both are remembered, neither by luck.

        >>> import torch
        >>> Adding().solves(torch.tensor([0.05, 0.1, 0.5]))
        tensor([ True, False, False])
        """
        return ratio < self.solved_below


@dataclass(frozen=True)
class Phases(Problem):
    """Next-character prediction on ``pattern`` repeated without end, read from each of its phases:
    a batch of one window per phase, ``periods`` periods long (:func:`~lstm_explained.tasks.toy.phase_windows`).

    Tested on the training windows, or (``test_periods``) on one long stream per phase, of which
    only the last ``scored_periods`` periods are scored (``None``: all of it). A model solves it
    when it is right at every ambiguous step scored.

    >>> import torch
    >>> task = Phases("abcabC", periods=4)
    >>> task.sizes, task.length, task.batch, task.loss, task.cost
    ((4, 4), 24, 6, 'cross_entropy_each', 144)
    >>> stream = Phases("abcabC", periods=20, chunk_periods=4, test_periods=400, scored_periods=25)
    >>> test = stream.test()
    >>> stream.chunk, test.x.shape, int(test.scored.any(1).nonzero().min()), int(test.scored.sum())
    (24, torch.Size([2400, 6, 4]), 2250, 300)
    >>> right = torch.nn.functional.one_hot(test.y.clamp(min=0), 4).float()[:, :, None]  # one model that knows the pattern
    >>> stream.score(right)
    Scored(score=tensor([1.], dtype=torch.float64), solved=tensor([True]))
    """

    pattern: str  # one of lstm_explained.tasks.toy.PATTERNS
    periods: int  # periods of the pattern in a training window
    steps: int = 600  # batches (full batches of every phase, or chunks of them) every model trains on
    lr: float = 0.03  # Adam's learning rate
    chunk_periods: int | None = None  # truncated BPTT, periods per chunk (None: whole windows)
    test_periods: int | None = None  # periods of the test stream (None: tested on the training windows)
    scored_periods: int | None = None  # periods at the end of the test that are scored (None: all)
    about: str = "next character of a pattern, read from every phase"

    loss: ClassVar[Loss] = "cross_entropy_each"

    def __post_init__(self):
        where = "Phases"
        _checks.one_of(where, "pattern", self.pattern, PATTERNS)
        _checks.positive_int(where, "periods", self.periods)
        _checks.positive_int(where, "steps", self.steps)
        for name in ("chunk_periods", "test_periods", "scored_periods"):
            _checks.positive_int(where, name, getattr(self, name), optional=True)
        if not self.lr > 0:
            raise ValueError(f"{where}: lr must be positive, got {self.lr!r}")
        tested = self.test_periods or self.periods
        if self.scored_periods is not None and self.scored_periods > tested:
            raise ValueError(f"{where}: scored_periods {self.scored_periods} is more than the {tested} periods tested")

    @property
    def sizes(self) -> tuple[int, int]:
        """One-hot characters in, a score per character out."""
        size = len(set(self.pattern))
        return size, size

    @property
    def length(self) -> int:
        """Steps in a training window."""
        return self.periods * len(self.pattern)

    @property
    def batch(self) -> int:
        """Windows in a batch, one per phase."""
        return len(self.pattern)

    @property
    def chunk(self) -> int | None:
        """Steps per chunk of truncated backpropagation, or ``None``."""
        return None if self.chunk_periods is None else self.chunk_periods * len(self.pattern)

    def data(self) -> Pool:
        """The training windows, their ambiguous steps scored."""
        windows = phase_windows(self.pattern, self.periods)
        return Pool(windows.x, windows.y, windows.ambiguous)

    def test(self) -> Pool:
        """The training windows, or the test streams, with the ambiguous steps the test scores."""
        if self.test_periods is None:
            return self.data()
        windows = phase_windows(self.pattern, self.test_periods)
        scored = windows.ambiguous.clone()
        if self.scored_periods is not None:  # only the end of the long stream is scored: memory after all that came before
            scored[: -self.scored_periods * len(self.pattern)] = False
        return Pool(windows.x, windows.y, scored)

    def score(self, outputs: Tensor) -> Scored:
        """Each model's share right at the scored ambiguous steps, and whether it is right at all of them."""
        return self._right("Phases.score", outputs)


@dataclass(frozen=True)
class Lagged(Problem):
    """Streams of random symbols; at every step the target is the symbol seen ``lag`` steps before
    (:func:`~lstm_explained.tasks.long_lag.lagged_stream`). Scored by the share of right answers
    on held-out streams; solved when all of them are right.

    >>> import torch
    >>> task = Lagged(length=8, lag=2, chunk=4)
    >>> task.sizes, task.loss, task.data().y.shape, task.test().x.shape
    ((4, 4), 'cross_entropy_each', torch.Size([8, 1024]), torch.Size([8, 500, 4]))
    >>> right = torch.nn.functional.one_hot(task.test().y.clamp(min=0), 4).float()[:, :, None]
    >>> task.score(torch.cat([right, torch.zeros_like(right)], 2))  # one model right, one always answering 0
    Scored(score=tensor([1.0000, 0.2363], dtype=torch.float64), solved=tensor([ True, False]))
    """

    length: int = 40  # steps per stream
    lag: int = 5  # the target is the symbol seen this many steps before
    symbols: int = 4  # one-hot symbols
    steps: int = 300  # batches every model trains on
    lr: float = 2e-2  # Adam's learning rate
    chunk: int | None = None  # truncated BPTT, steps per chunk (None: whole streams)
    batch: int = 32  # streams per batch
    pool: int = 1024  # training streams (seed 1)
    held_out: int = 500  # test streams (seed 2)
    about: str = "the symbol seen a fixed number of steps before, asked for at every step"

    loss: ClassVar[Loss] = "cross_entropy_each"

    def __post_init__(self):
        where = "Lagged"
        for name in ("length", "lag", "steps", "batch", "pool", "held_out"):
            _checks.positive_int(where, name, getattr(self, name))
        _checks.int_in(where, "symbols", self.symbols, 2)
        _checks.positive_int(where, "chunk", self.chunk, optional=True)
        if not self.lr > 0:
            raise ValueError(f"{where}: lr must be positive, got {self.lr!r}")
        if self.lag >= self.length:
            raise ValueError(f"{where}: lag {self.lag} must be shorter than the stream's {self.length} steps")

    @property
    def sizes(self) -> tuple[int, int]:
        """One-hot symbols in, a score per symbol out."""
        return self.symbols, self.symbols

    def _streams(self, n: int, seed: int) -> Pool:
        x, y = lagged_stream(n, self.length, self.lag, symbols=self.symbols, seed=seed)
        return Pool(x, y, y != NO_TARGET)

    def data(self) -> Pool:
        """``pool`` streams (seed 1); every step with a target is scored."""
        return self._streams(self.pool, seed=1)

    def test(self) -> Pool:
        """``held_out`` other streams (seed 2)."""
        return self._streams(self.held_out, seed=2)

    def score(self, outputs: Tensor) -> Scored:
        """Each model's share of right answers where a target is given, and whether it is right at all of them."""
        return self._right("Lagged.score", outputs)


#: The variants chapter's arena by name, each task with the budget every contestant gets on it,
#: chosen by measurement to fit the book's build (see the chapter).
ARENA: dict[str, Problem] = {
    **{
        pattern: Phases(pattern, periods=4, steps=steps, lr=0.03, about=f"next character of {pattern}, read from every phase, 4 periods a window")
        for pattern, steps in (("abcabC", 600), ("abcdabcD", 800))
    },
    "adding": Adding(length=25, steps=600, lr=0.03, about="the adding problem, 25 steps: the sum of the two marked values"),
    "stream": Phases(
        "abcabC", periods=20, steps=150, lr=0.03, chunk_periods=4, test_periods=400, scored_periods=25,
        about="abcabC as one stream without resets: trained 20 periods at a time in chunks of 4, tested after 400",
    ),
}
