"""A citizen completes an e-form by keyboard alone (Tab, typing, Space, arrows, Enter), with focus
visible at every stop, through the steps and check-your-answers, and the loopback server gets it."""

from __future__ import annotations

import datetime
import json

import jsonschema

import pytest

from browser_support import PostCatcher, SiteServer, build_site, launch_chromium, posted_fields
from conftest import REPO_ROOT

pytestmark = pytest.mark.browser
PRODUCT = "verhuizing-doorgeven"
TODAY = datetime.date.today()
#: input name -> what the citizen types there (the site's ids are short and mean nothing)
TYPED = {
    "nieuw_adres-postcode": "1234 AB",
    "nieuw_adres-house_number": "12",
    "nieuw_adres-street": "Dorpsstraat",
    "nieuw_adres-city": "Voorbeeldstad",
    "verhuisdatum-day": str(TODAY.day),
    "verhuisdatum-month": str(TODAY.month),
    "verhuisdatum-year": str(TODAY.year),
    "email": "j.jansen@example.nl",
}
#: first radio of a group -> keys that choose the wanted option (Space: the first; ArrowDown: the next)
RADIO_KEYS = {"woonsituatie": ["Space"], "anderen_verhuizen_mee": ["ArrowDown"]}
TICKED = {"verklaring"}

FOCUSED = """() => { const e = document.activeElement; const s = getComputedStyle(e);
  return {id: e.id, tag: e.tagName.toLowerCase(), type: e.type || '', name: e.name || '',
          next: e.hasAttribute('data-fl-next'), submit: e.type === 'submit' && e.hasAttribute('data-fl-submit') || (e.type === 'submit' && !e.hasAttribute('data-fl-next') && !e.hasAttribute('data-fl-prev')),
          visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'}; }"""


def test_verhuizing_doorgeven_by_keyboard_alone(tmp_path):
    from playwright.sync_api import sync_playwright

    with PostCatcher() as catcher:
        site = build_site(tmp_path, [REPO_ROOT / "forms" / f"{PRODUCT}.yaml"], catcher.endpoint)
        with SiteServer(site) as server, sync_playwright() as playwright:
            chromium = launch_chromium(playwright)
            try:
                page = chromium.new_page()
                page.set_default_timeout(10_000)
                page.goto(server.url(f"/producten/{PRODUCT}/formulier/"))
                done: set[str] = set()
                nexts = 0
                for _ in range(400):
                    page.keyboard.press("Tab")
                    focus = page.evaluate(FOCUSED)
                    if focus["tag"] == "body":
                        continue
                    assert focus["visible"], f"no visible focus on {focus}"
                    if focus["name"] in TYPED and focus["name"] not in done:
                        page.keyboard.type(TYPED[focus["name"]])
                        done.add(focus["name"])
                    elif focus["type"] == "radio" and focus["name"] in RADIO_KEYS and focus["name"] not in done:
                        for key in RADIO_KEYS[focus["name"]]:
                            page.keyboard.press(key)
                        done.add(focus["name"])
                    elif focus["type"] == "checkbox" and focus["name"] in TICKED and focus["name"] not in done:
                        page.keyboard.press("Space")
                        done.add(focus["name"])
                    elif focus["next"]:
                        page.keyboard.press("Enter")
                        nexts += 1
                        page.wait_for_timeout(100)
                    elif focus["submit"] and focus["tag"] == "button" and "verklaring" in done:
                        # Submitting happens from the check-your-answers step, which shows the answers.
                        check = page.locator('[data-fl-step="controleren"]')
                        assert check.is_visible()
                        assert "Dorpsstraat" in check.inner_text()
                        page.keyboard.press("Enter")
                        break
                assert catcher.received.wait(timeout=10), f"no POST arrived; answered {sorted(done)}"
            finally:
                chromium.close()

    assert nexts >= 2, "the form should have been walked through its steps"
    [(path, content_type, body)] = catcher.posts
    posted = posted_fields(content_type, body)
    for name, value in TYPED.items():
        assert posted[name] == value
    assert posted["woonsituatie"] == "eigen-woning"
    assert posted["anderen_verhuizen_mee"] == "nee"
    assert posted["verklaring"] == "ja"
    filled = {name: value for name, value in posted.items() if value != ""}
    schema = json.loads((site / "producten" / PRODUCT / "inzending.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(filled, schema)


def test_empty_step_error_is_announced_and_its_link_moves_focus(tmp_path):
    from playwright.sync_api import sync_playwright

    with PostCatcher() as catcher:
        site = build_site(tmp_path, [REPO_ROOT / "forms" / f"{PRODUCT}.yaml"], catcher.endpoint)
        with SiteServer(site) as server, sync_playwright() as playwright:
            chromium = launch_chromium(playwright)
            try:
                page = chromium.new_page()
                page.set_default_timeout(10_000)
                page.goto(server.url(f"/producten/{PRODUCT}/formulier/"))
                for _ in range(200):
                    page.keyboard.press("Tab")
                    if page.evaluate(FOCUSED)["next"]:
                        break
                else:
                    raise AssertionError("no Volgende button reached by Tab")
                page.keyboard.press("Enter")
                # The error summary takes focus, so a screen reader reads it out.
                assert page.evaluate("() => document.activeElement.hasAttribute('data-fl-error-summary')")
                summary = page.locator("[data-fl-error-summary]")
                assert summary.is_visible()
                first_link = summary.locator("a").first
                target_id = first_link.get_attribute("href").removeprefix("#")
                page.keyboard.press("Tab")
                assert page.evaluate("() => document.activeElement.getAttribute('href')") == f"#{target_id}"
                page.keyboard.press("Enter")
                assert page.evaluate("() => document.activeElement.id") == target_id
                assert page.evaluate(FOCUSED)["visible"]
            finally:
                chromium.close()
