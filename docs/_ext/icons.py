"""The theme's icons without all of Font Awesome.

pydata-sphinx-theme loads Font Awesome's whole icon set as one script (1.5 MB, 538 KB gzipped) on
every page, to draw about fifteen icons. After each HTML build this extension reads the icons the
pages use (their ``fa-*`` classes, and those the theme's own script adds), takes their outlines from
that same script, and writes ``_static/icons.js``: a few KB that turns each ``<i class="fa-solid
fa-NAME">`` into the same inline SVG Font Awesome would draw. ``docs/_templates/static/
webpack-macros.html`` loads it in place of ``fontawesome.js``.

The theme's stylesheet also draws a few glyphs of Font Awesome's solid font from CSS (the
breadcrumbs' divider, the admonitions' icons, the external-link arrow), which would fetch the whole
font (115 KB) on most pages. The extension cuts that font to those glyphs
(``_static/fonts/book-icons.woff2``, a few KB) and writes ``_static/book-icons.css``, which declares
the cut font under the theme's family name for exactly those characters; being declared last, it
is the face the browser uses for them, so the full font is never fetched.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

#: The styles, as Font Awesome's script registers them (its short prefix) and as the pages name them.
STYLES = {"fas": "fa-solid", "far": "fa-regular", "fab": "fa-brands"}
_BLOCK = re.compile(r"var b=(\{.*?\});!function.{0,400}?p\(\"(fa[srb])\",b\)", re.DOTALL)
_ENTRY = re.compile(r'"?([a-z0-9-]+)"?:\[(\d+),(\d+),\[[^\]]*\],"[^"]*","((?:[^"\\]|\\.)*)"\]')
_STYLE = r"\b(?:fa-solid|fa-regular|fa-brands|fas|far|fab)\b"
_CLASSES = re.compile(rf'class="([^"]*{_STYLE}[^"]*)"|classList="([^"]*{_STYLE}[^"]*)"')
#: Classes that size or style an icon rather than name it.
_NOT_ICONS = {"fa-fw", "fa-lg", "fa-xs", "fa-sm", "fa-xl", "fa-2x", "fa-spin", "fa-width-fixed"}


def icon_table(script: str) -> dict[str, dict[str, tuple[int, int, str]]]:
    """Every icon in Font Awesome's ``all.min.js`` text: style -> name -> (width, height, path)."""
    table: dict[str, dict[str, tuple[int, int, str]]] = {}
    for block, prefix in _BLOCK.findall(script):
        table[STYLES[prefix]] = {name: (int(w), int(h), path) for name, w, h, path in _ENTRY.findall(block)}
    return table


def used_icons(texts) -> set[tuple[str, str]]:
    """The ``(style, name)`` of every icon named in ``texts`` (HTML pages and the theme's scripts)."""
    used = set()
    for text in texts:
        for a, b in _CLASSES.findall(text):
            classes = (a or b).split()
            style = next(STYLES.get(c, c) for c in classes if c in STYLES or c in STYLES.values())
            used.update((style, c[3:]) for c in classes if c.startswith("fa-") and c not in STYLES.values() and c not in _NOT_ICONS)
    return used


def script(icons: dict[str, dict[str, tuple[int, int, str]]]) -> str:
    """The JavaScript that draws ``icons`` (style -> name -> outline) where a page names them."""
    return (
        "// Written by docs/_ext/icons.py from Font Awesome Free (icons CC BY 4.0): only the icons this site uses.\n"
        f"const ICONS = {json.dumps(icons, separators=(',', ':'))};\n"
        """function drawIcons(root) {
  const long = { fas: "fa-solid", far: "fa-regular", fab: "fa-brands" };
  // the drawn <svg> keeps these classes: select only what is still a placeholder, or each drawing
  // would be a change the observer below answers by drawing again
  root.querySelectorAll(":is(.fa-solid, .fa-regular, .fa-brands, .fas, .far, .fab):not(svg)").forEach((el) => {
    const style = [...el.classList].map((c) => long[c] || c).find((c) => c in ICONS);
    const name = [...el.classList].find((c) => c.startsWith("fa-") && ICONS[style] && c.slice(3) in ICONS[style]);
    if (!name) return;
    const [width, height, path] = ICONS[style][name.slice(3)];
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    // the <i>'s own attributes carry meaning the theme's CSS reads (data-mode on the theme switch)
    for (const { name: attr, value } of el.attributes) if (attr !== "class") svg.setAttribute(attr, value);
    svg.setAttribute("class", `svg-inline--fa ${el.getAttribute("class")}`);
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.dataset.icon = name.slice(3);
    const outline = document.createElementNS("http://www.w3.org/2000/svg", "path");
    outline.setAttribute("fill", "currentColor");
    outline.setAttribute("d", path);
    svg.append(outline);
    el.replaceWith(svg);
  });
}
document.addEventListener("DOMContentLoaded", () => {
  drawIcons(document);
  // the theme adds a few icons later (a banner's close button)
  new MutationObserver((changes) => changes.forEach((c) => c.addedNodes.forEach((n) => n.querySelectorAll && drawIcons(n.parentNode || n))))
    .observe(document.body, { childList: true, subtree: true });
});
"""
    )


#: The theme's stylesheet, its solid glyph font, and what this extension writes in their place.
THEME_CSS = "styles/pydata-sphinx-theme.css"
SOLID_FONT = "vendor/fontawesome/webfonts/fa-solid-900.woff2"
GLYPH_FONT = "fonts/book-icons.woff2"
GLYPH_CSS = "book-icons.css"
#: The family and weight the theme's ``--fa-font-solid`` names.
SOLID_FAMILY = "Font Awesome 7 Free"
_GLYPH = re.compile(r'--pst-(?:icon-[a-z-]+|breadcrumb-divider):"([^"]+)"')


def css_glyphs(css: str) -> set[str]:
    """The characters the theme's stylesheet draws from Font Awesome's font: the values of its
    icon variables (``--pst-icon-*``, ``--pst-breadcrumb-divider``)."""
    return {c for value in _GLYPH.findall(css) for c in value}


def held(characters: set[str], font: Path) -> set[str]:
    """Those of ``characters`` that ``font`` draws (the brands' logos are in another font)."""
    from fontTools.ttLib import TTFont

    return characters & set(map(chr, TTFont(font).getBestCmap()))


def glyph_face(characters: set[str], font: str = GLYPH_FONT) -> str:
    """The ``@font-face`` rule that serves ``characters`` from the cut font under the theme's solid family."""
    if not characters:
        raise ValueError("glyph_face: no characters to serve")
    ranges = ",".join(f"U+{ord(c):04X}" for c in sorted(characters))
    return (f'@font-face {{ font-family: "{SOLID_FAMILY}"; font-style: normal; font-weight: 900; font-display: block; '
            f'src: url("{font}") format("woff2"); unicode-range: {ranges}; }}\n')


def _write_glyphs(outdir: Path) -> None:
    from korean_font import cut  # the same fontTools cut as the Korean font's

    static = outdir / "_static"
    characters = held(css_glyphs((static / THEME_CSS).read_text(encoding="utf-8")), static / SOLID_FONT)
    if not characters:
        logger.warning(f"icons: found no glyph variables in {THEME_CSS}; the theme's whole icon font will load")
        return
    size = cut(characters, static / GLYPH_FONT, source=static / SOLID_FONT)
    (static / GLYPH_CSS).write_text("/* Written by docs/_ext/icons.py: the theme's CSS glyphs from a cut of Font Awesome Free's solid font (SIL OFL 1.1). */\n"
                                    + glyph_face(characters), encoding="utf-8")
    logger.info(f"icons: {len(characters)} CSS glyphs in _static/{GLYPH_FONT}, {size / 1024:.1f} KB")


def _write(app, exc) -> None:
    if exc is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    awesome = outdir / "_static" / "scripts" / "fontawesome.js"
    table = icon_table(awesome.read_text())
    theme_scripts = [p.read_text(errors="replace") for p in (outdir / "_static" / "scripts").glob("*.js") if p.name != "fontawesome.js"]
    used = used_icons([p.read_text(errors="replace") for p in outdir.rglob("*.html")] + theme_scripts)
    missing = sorted(f"{style} {name}" for style, name in used if name not in table.get(style, {}))
    if missing:
        logger.warning(f"icons: the pages name icons Font Awesome does not have: {missing}")
    icons: dict[str, dict[str, tuple[int, int, str]]] = {}
    for style, name in sorted(used):
        if name in table.get(style, {}):
            icons.setdefault(style, {})[name] = table[style][name]
    (outdir / "_static" / "icons.js").write_text(script(icons))
    logger.info(f"icons: {sum(map(len, icons.values()))} icons in _static/icons.js")
    _write_glyphs(outdir)


def setup(app):
    app.connect("build-finished", _write)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
