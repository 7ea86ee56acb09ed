"""Which answers a question can have: what a condition may compare it with.

A condition compares one answer with one value; this module says, per type of question, whether a
value can ever be that answer, and if not, why (in words an editor can act on).
"""

from __future__ import annotations

from typing import Any

from generator.model import CHOICE_TYPES, NO, YES

from .form_tree import Node
from .wording import did_you_mean, show, show_list

#: Questions whose answer is several values (or a file): only ``answered`` can test them.
MULTI_PART_ANSWERS = {
    "date": "a date question, whose answer has three parts (day, month, year)",
    "address": "an address question, whose answer has several parts",
    "file": "a file question, whose answer is a file",
}


def option_values(target: Node) -> list[str]:
    options = target.data.get("options")
    return [o["value"] for o in options if isinstance(o, dict) and isinstance(o.get("value"), str)] \
        if isinstance(options, list) else []


def value_problem(target: Node, value: Any, line: int) -> str | None:
    """Why ``value`` can never be an answer of the question ``target``, or None if it can be."""
    name, kind = target.id, target.kind
    if kind in CHOICE_TYPES:
        values = option_values(target)
        if isinstance(value, str) and value in values:
            return None
        hint = did_you_mean(value, values) if isinstance(value, str) else ""
        return f"{show(value)} is not an option of '{name}' (line {line}){hint}: use {show_list(values)}"
    if kind == "yes-no":
        if value in (YES, NO) and isinstance(value, str):
            return None
        return f"{show(value)} is not an answer to the yes-no question '{name}': use '{YES}' or '{NO}'"
    if kind == "declaration":
        if value is True:
            return None
        return (
            f"{show(value)} is not an answer to the declaration '{name}': a declaration is ticked or "
            "not, so test it with equals: true"
        )
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return (
                f"{show(value)} is not a number, but '{name}' is a number question: "
                "write the number without quotes"
            )
        if isinstance(value, float) and not value.is_integer():
            return f"{value} is not a whole number, and '{name}' takes whole numbers only: the condition can never be true"
        low, high = target.data.get("min"), target.data.get("max")
        if (isinstance(low, int) and value < low) or (isinstance(high, int) and value > high):
            allowed = f"{low if isinstance(low, int) else '…'} to {high if isinstance(high, int) else '…'}"
            return f"{value} is outside the range of '{name}' ({allowed}): the condition can never be true"
        return None
    if kind in MULTI_PART_ANSWERS:
        return (
            f"'{name}' is {MULTI_PART_ANSWERS[kind]}, so it cannot equal one value: "
            "test it with answered: true"
        )
    if isinstance(value, bool):
        return (
            f"YAML reads {show(value)} as a yes/no value, but '{name}' is answered with text: "
            "put the value in quotes"
        )
    return None
