"""The MkDocs plugin: ``mkdocs build`` turns ``forms/`` into the site, through the same pipeline as
``formloket validate``.

    on_config     resolve paths relative to mkdocs.yml
    on_pre_build  load + validate every definition; any error aborts here, before MkDocs touches
                  site_dir (and in strict mode, any warning too)
    on_files      PDFs (into site_dir), then every page as a generated file, the static assets and
                  each product's submission schema
                  (RenderedPage: our HTML, never run through Markdown; page.meta.formloket tells
                  the theme the language, breadcrumbs and assets); on a large site worker
                  processes start rendering them here (ParallelRendering)
    on_env        the submission schemas' text, before MkDocs copies them
    on_page_context  each page's HTML, just before the theme is rendered around it
    on_post_build / on_build_error  the workers stop
    on_serve      watch forms/ so ``mkdocs serve`` rebuilds when a definition changes

``mkdocs build`` writes into site_dir itself; ``formloket build`` (generator/site_build.py) builds
into a fresh directory and swaps it in, so a failed build never leaves a half-written site.
"""

from __future__ import annotations

import gc
import os
import pickle
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import base, config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.model import Product
from generator.pipeline import load_products
from generator.plugin_settings import DEFAULT_FORMS_DIR, project_path
from generator.problems import Problem
from generator.render import catalogue
from generator.render.compact_json import compact_json
from generator.render.environment import compile_templates
from generator.render.minify import minified
from generator.report import render as render_report, summary

log = get_plugin_logger("formloket")

STATIC_DIR = Path(__file__).resolve().parent / "static"
#: Site-wide assets: generator/static/<name> is published as /assets/<name>.
SITE_ASSETS = ("assets/site.css", "assets/catalogue.css", "assets/catalogue.js")
NO_ENDPOINT = "no endpoint configured: forms will post nowhere; set plugins.formloket.endpoint in mkdocs.yml"


class FormloketConfig(base.Config):
    forms_dir = c.Type(str, default=DEFAULT_FORMS_DIR)
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
    html: str | None = None  # rendered on demand, or by the workers of a ParallelRendering
    rendering: ParallelRendering | None = None  # the workers rendering this page, if any

    def content(self) -> str:
        if self.html is None:
            if self.rendering is not None:
                self.rendering.wait_for(self)
            else:
                self.html = self.render()
        return self.html


#: What an e-form page may weigh, HTML with its CSS and JS, uncompressed (issue 3).
PAGE_BUDGET_BYTES = 50_000

#: Below this many pages, starting worker processes costs more than it saves.
PARALLEL_FROM = 40
#: Pages per task sent to a worker.
CHUNK = 20
#: The pages the forked workers render, and the folder they put the HTML in; set while they run
#: (the pool may fork a worker again), read by them.
_PAGES_TO_RENDER: dict[str, GeneratedPage] = {}
_RENDERED_DIR = ""


class ParallelRendering:
    """Pages rendered in forked worker processes (one per core) while MkDocs goes on with the
    build: asking a page for its content waits for that page only, so MkDocs writes the first
    pages while the workers render the next. Workers are forked: they already hold the products
    and the renderers, and only the HTML travels back.

    It travels through a temporary file per task, not through the pool's pipe: this process is
    busy writing pages meanwhile, and the pool's thread that reads the pipe would need this
    process's interpreter lock for every 64 kB, holding each worker up until it got it.
    """

    def __init__(self, pages: dict[str, GeneratedPage], jobs: int):
        import multiprocessing  # noqa: PLC0415

        global _RENDERED_DIR
        self.pages = pages
        keys = [key for key, page in pages.items() if page.html is None]
        self._folder = tempfile.mkdtemp(prefix="formloket-pages-")
        _RENDERED_DIR = self._folder
        _PAGES_TO_RENDER.clear()
        _PAGES_TO_RENDER.update(pages)
        # Everything the workers inherit is left out of their garbage collections (and out of
        # this process's until close): the collector would otherwise walk the products and pages
        # again and again, and in a worker touch, and so copy, every inherited memory page.
        gc.freeze()
        self._pool = multiprocessing.get_context("fork").Pool(jobs)
        chunks = [keys[start:start + CHUNK] for start in range(0, len(keys), CHUNK)]
        self._results = self._pool.imap(_render_chunk, enumerate(chunks))
        self._waiting = len(keys)
        for key in keys:
            pages[key].rendering = self

    def wait_for(self, page: GeneratedPage) -> None:
        while page.html is None:
            path = next(self._results)
            with open(path, "rb") as handle:
                rendered = pickle.load(handle)
            os.unlink(path)
            for key, html in rendered:
                self.pages[key].html = html
                self.pages[key].rendering = None
                self._waiting -= 1
        if not self._waiting:
            self.close()

    def close(self) -> None:
        """Stop the workers (at once, when the build failed before every page was asked for)."""
        global _RENDERED_DIR
        if self._pool is None:
            return
        if self._waiting:
            self._pool.terminate()
        else:
            self._pool.close()
        self._pool.join()
        self._pool = None
        for page in self.pages.values():
            page.rendering = None
        _PAGES_TO_RENDER.clear()
        _RENDERED_DIR = ""
        shutil.rmtree(self._folder, ignore_errors=True)
        gc.unfreeze()


def _render_chunk(job: tuple[int, list[str]]) -> str:
    number, keys = job
    path = os.path.join(_RENDERED_DIR, f"{number}.pickle")
    with open(path, "wb") as handle:
        pickle.dump([(key, _PAGES_TO_RENDER[key].render()) for key in keys], handle, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def start_rendering(pages: dict[str, GeneratedPage], jobs: int | None = None) -> ParallelRendering | None:
    """Start rendering ``pages`` in worker processes when that is worth it and safe; else None,
    and each page is rendered on demand, in this process."""
    import multiprocessing  # noqa: PLC0415

    jobs = jobs or os.cpu_count() or 1
    if (
        jobs < 2 or len(pages) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods()
        # Forking a process with other threads (`mkdocs serve` runs a server and a file watcher)
        # can copy a lock another thread holds; then a worker would hang. Render in-process there.
        or threading.active_count() > 1
    ):
        return None
    # Render one page of each kind the site has many of (product pages, forms, schemas) here
    # first, so that what the renderers set up on first use (caches, Markdown) is done once, before
    # the fork, instead of once in every worker. Kinds of a few pages (the home page, the lists)
    # are left to the workers: while this process renders, they have not started yet.
    kinds: dict[str, list[str]] = {}
    for key in pages:
        parts = key.split("/")
        kinds.setdefault(f"{parts[0]}/{len(parts)}/{parts[-1]}", []).append(key)
    for keys in kinds.values():
        if len(keys) > CHUNK:
            pages[keys[0]].content()
    return ParallelRendering(pages, jobs)


class RenderedPage(Page):
    """A page whose HTML the plugin rendered: there is no Markdown source and Markdown never runs
    (saves a Markdown instance per page, which on 1,000 pages is a tenth of the build).

    Its HTML is put in at ``on_page_context``, just before the theme is rendered around it: on a
    large site a worker may still be rendering it while MkDocs writes the pages before it. So at
    ``on_page_content`` it has none yet; a plugin that changes pages' HTML uses ``on_post_page``.
    """

    def __init__(self, generated: GeneratedPage, file: File, config: MkDocsConfig):
        super().__init__(generated.title, file, config)
        self.generated = generated

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        self.meta = {"formloket": self.generated.meta}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""  # see on_page_context
        self.toc = get_toc([])
        self.present_anchor_ids = set()


class FormloketPlugin(BasePlugin[FormloketConfig]):
    def __init__(self):
        self.products: list[Product] = []
        self.pages: dict[str, GeneratedPage] = {}
        self.schema_files: list[tuple[File, GeneratedPage]] = []
        self.rendering: ParallelRendering | None = None
        self.asset_bytes: dict[str, int] = {}
        self.forms_dir = ""
        self.project_dir = ""

    # --- configuration and validation -----------------------------------------------------------

    def on_config(self, config: MkDocsConfig):
        self.project_dir = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        self.forms_dir = self._project_path(self.config.forms_dir)
        self.pages = {}
        return config

    def _project_path(self, path: str) -> str:
        return project_path(self.project_dir, path)

    def on_pre_build(self, config: MkDocsConfig):
        upl_path = self._project_path(self.config.upl_list) if self.config.upl_list else None
        # While worker processes check the files, this one compiles the templates the pages need.
        result = load_products([self.forms_dir], upl_path=upl_path, meanwhile=prepare_renderers)
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
            f"producten/{product.id}/inzending.schema.json": GeneratedPage(
                "", lambda product=product: compact_json(submission_schema_for(product)))
            for product in self.products
            if product.form
        }
        # Schemas first: MkDocs copies them (on_env) before it writes any page.
        self.rendering = start_rendering({**schemas, **self.pages})
        for src_uri, generated in self.pages.items():
            file = File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            RenderedPage(generated, file, config)  # sets file.page, so MkDocs uses this page
            files.append(file)
        self.asset_bytes = {}
        for uri in site_assets():
            # minified as published (issue 3 page weight); the sources stay readable
            content = minified(STATIC_DIR / uri.removeprefix("assets/"))
            self.asset_bytes[uri] = len(content.encode("utf-8"))
            files.append(File.generated(config, uri, content=content, inclusion=InclusionLevel.INCLUDED))
        self.schema_files = []
        for src_uri, schema in schemas.items():
            file = File.generated(config, src_uri, content="", inclusion=InclusionLevel.INCLUDED)  # see on_env
            self.schema_files.append((file, schema))
            files.append(file)
        return files

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        for file, schema in self.schema_files:
            file.content_string = schema.content()
        return env

    @event_priority(100)  # first: another plugin's on_page_context (the search index) reads the HTML
    def on_page_context(self, context, *, page, config: MkDocsConfig, nav):
        if isinstance(page, RenderedPage):
            page.content = page.generated.content()
        return context

    def on_post_page(self, output: str, *, page, config: MkDocsConfig):
        if isinstance(page, RenderedPage) and "form_action" in page.generated.meta:  # an e-form page
            self._check_weight(page, output)
        return output

    def _check_weight(self, page: RenderedPage, output: str) -> None:
        """Warn when an e-form page is heavier than the budget, HTML with its CSS and JS: a
        definition can make it so (many repeat slots, long texts), and the editor should hear."""
        meta = page.generated.meta
        assets = ["assets/site.css", *meta.get("stylesheets", ()), *meta.get("scripts", ())]
        weight = len(output.encode("utf-8")) + sum(self.asset_bytes.get(uri, 0) for uri in dict.fromkeys(assets))
        if weight > PAGE_BUDGET_BYTES:
            log.warning(
                f"{page.file.dest_uri}: the e-form page weighs {weight / 1000:.1f} kB with its CSS and "
                f"JavaScript, more than the {PAGE_BUDGET_BYTES // 1000} kB a form page may weigh to load "
                f"quickly on a slow phone; a lower max on a repeating group, or shorter texts, make it lighter "
                f"({meta['source']})")

    def on_post_build(self, *, config: MkDocsConfig):
        self._stop_rendering()

    def on_build_error(self, *, error: Exception):
        self._stop_rendering()

    def _stop_rendering(self) -> None:
        if self.rendering is not None:
            self.rendering.close()
            self.rendering = None

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
                "source": product.source,
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


def prepare_renderers() -> None:
    """Compile the templates of the catalogue and the e-form, so that worker processes forked
    later inherit them instead of each compiling its own."""
    form_renderer()
    compile_templates("catalogue", "form", "components")


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
