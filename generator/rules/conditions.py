"""Conditions (show_if): what they test must exist, come earlier, have an answer, and be possible.

A condition is evaluated in the citizen's browser (and explained on the PDF) while the form is
filled in from top to bottom, so it can only test a question that was asked before it. A condition
that can never be true hides its question for ever: for a required question that is a form nobody
can complete as intended, so it is an error; for an optional one a warning.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

from generator.model import CHOICE_TYPES, YES, NO

from .findings import Findings
from .form_tree import KIND_NAMES, FormTree, Node
from .wording import count, did_you_mean, show, show_list

#: Questions whose answer is several values (or a file): only ``answered`` can test them.
MULTI_PART_ANSWERS = {
    "date": "a date question, whose answer has three parts (day, month, year)",
    "address": "an address question, whose answer has several parts",
    "file": "a file question, whose answer is a file",
}

Path = tuple[str | int, ...]


def check_conditions(tree: FormTree, findings: Findings) -> None:
    by_id = tree.entry_by_id()
    for owner in tree.nodes:
        condition = owner.data.get("show_if")
        if not isinstance(condition, dict):
            continue
        condition_path = (*owner.path, "show_if")
        for leaf_path, leaf in _tests(condition, condition_path):
            target = _check_reference(owner, leaf_path, leaf, tree, by_id, findings)
            if target is not None:
                _check_values(leaf_path, leaf, target, findings)
        for all_path, members in _all_lists(condition, condition_path):
            reason = _contradiction(members, by_id)
            if reason:
                findings.error(
                    all_path,
                    f"these conditions can never all be true: {reason}. "
                    "Use any: if one of them is enough",
                )
    _check_never_shown(tree, by_id, findings)


# --- what a condition refers to ----------------------------------------------------------------

def _check_reference(owner: Node, leaf_path: Path, leaf: dict, tree: FormTree,
                     by_id: dict[str, Node], findings: Findings) -> Node | None:
    """Report a bad reference; return the referenced question when its answer can be tested."""
    name = leaf.get("field")
    at = (*leaf_path, "field")
    if not isinstance(name, str):
        return None
    target = by_id.get(name)
    if target is None:
        suggestion = did_you_mean(name, [n.id for n in tree.inputs if n.id])
        findings.error(
            at,
            f"no field '{name}' in this form{suggestion}: a condition can only test a question of "
            "the same form, by its id",
        )
        return None
    if target is owner:
        findings.error(
            at,
            f"refers to itself: {owner.describe()} cannot depend on its own answer; "
            "test an earlier question",
        )
        return None
    if not target.is_input:
        findings.error(
            at,
            f"'{name}' is a {KIND_NAMES.get(target.kind, target.kind)} (line "
            f"{findings.line(target.path)}), which has no answer to test: test one of the questions "
            "before this one",
        )
        return None
    target_line = findings.line(target.path)
    if owner.contains(target):
        kind = KIND_NAMES.get(owner.kind, owner.kind)
        findings.error(
            at,
            f"refers to '{name}' (line {target_line}), which is inside this {kind} itself: the "
            f"{kind} must be shown before '{name}' can be answered; test an earlier question",
        )
    elif target.repeat is not None and target.repeat is not owner.repeat:
        findings.error(
            at,
            f"'{name}' (line {target_line}) is inside the repeating group '{target.repeat.id}', which "
            "the citizen can fill in several times: a condition outside that group cannot tell "
            "which answer to test",
        )
    elif target.order > owner.order:
        cycle = _cycle(target, owner, by_id)
        if cycle:
            findings.error(
                at,
                f"refers to '{name}' (line {target_line}), which comes later and itself depends on "
                f"this {KIND_NAMES.get(owner.kind, 'question')}: the conditions form a cycle "
                f"({' → '.join(cycle)}); test an earlier question",
            )
        else:
            findings.error(
                at,
                f"refers to a later field '{name}' (line {target_line}): a condition can only test "
                "questions that come before it, because the citizen has not answered later ones yet; "
                f"move '{name}' up or test an earlier question",
            )
    return target


def _cycle(start: Node, goal: Node, by_id: dict[str, Node]) -> list[str] | None:
    """The ids on a chain of dependencies from ``start`` back to ``goal``, if there is one.

    A node depends on the questions its condition tests and on its container (it is shown only
    when the container is)."""
    previous: dict[int, Node | None] = {id(start): None}
    queue = [start]
    while queue:
        node = queue.pop(0)
        if node is goal:
            chain = []
            step: Node | None = node
            while step is not None:
                chain.append(step.id or "?")
                step = previous[id(step)]
            return [goal.id or "?", *reversed(chain)]
        for next_node in _dependencies(node, by_id):
            if id(next_node) not in previous:
                previous[id(next_node)] = node
                queue.append(next_node)
    return None


def _dependencies(node: Node, by_id: dict[str, Node]) -> Iterator[Node]:
    if node.parent is not None:
        yield node.parent
    condition = node.data.get("show_if")
    if isinstance(condition, dict):
        for _, leaf in _tests(condition, ()):
            name = leaf.get("field")
            target = by_id.get(name) if isinstance(name, str) else None
            if target is not None:
                yield target


# --- which values a question can have ----------------------------------------------------------

def _check_values(leaf_path: Path, leaf: dict, target: Node, findings: Findings) -> None:
    line = findings.line(target.path)
    if "equals" in leaf:
        problem = value_problem(target, leaf["equals"], line)
        if problem:
            findings.error((*leaf_path, "equals"), problem)
    one_of = leaf.get("one_of")
    if isinstance(one_of, list):
        for index, value in enumerate(one_of):
            problem = value_problem(target, value, line)
            if problem:
                findings.error((*leaf_path, "one_of", index), problem)


def _option_values(target: Node) -> list[str]:
    options = target.data.get("options")
    return [o["value"] for o in options if isinstance(o, dict) and isinstance(o.get("value"), str)] \
        if isinstance(options, list) else []


def value_problem(target: Node, value: Any, line: int) -> str | None:
    """Why ``value`` can never be an answer of the question ``target``, or None if it can be."""
    name, kind = target.id, target.kind
    if kind in CHOICE_TYPES:
        values = _option_values(target)
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


# --- conditions that can never be true ---------------------------------------------------------

def never_true(condition: Any, by_id: dict[str, Node]) -> str | None:
    """Why ``condition`` can never hold, or None when it may (or when another error hides it)."""
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
        return None
    if isinstance(condition.get("all"), list):
        for member in condition["all"]:
            reason = never_true(member, by_id)
            if reason:
                return reason
        return _contradiction(condition["all"], by_id)
    if isinstance(condition.get("any"), list) and condition["any"]:
        reasons = [never_true(member, by_id) for member in condition["any"]]
        if all(reasons):
            return "; ".join(reasons)  # type: ignore[arg-type]
    return None


def _contradiction(members: list, by_id: dict[str, Node]) -> str | None:
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


def _check_never_shown(tree: FormTree, by_id: dict[str, Node], findings: Findings) -> None:
    """A question hidden for ever; for a page or group, report it once instead of per question."""
    hidden: list[Node] = []
    for node in tree.nodes:
        if any(a in hidden for a in node.ancestors):
            continue
        reason = never_true(node.data.get("show_if"), by_id)
        if not reason:
            continue
        hidden.append(node)
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


# --- walking a condition -----------------------------------------------------------------------

def _tests(condition: Any, path: Path) -> Iterator[tuple[Path, dict]]:
    """Every single-field test in a condition, with its path, through nested all/any."""
    if not isinstance(condition, dict):
        return
    if "field" in condition:
        yield path, condition
    for key in ("all", "any"):
        members = condition.get(key)
        for index, member in enumerate(members if isinstance(members, list) else []):
            yield from _tests(member, (*path, key, index))


def _all_lists(condition: Any, path: Path) -> Iterator[tuple[Path, list]]:
    """Every ``all`` list in a condition (the outermost of nested ones), with its path."""
    if not isinstance(condition, dict):
        return
    if isinstance(condition.get("all"), list):
        yield (*path, "all"), condition["all"]
        for index, member in enumerate(condition["all"]):
            if isinstance(member, dict) and "any" in member:
                yield from _all_lists(member, (*path, "all", index))
    members = condition.get("any")
    for index, member in enumerate(members if isinstance(members, list) else []):
        yield from _all_lists(member, (*path, "any", index))
