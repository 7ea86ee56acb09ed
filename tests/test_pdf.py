"""The PDF fallback read back as a user's PDF reader sees it: field names, kinds and tooltips, the
text on the pages, page 1 drawn by poppler, the size, and a rebuild that renders nothing."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import REPO_ROOT
from generator.pipeline import load_products
from generator.render.pdf import build_pdfs, pdf_fields

PDF_FIXTURE = Path(__file__).parent / "fixtures" / "pdf" / "huwelijk-test.yaml"
SAMPLES = ["asverstrooiing", "grofvuil-ophalen", "melding-voorgenomen-huwelijk"]
RADIO_FLAG = 1 << 15


@pytest.fixture(scope="module")
def products():
    result = load_products([str(PDF_FIXTURE), *(str(REPO_ROOT / "forms" / f"{name}.yaml") for name in SAMPLES)])
    assert not result.has_errors, result.problems
    return {product.id: product for product in result.products}


@pytest.fixture(scope="module")
def built(products, tmp_path_factory):
    root = tmp_path_factory.mktemp("pdf")
    infos = build_pdfs(list(products.values()), root / "site", cache_dir=root / "cache", jobs=2)
    return root, infos


def reader(built, product_id: str) -> PdfReader:
    return PdfReader(built[1][product_id].path)


def fields_of(pdf: PdfReader) -> dict[str, dict]:
    return {name: field for name, field in pdf.get_fields().items()}


def expected_names(product) -> set[str]:
    """Form.input_names() minus the file inputs (a file cannot be attached to paper)."""
    files = set()

    def visit(entry, prefix):
        if entry.type == "file":
            files.update(entry.input_names(prefix))
        elif entry.type == "repeat":
            for number in range(1, (entry.max or 0) + 1):
                for child in entry.fields:
                    visit(child, f"{prefix}{entry.id}-{number}-")
        else:
            for child in entry.fields:
                visit(child, prefix)

    for page in product.form.pages:
        for entry in page.fields:
            visit(entry, "")
    return set(product.form.input_names()) - files


def page_text(pdf: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in pdf.pages)


def test_every_product_with_a_form_gets_a_pdf_in_the_site_layout(built, products):
    root, infos = built
    assert set(infos) == set(products)
    for product_id, info in infos.items():
        assert info.path == root / "site" / "producten" / product_id / f"{product_id}.pdf"
        assert info.size_bytes == info.path.stat().st_size
        assert not info.from_cache


def test_a_product_kept_on_paper_still_gets_a_pdf(built, products):
    assert not products["asverstrooiing"].has_eform
    assert built[1]["asverstrooiing"].path.is_file()


@pytest.mark.parametrize("product_id", ["huwelijk-test", *SAMPLES])
def test_field_names_equal_the_e_form_inputs_without_files(built, products, product_id):
    names = set(fields_of(reader(built, product_id)))
    assert names == expected_names(products[product_id])


def test_repeating_groups_get_a_numbered_slot_up_to_their_maximum(built):
    names = set(fields_of(reader(built, "huwelijk-test")))
    assert {f"getuigen-{n}-{part}" for n in (1, 2, 3) for part in ("getuige_naam", "bsn")} <= names
    assert not any(name.startswith("getuigen-4-") for name in names)


def test_field_kinds_text_checkbox_and_radio(built):
    fields = fields_of(reader(built, "huwelijk-test"))
    for name in ("naam", "geboortedatum-day", "geboortedatum-month", "geboortedatum-year", "adres-postcode", "opmerking"):
        assert fields[name]["/FT"] == "/Tx", name
    for name in ("wensen-tolk", "wensen-trouwboekje", "verklaring"):
        assert fields[name]["/FT"] == "/Btn", name
        assert not int(fields[name].get("/Ff", 0)) & RADIO_FLAG, name
        assert "/ja" in fields[name]["/_States_"], name  # ticked, it exports what the e-form posts
    for name, values in {"eerder_getrouwd": {"/ja", "/nee"}, "soort": {"/huwelijk", "/partnerschap"},
                         "locatie": {"/stadhuis", "/kasteel", "/strand"}}.items():
        assert fields[name]["/FT"] == "/Btn", name
        assert int(fields[name]["/Ff"]) & RADIO_FLAG, name
        assert set(fields[name]["/_States_"]) - {"/Off"} == values, name


def test_every_tooltip_is_taken_from_the_label(built, products):
    fields = fields_of(reader(built, "huwelijk-test"))
    assert fields["naam"]["/TU"] == "Wat is uw volledige naam?"
    assert fields["geboortedatum-day"]["/TU"] == "Wat is uw geboortedatum? – Dag"
    assert fields["eerder_getrouwd"]["/TU"] == "Bent u eerder getrouwd geweest?"
    assert fields["wensen-tolk"]["/TU"] == "Wat wilt u regelen? – Een tolk"
    assert fields["getuigen-2-getuige_naam"]["/TU"] == "Getuige 2 – Naam van de getuige"
    assert fields["verklaring"]["/TU"] == "Ik verklaar dat ik dit formulier naar waarheid heb ingevuld."
    expected = {field.name: field.tooltip for field in pdf_fields(products["huwelijk-test"])}
    assert {name: field["/TU"] for name, field in fields.items()} == expected


def test_the_pages_say_how_to_send_it_why_we_ask_and_which_version(built, products):
    product = products["huwelijk-test"]
    pdf = reader(built, "huwelijk-test")
    text = re.sub(r"\s+", " ", page_text(pdf))
    assert product.title in text
    assert "Antwoordnummer 1234" in text
    assert "Kopie van het paspoort of de identiteitskaart van u en uw partner" in text
    # a file question becomes "send it along", in the list only for the people it applies to
    assert ("Akte van echtscheiding (alleen als u bij 'Bent u eerder getrouwd geweest?' Ja hebt gekozen)"
            in text)
    assert "Waarom vragen we dit? Een eerder huwelijk moet ontbonden zijn" in text
    assert "Alleen invullen als u bij 'Bent u eerder getrouwd geweest?' Ja hebt gekozen." in text
    assert "Handtekening" in text
    pages = len(pdf.pages)
    for number in range(1, pages + 1):
        page = re.sub(r"\s+", " ", pdf.pages[number - 1].extract_text())
        assert f"pagina {number} van {pages}" in page
        assert f"Versie {product.version}" in page
    assert pdf.metadata.title == product.title


def pgm_pixels(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and grey values of a binary PGM (P5) as pdftoppm writes it."""
    tokens: list[bytes] = []
    position = 0
    while len(tokens) < 4:  # magic, width, height, maxval; '#' starts a comment
        while data[position:position + 1].isspace():
            position += 1
        if data[position:position + 1] == b"#":
            position = data.index(b"\n", position) + 1
            continue
        end = position
        while not data[end:end + 1].isspace():
            end += 1
        tokens.append(data[position:end])
        position = end
    assert tokens[0] == b"P5" and int(tokens[3]) < 256
    width, height = int(tokens[1]), int(tokens[2])
    pixels = data[position + 1:position + 1 + width * height]
    assert len(pixels) == width * height
    return width, height, pixels


def test_page_one_is_drawn_and_not_blank(built, tmp_path):
    assert shutil.which("pdftoppm"), "pdftoppm is missing: install poppler-utils (bash .ci/install --test)"
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "40", "-f", "1", "-l", "1", str(built[1]["huwelijk-test"].path), str(tmp_path / "p")],
        check=True, timeout=60,
    )
    (image,) = tmp_path.glob("p*.pgm")
    width, height, pixels = pgm_pixels(image.read_bytes())
    assert (width, height) == (331, 468)  # A4 at 40 dpi: 210 x 297 mm
    dark = sum(1 for value in pixels if value < 128)
    assert dark > 0.01 * width * height  # text, boxes and lines, not an empty page


def test_a_typical_pdf_is_at_most_100_kb(built):
    sizes = sorted(info.size_bytes for info in built[1].values())
    assert sizes[len(sizes) // 2] <= 100 * 1024, sizes


def test_a_rebuild_without_changes_renders_nothing(built, products):
    root, first = built
    cached = sorted(p.name for p in (root / "cache").glob("*.pdf"))
    again = build_pdfs(list(products.values()), root / "site2", cache_dir=root / "cache", jobs=2)
    assert all(info.from_cache for info in again.values())
    assert sorted(p.name for p in (root / "cache").glob("*.pdf")) == cached
    for product_id, info in again.items():
        assert info.path.read_bytes() == first[product_id].path.read_bytes()


def test_progress_is_reported_per_pdf(products, tmp_path):
    seen = []
    build_pdfs([products["grofvuil-ophalen"]], tmp_path / "site", cache_dir=tmp_path / "cache", jobs=1,
               progress=lambda done, total, product_id: seen.append((done, total, product_id)))
    assert seen == [(1, 1, "grofvuil-ophalen")]


def test_a_date_example_fits_the_range_of_the_date(built):
    from datetime import date

    text = re.sub(r"\s+", " ", page_text(reader(built, "asverstrooiing")))
    future = text.split("Op welke datum wilt u de as verstrooien?")[1].split("Waarom vragen we dit?")[0]
    assert f"Bijvoorbeeld 15 6 {date.today().year + 1}" in future
    assert "1985" not in future
    past = re.sub(r"\s+", " ", page_text(reader(built, "huwelijk-test")))
    assert "Wat is uw geboortedatum? Bijvoorbeeld 27 3 1985" in past


def test_no_example_of_ours_when_the_author_gave_one(built):
    text = re.sub(r"\s+", " ", page_text(reader(built, "melding-voorgenomen-huwelijk")))
    assert "Bijvoorbeeld 12 6 2026." in text
    assert "Bijvoorbeeld 12 6 2026. Bijvoorbeeld" not in text


def test_a_long_build_reports_progress_now_and_then():
    from generator.render.pdf import throttled_progress

    lines = []
    progress = throttled_progress(lines.append, interval=3600)
    for done in range(1, 501):
        progress(done, 500, f"p{done}")
    assert lines == ["PDFs: 500/500"]
    lines.clear()
    progress = throttled_progress(lines.append, interval=0)
    progress(1, 2, "a")
    progress(2, 2, "b")
    assert lines == ["PDFs: 1/2", "PDFs: 2/2"]
