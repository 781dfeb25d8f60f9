"""How much sooner training.packed.train trains 25 toy models than the lecture's loop, one after another.

Both are measured in one run, at steady state (warmed up: the lecture's loop runs thousands of
epochs, and the first few are several times slower), in interleaved rounds so that a noisy
neighbour slows both alike; the table reports medians over the rounds. Each comparison is made
with the same number of threads on both sides: PyTorch's default here, and one thread.

Targets (issue 4): at least 25x for the RNN, at least 8x for the LSTM. Exits non-zero if missed.
Every other kind is measured and reported without a target: the GRU (torch.nn's fused layer),
the LSTM family torch.nn does not have (peephole, CIFG and Greff et al.'s ablations, on the
hand-written GatedRecurrence kernel) and the clockwork RNN (its cell function stepped in a
Python loop, the slowest).

    python benchmarks/packed_speed.py [--rounds 7] [--threads 1 2] [--kinds rnn lstm ...]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import torch

from lstm_explained.models.toy import KINDS, make_models
from lstm_explained.tasks import toy
from lstm_explained.training.one_by_one import train_one_by_one
from lstm_explained.training.packed import train

TARGETS = {"rnn": 25.0, "lstm": 8.0}
N_MODELS = 25


def per_epoch(fn, models, x, y, epochs: int) -> float:
    start = time.perf_counter()
    fn(models, x, y, epochs=epochs)
    return (time.perf_counter() - start) / epochs


def measure(kind: str, rounds: int) -> dict[str, float]:
    x, y, vocab = toy.next_char_task(toy.sequence("abcabC"))
    # hidden 3 as in the lecture; the clockwork RNN needs a multiple of its 4 periods
    size = dict(input_size=len(vocab), hidden_size=4 if kind == "clockwork" else 3, output_size=len(vocab))
    one = make_models(kind, **size, n=1, seed=0)
    many = make_models(kind, **size, n=N_MODELS, seed=0)
    # enough epochs per block that each block takes roughly 0.1-0.3 s on a laptop CPU
    alone_epochs, packed_epochs = {"rnn": (8, 20), "lstm": (100, 40), "gru": (100, 40)}.get(kind, (1, 1))
    per_epoch(train_one_by_one, one, x, y, alone_epochs)  # warm-up
    per_epoch(train, many, x, y, packed_epochs)
    alone, packed = [], []
    for _ in range(rounds):
        alone.append(per_epoch(train_one_by_one, one, x, y, alone_epochs))
        packed.append(per_epoch(train, many, x, y, packed_epochs))
    one_by_one = N_MODELS * statistics.median(alone)
    together = statistics.median(packed)
    return {"steps": x.shape[0], "one_by_one": one_by_one, "together": together, "ratio": one_by_one / together}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--threads", type=int, nargs="+", default=[torch.get_num_threads(), 1])
    parser.add_argument("--kinds", nargs="+", default=list(KINDS), choices=KINDS)
    args = parser.parse_args(argv)

    print(f"torch {torch.__version__}, {N_MODELS} models, abcabC, hidden 3, one epoch = the whole sequence")
    print(f"{'threads':>7} {'kind':>9} {'steps':>5} {'one by one (ms/epoch)':>22} {'together (ms/epoch)':>20} {'ratio':>7} {'target':>7}")
    missed = []
    for threads in dict.fromkeys(args.threads):
        torch.set_num_threads(threads)
        for kind in args.kinds:
            r = measure(kind, args.rounds)
            target = TARGETS.get(kind)
            ok = target is None or r["ratio"] >= target
            missed += [] if ok else [f"{kind} at {threads} thread(s)"]
            wanted = "-" if target is None else f"{target:.0f}x"
            print(
                f"{threads:>7} {kind:>9} {r['steps']:>5} {r['one_by_one'] * 1e3:>22.1f} {r['together'] * 1e3:>20.2f}"
                f" {r['ratio']:>6.1f}x {wanted:>7}{'' if ok else '  MISSED'}"
            )
    if missed:
        print("targets missed: " + ", ".join(missed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
