"""Ids that must be unique, and the file name that must match the product id.

Ids become the names of submitted answers, HTML ids and web addresses; a duplicate silently
overwrites an answer or breaks a link, so every second occurrence is an error that points back at
the first.
"""

from __future__ import annotations

import os
from typing import Any, Iterable

from generator.problems import Problem, Severity
from generator.locate import position
from generator.model import CHOICE_TYPES

from .findings import Findings
from .form_tree import FormTree


def check_ids(tree: FormTree, findings: Findings) -> None:
    _check_unique(
        findings,
        [((*n.path, "id"), n.id) for n in tree.entries if n.id is not None],
        lambda value, line: (
            f"duplicate id '{value}': already used on line {line}. Every question, group and text "
            "block in a form needs its own id, because the id becomes the name of the answer"
        ),
    )
    _check_unique(
        findings,
        [((*n.path, "id"), n.id) for n in tree.pages if n.id is not None],
        lambda value, line: (
            f"duplicate page id '{value}': already used on line {line}. Give every page its own id"
        ),
    )
    for node in tree.entries:
        options = node.data.get("options")
        if node.kind in CHOICE_TYPES and isinstance(options, list):
            _check_unique(
                findings,
                [
                    ((*node.path, "options", index, "value"), option.get("value"))
                    for index, option in enumerate(options)
                    if isinstance(option, dict) and isinstance(option.get("value"), str)
                ],
                lambda value, line: (
                    f"duplicate option value '{value}': already used on line {line}. "
                    "Each answer needs its own value, or the two cannot be told apart"
                ),
            )


def _check_unique(findings: Findings, values: Iterable[tuple[tuple, str]], message) -> None:
    """Report every (path, value) whose value repeats an earlier one, with the earlier line."""
    first: dict[str, tuple] = {}
    for value_path, value in values:
        if value in first:
            findings.error(value_path, message(value, findings.line(first[value])))
        else:
            first[value] = value_path


def check_file_name(doc: Any, findings: Findings) -> None:
    """forms/foo.yaml must say id: foo: the id becomes the web address, the file is what people edit."""
    product_id = doc.data.get("id") if isinstance(doc.data, dict) else None
    stem = os.path.splitext(os.path.basename(doc.path))[0]
    if isinstance(product_id, str) and product_id != stem:
        findings.error(
            ("id",),
            f"id '{product_id}' differs from the file name '{os.path.basename(doc.path)}': "
            f"rename the file to {product_id}.yaml or change the id to '{stem}'",
        )


def check_product_ids(docs: Iterable[Any]) -> list[Problem]:
    """Two files for the same product id would publish to the same address: the second is wrong."""
    first: dict[str, tuple[str, int]] = {}
    problems = []
    for doc in docs:
        product_id = doc.data.get("id") if isinstance(doc.data, dict) else None
        if not isinstance(product_id, str):
            continue
        line, column = position(doc.root, ("id",))
        if product_id in first:
            other, other_line = first[product_id]
            problems.append(
                Problem(
                    doc.path, line, column, "id",
                    f"product id '{product_id}' is also used by {other} (line {other_line}): "
                    "each product needs its own id, because the id becomes its web address",
                    Severity.ERROR,
                )
            )
        else:
            first[product_id] = (doc.path, line)
    return problems
