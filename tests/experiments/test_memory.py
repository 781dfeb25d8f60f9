"""The memory experiment: settings, checkpoints, worker processes, and the comparison of two kinds."""

import pytest
import torch

from lstm_explained.experiments import memory
from memory_cases import COMPARISONS


def test_a_small_run_records_solved_models_at_each_checkpoint():
    setting = memory.Setting("lstm", "abaB", hidden=2, seeds=3, steps=40, every=20, device="cpu")
    run = memory.run(setting)
    assert run.setting == setting and run.checkpoints == [20, 40]
    assert run.solved.shape == (2, 3) and run.solved.dtype == torch.bool
    assert run.hidden_states.shape == (3, 399, 2) and run.probs.shape == (3, 399, 3) and run.loss.shape == (40, 3)
    torch.testing.assert_close(run.probs.sum(-1), torch.ones(3, 399))
    again = memory.run(setting)
    assert again.seconds == run.seconds  # loaded from the cache, not retrained
    assert run.hidden_share(0.0) == 1.0
    assert run.hidden_share(0.5) + run.hidden_share(0.0, 0.5) == pytest.approx(1.0)


@pytest.mark.parametrize("kwargs, message", [
    (dict(steps=100, every=30), r"Setting: every must divide steps \(100\), got 30"),
    (dict(kind="cnn"), "Setting: kind must be one of 'rnn', 'lstm', 'gru', .*, got 'cnn'"),
    (dict(pattern="abc"), "Setting: pattern must be one of"),
    (dict(seeds=0), "Setting: seeds must be a positive int, got 0"),
    (dict(hidden=0), "Setting: hidden must be a positive int, got 0"),
])
def test_a_setting_checks_itself(kwargs, message):
    with pytest.raises(ValueError, match=message):
        memory.Setting(**{"kind": "rnn", "pattern": "abaB", "hidden": 2, **kwargs})


def test_run_takes_a_setting():
    with pytest.raises(TypeError, match="setting must be a memory.Setting, got dict"):
        memory.run({"kind": "rnn"})


def test_run_all_in_worker_processes_equals_run_in_this_one():
    settings = [memory.Setting(k, "abaB", hidden=2, seeds=2, steps=20, every=10, device="cpu") for k in ("rnn", "lstm")]
    together = memory.run_all(settings, workers=2)
    for setting, result in zip(settings, together):
        alone = memory.run(setting)  # the cache of this test's folder, filled by the workers
        assert result.setting == setting and torch.equal(result.solved, alone.solved)
        torch.testing.assert_close(result.hidden_states, alone.hidden_states)


def test_a_run_carries_the_setting_it_was_asked_for(monkeypatch, tmp_path):
    monkeypatch.setenv("LSTM_EXPLAINED_CACHE", str(tmp_path))
    default = memory.Setting("rnn", "abaB", hidden=2, seeds=2, steps=10, every=10)
    (first,) = memory.run_all([default], workers=1)  # trained with the device filled in
    on_cpu = memory.Setting("rnn", "abaB", hidden=2, seeds=2, steps=10, every=10, device="cpu")
    assert first.setting == default and memory.run(default).setting == default
    if first.device == "cpu":  # the same cache entry, asked for by name
        again = memory.run(on_cpu)
        assert again.setting == on_cpu and again.seconds == first.seconds
    with pytest.raises(AttributeError):
        first.seconds = 0.0  # records are frozen


def test_run_all_rejects_a_bad_worker_count():
    with pytest.raises(ValueError, match="workers must be a positive int"):
        memory.run_all([], workers=0)


@pytest.mark.parametrize("a, b, verdict, words", COMPARISONS)
def test_the_comparison_is_an_interval_for_the_difference(a, b, verdict, words):
    found = memory.compare(memory.MemoryRun.made_up(a), memory.MemoryRun.made_up(b))
    assert found.verdict == verdict and found.difference == pytest.approx((a - b) / 100)
    assert (found.successes_a, found.trials_a, found.successes_b, found.trials_b, found.confidence) == (a, 100, b, 100, 0.95)
    assert found.low < found.difference < found.high
    assert (found.low > 0 or found.high < 0) == (verdict != "indistinguishable")
