"""Corrections to WeasyPrint 70's AcroForm output, applied before the PDF is written.

WeasyPrint gets most of PDF/UA-1 right for forms (structure tree, ``/MarkInfo``, ``/Lang``,
``/DisplayDocTitle``, ``/Tabs /S`` and a ``Form`` structure element around every widget). What we
measured it getting wrong, and correct here:

1. Radio buttons: every button of a group keeps its own ``/T`` and ``/FT`` although it is a kid of
   the group, so readers see a second field ``name.name``; and every button is listed in
   ``/AcroForm /Fields`` next to its group. We turn the buttons into plain widgets of one field.
2. Radio buttons are "on" under the states ``/0``, ``/1``... with the real values in ``/Opt``. We
   name the states after the option values (``/ja``, ``/nee``), the values the e-form posts, and
   drop ``/Opt``.
3. A checkbox is "on" under the state ``/on`` whatever its ``value``; the e-form posts ``ja``. We
   rename the state to ``/ja``.
4. Tooltips (``/TU``): WeasyPrint takes them from the ``<label for>`` text, which for a date part is
   just "Dag" and for a radio group is the label of its first button. We set every field's tooltip
   from the definition (``PdfField.tooltip``: "Wat is uw geboortedatum? – Dag").
5. A radio group whose buttons fall on two pages becomes two groups with one name; we merge them.
6. Safety nets for the PDF/UA rules we check later (``generator.pdfua``): ``/Tabs /S`` on every page
   with annotations, ``/DisplayDocTitle`` and ``/MarkInfo``; WeasyPrint already writes them when
   tagging, these only matter if a future version stops doing so.

The corrections work on WeasyPrint's own ``pydyf`` objects through the documented ``finisher``
hook of ``write_pdf``, so the PDF is written once and never parsed again.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

import pydyf

#: /Ff bit 16 (value 1 << 15): the button field is a radio group.
RADIO_FLAG = 1 << 15
#: The value a ticked checkbox exports; the e-form posts the same (model.CHECKED).
CHECKBOX_ON = "ja"


def finisher(tooltips: Mapping[str, str]) -> Callable[[Any, pydyf.PDF], None]:
    """A ``write_pdf(finisher=...)`` callable that applies every correction above.

    ``tooltips`` maps each field name to its tooltip; a field missing from it keeps WeasyPrint's.
    """

    def finish(document: Any, pdf: pydyf.PDF) -> None:
        fix_form_fields(pdf, tooltips)
        fix_pages_and_catalog(pdf)

    return finish


def _deref(pdf: pydyf.PDF, reference: Any) -> Any:
    """The object an indirect reference (``b"12 0 R"``) points at; pydyf numbers objects by index."""
    if isinstance(reference, (bytes, str)):
        text = reference.decode() if isinstance(reference, bytes) else reference
        return pdf.objects[int(text.split()[0])]
    return reference


def _text(value: Any) -> str:
    return value.string if isinstance(value, pydyf.String) else str(value)


def fix_form_fields(pdf: pydyf.PDF, tooltips: Mapping[str, str]) -> None:
    acroform = pdf.catalog.get("AcroForm")
    if not acroform:
        return
    groups: dict[str, pydyf.Dictionary] = {}  # radio group name -> the first group of that name
    fields = pydyf.Array()
    for reference in acroform["Fields"]:
        field = _deref(pdf, reference)
        if "Parent" in field:
            continue  # a radio button: handled through its group, never a field of its own (1)
        name = _text(field.get("T", ""))
        is_radio = field.get("FT") == "/Btn" and int(field.get("Ff", 0)) & RADIO_FLAG
        if is_radio:
            _fix_radio_group(pdf, field)
            if name in groups:  # (5) the same group again on a later page
                first = groups[name]
                for kid in field["Kids"]:
                    _deref(pdf, kid)["Parent"] = first.reference
                    first["Kids"].append(kid)
                continue
            groups[name] = field
        elif field.get("FT") == "/Btn" and "AP" in field:
            _fix_checkbox(field)
        if name in tooltips:  # (4)
            field["TU"] = pydyf.String(tooltips[name])
        fields.append(reference)
    acroform["Fields"] = fields


def _fix_radio_group(pdf: pydyf.PDF, group: pydyf.Dictionary) -> None:
    values = [_text(option) for option in group.get("Opt", [])]
    for kid_reference in group["Kids"]:
        kid = _deref(pdf, kid_reference)
        for key in ("T", "TU", "FT", "V"):  # (1) field keys do not belong on a plain widget
            kid.pop(key, None)
        normal = kid["AP"]["N"]
        for state in list(normal):
            index = int(state)
            value = values[index] if index < len(values) else str(index)
            normal[value] = normal.pop(state)  # (2)
            if kid.get("AS") == f"/{state}":
                kid["AS"] = f"/{value}"
                group["V"] = f"/{value}"
    group.pop("Opt", None)


def _fix_checkbox(field: pydyf.Dictionary) -> None:
    normal = field["AP"]["N"]
    if "on" in normal:  # (3)
        normal[CHECKBOX_ON] = normal.pop("on")
        for key in ("AS", "V"):
            if field.get(key) == "/on":
                field[key] = f"/{CHECKBOX_ON}"


def fix_pages_and_catalog(pdf: pydyf.PDF) -> None:
    """(6) The document-level PDF/UA keys, in case WeasyPrint ever leaves one out."""
    kids = pdf.pages["Kids"]  # pydyf keeps page references flat: [number, 0, "R", number, 0, "R"...]
    for number in kids[::3]:
        page = pdf.objects[number]
        if page.get("Annots"):
            page["Tabs"] = "/S"
    preferences = pdf.catalog.setdefault("ViewerPreferences", pydyf.Dictionary())
    preferences["DisplayDocTitle"] = "true"
    pdf.catalog.setdefault("MarkInfo", pydyf.Dictionary())["Marked"] = "true"
