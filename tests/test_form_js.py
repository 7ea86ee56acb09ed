"""The e-form in Debian's Chromium: with and without JavaScript, the checks of form.js against their
Python twin, steps, conditions, repeats, the draft, axe-core, screenshots and the page weight.

The form fragment is wrapped in a minimal page (the theme's real layout is tested with the site) and
served from a loopback http.server, as a browser would load it from the site.
"""

from __future__ import annotations

import glob
import re
import shutil
from pathlib import Path

import pytest

from browser_support import SiteServer, launch_chromium
from generator.pipeline import load_products
from generator.render import validation_rules as rules
from generator.render.form_html import FORM_ASSETS, PdfLink, render_form
from generator.render.minify import minified
from test_submission_schema import BAD, GOOD

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "generator" / "static"
FIXTURE = Path(__file__).parent / "fixtures" / "form" / "alle-vragen.yaml"
SAMPLES = sorted(glob.glob(str(ROOT / "forms" / "*.yaml")))
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def load(path):
    result = load_products([str(path)])
    assert not result.has_errors
    return result.products[0]


def page_html(product, readable_ids: bool = True) -> str:
    """A minimal stand-in for the theme: lang, title, viewport, site.css and the form assets. The
    ids stay readable so these tests can name fields; form.js never uses them (it finds inputs by
    name), and test_short_ids_as_published checks the site's short ones in the browser."""
    fragment = render_form(product, endpoint="/inzenden", pdf=PdfLink(f"../{product.id}.pdf", 84_000), readable_ids=readable_ids)
    css = "".join(f'<link rel="stylesheet" href="{a}">' for a in ("assets/site.css", FORM_ASSETS[0]))
    return (f'<!doctype html>\n<html lang="{product.lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{product.title}</title>{css}<script defer src=\"{FORM_ASSETS[1]}\"></script></head>"
            f'<body><main id="inhoud" class="fl-container">{fragment}</main></body></html>\n')


def write_site(folder: Path, product, readable_ids: bool = True) -> Path:
    (folder / "assets").mkdir(parents=True, exist_ok=True)
    # The assets as the build publishes them (form.js is terser's form.min.js), so every test here
    # exercises the code citizens get.
    for name in ("site.css", "form.css", "form.js"):
        (folder / "assets" / name).write_text(minified(STATIC / name), encoding="utf-8")
    (folder / "index.html").write_text(page_html(product, readable_ids), encoding="utf-8")
    return folder


def serve(folder: Path):
    with SiteServer(folder) as server:
        yield server.url("/")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    yield from serve(write_site(tmp_path_factory.mktemp("formulier"), load(FIXTURE)))


@pytest.fixture(scope="module")
def examples_site(tmp_path_factory):
    from generator.render.form_html import examples_product
    yield from serve(write_site(tmp_path_factory.mktemp("componenten"), examples_product()))


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site)
    yield page
    context.close()
    assert errors == [], errors


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in results.response["violations"]]


def visible_step(page):
    return page.eval_on_selector_all("[data-fl-step]", "s => s.filter(x => !x.hidden).map(x => x.dataset.flStep)")


def fill_first_step(page):
    page.fill("#fl-naam", "Jan Jansen")
    page.fill("#fl-bsn", "111222333")
    page.fill("#fl-geboortedatum-day", "1")
    page.fill("#fl-geboortedatum-month", "2")
    page.fill("#fl-geboortedatum-year", "1980")
    page.fill("#fl-email", "jan@voorbeeld.nl")
    page.fill("#fl-adres-postcode", "1234 AB")
    page.fill("#fl-adres-house_number", "12")
    page.fill("#fl-adres-street", "Dorpsstraat")
    page.fill("#fl-adres-city", "Dijkstede")


def fill_second_step(page):
    page.check("#fl-getrouwd-nee")
    page.check("#fl-soort-jaar")
    page.fill("#fl-postcode", "1234AB")
    page.fill("#fl-huisnummer", "5")
    page.fill("#fl-kenteken", "AB-123-C")
    page.fill("#fl-aantal", "3")
    page.select_option("#fl-locatie", "stadhuis")


def fill_witness(page, number, name):
    page.fill(f"#fl-getuigen-{number}-getuige_naam", name)
    page.check(f"#fl-getuigen-{number}-familie-nee")
    page.set_input_files(f"#fl-getuigen-{number}-kopie_id",
                         files=[{"name": "id.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}])


# --- the checks: form.js and validation_rules.py agree ----------------------------------------

JS_NAMES = {"bsn": "bsn", "iban": "iban", "postcode": "postcode", "email": "email", "phone": "phone",
            "licence_plate": "licencePlate"}


@pytest.mark.parametrize("kind", sorted(JS_NAMES))
def test_js_checks_agree_with_python(page, kind):
    values = GOOD[kind] + BAD[kind] + ["NL91ABNA0417164300", "111222333", "1234 AB", "AB-12-34"]
    js = page.evaluate(f"values => values.map(v => window.formloket.checks.{JS_NAMES[kind]}(v))", values)
    python = [getattr(rules, f"is_{kind}")(v) for v in values]
    assert js == python
    assert all(js[: len(GOOD[kind])]) and not any(js[len(GOOD[kind]): len(GOOD[kind]) + len(BAD[kind])])


def test_js_real_dates_agree_with_python(page):
    dates = [("29", "2", "2024"), ("29", "2", "2023"), ("31", "4", "2025"), ("31", "12", "1999"),
             ("0", "1", "2000"), ("1", "13", "2000"), ("1", "1", "0999"), ("01", "01", "2000")]
    js = page.evaluate("ds => ds.map(d => { const r = window.formloket.checks.date(...d); return r && r.toISOString().slice(0, 10); })", dates)
    assert js == [(lambda r: r.isoformat() if r else None)(rules.real_date(*d)) for d in dates]


# --- without JavaScript -------------------------------------------------------------------------

def test_without_javascript_every_question_is_on_one_page(browser, site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site)
    controls = page.locator("form input:not(#fl-draft-opt-in), form select, form textarea")
    names = set(controls.evaluate_all("els => els.map(e => e.name)"))
    assert names == set(load(FIXTURE).form.input_names())
    hidden = controls.evaluate_all("els => els.filter(e => !e.checkVisibility()).map(e => e.name)")
    assert hidden == []
    assert page.locator("[data-fl-submit]").is_visible()
    assert page.get_by_text("Alleen invullen als u bij 'Bent u getrouwd?' 'Ja' hebt gekozen.").is_visible()
    assert not page.locator("[data-fl-draft]").is_visible()
    assert not page.locator("[data-fl-next]").first.is_visible()
    page.screenshot(path=str(Path(site_dir_for_screens()) / "form-no-js.png"), full_page=True)
    context.close()


def site_dir_for_screens() -> Path:
    folder = Path(__file__).parent.parent / ".cache" / "screens"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# --- with JavaScript ----------------------------------------------------------------------------

def test_one_step_at_a_time_with_a_step_indicator(page):
    assert visible_step(page) == ["over_u"]
    assert page.locator("#fl-step-over_u").inner_text().startswith("Stap 1 van 4")
    assert page.evaluate("document.querySelector('[data-fl-form]').noValidate")
    assert not page.locator("[data-fl-submit]").is_visible()


def test_next_with_empty_answers_shows_the_error_summary(page):
    page.click("[data-fl-next]:visible")
    summary = page.locator("[data-fl-error-summary]")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-fl-error-summary')")
    assert page.title() == "Fout: Alle soorten vragen"
    links = summary.locator("a")
    texts = links.all_inner_texts()
    assert "Vul 'Wat is uw naam? <script>alert(\"x\")</script>' in" in texts
    assert "Vul bij 'Geboortedatum' een dag, maand en jaar in" in texts
    assert "Vul bij 'Uw adres' de postcode in" in texts
    assert "Vul 'Telefoonnummer' in" not in texts  # optional
    assert links.first.get_attribute("href") == "#fl-naam"
    inline = page.locator("#fl-naam-error")
    assert inline.text_content() == "Fout: Vul 'Wat is uw naam? <script>alert(\"x\")</script>' in"
    assert page.get_attribute("#fl-naam", "aria-invalid") == "true"
    assert page.get_attribute("#fl-naam", "aria-describedby").split() == ["fl-naam-why", "fl-naam-error"]
    assert "fl-geboortedatum-error" in page.get_attribute("#fl-geboortedatum", "aria-describedby")
    page.click("[data-fl-error-summary] a[href='#fl-adres-postcode']")
    assert page.evaluate("document.activeElement.id") == "fl-adres-postcode"
    assert visible_step(page) == ["over_u"]


@pytest.fixture(scope="module")
def short_ids_site(tmp_path_factory):
    yield from serve(write_site(tmp_path_factory.mktemp("kort"), load(FIXTURE), readable_ids=False))


def test_short_ids_as_published(browser, short_ids_site):
    # The site's ids are short (f12): errors still point at the right control, in the summary and inline.
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(short_ids_site)
    assert page.get_attribute("[name=naam]", "id").startswith("f")
    page.click("[data-fl-next]:visible")
    links = page.locator("[data-fl-error-summary] a")
    assert links.count() >= 5
    for n in range(links.count()):
        target = links.nth(n).get_attribute("href")[1:]
        control = page.locator(f"[id='{target}']")
        assert control.get_attribute("aria-invalid") == "true"
        question = control.locator("xpath=ancestor::*[@data-fl-question][1]")
        message = question.locator(".fl-error-message")
        holder = question.locator("fieldset, input, select, textarea").first
        assert message.get_attribute("id") in holder.get_attribute("aria-describedby").split()
        assert message.text_content() == "Fout: " + links.nth(n).inner_text()
    page.click("[data-fl-error-summary] a >> text=Vul bij 'Uw adres' de postcode in")
    assert page.evaluate("document.activeElement.name") == "adres-postcode"
    context.close()
    assert errors == [], errors


@pytest.mark.parametrize("field, value, message", [
    ("#fl-bsn", "123456789", "Vul bij 'Burgerservicenummer' een geldig burgerservicenummer in van 9 cijfers"),
    ("#fl-email", "jan@", "Vul bij 'E-mailadres' een e-mailadres in zoals naam@voorbeeld.nl"),
    ("#fl-adres-postcode", "0123 AB", "Vul bij 'Uw adres' een postcode in zoals 1234 AB"),
    ("#fl-geboortedatum-day", "31", "'Geboortedatum' moet een bestaande datum zijn"),
    ("#fl-geboortedatum-year", "2999", "'Geboortedatum' moet vandaag zijn of eerder"),
    ("#fl-naam", "x" * 21, "'Wat is uw naam? <script>alert(\"x\")</script>' mag maximaal 20 tekens hebben"),
])
def test_wrong_answers_get_a_specific_message(page, field, value, message):
    fill_first_step(page)
    page.fill(field, value)
    if field == "#fl-geboortedatum-day":
        page.fill("#fl-geboortedatum-month", "2")
    page.click("[data-fl-next]:visible")
    assert page.locator("[data-fl-error-summary] a").all_inner_texts() == [message]


def test_valid_step_moves_on_and_focuses_the_heading(page):
    fill_first_step(page)
    page.click("[data-fl-next]:visible")
    assert visible_step(page) == ["details"]
    assert page.evaluate("document.activeElement.id") == "fl-step-details"
    assert page.text_content("#fl-step-details") == "Stap 2 van 4 Details"  # the heading's accessible name
    assert not page.locator("[data-fl-error-summary]").is_visible()
    page.click("[data-fl-prev]:visible")
    assert visible_step(page) == ["over_u"]
    assert page.input_value("#fl-naam") == "Jan Jansen"


def test_conditional_question_hides_and_disables(page):
    fill_first_step(page)
    page.click("[data-fl-next]:visible")
    wrapper = page.locator("[data-fl-question=partner_naam]")
    assert not wrapper.is_visible() and page.is_disabled("#fl-partner_naam")
    page.check("#fl-getrouwd-ja")
    assert wrapper.is_visible() and page.is_enabled("#fl-partner_naam")
    assert not page.get_by_text("Alleen invullen als").first.is_visible()
    page.check("#fl-getrouwd-nee")
    assert not wrapper.is_visible()
    assert not page.locator("[data-fl-question=iban]").is_visible()
    page.check("#fl-vervoer-auto")
    assert page.locator("[data-fl-question=iban]").is_visible()
    assert not page.locator(".fl-content").is_visible()
    page.fill("#fl-aantal", "4")
    assert page.locator(".fl-content").is_visible()


def test_hidden_conditional_required_question_does_not_block(page):
    fill_first_step(page)
    page.click("[data-fl-next]:visible")
    fill_second_step(page)
    page.click("[data-fl-next]:visible")
    assert visible_step(page) == ["getuigen"]


def test_repeat_add_and_remove_up_to_max(page):
    fill_first_step(page)
    page.click("[data-fl-next]:visible")
    fill_second_step(page)
    page.click("[data-fl-next]:visible")
    items = page.locator("[data-fl-repeat-item]")
    assert [items.nth(i).is_visible() for i in range(3)] == [True, False, False]
    assert page.is_disabled("#fl-getuigen-2-getuige_naam")
    add = page.locator("[data-fl-repeat-add]")
    assert add.inner_text() == "Nog een getuige toevoegen"
    add.click()
    assert page.evaluate("document.activeElement.id") == "fl-getuigen-2-getuige_naam"
    assert page.locator("[data-fl-live]").inner_text() == "Getuige 2 toegevoegd."
    add.click()
    assert [items.nth(i).is_visible() for i in range(3)] == [True, True, True]
    assert not add.is_visible()
    page.fill("#fl-getuigen-2-getuige_naam", "Twee")
    page.fill("#fl-getuigen-3-getuige_naam", "Drie")
    page.click("#fl-getuigen-2 [data-fl-repeat-remove]")
    assert page.input_value("#fl-getuigen-2-getuige_naam") == "Drie"
    assert not items.nth(2).is_visible() and add.is_visible()
    assert page.locator("[data-fl-live]").inner_text() == "Getuige 2 verwijderd."
    # An added item must be filled in (or removed).
    fill_witness(page, 1, "Een")
    page.click("[data-fl-next]:visible")
    assert "Kies een antwoord bij 'Getuige 2: Is dit familie?'" in page.locator("[data-fl-error-summary] a").all_inner_texts()


def test_check_your_answers_then_declaration_then_post(page):
    posted = {}

    def receive(route):
        posted["body"] = route.request.post_data_buffer.decode("utf-8", "replace")
        route.fulfill(status=200, body="ontvangen", content_type="text/plain")

    page.route("**/inzenden", receive)
    fill_first_step(page)
    page.click("[data-fl-next]:visible")
    fill_second_step(page)
    page.click("[data-fl-next]:visible")
    fill_witness(page, 1, "Piet")
    page.click("[data-fl-next]:visible")
    assert visible_step(page) == ["controleren"]
    assert page.locator("#fl-step-controleren").inner_text().startswith("Stap 4 van 4")
    summary = page.locator("[data-fl-check-answers]")
    text = summary.inner_text()
    assert "Jan Jansen" in text and "1-2-1980" in text and "Dorpsstraat 12, 1234 AB Dijkstede" in text
    assert "Jaarvergunning" in text and "Stadhuis" in text and "id.pdf" in text
    assert "Niet ingevuld" in text  # the optional phone number
    assert "Naam van uw partner" not in text  # a hidden question is not an answer
    assert page.locator("[data-fl-submit]").is_visible()
    page.click("[data-fl-change=email]")
    assert visible_step(page) == ["over_u"]
    assert page.evaluate("document.activeElement.id") == "fl-email"
    for _ in range(3):
        page.click("[data-fl-next]:visible")
    page.click("[data-fl-submit]")
    assert "Vink aan dat u akkoord gaat met 'Verklaring'" in page.locator("[data-fl-error-summary] a").all_inner_texts()
    page.check("#fl-verklaring-input")
    with page.expect_request("**/inzenden"):
        page.click("[data-fl-submit]")
    names = set(re.findall(r'name="([^"]+)"', posted["body"]))
    assert {"naam", "bsn", "verklaring", "getuigen-1-getuige_naam", "getuigen-1-kopie_id"} <= names
    assert "partner_naam" not in names and "iban" not in names  # switched off, so not posted
    assert "getuigen-2-getuige_naam" not in names


def test_draft_is_opt_in_restored_and_erased(page):
    assert page.locator("[data-fl-draft]").is_visible()
    page.fill("#fl-naam", "Jan Jansen")
    page.fill("#fl-bsn", "111222333")
    assert page.evaluate("localStorage.length") == 0  # nothing kept without consent
    page.check("#fl-draft-opt-in")
    page.fill("#fl-email", "jan@voorbeeld.nl")
    stored = page.evaluate("localStorage.getItem(document.querySelector('[data-fl-form]').dataset.flDraftKey)")
    assert "Jan Jansen" in stored and "111222333" not in stored
    page.reload()
    assert page.input_value("#fl-naam") == "Jan Jansen"
    assert page.input_value("#fl-email") == "jan@voorbeeld.nl"
    assert page.input_value("#fl-bsn") == ""
    assert page.is_checked("#fl-draft-opt-in")
    page.click("[data-fl-draft-clear]")
    assert page.evaluate("localStorage.length") == 0
    assert page.locator("[data-fl-live]").inner_text() == "De bewaarde antwoorden zijn gewist."
    assert not page.is_checked("#fl-draft-opt-in")
    page.fill("#fl-naam", "Nog iets")
    assert page.evaluate("localStorage.length") == 0


# --- accessibility, looks and weight ------------------------------------------------------------

def test_axe_finds_no_violations_empty_errors_and_max_repeats(page):
    assert axe_violations(page) == []
    page.click("[data-fl-next]:visible")
    assert axe_violations(page) == []
    page.screenshot(path=str(site_dir_for_screens() / "form-errors.png"))
    fill_first_step(page)
    page.click("[data-fl-next]:visible")
    fill_second_step(page)
    page.check("#fl-getrouwd-ja")
    page.check("#fl-vervoer-auto")
    page.fill("#fl-partner_naam", "An")
    page.fill("#fl-iban", "NL91ABNA0417164300")
    page.click("[data-fl-next]:visible")
    page.click("[data-fl-repeat-add]")
    page.click("[data-fl-repeat-add]")
    page.click("[data-fl-next]:visible")  # errors in three items
    assert axe_violations(page) == []
    for n in (1, 2, 3):
        fill_witness(page, n, f"Getuige {n}")
    page.click("[data-fl-next]:visible")
    assert visible_step(page) == ["controleren"]
    assert axe_violations(page) == []


def test_axe_on_every_component_example_empty_and_with_errors(browser, examples_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(examples_site)
    assert axe_violations(page) == []
    # Every step at once with every error shown: what a citizen without JavaScript would see,
    # plus the error markup form.js adds.
    page.evaluate("""() => {
        document.querySelectorAll('[data-fl-step]').forEach(s => { s.hidden = false; });
        document.querySelector('[data-fl-submit]').closest('[data-fl-final]').hidden = false;
    }""")
    page.click("[data-fl-submit]")
    assert page.locator("[data-fl-error-summary] a").count() >= 10
    assert axe_violations(page) == []
    context.close()


def test_axe_without_javascript(browser, site):
    # axe runs as a script the test injects, so JavaScript stays on but form.js is not served.
    context = browser.new_context()
    page = context.new_page()
    page.route("**/form.js", lambda route: route.fulfill(status=200, body="", content_type="text/javascript"))
    page.goto(site)
    assert axe_violations(page) == []
    context.close()


@pytest.mark.parametrize("width", [1280, 375, 320])
def test_screenshots(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site)
    page.click("[data-fl-next]:visible")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.screenshot(path=str(site_dir_for_screens() / f"form-{width}.png"), full_page=True)
    context.close()
    assert overflow <= 0  # no horizontal scrolling (WCAG 1.4.10 reflow)


#: form.css + form.js as published (minified): the e-form's own share of the 50 KB page budget.
FORM_ASSET_BUDGET = 22_000
def test_form_assets_within_their_share():
    size = sum(len(minified(STATIC / Path(asset).name).encode("utf-8")) for asset in FORM_ASSETS)
    assert size <= FORM_ASSET_BUDGET, size


# The page budget itself (50 KB of HTML + CSS + JS) is measured on the real built site, assets
# minified as served, in tests/test_page_weight.py.


def test_no_third_party_requests(browser, site):
    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site)
    page.wait_for_load_state("networkidle")
    context.close()
    assert requests and all(url.startswith(site) for url in requests), requests


@pytest.fixture(scope="module")
def wmo_site(tmp_path_factory):
    yield from serve(write_site(tmp_path_factory.mktemp("wmo"), load(ROOT / "forms" / "wmo-ondersteuning.yaml")))


def test_a_step_shown_by_condition_is_skipped_until_it_applies(browser, wmo_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(wmo_site)
    heading = page.locator("#fl-step-voor_wie")
    assert heading.inner_text().startswith("Stap 1 van 5")  # 4 question steps + check answers; woning skipped
    page.check("#fl-voor_wie-mijzelf")
    page.click("[data-fl-next]:visible")
    assert visible_step(page) == ["hulpvraag"]
    page.check("#fl-hulp_bij-woning")
    page.fill("#fl-situatie", "Ik kom de trap niet meer op.")
    page.click("[data-fl-next]:visible")
    assert visible_step(page) == ["woning"]
    assert page.locator("#fl-step-woning").inner_text().startswith("Stap 3 van 6")
    page.click("[data-fl-prev]:visible")
    page.uncheck("#fl-hulp_bij-woning")
    page.check("#fl-hulp_bij-vervoer")
    page.click("[data-fl-next]:visible")
    assert visible_step(page) == ["gezondheid"]
    context.close()
