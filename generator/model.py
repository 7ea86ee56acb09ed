"""The validated definition as frozen dataclasses: what every renderer (HTML, PDF, catalogue) reads.

Built only from data that passed validation, so constructors trust their input. The naming of
submitted inputs lives here, once, because the e-form, the PDF and the submission schema must agree
on it exactly:

- a simple question posts one value under its id: ``email``
- a date posts three: ``geboortedatum-day``, ``geboortedatum-month``, ``geboortedatum-year``
- an address posts ``adres-postcode``, ``adres-house_number``, ``adres-addition``, ``adres-street``,
  ``adres-city``
- a multiple-choice question posts one checkbox per option: ``gevolgen-{value}`` with value ``ja``
- a question inside a repeating group is numbered from 1: ``getuigen-2-naam``
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field as dc_field, fields as dc_fields
from functools import cache
from typing import Any, Iterator, TypeVar

#: Field types that ask nothing: they carry no ``why`` and post nothing.
CONTAINER_TYPES = frozenset({"group", "repeat"})
CONTENT_TYPES = frozenset({"content"})
CHOICE_TYPES = frozenset({"choice", "multiple-choice", "select"})

#: Channels that work without internet: the minimum service level (never force digital).
OFFLINE_CHANNEL_TYPES = frozenset({"pdf-post", "counter", "counter-appointment", "phone", "home-visit"})
ONLINE_CHANNEL_TYPES = frozenset({"online-form", "email", "chat"})

DATE_PARTS = ("day", "month", "year")
ADDRESS_PARTS = ("postcode", "house_number", "addition", "street", "city")
#: Address parts a citizen may leave empty even when the address is required.
OPTIONAL_ADDRESS_PARTS = frozenset({"addition"})
YES, NO = "ja", "nee"
CHECKED = "ja"  # the value a ticked checkbox posts (declaration, multiple-choice option)

_Frozen = TypeVar("_Frozen")


def made(cls: type[_Frozen], values: dict[str, Any]) -> _Frozen:
    """``cls(**values)`` for the frozen dataclasses below that a definition has many of (fields,
    options, protocols, conditions), four times quicker: a frozen dataclass's ``__init__`` sets
    each attribute through ``object.__setattr__``, and of a 500-product build a third of a second
    went there. The object is as frozen as any; a field not in ``values`` takes its default (none
    of these classes has a default factory or ``__post_init__``). tests/test_model.py holds every
    sample and synthetic product made this way equal to one made by ``__init__``."""
    instance = object.__new__(cls)
    attributes = instance.__dict__
    attributes.update(_defaults(cls))
    attributes.update(values)
    return instance


@cache
def _defaults(cls: type) -> dict[str, Any]:
    return {f.name: f.default for f in dc_fields(cls) if f.default is not MISSING}


@dataclass(frozen=True)
class LawReference:
    label: str
    url: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "LawReference":
        return made(cls, {"label": data["label"], "url": data.get("url")})


@dataclass(frozen=True)
class LegalBasis:
    gdpr: str  # "a".."f": GDPR Art. 6(1)
    law: LawReference | None = None

    @property
    def gdpr_label(self) -> str:
        return f"AVG artikel 6 lid 1 sub {self.gdpr}"


@dataclass(frozen=True)
class BaseRegister:
    register: str
    still_asked_because: str | None = None


@dataclass(frozen=True)
class Review:
    by: str
    on: str


@dataclass(frozen=True)
class Protocol:
    """The question protocol: who uses an answer, what for, on which basis, for how long."""

    purpose: str
    used_by: str
    retention: str  # ISO 8601 duration
    legal_basis: LegalBasis | None = None
    if_missing: str | None = None
    recipients: tuple[str, ...] = ()
    data_category: str | None = None
    special_category: bool = False
    base_register: BaseRegister | None = None
    reviewed: Review | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Protocol":
        basis = data.get("legal_basis")
        register = data.get("base_register")
        reviewed = data.get("reviewed")
        return made(cls, {
            "purpose": data["purpose"],
            "used_by": data["used_by"],
            "retention": data["retention"],
            "legal_basis": made(LegalBasis, {
                "gdpr": basis["gdpr"],
                "law": LawReference.from_dict(basis["law"]) if basis.get("law") else None,
            })
            if basis
            else None,
            "if_missing": data.get("if_missing"),
            "recipients": tuple(data.get("recipients", ())),
            "data_category": data.get("data_category"),
            "special_category": bool(data.get("special_category", False)),
            "base_register": BaseRegister(**register) if register else None,
            "reviewed": Review(**reviewed) if reviewed else None,
        })


@dataclass(frozen=True)
class Condition:
    """Show something only when earlier answers match. Exactly one of the shapes is filled:
    a test of one field (``field`` with ``equals``, ``one_of`` or ``answered``), or ``all``/``any``."""

    field: str | None = None
    equals: str | int | float | bool | None = None
    one_of: tuple[str | int | float, ...] | None = None
    answered: bool | None = None
    all: tuple["Condition", ...] = ()
    any: tuple["Condition", ...] = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Condition":
        return made(cls, {
            "field": data.get("field"),
            "equals": data.get("equals"),
            "one_of": tuple(data["one_of"]) if "one_of" in data else None,
            "answered": data.get("answered"),
            "all": tuple(cls.from_dict(c) for c in data.get("all", ())),
            "any": tuple(cls.from_dict(c) for c in data.get("any", ())),
        })

    def referenced_fields(self) -> Iterator[str]:
        if self.field:
            yield self.field
        for child in (*self.all, *self.any):
            yield from child.referenced_fields()


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    hint: str | None = None


@dataclass(frozen=True)
class Field:
    """One entry of a page: a question, a group, a repeating group or a content block."""

    type: str
    id: str | None = None
    label: str | None = None
    hint: str | None = None
    required: bool = True
    why: str | None = None
    protocol: Protocol | None = None
    show_if: Condition | None = None
    autocomplete: str | None = None
    # type-specific
    text: str | None = None  # content
    statement: str | None = None  # declaration
    options: tuple[Option, ...] = ()  # choice, multiple-choice, select
    max_length: int | None = None  # text, textarea
    width: int | None = None  # text
    min: int | None = None  # number; repeat: least items
    max: int | None = None  # number; repeat: most items
    unit: str | None = None  # number
    range: str = "any"  # date: past, future, any
    accept: tuple[str, ...] = ()  # file
    max_size_mb: float | None = None  # file
    multiple: bool = False  # file
    item_label: str | None = None  # repeat
    fields: tuple["Field", ...] = ()  # group, repeat

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Field":
        simple = {
            key: data[key]
            for key in (
                "type", "id", "label", "hint", "required", "why", "autocomplete", "text", "statement",
                "max_length", "width", "min", "max", "unit", "range", "max_size_mb", "multiple",
                "item_label",
            )
            if key in data
        }
        simple["protocol"] = Protocol.from_dict(data["protocol"]) if "protocol" in data else None
        simple["show_if"] = Condition.from_dict(data["show_if"]) if "show_if" in data else None
        simple["options"] = tuple(made(Option, o) for o in data.get("options", ()))
        simple["accept"] = tuple(data.get("accept", ()))
        simple["fields"] = tuple(cls.from_dict(f) for f in data.get("fields", ()))
        return made(cls, simple)

    @property
    def is_input(self) -> bool:
        """A question the citizen answers (and that must say why it is asked)."""
        return self.type not in CONTAINER_TYPES and self.type not in CONTENT_TYPES

    @property
    def is_container(self) -> bool:
        return self.type in CONTAINER_TYPES

    def input_names(self, prefix: str = "") -> list[str]:
        """The names under which this entry posts its answer(s); see the module docstring."""
        if self.type in CONTENT_TYPES:
            return []
        base = f"{prefix}{self.id}"
        if self.type == "group":
            return [name for child in self.fields for name in child.input_names(prefix)]
        if self.type == "repeat":
            return [
                name
                for number in range(1, (self.max or 0) + 1)
                for child in self.fields
                for name in child.input_names(f"{base}-{number}-")
            ]
        if self.type == "date":
            return [f"{base}-{part}" for part in DATE_PARTS]
        if self.type == "address":
            return [f"{base}-{part}" for part in ADDRESS_PARTS]
        if self.type == "multiple-choice":
            return [f"{base}-{option.value}" for option in self.options]
        return [base]

    def walk(self) -> Iterator["Field"]:
        """This entry and everything nested in it, in document order."""
        yield self
        for child in self.fields:
            yield from child.walk()


@dataclass(frozen=True)
class Page:
    id: str
    title: str
    fields: tuple[Field, ...]
    intro: str | None = None
    show_if: Condition | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Page":
        return cls(
            id=data["id"],
            title=data["title"],
            intro=data.get("intro"),
            show_if=Condition.from_dict(data["show_if"]) if "show_if" in data else None,
            fields=tuple(Field.from_dict(f) for f in data["fields"]),
        )


@dataclass(frozen=True)
class Form:
    pages: tuple[Page, ...]
    title: str | None = None
    intro: str | None = None
    endpoint: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Form":
        return cls(
            pages=tuple(Page.from_dict(p) for p in data["pages"]),
            title=data.get("title"),
            intro=data.get("intro"),
            endpoint=data.get("endpoint"),
        )

    def walk(self) -> Iterator[Field]:
        """Every field of every page, nested ones included, in document order."""
        for page in self.pages:
            for entry in page.fields:
                yield from entry.walk()

    def questions(self) -> list[Field]:
        """Every input the citizen answers, in document order (the 'Waarom vragen we dit?' list)."""
        return [f for f in self.walk() if f.is_input]

    def input_names(self) -> list[str]:
        return [name for page in self.pages for entry in page.fields for name in entry.input_names()]


@dataclass(frozen=True)
class Usage:
    per_year: int
    source: str


@dataclass(frozen=True)
class Cost:
    per_contact: float
    source: str


@dataclass(frozen=True)
class Channel:
    type: str
    role: str
    authentication: str = "none"
    fee: float | None = None
    fee_note: str | None = None
    processing_time: str | None = None
    address: str | None = None
    hours: str | None = None
    phone: str | None = None
    email: str | None = None
    url: str | None = None
    enclose: tuple[str, ...] = ()
    help: str | None = None
    note: str | None = None
    usage: Usage | None = None
    cost: Cost | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Channel":
        simple = {k: v for k, v in data.items() if k not in ("enclose", "usage", "cost")}
        return cls(
            **simple,
            enclose=tuple(data.get("enclose", ())),
            usage=Usage(**data["usage"]) if "usage" in data else None,
            cost=Cost(**data["cost"]) if "cost" in data else None,
        )

    @property
    def works_offline(self) -> bool:
        return self.type in OFFLINE_CHANNEL_TYPES


ROLE_ORDER = {"preferred": 0, "alternative": 1, "assisted": 2}


@dataclass(frozen=True)
class Product:
    id: str
    title: str
    summary: str
    upl_name: str
    upl_uri: str
    audience: tuple[str, ...]
    department: str
    channels: tuple[Channel, ...]
    source: str  # path of the YAML file, as given on the command line
    version: str  # short hash of the YAML file's bytes: which version of a form came back by post
    lang: str = "nl"
    description: str | None = None
    life_events: tuple[str, ...] = ()
    legal_basis: tuple[LawReference, ...] = ()
    costs: str | None = None
    processing_time: str | None = None
    requirements: tuple[str, ...] = ()
    deadline: str | None = None
    no_response: str | None = None
    objection: str | None = None
    form: Form | None = dc_field(default=None)

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str, version: str) -> "Product":
        return cls(
            id=data["id"],
            title=data["title"],
            summary=data["summary"],
            upl_name=data["upl"]["name"],
            upl_uri=data["upl"]["uri"],
            audience=tuple(data["audience"]),
            department=data["department"],
            channels=tuple(Channel.from_dict(c) for c in data["channels"]),
            source=source,
            version=version,
            lang=data.get("lang", "nl"),
            description=data.get("description"),
            life_events=tuple(data.get("life_events", ())),
            legal_basis=tuple(LawReference.from_dict(r) for r in data.get("legal_basis", ())),
            costs=data.get("costs"),
            processing_time=data.get("processing_time"),
            requirements=tuple(data.get("requirements", ())),
            deadline=data.get("deadline"),
            no_response=data.get("no_response"),
            objection=data.get("objection"),
            form=Form.from_dict(data["form"]) if "form" in data else None,
        )

    @property
    def has_eform(self) -> bool:
        """The form is published as an e-form on this site when an online-form channel without an
        external url offers it; a product kept on paper gets its PDF but no e-form."""
        return self.form is not None and any(c.type == "online-form" and not c.url for c in self.channels)

    @property
    def eform_preferred(self) -> bool:
        """The route we advise is our own e-form: then the product page leads with 'Start'."""
        first = self.channels_in_order()[0]
        return self.has_eform and first.type == "online-form" and not first.url

    def channels_in_order(self) -> list[Channel]:
        """Preferred first, then alternatives, then assisted routes; stable within a role."""
        return sorted(self.channels, key=lambda c: ROLE_ORDER[c.role])
