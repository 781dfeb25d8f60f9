"""The package's layout: folders that show the flow, imports that point one way, and a map that is true.

These fail when the layout and what is said about it drift apart: a module without its test file,
an import that points back up the chain, a module the package's docstring, the API page or the
README does not mention.
"""

import ast
import fnmatch
import importlib
import pkgutil
import re
import tomllib
from pathlib import Path

import pytest

import lstm_explained
from lstm_explained.runtime import cache

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "lstm_explained"
MODULES = sorted(m.name for m in pkgutil.walk_packages(lstm_explained.__path__, "lstm_explained.") if not m.ispkg)
SUBPACKAGES = sorted(m.name for m in pkgutil.walk_packages(lstm_explained.__path__, "lstm_explained.") if m.ispkg)

def layers(doc: str) -> dict[str, int]:
    """Each part of the package and its layer, read from the package docstring's list: the n-th
    bullet is layer n, and every part a bullet names (``:mod:`` or ````_checks````) sits in it."""
    bullets = re.split(r"\n- ", doc.split("\n- ", 1)[1])
    found = {}
    for k, bullet in enumerate(bullets):
        for name in re.findall(r":mod:`~lstm_explained\.(\w+)`|``(_\w+)``", bullet):
            found.setdefault(name[0] or name[1], k)
    return found


#: Where each part sits in the flow, as the package docstring says; a module may import only from its own layer or above.
RANK = layers(lstm_explained.__doc__)


def part(module: str) -> str:
    return module.split(".")[1]


def test_the_layout_has_the_parts_the_map_names():
    assert {part(m) for m in MODULES} == set(RANK), "a new part of the package needs its place in the package docstring's list"
    assert {"lstm_explained.cells", "lstm_explained.tasks", "lstm_explained.models", "lstm_explained.training",
            "lstm_explained.experiments", "lstm_explained.viz", "lstm_explained.runtime"} <= set(SUBPACKAGES)


@pytest.mark.parametrize("module", MODULES)
def test_every_module_has_its_test_file(module):
    """tests/ mirrors the package: lstm_explained/cells/lstm.py is tested in tests/cells/test_lstm.py."""
    *folders, name = module.split(".")[1:]
    expected = ROOT / "tests" / Path(*folders) / f"test_{name.lstrip('_')}.py"
    assert expected.exists(), f"{module} has no test file {expected.relative_to(ROOT)}"


def upward(module: str, rank: dict[str, int]) -> list[str]:
    """The package modules ``module`` imports that sit later in the flow than it does."""
    return [d for d in cache.dependencies(module) if part(d) in rank and rank[part(d)] > rank[part(module)]]


@pytest.mark.parametrize("module", MODULES)
def test_imports_point_down_the_flow(module):
    found = upward(module, RANK)
    assert not found, f"{module} imports {found}, which come later in the flow"


def test_the_flow_check_sees_an_import_that_points_up():
    # viz.gate_tables builds tables from the experiments' records; were viz earlier in the flow, that would point up
    assert "lstm_explained.experiments.analogy" in upward("lstm_explained.viz.gate_tables", {**RANK, "viz": 5})


def test_the_layers_are_read_from_the_list_as_written():
    doc = "Intro.\n\n- :mod:`~lstm_explained.runtime` and ``_checks``: helpers.\n- :mod:`~lstm_explained.cells`: the\n  equations, :mod:`~lstm_explained.cells.layout` too.\n- :mod:`~lstm_explained.viz`: figures.\n"
    assert layers(doc) == {"runtime": 0, "_checks": 0, "cells": 1, "viz": 2}
    # the helpers every layer uses sit at the top of the list, and the page-facing parts at the bottom
    assert RANK["runtime"] == RANK["stats"] == RANK["_checks"] == 0
    assert RANK["experiments"] < RANK["readings"] < RANK["viz"]


def test_the_package_never_imports_sphinx():
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n.split(".")[0] in ("sphinx", "myst_nb", "sphinx_gallery") for n in names), path


def test_the_package_docstring_is_a_map_of_every_part():
    doc = lstm_explained.__doc__
    for name in SUBPACKAGES + [m for m in MODULES if m.count(".") == 1 and not part(m).startswith("_")]:
        assert f":mod:`~{name}`" in doc, f"lstm_explained's docstring does not mention {name}"
    # in the order data flows
    positions = [doc.index(f":mod:`~lstm_explained.{p}`") for p in ("runtime", "cells", "tracing", "tasks", "models", "training", "analysis", "experiments", "readings", "viz")]
    assert positions == sorted(positions)


@pytest.mark.parametrize("subpackage", SUBPACKAGES)
def test_each_subpackage_docstring_lists_its_modules(subpackage):
    doc = importlib.import_module(subpackage).__doc__ or ""
    inside = [m for m in MODULES if m.rpartition(".")[0] == subpackage]
    assert inside and all(f":mod:`~{m}`" in doc for m in inside), f"{subpackage}'s docstring must name each of {inside}"


def test_every_public_name_is_on_the_api_page():
    api = (ROOT / "docs" / "api.rst").read_text()
    missing = []
    for module in MODULES:
        if part(module).startswith("_"):
            continue
        if f".. automodule:: {module}\n" not in api:
            missing.append(module)
            continue
        section = api.split(f".. automodule:: {module}\n")[1].split(".. automodule::")[0]
        missing += [f"{module}.{name}" for name in importlib.import_module(module).__all__ if name not in section.split()]
    assert not missing, f"docs/api.rst does not document {missing}"


def test_the_readme_layout_names_every_subpackage():
    readme = (ROOT / "README.md").read_text()
    layout = readme.split("## Layout")[1].split("\n## ")[0]
    for name in SUBPACKAGES:
        assert f"{name.split('.')[1]}/" in layout, f"README's layout section does not mention {name}"


def test_pyproject_ships_every_subpackage():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["packages"]["find"]["include"]
    for name in ["lstm_explained", *SUBPACKAGES]:
        assert any(fnmatch.fnmatch(name, p) for p in patterns), f"pyproject.toml does not ship {name}"


def _doc_comment_first_lines(source: str) -> list[str]:
    """The first line of every ``#:`` block (Sphinx's doc comments for data)."""
    lines = source.splitlines()
    return [line for k, line in enumerate(lines) if line.startswith("#:") and (k == 0 or not lines[k - 1].startswith("#:"))]


@pytest.mark.parametrize("module", MODULES)
def test_doc_comments_do_not_read_as_a_type(module):
    """napoleon reads "X: Y" on a doc comment's first line as a type named X, which the strict
    docs build then fails to find; say it another way."""
    source = (ROOT / Path(*module.split("."))).with_suffix(".py")
    if not source.exists():
        source = ROOT / Path(*module.split(".")) / "__init__.py"
    unroled = [re.sub(r":[a-z]+:`[^`]*`", "", line[2:]) for line in _doc_comment_first_lines(source.read_text())]
    assert not [line for line in unroled if ": " in line], f"{module}: a doc comment's first line has 'X: Y'"


def _property_first_lines(source: str) -> list[str]:
    """The first docstring line of every ``@property`` (napoleon reads "X: Y" there as a return type too)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and any(isinstance(d, ast.Name) and d.id == "property" for d in node.decorator_list):
            doc = ast.get_docstring(node)
            if doc:
                found.append(doc.splitlines()[0])
    return found


@pytest.mark.parametrize("module", MODULES)
def test_property_docstrings_do_not_read_as_a_type(module):
    source = (ROOT / Path(*module.split("."))).with_suffix(".py")
    if not source.exists():
        source = ROOT / Path(*module.split(".")) / "__init__.py"
    unroled = [re.sub(r":[a-z]+:`[^`]*`|``[^`]*``", "", line) for line in _property_first_lines(source.read_text())]
    assert not [line for line in unroled if ": " in line], f"{module}: a property docstring's first line has 'X: Y'"


def test_the_property_check_sees_a_colon():
    found = _property_first_lines('class A:\n    @property\n    def n(self):\n        """Steps taken: many."""\n    def m(self):\n        """Not: a property."""\n')
    assert found == ["Steps taken: many."]


def test_the_doc_comment_check_sees_a_colon():
    found = _doc_comment_first_lines("x = 1\n#: A thing: it breaks\n#: more: fine\ny = 2\n#: :math:`a` fine\n")
    assert found == ["#: A thing: it breaks", "#: :math:`a` fine"]
