"""Markdown in help texts, sanitised by an allow-list.

Authors may write paragraphs, lists, emphasis and links; anything else (raw HTML, scripts, images,
event handlers, javascript: links) is dropped by nh3 (the Ammonia sanitiser) after rendering.
Text that is only plain paragraphs and simple lists, as most help texts are, skips both: it
cannot hold markup.
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
    plain = plain_html(text)
    return plain if plain is not None else converted(text)


def converted(text: str) -> str:
    """The full way: Markdown's converter, then the sanitiser."""
    return nh3.clean(
        _converter().reset().convert(text),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        # No rel: links open in the same window, so noopener buys nothing, and an <a> whose unsafe
        # href was dropped must carry no attribute that needs an href (invalid HTML otherwise).
        link_rel=None,
    )


#: Text of letters and digits, spaces, line breaks and punctuation that means nothing to Markdown
#: (not emphasis, a link, code, an escape or HTML); ``_`` is in ``\w`` and is ruled out apart.
_PLAIN_CHARACTERS = re.compile(r"[\w\n ,.;:?!'\"/%€()’‘“”–—…-]*").fullmatch
#: A line that starts with anything but a letter or ``- `` and a letter (a digit, another dash or
#: a space could start a list, a rule or code), or that ends in a space (two make a line break).
_MARKDOWN_LINE_EDGE = re.compile(r"^(?![^\W\d_]|- [^\W\d_]|$)| $", re.MULTILINE).search
_BLANK_LINES = re.compile(r"\n\n+")
_ITEM = "- "


def plain_html(text: str) -> str | None:
    """The HTML Markdown makes of ``text`` when it is only paragraphs of plain sentences and
    simple bulleted lists (most help texts and descriptions, every usual ``why``); None for
    anything else, which goes to the converter.

    Two scans of the text instead of the Markdown converter (about 300 us), for a text each question
    of a form has. It holds nothing the sanitiser could take out: no ``<``, ``>`` or ``&``.
    tests/test_markdown.py holds it to the converter's and the sanitiser's output.
    """
    text = text.strip("\n")
    if not text or "_" in text or not _PLAIN_CHARACTERS(text) or _MARKDOWN_LINE_EDGE(text):
        return None
    html = []
    after_list = False
    for block in _BLANK_LINES.split(text):
        lines = block.split("\n")
        if not block.startswith(_ITEM) and f"\n{_ITEM}" not in block:
            html.append(f"<p>{block}</p>")
            after_list = False
        # A list of one line per item; not one right after another (Markdown makes the two one
        # list, its items paragraphs), nor a paragraph and items in one block (Markdown keeps
        # those a paragraph).
        elif not after_list and all(line.startswith(_ITEM) for line in lines):
            html.append("<ul>\n" + "".join(f"<li>{line[2:]}</li>\n" for line in lines) + "</ul>")
            after_list = True
        else:
            return None
    return "\n".join(html)


def markdown_filter(text: str | None) -> Markup:
    """Jinja filter: ``{{ product.description | markdown }}``."""
    return Markup(render_markdown(text)) if text else Markup("")


_converters = threading.local()


def _converter() -> markdown_lib.Markdown:
    """This thread's Markdown converter. ``markdown.markdown()`` builds a new one for every text,
    and building its parser costs a third on top of converting a short text (some 100 us); a
    converter is reset between texts, but it is not safe to share between threads."""
    converter = getattr(_converters, "converter", None)
    if converter is None:
        converter = _converters.converter = markdown_lib.Markdown()
    return converter
