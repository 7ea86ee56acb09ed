"""Minify the static CSS and JS as the site is built (issue 3: a form page weighs at most 50 KB).

The sources in generator/static stay readable in git; only the published copies are minified.
rjsmin/rcssmin only drop comments and whitespace, so behaviour and the DOM contract are unchanged.
"""
from __future__ import annotations

from pathlib import Path


def minified(path: Path) -> str:
    """The text of a static asset as it is published: .js and .css minified, anything else as is."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".js":
        import rjsmin  # noqa: PLC0415 - only needed while building

        return rjsmin.jsmin(text)
    if path.suffix == ".css":
        import rcssmin  # noqa: PLC0415

        return rcssmin.cssmin(text)
    return text
