"""Issue 3 page-weight budget, measured on the real built site: every e-form page weighs at most
50 KB (KB = 1000 bytes, strict) of HTML + linked CSS + linked JS, uncompressed, as served; it makes no
third-party request and loads no whole-site search index."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO_ROOT, run_formloket

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
from page_weight import BUDGET_BYTES, form_pages, weigh  # noqa: E402

SAMPLE_IDS = [p.stem for p in sorted((REPO_ROOT / "forms").glob("*.yaml"))]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The repository's samples built with its mkdocs.yml (PDFs off: they are not part of the page)."""
    project = tmp_path_factory.mktemp("weight") / "project"
    project.mkdir()
    config = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("pdf: true", "pdf: false")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    for name in ("forms", "docs"):
        src = REPO_ROOT / name
        (project / name).symlink_to(src, target_is_directory=True)
    result = run_formloket("build", "--site-dir", str(project / "site"), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_every_sample_with_an_e_form_has_a_page(site):
    assert form_pages(site), "no e-form pages were built"


@pytest.mark.parametrize("product", SAMPLE_IDS)
def test_form_page_is_within_the_budget(site, product):
    page = site / "producten" / product / "formulier" / "index.html"
    if not page.exists():
        # Right only for a product kept on paper (asverstrooiing): it has no e-form to weigh.
        from generator.pipeline import load_products  # noqa: PLC0415

        [definition] = load_products([REPO_ROOT / "forms" / f"{product}.yaml"]).products
        assert not definition.has_eform, f"{product} has an e-form but the build made no e-form page"
        return
    w = weigh(site, page)
    assert w["total"] <= BUDGET_BYTES, f"{product}: HTML {w['html']} + CSS {w['css']} + JS {w['js']} = {w['total']} bytes"


def test_no_third_party_request_and_no_search_index(site):
    for page in form_pages(site):
        w = weigh(site, page)
        assert not w["external"], f"{page}: third-party resources {w['external']}"
        text = page.read_text(encoding="utf-8").lower()
        for marker in ("search_index.json", "lunr", "worker.js"):
            assert marker not in text, f"{page} loads a search index ({marker})"


def test_published_assets_are_minified_and_sources_stay_readable(site):
    published = (site / "assets" / "form.js").read_text(encoding="utf-8")
    source = (REPO_ROOT / "generator" / "static" / "form.js").read_text(encoding="utf-8")
    assert len(published) < len(source) * 0.8
    assert "data-fl-form" in published  # the DOM contract survives minification


def test_without_the_minifiers_assets_are_published_as_they_are(monkeypatch, tmp_path):
    from generator.render.minify import minified

    monkeypatch.setitem(sys.modules, "rjsmin", None)  # import fails as if the package were missing
    monkeypatch.setitem(sys.modules, "rcssmin", None)
    for name in ("form.js", "form.css"):
        # A copy without its form.min.js beside it: that copy is published with or without rjsmin.
        source = tmp_path / name
        source.write_text((REPO_ROOT / "generator" / "static" / name).read_text(encoding="utf-8"), encoding="utf-8")
        assert minified(source) == source.read_text(encoding="utf-8")


STATIC = REPO_ROOT / "generator" / "static"
TERSER = REPO_ROOT / ".cache" / "terser" / "node_modules" / ".bin" / "terser"


def test_form_min_js_is_made_from_the_current_form_js():
    from generator.render.minify import source_hash

    header = (STATIC / "form.min.js").read_text(encoding="utf-8").partition("\n")[0]
    assert f"sha256={source_hash((STATIC / 'form.js').read_text(encoding='utf-8'))} " in header, (
        "generator/static/form.min.js was not made from the current form.js: run bash .ci/minify-js")


def test_form_min_js_is_what_terser_makes_of_it():
    # Nobody edits the minified copy by hand: terser (installed by .ci/install --test) makes it again.
    assert TERSER.exists(), "terser is missing: run bash .ci/install --test"
    again = subprocess.run(["bash", str(REPO_ROOT / ".ci" / "minify-js"), "--stdout"],
                           capture_output=True, text=True, check=True).stdout
    assert again == (STATIC / "form.min.js").read_text(encoding="utf-8")


def test_a_stale_form_min_js_is_not_published(tmp_path):
    from generator.render.minify import minified

    (tmp_path / "form.js").write_text("var answer = 42; // changed since form.min.js was made\n", encoding="utf-8")
    (tmp_path / "form.min.js").write_text("/*! form.js sha256=0000 minified */\nvar a=41;\n", encoding="utf-8")
    assert "answer" in minified(tmp_path / "form.js")
