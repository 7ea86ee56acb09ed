"""Markdown in help texts, sanitised by an allow-list.

Authors may write paragraphs, lists, emphasis and links; anything else (raw HTML, scripts, images,
event handlers, javascript: links) is dropped by nh3 (the Ammonia sanitiser) after rendering.
"""

from __future__ import annotations

import re
import threading
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
    html = plain_paragraphs(text)
    if html is None:
        html = _converter().reset().convert(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        # No rel: links open in the same window, so noopener buys nothing, and an <a> whose unsafe
        # href was dropped must carry no attribute that needs an href (invalid HTML otherwise).
        link_rel=None,
    )


#: Characters that mean nothing to Markdown inside a line: letters and digits (not ``_``), the space,
#: and punctuation that is neither emphasis, a link, code, an escape, nor HTML.
_INNER = r"(?:[^\W_]|[ ,.;:?!'\"/%€()’‘“”–—…-])"
#: A line Markdown leaves as it is: it starts with a letter (a digit, a dash or a space could start
#: a list or code) and does not end in a space (two make a line break).
_LINE = rf"[^\W\d_]{_INNER}*(?<! )"
_PLAIN = re.compile(rf"{_LINE}(?:\n+{_LINE})*\n*")
_BLANK_LINES = re.compile(r"\n\n+")


def plain_paragraphs(text: str) -> str | None:
    """The HTML Markdown makes of ``text`` when it is only paragraphs of plain sentences (most help
    texts and every short ``why``): one ``<p>`` per paragraph, lines kept. None for anything else.

    Building that takes a microsecond, against some 300 for the Markdown converter, and a form asks
    for a Markdown text per question. tests/test_markdown.py holds it to the converter's output.
    """
    if not _PLAIN.fullmatch(text):
        return None
    return "\n".join(f"<p>{paragraph}</p>" for paragraph in _BLANK_LINES.split(text.strip("\n")))


def markdown_filter(text: str | None) -> Markup:
    """Jinja filter: ``{{ product.description | markdown }}``."""
    return Markup(render_markdown(text)) if text else Markup("")


_converters = threading.local()


def _converter() -> markdown_lib.Markdown:
    """This thread's Markdown converter. ``markdown.markdown()`` builds a new one for every text,
    and building its parser costs more than converting a help text; a converter is reset between
    texts, but it is not safe to share between threads (``mkdocs serve`` renders in one of its own)."""
    converter = getattr(_converters, "converter", None)
    if converter is None:
        converter = _converters.converter = markdown_lib.Markdown()
    return converter
