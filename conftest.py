"""Shared test setup: doctests and tests alike start from the same seed and print options."""

import os

import pytest
import torch

# Modules that must not be imported by --doctest-modules: collecting them would run them.
collect_ignore = ["docs/conf.py", "docs/_ext", "gallery", "benchmarks", "noxfile.py"]


@pytest.fixture(autouse=True)
def _seeded_and_printable():
    """Seed torch and fix print options so doctest output is stable run to run."""
    os.environ.pop("LSTM_EXPLAINED_DEVICE", None)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        torch.set_printoptions(precision=4, sci_mode=False)
        yield
    torch.set_printoptions(profile="default")
