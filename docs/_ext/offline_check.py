"""Fail the build if any page loads something from outside the site.

Readers may be offline, and a page that pulls a script, stylesheet, font or image from a CDN breaks
there. Links (``<a href>``) to other sites are fine: they are citations, followed by choice.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

# An attribute that makes the browser fetch something: script/img/iframe/source src, link href
# (stylesheets, preloads, icons; not rel="canonical", which names the page's published address and
# is never fetched), and url(...) in inline styles or CSS files.
_TAG_FETCH = re.compile(
    r"<(?:script|img|iframe|source|audio|video|embed)\b[^>]*?\bsrc\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)"
    r"|<link\b(?![^>]*\brel\s*=\s*[\"']?canonical)[^>]*?\bhref\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)",
    re.IGNORECASE,
)
_CSS_FETCH = re.compile(r"(?:url\(\s*[\"']?|@import\s+[\"'])((?:https?:)?//[^\"')\s]+)", re.IGNORECASE)


def external_fetches(text: str, css: bool = False) -> list[str]:
    """URLs outside the site that ``text`` (HTML, or CSS when ``css``) makes a browser load."""
    if css:
        return _CSS_FETCH.findall(text)
    found = [a or b for a, b in _TAG_FETCH.findall(text)]
    return found + _CSS_FETCH.findall(text)


def _check(app, exc) -> None:
    if exc is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for path in sorted(outdir.rglob("*")):
        if path.suffix not in (".html", ".css") or "mathjax" in path.parts:
            continue
        for url in external_fetches(path.read_text(errors="replace"), css=path.suffix == ".css"):
            logger.warning(f"offline_check: {path.relative_to(outdir)} loads {url} from outside the site")


def setup(app):
    app.connect("build-finished", _check, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
