"""Conditions that can never be true, and what they hide for ever.

A condition fails for ever when it asks for an answer the question cannot have, or when an ``all``
asks for two answers at once. What it hides can never be shown: for a required question that is a
form nobody completes as intended, so it is an error; for optional content a warning. A hidden page
or group is reported once, not once per question inside it.
"""

from __future__ import annotations

from typing import Any, Callable, Collection, Iterator

from .answers import value_problem
from .findings import Findings
from .form_tree import FormTree, Node
from .wording import count, show, show_list


def never_true(condition: Any, by_id: dict[str, Node], never_shown: Collection[Node] = ()) -> str | None:
    """Why ``condition`` can never hold, or None when it may (or when another error hides it).

    ``never_shown``: questions known to be hidden for ever; they are never answered either."""
    if not isinstance(condition, dict):
        return None
    if "field" in condition:
        target = by_id.get(condition["field"]) if isinstance(condition["field"], str) else None
        if target is None or not target.is_input:
            return None
        if "equals" in condition and value_problem(target, condition["equals"], 0):
            return f"'{target.id}' has no answer {show(condition['equals'])}"
        one_of = condition.get("one_of")
        if isinstance(one_of, list) and one_of and all(value_problem(target, v, 0) for v in one_of):
            return f"'{target.id}' has no answer {show_list(one_of)}"
        if target in never_shown and condition.get("answered") is not False:
            return f"'{target.id}' is never shown, so it is never answered"
        return None
    if isinstance(condition.get("all"), list):
        for member in condition["all"]:
            reason = never_true(member, by_id, never_shown)
            if reason:
                return reason
        return contradiction(condition["all"], by_id)
    if isinstance(condition.get("any"), list) and condition["any"]:
        reasons = [never_true(member, by_id, never_shown) for member in condition["any"]]
        if all(reasons):
            return "; ".join(reasons)  # type: ignore[arg-type]
    return None


def contradiction(members: list, by_id: dict[str, Node]) -> str | None:
    """Two tests in one ``all`` that no answer can pass together (a = x and a = y)."""
    allowed: dict[str, set] = {}
    answered: dict[str, bool] = {}
    for member in _flatten_all(members):
        name = member.get("field")
        target = by_id.get(name) if isinstance(name, str) else None
        if target is None or not target.is_input:
            continue
        wants_answer = member.get("answered", True) is not False
        if name in answered and answered[name] != wants_answer:
            return f"'{name}' cannot be answered and left empty at the same time"
        answered[name] = wants_answer
        if target.kind == "multiple-choice":
            continue  # several boxes can be ticked at once
        tested = [member["equals"]] if "equals" in member else member.get("one_of")
        if not isinstance(tested, list) or not all(isinstance(v, (str, int, float)) for v in tested):
            continue
        values = set(tested)
        if name in allowed and not (allowed[name] & values):
            return (
                f"'{name}' cannot be {show_list(sorted(allowed[name], key=str))} and "
                f"{show_list(sorted(values, key=str))} at the same time"
            )
        allowed[name] = allowed[name] & values if name in allowed else values
    return None


def _flatten_all(members: list) -> Iterator[dict]:
    for member in members:
        if isinstance(member, dict) and isinstance(member.get("all"), list):
            yield from _flatten_all(member["all"])
        elif isinstance(member, dict) and "field" in member:
            yield member


def check_never_shown(tree: FormTree, findings: Findings) -> None:
    """A question hidden for ever; for a page or group, report it once instead of per question."""
    by_id = tree.entry_by_id()
    never_shown: set[Node] = set()  # Node compares by identity
    for node in tree.nodes:
        if any(a in never_shown for a in node.ancestors):
            never_shown.add(node)  # inside a hidden page or group: reported with it
            continue
        reason = never_true(node.data.get("show_if"), by_id, never_shown)
        if not reason:
            continue
        never_shown.add(node)
        cause = f"can never be shown, because its show_if can never be true ({reason})"
        if node.is_input:
            report: Callable = findings.error if node.is_required else findings.warning
            label = "required question" if node.is_required else "question"
            report(node.path, f"{label} '{node.id}' {cause}: fix the condition, or remove the question")
        else:
            required = [n for n in tree.descendants(node) if n.is_required]
            if required:
                findings.error(
                    node.path,
                    f"{node.describe()} {cause}, so its {count(len(required), 'required question')} "
                    "can never be answered: fix the condition",
                )
            else:
                findings.warning(node.path, f"{node.describe()} {cause}: fix the condition, or remove it")
