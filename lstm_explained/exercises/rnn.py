r"""The RNN chapter's exercises, computed with the chapter's own pieces: the ``hello`` task and
its word language (:mod:`~lstm_explained.tasks.hello`), the toy model
(:class:`~lstm_explained.models.toy.ToyModel`), the RNN step
(:func:`~lstm_explained.cells.rnn.rnn_cell`) and the gradient's reach
(:func:`~lstm_explained.analysis.reach.gradient_reach`). Nothing here trains.

The word language's forks: each word is read up to the next word's ``h``, so a word's end is a
branch like any letter, written ``END`` (``""``) below.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

import torch
from torch import Tensor
from torch.nn import functional as F

from .. import _checks
from ..analysis.reach import gradient_reach
from ..cells.rnn import rnn_cell
from ..models.toy import ToyModel
from ..tasks import hello, toy

__all__ = [
    "END",
    "Fork",
    "ParameterCount",
    "Reach",
    "forks",
    "greedy_words",
    "memoryless_ceiling",
    "parameter_count",
    "repeated_input_gap",
    "truncated_reach",
]

#: The branch a word takes when it ends, as the next word begins.
END = ""


def memoryless_ceiling(text: str = hello.HELLO) -> tuple[int, int]:
    r"""``(best, steps)``: the most of the ``steps = len(text) - 1`` next-character predictions on
    ``text`` that any predictor seeing only the current character gets right. Such a predictor
    answers one character per character read, so the best it can do is the commonest follower:

    .. math::

        \text{best} = \sum_{a} \max_{b}\, \#\{t : x_t = a,\ x_{t+1} = b\}

    >>> memoryless_ceiling("hello")  # the two l's are followed by l and by o
    (3, 4)
    >>> memoryless_ceiling("abab")
    (3, 3)
    """
    _checks.text("memoryless_ceiling", "text", text, 2)
    followers: dict[str, Counter] = {}
    for current, upcoming in itertools.pairwise(text):
        followers.setdefault(current, Counter())[upcoming] += 1
    return sum(max(counts.values()) for counts in followers.values()), len(text) - 1


def repeated_input_gap(text: str = "hell", seed: int = 0) -> tuple[float, float]:
    r"""``(without, with_recurrence)``: the largest difference between the scores of an untrained
    ``hello`` model (:class:`~lstm_explained.models.toy.ToyModel`, 3 hidden units, PyTorch's
    initialisation after ``torch.manual_seed(seed)``, float64) at two steps of ``text`` that read
    the same character, without its recurrence (every step from :math:`h_{t-1} = 0`, as
    :func:`~lstm_explained.experiments.hello.without_recurrence` runs it:
    :math:`h_t = \tanh(W_{ih} x_t + b_{ih} + b_{hh})`) and with it.

    >>> flat, recurrent = repeated_input_gap("hell")
    >>> flat, recurrent > 0
    (0.0, True)
    """
    where = "repeated_input_gap"
    _checks.text(where, "text", text, 2)
    strange = sorted(set(text) - set(hello.VOCAB.chars))
    if strange:
        raise ValueError(f"{where}: text must use only the letters {hello.VOCAB.chars!r}, got {text!r} with {strange}")
    pairs = [(s, t) for t in range(len(text)) for s in range(t) if text[s] == text[t]]
    if not pairs:
        raise ValueError(f"{where}: text must read some character twice, got {text!r}")
    _checks.int_in(where, "seed", seed, 0)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = ToyModel("rnn", len(hello.VOCAB), 3, len(hello.VOCAB)).double()
    x = hello.VOCAB.one_hot(text).double()
    rnn = model.rnn
    with torch.no_grad():
        # each row of x read as its own batch item from a zero state: the step without its past
        flat = model.head(rnn_cell(x, None, rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0, rnn.bias_hh_l0))
        recurrent = model(x)
    return tuple(max((scores[s] - scores[t]).abs().max().item() for s, t in pairs) for scores in (flat, recurrent))


class Fork(NamedTuple):
    """A point of the word language where the next character is a choice."""

    prefix: str  # the word so far
    reach: float  # the probability that a word begins with prefix
    branches: dict[str, float]  # each next character (END: the word ends) and its probability given prefix
    bits: float  # the entropy of that choice


def _followers(where: str, words: object) -> tuple[dict[str, Counter], int]:
    """For every prefix of the words, how many words continue it with each character (END: it ends)."""
    if isinstance(words, str) or not isinstance(words, Sequence) or not words:
        raise ValueError(f"{where}: words must be a non-empty sequence of words, got {words!r}")
    for word in words:
        if not isinstance(word, str) or not word:
            raise ValueError(f"{where}: words must be non-empty strs, got {word!r} in {tuple(words)!r}")
    if len(set(words)) != len(words):
        raise ValueError(f"{where}: words must be distinct, got {tuple(words)!r}")
    followers: dict[str, Counter] = {}
    for word in words:
        for k in range(len(word) + 1):
            followers.setdefault(word[:k], Counter())[word[k] if k < len(word) else END] += 1
    return followers, len(words)


def forks(words: Sequence[str] = hello.WORDS) -> list[Fork]:
    r"""The forks of a language whose ``words`` are drawn with equal chance, in the order they are
    met: each prefix that more than one next character (or the word's end) follows. Each fork's
    ``bits`` is :math:`-\sum_j q_j \log_2 q_j` over its branches; weighted by its ``reach`` they
    add up to the :math:`\log_2 n` bits of choosing one of ``n`` words (the chain rule of entropy).

    >>> [(f.prefix, round(f.reach, 2), round(f.bits, 3)) for f in forks()]
    [('h', 1.0, 0.811), ('he', 0.75, 0.918), ('hell', 0.5, 1.0)]
    >>> forks()[2].branches
    {'o': 0.5, '': 0.5}
    """
    followers, n = _followers("forks", words)
    found = []
    for prefix, counts in followers.items():
        if len(counts) > 1:
            total = sum(counts.values())
            branches = {ch: k / total for ch, k in counts.items()}
            found.append(Fork(prefix, total / n, branches, -sum(q * math.log2(q) for q in branches.values())))
    return found


def greedy_words(words: Sequence[str] = hello.WORDS) -> tuple[str, ...]:
    r"""The words that a writer who knows the language's probabilities exactly can write when it
    always takes a likeliest next character, :math:`\arg\max_b p(b \mid \text{prefix})`; where
    branches tie, either may be taken. In the order of ``words``.

    >>> greedy_words()
    ('hello', 'hell')
    >>> greedy_words(("ab", "ac", "b"))  # a leads two words to one; then b and c tie
    ('ab', 'ac')
    """
    followers, _ = _followers("greedy_words", words)
    written, frontier = set(), [""]
    while frontier:
        prefix = frontier.pop()
        counts = followers[prefix]
        most = max(counts.values())
        for ch, k in counts.items():
            if k == most:
                if ch == END:
                    written.add(prefix)
                else:
                    frontier.append(prefix + ch)
    return tuple(w for w in words if w in written)


class Reach(NamedTuple):
    """The last step's gradient with and without a cut, and what the cut hides."""

    full: Tensor  # (window,) the gradient's size at each input, oldest first, through the whole graph
    cut: Tensor  # (window,) the same through the graph cut `truncation` steps back
    influence: float  # the largest change of the last step's loss when the last input before the cut is another letter


def truncated_reach(truncation: int = 4, window: int = 12, seed: int = 0, stream_seed: int = 7) -> Reach:
    r""":func:`~lstm_explained.analysis.reach.gradient_reach` of an untrained model of the word
    language's size (:class:`~lstm_explained.models.toy.ToyModel`, 16 tanh units, seeded by
    ``seed``, float64) on the first ``window`` steps of a held-out stream
    (:func:`~lstm_explained.tasks.hello.word_stream` seed ``stream_seed``), through the whole graph
    and cut ``truncation`` steps back. The cut makes every earlier
    :math:`\partial L_{T-1} / \partial x_t` exactly 0, but the forward pass still carries the state
    across it: ``influence`` is :math:`\max |L_{T-1}(x') - L_{T-1}(x)|` over the texts :math:`x'`
    that put another letter at the last step before the cut.

    >>> found = truncated_reach(truncation=4)
    >>> int((found.full > 0).sum()), int((found.cut > 0).sum()), found.influence > 0
    (12, 4, True)
    """
    where = "truncated_reach"
    _checks.int_in(where, "window", window, 2)
    _checks.int_in(where, "truncation", truncation, 1, window - 1)
    _checks.int_in(where, "seed", seed, 0)
    _checks.int_in(where, "stream_seed", stream_seed, 0)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = ToyModel("rnn", len(hello.VOCAB), 16, len(hello.VOCAB)).double()
    text = hello.word_stream(window, stream_seed)[: window + 1]  # every word has at least 4 letters
    x, y, _ = toy.next_char_task(text, hello.VOCAB)
    x = x.double()
    full, cut = gradient_reach(model, x, y), gradient_reach(model, x, y, truncation=truncation)
    before = window - truncation - 1  # the last input the cut leaves out
    with torch.no_grad():
        loss = F.cross_entropy(model(x)[-1], y[-1]).item()
        changed = []
        for k in range(len(hello.VOCAB)):
            if x[before, k] == 0:
                other = x.clone()
                other[before] = torch.eye(len(hello.VOCAB), dtype=x.dtype)[k]
                changed.append(abs(F.cross_entropy(model(other)[-1], y[-1]).item() - loss))
    return Reach(full, cut, max(changed))


class ParameterCount(NamedTuple):
    """A stacked tanh RNN's parameters: counted by PyTorch, and from the equations."""

    counted: int  # what PyTorch allocates, every layer and the output layer
    formula: int  # the count from the equations
    layers: tuple[int, ...]  # PyTorch's count for each recurrent layer, bottom first
    head: int  # PyTorch's count for the output layer


def parameter_count(input_size: int = 4, hidden: int = 16, output_size: int = 4, num_layers: int = 2) -> ParameterCount:
    r"""The parameters of a :class:`~lstm_explained.models.toy.ToyModel` of ``num_layers`` tanh
    layers, counted, and from the equations: layer 0 reads the input, every layer above reads the
    hidden state of the one below, and the output layer reads the top one,

    .. math::

        (H I + H H + 2 H) + (L - 1)(H H + H H + 2 H) + (O H + O).

    >>> parameter_count()
    ParameterCount(counted=964, formula=964, layers=(352, 544), head=68)
    """
    where = "parameter_count"
    for name, value in (
        ("input_size", input_size),
        ("hidden", hidden),
        ("output_size", output_size),
        ("num_layers", num_layers),
    ):
        _checks.positive_int(where, name, value)
    with torch.random.fork_rng(devices=[]):
        model = ToyModel("rnn", input_size, hidden, output_size, num_layers=num_layers)
    layers = tuple(
        sum(p.numel() for name, p in model.rnn.named_parameters() if name.endswith(f"_l{k}")) for k in range(num_layers)
    )
    head = sum(p.numel() for p in model.head.parameters())
    counted = sum(p.numel() for p in model.parameters())
    I, H, O, L = input_size, hidden, output_size, num_layers  # the equation's names
    formula = (H * I + H * H + 2 * H) + (L - 1) * (H * H + H * H + 2 * H) + (O * H + O)
    return ParameterCount(counted, formula, layers, head)
