"""How rule messages show values and suggest fixes, so every rule says it the same way."""

from __future__ import annotations

import difflib
from typing import Any, Iterable


def show(value: Any) -> str:
    """A value as the editor typed it in YAML: 'text' quoted, true/false, numbers bare."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'"
    return str(value)


def show_list(values: Iterable[Any]) -> str:
    """'a', 'b' or 'c'."""
    shown = [show(v) for v in values]
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " or " + shown[-1]


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate that looks most like ``word`` (a typo's likely intent), if any is close."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """' (did you mean 'x'?)' or ''."""
    match = closest(word, candidates)
    return f" (did you mean '{match}'?)" if match else ""


def count(number: int, noun: str, plural: str | None = None) -> str:
    """1 question, 2 questions."""
    return f"{number} {noun if number == 1 else (plural or noun + 's')}"
