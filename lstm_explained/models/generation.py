"""Writing text with a trained :class:`~lstm_explained.models.toy.ToyModel`, one character at a time.

Each step the model scores the next character; the character written is the top score (greedy)
or a draw from the softmax (sampling), and what is fed back is that character's one-hot row. The
CS231n lecture was asked why not feed the softmax vector itself back: ``feed="soft"`` does that,
writing a drawn character but giving the model only the probabilities, so it can be measured.
"""

from __future__ import annotations

import torch

from .. import _checks
from ..tasks.vocab import Vocab
from .toy import ToyModel

__all__ = ["PICKS", "FEEDS", "generate"]

#: How the written character is chosen from the scores.
PICKS = ("greedy", "sample")
#: What the model reads back, the written character's one-hot row or the softmax it came from.
FEEDS = ("one-hot", "soft")


def generate(
    model: ToyModel, vocab: Vocab, prompt: str, length: int, *, pick: str = "sample", feed: str = "one-hot", seed: int = 0
) -> str:
    """Continue ``prompt`` by ``length`` characters.

    ``pick="greedy"`` writes :math:`\\arg\\max_k \\hat y_k`; ``pick="sample"`` draws
    :math:`k \\sim \\mathrm{softmax}(\\hat y)` with a generator seeded by ``seed``. ``feed`` is what
    the next step reads: the written character's one-hot row, or (``"soft"``) the softmax vector.

    >>> gen = torch.manual_seed(0)
    >>> model, vocab = ToyModel("rnn", 2, 3, 2), Vocab("ab")
    >>> generate(model, vocab, "a", 6, pick="greedy")
    'bbbbbb'
    >>> generate(model, vocab, "a", 6, seed=1), generate(model, vocab, "a", 6, seed=1, feed="soft")
    ('abbabb', 'abbabb')
    """
    where = "generate"
    if not isinstance(model, ToyModel):
        raise TypeError(f"{where}: model must be a ToyModel, got {type(model).__name__}")
    if model.rnn.input_size != len(vocab) or model.head.out_features != len(vocab):
        raise ValueError(
            f"{where}: the model reads {model.rnn.input_size} and scores {model.head.out_features} characters, "
            f"but the vocabulary {vocab.chars!r} has {len(vocab)}"
        )
    _checks.text(where, "prompt", prompt, 1)
    _checks.positive_int(where, "length", length)
    _checks.one_of(where, "pick", pick, PICKS)
    _checks.one_of(where, "feed", feed, FEEDS)
    draw = torch.Generator().manual_seed(seed)
    written = []
    with torch.no_grad():
        hidden, state = model.rnn(vocab.one_hot(prompt).to(model.head.weight))
        scores = model.head(hidden[-1])
        for _ in range(length):
            p = scores.softmax(-1)
            k = int(p.argmax()) if pick == "greedy" else int(torch.multinomial(p.cpu(), 1, generator=draw))
            written.append(vocab.chars[k])
            fed = p if feed == "soft" else vocab.one_hot(written[-1])[0].to(p)
            hidden, state = model.rnn(fed[None], state)
            scores = model.head(hidden[-1])
    return "".join(written)
