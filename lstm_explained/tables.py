"""A small table type the pages render as Markdown or HTML."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["Table"]


@dataclass
class Table:
    """Rows of cells under named columns; cells are shown with ``str``.

    >>> t = Table(["name", "value"], [["a<b", 1]], caption="demo")
    >>> print(t.to_markdown())
    | name | value |
    |---|---|
    | a<b | 1 |
    >>> t.to_html().count("&lt;")
    1
    """

    columns: Sequence[str]
    rows: Sequence[Sequence[object]]
    caption: str = ""
    notes: list[str] = field(default_factory=list)

    def __post_init__(self):
        width = len(self.columns)
        for k, row in enumerate(self.rows):
            if len(row) != width:
                raise ValueError(f"Table: row {k} has {len(row)} cells, expected {width} ({list(self.columns)})")

    def to_markdown(self) -> str:
        """A GitHub/MyST Markdown table (``|`` in cells is escaped)."""
        cell = lambda v: str(v).replace("|", "\\|")  # noqa: E731
        lines = ["| " + " | ".join(map(cell, self.columns)) + " |", "|" + "---|" * len(self.columns)]
        lines += ["| " + " | ".join(map(cell, row)) + " |" for row in self.rows]
        return "\n".join(lines)

    def to_html(self) -> str:
        """An HTML table, every cell escaped."""
        esc = lambda v: html.escape(str(v))  # noqa: E731
        head = "".join(f"<th>{esc(c)}</th>" for c in self.columns)
        body = "".join("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>" for row in self.rows)
        caption = f"<caption>{esc(self.caption)}</caption>" if self.caption else ""
        return f'<table class="lstm-explained-table">{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'

    def _repr_html_(self) -> str:  # shown by Jupyter and myst-nb
        return self.to_html()

    def _repr_markdown_(self) -> str:
        return self.to_markdown()
