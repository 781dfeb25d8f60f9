"""Write myst-nb's execution statuses as words.

The ``nb-exec-table`` directive (the colophon's table of what this build executed) marks each page
with the emoji ✅ or ❌, which a machine without an emoji font draws as an empty box. After
myst-nb has filled the table in, this replaces each with the word it stands for.
"""

from __future__ import annotations

from docutils import nodes

WORDS = {"✅": "ran", "❌": "failed"}


def words_for_statuses(doctree: nodes.Node) -> int:
    """Replace every text node that is only a status emoji with its word; returns how many."""
    found = [node for node in doctree.findall(nodes.Text) if node.astext().strip() in WORDS]
    for node in found:
        node.parent.replace(node, nodes.Text(WORDS[node.astext().strip()]))
    return len(found)


def _on_doctree_resolved(app, doctree, docname) -> None:
    words_for_statuses(doctree)


def setup(app):
    app.connect("doctree-resolved", _on_doctree_resolved)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
