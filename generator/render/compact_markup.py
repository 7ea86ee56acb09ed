"""The e-form's markup written compactly as it is rendered: quotes around an attribute's value only
where it needs them (``class=fl-hint``), and short ids (``f41`` for
``fl-medeverhuizers-2-geboortedatum-day``).

The page has a weight budget (issue 3: 50 KB of HTML, CSS and JS), and the long ids spell out the
input's name, which is on the input already. This used to be a pass over every rendered page; it
was a quarter of the time an e-form took to render. Now the work is done where the values are:

- ``CompactAttributes`` rewrites the form's templates once, as Jinja loads them: a literal value
  that needs no quotes loses them, and a value with ``{{ ... }}`` in it goes through a filter
  (``attribute_value``, or ``id_value`` for ``id``, ``for``, ``aria-describedby`` and
  ``aria-labelledby``) that quotes it only if it must. Templates keep being written as plain HTML.
- ``html_attributes`` (the ``attrs`` filter) does the same for the attributes it writes.
- The line breaks between tags go the same way: the templates are written one tag a line for
  people, and a break between two block tags changes nothing on screen (between two inline tags
  it becomes a space). A break next to ``{{ ... }}`` or ``{% ... %}`` goes too when the text on its
  other side is a tag; the texts put in (Markdown) come without them (``form_html.form_markdown``).
- Short ids are given in the order they are first rendered (a question's controls before its
  label: they are rendered first) by the ``ShortIds`` of the page being rendered
  (``short_ids_for_page``); form.js and the tests find inputs by name. The ids of the step
  headings and of the error summary stay readable: they are few, and tests and reports name them.

Repeat slots that are alike are rendered once, with ``SLOT`` where the number goes, and copied
(``slots``): an id with ``SLOT`` in it is written as a mark, and named only in each copy, so every
slot gets ids of its own.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

from jinja2.ext import Extension
from markupsafe import Markup, escape

#: Stands for a repeat slot's number in the one rendering of the slots that are alike (a character
#: from Unicode's private use area: no definition text contains it).
SLOT = "\ue000"
#: Around an id that holds SLOT until a copy of the slot gives it its number (private use too).
_MARK_START, _MARK_END = "\ue002", "\ue003"
_MARKED = re.compile(f"{_MARK_START}([^{_MARK_END}]*){_MARK_END}")

#: A value that needs no quotes. HTML allows all but space, quotes, =, <, > and `; "/" stays quoted
#: so a value can never run into the end of a tag, and so do URLs. SLOT and the marks become
#: digits and a short id.
_BARE_VALUE = re.compile(f"[A-Za-z0-9_.,#{SLOT}{_MARK_START}{_MARK_END}-]+").fullmatch

#: Attributes whose value is one id or a list of them.
ID_ATTRIBUTES = frozenset({"id", "for", "aria-describedby", "aria-labelledby"})
_READABLE_IDS = ("fl-step-", "fl-error-summary")


class ShortIds:
    """``f0``, ``f1``, ... for the ids of one page, in the order they are first rendered."""

    def __init__(self):
        self.short: dict[str, str] = {}

    def rename(self, word: str) -> str:
        if not word.startswith("fl-") or word.startswith(_READABLE_IDS):
            return word
        if SLOT in word:
            return f"{_MARK_START}{word}{_MARK_END}"  # named in each copy (``slots``)
        name = self.short.get(word)
        if name is None:
            name = self.short[word] = f"f{len(self.short)}"
        return name


_page_ids: ContextVar[ShortIds | None] = ContextVar("formloket_page_ids", default=None)


@contextmanager
def short_ids_for_page(short: bool) -> Iterator[None]:
    """While a page renders: short ids (``short``), or the ids as they are spelled."""
    token = _page_ids.set(ShortIds() if short else None)
    try:
        yield
    finally:
        _page_ids.reset(token)


SINGLE, DOUBLE = "'", '"'


def _text(value: object) -> str:
    """``value`` escaped for HTML, as a plain str: these run hundreds of times a page, and a
    Markup is slow to make (and to split). A value that may stand bare needs no escaping."""
    if type(value) is str and _BARE_VALUE(value):
        return value
    return str(escape(value))


def _quoted(text: str, quote: str) -> str:
    """``text`` (escaped already) as an attribute value: bare if it may be."""
    return text if _BARE_VALUE(text) else f"{quote}{text}{quote}"


def _ids(text: str) -> str:
    ids = _page_ids.get()
    return " ".join(map(ids.rename, text.split())) if ids is not None else text


#: ``as_markup(Markup, text)``: a Markup made from a str without Markup's constructor, which is
#: written in Python and asks its argument for ``__html__`` first; autoescape and these filters
#: make some thousand a page.
as_markup = str.__new__


def attribute_value(value: object) -> Markup:
    """The ``attribute_value`` filter: ``{{ x }}`` in an attribute, escaped and quoted if needed."""
    if type(value) is str and _BARE_VALUE(value):  # most values: nothing to escape or quote
        return as_markup(Markup, value)
    return as_markup(Markup, _quoted(_text(value), DOUBLE))


def id_value(value: object) -> Markup:
    """The ``id_value`` filter: an attribute that holds ids, renamed for the page."""
    if type(value) is str and _BARE_VALUE(value):  # one id (no space), so its new name is bare too
        ids = _page_ids.get()
        return as_markup(Markup, ids.rename(value) if ids is not None else value)
    return as_markup(Markup, _quoted(_ids(_text(value)), DOUBLE))


def html_attributes(values: dict) -> Markup:
    """``{"data-fl-required": True, "data-fl-max": 8, "hidden": None}`` -> `` data-fl-required
    data-fl-max=8``: None and False leave an attribute out, True writes it bare, values are
    escaped (Markup, such as JSON already escaped for an attribute, stays as it is) and quoted
    (with ', as JSON is full of ") only if needed. A filter, not a macro: the forms call it dozens
    of times a page, and a Jinja macro call costs ten times more."""
    parts = []
    for key, value in values.items():
        if value is None or value is False:
            continue
        if value is True:
            parts.append(f" {key}")
            continue
        text = _text(value)
        if key in ID_ATTRIBUTES:
            text = _ids(text)
        parts.append(f" {key}={_quoted(text, SINGLE)}")
    return as_markup(Markup, "".join(parts))


def slots(html: str, numbers: tuple[int, ...]) -> Markup:
    """One rendering of repeat slots that are alike, once per slot number (see ``SLOT``); the ids
    of each copy are named as it is made, so every copy has its own."""
    if numbers == (1,):
        return Markup(html)
    ids = _page_ids.get()
    copies = []
    for number in numbers:
        copy = html.replace(SLOT, str(number))
        if ids is not None and _MARK_START in copy:
            copy = _MARKED.sub(lambda match: ids.rename(match.group(1)), copy)
        copies.append(copy)
    return Markup("".join(copies))


# --- the templates, as Jinja loads them ------------------------------------------------------------

#: A tag, an expression or a comment of Jinja; between them is the template's literal text.
_JINJA = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})", re.DOTALL)
#: ``{{ ... }}``: one expression, never running on into the next.
_EXPRESSION_TEXT = r"\{\{(?:[^}]|\}(?!\}))*\}\}"
_EXPRESSION = re.compile(r"\{\{((?:[^}]|\}(?!\}))*)\}\}")
#: A double-quoted attribute value with ``{{ ... }}`` in it and no ``{% ... %}``.
_DYNAMIC_ATTRIBUTE = re.compile(
    rf"""(\s)([A-Za-z][\w:-]*)="((?:{_EXPRESSION_TEXT}|[^"{{%])*?{_EXPRESSION_TEXT}(?:{_EXPRESSION_TEXT}|[^"{{%])*)\"""")
#: A literal attribute value that needs no quotes.
_STATIC_BARE_ATTRIBUTE = re.compile(r"""(\s[A-Za-z][\w:-]*=)"([A-Za-z0-9_.,#-]+)\"""")


def compact_template_source(source: str, *, line_breaks: bool = True) -> str:
    """The template as it would be written compactly by hand: ``class="fl-hint"`` becomes
    ``class=fl-hint``, ``id="{{ q.id }}-hint"`` becomes ``id={{ ((q.id) ~ "-hint") | id_value }}``,
    and ``</legend>`` + line break + ``<div`` becomes ``</legend><div``."""
    source = _DYNAMIC_ATTRIBUTE.sub(_through_filter, source)
    parts = _JINJA.split(source)
    last = len(parts) - 1
    parts[::2] = [_STATIC_BARE_ATTRIBUTE.sub(r"\1\2", text) for text in parts[::2]]
    if line_breaks:
        parts[::2] = [_without_breaks(text, index > 0, index < last)
                      for index, text in enumerate(parts) if index % 2 == 0]
    return "".join(parts)


#: Line breaks with the indentation after them.
_BREAKS = re.compile(r"(?:\n[ \t]*)+")
#: Between two of these tags a line break is a space (words around a link or an emphasis).
_INLINE = "a|abbr|b|br|code|em|i|small|span|strong"
_INLINE_TAG_END = re.compile(rf"</?(?:{_INLINE})\b[^<>]*>$")
_INLINE_TAG_START = re.compile(rf"</?(?:{_INLINE})\b")
_BREAK_BETWEEN_INLINE_TAGS = re.compile(rf"(</?(?:{_INLINE})\b[^<>]*>)\n+(?=</?(?:{_INLINE})\b)")
_BREAK_BETWEEN_TAGS = re.compile(r"(?<=>)\n+(?=<[a-z/])")


def without_breaks_between_tags(html: str) -> str:
    """The same rule on finished HTML: blank lines go, a line break between two tags goes (between
    two inline tags it becomes a space). For Markdown put into a form (``form_html.form_markdown``),
    and the reference the tests hold the rewritten templates to."""
    lines = "\n".join(line for line in html.splitlines() if line.strip())
    return _BREAK_BETWEEN_TAGS.sub("", _BREAK_BETWEEN_INLINE_TAGS.sub(r"\1 ", lines))


def _without_breaks(text: str, after_jinja: bool, before_jinja: bool) -> str:
    """``text``, literal text of a template, without the line breaks that stand between two tags
    (one written here, or the output of the Jinja code before or after ``text``)."""
    def replace(match: re.Match) -> str:
        before, after = text[:match.start()], text[match.end():]
        tag_before = before.endswith(">") or (not before and after_jinja)
        tag_after = after.startswith("<") or (not after and before_jinja)
        if not (tag_before and tag_after):
            return match.group(0)
        if _INLINE_TAG_END.search(before) and _INLINE_TAG_START.match(after):
            return " "
        return ""
    return _BREAKS.sub(replace, text)


def _through_filter(match: re.Match) -> str:
    space, name, value = match.groups()
    pieces = []
    position = 0
    for expression in _EXPRESSION.finditer(value):
        if expression.start() > position:
            pieces.append(_string_literal(value[position:expression.start()]))
        pieces.append(f"({expression.group(1).strip()})")
        position = expression.end()
    if position < len(value):
        pieces.append(_string_literal(value[position:]))
    joined = f"({' ~ '.join(pieces)})" if len(pieces) > 1 else pieces[0]
    kind = "id_value" if name in ID_ATTRIBUTES else "attribute_value"
    return f"{space}{name}={{{{ {joined} | {kind} }}}}"


def _string_literal(text: str) -> str:
    if '"' in text or "\\" in text:
        raise ValueError(f"cannot move {text!r} of an attribute value into a Jinja string")
    return f'"{text}"'


class CompactAttributes(Extension):
    """Rewrites the e-form's templates (``form/``, ``components/``) with ``compact_template_source``
    as Jinja loads them; the catalogue and the PDF keep their markup as written."""

    def __init__(self, environment):
        super().__init__(environment)
        # Off only in tests, which compare with the line breaks dropped from the finished page.
        environment.extend(compact_line_breaks=True)

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        if name and name.startswith(("form/", "components/")):
            return compact_template_source(source, line_breaks=self.environment.compact_line_breaks)
        return source
