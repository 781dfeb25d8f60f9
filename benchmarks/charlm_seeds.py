"""How much the book's character LSTM depends on its training seed.

Trains the ``default`` configuration of :mod:`lstm_explained.training.tbptt` with several seeds, one after
another (each through ``language_model.pretrained``, so seed 0's result is the one the book's build caches),
and records for each seed the validation bits per character with fixed weights and with dynamic
evaluation, and the training time. The record is written to ``docs/data/charlm_seeds.json``, which
the interpretable-cell chapter quotes, naming this script, the date and the machine; a test fails
when the record no longer matches the configuration the chapter trains.

    python benchmarks/charlm_seeds.py [--seeds 0 1 2]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import os
import platform
import statistics
from pathlib import Path

import torch

from lstm_explained.experiments.language_model import SeedRecord, SeedRun, pretrained
from lstm_explained.tasks import corpus
from lstm_explained.training.tbptt import CONFIGS

RECORD = Path(__file__).resolve().parents[1] / "docs" / "data" / "charlm_seeds.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    args = parser.parse_args()
    config = CONFIGS["default"]
    runs = []
    for seed in args.seeds:
        _, record = pretrained(dataclasses.replace(config, seed=seed), progress=True)
        runs.append(SeedRun(seed, record.valid_bpc, record.dynamic_bpc, record.seconds))
        print(f"seed {seed}: {record.valid_bpc:.3f} bits/char, {record.dynamic_bpc:.3f} with dynamic evaluation, trained in {record.seconds:.0f} s", flush=True)
    valid = [r.valid_bpc for r in runs]
    dynamic = [r.dynamic_bpc for r in runs]
    print(f"\n{'':24s}{'mean':>8s}{'min':>8s}{'max':>8s}")
    for name, values in (("fixed weights", valid), ("dynamic evaluation", dynamic)):
        print(f"{name:24s}{statistics.mean(values):8.3f}{min(values):8.3f}{max(values):8.3f}")
    RECORD.parent.mkdir(parents=True, exist_ok=True)
    SeedRecord(
        config=config,
        python=corpus.python_version(),
        torch=torch.__version__,
        date=datetime.date.today().isoformat(),
        machine=f"{platform.machine()}, {os.cpu_count()} CPU cores, {torch.get_num_threads()} torch threads",
        runs=runs,
    ).save(RECORD)
    print(f"written to {RECORD.relative_to(Path.cwd()) if RECORD.is_relative_to(Path.cwd()) else RECORD}")


if __name__ == "__main__":
    main()
