"""The theme's icons without all of Font Awesome.

pydata-sphinx-theme loads Font Awesome's whole icon set as one script (1.5 MB, 538 KB gzipped) on
every page, to draw about fifteen icons. After each HTML build this extension reads the icons the
pages use (their ``fa-*`` classes, and those the theme's own script adds), takes their outlines from
that same script, and writes ``_static/icons.js``: a few KB that turns each ``<i class="fa-solid
fa-NAME">`` into the same inline SVG Font Awesome would draw. ``docs/_templates/static/
webpack-macros.html`` loads it in place of ``fontawesome.js``.
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


def setup(app):
    app.connect("build-finished", _write)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
