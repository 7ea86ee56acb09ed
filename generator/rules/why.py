"""``why``: the reason a question is asked, shown to the citizen as 'Waarom vragen we dit?'.

The schema demands that it exists; these rules demand that it says something. A placeholder or a
copy of the label passes a schema and tells the citizen nothing.
"""

from __future__ import annotations

import re

from .findings import Findings
from .form_tree import FormTree

#: Texts that stand in for a reason, compared after dropping case, spaces and punctuation.
PLACEHOLDERS = frozenset({
    "", "todo", "tbd", "tbc", "fixme", "nvt", "na", "ntb", "pm", "x", "xx", "xxx", "idem",
    "zieboven", "seeabove", "volgt", "nogtedoen", "noginvullen",
})
#: A reason that starts like this is a note to self ("TODO: navragen bij team BRP").
PLACEHOLDER_START = re.compile(r"^\W*(todo|tbd|fixme|ntb)\b", re.IGNORECASE)
#: Shorter than this, a text is rarely a reason a citizen understands.
SHORT_REASON = 20

FIX = "explain in plain words who uses the answer and what for"


_NOT_LETTERS = re.compile(r"[\W_]+")


def _letters(text: str) -> str:
    """Only letters and digits, lower case: 'N.v.t.' -> 'nvt', 'Wat is uw naam?' -> 'watisuwnaam'."""
    return _NOT_LETTERS.sub("", text.casefold())


def check_why(tree: FormTree, findings: Findings) -> None:
    for node in tree.inputs:
        why = node.data.get("why")
        at = (*node.path, "why")
        if not isinstance(why, str) or not why.strip():
            findings.error(at if isinstance(why, str) else node.path,
                           f"why is empty: {FIX}, e.g. 'We sturen de bevestiging naar dit adres'")
            continue
        text = why.strip()
        label = node.data.get("label")
        letters = _letters(text)
        if letters in PLACEHOLDERS or PLACEHOLDER_START.match(text):
            findings.error(at, f"why is a placeholder ({text!r}): {FIX}")
        elif isinstance(label, str) and letters == _letters(label):
            findings.error(at, f"why repeats the label: {FIX}, not the question again")
        elif len(text) < SHORT_REASON:
            findings.warning(
                at,
                f"why is too short to be a reason a citizen understands ({len(text)} characters): {FIX}",
            )
