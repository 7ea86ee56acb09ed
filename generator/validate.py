"""Check a parsed document against the product JSON Schema; every fault becomes one located Problem.

jsonschema's own messages are written for programmers ("Unevaluated properties are not allowed
('requried' was unexpected)"). A department editor needs to know which key, where, and what to
write instead, so each kind of error is turned into a sentence here, once, with the place it points
at (the key itself for an unknown key, the mapping for a missing key, the value otherwise).

Speed: the schema is compiled once per process. When jsonschema-rs is installed, it decides whether
a document is valid (about 200 times faster than jsonschema); only documents with faults are walked
again by jsonschema, whose error objects carry what we need for the messages.
"""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from generator import PRODUCT_SCHEMA
from generator.load import Document
from generator.locate import position
from generator.problems import Problem, breadcrumb

if TYPE_CHECKING:  # jsonschema itself is imported only when a document has faults (0.1 s a start)
    import jsonschema
    from jsonschema.exceptions import ValidationError

try:  # optional accelerator; the results are the same without it, only slower
    import jsonschema_rs
except ImportError:  # pragma: no cover - depends on the installation
    jsonschema_rs = None


@cache
def product_schema() -> dict:
    with open(PRODUCT_SCHEMA, encoding="utf-8") as handle:
        return json.load(handle)


@cache
def _python_validator() -> jsonschema.protocols.Validator:
    import jsonschema  # noqa: PLC0415 - see the top: only for documents with faults

    schema = product_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


@cache
def _fast_validator():
    return jsonschema_rs.validator_for(product_schema()) if jsonschema_rs else None


def validate_document(document: Document) -> list[Problem]:
    """Every schema problem of one document, deduplicated and in file order."""
    fast = _fast_validator()
    if fast is not None and fast.is_valid(document.data):
        return []
    errors = list(_python_validator().iter_errors(document.data))
    problems = {p: None for p in _problems(document, errors)}  # a dict keeps order and drops repeats
    if errors and not problems:
        # Never let a fault through unexplained: say it in jsonschema's words rather than not at all.
        from jsonschema.exceptions import best_match  # noqa: PLC0415

        error = best_match(errors)
        problems = {_at(document, tuple(error.absolute_path), error.message): None}
    return sorted(problems, key=lambda p: (p.line, p.column))  # stable: schema order at one place


# --- from jsonschema errors to problems -------------------------------------------------------------


def _problems(document: Document, errors: list[ValidationError]) -> Iterator[Problem]:
    # A field without a valid 'type' matches every if/then branch of the field schema at once; its
    # only useful message is about 'type', so the rest at that place is dropped.
    typeless = {tuple(e.absolute_path) for e in errors if _is_missing_field_type(e)}
    problems = []
    for error in errors:
        if tuple(error.absolute_path) in typeless and not _is_missing_field_type(error):
            continue
        problems.extend(_explain(document, error))
    # "unknown key 'titel'; did you mean 'title'?" already says that 'title' is missing.
    suggested = {(p.where, m.group(1)) for p in problems if (m := _SUGGESTION.search(p.message))}
    for problem in problems:
        missing = _MISSING.fullmatch(problem.message)
        if not (missing and (problem.where, missing.group(1)) in suggested):
            yield problem


_SUGGESTION = re.compile(r"^unknown key .*; did you mean '(.*)'\?$")
_MISSING = re.compile(r"missing required key '(.*)'")


def _is_missing_field_type(error: ValidationError) -> bool:
    # The field schema is the only one whose required list is just ["type"].
    return error.validator == "required" and error.validator_value == ["type"] and isinstance(error.instance, dict) and "type" not in error.instance


def _explain(document: Document, error: ValidationError) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    kind = error.validator
    instance = error.instance

    if kind in ("additionalProperties", "unevaluatedProperties"):
        yield from _unknown_keys(document, error, path)
    elif kind == "required":
        for key in error.validator_value:
            if isinstance(instance, dict) and key not in instance:
                yield _at(document, path, f"missing required key '{key}'")
    elif kind == "oneOf" and _is_condition_schema(error.schema):
        message = _condition_shape(instance)
        if message:
            yield _at(document, path, message)
    elif kind in ("oneOf", "anyOf") and error.context:
        from jsonschema.exceptions import best_match  # noqa: PLC0415 - a document with faults

        yield from _explain(document, best_match(error.context))
    else:
        yield _at(document, path, _value_message(error))


def _at(document: Document, path: tuple, message: str, *, key: bool = False, where: tuple | None = None) -> Problem:
    line, column = position(document.root, path, key=key)
    return Problem(document.path, line, column, breadcrumb(path if where is None else where), message)


def _unknown_keys(document: Document, error: ValidationError, path: tuple) -> Iterator[Problem]:
    instance = error.instance
    if not isinstance(instance, dict):
        return
    allowed = _allowed_keys(error.schema)
    field_type = instance.get("type") if _is_field_type_schema(error.schema) else None
    for key in instance:
        if key in allowed:
            continue
        if field_type and key in _all_field_keys():
            message = f"key '{key}' is not allowed for a field of type '{field_type}'"
        else:
            message = f"unknown key '{key}'" + _did_you_mean(str(key), allowed)
        yield _at(document, (*path, key), message, key=True, where=path)


def _did_you_mean(word: str, choices: Iterable[Any]) -> str:
    texts = [str(c) for c in choices]
    by_case = {t.lower(): t for t in texts}
    if word.lower() in by_case and by_case[word.lower()] != word:
        return f"; did you mean '{by_case[word.lower()]}'?"
    close = difflib.get_close_matches(word, texts, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _value_message(error: ValidationError) -> str:
    kind, expected, value = error.validator, error.validator_value, error.instance
    if kind == "type":
        return _type_message(expected, value)
    if kind == "enum":
        hint = _did_you_mean(value, expected) if isinstance(value, str) else ""
        return "must be one of: " + ", ".join(str(v) for v in expected) + hint
    if kind == "const":
        return f"must be {_show(expected)}"
    if kind == "pattern":
        return _pattern_message(expected, value)
    if kind == "minLength":
        if value == "":
            return "must not be empty"
        return f"must be at least {expected} characters" if expected > 1 else "must not be empty"
    if kind == "maxLength":
        return f"must be at most {expected} characters (it has {len(value)})"
    if kind == "minItems":
        return "must not be an empty list" if not value else f"must have at least {expected} items"
    if kind == "maxItems":
        return f"must have at most {expected} items"
    if kind == "uniqueItems":
        return f"must not list the same item twice ({_show(_first_repeat(value))})"
    if kind == "minimum":
        return f"must be at least {_show(expected)}"
    if kind == "maximum":
        return f"must be at most {_show(expected)}"
    if kind == "exclusiveMinimum":
        return f"must be more than {_show(expected)}"
    if kind == "exclusiveMaximum":
        return f"must be less than {_show(expected)}"
    if kind == "minProperties":
        return "must not be empty"
    if kind == "not":
        return "this combination of keys is not allowed"
    return error.message  # a keyword this schema does not use yet: jsonschema's words beat none


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping (key: value lines)",
    "null": "empty",
}


def _type_message(expected: str | list[str], value: Any) -> str:
    names = [expected] if isinstance(expected, str) else list(expected)
    words = [_TYPE_WORDS.get(n, n) if len(names) == 1 or n != "boolean" else "true/false" for n in names]
    wanted = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
    if value is None:
        return f"is empty; must be {wanted}"
    if names == ["boolean"] and isinstance(value, str):
        return f"must be true or false, not {_show(value)}"
    if names == ["array"] and isinstance(value, str):
        return f"must be a list: one '- ' line per item, or [{value}]"
    if isinstance(value, float) and "integer" in names or isinstance(value, str) and {"number", "integer"} & set(names):
        return f"must be {wanted}, not {_show(value)}"
    return f"must be {wanted}"


#: What each pattern of the schema asks for, in words an editor understands.
_PATTERN_WORDS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "must be lower case letters and digits, words joined by single hyphens (e.g. verhuizing-doorgeven)",
    "^[a-z][a-z0-9_]*$": "must start with a lower case letter and hold only a-z, 0-9 and _ (e.g. nieuw_adres)",
    "^P(?!$)([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?$": "must be an ISO 8601 duration such as P5Y (five years) or P6M (six months)",
    "^https?://standaarden\\.overheid\\.nl/owms/terms/[^\\s]+$": "must be a UPL address: http://standaarden.overheid.nl/owms/terms/<name>",
    "^https://": "must be a web address starting with https://",
    "^\\+?[0-9][0-9 ()-]{1,20}$": "must be a phone number of digits, spaces, brackets and hyphens (e.g. 14 020)",
    "^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$": "must be an e-mail address (e.g. info@gemeente.nl)",
    "^(https://|http://(localhost|127\\.0\\.0\\.1)(:[0-9]+)?/|/)": "must start with https://, with / for this site, or with http://localhost/ for testing",
    "^[a-z][a-z0-9 -]*$": "must be an HTML autocomplete token in lower case (e.g. given-name)",
    "^[a-z0-9][a-z0-9_-]*$": "must be lower case letters, digits, - and _ (e.g. eigen-woning)",
    "^[a-z0-9]{2,5}$": "must be a file extension of 2 to 5 lower case letters or digits (e.g. pdf)",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "must be a date written as YYYY-MM-DD",
}


def _pattern_message(pattern: str, value: Any) -> str:
    words = _PATTERN_WORDS.get(pattern, f"must match the pattern {pattern}")
    return f"{words}, not {_show(value)}"


def _condition_shape(condition: Any) -> str | None:
    """Why a condition has none of its three shapes, or None when another message says it already."""
    if not isinstance(condition, dict):
        return None
    allowed = set(product_schema()["$defs"]["condition"]["properties"])
    if any(key not in allowed for key in condition):
        return None  # the unknown key's own message (with its hint) is the one to read
    tests = [k for k in ("equals", "one_of", "answered") if k in condition]
    combined = [k for k in ("all", "any") if k in condition]
    if "field" in condition and combined:
        return f"use either 'field' or '{combined[0]}', not both"
    if len(combined) > 1:
        return "use either 'all' or 'any', not both"
    if combined and tests:
        return f"'{tests[0]}' belongs with 'field', not with '{combined[0]}'"
    if "field" in condition and len(tests) > 1:
        return f"use one of 'equals', 'one_of' or 'answered', not both '{tests[0]}' and '{tests[1]}'"
    if "field" in condition and not tests:
        return "'field' needs one of 'equals', 'one_of' or 'answered'"
    if tests and "field" not in condition:
        return f"missing required key 'field' (the question whose answer '{tests[0]}' tests)"
    if not condition:
        return None  # "must not be empty" says it
    return "a condition needs 'field' with 'equals', 'one_of' or 'answered', or else 'all' or 'any'"


# --- reading the schema -----------------------------------------------------------------------------


def _resolve(schema: Any) -> Any:
    """Follow a local $ref such as '#/$defs/field' (the only kind this schema uses)."""
    while isinstance(schema, dict) and set(schema) <= {"$ref", "description"} and "$ref" in schema:
        schema = _lookup(schema["$ref"])
    return schema


def _lookup(reference: str) -> Any:
    node: Any = product_schema()
    for part in reference.removeprefix("#/").split("/"):
        node = node[part]
    return node


def _allowed_keys(schema: Any) -> list[str]:
    """Keys a schema (with everything its $ref pulls in) knows, in schema order."""
    keys: dict[str, None] = {}
    schema = _resolve(schema)
    if isinstance(schema, dict):
        if "$ref" in schema:
            keys.update(dict.fromkeys(_allowed_keys(_lookup(schema["$ref"]))))
        keys.update(dict.fromkeys(schema.get("properties", {})))
    return list(keys)


@cache
def _all_field_keys() -> frozenset[str]:
    """Every key some field type allows: to tell 'wrong for this type' from 'unknown'."""
    keys: set[str] = set()
    for branch in product_schema()["$defs"]["field"]["allOf"]:
        keys.update(_allowed_keys(branch["then"]))
    return frozenset(keys)


@cache
def _field_type_schema_ids() -> frozenset[int]:
    return frozenset(id(_resolve(branch["then"])) for branch in product_schema()["$defs"]["field"]["allOf"])


def _is_field_type_schema(schema: Any) -> bool:
    return id(schema) in _field_type_schema_ids()


def _is_condition_schema(schema: Any) -> bool:
    return schema is product_schema()["$defs"]["condition"]


# --- small helpers ----------------------------------------------------------------------------------


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if value is None:
        return "empty"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a mapping"
    return str(value)


def _first_repeat(items: list) -> Any:
    seen: list = []
    for item in items:
        if item in seen:
            return item
        seen.append(item)
    return None
