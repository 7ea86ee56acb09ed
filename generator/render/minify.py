"""Minify the static CSS and JS as the site is built (issue 3: a form page weighs at most 50 KB).

The sources in generator/static stay readable in git; only the published copies are minified.
rjsmin/rcssmin only drop comments and whitespace, so behaviour and the DOM contract are unchanged.
When either package is missing the asset is published as it is: a heavier page, never a failed
build (the tests run with both installed and weigh the result).
"""
from __future__ import annotations

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
    minify = _minifier(path.suffix)
    return minify(text) if minify else text
