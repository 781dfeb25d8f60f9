"""Expensive results kept on disk, keyed by everything that affects them.

A result is stored under a file named for the hash of its key: the caller's description of the
computation (``name`` and ``key``, which names the device), the code of the module that computes
it and of every module of this package that one imports, and the torch version. Change any of them
and the result is computed again; edit a module it does not use, or only the docstrings, comments
or layout of one it does, and it is not. This module's own code is left out of every key
(:func:`hashed_modules`): it decides how results are stored, not what they are, and every module
that caches imports it.

Files are read back with ``torch.load(weights_only=True)``, which rebuilds tensors, containers,
strings and numbers and nothing it has not been told is safe, so a file placed in the folder (which
CI restores between runs) cannot run code. It is told, besides, of numpy arrays of numbers and of
the package's own record types that the file names (:func:`is_record`: the dataclasses and named
tuples defined in this package that change nothing of how they are unpickled); never of a function
or of any other class. A file that needs anything else, that cannot be read, or whose stored key is
not the one asked for, is computed again and overwritten, with a :class:`RuntimeWarning` naming it
and why: it is never executed. A result that could not be read back that way (a whole
``nn.Module``, say: store its ``state_dict()``) is not stored at all, with a warning.

The folder is ``$LSTM_EXPLAINED_CACHE`` (default ``~/.cache/lstm_explained``); setting it to
``off`` computes everything afresh and stores nothing.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import hashlib
import importlib
import importlib.util
import json
import os
import sys
import tempfile
import threading
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np
import torch

__all__ = [
    "ENV_VAR", "cached", "code_of", "code_of_source", "dependencies", "folder", "hashed_modules", "is_record",
    "source_digest",
]

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


def hashed_modules(module: str) -> set[str]:
    """The modules whose code keys a result computed by ``module``: it and every module of this
    package it imports, transitively, except this one.

    This module decides how results are stored, not what they are; and every module that caches
    imports it, so were its code part of the key, any edit to it would throw away every result in
    the book. It is left out by its own name (``__name__``), and what it imports is not followed.

    >>> memory = "lstm_explained.experiments.memory"
    >>> "lstm_explained.runtime.cache" in dependencies(memory), "lstm_explained.runtime.cache" in hashed_modules(memory)
    (True, False)
    >>> {memory, "lstm_explained.runtime.devices", "lstm_explained.training.packing"} <= hashed_modules(memory)
    True
    """
    if not module.startswith(PACKAGE + "."):
        raise ValueError(f"hashed_modules: {module!r} is not a module of {PACKAGE}")
    seen, todo = set(), [module]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(dependencies(name) - seen - {__name__})
    return seen - {__name__}


@functools.cache
def source_digest(module: str) -> str:
    """sha256 of the code of :func:`hashed_modules` ``(module)`` (:func:`code_of`: docstrings and
    comments left out).

    >>> source_digest("lstm_explained.stats") == source_digest("lstm_explained.stats")
    True
    >>> source_digest("lstm_explained.stats") != source_digest("lstm_explained.experiments.memory")
    True
    """
    if not module.startswith(PACKAGE + "."):
        raise ValueError(f"source_digest: {module!r} is not a module of {PACKAGE}")
    digest = hashlib.sha256()
    for name in sorted(hashed_modules(module)):
        digest.update(name.encode())
        digest.update(code_of(Path(importlib.util.find_spec(name).origin)).encode())
    return digest.hexdigest()


# ---------------------------------------------------------------------------- reading files safely

#: Attributes through which a class takes part in its own unpickling; a record defines none of them.
_UNPICKLING_HOOKS = ("__reduce__", "__reduce_ex__", "__setstate__", "__getattr__", "__getattribute__")


def is_record(obj: object) -> bool:
    """Whether the cache may rebuild ``obj`` from a file: a dataclass or a named tuple defined in a
    module of this package, none of whose classes (but ``object`` and ``tuple``) defines
    ``__reduce__``, ``__reduce_ex__``, ``__setstate__``, ``__getattr__`` or ``__getattribute__``,
    nor, but for a named tuple's own, ``__new__``.

    What :func:`torch.save` writes for such a class makes an empty instance and fills in its
    ``__dict__`` (or calls ``tuple.__new__`` with the stored fields), running none of the class's
    code; a crafted file could at most call the class, running this package's own ``__init__`` and
    ``__post_init__`` on stored strings, numbers and tensors. Nothing else, and no function, is ever
    allowed.

    >>> from lstm_explained.experiments.cliff import Surface, cliff_loss
    >>> from lstm_explained.tracing import RNNTrace
    >>> from lstm_explained.models.ngram import KneserNey
    >>> is_record(Surface), is_record(RNNTrace), is_record(KneserNey), is_record(cliff_loss), is_record(dict)
    (True, True, False, False, False)
    """
    if not isinstance(obj, type) or not obj.__module__.startswith(PACKAGE + "."):
        return False
    named = issubclass(obj, tuple) and hasattr(obj, "_fields")
    if not (named or dataclasses.is_dataclass(obj)):
        return False
    for klass in obj.__mro__:
        if klass in (object, tuple):
            continue
        own = vars(klass)
        if any(hook in own for hook in _UNPICKLING_HOOKS):
            return False
        if "__new__" in own and not (named and "_fields" in own):  # namedtuple() writes __new__ with _fields
            return False
    return True


@functools.cache
def _numpy_types() -> dict[str, object]:
    """What ``torch.save`` writes for a numpy array of numbers, by the names a file uses for them.

    The array is rebuilt by numpy's ``_reconstruct`` (which only makes an empty array of the class
    it is given: ``ndarray``, the one allowed) and filled by its ``__setstate__`` from raw bytes; its
    dtype is built by ``numpy.dtype`` and given its state only where it is one of numbers or
    booleans, so a saved array of objects is refused. Whatever a crafted file could put into an
    array has itself been built by the weights-only loader.
    """
    reconstruct = np.arange(1).__reduce__()[0]  # numpy.core or numpy._core, whichever numpy this is
    codes = np.typecodes["AllInteger"] + np.typecodes["AllFloat"] + "?"
    found = [reconstruct, np.ndarray, np.dtype, *{type(np.dtype(code)) for code in codes}]
    return {f"{t.__module__}.{t.__qualname__}": t for t in found}


def _resolve(name: str) -> object | None:
    """The object a file names as ``module.qualified.name``, when that module is one of this
    package's (already imported, or else imported now), else ``None``."""
    parts = name.split(".")
    if parts[0] != PACKAGE or "__main__" in parts:  # a package's __main__ runs when imported
        return None
    for cut in range(len(parts) - 1, 0, -1):
        module = ".".join(parts[:cut])
        try:
            found = sys.modules.get(module) or importlib.import_module(module)
        except ImportError:
            continue
        for attribute in parts[cut:]:
            found = getattr(found, attribute, None)
        return found
    return None


# torch.serialization.safe_globals changes a global list, which get_unsafe_globals_in_checkpoint
# reads: one file at a time
_LOADING = threading.RLock()


class _Refused(Exception):
    """A file the cache will not load, and why."""


def _allowed_for(path: Path) -> list:
    """What the file at ``path`` needs beyond what torch's weights-only loader builds anyway, all
    of it allowed; :class:`_Refused` when it needs anything :func:`is_record` or the numpy arrays
    do not cover. The file is only read, as pickle opcodes, never unpickled."""
    allowed, refused = [], []
    with _LOADING:  # what it reports depends on what is allowed at the moment
        needed = torch.serialization.get_unsafe_globals_in_checkpoint(path)
    for name in sorted(needed):
        if name in _numpy_types():
            allowed.append(_numpy_types()[name])
            continue
        found = _resolve(name)
        # the class itself, defined where the file says: not something else imported under that name
        if is_record(found) and f"{found.__module__}.{found.__qualname__}" == name:
            allowed.append(found)
        else:
            refused.append(name)
    if refused:
        raise _Refused(f"it needs {', '.join(refused)}, which the cache does not load: not a record type of {PACKAGE}")
    if any(t is np.dtype for t in allowed):  # dtype classes are built by np.dtype, so the file does not name them
        allowed.extend(t for t in _numpy_types().values() if t not in allowed)
    return allowed


def _load(path: Path) -> object:
    """The object stored at ``path``, loaded with ``weights_only=True`` and :func:`_allowed_for` it."""
    with _LOADING:
        allowed = _allowed_for(path)
        with torch.serialization.safe_globals(allowed):
            try:
                return torch.load(path, weights_only=True, map_location="cpu")
            except Exception as error:  # torch's message starts with advice for its users, not ours
                text = str(error)
                reason = text.partition("WeightsUnpickler error:")[2].strip() or text
                raise _Refused(f"{type(error).__name__}: {reason.splitlines()[0] if reason else ''}") from None


def _reason(error: Exception) -> str:
    return str(error) if isinstance(error, _Refused) else f"{type(error).__name__}: {error}".rstrip(": ")


def folder() -> Path | None:
    """Where results are kept, or ``None`` when caching is off."""
    value = os.environ.get(ENV_VAR, "").strip()
    if value.lower() == "off":
        return None
    return Path(value).expanduser() if value else Path.home() / ".cache" / "lstm_explained"


def cached(name: str, key: dict, compute: Callable[[], T], *, module: str) -> T:
    """``compute()``, or its stored result for the same ``name``, ``key``, sources and torch.

    ``module`` is the module whose code computes the result (pass ``__name__``); its code and that
    of the package modules it imports (:func:`hashed_modules`) are part of the key. ``key`` must be
    JSON-serialisable and name everything else the result depends on (sizes, seeds, epochs,
    device). The result is saved with :func:`torch.save` and read back with
    ``torch.load(weights_only=True)``, so it must be made of tensors, containers (lists, tuples,
    dicts, sets, ``OrderedDict``), strings, bytes, numbers, ``None``, numpy arrays of numbers and
    :func:`is_record` types: store a model's ``state_dict()``, not the model (a result that would
    not load is returned but not stored, with a :class:`RuntimeWarning`). A file that does not load
    that way, or that holds another key, is recomputed and overwritten, with a
    :class:`RuntimeWarning` naming it and why.

    Examples
    --------
    >>> import os, tempfile, warnings
    >>> os.environ["LSTM_EXPLAINED_CACHE"] = tempfile.mkdtemp()
    >>> calls = []
    >>> def slow():
    ...     calls.append(1)
    ...     return torch.arange(3)
    >>> here = "lstm_explained.stats"
    >>> cached("demo", {"n": 3}, slow, module=here), cached("demo", {"n": 3}, slow, module=here), len(calls)
    (tensor([0, 1, 2]), tensor([0, 1, 2]), 1)

    A record of the package comes back as itself; a file that would need anything else is recomputed:

    >>> from lstm_explained.tracing import RNNTrace
    >>> cached("trace", {}, lambda: RNNTrace(torch.ones(2)), module=here)
    RNNTrace(h=tensor([1., 1.]))
    >>> cached("trace", {}, slow, module=here)  # slow is not called: the stored record is read back
    RNNTrace(h=tensor([1., 1.]))
    >>> (path,) = folder().glob("demo-*.pt")
    >>> stored_key = torch.load(path, weights_only=True)["key"]
    >>> from fractions import Fraction  # a class whose module path is the same on every Python
    >>> torch.save({"key": stored_key, "value": Fraction}, path)  # the right key, and a class that is no record
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     again = cached("demo", {"n": 3}, slow, module=here)
    >>> again, len(calls)
    (tensor([0, 1, 2]), 2)
    >>> print(str(caught[0].message).replace(str(path), "PATH"))
    cache: not loading PATH (it needs fractions.Fraction, which the cache does not load:
    not a record type of lstm_explained); recomputing
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
            stored = _load(path)
        except Exception as error:  # a truncated, corrupt or crafted file: rebuild it, never trust it
            warnings.warn(f"cache: not loading {path} ({_reason(error)}); recomputing", RuntimeWarning, stacklevel=2)
        else:
            if isinstance(stored, dict) and stored.get("key") == text:
                return stored["value"]
            warnings.warn(f"cache: {path} holds another key; recomputing", RuntimeWarning, stacklevel=2)
    value = compute()
    where.mkdir(parents=True, exist_ok=True)
    # write to a temporary file and rename, so a crash never leaves half a result behind
    with tempfile.NamedTemporaryFile(dir=where, suffix=".tmp", delete=False) as handle:
        temporary = Path(handle.name)
        try:
            torch.save({"key": text, "value": value}, handle)
        except BaseException:
            handle.close()
            temporary.unlink()
            raise
    # read it back as the next run will: what would not load would be recomputed every time anyway,
    # so say so and store nothing (this costs a fraction of what computing it did)
    try:
        _load(temporary)
    except Exception as error:
        temporary.unlink()
        path.unlink(missing_ok=True)
        message = f"cache: not storing the result of {name!r}, which could not be loaded safely ({_reason(error)})"
        warnings.warn(message, RuntimeWarning, stacklevel=2)
        return value
    os.replace(temporary, path)
    return value
