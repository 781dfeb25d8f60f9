"""Expensive results kept on disk, keyed by everything that affects them.

A result is stored under a file named for the hash of its key: the caller's description of the
computation (``name`` and ``key``, which names the device), the code of the module that computes
it and of every module of this package that one imports, and the torch version. Change any of them
and the result is computed again; edit a module it does not use, or only the docstrings, comments
or layout of one it does, and it is not. A file that cannot be read, or whose stored key is not the
one asked for, is computed again and overwritten, never trusted.

The folder is ``$LSTM_EXPLAINED_CACHE`` (default ``~/.cache/lstm_explained``); setting it to
``off`` computes everything afresh and stores nothing.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.util
import json
import os
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import torch

__all__ = ["ENV_VAR", "cached", "code_of", "code_of_source", "dependencies", "folder", "source_digest"]

ENV_VAR = "LSTM_EXPLAINED_CACHE"
T = TypeVar("T")


#: The package whose modules are part of a result's key, the top-level one wherever this module sits.
PACKAGE = __name__.partition(".")[0]


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # a parent of ``name`` is a module, not a package
        return False


def dependencies(module: str, root: str = PACKAGE) -> set[str]:
    """The modules under ``root`` that ``module`` imports, read from its source with ``ast``.

    A relative import is resolved against ``module``'s own package, as Python resolves it:
    ``from .layout import GRU`` inside ``lstm_explained/cells/gru.py`` is
    ``lstm_explained.cells.layout``. ``from package import name`` depends on the submodule
    ``package.name`` when there is one, and otherwise on ``package`` itself, whose ``__init__``
    provides the name.

    >>> sorted(dependencies("lstm_explained.cells.gru"))
    ['lstm_explained._checks', 'lstm_explained.cells.layout']
    """
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise ValueError(f"dependencies: {module!r} is not an importable module with a source file")
    # a package's relative imports start from the package itself, a module's from its parent
    package = module if spec.submodule_search_locations is not None else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(Path(spec.origin).read_text())):
        if isinstance(node, ast.ImportFrom):
            base = importlib.util.resolve_name("." * node.level + (node.module or ""), package) if node.level else node.module
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if _is_module(f"{base}.{alias.name}") else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    inside = {name for name in found if name == root or name.startswith(root + ".")}
    return {name for name in inside if name != module and _is_module(name)}


def code_of(path: Path) -> str:
    r"""What a module computes: its syntax tree without docstrings, comments or line numbers.

    A docstring or a comment changes no result, so editing one must not throw away hours of
    cached training; any change to the code does.

    >>> code_of_source("def f():\n    'Doc.'\n    return 1  # why\n") == code_of_source("def f():\n    return 1\n")
    True
    >>> code_of_source("def f():\n    return 1\n") == code_of_source("def f():\n    return 2\n")
    False
    """
    return code_of_source(Path(path).read_text())


def code_of_source(text: str) -> str:
    """:func:`code_of` for source text."""
    tree = ast.parse(text)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and body:
            first = body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                node.body = body[1:] or [ast.Pass()]
    return ast.dump(tree, include_attributes=False)


@functools.cache
def source_digest(module: str) -> str:
    """sha256 of ``module``'s code and of every module of this package it imports, transitively
    (:func:`code_of`: docstrings and comments left out).

    >>> source_digest("lstm_explained.stats") == source_digest("lstm_explained.stats")
    True
    >>> source_digest("lstm_explained.stats") != source_digest("lstm_explained.experiments.memory")
    True
    """
    if not module.startswith(PACKAGE + "."):
        raise ValueError(f"source_digest: {module!r} is not a module of {PACKAGE}")
    seen, todo = set(), [module]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(dependencies(name) - seen)
    digest = hashlib.sha256()
    for name in sorted(seen):
        digest.update(name.encode())
        digest.update(code_of(Path(importlib.util.find_spec(name).origin)).encode())
    return digest.hexdigest()


def folder() -> Path | None:
    """Where results are kept, or ``None`` when caching is off."""
    value = os.environ.get(ENV_VAR, "").strip()
    if value.lower() == "off":
        return None
    return Path(value).expanduser() if value else Path.home() / ".cache" / "lstm_explained"


def cached(name: str, key: dict, compute: Callable[[], T], *, module: str) -> T:
    """``compute()``, or its stored result for the same ``name``, ``key``, sources and torch.

    ``module`` is the module whose code computes the result (pass ``__name__``); its source and
    that of the package modules it imports are part of the key. ``key`` must be JSON-serialisable
    and name everything else the result depends on (sizes, seeds, epochs, device). The result is
    saved with :func:`torch.save`.

    Examples
    --------
    >>> import os, tempfile
    >>> os.environ["LSTM_EXPLAINED_CACHE"] = tempfile.mkdtemp()
    >>> calls = []
    >>> def slow():
    ...     calls.append(1)
    ...     return torch.arange(3)
    >>> here = "lstm_explained.stats"
    >>> cached("demo", {"n": 3}, slow, module=here), cached("demo", {"n": 3}, slow, module=here), len(calls)
    (tensor([0, 1, 2]), tensor([0, 1, 2]), 1)
    >>> del os.environ["LSTM_EXPLAINED_CACHE"]
    """
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"cached: name must be an identifier-like string, got {name!r}")
    full = {"name": name, "key": key, "source": source_digest(module), "torch": torch.__version__}
    try:
        text = json.dumps(full, sort_keys=True)
    except TypeError as error:
        raise TypeError(f"cached: key for {name!r} must be JSON-serialisable: {error}") from None
    where = folder()
    if where is None:
        return compute()
    path = where / f"{name}-{hashlib.sha256(text.encode()).hexdigest()[:24]}.pt"
    if path.exists():
        try:
            stored = torch.load(path, weights_only=False, map_location="cpu")
            if isinstance(stored, dict) and stored.get("key") == text:
                return stored["value"]
            warnings.warn(f"cache: {path.name} holds another key; recomputing", RuntimeWarning, stacklevel=2)
        except Exception as error:  # a truncated or corrupt file: rebuild it
            warnings.warn(f"cache: {path.name} is unreadable ({type(error).__name__}); recomputing", RuntimeWarning, stacklevel=2)
    value = compute()
    where.mkdir(parents=True, exist_ok=True)
    # write to a temporary file and rename, so a crash never leaves half a result behind
    with tempfile.NamedTemporaryFile(dir=where, suffix=".tmp", delete=False) as handle:
        torch.save({"key": text, "value": value}, handle)
    os.replace(handle.name, path)
    return value
