"""Inject axe-core (the copy bundled with axe-playwright-python) and run the WCAG rules only.

Only WCAG 2.0/2.1/2.2 A and AA rules run: best-practice rules are advice, not the legal bar
(EN 301 549), so they do not fail the gate. axe 4.12 tags no rule ``wcag22a`` (WCAG 2.2's new A
criteria are not machine-testable); the tag stays so a later axe that adds such rules runs them.
"""

from __future__ import annotations

from pathlib import Path

MIN_VERSION = (4, 10)
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


class AxeUnavailable(Exception):
    """axe-core is missing or too old; the message says which and how to fix it."""


def axe_source() -> str:
    try:
        import axe_playwright_python
    except ImportError:
        raise AxeUnavailable(
            "axe-core not found: install the test extras (bash .ci/install --test), "
            "which bring axe-playwright-python and its axe.min.js"
        ) from None
    path = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    if not path.is_file():
        raise AxeUnavailable(f"axe-core not found at {path}")
    return path.read_text(encoding="utf-8")


def version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".")[:2] if part.isdigit())


# Give up on a page after this long: the gate must end, never hang.
_RUN = """async ({tags, timeout}) => {
  const run = axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  const late = new Promise((_, reject) => setTimeout(() => reject(new Error('axe-core took over ' + timeout + ' ms')), timeout));
  const result = await Promise.race([run, late]);
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.map(t => Array.isArray(t) ? t.join(' ') : t).join(' '),
                              html: n.html}))}));
}"""


class Axe:
    def __init__(self, source: str | None = None):
        self.source = source if source is not None else axe_source()
        self.version: str | None = None

    def run(self, page, timeout_ms: int = 30_000) -> list[dict]:
        """The WCAG violations on the page as it is now. Needs a context with ``bypass_csp=True``:
        the site's CSP rightly forbids inline scripts, and axe is injected as one."""
        if not page.evaluate("() => Boolean(window.axe)"):
            page.add_script_tag(content=self.source)
        version = page.evaluate("() => window.axe && window.axe.version")
        if not version:
            raise AxeUnavailable("axe-core did not start in the page (was the context made with bypass_csp=True?)")
        if version_tuple(version) < MIN_VERSION:
            raise AxeUnavailable(
                f"axe-core {version} is too old: 4.10 or later is needed for the WCAG 2.2 rules "
                "(upgrade axe-playwright-python)"
            )
        self.version = version
        return page.evaluate(_RUN, {"tags": TAGS, "timeout": timeout_ms})
