"""Chapters show their figures: one place decides how, and the build fails when one goes missing.

How figures reach the page: the Jupyter kernel that myst-nb starts inherits this process's
environment, and with ``MPLBACKEND=Agg`` there (as a headless build often sets) matplotlib never
installs the inline backend, so ``plt.show()`` and a figure left open at the end of a cell produce
no output at all. This extension sets :data:`KERNEL_BACKEND` for every kernel the build starts: the
inline backend shows, then closes, every figure still open at the end of a cell. Pages leave their
figures open; none depends on the backend by accident.

How a missing figure is caught: a code cell *draws* when it calls ``plt.subplots``, ``plt.figure``
or ``plt.show``, or one of the book's figure functions, ``figures.<name>(`` (:func:`drawing_cells`). After the build, every chapter's HTML must hold at least
as many ``<img>`` as its source has drawing cells; fewer is a build warning (an error under ``-W``).
The tests apply the same rule to each executed notebook, cell by cell.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

#: The matplotlib backend of every kernel that executes a chapter.
KERNEL_BACKEND = "module://matplotlib_inline.backend_inline"
_DRAWS = re.compile(r"\bplt\.(subplots|figure|show)\(|\bfigures\.\w+\(")
_CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
_IMG = re.compile(r"<img\b", re.IGNORECASE)


def draws(source: str) -> bool:
    """Whether a code cell's source draws a figure."""
    return bool(_DRAWS.search(source))


def drawing_cells(markdown: str) -> int:
    """How many code cells of a MyST notebook's text draw a figure."""
    return sum(draws(body) for body in _CODE_CELL.findall(markdown))


def images(html: str) -> int:
    """How many ``<img>`` an HTML page holds."""
    return len(_IMG.findall(html))


def missing_figures(srcdir: Path, outdir: Path) -> list[str]:
    """One line for each built chapter with fewer images than drawing cells."""
    problems = []
    for source in sorted(srcdir.rglob("*.md")):
        if "_build" in source.parts:
            continue
        text = source.read_text()
        built = outdir / source.relative_to(srcdir).with_suffix(".html")
        expected = drawing_cells(text)
        if "file_format: mystnb" not in text or not expected or not built.exists():
            continue
        found = images(built.read_text(errors="replace"))
        if found < expected:
            problems.append(f"{built.relative_to(outdir)} shows {found} image(s), but {source.relative_to(srcdir)} has {expected} cell(s) that draw")
    return problems


def _use_inline_backend(app, config) -> None:
    os.environ["MPLBACKEND"] = KERNEL_BACKEND


def _check(app, exc) -> None:
    if exc is not None or app.builder.format != "html":
        return
    for problem in missing_figures(Path(app.srcdir), Path(app.outdir)):
        logger.warning(f"chapter_figures: {problem}")


def setup(app):
    app.connect("config-inited", _use_inline_backend)
    app.connect("build-finished", _check, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
