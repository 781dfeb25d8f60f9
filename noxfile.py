# /// script
# requires-python = ">=3.11"
# dependencies = ["nox[uv]==2026.10.20", "uv==0.13.9"]
# ///
"""Contributor tasks. ``nox -s docs`` builds the site, ``nox -s tests`` runs every test.

Also: ``nox -s browser-deps`` installs Debian's Chromium for the browser tests (run it once, as root
or with sudo), ``nox -s docs-live`` rebuilds and reloads the site while you edit, ``nox -s
docs-fast`` builds without executing anything (for prose edits), ``nox -s bench`` prints the
benchmark table.

Environments are made with uv (pinned with nox in the header above, so ``pipx run noxfile.py``
works too), falling back to virtualenv; neither needs the system Python's ``ensurepip``. Every
install uses ``-c requirements/constraints.txt``, the one file that pins versions. uv reads
neither pip's configuration nor ``PIP_*`` variables, so a local wheel folder named in
``PIP_FIND_LINKS`` is passed on to it explicitly. To use a torch of your own (a CUDA or CPU build
from PyTorch's index, say), set ``LSTM_EXPLAINED_TORCH`` to the pip arguments that install it.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import nox

ROOT = Path(__file__).parent
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
SITE = ROOT / "docs" / "_build" / "html"
BUILD_ARGS = ["-W", "--keep-going", "-n", "-b", "html", "docs", str(SITE)]

nox.needs_version = ">=2024.10.9"
nox.options.sessions = ["tests", "docs"]
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_venv = "yes"


def _find_links() -> list[str]:
    """pip's local wheel folders (``PIP_FIND_LINKS``), as arguments uv understands too."""
    return [arg for link in os.environ.get("PIP_FIND_LINKS", "").split() for arg in ("--find-links", link)]


def install(session: nox.Session, extras: str) -> None:
    """Install the package with ``extras`` under the pinned constraints (or the user's own torch)."""
    constraints = CONSTRAINTS
    own_torch = os.environ.get("LSTM_EXPLAINED_TORCH", "").strip()
    if own_torch:
        session.install(*shlex.split(own_torch))
        lines = CONSTRAINTS.read_text().splitlines()
        constraints = Path(session.create_tmp()) / "constraints-own-torch.txt"
        constraints.write_text("\n".join(line for line in lines if not line.startswith("torch==")) + "\n")
    session.install(*_find_links(), "-c", str(constraints), "-e", f".[{extras}]")


@nox.session
def tests(session: nox.Session) -> None:
    """pytest: unit tests, doctests of the package and of the docs' Markdown, the pages' code, and
    (where Chromium is installed and the site is built) every page in a real browser."""
    install(session, "test,docs")
    session.run("pytest", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the site into docs/_build/html; warnings are errors. Unchanged pages are not re-run."""
    install(session, "docs")
    session.run("sphinx-build", *BUILD_ARGS, *session.posargs)
    session.log(f"The site is in {SITE.relative_to(ROOT)}/index.html")


@nox.session(name="docs-fast")
def docs_fast(session: nox.Session) -> None:
    """Build without executing chapters or examples: for prose edits (figures and numbers are missing)."""
    install(session, "docs")
    out = ROOT / "docs" / "_build" / "fast"
    session.run("sphinx-build", "-b", "html", "-D", "nb_execution_mode=off", "-D", "plot_gallery=0", "docs", str(out), *session.posargs)
    session.log(f"The unexecuted site is in {out.relative_to(ROOT)}/index.html")


@nox.session(name="docs-live")
def docs_live(session: nox.Session) -> None:
    """Serve the site on http://127.0.0.1:8000, rebuilding and reloading the browser on every change."""
    install(session, "docs")
    session.run(
        "sphinx-autobuild", *BUILD_ARGS, "--host", "127.0.0.1", "--port", "8000",
        "--watch", "lstm_explained", "--watch", "gallery",
        "--ignore", "docs/auto_examples", "--ignore", "docs/generated", "--ignore", "docs/gen_modules", *session.posargs,
    )


@nox.session(name="browser-deps", venv_backend="none")
def browser_deps(session: nox.Session) -> None:
    """Install Debian's Chromium, which the browser tests drive (Playwright's own download is not used).

    Needs root (or sudo) and apt-get. Nothing else changes the system: ``nox -s tests`` never
    installs anything outside its environment, and skips the browser tests where Chromium is missing.
    """
    if shutil.which("chromium"):
        session.log(f"chromium is already installed: {shutil.which('chromium')}")
        return
    if not shutil.which("apt-get"):
        session.error("no apt-get here: install Chromium with your system's package manager, or skip the browser tests")
    prefix = [] if os.geteuid() == 0 else ["sudo"]
    session.run(*prefix, "apt-get", "update", "-qq", external=True)
    session.run(*prefix, "apt-get", "install", "-y", "-qq", "chromium", external=True, env={"DEBIAN_FRONTEND": "noninteractive"})
    probe = subprocess.run(["chromium", "--version"], capture_output=True, text=True)
    if probe.returncode != 0:  # Ubuntu's chromium package is a stub that asks for snap
        session.error(f"chromium was installed but does not run ({probe.stdout.strip()} {probe.stderr.strip()}); the browser tests will skip")
    session.log(probe.stdout.strip())


@nox.session
def bench(session: nox.Session) -> None:
    """One table: build times (cold and unchanged), the slowest pages, the test suite's time part by
    part, the speedups of training many models at once, and the character model's training
    throughput, measured in one run."""
    install(session, "test,docs")
    session.run("python", "benchmarks/run_all.py", *session.posargs)


if __name__ == "__main__":  # `pipx run noxfile.py -s docs` (PEP 723: the header says what it needs)
    sys.exit(nox.main())
