"""Sphinx configuration for the lstm_explained book.

Chapters are MyST notebooks (executed by myst-nb), examples are sphinx-gallery scripts (executed
by sphinx-gallery), and the API pages come from the package's docstrings. Nothing is fetched from
the network: MathJax ships with the site and intersphinx is not used.
"""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

import torch

import lstm_explained

DOCS = Path(__file__).parent
ROOT = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))

project = "lstm_explained"
author = "the lstm_explained authors"
copyright = "2026, the lstm_explained authors"
release = lstm_explained.__version__

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "sphinx_gallery.gen_gallery",
    "sphinx-mathjax-offline",  # the distribution's module name has dashes; it copies MathJax 3 into _static
    "page_dependencies",  # a page re-runs when the package code it imports changes
    "offline_check",
    "chapter_notebooks",  # each chapter's download menu offers it as a notebook
    "icons",  # the ~15 icons the theme shows, in place of Font Awesome's whole set (538 KB gzipped)
    "light_pages",  # the search index loads on the search page only
    "status_words",  # the colophon's execution table says "ran", where myst-nb draws an emoji
    "korean_font",  # a subset of NanumGothic, cut to the Hangul the pages use, so Korean renders without a CJK font
    "chapter_figures",  # kernels draw with the inline backend; a chapter that loses a figure fails the build
    "sphinx_copybutton",
    "sphinx_sitemap",
    "sphinxext.opengraph",
]

# --- what Sphinx reads ------------------------------------------------------------------------
exclude_patterns = [
    "_build",
    # sphinx-gallery writes a notebook and a script beside each generated page; myst-nb would read
    # the notebook as a second source of the same document.
    "auto_examples/*.ipynb",
    "auto_examples/*.py",
    "auto_examples/*.zip",
    # The computation-times tables pull DataTables and jQuery from CDNs; each page shows its own time.
    "sg_execution_times.rst",
    "auto_examples/sg_execution_times.rst",
]
templates_path = ["_templates"]

# --- chapters: MyST notebooks executed at build time -------------------------------------------
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
nb_execution_mode = "auto"  # text notebooks have no stored outputs, so they run when (re)read
nb_execution_excludepatterns = ["auto_examples/**"]
nb_execution_timeout = 1800  # one cell trains the character LSTM: about 3 minutes on 2 idle cores, over 15 on a busy machine (its two torch threads stall when another process holds a core); the tests use the same
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True
# Markdown a cell outputs (a glued reading) is read as MyST, with the same extensions as the pages:
# a reading's $math$ is typeset, not shown with its dollars.
nb_render_markdown_format = "myst"


# --- gallery: one experiment per script, executed at build time ---------------------------------
sphinx_gallery_conf = {
    "examples_dirs": str(ROOT / "gallery"),
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/plot_",
    "within_subsection_order": "FileNameSortKey",
    "doc_module": ("lstm_explained",),
    "backreferences_dir": "gen_modules/backreferences",
    "reference_url": {"lstm_explained": None},  # local links only: no search index is downloaded
    "remove_config_comments": True,
    "download_all_examples": False,
    "min_reported_time": 0,
    # downloaded notebooks open by saying what they need (the scripts' docstrings say it too)
    "first_notebook_cell": (
        "# To run this notebook, install the book's package first, from a clone of its repository:\n"
        "#     pip install -e .\n"
        "# (Python 3.11+; it installs torch, numpy and matplotlib.)\n"
        "%matplotlib inline"
    ),
    "show_memory": False,
}

# --- API reference -------------------------------------------------------------------------------
autosummary_generate = True
autodoc_typehints = "description"
autodoc_preserve_defaults = True  # signatures show corpus.ALPHABET, not its 97 characters
autodoc_member_order = "bysource"
napoleon_google_docstring = False
napoleon_use_rtype = False
add_module_names = False

# The book links to no external inventory (no network at build time), so references to these
# libraries' objects cannot resolve; they are named in text and signatures only.
nitpicky = True
nitpick_ignore_regex = [
    (r"py:.*", r"(torch|numpy|matplotlib|collections\.abc|pathlib|concurrent\.futures)(\..*)?"),
    (r"py:class", r"(Tensor|NamedTuple|Module|Mapping|optional|RNNBase)"),
    # numpy-style parameter types that are prose, not objects
    (r"py:class", r"\(Tensor, Tensor\) or None|RNNTrace, LSTMTrace or GRUTrace"),
    # a TypeVar: "returns what compute returns" has no page of its own
    (r"py:class", r"lstm_explained\.runtime\.cache\.T"),
]

# --- what a page depends on: the package code it imports, torch and Python --------------------------
# A page re-runs when the code its own imports reach changes (docs/_ext/page_dependencies.py), not on
# any edit of the package. Python too: the interpretable-cell chapter reads the standard library.
page_dependencies_extra = f"torch {torch.__version__}, Python {platform.python_version()}"
page_dependencies_followers = {"colophon": "chapters/"}  # the colophon shows the training times the chapters record

# --- copying code: leave out the doctest prompts and the continuation dots -----------------------
copybutton_prompt_text = r">>> |\.\.\. "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = False  # plain code blocks (no prompts) copy whole

# --- the published address: for the sitemap and link previews (nothing is fetched from it) --------
# Read the Docs tells the build its address; elsewhere set LSTM_EXPLAINED_BASE_URL (the GitHub Pages
# workflow does).
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL") or os.environ.get("LSTM_EXPLAINED_BASE_URL") or "https://lstm-explained.readthedocs.io/en/latest/"
sitemap_url_scheme = "{link}"
sitemap_excludes = ["search.html", "genindex.html", "py-modindex.html"]
ogp_site_url = html_baseurl
ogp_site_name = "lstm_explained"
ogp_description_length = 200
ogp_social_cards = {"enable": False}  # cards are drawn with matplotlib per page: slow, and nothing a reader needs
ogp_enable_meta_description = True

# --- HTML ---------------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "lstm_explained"
html_static_path = ["_static"]
html_css_files = ["book.css", "book-icons.css"]  # book-icons.css is written by docs/_ext/icons.py
html_js_files = ["a11y.js"]  # accessible names the theme and the gallery leave out
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "home_page_in_toc": True,
    "navigation_with_keys": False,
    "search_as_you_type": False,  # the search dialog sends its query to search.html (docs/_ext/light_pages.py relies on it)
}
# without it, a first visit logs "Got invalid theme mode" to the console (pydata-sphinx-theme 0.20)
html_context = {"default_mode": "auto"}
html_favicon = "_static/favicon.svg"  # otherwise every browser asks for /favicon.ico and gets a 404
html_last_updated_fmt = None
html_show_sourcelink = False

# MathJax 3 from sphinx-mathjax-offline, served from _static/mathjax.
mathjax3_config = {"tex": {"tags": "ams"}}
