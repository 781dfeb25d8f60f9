"""The CPU/GPU timing experiment: sizes, scaling, and what it refuses."""

import pytest
import torch

from lstm_explained.experiments import timing
from lstm_explained.viz import tables


def test_sizes_follow_the_lecture_and_scale_only_the_length(monkeypatch):
    monkeypatch.delenv(timing.SCALE_ENV, raising=False)
    assert timing.sizes() == [(length, hidden, backward) for length, hidden, backward, *_ in timing.LECTURE]
    monkeypatch.setenv(timing.SCALE_ENV, "0.1")
    assert timing.sizes()[0] == (2000, 20, True) and timing.sizes()[4] == (200, 1000, True)


@pytest.mark.parametrize("value, message", [("fast", "is not a number"), ("0", r"must be in \(0, 1\]"), ("2", r"must be in \(0, 1\]")])
def test_bad_scale_is_rejected(monkeypatch, value, message):
    monkeypatch.setenv(timing.SCALE_ENV, value)
    with pytest.raises(ValueError, match=message):
        timing.sizes()


def test_measure_on_the_cpu_gives_a_positive_time_per_row(monkeypatch):
    monkeypatch.setenv(timing.SCALE_ENV, "0.001")
    rows = timing.measure(repeats=1, device_types=["cpu"])
    assert [(r.length, r.hidden, r.backward) for r in rows] == timing.sizes()
    assert all(r.seconds["cpu"] > 0 for r in rows)
    table = tables.timing(rows)
    assert "cpu/gpu ratio (here)" not in table.columns
    assert table.rows[0][-3:] == ["93.02", "3.26", "28.53"]


def test_asking_for_cuda_without_it_is_an_error(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(RuntimeError, match="CUDA was asked for"):
        timing.measure(repeats=1, device_types=["cpu", "cuda"])


@pytest.mark.parametrize("kwargs, error, message", [({"repeats": 0}, ValueError, "repeats must be a positive int"), ({"device_types": ["tpu"]}, ValueError, r"unknown device types \['tpu'\]")])
def test_measure_bad_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        timing.measure(**kwargs)

