"""Shared test setup: doctests and tests alike start from the same seed and print options."""

import os

import pytest
import torch

# Modules that must not be imported by --doctest-modules: collecting them would run them.
collect_ignore = ["docs/conf.py", "docs/_ext", "gallery", "benchmarks", "noxfile.py"]


def pytest_configure(config):
    config.addinivalue_line("markers", "shared_cache: use the user's result cache (pages), not a fresh one")


@pytest.fixture(autouse=True)
def _seeded_and_printable():
    """Seed torch and fix print options so doctest output is stable run to run."""
    os.environ.pop("LSTM_EXPLAINED_DEVICE", None)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        torch.set_printoptions(precision=4, sci_mode=False)
        yield
    torch.set_printoptions(profile="default")


@pytest.fixture(autouse=True)
def _fresh_cache(request, tmp_path_factory, monkeypatch):
    """Unit tests and doctests cache into a fresh folder, never the user's; the pages' tests share
    the user's cache with the docs build, so that neither trains what the other already has."""
    if request.node.get_closest_marker("shared_cache") is None:
        monkeypatch.setenv("LSTM_EXPLAINED_CACHE", str(tmp_path_factory.mktemp("cache")))
    yield
