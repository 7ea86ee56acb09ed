"""One run: one browser, one context, pages in sequence; e-forms also in their states."""

from __future__ import annotations

from pathlib import Path

from generator.a11y import browser, form_states
from generator.a11y.report import Check
from generator.a11y.server import SiteServer

TIMEOUT_MS = 15_000


def _stay_local(origin: str):
    """Block every request that leaves the loopback site: the check is hermetic and posts nothing."""
    def handle(route):
        if route.request.url.startswith(origin + "/") or route.request.url.startswith("data:"):
            route.continue_()
        else:
            route.abort()
    return handle


def _without_scripts(origin: str):
    """No JavaScript for the form: the site's scripts are not delivered (axe still runs, injected)."""
    local = _stay_local(origin)
    def handle(route):
        if route.request.resource_type == "script":
            route.abort()
        else:
            local(route)
    return handle


def _not_reached(error: Exception) -> dict:
    """A form state the gate could not reach counts as a failure: unchecked is not passed."""
    first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
    return {"id": "state-not-reached", "impact": None, "help": "the form state could not be reached",
            "helpUrl": "generator/static/form.js (DOM contract)", "nodes": [{"target": "form[data-fl-form]", "html": first_line}]}


def check_site(playwright, site: Path, paths: list[str], axe) -> list[Check]:
    checks: list[Check] = []
    chromium = browser.launch(playwright)
    try:
        with SiteServer(site) as server:
            # bypass_csp: the site's CSP forbids inline scripts (right for the site); axe is one.
            context = chromium.new_context(bypass_csp=True)
            context.set_default_timeout(TIMEOUT_MS)
            context.route("**/*", _stay_local(server.origin))
            page = context.new_page()
            form_pages = []
            for path in paths:
                url = server.url(path)
                page.goto(url, wait_until="load")
                checks.append(Check(path, None, axe.run(page)))
                if form_states.has_form(page):
                    form_pages.append(path)
                    # The walk goes on from the page as loaded: one load per form, steps walked forward.
                    for state, not_reached in form_states.walk(page, lambda url=url: page.goto(url, wait_until="load")):
                        checks.append(Check(path, state, [_not_reached(not_reached)] if not_reached else axe.run(page)))
            context.close()

            no_js = chromium.new_context(bypass_csp=True)
            no_js.set_default_timeout(TIMEOUT_MS)
            no_js.route("**/*", _without_scripts(server.origin))
            page = no_js.new_page()
            for path in form_pages:
                page.goto(server.url(path), wait_until="load")
                checks.append(Check(path, "without JavaScript", axe.run(page)))
            no_js.close()
    finally:
        chromium.close()
    return checks
