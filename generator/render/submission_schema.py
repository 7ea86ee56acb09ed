"""The JSON Schema of a valid submission of a product's e-form (Draft 2020-12).

A submission is what the browser posts, read as a JSON object: every value a string, named as
``model.Form.input_names()`` says (an unticked box or radio group posts nothing; an empty text box
posts ""). The schema checks the shape of each answer, which questions are required, and, with
``if``/``then``, the questions that are only required when an earlier answer makes them apply.
What a pattern cannot say (BSN 11-proef, IBAN mod 97, 31 February) is in each property's
``description`` and in ``validation_rules``.

This module also owns the translation of a condition from the definition (which names question
ids) into a condition on submitted input names: the e-form's ``data-fl-show-if`` and the schema's
``if`` are both made from it, so the page and the schema cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from generator.model import ADDRESS_PARTS, CHECKED, DATE_PARTS, NO, OPTIONAL_ADDRESS_PARTS, YES, Condition, Field, Form, Product
from generator.render import validation_rules as rules

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
#: Annotation on a file upload's property (validators ignore keywords they do not know).
FILE_MARK = "x-formloket-type"

#: A condition on submitted names, as JSON: {"field": name, "equals": "x"} | {"field": name,
#: "one_of": [...]} | {"field": name, "answered": bool} | {"all": [...]} | {"any": [...]}.
NameCondition = dict[str, Any]


# --- which question an id names, and where it sits ------------------------------------------

@dataclass(frozen=True)
class Located:
    field: Field
    repeat_id: str | None  # the repeat this question is part of, if any


def locate_questions(form: Form) -> dict[str, Located]:
    """Every field with an id, by id, with the repeat it sits in."""
    found: dict[str, Located] = {}

    def visit(entry: Field, repeat_id: str | None) -> None:
        if entry.id:
            found[entry.id] = Located(entry, repeat_id)
        inner_repeat = entry.id if entry.type == "repeat" else repeat_id
        for child in entry.fields:
            visit(child, inner_repeat)

    for page in form.pages:
        for entry in page.fields:
            visit(entry, None)
    return found


def answer_value(value: Any) -> str:
    """A value from a condition as the browser posts it: True -> 'ja', 3.0 -> '3'."""
    if value is True:
        return YES
    if value is False:
        return NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def resolve_condition(condition: Condition, questions: dict[str, Located], item_prefix: dict[str, str] | None = None) -> NameCondition:
    """The condition on submitted names. ``item_prefix`` maps a repeat id to the prefix of the item
    being rendered ("getuigen-2-"), so a condition inside a repeat item tests its own sibling."""
    item_prefix = item_prefix or {}
    if condition.all:
        return {"all": [resolve_condition(c, questions, item_prefix) for c in condition.all]}
    if condition.any:
        return {"any": [resolve_condition(c, questions, item_prefix) for c in condition.any]}
    located = questions.get(condition.field or "")
    if located is None:  # the definition validator reports this; render a condition that never holds
        return {"field": condition.field, "answered": True}
    target = located.field
    prefix = item_prefix.get(located.repeat_id, f"{located.repeat_id}-1-") if located.repeat_id else ""
    names = target.input_names(prefix)
    base = f"{prefix}{target.id}"
    if target.type == "multiple-choice" and condition.answered is None:
        values = [condition.equals] if condition.one_of is None else list(condition.one_of)
        tests = [{"field": f"{base}-{answer_value(v)}", "equals": CHECKED} for v in values]
        return tests[0] if len(tests) == 1 else {"any": tests}
    if condition.answered is not None:
        if len(names) == 1:
            return {"field": names[0], "answered": condition.answered}
        if condition.answered:
            return {"any": [{"field": n, "answered": True} for n in names]}
        return {"all": [{"field": n, "answered": False} for n in names]}
    if condition.one_of is not None:
        return {"field": base, "one_of": [answer_value(v) for v in condition.one_of]}
    return {"field": base, "equals": answer_value(condition.equals)}


def condition_schema(condition: NameCondition) -> dict[str, Any]:
    """A NameCondition as a JSON Schema that a submission satisfies when the condition holds."""
    if "all" in condition:
        return {"allOf": [condition_schema(c) for c in condition["all"]]}
    if "any" in condition:
        return {"anyOf": [condition_schema(c) for c in condition["any"]]}
    name = condition["field"]
    if "equals" in condition:
        return {"required": [name], "properties": {name: {"const": condition["equals"]}}}
    if "one_of" in condition:
        return {"required": [name], "properties": {name: {"enum": condition["one_of"]}}}
    answered = {"required": [name], "properties": {name: {"minLength": 1}}}
    return answered if condition["answered"] else {"not": answered}


# --- every question with the conditions under which it applies ------------------------------

@dataclass(frozen=True)
class QuestionSlot:
    """One question as it appears on the page: in a repeat, once per numbered item."""

    field: Field
    prefix: str  # "" or "getuigen-2-"
    applies_when: tuple[NameCondition, ...]  # all must hold for the question to be asked


def question_slots(form: Form) -> Iterator[QuestionSlot]:
    questions = locate_questions(form)

    def visit(entry: Field, conditions: tuple, item_prefix: dict[str, str], prefix: str) -> Iterator[QuestionSlot]:
        if entry.show_if:
            conditions = (*conditions, resolve_condition(entry.show_if, questions, item_prefix))
        if entry.type == "content":
            return
        if entry.type == "group":
            for child in entry.fields:
                yield from visit(child, conditions, item_prefix, prefix)
        elif entry.type == "repeat":
            for number in range(1, (entry.max or 0) + 1):
                item = f"{entry.id}-{number}-"
                item_conditions = conditions
                if number > (entry.min or 0):
                    # An item beyond the minimum is only checked once the citizen starts filling it.
                    names = [n for child in entry.fields for n in child.input_names(item)]
                    item_conditions = (*conditions, {"any": [{"field": n, "answered": True} for n in names]})
                for child in entry.fields:
                    yield from visit(child, item_conditions, {**item_prefix, entry.id: item}, item)
        else:
            yield QuestionSlot(entry, prefix, conditions)

    for page in form.pages:
        page_conditions = (resolve_condition(page.show_if, questions),) if page.show_if else ()
        for entry in page.fields:
            yield from visit(entry, page_conditions, {}, "")


# --- the schema -------------------------------------------------------------------------------

def _pattern(pattern: str) -> dict[str, Any]:
    """Empty (not answered) or matching: an optional box is posted as ""."""
    return {"anyOf": [{"maxLength": 0}, {"pattern": pattern}]}


def _case_insensitive(text: str) -> str:
    return "".join(f"[{c}{c.upper()}]" if c.isalpha() else c for c in text)


def _property_schemas(field: Field, prefix: str, title: str) -> dict[str, dict[str, Any]]:
    """Shape of each input a question posts (not whether it is required)."""
    name = f"{prefix}{field.id}"
    string: dict[str, Any] = {"type": "string", "title": title}
    kind = field.type
    if kind in ("text", "textarea"):
        return {name: {**string, **({"maxLength": field.max_length} if field.max_length else {})}}
    if kind == "number":
        return {name: {**string, **_pattern(rules.integer_range_pattern(field.min, field.max))}}
    simple_patterns = {
        "email": rules.EMAIL_PATTERN,
        "phone": rules.PHONE_PATTERN,
        "postcode": rules.POSTCODE_PATTERN,
        "house-number": rules.HOUSE_NUMBER_PATTERN,
        "bsn": rules.BSN_PATTERN,
        "iban": rules.IBAN_PATTERN,
        "licence-plate": rules.LICENCE_PLATE_PATTERN,
    }
    if kind in simple_patterns:
        schema = {**string, **_pattern(simple_patterns[kind])}
        if kind == "email":
            schema["anyOf"][1]["format"] = "email"
        if kind == "bsn":
            schema["description"] = "9 cijfers die de 11-proef doorstaan."
        if kind == "iban":
            schema["description"] = "IBAN met geldig controlegetal (mod 97); spaties en kleine letters toegestaan."
        return {name: schema}
    if kind == "date":
        part_patterns = {"day": rules.DAY_PATTERN, "month": rules.MONTH_PATTERN, "year": rules.YEAR_PATTERN}
        description = {"past": "Samen een bestaande datum, vandaag of eerder.",
                       "future": "Samen een bestaande datum, vandaag of later."}.get(field.range, "Samen een bestaande datum.")
        return {f"{name}-{part}": {**string, "title": f"{title} ({part})", "description": description,
                                   **_pattern(part_patterns[part])} for part in DATE_PARTS}
    if kind == "address":
        part_patterns = {"postcode": rules.POSTCODE_PATTERN, "house_number": rules.HOUSE_NUMBER_PATTERN}
        result = {}
        for part in ADDRESS_PARTS:
            schema = {**string, "title": f"{title} ({part})"}
            if part in part_patterns:
                schema.update(_pattern(part_patterns[part]))
            elif part == "addition":
                schema["maxLength"] = 10
            result[f"{name}-{part}"] = schema
        return result
    if kind == "choice":
        return {name: {**string, "enum": [o.value for o in field.options]}}
    if kind == "select":
        return {name: {**string, "enum": ["", *(o.value for o in field.options)]}}
    if kind == "yes-no":
        return {name: {**string, "enum": [YES, NO]}}
    if kind == "multiple-choice":
        return {f"{name}-{o.value}": {**string, "title": f"{title}: {o.label}", "const": CHECKED} for o in field.options}
    if kind == "declaration":
        return {name: {**string, "const": CHECKED}}
    if kind == "file":
        one = dict(string)
        if field.accept:
            extensions = "|".join(_case_insensitive(e) for e in field.accept)
            one.update(_pattern(rf"[.]({extensions})$"))
        if field.max_size_mb:
            one["description"] = f"Bestandsnaam; het bestand is hoogstens {field.max_size_mb:g} MB."
        # Marked, so that a reader of the schema (check-pdf) knows a file without parsing patterns:
        # a file cannot be a field on paper.
        if field.multiple:
            return {name: {"title": title, FILE_MARK: "file", "anyOf": [one, {"type": "array", "items": one}]}}
        return {name: {**one, FILE_MARK: "file"}}
    raise ValueError(f"unknown question type {kind!r}")


def _requirement(field: Field, prefix: str) -> dict[str, Any]:
    """What answering this question means for the submission."""
    names = field.input_names(prefix)
    if field.type == "multiple-choice":
        return {"anyOf": [{"required": [n]} for n in names]}
    if field.type == "address":
        names = [n for n in names if n.rsplit("-", 1)[1] not in OPTIONAL_ADDRESS_PARTS]
    return {"required": names, "properties": {n: {"minLength": 1} for n in names}}


def _started(field: Field, prefix: str) -> NameCondition:
    return {"any": [{"field": n, "answered": True} for n in field.input_names(prefix)]}


def _slot_title(slot: QuestionSlot, item_labels: dict[str, str]) -> str:
    label = slot.field.label or slot.field.id or ""
    if slot.prefix:
        repeat_id, number = slot.prefix.rstrip("-").rsplit("-", 1)
        return f"{item_labels.get(repeat_id, repeat_id)} {number}: {label}"
    return label


def submission_schema(product: Product) -> dict[str, Any]:
    """Draft 2020-12 JSON Schema of a valid submission (see the module docstring)."""
    form = product.form
    if form is None:
        raise ValueError(f"product {product.id!r} has no form")
    item_labels = {f.id: f.item_label for f in form.walk() if f.type == "repeat" and f.id and f.item_label}
    properties: dict[str, Any] = {}
    required: list[str] = []
    all_of: list[dict[str, Any]] = []
    for slot in question_slots(form):
        field = slot.field
        shapes = _property_schemas(field, slot.prefix, _slot_title(slot, item_labels))
        properties.update(shapes)
        requirement = _requirement(field, slot.prefix)
        conditions = list(slot.applies_when)
        if not field.required:
            if field.type not in ("date", "address"):
                continue
            # An optional date or address, once started, must be complete.
            conditions.append(_started(field, slot.prefix))
        if not conditions and "required" in requirement:
            required.extend(requirement["required"])
            for name in requirement["required"]:
                properties[name]["minLength"] = 1
        elif not conditions:
            all_of.append(requirement)
        else:
            condition = conditions[0] if len(conditions) == 1 else {"all": conditions}
            all_of.append({"if": condition_schema(condition), "then": requirement})
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "title": f"Inzending: {form.title or product.title}",
        "description": (
            f"Wat het formulier van '{product.title}' verstuurt (versie {product.version}). "
            "Elke waarde is tekst, zoals een browser hem verstuurt."
        ),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    if all_of:
        schema["allOf"] = all_of
    return schema
