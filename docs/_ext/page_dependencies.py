"""Re-run a page when the code it uses changes, and only then.

myst-nb re-executes a chapter only when Sphinx re-reads it, and sphinx-gallery re-runs an example
only when the example's own file changes (its ``.md5``). Neither notices a change in
``lstm_explained``, whose code draws every figure and writes every computed sentence. This
extension reads the imports of each page's code (a chapter's code cells, a gallery script), follows
them through the package (:func:`lstm_explained.runtime.cache.dependencies`, and the packages
above each module, whose ``__init__`` runs on import), and hashes the code of those modules
(:func:`lstm_explained.runtime.cache.code_of`: docstrings and comments left out) with
``page_dependencies_extra`` (the torch and Python versions). A chapter whose digest changed is
re-read, so re-executed; an example whose digest changed loses its ``.md5`` stamp, so it runs again.
Editing one reading re-runs the pages that import it, not the whole book. A page named in
``page_dependencies_followers`` (the colophon, which shows what the chapters record when they run)
is re-read whenever a page it follows is.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
from pathlib import Path

from sphinx.util import logging

from lstm_explained.runtime import cache

logger = logging.getLogger(__name__)
ROOT_PACKAGE = "lstm_explained"
STAMP_SUFFIX = ".deps"  # beside each example's .md5 in the gallery's output folder


def page_code(text: str, suffix: str) -> list[str]:
    """The Python a page runs: a MyST notebook's code cells, or a whole gallery script."""
    if suffix == ".py":
        return [text]
    if "file_format: mystnb" not in text:
        return []
    from myst_nb.core.read import read_myst_markdown_notebook

    notebook = read_myst_markdown_notebook(text)
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def imported_modules(sources: list[str], root: str = ROOT_PACKAGE) -> set[str]:
    """The modules under ``root`` that ``sources`` import (IPython magics and shell lines skipped)."""
    found: set[str] = set()
    for source in sources:
        python = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())
        for node in ast.walk(ast.parse(python)):
            if isinstance(node, ast.ImportFrom) and not node.level and node.module:
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    found.add(sub if _is_module(sub) else node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
    return {name for name in found if (name == root or name.startswith(root + ".")) and _is_module(name)}


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def closure(modules: set[str]) -> set[str]:
    """``modules``, every package module they import, transitively, and the packages above each."""
    seen: set[str] = set()
    todo = list(modules)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        parents = [name.rsplit(".", k)[0] for k in range(1, name.count(".") + 1)]
        todo.extend(m for m in [*cache.dependencies(name), *parents] if m not in seen)
    return seen


def digest(modules: set[str], extra: str) -> str:
    """sha256 over the code of ``modules`` (names and :func:`~lstm_explained.runtime.cache.code_of`) and ``extra``."""
    hashed = hashlib.sha256(extra.encode())
    for name in sorted(modules):
        hashed.update(name.encode())
        hashed.update(cache.code_of(Path(importlib.util.find_spec(name).origin)).encode())
    return hashed.hexdigest()


def page_digest(path: Path, extra: str) -> str | None:
    """The digest of what ``path``'s code imports from the package, or ``None`` for a page with no code."""
    sources = page_code(path.read_text(), path.suffix)
    if not sources:
        return None
    return digest(closure(imported_modules(sources)), extra)


def _on_config_inited(app, config) -> None:
    """Remove the ``.md5`` stamp of every gallery example whose package code changed."""
    gallery = config.sphinx_gallery_conf
    sources = gallery.get("examples_dirs", [])
    outputs = gallery.get("gallery_dirs", [])
    sources, outputs = ([sources] if isinstance(sources, str) else sources), ([outputs] if isinstance(outputs, str) else outputs)
    for source, output in zip(sources, outputs):
        folder = Path(app.srcdir) / output
        for example in sorted(Path(app.confdir, source).glob("*.py")):
            stamp = folder / (example.name + STAMP_SUFFIX)
            value = page_digest(example, config.page_dependencies_extra) or ""
            if stamp.exists() and stamp.read_text() == value:
                continue
            md5 = folder / (example.name + ".md5")
            if md5.exists():
                md5.unlink()
                logger.info(f"page_dependencies: the code {example.name} uses changed; it will re-run")
            folder.mkdir(parents=True, exist_ok=True)
            stamp.write_text(value)


def _on_env_get_outdated(app, env, added, changed, removed) -> list[str]:
    """The chapters whose package code changed since they were last read."""
    stored = getattr(env, "page_dependency_digests", {})
    extra = app.config.page_dependencies_extra
    outdated, now = [], {}
    for docname in sorted(env.found_docs):
        path = Path(env.doc2path(docname))
        if path.suffix != ".md":
            continue
        value = page_digest(path, extra)
        if value is None:
            continue
        now[docname] = value
        if docname not in added and docname not in changed and stored.get(docname) != value:
            outdated.append(docname)
    env.page_dependency_digests = now
    if outdated:
        logger.info(f"page_dependencies: the package code of {len(outdated)} page(s) changed: {', '.join(outdated)}")
    return outdated + followers(app.config.page_dependencies_followers, env.found_docs, {*added, *changed, *outdated})


def followers(rules: dict[str, str], found: set[str], reread: set[str]) -> list[str]:
    """The pages of ``rules`` (page: prefix) to re-read because a page under their prefix is.

    Sphinx reads pages in sorted order, so a follower must sort after every page it follows to see
    what they wrote in this build; one that does not is an error in the configuration.

    >>> followers({"colophon": "chapters/"}, {"colophon", "chapters/gates", "index"}, {"chapters/gates"})
    ['colophon']
    >>> followers({"colophon": "chapters/"}, {"colophon", "chapters/gates"}, {"index"})
    []
    """
    found_now = []
    for page, prefix in rules.items():
        led = sorted(d for d in found if d.startswith(prefix))
        if led and page < led[-1]:
            raise ValueError(f"page_dependencies_followers: {page!r} sorts before {led[-1]!r}, so it would be read before it")
        if page in found and page not in reread and any(d.startswith(prefix) for d in reread):
            found_now.append(page)
    return found_now


def setup(app):
    app.add_config_value("page_dependencies_extra", "", "env")
    # pages that show what other pages recorded when they ran: re-read whenever one of those is
    app.add_config_value("page_dependencies_followers", {}, "env")
    # after sphinx-gallery has filled in its defaults, before it runs the examples
    app.connect("config-inited", _on_config_inited, priority=900)
    app.connect("env-get-outdated", _on_env_get_outdated)
    return {"version": "1.0", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
