"""Contributor tasks: ``nox -s tests`` and ``nox -s docs`` (both by default), ``nox -s docs-live``.

Every session installs with ``-c requirements/constraints.txt``, the one file that pins versions.
To use a torch of your own (a CUDA build, say), set ``LSTM_EXPLAINED_TORCH`` to the pip arguments
that install it; that torch is installed first and the pinned one is left out.
"""

from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path

import nox

ROOT = Path(__file__).parent
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
SITE = ROOT / "docs" / "_build" / "html"

nox.options.sessions = ["tests", "docs"]
nox.options.default_venv_backend = "venv"


def install(session: nox.Session, extras: str) -> None:
    """Install the package with ``extras`` under the pinned constraints (or the user's own torch)."""
    constraints = CONSTRAINTS
    own_torch = os.environ.get("LSTM_EXPLAINED_TORCH", "").strip()
    if own_torch:
        session.install(*shlex.split(own_torch))
        lines = CONSTRAINTS.read_text().splitlines()
        constraints = Path(session.create_tmp()) / "constraints-own-torch.txt"
        constraints.write_text("\n".join(line for line in lines if not line.startswith("torch==")) + "\n")
    session.install("-c", str(constraints), "-e", f".[{extras}]")


def install_chromium(session: nox.Session) -> None:
    """Debian's chromium, for the browser test of the cell viewer: installed when missing and this
    runs as root on a machine with apt-get; otherwise that one test is skipped, saying why."""
    if shutil.which("chromium"):
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        session.run("apt-get", "update", "-qq", external=True)
        session.run("apt-get", "install", "-y", "-qq", "chromium", external=True, env={"DEBIAN_FRONTEND": "noninteractive"})
    else:
        session.warn("chromium is not installed and cannot be installed here; the browser test will be skipped")


@nox.session(reuse_venv=True)
def tests(session: nox.Session) -> None:
    """pytest: unit tests, doctests of the package and of the docs' Markdown, and the pages' code."""
    install(session, "test,docs")
    install_chromium(session)
    session.run("pytest", *session.posargs)


@nox.session(reuse_venv=True)
def docs(session: nox.Session) -> None:
    """Build the site into docs/_build/html; warnings are errors. Unchanged pages are not re-run."""
    install(session, "docs")
    session.run(
        "sphinx-build", "-W", "--keep-going", "-n", "-b", "html", "docs", str(SITE), *session.posargs,
    )
    session.log(f"The site is in {SITE.relative_to(ROOT)}/index.html")


@nox.session(name="docs-live", reuse_venv=True)
def docs_live(session: nox.Session) -> None:
    """Serve the built site on http://127.0.0.1:8000 (rebuild with `nox -s docs`)."""
    if not SITE.exists():
        session.error("Build the site first with `nox -s docs`.")
    session.run("python", "-m", "http.server", "8000", "--bind", "127.0.0.1", "--directory", str(SITE))
