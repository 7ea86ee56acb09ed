"""``formloket build`` as a user runs it: real YAML in, a site out, and a failed build changes nothing."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from conftest import REPO_ROOT, run_formloket
from generator.model import ROLE_ORDER
from generator.pipeline import load_products
from generator.render.catalogue import question_label

FIXTURES = Path(__file__).parent / "fixtures" / "catalogue"
ENDPOINT = "https://formulieren.voorbeeldstad.nl/inzendingen"


def make_project(root: Path, *, endpoint: str | None = ENDPOINT, pdf: bool = False, forms: list[Path] | None = None,
                 extra_plugin_lines: str = "") -> Path:
    """A project folder like the repository's: forms/, docs/ and a mkdocs.yml with our plugin and theme."""
    (root / "forms").mkdir(parents=True)
    (root / "docs").mkdir()
    sources = forms if forms is not None else [*sorted((REPO_ROOT / "forms").glob("*.yaml")), *sorted(FIXTURES.glob("*.yaml"))]
    for source in sources:
        shutil.copy(source, root / "forms" / source.name)
    endpoint_line = f"      endpoint: {endpoint}\n" if endpoint else ""
    (root / "mkdocs.yml").write_text(
        "site_name: Gemeente Voorbeeldstad – Producten en diensten\n"
        "docs_dir: docs\n"
        "theme:\n  name: formloket\n"
        "plugins:\n  - formloket:\n      forms_dir: forms\n"
        f"{endpoint_line}      pdf: {'true' if pdf else 'false'}\n{extra_plugin_lines}"
        "extra:\n  organisation: Gemeente Voorbeeldstad\n  contact:\n    phone: 14 0123\n",
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """One site built from the samples plus the fixtures; the tests below only read it."""
    project = make_project(tmp_path_factory.mktemp("build") / "project")
    result = run_formloket("build", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture(scope="module")
def products(built):
    result = load_products([str(built / "forms")])
    assert not result.has_errors
    return {p.id: p for p in result.products}


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside each <script>/<style>."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(page: Path) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.tags


# --- what is built ---------------------------------------------------------------------------------

def test_every_page_of_the_site_layout_is_built(built, products):
    site = built / "site"
    assert (site / "index.html").is_file()
    assert (site / "404.html").is_file()
    assert (site / "toegankelijkheid" / "index.html").is_file()
    assert (site / "levensgebeurtenissen" / "verhuizen" / "index.html").is_file()
    for product in products.values():
        folder = site / "producten" / product.id
        assert (folder / "index.html").is_file(), product.id
        if product.has_eform:
            assert (folder / "formulier" / "index.html").is_file(), product.id
            schema = json.loads((folder / "inzending.schema.json").read_text(encoding="utf-8"))
            jsonschema.Draft202012Validator.check_schema(schema)
    assert not list(built.glob(".site-*")), "no temporary folder is left beside site/"


def test_home_lists_every_product_with_a_link(built, products):
    home = (built / "site" / "index.html").read_text(encoding="utf-8")
    for product in products.values():
        assert f'href="producten/{product.id}/"' in home


def test_a_life_event_page_lists_exactly_the_products_of_that_event(built, products):
    page = (built / "site" / "levensgebeurtenissen" / "verhuizen" / "index.html").read_text(encoding="utf-8")
    linked = set(re.findall(r'href="\.\./\.\./producten/([a-z0-9-]+)/"', page))
    assert linked == {p.id for p in products.values() if "verhuizen" in p.life_events}


def test_channels_are_shown_preferred_first_with_their_role(built, products):
    for product in products.values():
        page = (built / "site" / "producten" / product.id / "index.html").read_text(encoding="utf-8")
        roles = re.findall(r'<li class="fl-channel fl-channel--([a-z]+)"', page)
        assert roles == [c.role for c in product.channels_in_order()], product.id
        assert roles == sorted(roles, key=ROLE_ORDER.get)
        assert "Hoe regelt u dit?" in page or "How do you arrange this?" in page


def test_fee_per_channel_is_shown_in_euros(built):
    page = (built / "site" / "producten" / "uittreksel-brp" / "index.html").read_text(encoding="utf-8")
    assert "€ 12,95" in page


def test_why_we_ask_lists_every_question_of_the_form(built, products):
    from markupsafe import escape

    for product in products.values():
        if not product.form:
            continue
        page = (built / "site" / "producten" / product.id / "index.html").read_text(encoding="utf-8")
        section = page.split('id="waarom-vragen-we-dit"', 1)[1]
        for field in product.form.questions():
            assert str(escape(question_label(field))) in section, (product.id, field.id)
        assert section.count('class="fl-why__item"') == len(product.form.questions())


def test_retention_and_legal_basis_are_in_plain_words(built):
    page = (built / "site" / "producten" / "grofvuil-ophalen" / "index.html").read_text(encoding="utf-8")
    assert "1 jaar na afloop van uw aanvraag" in page
    assert "Publieke taak" in page
    assert "Basisregistratie Personen (BRP)" in page


def test_markup_in_a_definition_is_shown_as_text_or_dropped(built):
    page = (built / "site" / "producten" / "script-in-title" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Grofvuil &lt;script&gt;alert(1)&lt;/script&gt; ophalen</h1>" in page
    assert "&lt;b&gt;Vet&lt;/b&gt; &amp; &lt;i&gt;schuin&lt;/i&gt;" in page
    for attack in ("alert(2)", "javascript:", "onerror", "<img"):
        assert attack not in page
    assert "<strong>Let op</strong>" in page  # the allow-listed Markdown still works
    for other in html_pages(built / "site"):
        assert "<script>alert" not in other.read_text(encoding="utf-8"), other


def test_page_language_follows_the_definition(built):
    site = built / "site"
    assert '<html lang="en">' in (site / "producten" / "bulky-waste-collection" / "index.html").read_text(encoding="utf-8")
    english = (site / "producten" / "bulky-waste-collection" / "index.html").read_text(encoding="utf-8")
    assert "How do you arrange this?" in english and "Why do we ask this?" in english
    assert '<html lang="nl">' in (site / "index.html").read_text(encoding="utf-8")


def test_every_page_has_a_strict_content_security_policy(built):
    csp = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
    for page in html_pages(built / "site"):
        found = csp.findall(page.read_text(encoding="utf-8"))
        assert len(found) == 1, page
        policy = found[0]
        assert "default-src 'self'" in policy and "script-src 'self';" in policy and "style-src 'self';" in policy
        assert "unsafe-inline" not in policy and "object-src 'none'" in policy and "base-uri 'self'" in policy


def test_form_pages_may_post_to_the_endpoint_origin_only(built):
    page = (built / "site" / "producten" / "grofvuil-ophalen" / "formulier" / "index.html").read_text(encoding="utf-8")
    assert "form-action 'self' https://formulieren.voorbeeldstad.nl;" in page
    assert f'action="{ENDPOINT}"' in page


def test_no_inline_script_or_style_and_no_third_party_assets(built):
    for page in html_pages(built / "site"):
        text = page.read_text(encoding="utf-8")
        assert "<style" not in text, page
        for tag, attrs in tags_of(page):
            assert "style" not in attrs, (page, tag)
            assert not any(name.startswith("on") for name in attrs), (page, tag, attrs)
            if tag == "script":
                assert attrs.get("src"), f"inline script in {page}"
            for name in ("src",) if tag in ("script", "img", "iframe") else ("href",) if tag == "link" else ():
                assert not re.match(r"^(https?:)?//", attrs.get(name, "")), (page, tag, attrs)


def test_only_the_home_page_loads_the_catalogue_script_and_no_page_a_search_index(built):
    site = built / "site"
    assert not list(site.rglob("search_index.json"))
    assert 'src="assets/catalogue.js"' in (site / "index.html").read_text(encoding="utf-8")
    form = (site / "producten" / "grofvuil-ophalen" / "formulier" / "index.html").read_text(encoding="utf-8")
    assert "catalogue.js" not in form and "search" not in re.findall(r'<script src="([^"]+)"', form)


def test_product_page_links_to_the_form(built):
    page = (built / "site" / "producten" / "grofvuil-ophalen" / "index.html").read_text(encoding="utf-8")
    assert '<a class="fl-button fl-button--start" href="formulier/">Start het formulier' in page


def test_a_product_kept_on_paper_gets_its_pdf_route_but_no_e_form(built, products):
    """asverstrooiing has a form but no online-form channel: paper, e-mail and counter only."""
    assert not products["asverstrooiing"].has_eform
    folder = built / "site" / "producten" / "asverstrooiing"
    assert (folder / "index.html").is_file()
    assert not (folder / "formulier").exists()
    assert 'href="formulier/"' not in (folder / "index.html").read_text(encoding="utf-8")


def test_the_page_leads_with_start_only_when_the_e_form_is_the_advised_route(built):
    """Wmo starts with a conversation (phone is preferred): the e-form is offered among the channels,
    not as the first thing on the page."""
    page = (built / "site" / "producten" / "wmo-ondersteuning" / "index.html").read_text(encoding="utf-8")
    assert "fl-button--start" not in page
    assert 'href="formulier/"' in page


# --- failures leave the previous site as it was ----------------------------------------------------

def first_build(tmp_path: Path, **options) -> tuple[Path, bytes, int]:
    project = make_project(tmp_path / "project", **options)
    result = run_formloket("build", cwd=project)
    assert result.returncode == 0, result.stderr
    home = project / "site" / "index.html"
    return project, home.read_bytes(), home.stat().st_mtime_ns


def assert_site_unchanged(project: Path, content: bytes, mtime: int) -> None:
    home = project / "site" / "index.html"
    assert home.read_bytes() == content and home.stat().st_mtime_ns == mtime
    assert not list(project.glob(".site-*")), "the temporary build folder is removed"


def test_invalid_definition_fails_with_the_messages_of_validate_and_keeps_the_old_site(tmp_path):
    project, content, mtime = first_build(tmp_path, forms=[REPO_ROOT / "forms" / "grofvuil-ophalen.yaml",
                                                            REPO_ROOT / "forms" / "uittreksel-brp.yaml"])
    broken = project / "forms" / "grofvuil-ophalen.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("role: preferred", "role: favourite"), encoding="utf-8")

    built = run_formloket("build", cwd=project)
    validated = run_formloket("validate", "forms", cwd=project)

    assert built.returncode == 1
    assert "Traceback" not in built.stderr
    assert built.stdout == validated.stdout
    assert built.stdout.startswith("forms/grofvuil-ophalen.yaml:")
    assert "channels[0].role" in built.stdout
    assert "site not built; site is unchanged" in built.stderr
    assert_site_unchanged(project, content, mtime)


def test_no_endpoint_warns_and_strict_fails_without_touching_the_site(tmp_path):
    project, content, mtime = first_build(tmp_path, endpoint=None, forms=[REPO_ROOT / "forms" / "grofvuil-ophalen.yaml"])
    message = "no endpoint configured: forms will post nowhere; set plugins.formloket.endpoint in mkdocs.yml"

    relaxed = run_formloket("build", cwd=project)
    assert relaxed.returncode == 0 and message in relaxed.stderr
    # The citizen is told, and sent to the other channels; the form has nowhere to post and no button.
    form = (project / "site" / "producten" / "grofvuil-ophalen" / "formulier" / "index.html").read_text(encoding="utf-8")
    notice = ('<p class=fl-notice>Dit formulier kan nog niet online worden verstuurd. Op de pagina '
              '<a href="../">Grofvuil laten ophalen</a> leest u hoe u het op een andere manier regelt, bijvoorbeeld op papier of aan de balie.</p>')
    assert notice in form
    assert "<form " in form and " action=" not in form and "data-fl-submit" not in form
    content, mtime = (project / "site" / "index.html").read_bytes(), (project / "site" / "index.html").stat().st_mtime_ns

    strict = run_formloket("build", "--strict", cwd=project)
    assert strict.returncode == 1
    assert message in strict.stderr and "strict mode" in strict.stderr
    assert "Traceback" not in strict.stderr
    assert_site_unchanged(project, content, mtime)


def test_an_e_form_page_over_the_weight_budget_warns_and_strict_fails(tmp_path):
    # 8 people moving along keep verhuizing-doorgeven just under 50 kB; 12 put it over.
    source = (REPO_ROOT / "forms" / "verhuizing-doorgeven.yaml").read_text(encoding="utf-8")
    assert "max: 8\n" in source
    heavy = tmp_path / "verhuizing-doorgeven.yaml"
    heavy.write_text(source.replace("max: 8\n", "max: 12\n", 1), encoding="utf-8")
    light = make_project(tmp_path / "light", forms=[REPO_ROOT / "forms" / "verhuizing-doorgeven.yaml"])
    assert "weighs" not in run_formloket("build", cwd=light).stderr

    project = make_project(tmp_path / "heavy", forms=[heavy])
    relaxed = run_formloket("build", cwd=project)
    assert relaxed.returncode == 0, relaxed.stderr
    warning = re.search(r"WARNING: formloket: producten/verhuizing-doorgeven/formulier/index.html: the e-form page weighs "
                        r"(\d+\.\d) kB with its CSS and JavaScript, more than the 50 kB a form page may weigh "
                        r"to load quickly on a slow phone; a lower max on a repeating group, or shorter texts, "
                        r"make it lighter \(forms/verhuizing-doorgeven.yaml\)", relaxed.stderr)
    assert warning, relaxed.stderr
    # the figure is the page as published: its HTML and the CSS and JS it links
    site = project / "site"
    page = site / "producten" / "verhuizing-doorgeven" / "formulier" / "index.html"
    linked = re.findall(r'(?:href|src)="\.\./\.\./\.\./(assets/[\w.]+)"', page.read_text(encoding="utf-8"))
    assert len(linked) == 3
    expected = page.stat().st_size + sum((site / uri).stat().st_size for uri in linked)
    assert float(warning.group(1)) == round(expected / 1000, 1)

    content, mtime = (site / "index.html").read_bytes(), (site / "index.html").stat().st_mtime_ns
    strict = run_formloket("build", "--strict", cwd=project)
    assert strict.returncode == 1 and "weighs" in strict.stderr and "strict mode" in strict.stderr
    assert "Traceback" not in strict.stderr
    assert_site_unchanged(project, content, mtime)


def test_a_product_endpoint_overrides_the_site_wide_one(tmp_path):
    source = (REPO_ROOT / "forms" / "grofvuil-ophalen.yaml").read_text(encoding="utf-8")
    own = tmp_path / "grofvuil-ophalen.yaml"
    own.write_text(source.replace("form:\n", "form:\n  endpoint: https://afval.example.nl/grofvuil\n", 1), encoding="utf-8")
    project = make_project(tmp_path / "project", endpoint=None, forms=[own])
    result = run_formloket("build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "producten" / "grofvuil-ophalen" / "formulier" / "index.html").read_text(encoding="utf-8")
    assert 'action="https://afval.example.nl/grofvuil"' in page
    assert "form-action 'self' https://afval.example.nl;" in page


def test_missing_config_file_is_exit_2_with_a_message(tmp_path):
    result = run_formloket("build", "--config", "nergens.yml", cwd=tmp_path)
    assert result.returncode == 2
    assert "nergens.yml" in result.stderr and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_plugin_option_is_exit_2_with_a_message(tmp_path):
    project = make_project(tmp_path / "project", forms=[REPO_ROOT / "forms" / "grofvuil-ophalen.yaml"],
                           extra_plugin_lines="      endpont: https://typo.example.nl\n")
    result = run_formloket("build", "--strict", cwd=project)
    assert result.returncode == 2, result.stderr
    assert "endpont" in result.stderr and "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_missing_upl_list_is_a_located_message_not_a_traceback(tmp_path):
    project = make_project(tmp_path / "project", forms=[REPO_ROOT / "forms" / "grofvuil-ophalen.yaml"],
                           extra_plugin_lines="      upl_list: ontbreekt/upl.json\n")
    result = run_formloket("build", cwd=project)
    assert result.returncode == 1
    assert result.stdout.startswith("ontbreekt/upl.json")
    assert "Traceback" not in result.stdout + result.stderr


def test_site_dir_option_builds_elsewhere(tmp_path):
    project = make_project(tmp_path / "project", forms=[REPO_ROOT / "forms" / "grofvuil-ophalen.yaml"])
    result = run_formloket("build", "--site-dir", "public", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "public" / "producten" / "grofvuil-ophalen" / "index.html").is_file()
    assert not (project / "site").exists()


def test_pdf_is_linked_with_its_size(tmp_path):
    project = make_project(tmp_path / "project", pdf=True, forms=[REPO_ROOT / "forms" / "grofvuil-ophalen.yaml"])
    result = run_formloket("build", cwd=project)
    assert result.returncode == 0, result.stderr
    pdf = project / "site" / "producten" / "grofvuil-ophalen" / "grofvuil-ophalen.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    page = (project / "site" / "producten" / "grofvuil-ophalen" / "index.html").read_text(encoding="utf-8")
    size = max(1, round(pdf.stat().st_size / 1000))
    assert f'href="grofvuil-ophalen.pdf"' in page
    assert f"Liever op papier? Download het formulier (PDF, {size} kB)" in page


def test_a_large_site_is_rendered_by_worker_processes_completely(tmp_path):
    """Above PARALLEL_FROM pages the plugin renders in forked workers; every page must still arrive."""
    import sys

    sys.path.insert(0, str(REPO_ROOT))
    from benchmarks.synthetic import write_products

    paths = write_products(tmp_path / "synthetic", n=30, fields=8, seed=1)
    project = make_project(tmp_path / "project", forms=[Path(p) for p in paths])
    result = run_formloket("build", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    loaded = load_products([str(project / "forms")])
    from markupsafe import escape

    for product in loaded.products:
        page = (project / "site" / "producten" / product.id / "index.html").read_text(encoding="utf-8")
        assert f"<h1>{escape(product.title)}</h1>" in page
        form = (project / "site" / "producten" / product.id / "formulier" / "index.html").read_text(encoding="utf-8")
        assert f'action="{ENDPOINT}"' in form
        json.loads((project / "site" / "producten" / product.id / "inzending.schema.json").read_text(encoding="utf-8"))


def test_the_repository_builds_with_its_own_mkdocs_yml(tmp_path):
    """What README's build command does, into a temp folder; the authoring guide in docs/ is not published."""
    result = run_formloket("build", "--site-dir", str(tmp_path / "site"), cwd=REPO_ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    assert (site / "index.html").is_file()
    assert not list(site.rglob("authoring-guide*"))
    for definition in (REPO_ROOT / "forms").glob("*.yaml"):
        assert (site / "producten" / definition.stem / "index.html").is_file(), definition.stem


def test_clean_forgets_cached_pdfs(tmp_path):
    project = make_project(tmp_path / "project", forms=[REPO_ROOT / "forms" / "grofvuil-ophalen.yaml"])
    marker = project / ".cache" / "formloket" / "stale.pdf"
    marker.parent.mkdir(parents=True)
    marker.write_bytes(b"%PDF stale")
    assert run_formloket("build", cwd=project).returncode == 0
    assert marker.exists(), "a normal build keeps the cache"
    assert run_formloket("build", "--clean", cwd=project).returncode == 0
    assert not marker.exists()
