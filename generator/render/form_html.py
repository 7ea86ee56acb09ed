"""The accessible e-form of a product: an HTML fragment for /producten/<id>/formulier/.

Python derives everything a template would otherwise have to work out (input names, ids,
``aria-describedby``, autocomplete tokens, conditions as data), so the templates in
``templates/form/`` and ``templates/components/<name>/`` only print what they are given, and every
string from a definition passes Jinja's autoescape (Markdown only through the allow-list filter).

Without JavaScript the form is one long page: every step in order, every conditional question
visible with "Alleen invullen als ...", every repeat slot present, then the declaration and the
submit button; the browser posts the whole form. form.js turns the same markup into steps with a
check-your-answers page (see the DOM contract at the top of form.js).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field as dc_field
from functools import lru_cache
from typing import Any, Callable

from markupsafe import Markup, escape

from generator.model import ADDRESS_PARTS, CHECKED, DATE_PARTS, NO, YES, Condition, Field, Form, Page, Product
from generator.render.compact_json import compact_json
from generator.render.compact_markup import SLOT, short_ids_for_page, slots, without_breaks_between_tags
from generator.render.environment import environment
from generator.render.form_text import FORM_TEXT
from generator.render.i18n import translator
from generator.render.markdown import markdown_filter
from generator.render.submission_schema import Located, answer_value, locate_questions, resolve_condition

#: Paths relative to the site root that the theme links on form pages only (the JS with ``defer``).
FORM_ASSETS = ("assets/form.css", "assets/form.js")

#: Types whose answers form.js never keeps in a browser draft: a national identifier, a bank
#: account and files are too sensitive to leave behind on a shared computer.
NO_DRAFT_TYPES = frozenset({"bsn", "iban", "file"})

Translate = Callable[..., str]

#: Texts of this module not yet in form_text.py (kept here so both languages ship together).
OWN_TEXT = {
    "nl": {
        "no_endpoint": "Dit formulier kan nog niet online worden verstuurd. Op de pagina {product} leest u hoe "
                       "u het op een andere manier regelt, bijvoorbeeld op papier of aan de balie.",
    },
    "en": {
        "no_endpoint": "This form cannot be sent online yet. The page {product} tells you the other ways to "
                       "arrange this, for example on paper or at the counter.",
    },
}


@dataclass(frozen=True)
class PdfLink:
    """The paper version of the form, offered above the e-form."""

    url: str  # relative to the form page, e.g. "../<id>.pdf"
    size_bytes: int


# --- views: what the templates print ---------------------------------------------------------

@dataclass
class InputView:
    """One <input>/<select>/<textarea> (a whole simple question, or a part of a date/address)."""

    name: str
    id: str
    label: str
    attrs: dict[str, Any]  # extra attributes, printed by the ``attrs`` macro (None/False dropped)
    width: str = ""  # CSS width class suffix ("w10") or "" for the full width


@dataclass
class OptionView:
    value: str
    label: str
    id: str
    hint: str | None = None
    hint_id: str | None = None
    name: str | None = None  # multiple-choice: each box has its own name


@dataclass
class QuestionView:
    component: str  # folder under templates/components/
    field: Field
    name: str  # base name; a date posts name-day etc.
    id: str  # id of the input, or of the fieldset for grouped questions
    label: str
    optional: bool
    hint: str | None
    extra_hint: str | None  # generated help such as allowed file types
    why: Markup
    why_protocol: list[str]
    why_id: str  # id of the 'Waarom vragen we dit?' text the question is described by
    why_shown: bool  # False in repeat items after the first: they point at item 1's text
    describedby: str
    wrapper: dict[str, Any]  # data attributes for form.js on the question's wrapper
    inputs: list[InputView] = dc_field(default_factory=list)
    options: list[OptionView] = dc_field(default_factory=list)
    statement: str | None = None
    unit: str | None = None
    condition_text: str | None = None

    @property
    def hint_id(self) -> str:
        return f"{self.id}-hint"


@dataclass
class BlockView:
    """A group, a repeat, a repeat item or a content block."""

    kind: str  # "group", "repeat", "item", "content"
    id: str
    label: str | None = None
    hint: str | None = None
    text: Markup | None = None
    show_if: str | None = None
    condition_text: str | None = None
    entries: list[Any] = dc_field(default_factory=list)
    attrs: dict[str, Any] = dc_field(default_factory=dict)
    # repeat only
    note: str | None = None
    items: list["BlockView"] = dc_field(default_factory=list)
    # item only: the numbers this rendering stands for (its text holds SLOT where the number goes)
    numbers: tuple[int, ...] = ()
    removable: bool = False


@dataclass
class StepView:
    id: str
    title: str
    intro: Markup
    show_if: str | None
    condition_text: str | None
    entries: list[Any]


# --- derivation rules --------------------------------------------------------------------------

#: Width (in characters) that hints at the expected length (GOV.UK fixed-width inputs).
TYPE_WIDTH = {
    "bsn": "w10", "postcode": "w10", "house-number": "w5", "iban": "w30", "licence-plate": "w10",
    "phone": "w20", "email": "w30", "number": "w5",
}
TYPE_AUTOCOMPLETE = {"email": "email", "phone": "tel", "postcode": "postal-code"}
ADDRESS_AUTOCOMPLETE = {"postcode": "postal-code", "street": "address-line1", "city": "address-level2"}
ADDRESS_WIDTH = {"postcode": "w10", "house_number": "w5", "addition": "w5", "street": "w30", "city": "w20"}
#: Codes people copy from a card or letter: no spelling correction, capitals on phone keyboards.
CODE_TYPES = frozenset({"bsn", "iban", "postcode", "licence-plate"})


def json_attribute(value: Any) -> Markup:
    """JSON for an attribute written in single quotes (the ``attrs`` macro quotes that way): escaped
    for HTML, without turning every double quote into &#34; (conditions and messages are mostly
    quotes, and the page has a weight budget)."""
    text = compact_json(value)
    escaped = text.replace("&", "&amp;").replace("'", "&#39;").replace("<", "&lt;").replace(">", "&gt;")
    return Markup(escaped)


def html_id(name: str) -> str:
    return f"fl-{name}"


def retention_words(duration: str, t: Translate) -> str:
    """ISO 8601 'P1Y6M' -> '1 jaar en 6 maanden'."""
    parts = []
    for amount, unit in re.findall(r"([0-9]+)([YMWD])", duration):
        key = {"Y": "year", "M": "month", "W": "week", "D": "day"}[unit]
        parts.append(t(key) if amount == "1" else t(f"{key}s", n=amount))
    return t("and").join(parts)


def why_protocol_lines(field: Field, t: Translate) -> list[str]:
    """The legal basis and retention in plain words under the 'why' text; who uses the answer and
    the rest of the protocol are on the product page, to keep the form page light."""
    protocol = field.protocol
    if protocol is None:
        return []
    lines = []
    if protocol.legal_basis:
        basis = t(f"gdpr_{protocol.legal_basis.gdpr}")
        if protocol.legal_basis.law:
            basis = t("why_basis_law", basis=basis, law=protocol.legal_basis.law.label)
        lines.append(t("why_basis", basis=basis))
    lines.append(t("why_retention", retention=retention_words(protocol.retention, t)))
    return lines


class FormBuilder:
    """Walks the definition once and builds the views, carrying conditions and repeat context."""

    def __init__(self, product: Product, t: Translate):
        assert product.form is not None
        self.product = product
        self.form: Form = product.form
        self.t = t
        self.questions: dict[str, Located] = locate_questions(self.form)

    # conditions

    def show_if(self, condition: Condition | None, item_prefix: dict[str, str]) -> Markup | None:
        if condition is None:
            return None
        return json_attribute(resolve_condition(condition, self.questions, item_prefix))

    def condition_words(self, condition: Condition) -> str:
        t = self.t
        if condition.all:
            return t("and").join(self.condition_words(c) for c in condition.all)
        if condition.any:
            return t("or").join(self.condition_words(c) for c in condition.any)
        located = self.questions.get(condition.field or "")
        target = located.field if located else Field(type="text", id=condition.field, label=condition.field)
        label = target.label or target.id or ""
        if condition.answered is not None:
            return t("cond_answered" if condition.answered else "cond_not_answered", label=label)
        values = [condition.equals] if condition.one_of is None else list(condition.one_of)
        value_words = t("or").join(f"'{self.answer_label(target, v)}'" for v in values)
        key = {"multiple-choice": "cond_ticked", "choice": "cond_chose", "select": "cond_chose",
               "yes-no": "cond_chose"}.get(target.type, "cond_entered")
        return t(key, label=label, value=value_words)

    def answer_label(self, target: Field, value: Any) -> str:
        posted = answer_value(value)
        if target.type == "yes-no":
            return self.t("yes") if posted == YES else self.t("no") if posted == NO else posted
        for option in target.options:
            if option.value == posted:
                return option.label
        return posted

    def condition_text(self, condition: Condition | None, key: str = "only_if_question") -> str | None:
        return self.t(key, condition=self.condition_words(condition)) if condition else None

    # pages

    def steps_and_final(self) -> tuple[list[StepView], list[StepView], list[QuestionView]]:
        """Question pages become steps; declarations go to the end, before the submit button
        (GOV.UK: declare after checking your answers). A page of only declarations and text moves
        there whole; a declaration on a page with questions moves alone."""
        steps: list[StepView] = []
        final_pages: list[StepView] = []
        loose_declarations: list[QuestionView] = []
        for page in self.form.pages:
            asks = [f for f in page.fields if f.type not in ("declaration", "content")]
            if not asks:
                final_pages.append(self.page_view(page, page.fields))
                continue
            kept = [f for f in page.fields if f.type != "declaration"]
            steps.append(self.page_view(page, kept))
            for entry in page.fields:
                if entry.type == "declaration":
                    loose_declarations.append(self.entry(entry, {}, "", unconditional=page.show_if is None))
        return steps, final_pages, loose_declarations

    def page_view(self, page: Page, entries: list[Field]) -> StepView:
        return StepView(
            id=page.id,
            title=page.title,
            intro=form_markdown(page.intro),
            show_if=self.show_if(page.show_if, {}),
            condition_text=self.condition_text(page.show_if),
            entries=[self.entry(e, {}, "", unconditional=page.show_if is None) for e in page.fields if e in entries],
        )

    # entries

    def entry(self, entry: Field, item_prefix: dict[str, str], prefix: str, *, unconditional: bool,
              optional_item: bool = False, why_from: str | None = None) -> Any:
        unconditional = unconditional and entry.show_if is None
        if entry.type == "content":
            return BlockView(kind="content", id=html_id(f"{prefix}{entry.id or 'tekst'}"),
                             text=form_markdown(entry.text), show_if=self.show_if(entry.show_if, item_prefix),
                             condition_text=self.condition_text(entry.show_if, "only_if_content"))
        if entry.type == "group":
            return BlockView(
                kind="group", id=html_id(f"{prefix}{entry.id}"), label=entry.label, hint=entry.hint,
                show_if=self.show_if(entry.show_if, item_prefix), condition_text=self.condition_text(entry.show_if),
                entries=[self.entry(c, item_prefix, prefix, unconditional=unconditional, optional_item=optional_item,
                                    why_from=why_from) for c in entry.fields],
            )
        if entry.type == "repeat":
            return self.repeat(entry, item_prefix, unconditional)
        return self.question(entry, item_prefix, prefix, native_required=unconditional and not optional_item,
                             why_from=why_from)

    def repeat(self, entry: Field, item_prefix: dict[str, str], unconditional: bool) -> BlockView:
        """Every slot up to max is in the page. Slot 1 carries the 'why' texts and form.js's question
        data; the slots after it are alike but for their number, so they are built (and rendered) once
        per kind, required (up to min) and optional, with SLOT where the number goes."""
        t = self.t
        least, most = entry.min or 0, entry.max or 0
        item_name = entry.item_label or entry.label or ""
        kinds = [(1, 1 > least, (1,)), (SLOT, False, tuple(range(2, least + 1))),
                 (SLOT, True, tuple(range(max(2, least + 1), most + 1)))]
        items = []
        for number, optional, numbers in kinds:
            if not numbers or numbers[0] > most:
                continue
            prefix = f"{entry.id}-{number}-"
            items.append(BlockView(
                kind="item", id=html_id(f"{entry.id}-{number}"), label=f"{item_name} {number}", numbers=numbers,
                removable=optional,
                entries=[self.entry(c, {**item_prefix, entry.id: prefix}, prefix, unconditional=unconditional,
                                    optional_item=optional, why_from=f"{entry.id}-1-" if number != 1 else None)
                         for c in entry.fields],
            ))
        return BlockView(
            kind="repeat", id=html_id(entry.id or ""), label=entry.label, hint=entry.hint,
            show_if=self.show_if(entry.show_if, item_prefix), condition_text=self.condition_text(entry.show_if),
            attrs={"data-fl-repeat": entry.id, "data-fl-min": least, "data-fl-max": most, "data-fl-item-label": item_name},
            note=t("repeat_without_js", label=(entry.label or "").lower(), min=least, max=most) if most > least else None,
            items=items,
        )

    def question(self, field: Field, item_prefix: dict[str, str], prefix: str, *, native_required: bool,
                 why_from: str | None) -> QuestionView:
        """``why_from``: in repeat items after the first, the prefix of item 1, whose 'Waarom vragen
        we dit?' the question points at instead of repeating it (same question, same reason)."""
        t = self.t
        name = f"{prefix}{field.id}"
        qid = html_id(name)
        kind = field.type
        required_attr = True if (native_required and field.required) else None
        component = {
            "textarea": "textarea", "date": "date-input", "address": "address", "choice": "radios",
            "yes-no": "radios", "multiple-choice": "checkboxes", "select": "select", "file": "file-upload",
            "declaration": "declaration",
        }.get(kind, "input")
        extra_hint = None
        if kind == "file" and field.accept:
            types = ", ".join(field.accept)
            extra_hint = (t("file_accept", types=types, size=f"{field.max_size_mb:g}") if field.max_size_mb
                          else t("file_accept_types", types=types))
        why_id = f"{html_id(f'{why_from}{field.id}') if why_from else qid}-why"
        describedby = f"{qid}-hint {why_id}" if (field.hint or extra_hint) else why_id
        label = field.label or ""
        wrapper: dict[str, Any] = {
            "data-fl-question": name,
            "data-fl-type": kind,
            "data-fl-required": True if field.required else None,
            "data-fl-show-if": self.show_if(field.show_if, item_prefix),
            "data-fl-min": field.min if kind == "number" else None,
            "data-fl-max": field.max if kind == "number" else None,
            "data-fl-maxlength": field.max_length,
            "data-fl-range": field.range if kind == "date" and field.range != "any" else None,
            "data-fl-accept": ",".join(field.accept) if kind == "file" and field.accept else None,
            "data-fl-max-size": f"{field.max_size_mb:g}" if kind == "file" and field.max_size_mb else None,
        }
        if why_from:
            # A later repeat slot: form.js copies the question data from the same place in slot 1.
            wrapper = {"data-fl-show-if": wrapper["data-fl-show-if"]}
        view = QuestionView(
            component=component, field=field, name=name, id=qid, label=label, optional=not field.required,
            hint=field.hint, extra_hint=extra_hint, why=form_markdown(field.why), why_protocol=why_protocol_lines(field, t),
            describedby=describedby, wrapper=wrapper, why_id=why_id, why_shown=why_from is None, unit=field.unit, statement=field.statement,
            condition_text=self.condition_text(field.show_if),
        )
        no_draft = True if kind in NO_DRAFT_TYPES else None
        own_autocomplete = field.autocomplete
        if kind == "date":
            for part in DATE_PARTS:
                token = f"bday-{part}" if own_autocomplete == "bday" else ("off" if own_autocomplete == "off" else None)
                view.inputs.append(InputView(
                    name=f"{name}-{part}", id=f"{qid}-{part}", label=t(f"date_{part}"),
                    width="w4" if part == "year" else "w2",
                    attrs={"inputmode": "numeric", "autocomplete": token, "required": required_attr}))
        elif kind == "address":
            for part in ADDRESS_PARTS:
                token = "off" if own_autocomplete == "off" else ADDRESS_AUTOCOMPLETE.get(part)
                part_required = required_attr if part != "addition" else None
                view.inputs.append(InputView(
                    name=f"{name}-{part}", id=f"{qid}-{part}", label=t(f"address_{part}"), width=ADDRESS_WIDTH[part],
                    attrs={"autocomplete": token, "required": part_required,
                           "inputmode": "numeric" if part == "house_number" else None,
                           "spellcheck": "false" if part in ("postcode", "house_number", "addition") else None,
                           "autocapitalize": "characters" if part == "postcode" else None}))
        elif kind in ("choice", "yes-no", "multiple-choice"):
            options = field.options if kind != "yes-no" else ()
            pairs = [(o.value, o.label, o.hint) for o in options] or [(YES, t("yes"), None), (NO, t("no"), None)]
            for value, option_label, option_hint in pairs:
                option_id = f"{qid}-{value}"
                view.options.append(OptionView(
                    value=CHECKED if kind == "multiple-choice" else value, label=option_label, id=option_id,
                    hint=option_hint, hint_id=f"{option_id}-hint" if option_hint else None,
                    name=f"{name}-{value}" if kind == "multiple-choice" else name))
            view.inputs.append(InputView(name=name, id=qid, label=label,
                                         attrs={"required": required_attr if kind != "multiple-choice" else None}))
        elif kind == "declaration":
            view.inputs.append(InputView(name=name, id=f"{qid}-input", label=field.statement or label,
                                         attrs={"required": required_attr}))
        elif kind == "select":
            view.options = [OptionView(value=o.value, label=o.label, id=f"{qid}-{o.value}") for o in field.options]
            view.inputs.append(InputView(name=name, id=qid, label=label,
                                         attrs={"required": required_attr, "aria-describedby": describedby,
                                                "autocomplete": own_autocomplete}))
        else:
            view.inputs.append(self.simple_input(field, name, qid, describedby, required_attr, no_draft))
        if not why_from:
            view.wrapper["data-fl-no-draft"] = no_draft
        return view

    def simple_input(self, field: Field, name: str, qid: str, describedby: str, required: bool | None,
                     no_draft: bool | None) -> InputView:
        kind = field.type
        html_type = {"email": "email", "phone": "tel", "file": "file"}.get(kind, "text")
        autocomplete = field.autocomplete or TYPE_AUTOCOMPLETE.get(kind)
        attrs: dict[str, Any] = {
            "type": html_type if html_type != "text" else None,
            "aria-describedby": describedby,
            "autocomplete": autocomplete if kind != "file" else None,
            "required": required,
            "inputmode": "numeric" if kind in ("bsn", "number", "house-number") else None,
            "spellcheck": "false" if kind in CODE_TYPES or kind in ("email", "phone") else None,
            "autocapitalize": "characters" if kind in ("postcode", "iban", "licence-plate") else None,
            "accept": ",".join(f".{e}" for e in field.accept) if kind == "file" and field.accept else None,
            "multiple": True if kind == "file" and field.multiple else None,
            "rows": 5 if kind == "textarea" else None,
        }
        width = f"w{field.width}" if field.width else TYPE_WIDTH.get(kind, "")
        return InputView(name=name, id=qid, label=field.label or "", attrs=attrs, width=width)


#: The messages form.js may show for each question type; a page carries only those it needs.
TYPE_MESSAGES = {
    "text": ("msg_required", "msg_max_length"),
    "textarea": ("msg_required", "msg_max_length"),
    "number": ("msg_required", "msg_integer", "msg_min", "msg_max", "msg_max_length"),
    "date": ("msg_date_incomplete", "msg_date_real", "msg_date_past", "msg_date_future"),
    "address": ("msg_address_part", "part_postcode", "part_house_number", "part_street", "part_city",
                "msg_postcode", "msg_house_number"),
    "choice": ("msg_choose",), "yes-no": ("msg_choose",), "select": ("msg_choose",),
    "multiple-choice": ("msg_choose_some",),
    "declaration": ("msg_declare",),
    "file": ("msg_file_required", "msg_file_type", "msg_file_size"),
    "email": ("msg_required", "msg_email", "msg_max_length"),
    "phone": ("msg_required", "msg_phone", "msg_max_length"),
    "postcode": ("msg_required", "msg_postcode", "msg_max_length"),
    "house-number": ("msg_required", "msg_house_number", "msg_max_length"),
    "bsn": ("msg_required", "msg_bsn", "msg_max_length"),
    "iban": ("msg_required", "msg_iban", "msg_max_length"),
    "licence-plate": ("msg_required", "msg_licence_plate", "msg_max_length"),
}
PAGE_MESSAGES = ("step_of", "change", "not_answered", "title_error_prefix", "error_prefix",
                 "msg_draft_cleared", "msg_draft_restored", "msg_item_added", "msg_item_removed",
                 # the parts form.js builds: they only work with it, so a page without it has none
                 "next", "previous", "check_title", "check_intro", "draft_label", "draft_hint", "draft_clear")
#: Only on pages with a repeating group.
REPEAT_MESSAGES = ("repeat_add", "repeat_remove", "repeat_remove_label")


def script_messages(t: Translate, form: Form) -> Markup:
    """The texts form.js shows, as JSON with their placeholders left in for the script to fill."""
    placeholders = {p: "{" + p + "}" for p in ("label", "min", "max", "part", "types", "size", "item", "n", "total")}
    keys = list(PAGE_MESSAGES)
    if any(f.type == "repeat" for f in form.walk()):
        keys += REPEAT_MESSAGES
    for question in form.questions():
        keys += [k for k in TYPE_MESSAGES[question.type] if k not in keys]
    return json_attribute({k: t(k, **placeholders) for k in keys})


@lru_cache(maxsize=None)
def form_texts(lang: str) -> Translate:
    """The e-form's texts in ``lang``: one translator per language, not one per form."""
    return translator(lang, FORM_TEXT, OWN_TEXT)


def form_markdown(text: str | None) -> Markup:
    """A text's Markdown as the e-form shows it: without the line breaks between its tags, as the
    form's templates are written (compact_markup.CompactAttributes)."""
    html = markdown_filter(text)
    return html if "\n" not in html else Markup(without_breaks_between_tags(html))


def no_endpoint_notice(product: Product, t: Translate) -> Markup:
    """Said on the form when the site has nowhere to send it: the other channels are on the product page."""
    link = Markup('<a href="../">{}</a>').format(product.title)
    return Markup(escape(t("no_endpoint", product="\ue001")).replace("\ue001", link))


def render_form(product: Product, *, endpoint: str, pdf: PdfLink | None = None, readable_ids: bool = False) -> str:
    """The e-form as an HTML fragment that starts with the h1 (see the module docstring). Without an
    endpoint the form says it cannot be sent online yet, and has no submit button. ``readable_ids``
    keeps the ids spelled out from the names (``fl-adres-postcode``), for reading the markup and for
    tests of its structure; the site gets the short ones (``compact_markup``)."""
    if product.form is None:
        raise ValueError(f"product {product.id!r} has no form")
    t = form_texts(product.lang)
    builder = FormBuilder(product, t)
    steps, final_pages, loose_declarations = builder.steps_and_final()
    has_file = any(f.type == "file" for f in product.form.walk())
    template = environment().get_template("form/form.html")
    with short_ids_for_page(not readable_ids):
        html = template.render(
            product=product,
            form=product.form,
            title=product.form.title or product.title,
            intro=form_markdown(product.form.intro),
            endpoint=endpoint,
            no_endpoint_notice=no_endpoint_notice(product, t) if not endpoint else None,
            pdf=pdf,
            enctype="multipart/form-data" if has_file else "application/x-www-form-urlencoded",
            steps=steps,
            final_pages=final_pages,
            loose_declarations=loose_declarations,
            messages=script_messages(t, product.form),
            draft_key=f"formloket:{product.id}:{product.version}",
            slots=slots,
            t=t,
        )
    # No line breaks between tags left to drop: CompactAttributes took them out of the templates,
    # and form_markdown out of the texts (tests/test_compact_markup.py holds every form to that).
    return html.rstrip("\n") + "\n"


# --- component examples (templates/components/<name>/examples.yaml) ---------------------------

def component_examples() -> list[tuple[str, str, dict[str, Any]]]:
    """(component, example name, field definition) for every example, in folder order."""
    import yaml

    from generator.render.environment import TEMPLATE_DIR

    found = []
    for folder in sorted((TEMPLATE_DIR / "components").iterdir()):
        examples_file = folder / "examples.yaml"
        if examples_file.is_file():
            for example in yaml.safe_load(examples_file.read_text(encoding="utf-8"))["examples"]:
                found.append((folder.name, example["name"], example["field"]))
    return found


def examples_definition(lang: str = "nl") -> dict[str, Any]:
    """A product definition (as in forms/*.yaml) with every component example on its own step."""
    pages = [{"id": f"voorbeeld_{n}", "title": f"{component}: {name}", "fields": [field]}
             for n, (component, name, field) in enumerate(component_examples(), start=1)]
    return {
        "id": "componenten", "title": "Voorbeelden van de formulieronderdelen",
        "summary": "Elk onderdeel van het e-formulier met zijn voorbeelden.",
        "upl": {"name": "voorbeeld", "uri": "http://standaarden.overheid.nl/owms/terms/voorbeeld"},
        "audience": ["burger"], "department": "formloket", "lang": lang,
        "channels": [{"type": "online-form", "role": "preferred"}, {"type": "counter", "role": "assisted"}],
        "form": {"pages": pages},
    }


def examples_product(lang: str = "nl") -> Product:
    """The component examples as one product: for the HTML tests and the accessibility run."""
    return Product.from_dict(examples_definition(lang), source="generator/templates/components", version="voorbeeld")
