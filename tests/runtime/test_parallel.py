"""The shared runner of settings: one cache entry per setting, only the misses computed, on any executor."""

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest
import torch

from lstm_explained.experiments import memory, variants
from lstm_explained.experiments.variants import ArenaSetting
from lstm_explained.runtime import cache, parallel
from parallel_cases import worker_facts

HERE = "lstm_explained.stats"  # any module of the package: its code is part of the keys


def recorder(fail_on=()):
    """A compute function that records what it computed, and fails on the settings ``fail_on``."""
    calls = []

    def compute(n):
        calls.append(n)
        if n in fail_on:
            raise RuntimeError(f"setting {n} failed")
        return {"n": n, "square": torch.tensor(n * n)}

    return compute, calls


def squares(compute, settings, **options):
    return parallel.map_cached(compute, settings, name="squares", key_of=lambda n: {"n": n}, module=HERE, **options)


def test_results_come_in_the_settings_order_and_a_second_call_computes_nothing():
    compute, calls = recorder()
    with ThreadPoolExecutor(2) as executor:
        first = squares(compute, [5, 3, 1, 4], executor=executor)
        assert [r["n"] for r in first] == [5, 3, 1, 4]
        assert [int(r["square"]) for r in first] == [25, 9, 1, 16]
        assert sorted(calls) == [1, 3, 4, 5]
        again = squares(compute, [4, 1, 3, 5], executor=executor)
    assert sorted(calls) == [1, 3, 4, 5]  # nothing computed the second time
    assert [r["n"] for r in again] == [4, 1, 3, 5]


def test_only_the_misses_are_computed_and_each_setting_is_its_own_entry():
    compute, calls = recorder()
    squares(compute, [1, 2], workers=1)
    with ThreadPoolExecutor(2) as executor:
        found = squares(compute, [0, 1, 2, 3], executor=executor)
    assert calls[:2] == [1, 2] and sorted(calls[2:]) == [0, 3]
    assert [int(r["square"]) for r in found] == [0, 1, 4, 9]


def test_a_setting_given_twice_is_computed_once():
    compute, calls = recorder()
    found = squares(compute, [2, 2, 3], workers=1)
    assert calls == [2, 3] and [r["n"] for r in found] == [2, 2, 3]


def test_the_costliest_misses_go_first():
    compute, calls = recorder()
    squares(compute, [1, 3, 2], workers=1, cost=lambda n: n)
    assert calls == [3, 2, 1]


def test_what_finished_before_a_failure_is_kept():
    compute, calls = recorder(fail_on={3})
    with pytest.raises(RuntimeError, match="setting 3 failed"):
        squares(compute, [1, 2, 3], workers=1)
    ok, later = recorder()
    squares(ok, [1, 2], workers=1)
    assert calls == [1, 2, 3] and later == []  # 1 and 2 were stored before 3 failed


def test_a_failure_on_an_executor_is_raised_here():
    compute, _ = recorder(fail_on={2})
    with ThreadPoolExecutor(1) as executor, pytest.raises(RuntimeError, match="setting 2 failed"):
        squares(compute, [1, 2, 3], executor=executor)


def test_an_unreadable_entry_is_computed_again_with_one_warning():
    compute, calls = recorder()
    squares(compute, [1, 2], workers=1)
    (path,) = [p for p in cache.folder().glob("squares-*.pt") if torch.load(p, weights_only=True)["value"]["n"] == 2]
    path.write_bytes(b"not a torch file")
    with pytest.warns(RuntimeWarning, match="cache: not loading") as caught:
        found = squares(compute, [1, 2], workers=1)
    assert calls == [1, 2, 2] and [r["n"] for r in found] == [1, 2] and len(caught) == 1
    assert torch.load(path, weights_only=True)["value"]["n"] == 2  # rewritten


def test_with_the_cache_off_everything_is_computed_every_time(monkeypatch):
    monkeypatch.setenv("LSTM_EXPLAINED_CACHE", "off")
    compute, calls = recorder()
    with ThreadPoolExecutor(2) as executor:
        assert [r["n"] for r in squares(compute, [1, 2], executor=executor)] == [1, 2]
        assert [r["n"] for r in squares(compute, [1, 2], executor=executor)] == [1, 2]
    assert sorted(calls) == [1, 1, 2, 2]


def test_in_process_settings_are_computed_here_one_after_another():
    here = threading.get_ident()
    seen = []

    def compute(n):  # defined here: a worker process could not import it, so this proves no pool ran
        seen.append(threading.get_ident())
        return n

    assert squares(compute, [1, 2, 3], in_process=True) == [1, 2, 3]
    assert squares(compute, [4], workers=2) == [4]  # a single miss needs no pool either
    assert seen == [here] * 4


@pytest.mark.parametrize("options, error, message", [
    (dict(workers=0), ValueError, "map_cached: workers must be a positive int or None, got 0"),
    (dict(workers=1.5), ValueError, "map_cached: workers must be a positive int or None, got 1.5"),
    (dict(executor="threads"), TypeError, "map_cached: executor must be a concurrent.futures.Executor or None, got str"),
    (dict(executor=ThreadPoolExecutor(1), workers=2), ValueError, "workers sizes the default pool"),
    (dict(cost=3), TypeError, "map_cached: cost must be a function, got int"),
])
def test_bad_input_is_named(options, error, message):
    compute, calls = recorder()
    with pytest.raises(error, match=message):
        squares(compute, [1, 2], **options)
    assert calls == []


def test_compute_must_be_a_function():
    with pytest.raises(TypeError, match="map_cached: compute must be a function, got int"):
        squares(3, [1])


def facts(settings, **options):
    return parallel.map_cached(worker_facts, settings, name="facts", key_of=lambda n: {"n": n}, module=HERE, **options)


def test_the_default_pool_runs_the_misses_in_other_processes_on_one_thread_each():
    found = facts([1, 2, 3], workers=2)
    assert [f["setting"] for f in found] == [1, 2, 3]
    assert all(f["pid"] != os.getpid() for f in found) and all(f["threads"] == 1 for f in found)
    assert facts([3, 2, 1]) == found[::-1]  # from the cache: no pool starts


def test_cores_and_pool():
    assert parallel.cores() >= 1
    with pytest.raises(ValueError, match="pool: workers must be a positive int or None, got 0"):
        parallel.pool(0)


def test_a_dask_cluster_runs_real_experiment_settings():
    pytest.importorskip("dask")
    distributed = pytest.importorskip("distributed")
    toy = [memory.Setting(k, "abaB", hidden=2, seeds=2, steps=20, every=10, device="cpu") for k in ("rnn", "lstm")]
    contest = [ArenaSetting("abcabC", contestant, seeds=2, steps=3) for contestant in ("lstm", "nig")]
    # worker threads of this process: worker processes would spend most of the test importing torch
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None)
    with cluster, distributed.Client(cluster) as client:
        runs = memory.run_all(toy, executor=client.get_executor())
        contested = variants.arena(contest, executor=client.get_executor())
        with pytest.raises(ValueError, match="workers sizes the default pool"):
            memory.run_all(toy, workers=2, executor=client.get_executor())
    assert [r.setting for r in runs] == toy and [replace(r.setting, lr=None) for r in contested] == contest
    for setting, result in zip(toy, runs):
        stored = memory.run(setting)  # the cache was filled here, from what the cluster sent back
        assert stored.seconds == result.seconds and torch.equal(stored.solved, result.solved)
        assert result.checkpoints == [10, 20] and result.hidden_states.shape == (2, 399, 2)
    # as in the arena's doctest
    assert [(r.parameters, r.history.shape) for r in contested] == [(180, (3, 2)), (140, (3, 2))]
    for result, again in zip(contested, variants.arena(contest, workers=1)):  # from the cache
        assert again.seconds == result.seconds and torch.equal(again.score, result.score)
