"""The question protocol: legal basis for sensitive data, and a protocol block for every question.

The protocol feeds the register of processing activities (GDPR Art. 30); a BSN or special-category
data (GDPR Art. 9, e.g. health) may only be processed on a legal basis, so those are errors.
"""

from __future__ import annotations

from .findings import Findings
from .form_tree import FormTree

NO_PROTOCOL = (
    "no question protocol: add protocol with purpose, used_by and retention so the question can be "
    "reviewed and listed in the processing register"
)


def check_protocols(tree: FormTree, findings: Findings) -> None:
    for node in tree.inputs:
        protocol = node.data.get("protocol")
        is_bsn = node.kind == "bsn"
        if not isinstance(protocol, dict):
            if is_bsn:
                findings.error(
                    node.path,
                    "a BSN question needs a legal basis: add protocol with purpose, used_by, retention "
                    "and legal_basis (the law that allows the municipality to use the BSN)",
                )
            else:
                findings.warning(node.path, NO_PROTOCOL)
            continue
        at = (*node.path, "protocol")
        special = protocol.get("special_category") is True
        health = protocol.get("data_category") == "health"
        basis = protocol.get("legal_basis")
        if (is_bsn or special) and not isinstance(basis, dict):
            what = "a BSN question" if is_bsn else "special-category data (GDPR Art. 9)"
            findings.error(
                at,
                f"{what} needs a legal basis: add legal_basis with the GDPR ground and the law that "
                "allows asking for it",
            )
        if health and not special:
            findings.warning(
                (*at, "data_category"),
                "health data is special-category data under GDPR Art. 9: add special_category: true",
            )
        if isinstance(basis, dict):
            _check_ground(basis.get("gdpr"), (*at, "legal_basis", "gdpr"), is_bsn or special or health,
                          findings)
        register = protocol.get("base_register")
        if isinstance(register, dict) and not register.get("still_asked_because"):
            findings.warning(
                (*at, "base_register"),
                f"the answer is in the base register {register.get('register')}, so explain why it is "
                "still asked: add still_asked_because, or take the answer from the register instead "
                "(ask once)",
            )


def _check_ground(ground, at, sensitive: bool, findings: Findings) -> None:
    """Public bodies rarely may rely on consent (a) or legitimate interests (f)."""
    if ground == "f":
        findings.warning(
            at,
            "ground f (legitimate interests) is not available to public bodies for their tasks "
            "(GDPR Art. 6(1), last sentence): use c (legal obligation) or e (public task)",
        )
    elif ground == "a" and sensitive:
        findings.warning(
            at,
            "ground a (consent) is rarely valid for a BSN or special-category data asked by a public "
            "body, because the citizen cannot freely refuse: use c (legal obligation) or e "
            "(public task) with the law",
        )
