"""The MkDocs plugin: ``mkdocs build`` turns ``forms/`` into the site, through the same pipeline as
``formloket validate``.

    on_config     resolve paths relative to mkdocs.yml
    on_pre_build  load + validate every definition; any error aborts here, before MkDocs touches
                  site_dir (and in strict mode, any warning too)
    on_files      PDFs (into site_dir), then every page as a generated file, the static assets and
                  each product's submission schema
                  (RenderedPage: our HTML, never run through Markdown; page.meta.formloket tells
                  the theme the language, breadcrumbs and assets)
    on_serve      watch forms/ so ``mkdocs serve`` rebuilds when a definition changes

``mkdocs build`` writes into site_dir itself; ``formloket build`` (generator/site_build.py) builds
into a fresh directory and swaps it in, so a failed build never leaves a half-written site.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import base, config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.model import Product
from generator.pipeline import load_products
from generator.problems import Problem
from generator.render import catalogue
from generator.render.minify import minified
from generator.report import render as render_report, summary

log = get_plugin_logger("formloket")

STATIC_DIR = Path(__file__).resolve().parent / "static"
#: Site-wide assets: generator/static/<name> is published as /assets/<name>.
SITE_ASSETS = ("assets/site.css", "assets/catalogue.css", "assets/catalogue.js")
NO_ENDPOINT = "no endpoint configured: forms will post nowhere; set plugins.formloket.endpoint in mkdocs.yml"


class FormloketConfig(base.Config):
    forms_dir = c.Type(str, default="forms")
    endpoint = c.Optional(c.Type(str))
    upl_list = c.Optional(c.Type(str))
    pdf = c.Type(bool, default=True)
    lang = c.Choice(("nl", "en"), default="nl")
    cache_dir = c.Type(str, default=".cache/formloket")


class InvalidDefinitions(Abort):
    """The definitions have errors: the message is exactly what ``formloket validate`` prints."""

    def __init__(self, problems: list[Problem], files: int):
        self.problems = problems
        self.files = files
        super().__init__(render_report(problems, "text", files) + summary(problems, files))


class StrictWarnings(Abort):
    """Warnings in strict mode, raised before MkDocs cleans site_dir."""


@dataclass
class GeneratedPage:
    """A page the plugin made: its HTML for <main> (rendered lazily) and what the theme needs."""

    title: str
    render: object  # () -> str
    meta: dict = field(default_factory=dict)
    html: str | None = None  # filled in advance by render_in_parallel, else rendered on demand

    def content(self) -> str:
        if self.html is None:
            self.html = self.render()
        return self.html


#: Below this many pages, starting worker processes costs more than it saves.
PARALLEL_FROM = 40
#: The pages a forked worker renders; set just before the workers start, read by them.
_PAGES_TO_RENDER: dict[str, GeneratedPage] = {}


def render_in_parallel(pages: dict[str, GeneratedPage], jobs: int | None = None) -> None:
    """Render every page's HTML in worker processes (one per core), so a large site builds in a
    fraction of the time. Workers are forked: they already hold the products and the renderers,
    and only the HTML text travels back."""
    import multiprocessing  # noqa: PLC0415

    jobs = jobs or os.cpu_count() or 1
    if (
        jobs < 2 or len(pages) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods()
        # Forking a process with other threads (`mkdocs serve` runs a server and a file watcher)
        # can copy a lock another thread holds; then a worker would hang. Render in-process there.
        or threading.active_count() > 1
    ):
        return  # rendered on demand, one by one
    # Render one page of each kind here first: the templates are compiled once, before the fork,
    # instead of once in every worker.
    kinds: dict[str, str] = {}
    for key in pages:
        parts = key.split("/")
        kinds.setdefault(f"{parts[0]}/{len(parts)}/{parts[-1]}", key)
    for key in kinds.values():
        pages[key].content()
    _PAGES_TO_RENDER.clear()
    _PAGES_TO_RENDER.update(pages)
    keys = [key for key, page in pages.items() if page.html is None]
    chunks = [keys[start:start + 20] for start in range(0, len(keys), 20)]
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for rendered in pool.imap_unordered(_render_chunk, chunks):
                for key, html in rendered:
                    pages[key].html = html
    finally:
        _PAGES_TO_RENDER.clear()


def _render_chunk(keys: list[str]) -> list[tuple[str, str]]:
    return [(key, _PAGES_TO_RENDER[key].render()) for key in keys]


class RenderedPage(Page):
    """A page whose HTML the plugin rendered: there is no Markdown source and Markdown never runs
    (saves a Markdown instance per page, which on 1,000 pages is a tenth of the build)."""

    def __init__(self, generated: GeneratedPage, file: File, config: MkDocsConfig):
        super().__init__(generated.title, file, config)
        self.generated = generated

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        self.meta = {"formloket": self.generated.meta}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self.generated.content()
        self.toc = get_toc([])
        self.present_anchor_ids = set()


class FormloketPlugin(BasePlugin[FormloketConfig]):
    def __init__(self):
        self.products: list[Product] = []
        self.pages: dict[str, GeneratedPage] = {}
        self.forms_dir = ""
        self.project_dir = ""

    # --- configuration and validation -----------------------------------------------------------

    def on_config(self, config: MkDocsConfig):
        self.project_dir = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        self.forms_dir = self._project_path(self.config.forms_dir)
        self.pages = {}
        return config

    def _project_path(self, path: str) -> str:
        """A path from mkdocs.yml, relative to mkdocs.yml's folder; kept relative to the working
        directory when that is the same folder, so messages read ``forms/x.yaml:3:1``."""
        absolute = os.path.normpath(os.path.join(self.project_dir, path))
        relative = os.path.relpath(absolute)
        return relative if not relative.startswith("..") else absolute

    def on_pre_build(self, config: MkDocsConfig):
        upl_path = self._project_path(self.config.upl_list) if self.config.upl_list else None
        result = load_products([self.forms_dir], upl_path=upl_path)
        if result.has_errors:
            raise InvalidDefinitions(result.problems, len(result.files))
        warnings = [str(problem) for problem in result.problems]
        self.products = result.products
        if self._products_without_endpoint():
            warnings.append(NO_ENDPOINT)
        for message in warnings:
            log.warning(message)
        if warnings and config.strict:
            # MkDocs would only stop after writing the whole site; stop before site_dir is cleaned.
            raise StrictWarnings(f"Aborted with {len(warnings)} warning(s) in strict mode")

    def _products_without_endpoint(self) -> list[Product]:
        return [p for p in self.products if p.form and not self.endpoint_for(p)]

    def endpoint_for(self, product: Product) -> str:
        """The product's own endpoint, else the site-wide one, else ''."""
        return (product.form.endpoint if product.form else None) or self.config.endpoint or ""

    # --- files ----------------------------------------------------------------------------------

    def on_files(self, files: Files, config: MkDocsConfig):
        pdfs = self._build_pdfs(config)
        contact = dict((config.extra or {}).get("contact") or {})
        self.pages = plan_pages(
            self.products, lang=self.config.lang, pdfs=pdfs, endpoint_for=self.endpoint_for, contact=contact,
        )
        schemas = {
            f"producten/{product.id}/inzending.schema.json": GeneratedPage("", lambda product=product: json.dumps(
                # compact: without indent, json uses its C encoder (ten times faster for 500 schemas)
                submission_schema_for(product), ensure_ascii=False, separators=(",", ":"),
            ))
            for product in self.products
            if product.form
        }
        render_in_parallel({**self.pages, **schemas})
        for src_uri, generated in self.pages.items():
            file = File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            RenderedPage(generated, file, config)  # sets file.page, so MkDocs uses this page
            files.append(file)
        for uri in site_assets():
            # minified as published (issue 3 page weight); the sources stay readable
            files.append(File.generated(
                config, uri, content=minified(STATIC_DIR / uri.removeprefix("assets/")),
                inclusion=InclusionLevel.INCLUDED,
            ))
        for src_uri, schema in schemas.items():
            files.append(File.generated(config, src_uri, content=schema.content(), inclusion=InclusionLevel.INCLUDED))
        return files

    def _build_pdfs(self, config: MkDocsConfig) -> dict:
        if not self.config.pdf:
            return {}
        try:
            from generator.render.pdf import build_pdfs, throttled_progress  # noqa: PLC0415 - WeasyPrint is heavy
        except ModuleNotFoundError as error:
            if error.name != "generator.render.pdf":
                raise
            return {}
        return build_pdfs(
            self.products, Path(config.site_dir), cache_dir=Path(self._project_path(self.config.cache_dir)),
            progress=throttled_progress(log.info),
        )

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        server.watch(self.forms_dir)
        return server


# --- which pages there are -----------------------------------------------------------------------

def plan_pages(
    products: list[Product], *, lang: str, pdfs: dict, endpoint_for, contact: dict,
) -> dict[str, GeneratedPage]:
    """Every page the site gets, by source path; each renders its HTML only when MkDocs asks."""
    t = catalogue.texts(lang)
    pages = {
        "index.md": GeneratedPage(
            t("home.title"), lambda: catalogue.render_home(products, lang=lang),
            {"lang": lang, "stylesheets": ["assets/catalogue.css"], "scripts": ["assets/catalogue.js"],
             "description": t("home.lead")},
        ),
        "toegankelijkheid/index.md": GeneratedPage(
            t("a11y.title"), lambda: catalogue.render_accessibility(lang=lang, contact=contact),
            {"lang": lang, "stylesheets": ["assets/catalogue.css"],
             "breadcrumbs": [{"label": t("a11y.title"), "path": None}]},
        ),
    }
    for listing in catalogue.listings(products):
        title = listing.title(lang)
        pages[f"{listing.path}index.md"] = GeneratedPage(
            title, lambda listing=listing: catalogue.render_listing(listing, lang=lang),
            {"lang": lang, "stylesheets": ["assets/catalogue.css"], "breadcrumbs": [{"label": title, "path": None}]},
        )
    form_module = form_renderer()
    for product in products:
        pdf = pdfs.get(product.id)
        has_form_page = bool(product.has_eform and form_module)
        pages[f"{catalogue.product_path(product.id)}index.md"] = GeneratedPage(
            product.title,
            lambda product=product, pdf=pdf, has_form_page=has_form_page: catalogue.render_product(
                product, has_form_page=has_form_page,
                pdf_href=f"{product.id}.pdf" if pdf else None, pdf_size=pdf.size_bytes if pdf else None,
            ),
            {"lang": product.lang, "description": product.summary, "stylesheets": ["assets/catalogue.css"],
             "breadcrumbs": [{"label": product.title, "path": None}]},
        )
        if not has_form_page:
            continue
        endpoint = endpoint_for(product)
        origin = endpoint_origin(endpoint) if endpoint else None
        form_title = product.form.title or product.title
        pt = catalogue.texts(product.lang)
        pages[f"{catalogue.form_path(product.id)}index.md"] = GeneratedPage(
            f"{pt('crumb.form')}: {form_title}",
            lambda product=product, pdf=pdf, endpoint=endpoint: form_module.render_form(
                product, endpoint=endpoint,
                pdf=form_module.PdfLink(url=f"../{product.id}.pdf", size_bytes=pdf.size_bytes) if pdf else None,
            ),
            {
                "lang": product.lang,
                "description": product.summary,
                "breadcrumbs": [
                    {"label": product.title, "path": catalogue.product_path(product.id)},
                    {"label": pt("crumb.form"), "path": None},
                ],
                "stylesheets": [uri for uri in form_module.FORM_ASSETS if uri.endswith(".css")],
                "scripts": [uri for uri in form_module.FORM_ASSETS if uri.endswith(".js")],
                "form_action": [origin] if origin else [],
            },
        )
    return pages


# --- the other engineers' renderers, while they are being written ---------------------------------

def form_renderer():
    """D's ``render_form`` and ``PdfLink``, or None while generator/render/form_html.py does not exist."""
    try:
        from generator.render import form_html  # noqa: PLC0415
    except ModuleNotFoundError as error:
        if error.name != "generator.render.form_html":
            raise
        return None
    return form_html


def site_assets() -> list[str]:
    """Every asset's path in the site (``assets/site.css``); the e-form's come from D's FORM_ASSETS."""
    module = form_renderer()
    return list(dict.fromkeys(SITE_ASSETS + (tuple(module.FORM_ASSETS) if module else ())))


def submission_schema_for(product: Product) -> dict:
    from generator.render.submission_schema import submission_schema  # noqa: PLC0415

    return submission_schema(product)


def endpoint_origin(endpoint: str) -> str | None:
    """The origin a form posts to, for the CSP's form-action; None for a path on this site."""
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None
