"""Every page of the built site, opened in a real browser: Debian's Chromium driven by Playwright.

The site is the one ``nox -s docs`` last built into ``docs/_build/html``, served on localhost. For
every page: no console errors; no request leaves localhost (recorded while the page runs, so what
its scripts fetch counts too); every image loads; math is typeset where the page has math; no
horizontal scrolling once the window is narrowed to a 390-pixel-wide phone; figures keep a light
background in the theme's dark mode; Korean text is drawn in the site's own font; a page loads at most 600 KB of gzipped
scripts, styles and fonts, and its icons are drawn;
no markup is left as text ($math$, a role); glued values are set like the text around them; the book's diagrams keep their labels at 11 px or more on the
phone (or scroll at a size where they do); and axe-core (the current release, vendored in
``tests/book/vendor``) finds no serious or critical accessibility violation. Then the search page finds "forget gate", every gallery example's downloads are
served, and the cell viewer answers a hover. Screenshots of failing pages are kept in
``tests/browser-failures/``.

The pages are visited a few at a time (one more than the cores), each loaded once in a tab that
goes from page to page: the phone and dark-mode checks narrow the window and switch the theme on
the loaded page. The API pages'
primary sidebar is the same list of every API page on each of them; axe reads it in full on the
first API page and on every other page, and leaves it out on the remaining API pages, where it
was three quarters of the elements and of axe's time.

Skipped, saying why, where Chromium, Playwright or the built site is missing; with
``LSTM_EXPLAINED_BROWSER=required`` (CI sets it) a skip is a failure instead.
"""

from __future__ import annotations

import asyncio
import functools
import http.server
import os
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "docs" / "_build" / "html"
FAILURES = ROOT / "tests" / "browser-failures"
REQUIRED = os.environ.get("LSTM_EXPLAINED_BROWSER") == "required"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
#: axe-core, the current release, as the npm package ships it (tests/book/vendor/README.md says where from).
AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
#: The most a page may load, gzipped, in scripts, styles and fonts before its figures (issue 22's budget).
PAGE_WEIGHT_LIMIT = 600_000
#: The smallest label a diagram may show a reader, in CSS pixels, at any width the tests try.
SMALLEST_LABEL_PX = 11
PAGES = sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html") if "_static" not in p.parts) if SITE.exists() else []


def unavailable(reason: str):
    if REQUIRED:
        pytest.fail(f"LSTM_EXPLAINED_BROWSER=required, but {reason}")
    pytest.skip(reason)


def chromium() -> str:
    path = shutil.which("chromium")
    if path is None:
        unavailable("Debian's chromium is not installed (nox -s browser-deps installs it)")
    probe = subprocess.run([path, "--version"], capture_output=True, text=True)
    if probe.returncode != 0 or "Chromium" not in probe.stdout:
        unavailable(f"chromium does not run here ({probe.stdout.strip() or probe.stderr.strip()[:200]})")
    return path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(folder: Path) -> http.server.ThreadingHTTPServer:
    """``folder`` served on a free port of 127.0.0.1, until ``shutdown()``."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def site():
    """The built site on http://127.0.0.1:<port>/."""
    if not (SITE / "index.html").exists():
        unavailable("the site is not built (run nox -s docs first)")
    server = _serve(SITE)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    executable = chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed (it is in the test extra)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=FLAGS)
        yield browser
        browser.close()


class Visit:
    """A page opened in a fresh context, with what it logged and requested."""

    def __init__(self, browser, url: str, **context):
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.errors, self.outside = [], []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.outside.append(r.url) if urlparse(r.url).hostname not in (None, "127.0.0.1") and not r.url.startswith(("data:", "blob:")) else None)
        self.page.goto(url, wait_until="load")

    def keep_screenshot(self, name: str) -> None:
        FAILURES.mkdir(exist_ok=True)
        self.page.screenshot(path=str(FAILURES / (re.sub(r"[^A-Za-z0-9_.-]", "_", name) + ".png")), full_page=True)

    def close(self) -> None:
        self.context.close()


def check(visit: Visit, name: str, ok: bool, message: str) -> None:
    if not ok:
        visit.keep_screenshot(name)
        visit.close()
        pytest.fail(message)


_BROKEN_IMAGES = """async () => {
  const broken = [];
  for (const img of document.querySelectorAll('img')) {
    const response = await fetch(img.currentSrc || img.src);
    const blob = await response.blob();
    if (!response.ok || !blob.type.startsWith('image/') || blob.size === 0) broken.push(img.src);
  }
  return broken;
}"""

_TRANSPARENT_ON_DARK = """async () => {
  // content images with transparent corners must sit on a light background in dark mode
  const dark = [];
  for (const img of document.querySelectorAll('.bd-article img')) {
    await img.decode().catch(() => {});
    if (!img.naturalWidth) continue;
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const w = canvas.width - 1, h = canvas.height - 1;
    const corners = [[0, 0], [w, 0], [0, h], [w, h]].map(([x, y]) => ctx.getImageData(x, y, 1, 1).data[3]);
    if (Math.min(...corners) === 255) continue;  // opaque: it brings its own background
    let el = img, bg = 'rgba(0, 0, 0, 0)';
    while (el && /rgba\\(0, 0, 0, 0\\)|transparent/.test(bg)) { bg = getComputedStyle(el).backgroundColor; el = el.parentElement; }
    const [r, g, b] = bg.match(/\\d+/g).map(Number);
    if (r + g + b < 600) dark.push(img.src + ' on ' + bg);
  }
  return dark;
}"""


def _leaves_localhost(url: str) -> bool:
    return urlparse(url).hostname not in (None, "127.0.0.1") and not url.startswith(("data:", "blob:"))


def _has_math(html: str) -> bool:
    return re.search(r'class="math|\\\(|\$\$', html) is not None


#: The API pages: one per public name, each with the same sidebar listing all of them.
API_PAGES = [p for p in PAGES if p.startswith("generated/")]
#: The one API page on which axe reads that sidebar too.
SIDEBAR_CHECKED_ON = API_PAGES[0] if API_PAGES else None


@dataclass
class Found:
    """What one page showed in the browser: each list empty when the page is right."""

    errors: list = field(default_factory=list)  # console errors and uncaught exceptions
    outside: list = field(default_factory=list)  # requests that left localhost
    problems: list = field(default_factory=list)  # every failed check, as its message


class Tab:
    """One browser tab that visits page after page, recording what each one logs and requests."""

    def __init__(self, page):
        self.page, self.found = page, Found()
        page.on("console", lambda m: self.found.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.found.errors.append(str(e)))
        page.on("request", lambda r: self.found.outside.append(r.url) if _leaves_localhost(r.url) else None)

    @classmethod
    async def open(cls, context) -> "Tab":
        return cls(await context.new_page())


async def _visit(tab: Tab, site: str, path: str, axe_script: str, root: Path = SITE, failures: Path = FAILURES) -> Found:
    """Load ``path`` (a file under ``root``, served at ``site``) once in ``tab`` and run every check
    on it: desktop, then phone-wide, then dark."""
    found = tab.found = Found()
    page = tab.page

    async def fail(stage: str, message: str) -> None:
        found.problems.append(f"{path}: {message}")
        failures.mkdir(exist_ok=True)
        await page.screenshot(path=str(failures / (re.sub(r"[^A-Za-z0-9_.-]", "_", path + stage) + ".png")), full_page=True)

    try:
        await page.set_viewport_size({"width": 1280, "height": 720})
        await page.emulate_media(color_scheme="light")
        await page.goto(site + path, wait_until="load")
        html = (root / path).read_text(errors="replace")
        broken = await page.evaluate(_BROKEN_IMAGES)
        if broken:
            await fail("", f"images that do not load: {broken}")
        if _has_math(html):
            try:
                await page.wait_for_selector("mjx-container", timeout=15_000)
            except Exception:
                await fail("", "has math, but MathJax typeset none of it")
        raw = await page.evaluate(_RAW_MARKUP)
        if raw:
            await fail("", f"markup shown as text instead of rendered: {raw[:3]}")
        loaded = {urlparse(url).path: _gzipped(root, url) for url in await page.evaluate(_LOADED)}  # a file fetched twice counts once
        weight = sum(loaded.values())
        if weight > PAGE_WEIGHT_LIMIT:
            heaviest = sorted(loaded.items(), key=lambda item: -item[1])[:6]
            await fail("", f"loads {weight / 1000:.0f} KB of gzipped scripts, styles and fonts, over {PAGE_WEIGHT_LIMIT / 1000:.0f} KB: "
                           + ", ".join(f"{path} {size / 1000:.0f} KB" for path, size in heaviest))
        undrawn = await page.evaluate("() => document.querySelectorAll('.bd-page-width i.fa-solid, .bd-page-width i.fas').length")
        if undrawn:
            await fail("", f"{undrawn} icons left undrawn")
        restless = await page.evaluate(_RESTLESS)
        if restless > 100:
            await fail("", f"keeps changing after it has loaded: {restless} DOM changes in half a second (a script in a loop?)")
        blank = await page.evaluate(_BLANK_BUTTONS)
        if blank:
            await fail("", f"header buttons that show nothing: {blank}")
        korean = await page.evaluate(_KOREAN_FONT)
        if korean["hangul"] and "loaded" not in korean["faces"]:
            await fail("", f"shows Korean ({korean['hangul']}) but the site's Korean font did not load: {korean['faces']}")
        bold = await page.evaluate(_BOLD_GLUE)
        if bold:
            await fail("", f"glued values set bolder than the text around them: {bold[:3]}")
        await page.evaluate(axe_script)
        scope = "{exclude: [['.bd-sidebar-primary']]}" if path in API_PAGES and path != SIDEBAR_CHECKED_ON else "document"
        # no preload: axe fetches the stylesheets' @imports again, resolved against the page instead of the
        # sheet (the theme's "../basic.css" becomes /basic.css, a 404 the reader's browser never makes)
        results = await page.evaluate(f"axe.run({scope}, {{resultTypes: ['violations'], preload: false}}).then(r => r.violations)")
        violations = [v for v in results if v["impact"] in ("serious", "critical")]
        if violations:
            details = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}" for v in violations]
            await fail("", f"accessibility violations: {details}")

        await page.set_viewport_size({"width": 390, "height": 844})
        overflow = await page.evaluate(_OVERFLOW)
        if overflow > 1:
            await fail("-phone", f"scrolls sideways by {overflow}px on a 390px-wide screen")
        small = await page.evaluate(_SMALL_LABELS, SMALLEST_LABEL_PX)
        if small:
            await fail("-phone", f"diagram labels under {SMALLEST_LABEL_PX}px on a 390px-wide screen: {small[:5]}")

        if "<img" in html:  # the dark-mode check reads content images only: with none it would find nothing
            await page.set_viewport_size({"width": 1280, "height": 720})
            await page.emulate_media(color_scheme="dark")
            await page.evaluate("document.documentElement.dataset.theme = 'dark'")
            unreadable = await page.evaluate(_TRANSPARENT_ON_DARK)
            if unreadable:
                await fail("-dark", f"transparent figures on a dark background: {unreadable}")
        if found.errors:
            found.problems.append(f"{path}: console errors {found.errors}")
        if found.outside:
            found.problems.append(f"{path}: requests leaving localhost: {found.outside}")
    except Exception as error:  # a page that cannot be visited fails its own test, not the others'
        found.problems.append(f"{path}: the visit failed: {error!r}")
    return found


# What a reader would see as leftover markup: $math$ not typeset, a MyST role or a glue left as text.
# Code, typeset math and the page's scripts are not prose and are left out.
_RAW_MARKUP = """() => {
  const article = document.querySelector('.bd-article') || document.body;
  const copy = article.cloneNode(true);
  copy.querySelectorAll('pre, code, mjx-container, script, style, .highlight, dt.sig').forEach(e => e.remove());  // dt.sig: an API signature is code
  const text = copy.textContent;
  return [...text.matchAll(/\\$[^$\\n]{1,80}\\$|\\{(?:glue|term|doc|ref|func|mod)[:}][^}]*\\}?`?/g)].map(m => m[0]);
}"""


# A loaded page should sit still: count the DOM changes in half a second once it has settled.
_RESTLESS = """() => new Promise(done => {
  let changes = 0;
  const watch = new MutationObserver(list => { changes += list.length; });
  watch.observe(document.documentElement, {subtree: true, childList: true, attributes: true});
  setTimeout(() => { watch.disconnect(); done(changes); }, 500);
})"""


# A button in the page's header whose icon is missing shows nothing a reader can see or click.
_BLANK_BUTTONS = """() => [...document.querySelectorAll('.bd-header-article button, .bd-header-article .btn')]
  .filter(b => b.offsetParent !== null && ![...b.querySelectorAll('svg, img, span, i')].some(e => e.getBoundingClientRect().width > 0))
  .map(b => b.getAttribute('aria-label') || b.title || b.className)"""


# The scripts, stylesheets and fonts the page has loaded by now, as the browser requested them.
_LOADED = """async () => {
  await document.fonts.ready;
  return performance.getEntriesByType('resource').map(r => r.name).filter(u => /\\.(js|css|woff2?|ttf|otf)(\\?|$)/.test(u));
}"""


@functools.lru_cache(maxsize=None)
def _gzipped(root: Path, url: str) -> int:
    """The size of the site's file at ``url``, gzipped as a web server would send it (level 6)."""
    import gzip

    path = root / urlparse(url).path.lstrip("/")
    return len(gzip.compress(path.read_bytes(), compresslevel=6)) if path.is_file() else 0


# Korean on the page, and the state of the site's own Korean font (docs/_ext/korean_font.py): where
# no installed font has Hangul (this test's machines have none), only that font can draw it.
_KOREAN_FONT = """async () => {
  const hangul = (document.body.innerText.match(/[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/g) || []).slice(0, 5).join('');
  await document.fonts.ready;
  const faces = [...document.fonts].filter(f => f.family.replace(/["']/g, '') === 'Book Korean').map(f => f.status);
  return {hangul, faces};
}"""


# A glued value (myst-nb's span.pasted-text) must look like the sentence it sits in.
_BOLD_GLUE = """() => [...document.querySelectorAll('span.pasted-text')]
  .filter(s => parseInt(getComputedStyle(s).fontWeight) > parseInt(getComputedStyle(s.parentElement).fontWeight))
  .map(s => s.textContent.slice(0, 60))"""


# Each diagram label's size as the reader sees it: its font size times the scale at which its SVG is
# drawn (rendered width over viewBox width). Only diagrams that are shown count (not display: none).
_SMALL_LABELS = """(smallest) => {
  const small = [];
  for (const svg of document.querySelectorAll('.bd-article svg.lstm-diagram')) {
    const box = svg.getBoundingClientRect(), view = svg.viewBox.baseVal;
    if (!box.width || !view || !view.width) continue;
    const scale = box.width / view.width;
    for (const t of svg.querySelectorAll('text')) {
      const px = parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize) * scale;
      if (px < smallest) small.push(`${t.textContent} at ${px.toFixed(1)}px`);
    }
  }
  return small;
}"""


# the layout settles a frame after the window changes size
_OVERFLOW = """() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() =>
  done(document.documentElement.scrollWidth - document.documentElement.clientWidth))))"""


async def _visit_all(site: str, executable: str, workers: int) -> dict[str, Found]:
    from playwright.async_api import async_playwright

    axe_script = AXE.read_text()
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=executable, args=FLAGS)
        # one context per worker: its pages share the HTTP cache, so the theme's files load once
        contexts = [await browser.new_context() for _ in range(workers)]
        queue: asyncio.Queue = asyncio.Queue()
        for path in PAGES:
            queue.put_nowait(path)
        found: dict[str, Found] = {}

        async def worker(context):
            tab = await Tab.open(context)
            while not queue.empty():
                path = queue.get_nowait()
                found[path] = await _visit(tab, site, path, axe_script)

        await asyncio.gather(*(worker(c) for c in contexts))
        await browser.close()
    return found


@pytest.fixture(scope="module")
def visits(site):
    """Every page visited and checked, a few at a time: what each one showed."""
    executable = chromium()
    try:
        import playwright  # noqa: F401
    except ImportError:
        unavailable("the playwright package is not installed (it is in the test extra)")
    # measured on 40 API pages with 2 cores: 112 s one at a time, 68 s two at a time, 67 s three at a time
    return asyncio.run(_visit_all(site, executable, workers=(os.cpu_count() or 1) + 1))


@pytest.mark.parametrize("path", PAGES)
def test_page(visits, path):
    problems = visits[path].problems
    assert not problems, "\n".join(problems)


def test_the_page_checks_catch_what_a_reader_would_see(tmp_path):
    """The checks themselves, on made-up pages: each one fails where it should, and a right page passes."""
    executable = chromium()
    made_up = {
        "wide.html": '<html lang="en"><head><title>t</title></head><body><main><div style="width:900px">wide</div></main></body></html>',
        "broken.html": '<html lang="en"><head><title>t</title></head><body><main><img alt="x" src="missing.png"></main></body></html>',
        "noisy.html": '<html lang="en"><head><title>t</title></head><body><main><script>console.error("boom")</script></main></body></html>',
        "unlabelled.html": '<html lang="en"><head><title>t</title></head><body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>',
        "tiny.html": '<html lang="en"><head><title>t</title></head><body><main class="bd-article"><svg class="lstm-diagram" viewBox="0 0 800 100" width="100%" role="img" aria-label="d"><text x="10" y="50" font-size="12">h</text></svg></main></body></html>',
        "bold.html": '<html lang="en"><head><title>t</title></head><body><main><p>It is <span class="pasted-text" style="font-weight:bold">0.5</span>.</p></main></body></html>',
        "raw.html": '<html lang="en"><head><title>t</title></head><body><main class="bd-article"><p>the gate is $f_t = 0.5$ here</p></main></body></html>',
        "korean.html": '<html lang="en"><head><meta charset="utf-8"><title>t</title></head><body><main><p>망각 게이트</p></main></body></html>',
        "heavy.html": '<html lang="en"><head><title>t</title><script src="heavy.js"></script></head><body><main><p>heavy</p></main></body></html>',
        "restless.html": '<html lang="en"><head><title>t</title></head><body><main><p id="x">0</p><script>setInterval(() => { x.textContent = Date.now(); }, 1)</script></main></body></html>',
        "fine.html": '<html lang="en"><head><title>t</title></head><body><main><p>fine</p></main></body></html>',
    }
    for name, html in made_up.items():
        (tmp_path / name).write_text(html)
    # a script that does not compress: random digits, more than the budget even gzipped
    import random

    (tmp_path / "heavy.js").write_text("var x = '" + "".join(random.Random(0).choices("0123456789abcdef", k=2 * PAGE_WEIGHT_LIMIT)) + "';")
    server = _serve(tmp_path)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    from playwright.async_api import async_playwright

    async def run():
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=executable, args=FLAGS)
            tab = await Tab.open(await browser.new_context())
            out = {name: await _visit(tab, url, name, AXE.read_text(), tmp_path, tmp_path / "shots") for name in made_up}
            await browser.close()
            return out

    try:
        found = asyncio.run(run())
    finally:
        server.shutdown()
    assert any("scrolls sideways" in m for m in found["wide.html"].problems), found["wide.html"]
    assert any("images that do not load" in m for m in found["broken.html"].problems), found["broken.html"]
    assert any("console errors" in m and "boom" in m for m in found["noisy.html"].problems), found["noisy.html"]
    assert any("image-alt" in m for m in found["unlabelled.html"].problems), found["unlabelled.html"]
    assert any("diagram labels under" in m for m in found["tiny.html"].problems), found["tiny.html"]
    assert any("glued values set bolder" in m for m in found["bold.html"].problems), found["bold.html"]
    assert any("markup shown as text" in m and "$f_t = 0.5$" in m for m in found["raw.html"].problems), found["raw.html"]
    assert any("Korean font did not load" in m for m in found["korean.html"].problems), found["korean.html"]
    assert any("gzipped scripts, styles and fonts" in m for m in found["heavy.html"].problems), found["heavy.html"]
    assert any("keeps changing after it has loaded" in m for m in found["restless.html"].problems), found["restless.html"]
    assert found["fine.html"].problems == []
    # a failing page leaves its screenshot, a passing one none
    assert (tmp_path / "shots" / "wide.html-phone.png").exists() and not list((tmp_path / "shots").glob("fine*"))


def test_the_vendored_axe_is_the_one_named():
    """The audit runs the release the docstring and the vendor note name, not an older file left behind."""
    head = AXE.read_text()[:200]
    version = AXE.stem.removeprefix("axe-").removesuffix(".min")
    assert f"axe v{version}" in head, head


def test_search_finds_the_forget_gate(site, browser):
    visit = Visit(browser, site + "search.html?q=forget+gate")
    visit.page.wait_for_selector("#search-results li", timeout=30_000)
    found = visit.page.locator("#search-results li a").all_inner_texts()
    check(visit, "search", any("gate" in t.lower() or "lstm" in t.lower() for t in found), f"search for 'forget gate' found {found}")
    visit.close()


def test_every_example_can_be_downloaded(site, browser):
    examples = sorted((ROOT / "gallery").glob("plot_*.py"))
    assert examples
    visit = Visit(browser, site + "auto_examples/index.html")
    for example in examples:
        page = visit.page.goto(site + f"auto_examples/{example.stem}.html")
        links = visit.page.locator("a.reference.download").evaluate_all("els => els.map(e => e.href)")
        for suffix in (".py", ".ipynb"):
            wanted = [link for link in links if link.endswith(example.stem + suffix)]
            check(visit, example.stem, len(wanted) == 1, f"{example.stem}: no {suffix} download link among {links}")
            response = visit.page.request.get(wanted[0])
            check(visit, example.stem, response.ok and len(response.body()) > 100, f"{wanted[0]}: {response.status}")
            check(visit, example.stem, b"pip install" in response.body(), f"{wanted[0]} does not say how to install the package")
        assert page is not None
    visit.close()


def test_every_chapter_can_be_downloaded_as_a_notebook(site, browser):
    import json

    chapters = [p for p in PAGES if p.startswith("chapters/")]
    assert chapters
    visit = Visit(browser, site + chapters[0])
    for path in chapters:
        visit.page.goto(site + path)
        links = visit.page.locator("a").evaluate_all("els => els.map(e => e.href).filter(h => h.endsWith('.ipynb'))")
        check(visit, path, len(links) == 1, f"{path}: {len(links)} notebook links in its download menu")
        response = visit.page.request.get(links[0])
        cells = json.loads(response.body())["cells"] if response.ok else []
        check(visit, path, len(cells) > 3 and any(c["cell_type"] == "code" for c in cells), f"{links[0]}: {response.status}, {len(cells)} cells")
    visit.close()


def test_the_cell_viewer_answers_a_hover(site, browser):
    visit = Visit(browser, site + "chapters/interpretable.html")
    viewer = visit.page.locator(".lstm-viewer").first
    viewer.scroll_into_view_if_needed()
    viewer.locator("pre span").nth(5).hover()
    text = viewer.locator(".lstm-viewer-value").text_content()
    check(visit, "viewer", re.fullmatch(r"character 5: -?\d\.\d\d", text) is not None, f"viewer readout after hover: {text!r}")
    visit.close()
