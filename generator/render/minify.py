"""Minify the static CSS and JS as the site is built (issue 3: a form page weighs at most 50 KB).

The sources in generator/static stay readable in git; only the published copies are minified.
form.js is published as form.min.js (terser, via .ci/minify-js) while that copy is up to date.
rjsmin/rcssmin only drop comments and whitespace, so behaviour and the DOM contract are unchanged.
When either package is missing the asset is published as it is: a heavier page, never a failed
build (the tests run with both installed and weigh the result).
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable


def _minifier(suffix: str) -> Callable[[str], str] | None:
    try:
        if suffix == ".js":
            import rjsmin  # noqa: PLC0415 - only needed while building

            return rjsmin.jsmin
        if suffix == ".css":
            import rcssmin  # noqa: PLC0415

            return rcssmin.cssmin
    except ImportError:
        return None
    return None


def minified(path: Path) -> str:
    """The text of a static asset as it is published: .js and .css minified, anything else as is."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".js":
        mangled = premangled(path, text)
        if mangled is not None:
            return mangled
    minify = _minifier(path.suffix)
    return minify(text) if minify else text


def premangled(path: Path, source: str) -> str | None:
    """``form.min.js`` beside ``form.js``, made by .ci/minify-js with terser (local names shortened,
    which no Python minifier does), when its first line names this very source's SHA-256; else None,
    so an edit to form.js without running .ci/minify-js costs weight, never correctness."""
    made = path.with_name(path.stem + ".min.js")
    if not made.exists():
        return None
    header, _, body = made.read_text(encoding="utf-8").partition("\n")
    return body if f"sha256={source_hash(source)} " in header else None


def source_hash(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()
