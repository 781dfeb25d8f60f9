"""How the character language model is trained: truncated backpropagation through time.

The training text is cut into ``batch_size`` parallel streams, read ``seq_len`` characters at a
time, with the state carried from one chunk to the next but the gradient stopped there. The
learning rate warms up, then follows a cosine to zero. :class:`Config` holds every setting that
decides the trained model and how it is scored; :class:`Record` what training measured.
"""

from __future__ import annotations

import math
import sys
import time
from dataclasses import dataclass

import torch
from torch import Tensor, nn
from torch.nn import functional as F

from ..models.charlm import CharLM
from ..tasks import corpus

__all__ = ["CONFIGS", "Config", "Record", "config_named", "train"]


@dataclass(frozen=True)
class Config:
    """Everything that decides the trained model and how it is scored."""

    valid_chars: int = 250_000  # held-out whole modules, about this many characters
    max_train_chars: int | None = None  # None: every other module of the standard library
    hidden: int = 256  # LSTM cells
    seq_len: int = 50  # characters per chunk of truncated BPTT
    batch_size: int = 32  # parallel streams of training text
    steps: int = 5600  # optimizer steps (steps * seq_len * batch_size characters read)
    lr: float = 6e-3  # Adam's peak learning rate
    warmup: int = 100  # steps of linear warm-up before the cosine decay
    clip: float = 1.0  # gradient norm clipping over all parameters
    seed: int = 0  # weights and stream order
    dynamic_lr: float = 0.4  # SGD step of dynamic evaluation, per segment
    dynamic_segment: int = 25  # characters coded between two dynamic-evaluation steps


#: Named configurations. ``default`` is the book's; ``tiny`` trains in seconds, for tests.
#: The default was chosen by measurement on a 2-core CPU, each run about 160-180 s of training,
#: scored on held-out modules: 64 streams of 100 characters for 1400 steps at lr 3e-3 gave 2.52
#: bits/char and 32 x 100 for 2800 steps at 3e-3 2.26 (both on an earlier held-out set, which
#: ipaddress.py dominated); on this one, 32 x 100 for 2800 steps gave 1.96 at lr 6e-3 and 1.86 at
#: 1e-2, 16 x 100 for 4800 steps at 3e-3 2.00, and 32 x 50 for 5600 steps at 6e-3 1.86, as good as
#: lr 1e-2 at a gentler rate. Dynamic evaluation's step was chosen on the first half of the held-out modules only:
#: 0.1, 0.2, 0.4, 0.8, 1.6 (segments of 50) gave 1.72, 1.65, 1.59, 1.57, 1.61; 0.4 with
#: segments of 25 gave 1.56.
CONFIGS = {
    "default": Config(),
    "tiny": Config(valid_chars=20_000, max_train_chars=60_000, hidden=16, seq_len=50, batch_size=8, steps=20, warmup=5),
}


@dataclass
class Record:
    """What training measured, and the model's validation scores."""

    train_loss: Tensor  # nats per character at each step
    seconds: float  # wall-clock training time
    chars_seen: int  # characters read in training (with repeats)
    train_chars: int  # size of the training text
    valid_chars: int  # size of the held-out text
    valid_files: int  # how many whole modules it is made of
    valid_bpc: float  # bits per held-out character, weights fixed
    dynamic_bpc: float  # the same with dynamic evaluation
    threads: int  # torch's intra-op threads during training


def config_named(config: str | Config, where: str) -> Config:
    """``config`` itself, or the entry of :data:`CONFIGS` it names."""
    if isinstance(config, Config):
        return config
    if config not in CONFIGS:
        raise ValueError(f"{where}: unknown config {config!r}; expected one of {sorted(CONFIGS)} or a Config")
    return CONFIGS[config]


def _streams(ids: Tensor, batch_size: int) -> Tensor:
    """``ids`` cut into ``batch_size`` equal streams, time-major ``(N // batch_size, batch_size)``."""
    length = len(ids) // batch_size
    return ids[: length * batch_size].view(batch_size, length).t()


def _schedule(step: int, config: Config) -> float:
    """Learning-rate factor: linear warm-up, then a cosine from 1 to 0."""
    if step < config.warmup:
        return (step + 1) / config.warmup
    progress = (step - config.warmup) / max(1, config.steps - config.warmup)
    return 0.5 * (1 + math.cos(math.pi * progress))


def train(config: Config, split: corpus.Split, progress: bool | None = None) -> tuple[CharLM, Record]:
    """Train a :class:`~lstm_explained.models.charlm.CharLM` on ``split.train`` as ``config`` says; return it and its record.

    The record's validation scores are filled in by
    :func:`~lstm_explained.experiments.language_model.pretrained`; here they are ``nan``.
    ``progress`` prints a progress line to stderr; by default only when stderr is a terminal.
    """
    if progress is None:
        progress = sys.stderr.isatty()
    torch.manual_seed(config.seed)
    model = CharLM(corpus.ALPHABET, config.hidden)
    streams = _streams(model.vocab.encode(split.train), config.batch_size)
    if len(streams) < config.seq_len + 1:
        raise ValueError(f"train: {len(split.train)} training characters are too few for {config.batch_size} streams of {config.seq_len + 1}")
    optimizer = torch.optim.Adam(model.parameters(), lr=config.lr)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: _schedule(step, config))
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
    record = Record(
        train_loss=torch.tensor(losses),
        seconds=time.perf_counter() - start,
        chars_seen=config.steps * config.seq_len * config.batch_size,
        train_chars=len(split.train),
        valid_chars=len(split.valid),
        valid_files=len(split.valid_files),
        valid_bpc=float("nan"),
        dynamic_bpc=float("nan"),
        threads=torch.get_num_threads(),
    )
    return model, record
