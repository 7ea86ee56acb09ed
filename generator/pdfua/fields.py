"""The form fields and widgets of a PDF as pypdf reads them, flattened for the rules."""

from __future__ import annotations

from dataclasses import dataclass, field

from pypdf.generic import DictionaryObject, IndirectObject

#: /Ff bit 16 (1 << 15): a button field is a radio group.
RADIO_FLAG = 1 << 15
#: /Ff bit 17 (1 << 16): a push button (no value; not a form answer).
PUSHBUTTON_FLAG = 1 << 16


@dataclass
class FormField:
    """A terminal field: its full name (parents' /T joined by "."), /FT, /Ff and its widgets."""

    name: str
    type: str | None
    flags: int
    widgets: list[DictionaryObject] = field(default_factory=list)


def inherited(node: DictionaryObject, key: str):
    """A field attribute, from the node itself or the nearest parent that has it (PDF 12.7.3.1)."""
    seen = 0
    while node is not None and seen < 64:  # a bounded walk: a cyclic /Parent must not hang the check
        if key in node:
            return node[key].get_object()
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
        seen += 1
    return None


def form_fields(catalog: DictionaryObject) -> list[FormField]:
    """Every terminal field under /AcroForm /Fields, in order."""
    acroform = catalog.get("/AcroForm")
    if acroform is None:
        return []
    found: list[FormField] = []
    visited: set[int] = set()

    def walk(reference, prefix: str) -> None:
        node = reference.get_object()
        key = reference.idnum if isinstance(reference, IndirectObject) else id(node)
        if key in visited or not isinstance(node, DictionaryObject):
            return
        visited.add(key)
        name = prefix
        if "/T" in node:
            name = f"{prefix}.{node['/T']}" if prefix else str(node["/T"])
        kids = [kid for kid in node.get("/Kids", [])]
        field_kids = [kid for kid in kids if "/T" in kid.get_object()]
        if field_kids:
            for kid in field_kids:
                walk(kid, name)
            return
        widgets = [kid.get_object() for kid in kids] if kids else [node]
        found.append(FormField(
            name=name,
            type=inherited(node, "/FT"),
            flags=int(inherited(node, "/Ff") or 0),
            widgets=widgets,
        ))

    for reference in acroform.get_object().get("/Fields", []):
        walk(reference, "")
    return found


def widget_refs(page: DictionaryObject) -> list[tuple[int | None, DictionaryObject]]:
    """(object number or None, widget) of every widget annotation on a page."""
    result = []
    for reference in page.get("/Annots", None) or []:
        annotation = reference.get_object()
        if isinstance(annotation, DictionaryObject) and annotation.get("/Subtype") == "/Widget":
            number = reference.idnum if isinstance(reference, IndirectObject) else None
            result.append((number, annotation))
    return result
