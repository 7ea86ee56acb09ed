"""Without JavaScript the e-form is one page that posts natively: every question visible, the POST
body has the model's names and validates against the published submission schema."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import jsonschema
import pytest

from browser_support import PostCatcher, SiteServer, build_site, launch_chromium, posted_fields
from conftest import REPO_ROOT
from generator.load import load_document
from generator.model import Form

pytestmark = pytest.mark.browser
PRODUCT = "verhuizing-doorgeven"


def test_verhuizing_doorgeven_posts_without_javascript(tmp_path):
    from playwright.sync_api import sync_playwright

    source = REPO_ROOT / "forms" / f"{PRODUCT}.yaml"
    with PostCatcher() as catcher:
        site = build_site(tmp_path, [source], catcher.endpoint)
        with SiteServer(site) as server, sync_playwright() as playwright:
            chromium = launch_chromium(playwright)
            try:
                context = chromium.new_context(java_script_enabled=False)
                context.set_default_timeout(10_000)
                page = context.new_page()
                page.goto(server.url(f"/producten/{PRODUCT}/formulier/"))
                # Every step's questions are on the one page, conditional ones included.
                steps = page.locator("form[data-fl-form] section[data-fl-step]")
                assert steps.count() > 1
                for index in range(steps.count()):
                    if steps.nth(index).get_attribute("data-fl-step") != "controleren":
                        assert steps.nth(index).is_visible()
                conditional = page.locator("[data-fl-show-if]")
                for index in range(conditional.count()):
                    assert conditional.nth(index).is_visible()
                    # The issue said "Alleen invullen als"; D's e-form words it "Dit geldt alleen als ...".
                    assert re.search(r"alleen (invullen )?als", conditional.nth(index).inner_text(), re.I)

                # Every name the model gives is on the page and visible: all repeat slots up to max too.
                form = Form.from_dict(load_document(str(source)).data["form"])
                for name in form.input_names():
                    field = page.locator(f'form[data-fl-form] [name="{name}"]')
                    assert field.count() >= 1, f"no input named {name}"
                    assert field.first.is_visible(), f"input {name} is not visible without JavaScript"

                today = datetime.date.today()
                page.fill("[name=nieuw_adres-postcode]", "1234 AB")
                page.fill("[name=nieuw_adres-house_number]", "12")
                page.fill("[name=nieuw_adres-street]", "Dorpsstraat")
                page.fill("[name=nieuw_adres-city]", "Voorbeeldstad")
                page.fill("[name=verhuisdatum-day]", str(today.day))
                page.fill("[name=verhuisdatum-month]", str(today.month))
                page.fill("[name=verhuisdatum-year]", str(today.year))
                # A conditional question (woonsituatie = anders) and one repeat slot.
                page.check("[name=woonsituatie][value=anders]")
                page.fill("[name=toelichting_woonsituatie]", "Ik woon tijdelijk bij vrienden.")
                page.check("[name=anderen_verhuizen_mee][value=ja]")
                page.fill("[name=medeverhuizers-1-voornamen]", "Anna Maria")
                page.fill("[name=medeverhuizers-1-achternaam]", "Jansen")
                page.fill("[name=medeverhuizers-1-geboortedatum-day]", "3")
                page.fill("[name=medeverhuizers-1-geboortedatum-month]", "4")
                page.fill("[name=medeverhuizers-1-geboortedatum-year]", "2015")
                page.check('[name="medeverhuizers-1-relatie"][value="kind"]')
                page.fill("[name=email]", "j.jansen@example.nl")
                page.check("[name=verklaring]")
                page.locator("form[data-fl-form] button[type=submit]").last.click()
                assert catcher.received.wait(timeout=10), "the form did not post to the loopback server"
            finally:
                chromium.close()

    [(path, content_type, body)] = catcher.posts
    assert path == "/inzending"
    assert content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data"))
    posted = posted_fields(content_type, body)
    extra = set(posted) - set(form.input_names())
    assert not extra, f"posted names that are not the model's: {sorted(extra)}"
    today = datetime.date.today()
    expected = {
        "nieuw_adres-postcode": "1234 AB", "nieuw_adres-house_number": "12", "nieuw_adres-street": "Dorpsstraat",
        "nieuw_adres-city": "Voorbeeldstad", "verhuisdatum-day": str(today.day),
        "verhuisdatum-month": str(today.month), "verhuisdatum-year": str(today.year),
        "woonsituatie": "anders", "toelichting_woonsituatie": "Ik woon tijdelijk bij vrienden.",
        "anderen_verhuizen_mee": "ja", "medeverhuizers-1-voornamen": "Anna Maria",
        "medeverhuizers-1-achternaam": "Jansen", "medeverhuizers-1-geboortedatum-day": "3",
        "medeverhuizers-1-geboortedatum-month": "4", "medeverhuizers-1-geboortedatum-year": "2015",
        "medeverhuizers-1-relatie": "kind", "email": "j.jansen@example.nl", "verklaring": "ja",
    }
    filled = {name: value for name, value in posted.items() if value != ""}
    assert filled == expected
    schema = json.loads((site / "producten" / PRODUCT / "inzending.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(filled, schema)
