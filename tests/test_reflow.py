"""Reflow (WCAG 2.1 SC 1.4.10): every page of the built sample site reads without scrolling sideways.

SC 1.4.10 asks for content that reflows at a width of 320 CSS pixels. That is what a 1280 px wide
browser window shows at 400% zoom (1280 / 4 = 320 CSS px of layout viewport, the media queries see
20em), so checking the page at a 320 px viewport covers the 400% zoom case; no zoom is emulated here.
1280 px is the desktop view the page was designed for. Both with JavaScript and with the site's
scripts not delivered (a failed or blocked download), because the e-form's markup differs a lot
between the two (one long page without JavaScript, steps with it). Besides the page not scrolling
sideways, nothing in main may reach past main's content box into the page's side margin: at 320 px
that margin is only 16 px, so a control or word could hang out of its box without scrolling.

One Chromium, one browser context per JavaScript mode; each page is loaded once per mode and
measured at both widths by resizing the viewport.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_support import SiteServer, launch_chromium
from conftest import REPO_ROOT, run_formloket

pytestmark = pytest.mark.browser

#: 320 CSS px: WCAG 1.4.10's width (= 1280 px at 400% zoom). 1280: the desktop layout.
WIDTHS = (320, 1280)
MODES = ("js", "no-js")

#: The document's scrollWidth and clientWidth; what reaches furthest past the viewport's right edge
#: when it scrolls sideways; and what sticks out of main's content box into the page's side margin
#: (at 320px only 16px wide, so a select or word can overflow its box without the page scrolling).
#: Text is measured too: a long word sticks out of its element without making the element wider.
#: Visually hidden text (1px, clipped) is left out: its text box is not what is drawn.
MEASURE = """() => {
  const doc = document.documentElement, width = doc.clientWidth, main = document.querySelector("main");
  const style = getComputedStyle(main), box = main.getBoundingClientRect();
  const left = box.left + parseFloat(style.paddingLeft), right = box.right - parseFloat(style.paddingRight);
  const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  const boxes = [];  // [left, right, what, in main]
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width > 1 && !el.closest(".fl-visually-hidden")) boxes.push([r.left, r.right, name(el), el !== main && main.contains(el)]);
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), range = document.createRange();
  while (walker.nextNode()) {
    const node = walker.currentNode, text = node.data.trim();
    if (!text || node.parentElement.closest(".fl-visually-hidden")) continue;
    range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    if (r.width > 1) boxes.push([r.left, r.right, `text "${text.slice(0, 60)}" in ${name(node.parentElement)}`, main.contains(node)]);
  }
  const worst = found => found.sort((a, b) => b[0] - a[0]).slice(0, 3).map(([px, what]) => `${Math.round(px)}px: ${what}`);
  return {
    scrollWidth: doc.scrollWidth, clientWidth: width,
    widest: worst(boxes.filter(b => b[1] > width + 0.5).map(b => [b[1], b[2]])),
    outside: worst(boxes.filter(b => b[3] && (b[1] > right + 0.5 || b[0] < left - 0.5))
      .map(b => [Math.max(b[1] - right, left - b[0]), b[2]])),
  };
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The repository's sample site as `formloket build` makes it, PDFs included (their links are on
    the pages); the PDFs come from the repository's PDF cache, so a warm run renders none."""
    project = tmp_path_factory.mktemp("reflow") / "project"
    project.mkdir()
    config = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "      pdf: true\n", f"      pdf: true\n      cache_dir: '{REPO_ROOT / '.cache' / 'formloket'}'\n")
    assert "cache_dir:" in config
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    for name in ("forms", "docs"):
        (project / name).symlink_to(REPO_ROOT / name, target_is_directory=True)
    result = run_formloket("build", "--site-dir", str(project / "site"), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def pages(site) -> list[str]:
    """The URL path of every HTML page of the site (the 404 page too)."""
    paths = sorted("/" + p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html"))
    assert any(p.endswith("/formulier/") for p in paths), "the sample site has no e-form page"
    return paths


@pytest.fixture(scope="module")
def tabs(site):
    """{"js": page, "no-js": page}: one context each; "no-js" gets none of the site's scripts."""
    from playwright.sync_api import sync_playwright

    with SiteServer(site) as server, sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            result = {}
            for mode in MODES:
                context = chromium.new_context(viewport={"width": WIDTHS[0], "height": 800}, base_url=server.origin)
                context.set_default_timeout(10_000)
                if mode == "no-js":
                    context.route("**/*.js", lambda route: route.abort())
                result[mode] = context.new_page()
            yield result
        finally:
            chromium.close()


def overflow(tab, where: str) -> list[str]:
    """At each width: a line naming the page and what sticks out, if the document scrolls sideways
    or something in main reaches past main's content box."""
    problems = []
    for width in WIDTHS:
        tab.set_viewport_size({"width": width, "height": 800})
        m = tab.evaluate(MEASURE)
        if m["scrollWidth"] > m["clientWidth"]:
            problems.append(f"{where} at {width}px: {m['scrollWidth']}px wide for {m['clientWidth']}px; "
                            f"widest (right edge): {'; '.join(m['widest']) or '(nothing found)'}")
        elif m["outside"]:
            problems.append(f"{where} at {width}px: sticks out of main's content box by "
                            f"{'; '.join(m['outside'])}")
    tab.set_viewport_size({"width": WIDTHS[0], "height": 800})
    return problems


@pytest.mark.parametrize("mode", MODES)
def test_every_page_reflows(tabs, pages, mode):
    tab = tabs[mode]
    problems = []
    for path in pages:
        tab.goto(path)
        if path.endswith("/formulier/"):
            # The mode is what we think it is: form.js marks the form when it runs.
            enhanced = tab.locator("form[data-fl-form].fl-form--js").count() == 1
            assert enhanced == (mode == "js"), f"{path}: form.js {'did not run' if mode == 'js' else 'ran'} ({mode})"
        problems += overflow(tab, f"{path} ({mode})")
    assert not problems, "pages that do not reflow:\n" + "\n".join(problems)


def test_e_form_with_errors_shown_reflows(tabs, pages):
    """Error messages add a summary and a message above each field: "Volgende" on an empty step."""
    tab = tabs["js"]
    problems = []
    for path in (p for p in pages if p.endswith("/formulier/")):
        tab.goto(path)
        summary = tab.locator("[data-fl-error-summary]")
        tab.locator("[data-fl-next]:visible").first.click()
        assert summary.is_visible(), f"{path}: 'Volgende' on the empty first step showed no errors"
        assert tab.locator(".fl-error-message:visible").count() >= 1, f"{path}: no error message at a field"
        problems += overflow(tab, f"{path} (js, errors shown)")
    assert not problems, "e-forms with errors that do not reflow:\n" + "\n".join(problems)
