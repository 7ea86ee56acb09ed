"""The catalogue's renderers on real definitions: plain words, complete texts, lists that match the schema."""

from __future__ import annotations

import json
import re

import pytest

from conftest import REPO_ROOT
from generator.pipeline import load_products
from generator.render import catalogue
from generator.render.catalogue_text import TEXTS
from generator.render.i18n import missing_translations

SCHEMA = json.loads((REPO_ROOT / "schemas" / "product.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def products():
    result = load_products([str(REPO_ROOT / "forms")])
    assert not result.has_errors, result.problems
    return result.products


def test_every_text_exists_in_dutch_and_english():
    assert missing_translations(TEXTS) == set()


def test_lists_follow_the_schema_and_every_value_has_a_label_in_both_languages():
    defs = SCHEMA["$defs"]
    assert list(catalogue.LIFE_EVENTS) == defs["lifeEvent"]["enum"]
    assert list(catalogue.CHANNEL_TYPES) == defs["channel"]["properties"]["type"]["enum"]
    assert list(catalogue.AUDIENCES) == SCHEMA["properties"]["audience"]["items"]["enum"]
    for lang in ("nl", "en"):
        t = catalogue.texts(lang)
        for event in catalogue.LIFE_EVENTS:
            t(f"event.{event}")
        for kind in catalogue.CHANNEL_TYPES:
            t(f"channel.{kind}")
        for role in defs["channel"]["properties"]["role"]["enum"]:
            t(f"role.{role}")
        for auth in defs["channel"]["properties"]["authentication"]["enum"]:
            t(f"auth.{auth}")
        for ground in defs["protocol"]["properties"]["legal_basis"]["properties"]["gdpr"]["enum"]:
            t(f"gdpr.{ground}")
        for register in defs["protocol"]["properties"]["base_register"]["properties"]["register"]["enum"]:
            t(f"register.{register}")


@pytest.mark.parametrize(("iso", "lang", "words"), [
    ("P5Y", "nl", "5 jaar"),
    ("P1Y", "en", "1 year"),
    ("P6M", "nl", "6 maanden"),
    ("P1M", "nl", "1 maand"),
    ("P1Y6M", "nl", "1 jaar en 6 maanden"),
    ("P2Y3M10D", "en", "2 years, 3 months and 10 days"),
    ("P2W", "nl", "2 weken"),
])
def test_retention_in_plain_words(iso, lang, words):
    assert catalogue.duration_in_words(iso, lang) == words


def test_listings_hold_only_matching_products_in_alphabetical_order(products):
    for listing in catalogue.listings(products):
        titles = [p.title.casefold() for p in listing.products]
        assert titles == sorted(titles)
        for product in listing.products:
            if listing.kind == "life-event":
                assert listing.key in product.life_events
            elif listing.kind == "audience":
                assert listing.key in product.audience
            else:
                assert any(c.type == listing.key for c in product.channels)
    paths = [listing.path for listing in catalogue.listings(products)]
    assert "levensgebeurtenissen/verhuizen/" in paths and "kanalen/balie-op-afspraak/" in paths


def test_home_has_a_filter_for_scripts_and_links_for_everyone_else(products):
    html = catalogue.render_home(products, lang="nl")
    # Without JavaScript the form stays hidden and the listing links do the filtering.
    assert re.search(r'<form class="fl-filter" role="search"[^>]* hidden>', html)
    assert 'href="levensgebeurtenissen/verhuizen/"' in html
    assert 'href="doelgroepen/ondernemer/"' in html
    assert 'role="status"' in html and f"{len(products)} producten" in html
    assert html.count('<li class="fl-card"') == len(products)


def test_product_page_without_form_or_pdf_offers_no_start_button(products):
    product = next(p for p in products if p.form)
    html = catalogue.render_product(product, has_form_page=False)
    assert "Start het formulier" not in html and ".pdf" not in html
    with_pdf = catalogue.render_product(product, has_form_page=True, pdf_href=f"{product.id}.pdf", pdf_size=84_000)
    assert "Download het formulier (PDF, 84 kB)" in with_pdf


def test_phone_numbers_become_tel_links(products):
    product = next(p for p in products if any(c.phone for c in p.channels))
    phone = next(c.phone for c in product.channels if c.phone)
    html = catalogue.render_product(product, has_form_page=True)
    digits = re.sub(r"[ ()-]", "", phone)
    assert f'<a href="tel:{digits}">{phone}</a>' in html


# --- the home page filter in a real browser ---------------------------------------------------------

@pytest.fixture(scope="module")
def served_site(tmp_path_factory):
    """The samples built with `formloket build` and served over loopback HTTP (the CSP's 'self')."""
    from browser_support import SiteServer
    from conftest import run_formloket
    from test_build import make_project

    project = make_project(tmp_path_factory.mktemp("served") / "project")
    result = run_formloket("build", cwd=project)
    assert result.returncode == 0, result.stderr
    loaded = load_products([str(project / "forms")])
    with SiteServer(project / "site") as server:
        yield server.origin, loaded.products


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    from browser_support import launch_chromium

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.mark.browser
def test_search_and_filters_narrow_the_list_and_announce_the_count(served_site, browser):
    from playwright.sync_api import expect

    url, products = served_site
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(url + "/")
    assert page.is_visible("form.fl-filter")
    total = page.locator(".fl-card:visible").count()
    assert page.text_content("[data-count]") == f"{total} producten"

    page.fill("#zoek", "parkeervergunning")
    expected = [p for p in products if "parkeervergunning" in (p.title + " " + p.summary + " " + p.upl_name).lower()]
    expect(page.locator(".fl-card:visible")).to_have_count(len(expected))
    count = "1 product" if len(expected) == 1 else f"{len(expected)} producten"
    expect(page.locator("[role=status]")).to_have_text(count)

    page.fill("#zoek", "")
    page.select_option("#filter-levensgebeurtenis", "verhuizen")
    moving = [p for p in products if "verhuizen" in p.life_events]
    expect(page.locator(".fl-card:visible")).to_have_count(len(moving))

    page.fill("#zoek", "zzzz-bestaat-niet")
    expect(page.locator("[data-none]")).to_be_visible()
    page.click("button[type=reset]")
    expect(page.locator(".fl-card:visible")).to_have_count(total)
    assert errors == []
    page.close()


@pytest.mark.browser
def test_without_javascript_the_filter_is_hidden_and_links_filter_instead(served_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site[0] + "/")
    assert not page.is_visible("form.fl-filter")
    page.click("text=Verhuizen")
    assert page.url.endswith("/levensgebeurtenissen/verhuizen/")
    assert page.locator("h1").text_content() == "Verhuizen"
    context.close()
