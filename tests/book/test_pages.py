"""The pages' own code runs and its assertions hold, outside Sphinx too.

Chapters are MyST notebooks: they are read with myst-nb's own reader and executed in a kernel, as
the docs build does. Gallery examples are run as scripts. The build's helper extensions are tested
on small inputs whose answers are known.
"""

import ast
import runpy
import sys
from pathlib import Path

import matplotlib
import nbclient
import pytest
from myst_nb.core.read import read_myst_markdown_notebook

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p for p in (ROOT / "docs").rglob("*.md") if "_build" not in p.parts and "file_format: mystnb" in p.read_text())
CHAPTERS = [p for p in PAGES if p.parent.name == "chapters"]  # the story; the other pages (the colophon) run code too
EXAMPLES = sorted((ROOT / "gallery").glob("plot_*.py"))
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

import chapter_figures  # noqa: E402
import chapter_notebooks  # noqa: E402
import icons  # noqa: E402
import korean_font  # noqa: E402
import light_pages  # noqa: E402
import offline_check  # noqa: E402
import page_dependencies  # noqa: E402
import status_words  # noqa: E402

CONF = runpy.run_path(str(ROOT / "docs" / "conf.py"))  # the build's own settings (execution timeout)


def test_there_are_pages_to_check():
    assert CHAPTERS and EXAMPLES and set(CHAPTERS) < set(PAGES)


@pytest.mark.shared_cache
@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_chapter_executes_and_every_drawing_cell_shows_a_figure(path, monkeypatch):
    """Executed as the docs build executes it (same kernel backend, same timeout): every cell
    that draws must leave an image among its outputs, or the reader would see none."""
    notebook = read_myst_markdown_notebook(path.read_text())
    assert any(cell.cell_type == "code" for cell in notebook.cells)
    monkeypatch.setenv("MPLBACKEND", chapter_figures.KERNEL_BACKEND)
    nbclient.NotebookClient(notebook, timeout=CONF["nb_execution_timeout"], resources={"metadata": {"path": str(path.parent)}}).execute()
    drawing = [cell for cell in notebook.cells if cell.cell_type == "code" and chapter_figures.draws(cell.source)]
    blank = [cell.source.splitlines()[0] for cell in drawing if not any("image/png" in out.get("data", {}) for out in cell.outputs)]
    assert not blank, f"{path.name}: cells that draw but show no image: {blank}"
    assert len(drawing) == chapter_figures.drawing_cells(path.read_text())


def test_figure_rules_count_what_a_reader_would_see(tmp_path):
    page = "---\nfile_format: mystnb\n---\n```{code-cell} ipython3\nfig, ax = plt.subplots()\n```\n\n```{code-cell} ipython3\nx = 1\n```\n"
    assert chapter_figures.drawing_cells(page) == 1
    # a cell that only calls one of the book's figure functions draws too
    assert chapter_figures.drawing_cells(page.replace("x = 1", "figures.saturation_scatter(found.saturation);")) == 2
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "ch.md").write_text(page)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "ch.html").write_text("<p>no figure</p>")
    assert chapter_figures.missing_figures(tmp_path / "src", tmp_path / "out") == ["ch.html shows 0 image(s), but ch.md has 1 cell(s) that draw"]
    (tmp_path / "out" / "ch.html").write_text('<img src="a.png"/>')
    assert chapter_figures.missing_figures(tmp_path / "src", tmp_path / "out") == []


@pytest.mark.shared_cache
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_gallery_example_runs(path, monkeypatch, capsys):
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    monkeypatch.chdir(path.parent)
    runpy.run_path(str(path), run_name="__main__")
    plt.close("all")
    assert "device: " in capsys.readouterr().out, "every example prints the device it ran on"


@pytest.mark.parametrize(
    "snippet, css, expected",
    [
        ('<script src="https://cdn.example.org/mathjax.js"></script>', False, ["https://cdn.example.org/mathjax.js"]),
        ("<link rel='stylesheet' href='//fonts.example.org/a.css'>", False, ["//fonts.example.org/a.css"]),
        ('<img alt="x" src="http://example.org/a.png">', False, ["http://example.org/a.png"]),
        ('<div style="background: url(https://example.org/b.png)"></div>', False, ["https://example.org/b.png"]),
        ('@import "https://example.org/c.css";', True, ["https://example.org/c.css"]),
        ('<a href="https://colah.github.io/">a citation</a>', False, []),
        ('<link rel="canonical" href="https://lstm-explained.readthedocs.io/en/latest/index.html" />', False, []),
        ('<link rel="icon" href="https://example.org/favicon.ico" />', False, ["https://example.org/favicon.ico"]),
        ('<script src="_static/mathjax/tex-chtml.js"></script><link href="_static/book.css">', False, []),
    ],
)
def test_offline_check_finds_what_a_browser_would_fetch(snippet, css, expected):
    assert offline_check.external_fetches(snippet, css=css) == expected


def test_a_page_depends_on_what_its_imports_reach_and_nothing_else():
    page = ["import torch\n%matplotlib inline\nfrom lstm_explained.experiments import variants\nfrom lstm_explained import stats\n"]
    modules = page_dependencies.imported_modules(page)
    assert modules == {"lstm_explained.experiments.variants", "lstm_explained.stats"}
    reached = page_dependencies.closure(modules)
    # the packages above a module run on import; what the experiment imports is reached
    assert {"lstm_explained", "lstm_explained.experiments", "lstm_explained.training.packing"} <= reached
    # a computation does not reach the sentences read from it, nor other chapters' experiments
    assert not any(m.startswith("lstm_explained.readings.") for m in reached)
    assert "lstm_explained.experiments.readable_cells" not in reached
    readings = page_dependencies.closure(page_dependencies.imported_modules(["from lstm_explained.readings import variants as r"]))
    assert "lstm_explained.readings.variants" in readings and "lstm_explained.experiments.variants" in readings


def test_a_page_digest_changes_with_its_code_and_the_versions_only(tmp_path):
    chapter = tmp_path / "ch.md"
    chapter.write_text("---\nfile_format: mystnb\n---\n```{code-cell} ipython3\nfrom lstm_explained import stats\n```\n")
    first = page_dependencies.page_digest(chapter, "torch 2.13.0")
    assert page_dependencies.page_digest(chapter, "torch 2.13.0") == first
    assert page_dependencies.page_digest(chapter, "torch 2.14.0") != first
    # the package's own __init__ already imports tracing: only a module reached anew changes the digest
    chapter.write_text(chapter.read_text().replace("import stats", "import stats, tracing"))
    assert page_dependencies.page_digest(chapter, "torch 2.13.0") == first
    chapter.write_text(chapter.read_text().replace("import stats", "import stats\nfrom lstm_explained.experiments import memory"))
    assert page_dependencies.page_digest(chapter, "torch 2.13.0") != first
    prose = tmp_path / "glossary.md"
    prose.write_text("# Glossary\n\nNo code here.\n")
    assert page_dependencies.page_digest(prose, "torch 2.13.0") is None
    # what the digest hashes is the modules' code: a module whose code differs gives another digest
    assert page_dependencies.digest({"lstm_explained.stats"}, "") != page_dependencies.digest({"lstm_explained.tracing"}, "")


def test_execution_statuses_are_words_not_emoji():
    from docutils import nodes

    table = nodes.table("", nodes.paragraph(text="✅"), nodes.paragraph(text="❌"), nodes.paragraph(text="✅ and more"))
    assert status_words.words_for_statuses(table) == 2
    assert [p.astext() for p in table.findall(nodes.paragraph)] == ["ran", "failed", "✅ and more"]


def test_the_colophon_is_re_read_after_any_chapter_and_must_sort_after_them():
    rules = CONF["page_dependencies_followers"]
    found = {"colophon", "chapters/gates", "chapters/variants", "index"}
    assert page_dependencies.followers(rules, found, {"chapters/variants"}) == ["colophon"]
    assert page_dependencies.followers(rules, found, {"index", "colophon"}) == []
    with pytest.raises(ValueError, match="sorts before 'chapters/variants'"):
        page_dependencies.followers({"building": "chapters/"}, found | {"building"}, {"chapters/gates"})


def test_only_the_chapters_whose_code_changed_are_re_read(tmp_path):
    class Env:
        found_docs = {"a", "b", "prose"}

        def doc2path(self, name):
            return tmp_path / f"{name}.md"

    class App:
        class config:
            page_dependencies_extra = "x"
            page_dependencies_followers = {}

    cell = "---\nfile_format: mystnb\n---\n```{{code-cell}} ipython3\nfrom lstm_explained import {}\n```\n"
    (tmp_path / "a.md").write_text(cell.format("stats"))
    (tmp_path / "b.md").write_text(cell.format("tracing"))
    (tmp_path / "prose.md").write_text("# words\n")
    env = Env()
    assert page_dependencies._on_env_get_outdated(App, env, set(), set(), set()) == ["a", "b"]  # a first build
    assert page_dependencies._on_env_get_outdated(App, env, set(), set(), set()) == []  # unchanged
    env.page_dependency_digests["b"] = "stale"  # as if b's package code had changed since it was read
    assert page_dependencies._on_env_get_outdated(App, env, set(), set(), set()) == ["b"]
    env.page_dependency_digests["a"] = "stale"
    assert page_dependencies._on_env_get_outdated(App, env, set(), {"a"}, set()) == []  # already re-read


def page_code(path):
    """The Python a page runs: a chapter's code cells, or a gallery script."""
    if path.suffix == ".py":
        return [path.read_text()]
    notebook = read_myst_markdown_notebook(path.read_text())
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def definitions(source: str) -> list[str]:
    """The functions, lambdas and classes a piece of Python defines."""
    kinds = {ast.FunctionDef: "def", ast.AsyncFunctionDef: "async def", ast.Lambda: "lambda", ast.ClassDef: "class"}
    return [f"{kinds[type(node)]} on line {node.lineno}" for node in ast.walk(ast.parse(source)) if type(node) in kinds]


def test_the_definition_finder_sees_every_kind():
    assert definitions("def f():\n    pass\nclass A:\n    pass\ng = lambda: 1\nx = 1\n") == ["def on line 1", "class on line 3", "lambda on line 5"]


@pytest.mark.parametrize("path", PAGES + EXAMPLES, ids=lambda p: p.stem)
def test_pages_define_no_functions(path):
    """d2l's rule: what a page computes is written once in the package, with a doctest and a
    test; a page only calls it and glues the results into text."""
    found = [f"{definition} of cell {k}" for k, source in enumerate(page_code(path)) for definition in definitions(source)]
    assert not found, f"{path.name} defines {found}: move it into lstm_explained"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_a_downloaded_example_says_how_to_install_the_package(path):
    docstring = path.read_text().split('"""')[1]
    assert "pip install -e ." in docstring
    assert "pip install -e ." in CONF["sphinx_gallery_conf"]["first_notebook_cell"]


def _recap(text: str) -> tuple[str, list[str]]:
    """The title and bullets of a page's recap: its last section, or the one before its closing
    "Exercises", if that section is "What we measured" or "What we learned"."""
    sections = text.split("\n## ")
    if sections[-1].startswith("Exercises") and len(sections) > 2:
        sections = sections[:-1]
    title, _, body = sections[-1].partition("\n")
    if title.strip() not in ("What we measured", "What we learned"):
        return "", []
    return title.strip(), ["- " + b for b in ("\n" + body).split("\n- ")[1:]]


def _measured_bullets(text: str) -> list[str]:
    """The bullets of a page's recap, if it is "What we measured"."""
    title, bullets = _recap(text)
    return bullets if title == "What we measured" else []


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_each_chapter_ends_with_what_this_build_measured(path):
    """Every chapter ends with a recap in bullets (before its exercises, if it has them). A "What we
    measured" recap reads the build's numbers: every bullet carries a number or a reading the build
    glued in, so none can stay the same whatever the build measured. A "What we learned" recap (the
    chapters that teach a cell) sums up the idea in words."""
    title, bullets = _recap(path.read_text())
    assert bullets, f"{path.name}: the last section (before Exercises) is not a recap with bullets"
    if title == "What we learned":
        return
    fixed = [b.splitlines()[0] for b in bullets if "{glue:" not in b]
    assert not fixed, f"{path.name}: summary bullets with no measured value: {fixed}"


def test_the_summary_finder_sees_a_missing_or_fixed_summary():
    assert _measured_bullets("# T\n\n## Results\n\n- a {glue:text}`x`\n") == []
    assert _measured_bullets("# T\n\n## What we measured\n\n- a {glue:text}`x`\n- b\n") == ["- a {glue:text}`x`", "- b\n"]
    assert _recap("# T\n\n## What we learned\n\n- a\n\n## Exercises\n\n1. q\n") == ("What we learned", ["- a\n"])
    assert _recap("# T\n\n## Exercises\n\n1. q\n") == ("", [])


def test_the_chapters_come_in_the_order_a_newcomer_can_follow():
    index = (ROOT / "docs" / "index.md").read_text()
    toctree = index.split(":caption: Chapters")[1].split("```")[0]
    listed = [line.strip() for line in toctree.splitlines() if line.strip().startswith("chapters/")]
    story = ["rnn", "lstm_cell", "memory", "gradients", "variants", "gates", "soy_sauce", "interpretable"]
    assert [c for c in (p.removeprefix("chapters/") for p in listed) if c in story] == story
    assert {f"chapters/{p.stem}" for p in CHAPTERS} <= set(listed)


@pytest.mark.parametrize("path", PAGES + EXAMPLES, ids=lambda p: p.stem)
def test_no_page_chooses_its_own_colours(path):
    """Colours belong to lstm_explained.viz.colours, so that a kind looks the same on every page:
    a page that names a colour could draw one kind in another's."""
    import re

    source = path.read_text()
    chosen = re.findall(r"\b(?:color|colors|colour|cmap)\s*=|['\"]tab:\w+|['\"]#[0-9a-fA-F]{6}\b|['\"]C\d['\"]", source)
    assert not chosen, f"{path.name} chooses colours itself: {chosen}"


def test_the_korean_font_draws_every_hangul_character_a_page_uses(tmp_path):
    from fontTools.ttLib import TTFont

    (tmp_path / "site" / "chapters").mkdir(parents=True)
    (tmp_path / "site" / "glossary.html").write_text("<p>망각 게이트, forget gate</p>")
    (tmp_path / "site" / "chapters" / "soy.html").write_text("<p>콩물과 간장 (kongmul)</p>")
    wanted = korean_font.hangul_in(tmp_path / "site")
    assert wanted == set("망각게이트콩물과간장")
    size = korean_font.cut(wanted, tmp_path / "k.woff2")
    drawn = set(map(chr, TTFont(tmp_path / "k.woff2").getBestCmap()))
    assert wanted <= drawn and "셀" not in drawn  # cut to what is used: a syllable no page has is left out
    assert size < 20_000 < korean_font.source_font().stat().st_size


def test_the_built_sites_korean_font_covers_its_pages():
    from fontTools.ttLib import TTFont

    site = ROOT / "docs" / "_build" / "html"
    if not (site / "_static" / korean_font.FONT).exists():
        pytest.skip("no built site with Korean text (run nox -s docs first)")
    used = korean_font.hangul_in(site)
    assert used, "the built site shows no Korean, but it ships a Korean font"
    assert used <= set(map(chr, TTFont(site / "_static" / korean_font.FONT).getBestCmap()))


def test_no_built_page_shows_markup_that_did_not_parse():
    # reST reads a role glued to the character before it (``±:data:`KEEP```) as plain interpreted
    # text, which Sphinx sets as <cite> with the raw target in it: the book cites nothing that way
    site = ROOT / "docs" / "_build" / "html"
    if not (site / "index.html").exists():
        pytest.skip("no built site (run nox -s docs first)")
    unparsed = [str(p.relative_to(site)) for p in site.rglob("*.html") if "<cite>" in p.read_text(encoding="utf-8")]
    assert not unparsed, f"pages with a role or reference that did not parse (set as <cite>): {unparsed[:5]}"


def test_the_icons_script_holds_the_outlines_the_pages_name():
    import json
    import re

    script = 'var b={"house":[576,512,[],"f015","M0 0h1z"],bars:[448,512,["navicon"],"f0c9","M2 2h2z"]};!function(c){}(function(){p("fas",b),p("fa-solid",b)})'
    table = icons.icon_table(script)
    assert table == {"fa-solid": {"house": (576, 512, "M0 0h1z"), "bars": (448, 512, "M2 2h2z")}}
    used = icons.used_icons(['<i class="fa-solid fa-bars fa-lg fa-fw"></i>', '<i class="fas fa-house"></i>', 'f.classList="fa-solid fa-xmark"'])
    assert used == {("fa-solid", "bars"), ("fa-solid", "house"), ("fa-solid", "xmark")}  # sizes are not icons
    drawn = json.loads(re.search(r"const ICONS = (.*);", icons.script({"fa-solid": table["fa-solid"]})).group(1))
    assert drawn["fa-solid"]["bars"] == [448, 512, "M2 2h2z"]


def test_the_themes_css_glyphs_come_from_a_cut_of_its_font_declared_for_exactly_those_characters(tmp_path):
    from fontTools.ttLib import TTFont

    css = ':root{--pst-icon-info-circle:"\uf05a";--pst-breadcrumb-divider:"\uf105";--pst-icon-admonition-note:var(--pst-icon-info-circle)}'
    assert icons.css_glyphs(css) == {"\uf05a", "\uf105"}
    face = icons.glyph_face({"\uf05a", "\uf105"})
    assert f'font-family: "{icons.SOLID_FAMILY}"' in face and "font-weight: 900" in face and face.rstrip().endswith("unicode-range: U+F05A,U+F105; }")
    with pytest.raises(ValueError, match="no characters"):
        icons.glyph_face(set())
    # the theme's family and weight are the ones its stylesheet draws the glyphs in
    import pydata_sphinx_theme

    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
    sheet = (theme / icons.THEME_CSS).read_text(encoding="utf-8")
    assert icons.SOLID_FAMILY == "Font Awesome 7 Free" and "font-family:Font Awesome\\ 7 Free;font-style:normal;font-weight:900" in sheet
    wanted = icons.held(icons.css_glyphs(sheet), theme / icons.SOLID_FONT)
    assert len(wanted) >= 10 and "\uf09b" not in wanted  # GitHub's logo is a brand, not a solid glyph
    size = korean_font.cut(wanted, tmp_path / "i.woff2", source=theme / icons.SOLID_FONT)
    assert wanted <= set(map(chr, TTFont(tmp_path / "i.woff2").getBestCmap()))
    assert size < 10_000 < (theme / icons.SOLID_FONT).stat().st_size


def test_the_built_site_declares_its_cut_glyph_font_after_the_themes():
    import re

    site = ROOT / "docs" / "_build" / "html"
    if not (site / "_static" / icons.GLYPH_CSS).exists():
        pytest.skip("the site is not built")
    page = (site / "chapters" / "gradients.html").read_text()
    links = [re.search(r'href="([^"]+)"', tag).group(1) for tag in re.findall(r"<link[^>]*>", page) if 'rel="stylesheet"' in tag]
    names = [link.split("/")[-1].split("?")[0] for link in links]
    assert names.index(icons.GLYPH_CSS) > names.index("pydata-sphinx-theme.css")


def test_the_theme_macros_differ_from_the_themes_only_by_the_icons_script():
    from importlib import resources

    theirs = (Path(str(resources.files("pydata_sphinx_theme"))) / "theme" / "pydata_sphinx_theme" / "static" / "webpack-macros.html").read_text()
    ours = (ROOT / "docs" / "_templates" / "static" / "webpack-macros.html").read_text()

    def body(text):
        # the macros themselves, without the comment on top and the one script that differs
        lines = text.split("-->", 1)[1].splitlines()
        return [line for line in lines if "fontawesome.js" not in line and "icons.js" not in line and "<!--" not in line]

    assert body(ours) == body(theirs), "the theme's webpack-macros.html changed: copy it again and swap its icon script"
    assert "_static/icons.js" in ours and "_static/scripts/fontawesome.js" not in ours


def test_a_chapters_notebook_is_its_cells_in_order_after_a_header():
    page = "---\nfile_format: mystnb\nkernelspec:\n  name: python3\n---\n# T\n\n```{code-cell} ipython3\nx = 1\n```\n\n```{code-cell} ipython3\n:tags: [remove-cell]\nprint(x)\n```\n"
    nb = chapter_notebooks.notebook(page)
    assert [c.cell_type for c in nb.cells] == ["markdown", "markdown", "code", "code"]
    assert "pip install" in nb.cells[0].source and nb.cells[2].source == "x = 1" and nb.cells[3].source == "print(x)"


def test_only_the_theme_search_scripts_are_taken_out():
    page = (
        '<script src="../_static/documentation_options.js"></script>\n'
        '    <script src="../_static/searchtools.js"></script>\n'
        '    <script src="../_static/language_data.js"></script>\n'
        '    <script src="../searchindex.js"></script>\n'
        '<script src="../_static/a11y.js"></script>\n'
    )
    assert light_pages.without_search_scripts(page) == '<script src="../_static/documentation_options.js"></script>\n<script src="../_static/a11y.js"></script>\n'
    assert CONF["html_theme_options"]["search_as_you_type"] is False  # the stripping relies on it


def _names_used_before_shown(cells: list[tuple[str, bool]]) -> list[tuple[int, list[str]]]:
    """For each visible cell (``(source, hidden)``), the names it reads that no visible cell before
    it (nor it) defines: what a reader copying only the code they see would find undefined."""
    import builtins

    shown, found = set(dir(builtins)), []
    for k, (source, hidden) in enumerate(cells):
        tree = ast.parse("\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()))
        stores = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del))}
        stores |= {(a.asname or a.name).split(".")[0] for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
        stores |= {n.arg for n in ast.walk(tree) if isinstance(n, ast.arg)}
        if hidden:
            continue
        loads = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        if missing := sorted(loads - shown - stores):
            found.append((k, missing))
        shown |= stores
    return found


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_visible_code_runs_as_shown(path):
    """A reader who copies only the cells they can see gets no NameError: every name a visible
    cell reads is imported or defined by a visible cell before it."""
    notebook = read_myst_markdown_notebook(path.read_text())
    cells = [(c.source, "remove-cell" in c.metadata.get("tags", [])) for c in notebook.cells if c.cell_type == "code"]
    assert not _names_used_before_shown(cells), f"{path.name}: visible cells read names only hidden cells define"


def test_the_shown_code_check_sees_a_name_defined_only_in_a_hidden_cell():
    assert _names_used_before_shown([("x = 1", True), ("print(x)", False)]) == [(1, ["x"])]
    assert _names_used_before_shown([("import torch", False), ("y = torch.ones(1)", False), ("print(y)", False)]) == []


def test_no_built_page_ends_a_sentence_twice():
    """A glued reading that ends with its own full stop, set before the page's, shows ". ." to the reader."""
    import html
    import re

    site = ROOT / "docs" / "_build" / "html"
    if not (site / "index.html").exists():
        pytest.skip("the site is not built")
    doubled = []
    for page in sorted((site / "chapters").glob("*.html")) + [site / "colophon.html"]:
        text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", "", page.read_text(), flags=re.S)))
        doubled += [f"{page.name}: ...{m.group(0)}" for m in re.finditer(r"\w[)”’]?\.\s+\.(?=\s|$)", text)]
    assert not doubled, doubled[:5]
