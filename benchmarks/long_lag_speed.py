"""How much sooner training.long_lag.train trains the gradient chapter's 64 adding-problem models
than the plain loop (training.long_lag.train_alone) run once per model.

Both are measured in one run, warmed up, in interleaved rounds so that a noisy neighbour slows
both alike; the table reports medians over the rounds, per batch of 32 sequences of length 50,
one thread (as the chapter trains). No target: the number says what the chapter's budget buys.

    python benchmarks/long_lag_speed.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import torch

from lstm_explained.models.toy import make_models
from lstm_explained.tasks.long_lag import adding
from lstm_explained.training import long_lag

N_MODELS = 64
SIZES = {"rnn": 17, "lstm": 8, "gru": 9}


def per_batch(fn, models, x, y, steps: int) -> float:
    start = time.perf_counter()
    fn(models, x, y, long_lag.Schedule(steps=steps, batch=32))
    return (time.perf_counter() - start) / steps


def measure(kind: str, rounds: int) -> dict[str, float]:
    x, y = adding(1024, 50)
    one = make_models(kind, 2, SIZES[kind], 1, n=1, seed=0)
    many = make_models(kind, 2, SIZES[kind], 1, n=N_MODELS, seed=0)
    alone_steps, packed_steps = 40, 20
    per_batch(long_lag.train_alone, one, x, y, alone_steps)  # warm-up
    per_batch(long_lag.train, many, x, y, packed_steps)
    alone, packed = [], []
    for _ in range(rounds):
        alone.append(per_batch(long_lag.train_alone, one, x, y, alone_steps))
        packed.append(per_batch(long_lag.train, many, x, y, packed_steps))
    one_by_one, together = N_MODELS * statistics.median(alone), statistics.median(packed)
    return {"one_by_one": one_by_one, "together": together, "ratio": one_by_one / together}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    print(f"torch {torch.__version__}, {N_MODELS} models, adding problem of length 50, batches of 32, 1 thread")
    print(f"{'kind':>5} {'hidden':>6} {'one by one (ms/batch)':>22} {'together (ms/batch)':>20} {'ratio':>7}")
    for kind, hidden in SIZES.items():
        r = measure(kind, args.rounds)
        print(f"{kind:>5} {hidden:>6} {r['one_by_one'] * 1e3:>22.1f} {r['together'] * 1e3:>20.1f} {r['ratio']:>6.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
