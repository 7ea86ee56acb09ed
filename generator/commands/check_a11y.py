"""``formloket check-a11y SITE``: axe-core (WCAG 2.0/2.1/2.2 A and AA) on every page of a built site
and on every e-form in its states. Exit 0 without violations, 1 with any, 2 on a usage error."""

from __future__ import annotations

import sys
from pathlib import Path

EXIT_OK, EXIT_VIOLATIONS, EXIT_USAGE = 0, 1, 2


def add_arguments(parser):
    parser.add_argument("site", nargs="?", default="site", help="the built site directory (default: site)")
    parser.add_argument("--report", default="a11y-report.json",
                        help="where to write the JSON report (default: a11y-report.json)")


def page_paths(site: Path) -> list[str]:
    """URL path of every *.html under the site: "index.html" is served as its directory."""
    paths = []
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        paths.append("/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative))
    return paths


def run(args) -> int:
    site = Path(args.site)
    if not site.is_dir():
        print(f"formloket check-a11y: {site}: no such directory (build the site first: formloket build)", file=sys.stderr)
        return EXIT_USAGE
    if not (site / "index.html").is_file():
        print(f"formloket check-a11y: {site}: not a built site (no index.html)", file=sys.stderr)
        return EXIT_USAGE

    from generator.a11y import axe as axe_module, browser
    from generator.a11y.checker import check_site
    from generator.a11y.report import summary, violation_lines, write_json

    try:
        axe = axe_module.Axe()
        playwright = browser.start_playwright()
    except (browser.BrowserMissing, axe_module.AxeUnavailable) as error:
        print(f"formloket check-a11y: {error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        checks = check_site(playwright, site, page_paths(site), axe)
    except axe_module.AxeUnavailable as error:
        print(f"formloket check-a11y: {error}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        playwright.stop()

    for check in checks:
        for line in violation_lines(check):
            print(line)
    write_json(checks, Path(args.report), axe.version, axe_module.TAGS)
    print(summary(checks))
    print(f"report: {args.report}")
    return EXIT_VIOLATIONS if any(c.violations for c in checks) else EXIT_OK
