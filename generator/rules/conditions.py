"""Conditions (show_if): what they test must exist, come earlier, and have such an answer.

A condition is evaluated in the citizen's browser (and explained on the PDF) while the form is
filled in from top to bottom, so it can only test a question that was asked before it, outside any
repeating group it is not itself in. Conditions that can never be true are in ``unreachable``.
"""

from __future__ import annotations

from typing import Any, Iterator

from .answers import value_problem
from .findings import Findings
from .form_tree import KIND_NAMES, FormTree, Node
from .unreachable import contradiction
from .wording import did_you_mean

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
            reason = contradiction(members, by_id)
            if reason:
                findings.error(
                    all_path,
                    f"these conditions can never all be true: {reason}. "
                    "Use any: if one of them is enough",
                )


# --- what a condition refers to ----------------------------------------------------------------

def _check_reference(owner: Node, leaf_path: Path, leaf: dict, tree: FormTree,
                     by_id: dict[str, Node], findings: Findings) -> Node | None:
    """Report a bad reference; return the referenced question when its answer can be tested."""
    name = leaf.get("field")
    at = (*leaf_path, "field")
    if not isinstance(name, str):
        return None
    target = by_id.get(name)
    page = next((p for p in tree.pages if p.id == name), None)
    if target is None and page is not None:
        findings.error(
            at,
            f"'{name}' is a page (line {findings.line(page.path)}), which has no answer to test: test "
            "one of the questions before this one",
        )
        return None
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
    def named() -> str:  # the question with its line; looked up only for a message
        return f"'{name}' (line {findings.line(target.path)})"

    if owner.contains(target):
        kind = KIND_NAMES.get(owner.kind, owner.kind)
        findings.error(
            at,
            f"refers to {named()}, which is inside this {kind} itself: the {kind} must be shown "
            f"before '{name}' can be answered; test an earlier question",
        )
    elif target.repeat is not None and target.repeat is not owner.repeat:
        findings.error(
            at,
            f"{named()} is inside the repeating group '{target.repeat.id}', which the citizen can "
            "fill in several times: a condition outside that group cannot tell which answer to test",
        )
    elif target.order > owner.order:
        cycle = _cycle(target, owner, by_id)
        if cycle:
            findings.error(
                at,
                f"refers to {named()}, which comes later and itself depends on this "
                f"{KIND_NAMES.get(owner.kind, 'question')}: the conditions form a cycle "
                f"({' → '.join(cycle)}); test an earlier question",
            )
        else:
            findings.error(
                at,
                f"refers to a later field {named()}: a condition can only test questions that come "
                "before it, because the citizen has not answered later ones yet; "
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
    tested = [((*leaf_path, "equals"), leaf["equals"])] if "equals" in leaf else []
    one_of = leaf.get("one_of")
    if isinstance(one_of, list):
        tested += [((*leaf_path, "one_of", index), value) for index, value in enumerate(one_of)]
    for at, value in tested:
        # The line of the question is looked up only for a message: most conditions are fine.
        if value_problem(target, value, 0):
            findings.error(at, value_problem(target, value, findings.line(target.path)))


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
