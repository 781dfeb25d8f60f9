"""Each chapter as a Jupyter notebook, offered in the page's download menu beside its source.

The chapters are MyST text notebooks; myst-nb reads them into notebooks to execute them, and this
extension writes that same notebook (every cell, the hidden ones too, without outputs) to
``_sources/<chapter>.ipynb`` with a first cell that says what it needs. sphinx-book-theme puts an
``.ipynb`` entry in the download menu when the page context names ``ipynb_source``.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from myst_nb.core.read import read_myst_markdown_notebook

HEADER = (
    "To run this notebook, install the book's package with what its pages use, from a clone of its "
    "repository: `pip install -e \".[docs]\"` (Python 3.11 or newer). Cells the web page hides compute "
    "the numbers its text quotes; they run here too."
)


def notebook(text: str) -> nbformat.NotebookNode:
    """The notebook of a MyST chapter, with the header cell first."""
    nb = read_myst_markdown_notebook(text)
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(HEADER))
    return nb


def _offer(app, pagename, templatename, context, doctree) -> None:
    source = Path(app.srcdir) / f"{pagename}.md"
    if not pagename.startswith("chapters/") or not source.exists() or "file_format: mystnb" not in source.read_text():
        return
    out = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook(source.read_text()), str(out))
    context["ipynb_source"] = f"{pagename}.ipynb"


def setup(app):
    app.connect("html-page-context", _offer, priority=400)  # before the theme builds its download menu
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
