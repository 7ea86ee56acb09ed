"""``formloket check-pdf SITE``: every PDF of a built site against the PDF/UA-1 form rules, its field
names compared with the inputs of the product's e-form. Exit 0 without failures, 1 with any, 2 when
the site directory is missing or holds no PDF."""

from __future__ import annotations

import json
import sys
from html.parser import HTMLParser
from pathlib import Path

from generator.render.submission_schema import FILE_MARK

EXIT_OK, EXIT_FAILURES, EXIT_USAGE = 0, 1, 2
#: Inputs that never become PDF fields: a file cannot be attached to paper, buttons post nothing.
NOT_FIELDS = {"file", "submit", "button", "reset", "image"}


def add_arguments(parser):
    parser.add_argument("site", nargs="?", default="site", help="the built site directory (default: site)")


class _InputNames(HTMLParser):
    """The names of the input, select and textarea elements of an e-form page, file inputs excluded."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.names: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag not in ("input", "select", "textarea"):
            return
        attributes = dict(attrs)
        if tag == "input" and (attributes.get("type") or "text").lower() in NOT_FIELDS:
            return
        if attributes.get("name"):
            self.names.add(attributes["name"])


def expected_names(site: Path, pdf: Path) -> set[str] | None:
    """The e-form's input names for ``producten/<id>/<id>.pdf``; None when nothing says what they are.

    From the e-form page when there is one; for a product kept on paper, from the properties of its
    published submission schema (file inputs left out).
    """
    product_dir = pdf.parent
    if product_dir.parent.name != "producten" or pdf.stem != product_dir.name:
        return None
    form_page = product_dir / "formulier" / "index.html"
    if form_page.is_file():
        parser = _InputNames()
        parser.feed(form_page.read_text(encoding="utf-8", errors="replace"))
        return parser.names
    schema_file = product_dir / "inzending.schema.json"
    if schema_file.is_file():
        try:
            schema = json.loads(schema_file.read_text(encoding="utf-8"))
        except (ValueError, OSError):
            return None
        properties = schema.get("properties", {}) if isinstance(schema, dict) else {}
        return {name for name, spec in properties.items() if not _is_file_property(spec)}
    return None


def _is_file_property(spec) -> bool:
    """A file upload in the submission schema: submission_schema marks it (FILE_MARK)."""
    return isinstance(spec, dict) and spec.get(FILE_MARK) == "file"


def run(args) -> int:
    site = Path(args.site)
    if not site.is_dir():
        print(f"formloket check-pdf: {site}: no such directory (build the site first: formloket build)", file=sys.stderr)
        return EXIT_USAGE
    pdfs = sorted(site.rglob("*.pdf"))
    if not pdfs:
        print(f"formloket check-pdf: {site}: no PDFs found (was the site built with PDFs?)", file=sys.stderr)
        return EXIT_USAGE

    from generator.pdfua import check_pdf  # pypdf: only needed once there is something to check

    failed = 0
    failure_count = 0
    for pdf in pdfs:
        name = pdf.relative_to(site).as_posix()
        failures = check_pdf(pdf, expected_names(site, pdf))
        for failure in failures:
            print(failure.line(name))
        failed += bool(failures)
        failure_count += len(failures)
    checked = f"checked {len(pdfs)} PDF{'s' if len(pdfs) != 1 else ''}"
    if failure_count:
        print(f"{checked}: {failure_count} failure{'s' if failure_count != 1 else ''} in {failed} PDF{'s' if failed != 1 else ''}")
        return EXIT_FAILURES
    print(f"{checked}: no failures")
    return EXIT_OK
