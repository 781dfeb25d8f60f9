"""No cached computation's key covers a sentence.

A cached result is keyed by the code of the module that computes it and of every package module
that one imports (:func:`lstm_explained.runtime.cache.source_digest`). Were a function that writes
prose among them, editing a sentence would retrain a model. These tests walk the imports of every
module that calls ``cached`` and fail on any function there that returns prose: a reading (named
``*_reading``, ``sentence``, ``*_verdict``, ``p_text``...) or any function whose ``return`` builds
words (an f-string or a literal of two words or more, or a ``join`` of them).
"""

from __future__ import annotations

import ast
import importlib.util
import pkgutil
import re
from pathlib import Path

import pytest

import lstm_explained
from lstm_explained.runtime import cache

MODULES = sorted(m.name for m in pkgutil.walk_packages(lstm_explained.__path__, "lstm_explained."))

#: Names that say a function returns prose, whatever its body looks like.
PROSE_NAME = re.compile(r"(^|_)(reading|readings|sentence|sentences|verdict|p_text|words_for)$")
#: Module-level names that hold prose or the marks a reading prints.
PROSE_DATA = {"MARKS"}
#: Functions that return words but read no result, so editing them cannot change what a reader is told about one.
NOT_READINGS = {
    # names the device a page ran on ("cpu (2 threads, torch 2.13.0)"); it sits with the device choice it describes
    "lstm_explained.runtime.devices": {"describe"},
}
#: Two words: a letter-word, a space, another letter-word.
WORDS = re.compile(r"[A-Za-z]{2,}[,;:]? +[A-Za-z(]{2,}")


def _source(module: str) -> str:
    return Path(importlib.util.find_spec(module).origin).read_text()


def _literal_words(node: ast.AST) -> bool:
    """Whether an expression builds text with words in it (f-strings, literals, joins, concatenation)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(WORDS.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_literal_words(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return _literal_words(node.left) or _literal_words(node.right)
    if isinstance(node, (ast.IfExp,)):
        return _literal_words(node.body) or _literal_words(node.orelse)
    if isinstance(node, (ast.Tuple, ast.List)):
        return any(_literal_words(e) for e in node.elts)
    if isinstance(node, ast.Dict):  # {"verdict": "sentence"}[key]
        return any(v is not None and _literal_words(v) for v in node.values)
    if isinstance(node, ast.Subscript):
        return _literal_words(node.value)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "join":
        return any(_literal_words(a) for a in node.args) or _literal_words(node.func.value)
    return False


def _returns(function: ast.FunctionDef) -> list[ast.AST]:
    """The values of ``function``'s own return statements (not those of functions nested in it)."""
    found, todo = [], list(function.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(node, ast.Return) and node.value is not None:
            found.append(node.value)
        todo.extend(ast.iter_child_nodes(node))
    return found


def prose_in(source: str) -> list[str]:
    """The functions (``Class.method`` for methods) and data in ``source`` that return or hold prose.

    >>> prose_in("def f(x):\\n    return f'{x} is higher than chance'\\n")
    ['f']
    >>> prose_in("def f(x):\\n    return f'{x:.2f}'\\n")
    []
    """
    found = []
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            found += [t.id for t in targets if isinstance(t, ast.Name) and t.id in PROSE_DATA]
    for owner in [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.ClassDef))]:
        prefix = f"{owner.name}." if isinstance(owner, ast.ClassDef) else ""
        for node in owner.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("__"):
                if PROSE_NAME.search(node.name) or any(_literal_words(v) for v in _returns(node)):
                    found.append(prefix + node.name)
    return found


def calls_cached(module: str) -> bool:
    return module != "lstm_explained.runtime.cache" and re.search(r"\b(map_)?cached\(", _source(module)) is not None


def closure(module: str) -> set[str]:
    """``module`` and every package module it imports, transitively."""
    seen, todo = set(), [module]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(cache.dependencies(name) - seen)
    return seen


CACHING = [m for m in MODULES if calls_cached(m)]


def test_the_experiments_that_cache_are_found():
    assert "lstm_explained.experiments.variants" in CACHING and "lstm_explained.experiments.memory" in CACHING


@pytest.mark.parametrize("module", CACHING)
def test_no_cached_computation_imports_a_reading(module):
    offenders = {name: sorted(set(prose_in(_source(name))) - NOT_READINGS.get(name, set())) for name in sorted(closure(module))}
    offenders = {name: found for name, found in offenders.items() if found}
    assert not offenders, f"{module} caches results keyed by modules that write prose: {offenders}"


def test_the_check_sees_prose_in_its_forms():
    source = '''
MARKS = {"higher": "▲"}
def kinds_reading(a): return a
def label(x): return f"{x} remembers more often"
def table(x): return {"higher": f"more than {x}", "lower": "less"}[x]
def joined(xs): return "; ".join(xs) + " and the rest"
def number(x): return f"{x:.2f}"
def error(x):
    raise ValueError(f"error: {x} is not a good value")
class Record:
    def sentence(self): return "x"
    def total(self): return 3
'''
    assert prose_in(source) == ["MARKS", "kinds_reading", "label", "table", "joined", "Record.sentence"]


def test_what_is_let_through_is_seen_and_named():
    # the exemptions are real findings of the check, each with its reason above, not names it misses
    for module, names in NOT_READINGS.items():
        assert names <= set(prose_in(_source(module)))


def test_the_check_finds_todays_readings_where_they_are():
    # the readings module is where prose lives, and the check must see it there
    found = prose_in(_source("lstm_explained.readings.variants"))
    assert "greff_reading" in found and "MARKS" in found
