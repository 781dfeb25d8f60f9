"""Re-run every page when the package (or torch) changes, and only then.

myst-nb re-executes a chapter only when Sphinx re-reads it, and sphinx-gallery re-runs an example
only when the example's own file changes (its ``.md5``). Neither notices a change in
``lstm_explained``, whose code draws every figure. This extension hashes the package's sources with
``package_fingerprint_extra`` (the torch version) into the config value ``package_fingerprint``,
registered with ``rebuild="env"``: when it changes, Sphinx re-reads (and so re-executes) every
chapter, and the gallery's ``.md5`` stamps are removed so that every example runs again. When it
does not change, an unchanged rebuild executes nothing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)
STAMP = ".package_fingerprint"


def fingerprint(sources: list[Path], extra: str) -> str:
    """sha256 over every ``.py`` file below ``sources`` (path and content) and ``extra``."""
    digest = hashlib.sha256(extra.encode())
    for source in sources:
        for path in sorted(Path(source).rglob("*.py")):
            digest.update(str(path.relative_to(source)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _on_config_inited(app, config) -> None:
    value = fingerprint([Path(s) for s in config.package_fingerprint_sources], config.package_fingerprint_extra)
    config.package_fingerprint = value
    gallery_dirs = config.sphinx_gallery_conf.get("gallery_dirs", [])
    for gallery in [gallery_dirs] if isinstance(gallery_dirs, str) else gallery_dirs:
        folder = Path(app.srcdir) / gallery
        stamp = folder / STAMP
        if stamp.exists() and stamp.read_text() == value:
            continue
        stale = list(folder.rglob("*.md5")) if folder.exists() else []
        for md5 in stale:
            md5.unlink()
        if stale:
            logger.info(f"package_fingerprint: lstm_explained changed; {len(stale)} gallery example(s) will re-run")
        folder.mkdir(parents=True, exist_ok=True)
        stamp.write_text(value)


def setup(app):
    app.add_config_value("package_fingerprint_sources", [], "env")
    app.add_config_value("package_fingerprint_extra", "", "env")
    app.add_config_value("package_fingerprint", "", "env")
    # after sphinx-gallery has filled in its defaults, before the environment is loaded
    app.connect("config-inited", _on_config_inited, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
