"""A character-level LSTM language model: one ``torch.nn.LSTM`` layer and a linear head.

It reads one-hot characters and predicts the next one. :func:`char_bits` scores it, in bits per
character; :func:`dynamic_char_bits` scores it with dynamic evaluation (Krause et al. 2018): after
coding each segment of held-out text, the model takes one gradient step on it, so the next segment
is coded by a model that has read the previous ones. It is still an honest code: every character is
predicted before the model has seen it. :func:`sample` writes text, and :func:`cycle` finds where
written text falls into a loop. How it is trained is :mod:`lstm_explained.training.tbptt`; the
book's trained model is :func:`lstm_explained.experiments.language_model.pretrained`.
"""

from __future__ import annotations

import copy
import math

import torch
from torch import Tensor, nn
from torch.nn import functional as F

from .. import _checks
from ..tasks.vocab import Vocab

__all__ = ["CharLM", "bits_per_char", "char_bits", "cycle", "dynamic_char_bits", "sample"]


class CharLM(nn.Module):
    """One-hot characters ``(T, B, V)`` -> next-character logits ``(T, B, V)``, via one LSTM layer."""

    def __init__(self, alphabet: str, hidden_size: int):
        super().__init__()
        self.vocab = Vocab(alphabet)
        self.lstm = nn.LSTM(len(alphabet), hidden_size)
        self.head = nn.Linear(hidden_size, len(alphabet))

    def forward(self, x: Tensor, state=None) -> tuple[Tensor, tuple[Tensor, Tensor]]:
        h, state = self.lstm(x, state)
        return self.head(h), state

    def one_hot(self, text: str) -> Tensor:
        """``text`` as one-hot rows ``(T, V)`` on the model's device."""
        return self.vocab.one_hot(text).to(self.head.weight.device)


def char_bits(model: CharLM, text: str, chunk: int = 2000) -> Tensor:
    """Bits the model needs for each next character of ``text``, read as one stream: ``(len - 1,)``.

    Entry ``t`` is ``-log2 p(text[t + 1] | text[: t + 1])``.

    >>> from lstm_explained.experiments.language_model import pretrained
    >>> model, _ = pretrained("tiny")
    >>> bits = char_bits(model, "def f(x):\\n    return x\\n")
    >>> tuple(bits.shape), bool((bits > 0).all())
    ((22,), True)
    """
    _checks.text("char_bits", "text", text, 2)
    ids = model.vocab.encode(text).to(model.head.weight.device)
    eye = torch.eye(len(model.vocab), device=ids.device)
    out, state = [], None
    with torch.no_grad():
        for start in range(0, len(ids) - 1, chunk):
            piece = ids[start : start + chunk + 1]
            logits, state = model(eye[piece[:-1]].unsqueeze(1), state)
            out.append(F.cross_entropy(logits[:, 0], piece[1:], reduction="none"))
    return torch.cat(out).cpu() / math.log(2)


def bits_per_char(model: CharLM, text: str) -> float:
    """Average bits per next character of ``text`` (the mean of :func:`char_bits`)."""
    return char_bits(model, text).mean().item()


def dynamic_char_bits(model: CharLM, text: str, lr: float, segment: int) -> Tensor:
    """:func:`char_bits` with dynamic evaluation: code ``segment`` characters, then take one SGD
    step of size ``lr`` on their loss, carrying both the weights and the state forward.

    ``model`` itself is left unchanged (a copy adapts). With ``lr=0`` this equals :func:`char_bits`.

    >>> from lstm_explained.experiments.language_model import pretrained
    >>> model, _ = pretrained("tiny")
    >>> text = "def f(x):\\n    return x\\n" * 4
    >>> still = dynamic_char_bits(model, text, lr=0.0, segment=10)
    >>> torch.allclose(still, char_bits(model, text), atol=1e-5)
    True
    >>> bool(dynamic_char_bits(model, text, lr=0.5, segment=10).mean() < still.mean())
    True
    """
    _checks.text("dynamic_char_bits", "text", text, 2)
    _checks.positive_int("dynamic_char_bits", "segment", segment)
    if not lr >= 0:
        raise ValueError(f"dynamic_char_bits: lr must be >= 0, got {lr!r}")
    adapted = copy.deepcopy(model)
    adapted.train()  # only matters for layers with training behaviour; this model has none
    ids = adapted.vocab.encode(text).to(adapted.head.weight.device)
    eye = torch.eye(len(adapted.vocab), device=ids.device)
    params = list(adapted.parameters())
    out, state = [], None
    for start in range(0, len(ids) - 1, segment):
        piece = ids[start : start + segment + 1]
        logits, state = adapted(eye[piece[:-1]].unsqueeze(1), state)
        state = tuple(s.detach() for s in state)
        loss = F.cross_entropy(logits[:, 0], piece[1:], reduction="none")
        out.append(loss.detach())
        if lr:
            grads = torch.autograd.grad(loss.mean(), params)
            with torch.no_grad():
                for p, g in zip(params, grads):
                    p.sub_(lr * g)
    return torch.cat(out).cpu() / math.log(2)


def sample(model: CharLM, prompt: str, length: int, temperature: float | None = None, seed: int = 0) -> str:
    """Continue ``prompt`` by ``length`` characters: the most likely one each step when
    ``temperature`` is ``None``, else drawn from ``softmax(logits / temperature)`` (seeded)."""
    if not prompt:
        raise ValueError("sample: prompt must not be empty")
    if temperature is not None and temperature <= 0:
        raise ValueError(f"sample: temperature must be positive or None (argmax), got {temperature!r}")
    generator = torch.Generator().manual_seed(seed)
    out = []
    with torch.no_grad():
        logits, state = model(model.one_hot(prompt).unsqueeze(1))
        last = logits[-1, 0]
        for _ in range(length):
            if temperature is None:
                k = int(last.argmax())
            else:
                k = int(torch.multinomial((last / temperature).softmax(-1).cpu(), 1, generator=generator))
            out.append(model.vocab.chars[k])
            logits, state = model(model.one_hot(out[-1]).unsqueeze(1), state)
            last = logits[-1, 0]
    return "".join(out)


def cycle(text: str, min_repeats: int = 3) -> tuple[int, int] | None:
    """``(start, period)`` if ``text`` ends in a loop: from ``start`` on, every character equals the
    one ``period`` before it, for at least ``min_repeats`` periods (the earliest start, then the
    shortest period); ``None`` if it does not.

    >>> cycle("def f(x): ab ab ab ab"), cycle("def f(x): return x + 1")
    ((9, 3), None)
    """
    _checks.int_in("cycle", "min_repeats", min_repeats, 2)
    best = None
    for period in range(1, len(text) // min_repeats + 1):
        start = len(text) - period
        while start > 0 and text[start - 1] == text[start - 1 + period]:
            start -= 1
        if len(text) - start >= min_repeats * period and (best is None or start < best[0]):
            best = (start, period)
    return best
