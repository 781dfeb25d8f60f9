"""The result cache: hits, misses on any change of key or source, corrupt or crafted files rebuilt
without being run, and the package's records read back."""

import dataclasses
import os
import re
import shlex
import typing
import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
import torch

from lstm_explained.runtime import cache

HERE = "lstm_explained.stats"


def counting(value):
    calls = []

    def compute():
        calls.append(1)
        return value

    return compute, calls


def test_same_key_is_computed_once_and_a_new_key_again():
    compute, calls = counting(torch.arange(4))
    assert torch.equal(cache.cached("t", {"a": 1}, compute, module=HERE), torch.arange(4))
    cache.cached("t", {"a": 1}, compute, module=HERE)
    cache.cached("t", {"a": 2}, compute, module=HERE)
    cache.cached("u", {"a": 1}, compute, module=HERE)
    assert len(calls) == 3


def edit_file(monkeypatch, name, change):
    """Make every module named ``name`` read as ``change(its text)``, for the cache's eyes only."""
    cache.source_digest.cache_clear()
    real = cache.Path.read_text
    monkeypatch.setattr(cache.Path, "read_text", lambda self, *a, **k: change(real(self, *a, **k)) if self.name == name else real(self, *a, **k))


def test_a_change_in_a_module_the_result_depends_on_invalidates_it(monkeypatch):
    compute, calls = counting(1)
    cache.cached("t", {}, compute, module="lstm_explained.experiments.memory")
    # experiments/memory.py imports training/packed.py, which imports training/packing.py by a relative import
    edit_file(monkeypatch, "packing.py", lambda text: text + "\nEDITED = 1\n")
    cache.cached("t", {}, compute, module="lstm_explained.experiments.memory")
    cache.cached("t", {}, compute, module="lstm_explained.stats")  # stats does not
    cache.cached("t", {}, compute, module="lstm_explained.stats")
    cache.source_digest.cache_clear()
    assert len(calls) == 3


def test_docstrings_comments_and_layout_are_not_part_of_the_key(monkeypatch):
    compute, calls = counting(1)
    cache.cached("t", {}, compute, module="lstm_explained.experiments.memory")
    edit_file(monkeypatch, "packing.py", lambda text: text.replace('"""', '"""Reworded. ', 1) + "\n# a comment\n\n\n")
    cache.cached("t", {}, compute, module="lstm_explained.experiments.memory")
    cache.source_digest.cache_clear()
    assert len(calls) == 1


def test_the_torch_version_is_part_of_the_key(monkeypatch):
    compute, calls = counting(1)
    cache.cached("t", {}, compute, module=HERE)
    monkeypatch.setattr(torch, "__version__", "0.0.0-other")
    cache.cached("t", {}, compute, module=HERE)
    assert len(calls) == 2


@pytest.mark.parametrize("damage", [b"", b"not a torch file", None])
def test_a_corrupt_or_foreign_file_is_recomputed_not_trusted(damage):
    compute, calls = counting(torch.ones(2))
    cache.cached("t", {"k": 1}, compute, module=HERE)
    (path,) = cache.folder().glob("t-*.pt")
    if damage is None:  # a readable file that holds another key
        torch.save({"key": "something else", "value": torch.zeros(2)}, path)
    else:
        path.write_bytes(damage)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = cache.cached("t", {"k": 1}, compute, module=HERE)
    assert torch.equal(value, torch.ones(2)) and len(calls) == 2
    assert any("recomputing" in str(w.message) for w in caught)
    assert torch.equal(cache.cached("t", {"k": 1}, compute, module=HERE), torch.ones(2)) and len(calls) == 2


def test_off_computes_every_time_and_writes_nothing(monkeypatch, tmp_path):
    monkeypatch.setenv(cache.ENV_VAR, "off")
    compute, calls = counting(3)
    cache.cached("t", {}, compute, module=HERE)
    cache.cached("t", {}, compute, module=HERE)
    assert len(calls) == 2 and cache.folder() is None


@pytest.mark.parametrize(
    "args, error, message",
    [
        (("bad name", {}, lambda: 1), ValueError, "name must be an identifier-like string"),
        (("t", {"f": object()}, lambda: 1), TypeError, "key for 't' must be JSON-serialisable"),
    ],
)
def test_bad_arguments(args, error, message):
    with pytest.raises(error, match=message):
        cache.cached(*args, module=HERE)


def test_source_digest_rejects_modules_outside_the_package():
    with pytest.raises(ValueError, match="is not a module of lstm_explained"):
        cache.source_digest("json")


def write_package(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_relative_imports_resolve_against_the_importing_modules_own_package(tmp_path, monkeypatch):
    # A nested package: before the fix, `from .b import x` in pkg/sub/a.py was read as pkg.b,
    # which does not exist, and pkg.sub.b silently dropped out of the key.
    write_package(tmp_path / "nestedpkg", {
        "__init__.py": "",
        "top.py": "X = 1\n",
        "other.py": "Y = 2\n",
        "sub/__init__.py": "from .a import f\n",
        "sub/a.py": "from .b import x\nfrom .. import top\nfrom ..other import Y\nimport json\n\ndef f():\n    return x\n",
        "sub/b.py": "x = 3\n",
    })
    monkeypatch.syspath_prepend(str(tmp_path))
    assert cache.dependencies("nestedpkg.sub.a", root="nestedpkg") == {"nestedpkg.sub.b", "nestedpkg.top", "nestedpkg.other"}
    # a package's own relative imports start from the package itself
    assert cache.dependencies("nestedpkg.sub", root="nestedpkg") == {"nestedpkg.sub.a"}
    assert cache.dependencies("nestedpkg.sub.b", root="nestedpkg") == set()


def test_a_name_imported_from_a_package_depends_on_the_package_that_provides_it(tmp_path, monkeypatch):
    write_package(tmp_path / "namepkg", {
        "__init__.py": "",
        "cells/__init__.py": "from .lstm import cell\n",
        "cells/lstm.py": "def cell():\n    return 1\n",
        "user.py": "from .cells import cell\n",
    })
    monkeypatch.syspath_prepend(str(tmp_path))
    assert cache.dependencies("namepkg.user", root="namepkg") == {"namepkg.cells"}
    assert cache.dependencies("namepkg.cells", root="namepkg") == {"namepkg.cells.lstm"}


# ---------------------------------------------------------------------------- loading only what is safe

def stored_path_and_key(name, key, value, module=HERE):
    """Cache ``value`` under ``name`` and ``key``: the file ``cached`` reads, and the key it holds."""
    cache.cached(name, key, lambda: value, module=module)
    (path,) = cache.folder().glob(f"{name}-*.pt")
    return path, cache._load(path)["key"]


class Payload:
    """What a crafted file holds: unpickling it calls ``call(*args)``."""

    def __init__(self, call, *args):
        self.call, self.args = call, args

    def __reduce__(self):
        return self.call, self.args


def payloads(marker):
    return {
        "open": Payload(open, str(marker), "w"),
        "os.system": Payload(os.system, f"touch {shlex.quote(str(marker))}"),
        "exec": Payload(exec, f"open({str(marker)!r}, 'w').close()"),
    }


@pytest.mark.parametrize("kind", ["open", "os.system", "exec"])
def test_a_crafted_file_is_recomputed_and_overwritten_never_executed(kind, tmp_path):
    compute, calls = counting(torch.ones(2))
    path, key = stored_path_and_key("t", {"k": 1}, torch.ones(2))
    # the same payload, loaded the unsafe way elsewhere, does run: the test would see it
    live = tmp_path / "live"
    torch.save({"key": key, "value": payloads(live)[kind]}, tmp_path / "live.pt")
    ran = torch.load(tmp_path / "live.pt", weights_only=False)["value"]
    getattr(ran, "close", lambda: None)()  # open's file
    assert live.exists()
    marker = tmp_path / "marker"
    torch.save({"key": key, "value": payloads(marker)[kind]}, path)  # the right key, at the path cached reads
    with pytest.warns(RuntimeWarning, match="recomputing") as caught:
        value = cache.cached("t", {"k": 1}, compute, module=HERE)
    assert not marker.exists()
    assert torch.equal(value, torch.ones(2)) and len(calls) == 1
    message = str(caught[0].message)
    assert str(path) in message and "not a record type of lstm_explained" in message
    assert torch.equal(torch.load(path, weights_only=True)["value"], torch.ones(2))  # overwritten with the result
    assert torch.equal(cache.cached("t", {"k": 1}, compute, module=HERE), torch.ones(2)) and len(calls) == 1


@pytest.mark.parametrize(
    "payload, named",
    [
        (Payload(cache.folder), "lstm_explained.runtime.cache.folder"),  # a function of the package
        (Payload(cache._Refused, "x"), "lstm_explained.runtime.cache._Refused"),  # a class of it that is no record
        # a class imported into it, named where pickle finds it (pathlib._local.Path from Python 3.13)
        (Payload(cache.Path, "x"), f"{cache.Path.__module__}.{cache.Path.__qualname__}"),
    ],
)
def test_only_records_of_the_package_are_allowed_not_its_functions_or_other_classes(payload, named):
    compute, calls = counting(3)
    path, key = stored_path_and_key("t", {}, 3)
    torch.save({"key": key, "value": payload}, path)
    with pytest.warns(RuntimeWarning, match=f"it needs {re.escape(named)},"):
        assert cache.cached("t", {}, compute, module=HERE) == 3
    assert len(calls) == 1


def same(a, b):
    """Deep equality that compares tensors and arrays by value and records by type and fields."""
    if type(a) is not type(b):
        return False
    if isinstance(a, torch.Tensor):
        return a.dtype == b.dtype and torch.equal(a, b)
    if isinstance(a, np.ndarray):
        return a.dtype == b.dtype and np.array_equal(a, b)
    if dataclasses.is_dataclass(a):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b or (a != a and b != b)  # nan is nan


def clipping_study():
    from lstm_explained.experiments.cliff import ClippingStudy, ClipRow, Descent, Surface

    descent = Descent(torch.zeros(3, 2, 2), torch.ones(3, 2), torch.ones(2, 2), torch.ones(2, 2))
    grid = torch.arange(9, dtype=torch.float64).reshape(3, 3)
    surface = Surface(torch.linspace(0, 1, 3), torch.linspace(0, 1, 3), grid, grid.float())
    rows = [ClipRow(None, None, 1.0, 0.5, 0.25, float("nan")), ClipRow(1.0, 2.0, 1.0, 0.0, 1.0, 0.1)]
    return ClippingStudy(surface, torch.zeros(2, 2), 2, 1.5, rows, descent, descent)


def records():
    """What the experiments cache, in small: records nested in records, named tuples, state dicts,
    numpy arrays (lm_baselines), dicts of tuples, sets, sizes, devices."""
    from lstm_explained.experiments.long_lag import AddingRun, AddingSetting
    from lstm_explained.tracing import LSTMTrace, RNNTrace

    setting = AddingSetting("lstm", hidden=2, forget_bias=1.0)
    filler = {"Tensor": torch.rand(4), "float": float("nan"), "int": 3, "AddingSetting": setting}
    adding = AddingRun(**{f.name: filler[str(f.type).split()[0]] for f in dataclasses.fields(AddingRun)})
    return {
        "clipping_study": clipping_study(),
        "adding_runs": [adding, adding],
        "named_tuples": (RNNTrace(torch.ones(2)), LSTMTrace(*(torch.full((2,), float(k)) for k in range(6)))),
        "state": {"state": torch.nn.LSTM(2, 3).state_dict(), "loss": [0.5, 0.25]},
        "baselines": {"ngrams": {2: 1.5}, "discounts": {2: (0.5, 0.75)}, "bits": np.arange(5, dtype=np.float32)},
        "arrays": [np.zeros((2, 3), dtype=dtype) for dtype in (np.float64, np.int64, np.bool_, np.uint8)],
        "plain": {"set": {1, 2}, "size": torch.Size([2, 3]), "device": torch.device("cpu"), "none": None, "b": b"ab"},
    }


@pytest.mark.parametrize("name", list(records()))
def test_records_of_the_package_and_what_the_experiments_store_round_trip(name):
    value = records()[name]
    compute, calls = counting(value)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert same(cache.cached("t", {}, compute, module=HERE), value)
        loaded = cache.cached("t", {}, compute, module=HERE)
    assert len(calls) == 1 and same(loaded, value)


def test_a_record_round_trips_as_its_own_class_through_the_allow_list():
    from lstm_explained.experiments.cliff import ClippingStudy

    path, _ = stored_path_and_key("t", {}, clipping_study())
    # plain weights-only torch.load refuses the file: the cache allows these classes itself
    needed = torch.serialization.get_unsafe_globals_in_checkpoint(path)
    assert "lstm_explained.experiments.cliff.ClippingStudy" in needed
    found = cache.cached("t", {}, lambda: pytest.fail("recomputed"), module=HERE)
    assert type(found) is ClippingStudy and same(found, clipping_study())


def test_loads_from_several_threads_at_once():
    value = clipping_study()
    cache.cached("t", {}, lambda: value, module=HERE)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with ThreadPoolExecutor(4) as pool:
            load = lambda _: cache.cached("t", {}, lambda: pytest.fail("recomputed"), module=HERE)  # noqa: E731
            found = list(pool.map(load, range(16)))
    assert all(same(f, value) for f in found)


@pytest.mark.parametrize(
    "value, reason",
    [
        (torch.nn.Linear(2, 2), r"it needs torch\.nn\.modules\.linear\.Linear,"),  # a model: store its state_dict()
        (np.array(["a"], dtype=object), "ObjectDType"),  # seen only when loading, not in the file's names
    ],
)
def test_a_result_that_could_not_be_loaded_safely_is_not_stored(value, reason):
    compute, calls = counting(value)
    for _ in range(2):
        with pytest.warns(RuntimeWarning, match=f"not storing the result of 't', which could not be loaded .*{reason}"):
            assert cache.cached("t", {}, compute, module=HERE) is value
    assert len(calls) == 2 and not list(cache.folder().glob("*"))


def in_package(cls, module="lstm_explained.fake"):
    cls.__module__ = module
    return cls


def test_what_counts_as_a_record():
    @dataclasses.dataclass(frozen=True)
    class Plain:
        x: int

    class Reducing(Plain):
        def __reduce__(self):
            return print, ("x",)

    class Stateful(Plain):
        def __setstate__(self, state):
            pass

    class Looking(Plain):
        def __getattr__(self, name):
            return 1

    class Made(Plain):
        def __new__(cls, *args):
            return super().__new__(cls)

    class Named(typing.NamedTuple):
        x: int

    class NamedChild(Named):
        __slots__ = ()

    class NamedMade(Named):
        def __new__(cls, *args):
            return super().__new__(cls, *args)

    class NotData:
        pass

    def function():
        pass

    for record in (Plain, Named, NamedChild):
        assert cache.is_record(in_package(record)), record
    for other in (Reducing, Stateful, Looking, Made, NamedMade, NotData, function):
        assert not cache.is_record(in_package(other)), other
    assert not cache.is_record(in_package(Plain, "tests.runtime.test_cache"))  # defined outside the package
    assert not cache.is_record(Plain(1))  # an instance, not a class


# ---------------------------------------------------------------------------- what keys a result

def test_the_cache_modules_own_code_is_not_part_of_any_key(monkeypatch):
    memory = "lstm_explained.experiments.memory"
    assert cache.__name__ in cache.dependencies(memory) and cache.__name__ not in cache.hashed_modules(memory)
    compute, calls = counting(1)
    cache.source_digest.cache_clear()
    before = cache.source_digest(memory)
    cache.cached("t", {}, compute, module=memory)
    edit_file(monkeypatch, "cache.py", lambda text: text + "\ndef stored_differently():\n    return 2\n")
    assert cache.source_digest(memory) == before
    cache.cached("t", {}, compute, module=memory)
    edit_file(monkeypatch, "devices.py", lambda text: text + "\nEDITED = 1\n")  # a module it uses does re-key it
    assert cache.source_digest(memory) != before
    cache.source_digest.cache_clear()
    assert len(calls) == 1
