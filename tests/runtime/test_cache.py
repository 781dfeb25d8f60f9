"""The result cache: hits, misses on any change of key or source, and corrupt files rebuilt."""

import warnings

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
