"""The catalogue: home page, listing pages (life event, audience, channel), product pages and the
accessibility statement, each rendered as the HTML that goes inside the theme's ``<main>``.

Everything goes through the one Jinja environment (autoescape, StrictUndefined); texts come from
``catalogue_text.py``. Links are relative (``root`` leads back to the site root) so the site works
from any directory and under ``file://``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass
from typing import Iterable, Sequence

from markupsafe import Markup

from generator.model import Channel, Field, Product
from generator.render.catalogue_text import TEXTS
from generator.render.environment import environment
from generator.render.i18n import translator

#: The schema's life events, in the order the home page offers them.
LIFE_EVENTS = (
    "verhuizen", "trouwen-en-samenwonen", "geboorte", "overlijden", "wonen", "werk-en-inkomen",
    "zorg-en-ondersteuning", "vervoer-en-parkeren", "bouwen-en-verbouwen", "ondernemen",
    "identiteit-en-documenten", "openbare-ruimte", "belastingen",
)
AUDIENCES = ("burger", "ondernemer")
CHANNEL_TYPES = (
    "online-form", "pdf-post", "counter", "counter-appointment", "phone", "email", "home-visit", "chat",
)

#: Channel types as they appear in web addresses: Dutch, like the rest of the site's addresses.
CHANNEL_SLUGS = {
    "online-form": "online-formulier", "pdf-post": "formulier-per-post", "counter": "balie",
    "counter-appointment": "balie-op-afspraak", "phone": "telefoon", "email": "e-mail",
    "home-visit": "huisbezoek", "chat": "chat",
}

#: Listing kinds -> the folder their pages live in. Life events are fixed by the site layout; the
#: audience and channel pages make those filters work without JavaScript too.
LISTING_FOLDERS = {"life-event": "levensgebeurtenissen", "audience": "doelgroepen", "channel": "kanalen"}


@lru_cache(maxsize=None)
def texts(lang: str):
    """The catalogue's texts in ``lang``: one translator per language, not one per page."""
    return translator(lang, TEXTS)


def product_path(product_id: str) -> str:
    return f"producten/{product_id}/"


def form_path(product_id: str) -> str:
    return f"producten/{product_id}/formulier/"


@dataclass(frozen=True)
class Listing:
    """One list page: the products of a life event, an audience or a channel type."""

    kind: str  # "life-event", "audience", "channel"
    key: str  # e.g. "verhuizen", "burger", "phone"
    products: tuple[Product, ...]

    @property
    def path(self) -> str:
        slug = CHANNEL_SLUGS[self.key] if self.kind == "channel" else self.key
        return f"{LISTING_FOLDERS[self.kind]}/{slug}/"

    def label(self, lang: str) -> str:
        t = texts(lang)
        return t(_label_key(self.kind, self.key))

    def title(self, lang: str) -> str:
        t = texts(lang)
        if self.kind == "audience":
            return t("listing.audience.title", label=t(f"audience.{self.key}.lower"))
        return t(f"listing.{self.kind.replace('-', '_')}.title", label=self.label(lang))


def _label_key(kind: str, key: str) -> str:
    return {"life-event": "event", "audience": "audience", "channel": "channel"}[kind] + f".{key}"


def sorted_products(products: Iterable[Product]) -> list[Product]:
    return sorted(products, key=lambda p: (p.title.casefold(), p.id))


def listings(products: Sequence[Product]) -> list[Listing]:
    """Every listing that has at least one product, life events first, in the schema's order."""
    ordered = sorted_products(products)
    found: list[Listing] = []
    for kind, keys, has in (
        ("life-event", LIFE_EVENTS, lambda p, k: k in p.life_events),
        ("audience", AUDIENCES, lambda p, k: k in p.audience),
        ("channel", CHANNEL_TYPES, lambda p, k: any(c.type == k for c in p.channels)),
    ):
        for key in keys:
            members = tuple(p for p in ordered if has(p, key))
            if members:
                found.append(Listing(kind, key, members))
    return found


# --- plain words for the question protocol -------------------------------------------------------

_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


@lru_cache(maxsize=256)  # a few retention periods, on every question of every product
def duration_in_words(iso: str, lang: str) -> str:
    """ISO 8601 duration as people say it: P5Y -> '5 jaar', P1Y6M -> '1 jaar en 6 maanden'."""
    t = texts(lang)
    match = _DURATION.match(iso)
    if not match:
        return iso  # the schema's pattern makes this unreachable; show what the author wrote
    parts = [
        t(f"unit.{unit}.{'one' if int(n) == 1 else 'many'}", n=int(n))
        for unit, n in zip("YMWD", match.groups())
        if n is not None
    ]
    if len(parts) <= 1:
        return parts[0] if parts else iso
    return ", ".join(parts[:-1]) + f" {t('unit.and')} " + parts[-1]


def question_label(field: Field) -> str:
    """What the citizen sees as the question; a declaration has a statement instead of a label."""
    return field.label or field.statement or field.id or ""


# --- rendering ------------------------------------------------------------------------------------

def _render(template: str, **context) -> str:
    return environment().get_template(f"catalogue/{template}").render(**context)


def _card_context(lang: str) -> dict:
    return {"t": texts(lang), "lang": lang, "card": product_card}


@lru_cache(maxsize=None)
def _card_template():
    return environment().get_template("catalogue/card.html")


def product_card(product: Product, lang: str, root: str, heading: int) -> Markup:
    """One product in a list. Rendered once per list depth and reused: a product appears on the
    home page and on up to a dozen listing pages, which all sit two folders deep. ``heading``: the
    level of its title (h3 under the home page's h2, h2 on a listing page)."""
    key = (product.id, product.version, lang, root, heading)
    if key not in _CARDS:
        _CARDS[key] = Markup(_card_template().render(
            product=product, t=texts(lang), lang=lang, types=channel_types_of(product), root=root,
            product_path=product_path, heading=heading,
        ))
    return _CARDS[key]


#: Cards by (id, version, lang, root, heading); the version (a hash of the file) keeps `mkdocs serve` current.
_CARDS: dict[tuple[str, str, str, str, int], Markup] = {}


def channel_types_of(product: Product) -> list[str]:
    """The channel types of a product, each once, preferred first."""
    seen: list[str] = []
    for channel in product.channels_in_order():
        if channel.type not in seen:
            seen.append(channel.type)
    return seen


def render_home(products: Sequence[Product], *, lang: str) -> str:
    found = listings(products)
    return _render(
        "home.html",
        products=sorted_products(products),
        listings=found,
        life_events=[item for item in found if item.kind == "life-event"],
        audiences=[item for item in found if item.kind == "audience"],
        channels=[item for item in found if item.kind == "channel"],
        root="",
        **_card_context(lang),
    )


def render_listing(listing: Listing, *, lang: str) -> str:
    return _render(
        "listing.html",
        listing=listing,
        products=listing.products,
        root="../../",
        **_card_context(lang),
    )


def render_product(product: Product, *, pdf_href: str | None = None, pdf_size: int | None = None,
                   has_form_page: bool) -> str:
    """The product page: 'Hoe regelt u dit?' and 'Waarom vragen we dit?'.

    ``has_form_page``: the e-form is built at ``formulier/``; ``pdf_href``/``pdf_size``: the PDF
    fallback exists (relative link and size in bytes), or None while PDFs are off.
    """
    t = texts(product.lang)
    questions = product.form.questions() if product.form else []
    return _render(
        "product.html",
        product=product,
        t=t,
        lang=product.lang,
        channels=product.channels_in_order(),
        questions=questions,
        has_form_page=has_form_page,
        pdf_href=pdf_href,
        pdf_size=pdf_size,
        duration=lambda iso: duration_in_words(iso, product.lang),
        question_label=question_label,
        channel_anchor=_channel_anchor,
    )


def _channel_anchor(index: int, channel: Channel) -> str:
    return f"kanaal-{index}-{channel.type}"


def render_accessibility(*, lang: str, contact: dict) -> str:
    contact = {key: contact.get(key) for key in ("phone", "email", "address")}  # each may be missing
    return _render("accessibility.html", t=texts(lang), contact=contact)


