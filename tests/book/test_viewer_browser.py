"""The cell viewer in a real browser: Debian's Chromium driven by Playwright.

Skipped where either is missing: Playwright is in the test extra, and ``nox -s browser-deps``
installs Chromium.
"""

import shutil

import pytest
import torch

from lstm_explained.viz import html as viz_html

CHROMIUM = shutil.which("chromium")
playwright = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (the test extra)")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (nox -s browser-deps installs it)")

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def rgb(value):
    fade = round(255 * (1 - min(1, abs(value))))
    return f"rgb(255, {fade}, {fade})" if value > 0 else f"rgb({fade}, {fade}, 255)"


def test_pick_a_cell_and_hover_a_character(tmp_path):
    text = "x = '<a>'\n"
    values = torch.stack([torch.linspace(-1, 1, len(text)), -torch.linspace(-1, 1, len(text))], 1)
    page_file = tmp_path / "viewer.html"
    page_file.write_text("<!doctype html><html><body>" + viz_html.viewer_html(text, values, ["first", "second"]) + "</body></html>")
    stored = torch.round(values * 127) / 127
    requests = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.goto(page_file.as_uri())
        spans = page.locator("pre span")
        assert spans.count() == len(text)
        assert spans.nth(0).evaluate("e => e.textContent") == "x"
        assert spans.nth(0).evaluate("e => e.style.background") == rgb(stored[0, 0].item())
        page.select_option("select", "1")
        assert spans.nth(0).evaluate("e => e.style.background") == rgb(stored[0, 1].item())
        spans.nth(3).hover()
        assert page.locator(".lstm-viewer-value").text_content() == f"character 3: {stored[3, 1].item():.2f}"
        browser.close()
    assert requests == [page_file.as_uri()]  # nothing fetched from anywhere else
