"""Leave the search index to the search page.

pydata-sphinx-theme loads Sphinx's search tools and the whole search index (``searchindex.js``, 67
KB gzipped and growing with the book) on every page, for its search-as-you-type dialog. With that
option off, as here, the dialog only sends its query to ``search.html``, which loads the index
itself; on every other page the three scripts are dead weight. After each HTML build they are
taken out of every page but the search page.
"""

from __future__ import annotations

import re
from pathlib import Path

#: The scripts the theme's layout adds for search-as-you-type, as it writes them.
_SEARCH_SCRIPTS = re.compile(r'[ \t]*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)"></script>\n?')


def without_search_scripts(html: str) -> str:
    """``html`` without the theme's search-as-you-type scripts.

    >>> page = '<head>\\n<script src="../_static/searchtools.js"></script>\\n<script src="../searchindex.js"></script>\\n<script src="x.js"></script>\\n</head>'
    >>> print(without_search_scripts(page))
    <head>
    <script src="x.js"></script>
    </head>
    """
    return _SEARCH_SCRIPTS.sub("", html)


def _strip(app, exc) -> None:
    if exc is not None or app.builder.format != "html" or app.config.html_theme_options.get("search_as_you_type"):
        return
    outdir = Path(app.outdir)
    for page in outdir.rglob("*.html"):
        if page.relative_to(outdir).as_posix() == "search.html" or "_static" in page.parts:
            continue
        text = page.read_text()
        lighter = without_search_scripts(text)
        if lighter != text:
            page.write_text(lighter)


def setup(app):
    app.connect("build-finished", _strip)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
