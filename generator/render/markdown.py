"""Markdown in help texts, sanitised by an allow-list.

Authors may write paragraphs, lists, emphasis and links; anything else (raw HTML, scripts, images,
event handlers, javascript: links) is dropped by nh3 (the Ammonia sanitiser) after rendering.
"""

from __future__ import annotations

from functools import lru_cache

import markdown as markdown_lib
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "ul", "ol", "li", "em", "strong", "a", "br", "code", "abbr"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "abbr": {"title"}}
ALLOWED_URL_SCHEMES = {"https", "http", "mailto", "tel"}


@lru_cache(maxsize=4096)
def render_markdown(text: str) -> str:
    """Markdown -> sanitised HTML string. Cached: the same help text appears on several pages."""
    html = markdown_lib.markdown(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        # No rel: links open in the same window, so noopener buys nothing, and an <a> whose unsafe
        # href was dropped must carry no attribute that needs an href (invalid HTML otherwise).
        link_rel=None,
    )


def markdown_filter(text: str | None) -> Markup:
    """Jinja filter: ``{{ product.description | markdown }}``."""
    return Markup(render_markdown(text)) if text else Markup("")
