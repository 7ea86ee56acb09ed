"""The rules JSON Schema cannot say, with the same located messages as schema errors.

``check_document`` runs the rules within one file, ``check_documents`` those across files. Both are
called only for documents that passed the JSON Schema, so the shape is known; each rule still reads
defensively, because a rule must never turn a user's mistake into a traceback.

One module per family of rules:

- identity:     duplicate ids; the file name must match the product id
- conditions:   show_if refers to an earlier question, with a value that question can have
  (answers: which values each type of question can have)
- unreachable:  conditions that can never be true, and the questions they hide for ever
- why:          the reason for every question says something
- protocol:     legal basis for a BSN and special-category data; a protocol for every question
- channels:     a channel without internet; the details each channel needs
- fields:       options, repeats, numbers, declarations
- upl_listing:  the UPL URI is in the national list (when a list is given)

Shared helpers: form_tree (the form as nodes in document order), findings (locating a problem by
its path), wording (how values and suggestions are written in messages).
"""

from __future__ import annotations

from typing import Any, Iterable

from generator.problems import Problem
from generator.upl import UplList

from .channels import check_channels
from .conditions import check_conditions
from .fields import check_fields
from .findings import Findings
from .form_tree import FormTree
from .identity import check_file_name, check_ids, check_product_ids
from .protocol import check_protocols
from .unreachable import check_never_shown
from .upl_listing import check_upl
from .why import check_why

__all__ = ["check_document", "check_documents"]


def check_document(doc: Any, *, upl: UplList | None = None) -> list[Problem]:
    """Every problem within one product file, sorted by position."""
    findings = Findings(doc)
    product = doc.data if isinstance(doc.data, dict) else {}
    tree = FormTree.of(product)
    check_file_name(doc, findings)
    check_ids(tree, findings)
    check_conditions(tree, findings)
    check_never_shown(tree, findings)
    check_why(tree, findings)
    check_protocols(tree, findings)
    check_fields(tree, findings)
    check_channels(product, findings)
    if upl is not None:
        check_upl(product, upl, findings)
    return sorted(findings.problems)


def check_documents(docs: Iterable[Any]) -> list[Problem]:
    """Problems between product files (the same product id twice)."""
    return sorted(check_product_ids(docs))
