"""Tasks whose answer depends on something seen long before: what a plain RNN cannot learn.

- :func:`adding`: the adding problem, in the simplified form later papers use rather than
  Hochreiter & Schmidhuber's own (1997, §5.4, Experiment 4: values in [-1, 1], the first marker
  among the first ten steps, the target 0.5 + (X1 + X2) / 4): a stream of values in U(0, 1), two of
  them marked, one in each half; the target is their sum, read at the end.
- :func:`delayed_recall`: one symbol, then ``lag`` blank steps; the target is the symbol (the copy
  task of Arjovsky et al. 2016 with a single symbol and a controllable lag).
- :func:`lagged_stream`: a stream of symbols, the target at every step the symbol seen ``lag``
  steps before: the same memory asked for all along, which truncated backpropagation cuts into chunks.

Inputs are time-major ``(length, n, features)`` like ``torch.nn`` layers take them; each call is
seeded and leaves the global random state alone.

What a task's targets are scored by in training is one of :data:`LOSSES`, stated by the task
(:mod:`~lstm_explained.tasks.problems`), never guessed from the targets:

- ``"mse_last"``: squared error of the last step's single output; ``y`` float ``(n,)``, as
  :func:`adding` returns it;
- ``"cross_entropy_last"``: cross-entropy at the last step; ``y`` classes ``(n,)``, as
  :func:`delayed_recall` returns it;
- ``"cross_entropy_each"``: cross-entropy at every step whose target is not :data:`NO_TARGET`,
  averaged over those steps; ``y`` classes ``(length, n)``, as :func:`lagged_stream` returns it.
"""

from __future__ import annotations

from typing import Literal, get_args

import torch
from torch import Tensor

from .. import _checks

__all__ = ["ADDING_BASELINE_MSE", "LOSSES", "NO_TARGET", "Loss", "adding", "delayed_recall", "lagged_stream"]

#: The name of a loss a task states, one of :data:`LOSSES`.
Loss = Literal["mse_last", "cross_entropy_last", "cross_entropy_each"]

#: Every loss a task can state, as the module's docstring describes them.
LOSSES: tuple[str, ...] = get_args(Loss)

#: The mean squared error of always answering 1, the best answer that ignores the input, since the
#: sum of two independent U(0, 1) values has mean 1 and variance 2 / 12 = 1/6.
ADDING_BASELINE_MSE = 1 / 6

#: The target of a step that asks for no answer (the first ``lag`` steps of :func:`lagged_stream`).
NO_TARGET = -1


def adding(n: int, length: int, seed: int = 0) -> tuple[Tensor, Tensor]:
    """``n`` sequences of the adding problem, ``length`` steps each.

    ``x[:, k, 0]`` holds values drawn from U(0, 1), ``x[:, k, 1]`` is 1 at exactly two steps, one
    in the first half and one in the second, and 0 elsewhere; ``y[k]`` is the sum of the two
    marked values.

    >>> x, y = adding(3, 6)
    >>> x.shape, y.shape, x[:, 0, 1].tolist()
    (torch.Size([6, 3, 2]), torch.Size([3]), [0.0, 0.0, 1.0, 0.0, 0.0, 1.0])
    >>> torch.allclose(y, (x[..., 0] * x[..., 1]).sum(0))
    True
    """
    _checks.positive_int("adding", "n", n)
    _checks.int_in("adding", "length", length, 2)
    draw = torch.Generator().manual_seed(seed)
    values = torch.rand(length, n, generator=draw)
    half = length // 2
    first = torch.randint(0, half, (n,), generator=draw)
    second = torch.randint(half, length, (n,), generator=draw)
    markers = torch.zeros(length, n)
    columns = torch.arange(n)
    markers[first, columns] = 1.0
    markers[second, columns] = 1.0
    return torch.stack([values, markers], dim=-1), values[first, columns] + values[second, columns]


def delayed_recall(n: int, lag: int, *, length: int | None = None, symbols: int = 4, seed: int = 0) -> tuple[Tensor, Tensor]:
    """``n`` sequences in which a symbol appears ``lag`` steps before the end; the target is that symbol.

    Features are ``symbols + 1``: one-hot symbols, and a last channel that marks a blank step. The
    symbol sits at step ``length - 1 - lag`` (``length`` defaults to ``lag + 1``, so it comes
    first); every other step is blank. ``y[k]`` is the symbol's index.

    >>> x, y = delayed_recall(2, lag=3, symbols=3)
    >>> x[:, 0].argmax(-1).tolist(), y.tolist()
    ([2, 3, 3, 3], [2, 0])
    >>> delayed_recall(1, lag=5, length=5)
    Traceback (most recent call last):
    ...
    ValueError: delayed_recall: lag 5 needs a sequence of at least 6 steps, got length 5
    """
    where = "delayed_recall"
    _checks.positive_int(where, "n", n)
    _checks.positive_int(where, "lag", lag)
    _checks.int_in(where, "symbols", symbols, 2)
    length = lag + 1 if length is None else _checks.positive_int(where, "length", length)
    if lag >= length:
        raise ValueError(f"{where}: lag {lag} needs a sequence of at least {lag + 1} steps, got length {length}")
    draw = torch.Generator().manual_seed(seed)
    y = torch.randint(0, symbols, (n,), generator=draw)
    x = torch.zeros(length, n, symbols + 1)
    x[..., symbols] = 1.0
    at = length - 1 - lag
    x[at, :, symbols] = 0.0
    x[at, torch.arange(n), y] = 1.0
    return x, y


def lagged_stream(n: int, length: int, lag: int, *, symbols: int = 4, seed: int = 0) -> tuple[Tensor, Tensor]:
    """``n`` streams of ``length`` random one-hot symbols; ``y[t, k]`` is stream ``k``'s symbol at
    step ``t - lag``, or :data:`NO_TARGET` for the first ``lag`` steps.

    >>> x, y = lagged_stream(1, 6, lag=2, symbols=3)
    >>> x[:, 0].argmax(-1).tolist(), y[:, 0].tolist()
    ([2, 0, 2, 0, 1, 0], [-1, -1, 2, 0, 2, 0])
    >>> lagged_stream(1, 4, lag=4)
    Traceback (most recent call last):
    ...
    ValueError: lagged_stream: lag 4 leaves no target in a stream of 4 steps; length must be at least 5
    """
    where = "lagged_stream"
    _checks.positive_int(where, "n", n)
    _checks.positive_int(where, "length", length)
    _checks.positive_int(where, "lag", lag)
    _checks.int_in(where, "symbols", symbols, 2)
    if lag >= length:
        raise ValueError(f"{where}: lag {lag} leaves no target in a stream of {length} steps; length must be at least {lag + 1}")
    draw = torch.Generator().manual_seed(seed)
    seen = torch.randint(0, symbols, (length, n), generator=draw)
    y = torch.full((length, n), NO_TARGET, dtype=torch.long)
    y[lag:] = seen[:-lag]
    return torch.nn.functional.one_hot(seen, symbols).float(), y
