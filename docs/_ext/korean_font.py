"""Ship the Korean text of the site in a font of its own: a subset of NanumGothic, cut to the
Hangul the built pages use, so that Korean renders on a machine with no CJK font installed.

The font comes from the ``koreanize-matplotlib`` package (NanumGothic, SIL Open Font License), a
pinned docs dependency; nothing is downloaded. After every HTML build, the Hangul of every page is
collected and the font cut to those glyphs (``_static/fonts/book-korean.woff2``, a few tens of KB
instead of 4.7 MB). ``book.css`` declares it with a ``unicode-range``, so a browser fetches it only
for a page that shows Korean.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Hangul jamo, compatibility jamo and syllables: the ranges book.css's @font-face names.
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
FONT = "fonts/book-korean.woff2"


def source_font() -> Path:
    """NanumGothic's regular face, as the koreanize-matplotlib package installs it."""
    return Path(str(resources.files("koreanize_matplotlib") / "fonts" / "NanumGothic.ttf"))


def hangul_in(outdir: Path) -> set[str]:
    """Every Hangul character in the site's HTML pages."""
    found: set[str] = set()
    for page in outdir.rglob("*.html"):
        found.update(HANGUL.findall(page.read_text(errors="replace")))
    return found


def cut(characters: set[str], out: Path, source: Path | None = None) -> int:
    """Write the subset of ``source`` that draws ``characters`` to ``out`` (WOFF2); returns its
    size in bytes."""
    import logging as std_logging

    from fontTools import subset

    # fontTools reports each table it leaves out (NanumGothic carries VTT's source tables, TSI*)
    std_logging.getLogger("fontTools").setLevel(std_logging.ERROR)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.drop_tables += ["TSI0", "TSI1", "TSI2", "TSI3", "TSI5"]
    font = subset.load_font(str(source or source_font()), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(c) for c in characters})
    subsetter.subset(font)
    out.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(out), options)
    return out.stat().st_size


def _write(app, exc) -> None:
    if exc is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    characters = hangul_in(outdir)
    if not characters:
        return
    size = cut(characters, outdir / "_static" / FONT)
    logger.info(f"korean_font: {len(characters)} Hangul characters, {size / 1024:.0f} KB")


def setup(app):
    app.connect("build-finished", _write)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
