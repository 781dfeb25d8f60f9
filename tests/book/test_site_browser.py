"""Every page of the built site, opened in a real browser: Debian's Chromium driven by Playwright.

The site is the one ``nox -s docs`` last built into ``docs/_build/html``, served on localhost. For
every page: no console errors; no request leaves localhost (recorded while the page runs, so what
its scripts fetch counts too); every image loads; math is typeset where the page has math; no
horizontal scrolling on a 390-pixel-wide phone; figures keep a light background in the theme's
dark mode; and axe-core finds no serious or critical accessibility violation. Then the search
page finds "forget gate", every gallery example's downloads are served, and the cell viewer
answers a hover. Screenshots of failing pages are kept in ``tests/browser-failures/``.

Skipped, saying why, where Chromium, Playwright or the built site is missing; with
``LSTM_EXPLAINED_BROWSER=required`` (CI sets it) a skip is a failure instead.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "docs" / "_build" / "html"
FAILURES = ROOT / "tests" / "browser-failures"
REQUIRED = os.environ.get("LSTM_EXPLAINED_BROWSER") == "required"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
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


@pytest.fixture(scope="module")
def site():
    """The built site on http://127.0.0.1:<port>/."""
    if not (SITE / "index.html").exists():
        unavailable("the site is not built (run nox -s docs first)")
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
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


@pytest.mark.parametrize("path", PAGES)
def test_page(site, browser, path):
    visit = Visit(browser, site + path)
    page = visit.page
    check(visit, path, not visit.errors, f"{path}: console errors {visit.errors}")
    broken = page.evaluate(_BROKEN_IMAGES)
    check(visit, path, not broken, f"{path}: images that do not load: {broken}")
    html = (SITE / path).read_text(errors="replace")
    if re.search(r'class="math|\\\(|\$\$', html):
        try:
            page.wait_for_selector("mjx-container", timeout=15_000)
        except Exception:
            check(visit, path, False, f"{path}: has math, but MathJax typeset none of it")
    check(visit, path, not visit.outside, f"{path}: requests leaving localhost: {visit.outside}")

    from axe_playwright_python.sync_playwright import Axe

    violations = [v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    details = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}" for v in violations]
    check(visit, path, not violations, f"{path}: accessibility violations: {details}")
    visit.close()

    phone = Visit(browser, site + path, viewport={"width": 390, "height": 844}, device_scale_factor=2)
    overflow = phone.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    check(phone, path + "-phone", overflow <= 1, f"{path}: scrolls sideways by {overflow}px on a 390px-wide screen")
    phone.close()

    if "<img" not in html:  # the dark-mode check reads content images only: with none, a third load would find nothing
        return
    dark = Visit(browser, site + path, color_scheme="dark")
    dark.page.evaluate("document.documentElement.dataset.theme = 'dark'; localStorage.setItem('theme', 'dark')")
    unreadable = dark.page.evaluate(_TRANSPARENT_ON_DARK)
    check(dark, path + "-dark", not unreadable, f"{path}: transparent figures on a dark background: {unreadable}")
    dark.close()


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


def test_the_cell_viewer_answers_a_hover(site, browser):
    visit = Visit(browser, site + "chapters/interpretable.html")
    viewer = visit.page.locator(".lstm-viewer").first
    viewer.scroll_into_view_if_needed()
    viewer.locator("pre span").nth(5).hover()
    text = viewer.locator(".lstm-viewer-value").text_content()
    check(visit, "viewer", re.fullmatch(r"character 5: -?\d\.\d\d", text) is not None, f"viewer readout after hover: {text!r}")
    visit.close()
