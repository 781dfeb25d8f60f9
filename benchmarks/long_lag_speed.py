"""How much sooner training.long_lag.train trains 64 adding-problem models than the plain loop
(training.long_lag.train_alone) run once per model.

Two settings: the gradient chapter's (length 50, the RNN, LSTM and GRU at about 380 parameters)
and the variants chapter's arena (length 25, every kind at 4 hidden units, the LSTM family on the
hand-written GatedRecurrence kernel, the clockwork RNN on its cell function stepped in Python).
Both sides are measured in one run, warmed up, in interleaved rounds so that a noisy neighbour
slows both alike; the table reports medians over the rounds, per batch of 32 sequences, one thread
(as the chapters train). No target: the number says what each chapter's budget buys.

    python benchmarks/long_lag_speed.py [--rounds 5] [--setting gradients variants]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import torch

from lstm_explained.models.toy import KINDS, make_models
from lstm_explained.tasks.long_lag import adding
from lstm_explained.tasks.problems import Adding
from lstm_explained.training import long_lag

N_MODELS = 64
#: Per setting: the adding problem's length and each kind's hidden size.
SETTINGS = {
    "gradients": (50, {"rnn": 17, "lstm": 8, "gru": 9}),
    "variants": (25, {kind: 4 for kind in KINDS}),
}


def per_batch(fn, models, x, y, steps: int) -> float:
    start = time.perf_counter()
    fn(models, x, y, long_lag.Schedule(steps=steps, batch=32), loss=Adding.loss)
    return (time.perf_counter() - start) / steps


def measure(kind: str, hidden: int, length: int, rounds: int) -> dict[str, float]:
    x, y = adding(1024, length)
    one = make_models(kind, 2, hidden, 1, n=1, seed=0)
    many = make_models(kind, 2, hidden, 1, n=N_MODELS, seed=0)
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
    parser.add_argument("--setting", nargs="+", choices=list(SETTINGS), default=list(SETTINGS))
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    for name in args.setting:
        length, sizes = SETTINGS[name]
        print(f"\n{name}: torch {torch.__version__}, {N_MODELS} models, adding problem of length {length}, batches of 32, 1 thread")
        print(f"{'kind':>9} {'hidden':>6} {'one by one (ms/batch)':>22} {'together (ms/batch)':>20} {'ratio':>7}")
        for kind, hidden in sizes.items():
            r = measure(kind, hidden, length, args.rounds)
            print(f"{kind:>9} {hidden:>6} {r['one_by_one'] * 1e3:>22.1f} {r['together'] * 1e3:>20.1f} {r['ratio']:>6.1f}x", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
