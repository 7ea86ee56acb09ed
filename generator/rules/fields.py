"""Rules for single entries: options, repeats, numbers, declarations, nesting."""

from __future__ import annotations

from collections.abc import Callable

from generator.model import CHOICE_TYPES, CONTAINER_TYPES

from .findings import Findings
from .form_tree import FormTree, Node

#: GOV.UK: radios for short lists; a drop-down hides its options and is hard for many people.
SELECT_MINIMUM = 8
#: Above this many radio buttons a drop-down (with type-ahead) is easier.
RADIO_MAXIMUM = 10


def check_fields(tree: FormTree, findings: Findings) -> None:
    for node in tree.entries:
        for rule in RULES.get(node.kind, ()):
            rule(node, findings)
        if node.is_input and node.repeat is not None:
            _autocomplete_in_repeat(node, findings)
        if node.kind in CONTAINER_TYPES and node.repeat is not None:
            findings.error(
                (*node.path, "type"),
                f"a repeating group cannot contain a {'group' if node.kind == 'group' else 'repeat'}: "
                "move its questions into the repeating group itself",
            )


def _options(node: Node, findings: Findings) -> None:
    options = node.data.get("options")
    number = len(options) if isinstance(options, list) else 0
    at = (*node.path, "options")
    kind = node.kind
    if number < 2:
        alternative = (
            "for one box to tick use a declaration or a yes-no question"
            if kind == "multiple-choice"
            else "with one option there is nothing to choose; for a yes or no use a yes-no question"
        )
        findings.error(at, f"a {kind} question needs at least two options: {alternative}")
    elif kind == "select" and number < SELECT_MINIMUM:
        findings.warning(
            at,
            f"a drop-down with only {number} options hides them: use type: choice (radio buttons) "
            f"for fewer than {SELECT_MINIMUM} options, which is easier for everyone",
        )
    elif kind == "choice" and number > RADIO_MAXIMUM:
        findings.warning(
            at,
            f"{number} radio buttons make a long list: use type: select (a drop-down) for more than "
            f"{RADIO_MAXIMUM} options",
        )
    if isinstance(options, list):
        seen: dict[str, int] = {}
        for index, option in enumerate(options):
            label = option.get("label") if isinstance(option, dict) else None
            if not isinstance(label, str):
                continue
            key = " ".join(label.casefold().split())
            if key in seen:
                findings.warning(
                    (*at, index, "label"),
                    f"'{label.strip()}' reads the same as options[{seen[key]}] (line "
                    f"{findings.line((*at, seen[key], 'label'))}): the citizen cannot tell them apart; "
                    "reword one of them",
                )
            else:
                seen[key] = index


def _min_max(node: Node, findings: Findings) -> None:
    low, high = node.data.get("min"), node.data.get("max")
    if isinstance(low, int) and isinstance(high, int) and low > high:
        what = "number of items" if node.kind == "repeat" else "answer"
        findings.error(
            (*node.path, "min"),
            f"min ({low}) is larger than max ({high}), so no {what} is allowed: make min at most max",
        )


def _declaration(node: Node, findings: Findings) -> None:
    if node.data.get("required") is False:
        findings.error(
            (*node.path, "required"),
            "a declaration must be required: a statement the citizen can skip means nothing. "
            "Remove required: false, or ask a yes-no question instead",
        )


def _autocomplete_in_repeat(node: Node, findings: Findings) -> None:
    """Autocomplete tokens describe the citizen's own details (WCAG 1.3.5); a repeating group asks
    about other people (witnesses, children), where the browser would fill in the wrong person."""
    token = node.data.get("autocomplete")
    if isinstance(token, str) and token != "off":
        findings.warning(
            (*node.path, "autocomplete"),
            f"autocomplete '{token}' inside the repeating group '{node.repeat.id}' would fill in the "
            "citizen's own details for someone else: use autocomplete: 'off'",
        )


RULES: dict[str, tuple[Callable[[Node, Findings], None], ...]] = {
    **{kind: (_options,) for kind in CHOICE_TYPES},
    "repeat": (_min_max,),
    "number": (_min_max,),
    "declaration": (_declaration,),
}
