r"""The embedded Reber grammar, and its continual form: the stream on which an LSTM without a forget gate fails.

A Reber string walks a small graph from ``B`` to ``E``, each branch taken with probability 1/2
(Reber 1967; the version of Fahlman 1991 and Hochreiter & Schmidhuber 1997). An *embedded* Reber
string wraps one in ``B T ... T E`` or ``B P ... P E``: the second-to-last symbol repeats the
second, across the whole inner string, which is the long-range memory the task asks for. In the
*continual* form (Gers, Schmidhuber & Cummins 2000) the strings follow one another with no reset and
no marker of where one ends, so a cell state that is never forgotten grows without bound.

At every step a model predicts the next symbol. Where the grammar branches, any legal symbol is
right; :class:`ReberStream` says which are legal at every step, and which steps are the *critical*
ones, where the only legal symbol is the remembered ``T`` or ``P``.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import Tensor

from .. import _checks

__all__ = ["SYMBOLS", "ReberStream", "continual_embedded_reber", "embedded_reber", "reber"]

#: The grammar's seven symbols, in the order of the one-hot features.
SYMBOLS = "BTPSXVE"

# the inner graph: from each node, the two symbols it may emit and the node each leads to
_GRAPH = {1: (("T", 2), ("P", 3)), 2: (("S", 2), ("X", 4)), 3: (("T", 3), ("V", 5)), 4: (("X", 3), ("S", 6)), 5: (("P", 4), ("V", 6))}


def _walk(draw: torch.Generator) -> tuple[str, list[str]]:
    """One Reber string, and after each of its symbols the symbols that may come next (``E``: none)."""
    text, legal, node = "B", ["TP"], 1
    while node != 6:
        options = _GRAPH[node]
        symbol, node = options[int(torch.randint(0, 2, (1,), generator=draw))]
        text += symbol
        legal.append("E" if node == 6 else "".join(s for s, _ in _GRAPH[node]))
    text += "E"
    legal.append("")
    return text, legal


def reber(seed: int = 0) -> str:
    """One Reber string.

    >>> reber(0), reber(3)
    ('BTXSE', 'BTSXSE')
    """
    return _walk(torch.Generator().manual_seed(seed))[0]


def embedded_reber(seed: int = 0) -> str:
    """One embedded Reber string: ``B``, ``T`` or ``P``, a Reber string, the same ``T`` or ``P``, ``E``.

    >>> embedded_reber(0)
    'BTBPVPSETE'
    """
    return _embedded(torch.Generator().manual_seed(seed))[0]


def _embedded(draw: torch.Generator) -> tuple[str, list[str]]:
    wrap = "TP"[int(torch.randint(0, 2, (1,), generator=draw))]
    inner, inner_legal = _walk(draw)
    # after B: T or P; after the wrap: the inner B; inside: the inner grammar; after the inner E: the
    # remembered wrap; after it: E; after E: the next string's B
    return "B" + wrap + inner + wrap + "E", ["TP", "B", *inner_legal[:-1], wrap, "E", "B"]


@dataclass(frozen=True)
class ReberStream:
    """A stream of embedded Reber strings, one after another with no reset."""

    text: str  # the symbols
    x: Tensor  # (T, 7) one-hot inputs, SYMBOLS order
    y: Tensor  # (T,) the next symbol's index; the last step's target is the next string's B
    legal: Tensor  # (T, 7) bool: the symbols the grammar allows next
    critical: Tensor  # (T,) bool: steps whose only legal next symbol is the remembered T or P
    strings: int  # how many embedded strings it holds


def continual_embedded_reber(strings: int, seed: int = 0) -> ReberStream:
    """``strings`` embedded Reber strings in one stream, as Gers et al. (2000) train on them.

    >>> s = continual_embedded_reber(2, seed=0)
    >>> s.text
    'BTBPVPSETEBPBPVVEPE'
    >>> [SYMBOLS[k] for k in s.y[:4].tolist()], s.legal[0].tolist(), int(s.critical.sum())
    (['T', 'B', 'P', 'V'], [False, True, True, False, False, False, False], 2)
    """
    _checks.positive_int("continual_embedded_reber", "strings", strings)
    draw = torch.Generator().manual_seed(seed)
    text, legal = "", []
    for _ in range(strings):
        one, allowed = _embedded(draw)
        text += one
        legal += allowed
    ids = torch.tensor([SYMBOLS.index(s) for s in text])
    allowed = torch.tensor([[s in options for s in SYMBOLS] for options in legal])
    # critical: after the inner E, where only the wrap remembered from the string's start is legal
    critical = torch.tensor([len(options) == 1 and options in "TP" for options in legal])
    y = torch.cat([ids[1:], torch.tensor([SYMBOLS.index("B")])])
    return ReberStream(text, torch.nn.functional.one_hot(ids, len(SYMBOLS)).float(), y, allowed, critical, strings)
