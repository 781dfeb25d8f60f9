"""The lecture's toy memory tasks: short patterns repeated, and the test of whether a model remembers.

Each task is next-character prediction on a short pattern repeated many times. Most characters are
easy (they follow from the one before); the capital letter is the test of memory: in ``abcabC`` the
model must remember that it has already seen one ``abc`` to know that ``C`` comes next, not ``c``.
Such steps are *ambiguous* (:func:`ambiguous_steps`): the current character alone does not say
what comes next. A model *remembers* (:func:`remembers`) when it predicts every ambiguous step of
the final repetition correctly; a model that always answers ``C`` after ``b`` does not count.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

import torch
from torch import Tensor

from .. import _checks
from .long_lag import NO_TARGET
from .vocab import Vocab

__all__ = ["PATTERNS", "PhaseWindows", "ambiguous_steps", "next_char_task", "phase_windows", "remembers", "sequence"]

#: The lecture's patterns, and how many times each is repeated (abcabC x 100 gives 599 steps).
PATTERNS = {"AbAcAd": 100, "abcabC": 100, "abcdabcD": 100, "abaB": 100}


def sequence(pattern: str, repeats: int | None = None) -> str:
    """``pattern`` repeated as in the lecture (or ``repeats`` times).

    >>> sequence("abaB")[:10], len(sequence("abcabC"))
    ('abaBabaBab', 600)
    """
    _checks.one_of("sequence", "pattern", pattern, PATTERNS)
    repeats = PATTERNS[pattern] if repeats is None else _checks.positive_int("sequence", "repeats", repeats)
    return pattern * repeats


def next_char_task(text: str, vocab: Vocab | None = None) -> tuple[Tensor, Tensor, Vocab]:
    """Inputs and targets for next-character prediction: ``x`` one-hot ``(T, V)``, ``y`` ``(T,)``.

    ``T = len(text) - 1``: step ``t`` sees character ``t`` and must predict character ``t + 1``.

    >>> x, y, vocab = next_char_task("abaBab")
    >>> x.shape, y, vocab
    (torch.Size([5, 3]), tensor([1, 0, 2, 0, 1]), Vocab('abB'))
    """
    _checks.text("next_char_task", "text", text, 2)
    vocab = Vocab.of(text) if vocab is None else vocab
    return vocab.one_hot(text[:-1]), vocab.encode(text[1:]), vocab


def ambiguous_steps(text: str) -> Tensor:
    """For each step ``t`` of next-character prediction on ``text``, whether ``text[t]`` alone
    leaves ``text[t + 1]`` open (the same character is followed by different ones elsewhere).

    >>> ambiguous_steps("abcabCabcabC")[:6]
    tensor([False,  True, False, False,  True, False])
    """
    _checks.text("ambiguous_steps", "text", text, 2)
    following = defaultdict(set)
    for current, upcoming in zip(text, text[1:]):
        following[current].add(upcoming)
    return torch.tensor([len(following[ch]) > 1 for ch in text[:-1]])


def remembers(logits: Tensor, y: Tensor, ambiguous: Tensor, period: int) -> Tensor:
    """Whether each model predicts every ambiguous step of the last ``period`` steps correctly.

    ``logits`` is ``(n, T, O)`` (or ``(T, O)`` for one model); returns a bool per model.

    >>> y = torch.tensor([1, 2, 0, 1, 3, 0])
    >>> amb = torch.tensor([False, True, False, False, True, False])
    >>> right = torch.nn.functional.one_hot(y, 4).float()
    >>> wrong = right.clone(); wrong[4] = torch.tensor([0.0, 0.0, 1.0, 0.0])
    >>> remembers(torch.stack([right, wrong]), y, amb, period=6)
    tensor([ True, False])
    """
    if logits.dim() == 2:
        return remembers(logits[None], y, ambiguous, period)[0]
    if logits.dim() != 3 or logits.shape[1] != y.shape[0] or ambiguous.shape != y.shape:
        raise ValueError(
            f"remembers: expected logits (n, T, O) with T = len(y) = len(ambiguous); got {tuple(logits.shape)}, "
            f"{tuple(y.shape)}, {tuple(ambiguous.shape)}"
        )
    if not 1 <= period <= y.shape[0]:
        raise ValueError(f"remembers: period must be in 1..{y.shape[0]}, got {period}")
    window = slice(y.shape[0] - period, None)
    mask = ambiguous[window]
    if not mask.any():
        raise ValueError("remembers: the last period has no ambiguous step; nothing tests memory there")
    correct = logits[:, window].argmax(-1) == y[window]
    return correct[:, mask].all(dim=1)


class PhaseWindows(NamedTuple):
    """A pattern's stream cut into one window per starting phase, as a batch."""

    x: Tensor  # (T, P, V): one-hot characters, one column per phase
    y: Tensor  # (T, P): the next character, NO_TARGET while the phase cannot be known yet
    ambiguous: Tensor  # (T, P): the steps that test memory (see ambiguous_steps), among those with a target
    vocab: Vocab


def phase_windows(pattern: str, periods: int) -> PhaseWindows:
    """Next-character prediction on ``pattern`` repeated without end, read from each of its
    ``P = len(pattern)`` phases for ``periods * P`` steps: a batch of ``P`` windows.

    A window that starts mid-pattern cannot know where it is until it has seen the capital
    letter, which it has after ``P`` characters; the first ``P - 1`` steps ask for nothing
    (:data:`~lstm_explained.tasks.long_lag.NO_TARGET`). A model that is right at every
    ambiguous step of every window tracks the phase however the stream began.

    >>> w = phase_windows("abaB", 2)
    >>> w.x.shape, w.vocab, w.y[:, 1].tolist()
    (torch.Size([8, 4, 3]), Vocab('abB'), [-1, -1, -1, 1, 0, 2, 0, 1])
    >>> w.ambiguous[:, 1].tolist()  # after each 'a': b or B?
    [False, False, False, True, False, True, False, True]
    """
    _checks.one_of("phase_windows", "pattern", pattern, PATTERNS)
    _checks.positive_int("phase_windows", "periods", periods)
    size = len(pattern)
    stream = pattern * (periods + 2)
    vocab = Vocab.of(pattern)
    texts = [stream[start : start + periods * size + 1] for start in range(size)]
    x = torch.stack([vocab.one_hot(text[:-1]) for text in texts], dim=1)
    y = torch.stack([vocab.encode(text[1:]) for text in texts], dim=1)
    y[: size - 1] = NO_TARGET
    ambiguous = torch.stack([ambiguous_steps(text) for text in texts], dim=1) & (y != NO_TARGET)
    return PhaseWindows(x, y, ambiguous, vocab)
