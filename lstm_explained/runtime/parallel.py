"""Many settings of one experiment: each cached on its own, only the missing ones computed, side by side.

:func:`map_cached` is how the book's experiments run a list of settings. It looks each
setting up in the cache (:func:`lstm_explained.runtime.cache.cached`, under its own key), sends only
the misses to an executor, stores every result as it arrives, and returns the results in the
settings' order. Adding one setting to a grid therefore computes that one alone, and a run stopped
halfway keeps what it finished.

The executor is any ``concurrent.futures.Executor``. By default it is a pool of processes
(:func:`pool`), one per core, each on one torch thread: the book's models are tiny, so separate
settings side by side use the cores far better than one setting split over threads. A
``dask.distributed`` client's executor (``client.get_executor()``) runs the same settings on a
cluster. Results come back from the workers as :func:`torch.save` bytes, one blob per setting:
torch hands each tensor between processes as an open file descriptor, and thousands of small ones
exhaust them ("received 0 items of ancdata").
"""

from __future__ import annotations

import io
import json
import os
import warnings
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from typing import Any

import torch

from .. import _checks
from .cache import cached

__all__ = ["cores", "map_cached", "pool"]


def cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells it), at least 1.

    >>> cores() >= 1
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # no affinity on macOS and Windows
        return os.cpu_count() or 1


def _one_thread() -> None:
    torch.set_num_threads(1)


def pool(workers: int | None = None) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes (default: :func:`cores`), started fresh (``spawn``) and each
    on one torch thread: what :func:`map_cached` uses when it is given no executor.

    No process starts before the first task is submitted.

    >>> pool(0)
    Traceback (most recent call last):
    ...
    ValueError: pool: workers must be a positive int or None, got 0
    """
    workers = _checks.positive_int("pool", "workers", workers, optional=True) or cores()
    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=_one_thread)


def _saved(compute: Callable[[Any], Any], setting: Any) -> bytes:
    """``compute(setting)`` as :func:`torch.save` bytes: what a worker sends back."""
    buffer = io.BytesIO()
    torch.save(compute(setting), buffer)
    return buffer.getvalue()


def _loaded(blob: bytes) -> Any:
    # what the executor itself sent (its futures come back through pickle, which is no safer) from
    # this package's own function on a worker: the pool this module started, or the caller's cluster
    return torch.load(io.BytesIO(blob), weights_only=False, map_location="cpu")


class _Missing(Exception):
    """Raised in place of computing, so that :func:`~lstm_explained.runtime.cache.cached` only looks."""


def _absent():
    raise _Missing


def _stored(name: str, key: dict, module: str) -> tuple[bool, Any]:
    """``(True, value)`` if the cache holds ``name``/``key``, else ``(False, None)``; computes nothing."""
    try:
        return True, cached(name, key, _absent, module=module)
    except _Missing:
        return False, None


def _store(name: str, key: dict, value: Any, module: str) -> Any:
    with warnings.catch_warnings():
        # the lookup has already warned that this key's file is unreadable; it is overwritten now
        unreadable = r"cache: (not loading |.*(holds another key|is unreadable))"
        warnings.filterwarnings("ignore", message=unreadable, category=RuntimeWarning)
        return cached(name, key, lambda: value, module=module)


def map_cached(
    compute: Callable[[Any], Any],
    settings: Iterable[Any],
    *,
    name: str,
    key_of: Callable[[Any], dict],
    module: str,
    executor: Executor | None = None,
    workers: int | None = None,
    cost: Callable[[Any], float] | None = None,
    in_process: bool = False,
) -> list[Any]:
    """``[compute(s) for s in settings]``, each result cached under ``name`` and ``key_of(s)``, the
    settings not in the cache computed side by side.

    ``compute`` must be a function of one setting defined at the top level of a module (the
    workers import it by name) and must not cache by itself: the results are stored here, in this
    process, so workers on a cluster need no access to its disk. ``key_of(s)`` is the setting's
    cache key and ``module`` the module whose code computes the results (pass ``__name__``), both
    as :func:`~lstm_explained.runtime.cache.cached` takes them; two settings with one key are
    computed once.

    The misses go to ``executor`` when one is given: any ``concurrent.futures.Executor``, such
    as a ``dask.distributed`` client's ``client.get_executor()``, which this function never shuts
    down. Without one they go to :func:`pool` with ``workers`` processes (default: :func:`cores`),
    except that they are computed here, one after another, when there would be only one worker,
    when fewer than two settings are missing, or when ``in_process`` is true (settings on a GPU,
    which runs them one at a time anyway). ``cost(s)``, when given, orders the misses: the most
    costly first, so that no worker is left with a long one at the end.

    Examples
    --------
    >>> import os, tempfile
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> os.environ["LSTM_EXPLAINED_CACHE"] = tempfile.mkdtemp()
    >>> computed = []
    >>> def square(n):
    ...     computed.append(n)
    ...     return torch.tensor(n * n)
    >>> def run(ns, executor):
    ...     return map_cached(square, ns, name="demo_squares", key_of=lambda n: {"n": n},
    ...                       module=__name__, executor=executor)
    >>> with ThreadPoolExecutor(2) as executor:
    ...     first = run([1, 2, 3], executor)
    ...     again = run([1, 2, 3], executor)  # every one of them is in the cache now
    ...     more = run([2, 3, 4], executor)  # only 4 is computed
    >>> first, sorted(computed)
    ([tensor(1), tensor(4), tensor(9)], [1, 2, 3, 4])
    >>> again == first, more
    (True, [tensor(4), tensor(9), tensor(16)])
    >>> run([1], executor="threads")
    Traceback (most recent call last):
    ...
    TypeError: map_cached: executor must be a concurrent.futures.Executor or None, got str
    >>> del os.environ["LSTM_EXPLAINED_CACHE"]
    """
    where = "map_cached"
    for arg, value in (("compute", compute), ("key_of", key_of)) + ((("cost", cost),) if cost is not None else ()):
        if not callable(value):
            raise TypeError(f"{where}: {arg} must be a function, got {type(value).__name__}")
    if executor is not None and not isinstance(executor, Executor):
        kind = type(executor).__name__
        raise TypeError(f"{where}: executor must be a concurrent.futures.Executor or None, got {kind}")
    _checks.positive_int(where, "workers", workers, optional=True)
    if executor is not None and workers is not None:
        raise ValueError(
            f"{where}: workers sizes the default pool; with an executor given, size the executor instead "
            f"(got workers={workers})"
        )
    settings = list(settings)

    results: list[Any] = [None] * len(settings)
    missing: dict[str, tuple[dict, Any, list[int]]] = {}  # the key's text -> (key, setting, its places)
    for place, setting in enumerate(settings):
        key = key_of(setting)
        found, value = _stored(name, key, module)
        if found:
            results[place] = value
            continue
        text = json.dumps(key, sort_keys=True)
        missing.setdefault(text, (key, setting, []))[2].append(place)
    todo = list(missing.values())
    if cost is not None:
        todo.sort(key=lambda miss: -cost(miss[1]))

    def keep(miss: tuple[dict, Any, list[int]], value: Any) -> None:
        key, _, places = miss
        value = _store(name, key, value, module)
        for place in places:
            results[place] = value

    size = workers or cores()
    if executor is None and (in_process or size == 1 or len(todo) < 2):
        for miss in todo:
            keep(miss, compute(miss[1]))
        return results
    own = executor is None
    executor = pool(min(size, len(todo))) if own else executor
    futures = {executor.submit(_saved, compute, miss[1]): miss for miss in todo}
    try:
        for future in as_completed(futures):
            keep(futures[future], _loaded(future.result()))
    finally:
        for future in futures:
            future.cancel()  # after a failure, what has not started yet never will
        if own:
            executor.shutdown(wait=True, cancel_futures=True)
    return results
