"""A character-level LSTM language model, trained at build time on Python's standard library.

One ``torch.nn.LSTM`` layer reads one-hot characters and a linear head predicts the next one.
Training uses truncated backpropagation through time: the training text is cut into ``batch_size``
parallel streams, read ``seq_len`` characters at a time, with the state carried from one chunk to
the next but the gradient stopped there. :func:`pretrained` trains once and caches the weights,
keyed by the configuration, the corpus, the code and the torch version.
"""

from __future__ import annotations

import hashlib
import math
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass

import torch
from torch import Tensor, nn
from torch.nn import functional as F

from . import cache, corpus
from .data import Vocab

__all__ = ["CONFIGS", "CharLM", "Config", "bits_per_char", "ngram_bits_per_char", "pretrained", "sample", "train"]


@dataclass(frozen=True)
class Config:
    """Everything that decides the trained model."""

    corpus_chars: int = 1_200_000
    valid_fraction: float = 0.1
    hidden_size: int = 128
    seq_len: int = 100
    batch_size: int = 64
    steps: int = 2400
    lr: float = 1e-2
    clip: float = 1.0
    seed: int = 0


#: Named configurations: ``default`` is the book's; ``tiny`` trains in seconds, for tests.
#: The default was chosen by measurement on a 2-core CPU (about 2.5 minutes of training): 256
#: cells for 900 steps reached 2.70 bits/char, 128 cells for 2400 steps 2.57 at lr 3e-3 and 2.34
#: at lr 1e-2, with the best in-string cell at |r| 0.58, 0.56 and 0.65 respectively.
CONFIGS = {
    "default": Config(),
    "tiny": Config(corpus_chars=60_000, hidden_size=16, seq_len=50, batch_size=8, steps=20),
}


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


def _streams(ids: Tensor, batch_size: int) -> Tensor:
    """``ids`` cut into ``batch_size`` equal streams, time-major ``(N // batch_size, batch_size)``."""
    length = len(ids) // batch_size
    return ids[: length * batch_size].view(batch_size, length).t()


def train(config: Config, progress: bool | None = None) -> tuple[CharLM, dict]:
    """Train a :class:`CharLM` as ``config`` says; return it and its record (losses, timing).

    ``progress`` prints a progress line to stderr; by default only when stderr is a terminal.
    """
    if progress is None:
        progress = sys.stderr.isatty()
    train_text, _ = corpus.split(config.corpus_chars, valid_fraction=config.valid_fraction)
    torch.manual_seed(config.seed)
    model = CharLM(corpus.ALPHABET, config.hidden_size)
    ids = model.vocab.encode(train_text)
    streams = _streams(ids, config.batch_size)
    optimizer = torch.optim.Adam(model.parameters(), lr=config.lr)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=config.steps)
    eye = torch.eye(len(model.vocab))
    state, position, losses = None, 0, []
    start = time.perf_counter()
    for step in range(config.steps):
        if position + config.seq_len + 1 > len(streams):
            state, position = None, 0  # one pass over the text done: start again from a zero state
        chunk = streams[position : position + config.seq_len + 1]
        position += config.seq_len
        logits, state = model(eye[chunk[:-1]], state)
        state = tuple(s.detach() for s in state)  # truncate backpropagation here
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), chunk[1:].reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), config.clip)
        optimizer.step()
        schedule.step()
        losses.append(loss.item())
        if progress and (step % 10 == 0 or step == config.steps - 1):
            print(f"\rtraining charlm: step {step + 1}/{config.steps}, loss {loss.item():.3f} nats/char", end="", file=sys.stderr)
    if progress:
        print(file=sys.stderr)
    seconds = time.perf_counter() - start
    chars_seen = config.steps * config.seq_len * config.batch_size
    return model, {"train_loss": torch.tensor(losses), "seconds": seconds, "chars_seen": chars_seen, "train_chars": len(train_text)}


def bits_per_char(model: CharLM, text: str, chunk: int = 2000) -> float:
    """Average bits the model needs for each next character of ``text``, read as one stream."""
    if len(text) < 2:
        raise ValueError("bits_per_char: text must have at least 2 characters")
    ids = model.vocab.encode(text).to(model.head.weight.device)
    eye = torch.eye(len(model.vocab), device=ids.device)
    total, state = 0.0, None
    with torch.no_grad():
        for start in range(0, len(ids) - 1, chunk):
            piece = ids[start : start + chunk + 1]
            logits, state = model(eye[piece[:-1]].unsqueeze(1), state)
            total += F.cross_entropy(logits[:, 0], piece[1:], reduction="sum").item()
    return total / (len(ids) - 1) / math.log(2)


def ngram_bits_per_char(train_text: str, valid_text: str, order: int, discount: float = 0.75) -> float:
    """Bits per character of an interpolated absolute-discounting character ``order``-gram model.

    ``order=1`` is the unigram model (add-one smoothed over the alphabet); higher orders
    interpolate each context's discounted counts with the next lower order, as in Kneser-Ney's
    simpler cousin. Trained on ``train_text``, scored on ``valid_text``.

    >>> round(ngram_bits_per_char("abababab", "abab", order=1), 3)  # add-one over 97 characters
    4.392
    >>> ngram_bits_per_char("abababab", "abab", order=2) < 0.5
    True
    """
    if not isinstance(order, int) or order < 1:
        raise ValueError(f"ngram_bits_per_char: order must be a positive int, got {order!r}")
    alphabet = sorted(set(corpus.ALPHABET) | set(train_text) | set(valid_text))
    unigram = Counter(train_text)
    total = sum(unigram.values())
    counts = [defaultdict(Counter) for _ in range(order)]  # counts[k][context of length k][char]
    for k in range(1, order):
        for i in range(k, len(train_text)):
            counts[k][train_text[i - k : i]][train_text[i]] += 1

    def prob(context: str, ch: str) -> float:
        p = (unigram[ch] + 1) / (total + len(alphabet))
        for k in range(1, len(context) + 1):
            seen = counts[k].get(context[-k:])
            if not seen:
                break
            n = sum(seen.values())
            p = (max(seen[ch] - discount, 0) + discount * len(seen) * p) / n
        return p

    bits = 0.0
    for i in range(1, len(valid_text)):
        bits -= math.log2(prob(valid_text[max(0, i - order + 1) : i], valid_text[i]))
    return bits / (len(valid_text) - 1)


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


def pretrained(config: str | Config = "default", progress: bool | None = None) -> tuple[CharLM, dict]:
    """The trained model for ``config`` and its record, trained on first use and then cached.

    The record holds the training losses and time, and validation bits per character for the
    model and for unigram and n-gram baselines. The cache key covers the configuration, the
    corpus (its Python version and a hash of its text), this module's code and torch's version.
    """
    if isinstance(config, str):
        if config not in CONFIGS:
            raise ValueError(f"pretrained: unknown config {config!r}; expected one of {sorted(CONFIGS)} or a Config")
        config = CONFIGS[config]
    train_text, valid_text = corpus.split(config.corpus_chars, valid_fraction=config.valid_fraction)
    digest = hashlib.sha256((train_text + "\0" + valid_text).encode()).hexdigest()

    def fit() -> dict:
        model, record = train(config, progress)
        model.eval()
        record["valid_bpc"] = bits_per_char(model, valid_text)
        record["baselines"] = {f"{n}-gram": ngram_bits_per_char(train_text, valid_text, n) for n in (1, 3, 5)}
        return {"state": model.state_dict(), "record": record}

    key = {"config": asdict(config), "python": corpus.python_version(), "corpus_sha256": digest}
    stored = cache.cached("charlm", key, fit, module=__name__)
    model = CharLM(corpus.ALPHABET, config.hidden_size)
    model.load_state_dict(stored["state"])
    model.eval()
    return model, stored["record"]
