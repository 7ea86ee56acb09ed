"""Weigh every e-form page of a built site (issue 3: HTML + CSS + JS <= 50 KB, KB = 1000 bytes).

    python benchmarks/page_weight.py <site_dir>

The weight is what a browser fetches for the page, uncompressed: the page's index.html plus every
stylesheet and script it links, read from the site dir as served. Fonts are excluded by the budget.
"""
from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

BUDGET_BYTES = 50_000


class _Resources(HTMLParser):
    """Collects the URLs of linked stylesheets and scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.css.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.js.append(a["src"])


def weigh(site_dir: Path, page: Path) -> dict:
    """HTML/CSS/JS bytes of one page, and the resource URLs that are absolute (third-party)."""
    html = page.read_bytes()
    parser = _Resources()
    parser.feed(html.decode("utf-8"))
    page_url = "/" + page.parent.relative_to(site_dir).as_posix() + "/"
    result = {"html": len(html), "css": 0, "js": 0, "external": [], "resources": []}
    for kind, urls in (("css", parser.css), ("js", parser.js)):
        for url in urls:
            if urlsplit(url).scheme or url.startswith("//"):
                result["external"].append(url)
                continue
            path = site_dir / urlsplit(urljoin(page_url, url)).path.lstrip("/")
            result[kind] += path.stat().st_size
            result["resources"].append(path)
    result["total"] = result["html"] + result["css"] + result["js"]
    return result


def form_pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.glob("producten/*/formulier/index.html"))


def main(argv: list[str]) -> int:
    site_dir = Path(argv[0] if argv else "site")
    print(f"{'product':38} {'HTML':>7} {'CSS':>7} {'JS':>7} {'total':>7}  budget {BUDGET_BYTES}")
    over = 0
    for page in form_pages(site_dir):
        w = weigh(site_dir, page)
        flag = "OVER" if w["total"] > BUDGET_BYTES else "ok"
        over += flag == "OVER"
        print(f"{page.parent.parent.name:38} {w['html']:7} {w['css']:7} {w['js']:7} {w['total']:7}  {flag}")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
