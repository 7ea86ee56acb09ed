"""The rules, one function each; every failure names the PDF/UA clause (ISO 14289-1) it breaks.

A rule returns ``Failure``s; ``page`` is the 1-based page number when the failure is on a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject

from generator.pdfua.fields import PUSHBUTTON_FLAG, RADIO_FLAG, form_fields, inherited, widget_refs
from generator.pdfua.structure import form_elements_by_objr, in_form_element, parent_tree


@dataclass(frozen=True)
class Failure:
    message: str
    page: int | None = None

    def line(self, name: str) -> str:
        where = f"page {self.page}: " if self.page else ""
        return f"{name}: {where}{self.message}"


def check_pdf(path: Path, expected_names: Iterable[str] | None = None) -> list[Failure]:
    """Every rule on one PDF; ``expected_names`` (the e-form's inputs) when the names must match."""
    try:
        reader = PdfReader(str(path))
        catalog = reader.trailer["/Root"].get_object()
        pages = list(reader.pages)
    except (PdfReadError, OSError, KeyError, ValueError) as error:
        return [Failure(f"cannot be read as a PDF ({error})")]
    failures: list[Failure] = []
    try:
        failures += document_rules(reader, catalog)
        failures += page_rules(catalog, pages)
        failures += field_rules(catalog, expected_names)
        failures += javascript_rules(catalog, pages)
    except (PdfReadError, KeyError, ValueError, TypeError, AttributeError) as error:
        # A damaged object deep in the file: report it like any other failure, never a traceback.
        failures.append(Failure(f"cannot be read completely ({type(error).__name__}: {error})"))
    return failures


def _true(value) -> bool:
    return value is not None and bool(value.get_object()) is True


def document_rules(reader: PdfReader, catalog: DictionaryObject) -> list[Failure]:
    failures = []
    if "/StructTreeRoot" not in catalog:
        failures.append(Failure("no structure tree (/StructTreeRoot) (PDF/UA 7.1: all content must be tagged)"))
    mark_info = catalog.get("/MarkInfo")
    if mark_info is None or not _true(mark_info.get_object().get("/Marked")):
        failures.append(Failure("/MarkInfo /Marked is not true (PDF/UA 7.1: a tagged PDF must say it is marked)"))
    if not str(catalog.get("/Lang", "")).strip():
        failures.append(Failure("/Lang is missing (PDF/UA 7.2: the natural language of the document must be set)"))
    xmp = _xmp_text(catalog)
    info_title = str((reader.metadata or {}).get("/Title", "") or "").strip()
    if not info_title and not re.search(r"<dc:title>.*?<rdf:li[^>]*>\s*[^<\s]", xmp, re.S):
        failures.append(Failure("no title in /Info /Title or XMP dc:title (PDF/UA 7.1: the document needs a title)"))
    preferences = catalog.get("/ViewerPreferences")
    if preferences is None or not _true(preferences.get_object().get("/DisplayDocTitle")):
        failures.append(Failure(
            "/ViewerPreferences /DisplayDocTitle is not true (PDF/UA 7.1: the viewer must show the title, not the file name)"
        ))
    if not re.search(r"pdfuaid:part\s*(=\s*[\"']1[\"']|>\s*1\s*<)", xmp):
        failures.append(Failure("XMP metadata has no pdfuaid:part 1 (PDF/UA 5: a PDF/UA file must identify itself)"))
    return failures


def _xmp_text(catalog: DictionaryObject) -> str:
    metadata = catalog.get("/Metadata")
    if metadata is None:
        return ""
    try:
        return metadata.get_object().get_data().decode("utf-8", "replace")
    except (AttributeError, PdfReadError, ValueError):
        return ""


def page_rules(catalog: DictionaryObject, pages: list) -> list[Failure]:
    """/Tabs /S on pages with fields; every widget inside a Form structure element."""
    failures = []
    struct_root = catalog.get("/StructTreeRoot")
    struct_root = struct_root.get_object() if struct_root is not None else DictionaryObject()
    tree = parent_tree(struct_root)
    objr = form_elements_by_objr(struct_root)
    for number, page in enumerate(pages, start=1):
        widgets = widget_refs(page)
        if not widgets:
            continue
        tabs = page.get("/Tabs")
        if tabs is None:
            failures.append(Failure("/Tabs is missing (PDF/UA 7.18.3: pages with form fields need /Tabs /S)", number))
        elif tabs != "/S":
            failures.append(Failure(
                f"/Tabs is {tabs}, not /S (PDF/UA 7.18.3: pages with form fields need /Tabs /S)", number
            ))
        for object_number, widget in widgets:
            if not in_form_element(widget, object_number, tree, objr):
                failures.append(Failure(
                    f"field '{_widget_name(widget)}' is not inside a Form structure element "
                    "(PDF/UA 7.18.4: every widget must be tagged as Form)", number,
                ))
    return failures


def _widget_name(widget: DictionaryObject) -> str:
    parts = []
    node, steps = widget, 0
    while node is not None and steps < 64:
        if "/T" in node:
            parts.append(str(node["/T"]))
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
        steps += 1
    return ".".join(reversed(parts)) or "(no name)"


def field_rules(catalog: DictionaryObject, expected_names: Iterable[str] | None) -> list[Failure]:
    """Tooltips, field types and the names compared with the e-form's."""
    failures = []
    fields = form_fields(catalog)
    for field in fields:
        for widget in field.widgets:
            if not str(inherited(widget, "/TU") or "").strip():
                failures.append(Failure(
                    f"field '{field.name}' has no tooltip (/TU) (PDF/UA 7.18.1: every field needs a description)"
                ))
                break
        if field.type not in ("/Tx", "/Btn"):
            failures.append(Failure(
                f"field '{field.name}' is of type {field.type}; expected /Tx (text) or /Btn (checkbox or radio)"
            ))
        elif field.type == "/Btn" and field.flags & PUSHBUTTON_FLAG:
            failures.append(Failure(f"field '{field.name}' is a push button; a paper form has no buttons"))
        elif field.type == "/Btn" and len(field.widgets) > 1 and not field.flags & RADIO_FLAG:
            failures.append(Failure(
                f"field '{field.name}' has {len(field.widgets)} buttons but no radio flag (/Ff bit 16)"
            ))
    if expected_names is not None:
        expected = set(expected_names)
        actual = [field.name for field in fields]
        if expected and not fields:
            failures.append(Failure("has no form fields (/AcroForm): the PDF cannot be filled in"))
        else:
            for name in sorted(expected - set(actual)):
                failures.append(Failure(f"field '{name}' of the e-form is missing"))
            for name in sorted(set(actual) - expected):
                failures.append(Failure(f"field '{name}' is not an input of the e-form"))
        for name in sorted({n for n in actual if actual.count(n) > 1}):
            failures.append(Failure(f"field '{name}' occurs more than once"))
    return failures


def javascript_rules(catalog: DictionaryObject, pages: list) -> list[Failure]:
    """No JavaScript anywhere a viewer would run it: a paper form must work without scripts."""
    failures = []
    names = catalog.get("/Names")
    if names is not None and "/JavaScript" in names.get_object():
        failures.append(Failure("has a /JavaScript name tree (formloket: no JavaScript in PDFs)"))
    for key in ("/OpenAction", "/AA"):
        if key in catalog and _has_javascript(catalog[key]):
            failures.append(Failure(f"the document's {key} runs JavaScript (formloket: no JavaScript in PDFs)"))
    for number, page in enumerate(pages, start=1):
        if "/AA" in page and _has_javascript(page["/AA"]):
            failures.append(Failure("the page's /AA runs JavaScript (formloket: no JavaScript in PDFs)", number))
        for _, widget in widget_refs(page):
            node, steps = widget, 0
            while node is not None and steps < 64:
                if any(key in node and _has_javascript(node[key]) for key in ("/A", "/AA")):
                    failures.append(Failure(
                        f"field '{_widget_name(widget)}' runs JavaScript (formloket: no JavaScript in PDFs)", number
                    ))
                    break
                parent = node.get("/Parent")
                node = parent.get_object() if parent is not None else None
                steps += 1
    return failures


def _has_javascript(action, depth: int = 0) -> bool:
    """An action (or additional-actions dictionary) that is or chains to a JavaScript action."""
    action = action.get_object()
    if depth > 16:
        return False
    if isinstance(action, ArrayObject):  # /Next may be a list of actions
        return any(_has_javascript(item, depth + 1) for item in action)
    if not isinstance(action, DictionaryObject):
        return False
    if action.get("/S") == "/JavaScript" or "/JS" in action:
        return True
    return any(
        _has_javascript(value, depth + 1)
        for key, value in action.items()
        if key not in ("/P", "/Parent", "/D")  # links back up, or destinations: never actions
    )
