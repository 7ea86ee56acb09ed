"""The product's UPL entry must be in the national list, with its name and for its audience.

The catalogue feed (Samenwerkende Catalogi) links products across government by this URI, so a
typo makes the product unfindable nationally.
"""

from __future__ import annotations

from typing import Any

from generator.upl import UplList

from .findings import Findings

#: The product's audience and the UPL flag that says the product is meant for it.
AUDIENCE_FLAGS = {"burger": ("burger", "citizens"), "ondernemer": ("bedrijf", "businesses")}


def check_upl(product: Any, upl: UplList, findings: Findings) -> None:
    reference = product.get("upl")
    if not isinstance(reference, dict) or not isinstance(reference.get("uri"), str):
        return
    uri, name = reference["uri"], reference.get("name")
    entry = upl.get(uri)
    if entry is None:
        suggestion = upl.suggest(uri, name if isinstance(name, str) else None)
        hint = f": did you mean {suggestion.uri} ('{suggestion.name}')?" if suggestion else (
            ": find the product in the list and copy its URI"
        )
        findings.error(("upl", "uri"), f"{uri} is not in the UPL list{hint}")
        return
    if isinstance(name, str) and name != entry.name:
        findings.warning(
            ("upl", "name"),
            f"'{name}' differs from the UPL list's name for this URI, '{entry.name}': copy the name "
            "from the list",
        )
    audience = product.get("audience")
    for index, group in enumerate(audience if isinstance(audience, list) else []):
        if not isinstance(group, str) or group not in AUDIENCE_FLAGS:
            continue
        flag, people = AUDIENCE_FLAGS[group]
        if not getattr(entry, flag):
            findings.warning(
                ("audience", index),
                f"the UPL list says '{entry.name}' is not a product for {people} ({flag}: false): "
                f"check the audience, or the UPL URI",
            )
