"""The PDF fallback of every form: fillable (AcroForm), tagged PDF/UA-1, A4, from the same definition.

Per product with a form: the print HTML (``templates/pdf/form.html`` + ``static/pdf.css``) is
rendered with Jinja in this process, WeasyPrint turns it into a PDF in a pool of processes (it is
CPU-bound), and ``pdf_fixups`` corrects WeasyPrint's form fields on the way out. A cache keyed by a
hash of everything that goes into a PDF means an unchanged product is copied, never rendered again.

Field names are the e-form's input names (``model.Form.input_names()``) minus file inputs: a file
cannot be attached to paper, so the PDF says "Stuur mee: ..." instead.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable

from generator import pdf_cache
from generator.model import ADDRESS_PARTS, CHOICE_TYPES, DATE_PARTS, NO, YES, Condition, Field, Product
from generator.render import pdf_fixups
from generator.render.environment import environment
from generator.render.i18n import translator
from generator.render.pdf_text import PDF_TEXT

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
PDF_CSS = STATIC_DIR / "pdf.css"
TEMPLATE = "pdf/form.html"
#: The options every PDF is written with (the benchmark's bare WeasyPrint run uses them too).
WEASYPRINT_OPTIONS = {"pdf_forms": True, "pdf_variant": "pdf/ua-1"}

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class PdfInfo:
    """Where a product's PDF was written, its size (shown next to the link) and whether it was reused."""

    path: Path
    size_bytes: int
    from_cache: bool


@dataclass(frozen=True)
class PdfField:
    """One fillable field of the PDF: its name (as the e-form posts it), kind and tooltip (/TU)."""

    name: str
    kind: str  # "text", "checkbox" or "radio"
    tooltip: str
    values: tuple[str, ...] = ()  # the values of a radio group, in order


# --- what goes into the PDF ------------------------------------------------------------------


def has_pdf(product: Product) -> bool:
    return product.form is not None


def pdf_path(out_dir: Path, product: Product) -> Path:
    return out_dir / "producten" / product.id / f"{product.id}.pdf"


def pdf_fields(product: Product) -> list[PdfField]:
    """Every field of the product's PDF, in document order; names equal the e-form's, files left out."""
    t = translator(product.lang, PDF_TEXT)
    fields: list[PdfField] = []
    for page in product.form.pages:
        for entry in page.fields:
            fields.extend(_fields_of(entry, "", None, t))
    return fields


def _fields_of(field: Field, prefix: str, item: str | None, t) -> list[PdfField]:
    if field.type in ("content", "file"):
        return []
    if field.type == "group":
        return [f for child in field.fields for f in _fields_of(child, prefix, item, t)]
    if field.type == "repeat":
        return [
            f
            for number in range(1, (field.max or 0) + 1)
            for child in field.fields
            for f in _fields_of(
                child, f"{prefix}{field.id}-{number}-", t("repeat_item", item=field.item_label, number=number), t
            )
        ]
    label = t("tooltip_part", label=item, part=field.label) if item else field.label
    names = field.input_names(prefix)
    if field.type == "date":
        return [PdfField(n, "text", t("tooltip_part", label=label, part=t(p))) for n, p in zip(names, DATE_PARTS)]
    if field.type == "address":
        return [PdfField(n, "text", t("tooltip_part", label=label, part=t(p))) for n, p in zip(names, ADDRESS_PARTS)]
    if field.type == "multiple-choice":
        return [
            PdfField(n, "checkbox", t("tooltip_part", label=label, part=o.label)) for n, o in zip(names, field.options)
        ]
    if field.type == "declaration":
        statement = t("tooltip_part", label=item, part=field.statement) if item else field.statement
        return [PdfField(names[0], "checkbox", statement)]
    if field.type == "yes-no":
        return [PdfField(names[0], "radio", label, (YES, NO))]
    if field.type in CHOICE_TYPES:  # choice and select: one radio group
        return [PdfField(names[0], "radio", label, tuple(o.value for o in field.options))]
    return [PdfField(names[0], "text", label)]


def describe_condition(condition: Condition, product: Product) -> str:
    """A condition in words: "u bij 'Bent u eerder getrouwd geweest?' Ja hebt gekozen"."""
    t = translator(product.lang, PDF_TEXT)
    questions = {}
    for field in product.form.walk():
        questions.setdefault(field.id, field)
    return _describe(condition, questions, t)


def _describe(condition: Condition, questions: dict[str, Field], t) -> str:
    if condition.all:
        return t("cond_and").join(_describe(c, questions, t) for c in condition.all)
    if condition.any:
        return t("cond_or").join(_describe(c, questions, t) for c in condition.any)
    field = questions.get(condition.field)
    label = field.label if field and field.label else condition.field
    if condition.answered is not None:
        return t("cond_answered" if condition.answered else "cond_not_answered", label=label)
    values = condition.one_of if condition.one_of is not None else (condition.equals,)
    answer = t("cond_or").join(_answer_text(field, value, t) for value in values)
    kind = field.type if field else "text"
    key = {"multiple-choice": "cond_ticked", "declaration": "cond_ticked"}.get(
        kind, "cond_chose" if kind in CHOICE_TYPES or kind == "yes-no" else "cond_filled_value"
    )
    return t(key, label=label, answer=answer)


def _answer_text(field: Field | None, value, t) -> str:
    if field is not None and field.type == "yes-no" or isinstance(value, bool):
        return t("yes") if value in (YES, True) else t("no")
    if field is not None:
        for option in field.options:
            if option.value == value:
                return option.label
    return str(value)


def delivery(product: Product) -> dict:
    """How the paper form reaches the department: by post, else at a counter; what to send along."""
    post = [c for c in product.channels_in_order() if c.type == "pdf-post"]
    counter = [c for c in product.channels_in_order() if c.type in ("counter", "counter-appointment")]
    route = post or counter
    with_address = next((c for c in route if c.address), None)
    enclose: list[str] = []
    for channel in route:
        enclose.extend(item for item in channel.enclose if item not in enclose)
    t = translator(product.lang, PDF_TEXT)
    for field in product.form.walk():
        if field.type != "file":
            continue
        # A document asked only in some cases says which, so nobody sends one they do not need.
        label = field.label
        if field.show_if:
            label = t("enclose_only_if", label=label, condition=describe_condition(field.show_if, product))
        if label not in enclose:
            enclose.append(label)
    first = route[0] if route else None
    contact = next((c for c in product.channels_in_order() if c.phone), None)
    mail = next((c for c in product.channels_in_order() if c.email), None)
    return {
        "kind": "post" if post else "counter" if counter else "none",
        "address": with_address.address.strip().splitlines() if with_address else [],
        "enclose": enclose,
        "processing_time": (first.processing_time if first else None) or product.processing_time,
        "fee": first.fee if first else None,
        "note": first.note if first else None,
        "phone": contact.phone if contact else None,
        "email": mail.email if mail else None,
    }


def render_print_html(product: Product) -> str:
    """The HTML WeasyPrint turns into the PDF (also what the cache key is made of)."""
    t = translator(product.lang, PDF_TEXT)
    template = environment().get_template(TEMPLATE)
    return template.render(
        product=product,
        form=product.form,
        t=t,
        only_if=lambda condition: t("only_if", condition=describe_condition(condition, product)),
        delivery=delivery(product),
        date_parts=list(zip(DATE_PARTS, (t(p) for p in DATE_PARTS))),
        address_parts=list(zip(ADDRESS_PARTS, (t(p) for p in ADDRESS_PARTS))),
        choices=lambda field: _choices(field, t),
        date_example=lambda field: date_example(field, t),
    )


#: An example already in the author's hint: "Bijvoorbeeld 3 11 2026" (day, month, year in figures).
_DATE_EXAMPLE = re.compile(r"\b\d{1,2} \d{1,2} \d{4}\b")


def date_example(field: Field, t, today: date | None = None) -> str | None:
    """The example under a date's boxes, fitting its range: a date to come for ``range: future``
    (next year, so it is never in the past); none when the author's hint already gives one."""
    if field.hint and _DATE_EXAMPLE.search(field.hint):
        return None
    if field.range == "future":
        year = (today or date.today()).year + 1
        return t("date_hint", day=15, month=6, year=year)
    return t("date_hint", day=27, month=3, year=1985)


def _choices(field: Field, t) -> list[tuple[str, str, str | None]]:
    """(value, label, hint) of each radio button of a yes-no, choice or select question."""
    if field.type == "yes-no":
        return [(YES, t("yes"), None), (NO, t("no"), None)]
    return [(option.value, option.label, option.hint) for option in field.options]


# --- one PDF ---------------------------------------------------------------------------------

#: WeasyPrint's parsed stylesheets and their font configuration, once per process (a worker
#: renders many PDFs).
_stylesheets: dict[tuple[str, str], tuple[list, object]] = {}  # (pdf.css, font rule) -> (CSS, fonts)


def _stylesheets_for(font_css: str) -> tuple[list, object]:
    """(stylesheets, FontConfiguration). WeasyPrint ignores ``@font-face`` unless the same
    FontConfiguration is given to ``CSS()`` and ``write_pdf()``; without it the fields would fall back
    to the text font, which is then embedded whole (about 400 KB per PDF)."""
    from weasyprint import CSS  # imported here: the catalogue and tests import this module too
    from weasyprint.text.fonts import FontConfiguration

    css = PDF_CSS.read_text(encoding="utf-8")  # read each time: `mkdocs serve` may have changed it
    if (css, font_css) not in _stylesheets:
        fonts = FontConfiguration()
        sheets = [CSS(string=css, base_url=str(STATIC_DIR), font_config=fonts)]
        if font_css:
            sheets.append(CSS(string=font_css, font_config=fonts))
        _stylesheets[css, font_css] = (sheets, fonts)
    return _stylesheets[css, font_css]


def render_pdf(html: str, fields: Iterable[PdfField], font_css: str = "") -> bytes:
    """WeasyPrint: print HTML -> fillable, tagged PDF/UA-1 with the form fields corrected."""
    from weasyprint import HTML

    tooltips = {field.name: field.tooltip for field in fields}
    stylesheets, fonts = _stylesheets_for(font_css)
    return HTML(string=html, base_url=str(STATIC_DIR)).write_pdf(
        stylesheets=stylesheets,
        font_config=fonts,
        finisher=pdf_fixups.finisher(tooltips),
        **WEASYPRINT_OPTIONS,
    )


def render_product_pdf(product: Product, font_css: str = "") -> bytes:
    return render_pdf(render_print_html(product), pdf_fields(product), font_css)


# --- many PDFs, cached, in parallel ----------------------------------------------------------


@dataclass(frozen=True)
class _Job:
    product_id: str
    html: str
    fields: tuple[PdfField, ...]
    cache_file: Path
    font_css: str


def _render_job(job: _Job) -> tuple[str, int]:
    """Runs in a worker process: render one PDF straight into the cache."""
    data = render_pdf(job.html, job.fields, job.font_css)
    pdf_cache.store(job.cache_file, data)
    return job.product_id, len(data)


@lru_cache(maxsize=1)
def _versions() -> str:
    """Everything besides the HTML and CSS that changes the bytes of a PDF."""
    import weasyprint

    try:
        formloket = metadata.version("formloket")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        formloket = "source"
    # The code that writes the bytes: a change to it must not be hidden by PDFs cached before it.
    code = hashlib.sha256()
    for module_file in (__file__, pdf_fixups.__file__, pdf_cache.__file__):
        code.update(Path(module_file).read_bytes())
    return f"formloket {formloket}; weasyprint {weasyprint.__version__}; code {code.hexdigest()}"


def cache_key(html: str, font_id: str) -> str:
    return pdf_cache.key(html, PDF_CSS.read_text(encoding="utf-8"), font_id, _versions())


def throttled_progress(report: Callable[[str], None], interval: float = 5.0) -> Progress:
    """A ``progress`` for long builds: ``report("PDFs: 120/500")`` at most every ``interval``
    seconds, and once at the end, so a build of hundreds of PDFs shows it is moving without a line
    per PDF. (For the plugin: ``progress=throttled_progress(log.info)``.)"""
    import time

    last = [time.monotonic()]

    def progress(done: int, total: int, _product_id: str) -> None:
        now = time.monotonic()
        if done == total or now - last[0] >= interval:
            last[0] = now
            report(f"PDFs: {done}/{total}")

    return progress


def _pool_context():
    """Fork where the platform has it (Linux): the workers inherit the imported WeasyPrint."""
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def build_pdfs(
    products: list[Product],
    out_dir: Path,
    *,
    cache_dir: Path,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> dict[str, PdfInfo]:
    """Write ``out_dir/producten/<id>/<id>.pdf`` for every product with a form; {id: PdfInfo}.

    PDFs found in ``cache_dir`` (under the hash of their input) are copied, not rendered; the rest
    are rendered by ``jobs`` processes (default: every core). ``progress(done, total, product_id)``
    is called as each PDF is ready.
    """
    out_dir, cache_dir = Path(out_dir), Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    font_css, font_id = pdf_cache.fields_font_css(cache_dir)
    with_form = [p for p in products if has_pdf(p)]
    total = len(with_form)
    results: dict[str, PdfInfo] = {}
    pending: list[tuple[Product, _Job]] = []

    def finish(product: Product, cache_file: Path, from_cache: bool) -> None:
        target = pdf_path(out_dir, product)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache_file, target)
        results[product.id] = PdfInfo(target, target.stat().st_size, from_cache)
        if progress:
            progress(len(results), total, product.id)

    for product in with_form:
        html = render_print_html(product)
        cache_file = pdf_cache.path_for(cache_dir, cache_key(html, font_id))
        if cache_file.is_file():
            finish(product, cache_file, from_cache=True)
        else:
            job = _Job(product.id, html, tuple(pdf_fields(product)), cache_file, font_css)
            pending.append((product, job))

    workers = min(jobs or os.cpu_count() or 1, len(pending))
    if workers <= 1:
        for product, job in pending:
            _render_job(job)
            finish(product, job.cache_file, from_cache=False)
        return results
    by_id = {product.id: (product, job) for product, job in pending}
    # Import WeasyPrint and parse the stylesheets once, here: workers forked from this process start
    # with both, instead of each paying about a second for them before its first PDF.
    _stylesheets_for(font_css)
    with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context()) as pool:
        running = {pool.submit(_render_job, job) for _, job in pending}
        while running:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                product_id, _size = future.result()
                product, job = by_id[product_id]
                finish(product, job.cache_file, from_cache=False)
    return results
