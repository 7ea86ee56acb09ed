"""``formloket check-pdf SITE`` as a user runs it: a good site passes, a broken PDF is named with the
rule it breaks, and a missing or empty site is a usage error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from conftest import REPO_ROOT, run_formloket

PDF_FIXTURE = Path(__file__).parent / "fixtures" / "pdf" / "huwelijk-test.yaml"
#: Every sample (asverstrooiing is kept on paper: no e-form page) and the fixture with every field kind.
FORMS = [*sorted((REPO_ROOT / "forms").glob("*.yaml")), PDF_FIXTURE]
GROFVUIL = "producten/grofvuil-ophalen/grofvuil-ophalen.pdf"
#: Kept on paper: its expected names come from the published submission schema.
ASVERSTROOIING = "producten/asverstrooiing/asverstrooiing.pdf"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A site built with PDFs by ``formloket build``; tests copy it before breaking anything."""
    project = tmp_path_factory.mktemp("check-pdf") / "project"
    (project / "forms").mkdir(parents=True)
    (project / "docs").mkdir()
    for source in FORMS:
        shutil.copy(source, project / "forms" / source.name)
    (project / "mkdocs.yml").write_text(
        "site_name: Gemeente Voorbeeldstad\ndocs_dir: docs\ntheme:\n  name: formloket\n"
        "plugins:\n  - formloket:\n      forms_dir: forms\n"
        "      endpoint: https://formulieren.voorbeeldstad.nl/inzendingen\n      pdf: true\n",
        encoding="utf-8",
    )
    result = run_formloket("build", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture
def copy(site, tmp_path) -> Path:
    target = tmp_path / "site"
    shutil.copytree(site, target)
    return target


def rewrite(pdf: Path, change) -> None:
    """Read the PDF with pypdf, let ``change(writer)`` break something, write it back."""
    writer = PdfWriter(clone_from=PdfReader(pdf))
    change(writer)
    with pdf.open("wb") as out:
        writer.write(out)


def test_a_site_built_by_formloket_passes(site):
    result = run_formloket("check-pdf", site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == f"checked {len(FORMS)} PDFs: no failures"


def test_a_page_without_tabs_is_named_with_the_rule(copy):
    def drop_tabs(writer):
        del writer.pages[0][NameObject("/Tabs")]

    rewrite(copy / GROFVUIL, drop_tabs)
    result = run_formloket("check-pdf", copy)
    assert result.returncode == 1
    assert (
        f"{GROFVUIL}: page 1: /Tabs is missing (PDF/UA 7.18.3: pages with form fields need /Tabs /S)"
        in result.stdout.splitlines()
    )
    assert result.stdout.strip().splitlines()[-1] == f"checked {len(FORMS)} PDFs: 1 failure in 1 PDF"


def test_a_pdf_made_without_form_fields_fails(copy):
    from weasyprint import HTML

    from generator.pipeline import load_products
    from generator.render.pdf import render_print_html

    product = next(p for p in load_products([str(FORMS[0])]).products)
    HTML(string=render_print_html(product)).write_pdf(copy / GROFVUIL, pdf_variant="pdf/ua-1")
    result = run_formloket("check-pdf", copy)
    assert result.returncode == 1
    assert f"{GROFVUIL}: has no form fields (/AcroForm): the PDF cannot be filled in" in result.stdout


@pytest.mark.parametrize("pdf", [GROFVUIL, ASVERSTROOIING])
def test_a_field_without_tooltip_or_with_another_name_fails(copy, pdf):
    def break_first_field(writer):
        field = writer._root_object["/AcroForm"]["/Fields"][0].get_object()
        field[NameObject("/T")] = TextStringObject("iets_anders")
        del field[NameObject("/TU")]

    rewrite(copy / pdf, break_first_field)
    result = run_formloket("check-pdf", copy)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{pdf}: field 'iets_anders' has no tooltip (/TU) (PDF/UA 7.18.1: every field needs a description)" in lines
    assert f"{pdf}: field 'iets_anders' is not an input of the e-form" in lines
    assert any(line.startswith(f"{pdf}: field '") and line.endswith("' of the e-form is missing") for line in lines)


def test_javascript_and_missing_document_keys_fail(copy):
    def break_document(writer):
        root = writer._root_object
        action = DictionaryObject({
            NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)"),
        })
        root[NameObject("/OpenAction")] = writer._add_object(action)
        del root[NameObject("/Lang")]
        del root[NameObject("/ViewerPreferences")]

    rewrite(copy / GROFVUIL, break_document)
    result = run_formloket("check-pdf", copy)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{GROFVUIL}: the document's /OpenAction runs JavaScript (formloket: no JavaScript in PDFs)" in lines
    assert f"{GROFVUIL}: /Lang is missing (PDF/UA 7.2: the natural language of the document must be set)" in lines
    assert any(line.startswith(f"{GROFVUIL}: /ViewerPreferences /DisplayDocTitle is not true") for line in lines)


def test_a_missing_site_directory_is_a_usage_error(tmp_path):
    result = run_formloket("check-pdf", tmp_path / "nowhere")
    assert result.returncode == 2
    assert "nowhere: no such directory (build the site first: formloket build)" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_site_without_pdfs_is_a_usage_error(tmp_path):
    (tmp_path / "index.html").write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
    result = run_formloket("check-pdf", tmp_path)
    assert result.returncode == 2
    assert "no PDFs found (was the site built with PDFs?)" in result.stderr


def test_a_file_that_is_not_a_pdf_is_reported(copy):
    (copy / GROFVUIL).write_bytes(b"<html>not a pdf</html>")
    result = run_formloket("check-pdf", copy)
    assert result.returncode == 1
    assert f"{GROFVUIL}: cannot be read as a PDF" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_widget_outside_a_form_structure_element_fails(copy):
    def untag_first_widget(writer):
        """Its structure element (found through /StructParent and the /ParentTree) becomes a Span."""
        widget = next(a.get_object() for a in writer.pages[0]["/Annots"] if a.get_object()["/Subtype"] == "/Widget")
        numbers = writer._root_object["/StructTreeRoot"]["/ParentTree"].get_object()["/Nums"]
        key = None
        for index in range(0, len(numbers), 2):
            if numbers[index] == widget["/StructParent"]:
                key = index
        numbers[key + 1].get_object()[NameObject("/S")] = NameObject("/Span")

    rewrite(copy / GROFVUIL, untag_first_widget)
    result = run_formloket("check-pdf", copy)
    assert result.returncode == 1
    assert any(
        line.startswith(f"{GROFVUIL}: page 1: field '")
        and line.endswith("is not inside a Form structure element (PDF/UA 7.18.4: every widget must be tagged as Form)")
        for line in result.stdout.splitlines()
    ), result.stdout
