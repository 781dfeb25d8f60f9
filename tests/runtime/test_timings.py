"""The colophon's timings: each page's record replaces its last one, and nothing is kept with caching off."""

import json

import pytest

from lstm_explained.runtime import timings


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("LSTM_EXPLAINED_CACHE", str(tmp_path))
    return tmp_path


def test_a_page_replaces_its_own_timings_and_keeps_the_others(cache_dir):
    timings.record("variants", [("the arena", 300.0, "CPU")])
    timings.record("memory", [("RNNs", 10.0, "CPU"), ("LSTMs", 20.0, "CPU")])
    timings.record("memory", [("LSTMs", 21.0, "CUDA")])
    kept = timings.recorded()
    assert [(t.page, t.what, t.seconds, t.device) for t in kept] == [("memory", "LSTMs", 21.0, "CUDA"), ("variants", "the arena", 300.0, "CPU")]
    assert json.loads((cache_dir / timings.FILE_NAME).read_text())[0]["page"] == "memory"


def test_with_caching_off_nothing_is_kept(monkeypatch):
    monkeypatch.setenv("LSTM_EXPLAINED_CACHE", "off")
    assert timings.record("memory", [("RNNs", 1.0, "CPU")]) is None
    assert timings.recorded() == []


@pytest.mark.parametrize("seconds", [-1.0, float("nan"), float("inf"), "3"])
def test_a_time_that_is_no_duration_is_refused(cache_dir, seconds):
    with pytest.raises(ValueError, match="seconds of 'RNNs'"):
        timings.record("memory", [("RNNs", seconds, "CPU")])
    assert timings.recorded() == []


def test_a_broken_file_is_named_not_ignored(cache_dir):
    (cache_dir / timings.FILE_NAME).write_text("{not json")
    with pytest.raises(ValueError, match="is not a timings file"):
        timings.recorded()
