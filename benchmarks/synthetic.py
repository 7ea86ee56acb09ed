"""Synthetic product definitions for benchmarks: many realistic, valid files in a few seconds.

    from benchmarks.synthetic import write_products
    paths = write_products(directory, n=500, fields=20, seed=0)

Each product is valid against the schema and the rules (checked by tests/test_properties.py and by
benchmarks/validate.py): several pages, a group, a repeating group, conditions of every shape, every
field type, a protocol for every question, and channels that include ones without internet. The
same seed gives the same files, so timings can be compared between runs.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml



class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Writes text of several lines as a '|' block, the way people write it."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


Dumper.add_representer(str, _represent_text)

#: Real UPL entries, so the files also pass ``--upl`` with the national list.
UPL = [
    ("parkeervergunning", "parkeervergunning"),
    ("afvalcontainer", "afvalcontainer"),
    ("verhuismelding", "verhuismelding"),
    ("huwelijksaangifte", "huwelijksaangifte"),
    ("gehandicaptenparkeerkaart", "gehandicaptenparkeerkaart"),
    ("parkeerontheffing", "parkeerontheffing"),
    ("afvalpas", "afvalpas"),
    ("afvalstoffenheffing", "afvalstoffenheffing"),
]
SUBJECTS = [
    "parkeren", "afval", "subsidie", "evenement", "standplaats", "uitrit", "kapvergunning",
    "ontheffing", "melding", "aanvraag", "vergunning", "tegemoetkoming",
]
DEPARTMENTS = ["Burgerzaken", "Stadsbeheer", "Vergunningen", "Parkeren en Mobiliteit", "Belastingen", "Sociaal Domein"]
LIFE_EVENTS = ["verhuizen", "wonen", "vervoer-en-parkeren", "ondernemen", "openbare-ruimte", "belastingen"]
TEAMS = ["team Vergunningen", "team Parkeren", "team Afval", "team Belastingen", "KCC", "team Handhaving"]
ZONES = ["Centrum", "Oud-Noord", "Oud-Zuid", "Stationsgebied", "Havenkwartier", "Parkwijk", "De Hoven", "Molenbuurt", "Rivierenwijk"]

#: Field types in the order they are handed out; the list repeats when a product has more fields.
SIMPLE_TYPES = [
    "text", "email", "phone", "date", "postcode", "house-number", "address", "textarea", "number",
    "iban", "licence-plate", "multiple-choice", "select", "file", "bsn",
]
DATA_CATEGORY = {
    "text": "other", "textarea": "other", "number": "other", "date": "other", "email": "contact",
    "phone": "contact", "postcode": "address", "house-number": "address", "address": "address",
    "bsn": "identification", "iban": "financial", "licence-plate": "vehicle", "choice": "other",
    "multiple-choice": "other", "select": "address", "yes-no": "other", "declaration": "none",
    "file": "document",
}
LABELS = {
    "text": "Wat is de naam van {x}?",
    "textarea": "Beschrijf {x} in uw eigen woorden",
    "number": "Hoeveel {x} zijn er?",
    "date": "Op welke datum begint {x}?",
    "email": "Wat is uw e-mailadres voor {x}?",
    "phone": "Op welk telefoonnummer bereiken we u over {x}?",
    "postcode": "Wat is de postcode van {x}?",
    "house-number": "Wat is het huisnummer van {x}?",
    "address": "Wat is het adres van {x}?",
    "bsn": "Wat is uw burgerservicenummer?",
    "iban": "Van welke rekening betaalt u {x}?",
    "licence-plate": "Wat is het kenteken voor {x}?",
    "choice": "Voor wie vraagt u {x} aan?",
    "multiple-choice": "Wat is van toepassing op {x}?",
    "select": "In welke wijk is {x}?",
    "yes-no": "Heeft u al eerder {x} aangevraagd?",
    "declaration": "Verklaring",
    "file": "Stuur een bewijsstuk mee voor {x}",
}


def product(index: int, fields: int = 20, seed: int = 0) -> dict[str, Any]:
    """One synthetic product definition as data (what ``write_products`` writes as YAML)."""
    rng = random.Random(seed * 1_000_003 + index)
    subject = rng.choice(SUBJECTS)
    upl_name, upl_term = rng.choice(UPL)
    department = rng.choice(DEPARTMENTS)
    return {
        "id": f"{subject}-{index:04d}",
        "title": f"{subject.capitalize()} {index} aanvragen",
        "summary": f"Vraag {subject} {index} aan bij de gemeente. Voor inwoners die dit nodig hebben voor hun woning of auto.",
        "description": f"U vraagt {subject} {index} online aan, op papier of aan de balie.\n\n- Het duurt ongeveer 10 minuten.\n- Houd uw DigiD bij de hand.\n",
        "upl": {"name": upl_name, "uri": f"http://standaarden.overheid.nl/owms/terms/{upl_term}"},
        "audience": ["burger"],  # the UPL entries above are for citizens only
        "life_events": rng.sample(LIFE_EVENTS, 2),
        "department": department,
        "legal_basis": [{"label": "Artikel 2 Algemene plaatselijke verordening", "url": "https://lokaleregelgeving.overheid.nl/"}],
        "costs": f"€ {rng.randint(0, 99)},{rng.randint(10, 99)}",
        "processing_time": f"Binnen {rng.randint(2, 8)} weken",
        "requirements": ["U woont in de gemeente.", "U heeft een geldig identiteitsbewijs."],
        "objection": "U kunt binnen 6 weken bezwaar maken bij het college.",
        "channels": _channels(rng),
        "form": _form(rng, f"{subject} {index}", fields, department),
    }


def write_products(directory: str | Path, n: int = 500, fields: int = 20, seed: int = 0) -> list[Path]:
    """Write ``n`` products of about ``fields`` questions each to ``directory``/<id>.yaml."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(1, n + 1):
        data = product(index, fields, seed)
        path = directory / f"{data['id']}.yaml"
        text = yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _channels(rng: random.Random) -> list[dict[str, Any]]:
    channels = [
        {"type": "online-form", "role": "preferred", "authentication": "digid", "fee": 12.5,
         "processing_time": "Binnen 5 werkdagen", "usage": {"per_year": rng.randint(50, 5000), "source": "Zaaksysteem 2025"}},
        {"type": "pdf-post", "role": "alternative", "fee": 16.05,
         "address": "Gemeente Voorbeeldstad\nAntwoordnummer 1234\n1000 AB Voorbeeldstad\n",
         "enclose": ["Kopie van uw identiteitsbewijs"]},
        {"type": "phone", "role": "assisted", "phone": "14 020", "hours": "Maandag tot en met vrijdag 8.30 - 17.00 uur",
         "help": "Een medewerker vult het formulier met u in.",
         "cost": {"per_contact": 6.2, "source": "Kostprijsmodel KCC 2025"}},
    ]
    if rng.random() < 0.5:
        channels.append({"type": "counter-appointment", "role": "assisted", "url": "https://www.voorbeeldstad.nl/afspraak",
                         "address": "Stadskantoor, Marktplein 1\n1000 AA Voorbeeldstad\n"})
    return channels


def _protocol(rng: random.Random, kind: str, department: str) -> dict[str, Any]:
    protocol: dict[str, Any] = {
        "purpose": f"De aanvraag beoordelen en afhandelen ({kind})",
        "used_by": f"{department}, {rng.choice(TEAMS)}",
        "retention": rng.choice(["P1Y", "P2Y", "P5Y", "P7Y", "P6M"]),
        "if_missing": "We kunnen uw aanvraag niet behandelen.",
        "data_category": DATA_CATEGORY[kind],
    }
    if kind == "bsn":
        protocol["legal_basis"] = {"gdpr": "e", "law": {"label": "Artikel 10 Wet algemene bepalingen burgerservicenummer"}}
        protocol["base_register"] = {"register": "BRP", "still_asked_because": "Bij een aanvraag op papier kennen we uw BSN niet."}
    elif rng.random() < 0.3:
        protocol["legal_basis"] = {"gdpr": rng.choice(["c", "e"])}
        protocol["reviewed"] = {"by": "Privacy officer", "on": f"2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"}
    return protocol


def _options(kind: str) -> list[dict[str, str]]:
    if kind == "select":
        return [{"value": zone.lower().replace(" ", "-"), "label": zone} for zone in ZONES]
    if kind == "choice":
        return [{"value": "mijzelf", "label": "Voor mijzelf"}, {"value": "iemand-anders", "label": "Voor iemand anders",
                 "hint": "Bijvoorbeeld voor uw ouder of kind"}]
    return [{"value": "kinderen", "label": "Er wonen kinderen"}, {"value": "huisdieren", "label": "Er zijn huisdieren"},
            {"value": "geen", "label": "Geen van beide"}]


def _question(rng: random.Random, kind: str, number: int, subject: str, department: str) -> dict[str, Any]:
    thing = f"{subject} {number}"
    field: dict[str, Any] = {
        "type": kind,
        "id": f"{kind.replace('-', '_')}_{number}",
        "label": LABELS[kind].format(x=thing),
        "why": f"We gebruiken dit antwoord om uw aanvraag voor {thing} te beoordelen en u te informeren.",
        "protocol": _protocol(rng, kind, department),
    }
    if kind in ("choice", "multiple-choice", "select"):
        field["options"] = _options(kind)
    if kind in ("text", "textarea"):
        field["max_length"] = 200 if kind == "text" else 2000
        if kind == "text":
            field["width"] = 20
    if kind == "number":
        field.update(min=0, max=20, unit="personen")
    if kind == "date":
        field["range"] = "future"
    if kind == "file":
        field.update(accept=["pdf", "jpg", "png"], max_size_mb=10, required=False,
                     hint="U mag het bewijsstuk ook per post sturen.")
    if kind == "declaration":
        field["statement"] = "Ik verklaar dat ik dit formulier naar waarheid heb ingevuld."
    if kind in ("email", "phone") and rng.random() < 0.5:
        field["required"] = False
    if kind == "text" and rng.random() < 0.5:
        field["hint"] = "Zoals in het handelsregister staat."
    return field


def _form(rng: random.Random, subject: str, fields: int, department: str) -> dict[str, Any]:
    number = iter(range(1, 10_000))

    def question(kind: str) -> dict[str, Any]:
        return _question(rng, kind, next(number), subject, department)

    # First page: who asks, with the questions the conditions below refer to.
    who = question("choice")
    before = question("yes-no")
    first = [who, before]
    later: list[dict[str, Any]] = [
        {"type": "content", "text": "**Let op:** u kunt dit formulier tussentijds niet opslaan."},
        {**question("text"), "show_if": {"field": who["id"], "equals": "iemand-anders"}},
        {**question("textarea"), "show_if": {"field": before["id"], "equals": "ja"}},
        {"type": "group", "id": "gemachtigde", "label": "Gegevens van de gemachtigde",
         "show_if": {"all": [{"field": who["id"], "one_of": ["iemand-anders"]}, {"field": before["id"], "answered": True}]},
         "fields": [question("text"), question("phone")]},
        {"type": "repeat", "id": "betrokkenen", "label": "Andere betrokkenen", "item_label": "Betrokkene",
         "min": 0, "max": 4, "fields": [question("text"), question("date")]},
    ]
    count = 2 + 2 + 2 + 2  # inputs so far
    kinds = iter(SIMPLE_TYPES * (fields // len(SIMPLE_TYPES) + 2))
    while count < fields - 1:
        later.append(question(next(kinds)))
        count += 1
    later.append(question("declaration"))

    entries = first + later
    per_page = max(3, len(entries) // 4)
    pages = []
    for page_number, start in enumerate(range(0, len(entries), per_page), start=1):
        pages.append({
            "id": f"stap_{page_number}",
            "title": f"Stap {page_number}",
            "intro": "Vul de vragen zo volledig mogelijk in." if page_number == 1 else None,
            "fields": entries[start:start + per_page],
        })
    for page in pages:
        if page["intro"] is None:
            del page["intro"]
    return {"title": f"{subject.capitalize()} aanvragen", "intro": "Het invullen duurt ongeveer 10 minuten.", "pages": pages}
