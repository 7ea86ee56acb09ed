"""The e-form HTML: read back with an HTML parser and checked the way a screen reader or a browser
without JavaScript would meet it."""

from __future__ import annotations

import glob
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.pipeline import load_products
from generator.render.form_html import FORM_ASSETS, PdfLink, render_form
from generator.render.form_text import FORM_TEXT
from generator.render.i18n import missing_translations

FIXTURE = Path(__file__).parent / "fixtures" / "form" / "alle-vragen.yaml"
SAMPLES = sorted(glob.glob(str(Path(__file__).parent.parent / "forms" / "*.yaml")))
VOID = {"input", "br", "img", "meta", "link", "hr"}


def load(path):
    result = load_products([str(path)])
    assert not result.has_errors, [str(p) for p in result.problems if p.is_error]
    return result.products[0]


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children, self.text = tag, dict(attrs), parent, [], ""

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def all_text(self):
        return self.text + "".join(c.all_text() for c in self.children)


class Tree(HTMLParser):
    """A small DOM: enough to follow for=, aria-describedby and fieldsets."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {}, None)
        self.current = self.root
        self.elements = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        self.elements.append(element)
        if tag not in VOID:
            self.current = element

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.text += data

    def by_id(self):
        ids = {}
        for e in self.elements:
            if "id" in e.attrs:
                assert e.attrs["id"] not in ids, f"duplicate id {e.attrs['id']}"
                ids[e.attrs["id"]] = e
        return ids

    def find(self, tag=None, **attrs):
        return [e for e in self.elements if (tag is None or e.tag == tag)
                and all(e.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())]


@pytest.fixture(scope="module")
def product():
    return load(FIXTURE)


@pytest.fixture(scope="module")
def html(product):
    return render_form(product, endpoint="https://ontvang.example/inzending", pdf=PdfLink("../alle-vragen.pdf", 84_000), readable_ids=True)


@pytest.fixture(scope="module")
def tree(html):
    return Tree(html)


def test_the_site_gets_short_ids_that_still_tie_every_label_hint_and_why_to_its_control(product, html):
    short = render_form(product, endpoint="https://ontvang.example/inzending", pdf=PdfLink("../alle-vragen.pdf", 84_000))
    assert len(short) < len(html) * 0.9
    readable_tree, short_tree = Tree(html), Tree(short)
    ids = [e.attrs["id"] for e in short_tree.elements if "id" in e.attrs]
    assert len(ids) == len(set(ids)) == len([e for e in readable_tree.elements if "id" in e.attrs])
    assert all(i.startswith(("fl-step-", "fl-error-summary")) or re.fullmatch(r"f[0-9]+", i) for i in ids)
    for e in short_tree.elements:  # every reference names an element on the page
        refs = e.attrs.get("for", "").split() + e.attrs.get("aria-describedby", "").split()
        refs += e.attrs.get("aria-labelledby", "").split()
        if e.attrs.get("href", "").startswith("#"):
            refs.append(e.attrs["href"][1:])
        assert set(refs) <= set(ids), (e.tag, e.attrs)
    # The same page apart from the ids: each control keeps its label, hint and "why" text.
    def described(tree):
        by_id = {e.attrs["id"]: e for e in tree.elements if "id" in e.attrs}
        labels = {e.attrs["for"]: e.all_text() for e in tree.elements if e.tag == "label" and "for" in e.attrs}
        return [(e.attrs.get("name"), e.attrs.get("value"), labels.get(e.attrs.get("id")),
                 [by_id[ref].all_text() for ref in e.attrs.get("aria-describedby", "").split()])
                for e in tree.elements if e.tag in ("input", "select", "textarea", "fieldset")]
    assert described(short_tree) == described(readable_tree)
    unlinked = lambda text: re.sub(r"""\s(id|for|aria-describedby|aria-labelledby)=("[^"]*"|'[^']*'|[^\s>]+)""", "", text)
    assert unlinked(short) == unlinked(html)


def form_controls(tree):
    return [e for e in tree.elements if e.tag in ("input", "select", "textarea") and e.attrs.get("id") != "fl-draft-opt-in"]


def test_fragment_starts_with_the_h1_and_offers_the_pdf(html, tree):
    assert html.startswith('<h1 lang=nl>Alle soorten vragen</h1>')  # quotes only where a value needs them
    link = tree.find("a", href="../alle-vragen.pdf")[0]
    assert link.all_text() == "Download het formulier (PDF, 84 kB)"
    assert "Liever op papier?" in link.parent.all_text()


def test_form_posts_to_the_endpoint_as_multipart_when_it_has_a_file(tree):
    form = tree.find("form")[0]
    assert form.attrs["action"] == "https://ontvang.example/inzending"
    assert form.attrs["method"] == "post"
    assert form.attrs["enctype"] == "multipart/form-data"
    assert "data-fl-form" in form.attrs and "novalidate" not in form.attrs
    assert form.attrs["lang"] == "nl"


def test_form_without_file_posts_urlencoded():
    product = load(Path(SAMPLES[0]).parent / "uittreksel-brp.yaml")
    form = Tree(render_form(product, endpoint="/x", readable_ids=True)).find("form")[0]
    assert form.attrs["enctype"] == "application/x-www-form-urlencoded"


def test_input_names_equal_the_model(product, tree):
    posted = {e.attrs["name"] for e in form_controls(tree)}
    assert posted == set(product.form.input_names())
    assert all("name" in e.attrs for e in form_controls(tree))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: Path(p).stem)
def test_every_sample_renders_with_names_equal_to_the_model(path):
    product = load(path)
    if product.form is None:
        pytest.skip("this product has no form (paper and counter only)")
    tree = Tree(render_form(product, endpoint="/inzenden", readable_ids=True))
    assert {e.attrs["name"] for e in form_controls(tree)} == set(product.form.input_names())
    tree.by_id()  # no duplicate ids


def test_every_input_has_a_label_or_legend(tree):
    ids = tree.by_id()
    labels = {e.attrs["for"] for e in tree.find("label")}
    for control in form_controls(tree):
        assert control.attrs["id"] in labels, control.attrs
        assert ids[control.attrs["id"]] is control


def test_describedby_targets_exist_and_why_is_a_disclosure(tree):
    ids = tree.by_id()
    described = [e for e in tree.elements if "aria-describedby" in e.attrs]
    assert described
    for element in described:
        for target in element.attrs["aria-describedby"].split():
            assert target in ids, (element.attrs, target)
    why = ids["fl-naam-why"]
    assert why.parent.tag == "details"
    summary = [c for c in why.parent.children if c.tag == "summary"][0]
    assert summary.all_text() == "Waarom vragen we dit?"
    assert ids["fl-naam"].attrs["aria-describedby"] == "fl-naam-why"
    assert ids["fl-bsn"].attrs["aria-describedby"] == "fl-bsn-hint fl-bsn-why"


def test_why_states_legal_basis_and_retention_in_plain_words(tree):
    text = tree.by_id()["fl-naam-why"].all_text()
    assert "Waarom mag dit: de wet verplicht ons, op grond van Artikel 2.39 Wet basisregistratie personen." in text
    assert "Hoe lang bewaren we dit: 1 jaar en 6 maanden." in text


@pytest.mark.parametrize("question", ["geboortedatum", "adres", "getrouwd", "soort", "vervoer", "verklaring"])
def test_grouped_questions_are_fieldsets_with_legend_and_describedby(tree, question):
    fieldset = tree.by_id()[f"fl-{question}"]
    assert fieldset.tag == "fieldset"
    assert fieldset.children[0].tag == "legend"
    assert f"fl-{question}-why" in fieldset.attrs["aria-describedby"]


def test_autocomplete_inputmode_and_widths(tree):
    ids = tree.by_id()
    assert [ids[f"fl-geboortedatum-{p}"].attrs["autocomplete"] for p in ("day", "month", "year")] == ["bday-day", "bday-month", "bday-year"]
    assert ids["fl-geboortedatum-year"].attrs["inputmode"] == "numeric"
    assert ids["fl-email"].attrs["type"] == "email" and ids["fl-email"].attrs["autocomplete"] == "email"
    assert ids["fl-telefoon"].attrs["type"] == "tel" and ids["fl-telefoon"].attrs["autocomplete"] == "tel"
    assert ids["fl-adres-postcode"].attrs["autocomplete"] == "postal-code"
    assert ids["fl-adres-street"].attrs["autocomplete"] == "address-line1"
    assert ids["fl-adres-city"].attrs["autocomplete"] == "address-level2"
    assert ids["fl-naam"].attrs["autocomplete"] == "name"
    assert ids["fl-bsn"].attrs["inputmode"] == "numeric" and ids["fl-bsn"].attrs["spellcheck"] == "false"
    assert ids["fl-bsn"].attrs["class"] == "fl-w10"
    assert "inputmode" not in ids["fl-postcode"].attrs  # a postcode has letters
    assert ids["fl-getuigen-1-getuige_naam"].attrs["autocomplete"] == "off"


def test_optional_questions_say_so_and_required_ones_have_no_asterisk(html, tree):
    label = tree.find("label", **{"for": "fl-telefoon"})[0]
    assert label.all_text() == "Telefoonnummer (niet verplicht)"
    assert "*" not in html


def test_without_javascript_native_required_only_where_it_always_applies(tree):
    ids = tree.by_id()
    assert "required" in ids["fl-naam"].attrs
    assert "required" not in ids["fl-telefoon"].attrs  # optional
    assert "required" not in ids["fl-partner_naam"].attrs  # only when married
    assert "required" in ids["fl-getuigen-1-getuige_naam"].attrs
    assert "required" not in ids["fl-getuigen-2-getuige_naam"].attrs  # slot beyond min


def test_conditions_are_data_on_names_and_words_for_people(tree):
    wrapper = tree.find(data_fl_question="partner_naam")[0]
    assert json.loads(wrapper.attrs["data-fl-show-if"]) == {"field": "getrouwd", "equals": "ja"}
    assert "Alleen invullen als u bij 'Bent u getrouwd?' 'Ja' hebt gekozen." in wrapper.all_text()
    iban = tree.find(data_fl_question="iban")[0]
    assert json.loads(iban.attrs["data-fl-show-if"]) == {"field": "vervoer-auto", "equals": "ja"}
    # A later repeat slot's wrapper carries only its condition (on its own slot's names); form.js
    # copies the rest of the question data from slot 1.
    relatie = [e for e in tree.elements if "getuigen-2-familie" in e.attrs.get("data-fl-show-if", "")]
    assert [json.loads(e.attrs["data-fl-show-if"]) for e in relatie] == [{"field": "getuigen-2-familie", "equals": "ja"}]
    assert "data-fl-question" not in relatie[0].attrs
    content = [e for e in tree.find("div") if e.attrs.get("class") == "fl-content"][0]
    assert json.loads(content.attrs["data-fl-show-if"]) == {"field": "aantal", "answered": True}
    assert "Dit geldt alleen als u 'Aantal personen' hebt ingevuld." in content.all_text()


def test_steps_repeat_slots_and_final_section(tree):
    steps = [e.attrs["data-fl-step"] for e in tree.find("section") if "data-fl-step" in e.attrs]
    assert steps == ["over_u", "details", "getuigen"]  # form.js adds "controleren" (check your answers)
    repeat = tree.find("fieldset", data_fl_repeat="getuigen")[0]
    assert (repeat.attrs["data-fl-min"], repeat.attrs["data-fl-max"]) == ("1", "3")
    items = [e for e in tree.elements if "data-fl-repeat-item" in e.attrs]
    assert [i.children[0].all_text() for i in items] == ["Getuige 1", "Getuige 2 (niet verplicht)", "Getuige 3 (niet verplicht)"]
    # The declaration page comes after check-your-answers, with the submit button.
    final = [e for e in tree.elements if "data-fl-final" in e.attrs][0]
    declaration = tree.by_id()["fl-verklaring-input"]
    submit = tree.find("button", type="submit")[0]
    assert "data-fl-submit" in submit.attrs
    assert final in list(declaration.ancestors()) and final in list(submit.ancestors())


def test_js_only_parts_are_not_in_the_page_without_javascript(tree):
    # Step buttons, check your answers, "add another"/"remove" and the draft only work with form.js,
    # so form.js builds them: a browser without it never shows a button that does nothing.
    for element in tree.elements:
        assert not any(k in element.attrs for k in ("data-fl-draft", "data-fl-step-nav", "data-fl-next", "data-fl-prev",
                                                    "data-fl-repeat-add", "data-fl-repeat-remove", "data-fl-check-answers"))
        assert element.attrs.get("type") != "button", element.attrs
    [summary] = [e for e in tree.elements if "data-fl-error-summary" in e.attrs]
    assert "hidden" in summary.attrs  # filled and shown by form.js
    assert tree.find("input", id="fl-draft-opt-in") == []
    assert [e.attrs["type"] for e in tree.find("button")] == ["submit"]


def test_definition_strings_are_escaped_and_markdown_is_sanitised(html):
    assert "<script" not in html
    assert '&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;' in html  # the label, shown as text
    assert "javascript:" not in html
    assert "onerror" not in html.replace("onerror=alert(1)&gt;", "")  # escaped text is harmless
    assert "<img" not in html and "onclick" not in html
    assert "<strong>5 minuten</strong>" in html and "<em>gasten</em>" in html


def test_no_inline_script_style_or_event_handlers(tree):
    for element in tree.elements:
        assert element.tag != "script"
        assert "style" not in element.attrs
        assert not any(name.startswith("on") for name in element.attrs), element.attrs


def test_messages_for_the_script_keep_their_placeholders(tree):
    messages = json.loads(tree.find("form")[0].attrs["data-fl-messages"])
    assert messages["msg_required"] == "Vul '{label}' in"
    assert messages["step_of"] == "Stap {n} van {total}"


def test_english_product_gets_english_interface_and_lang(tmp_path):
    text = FIXTURE.read_text().replace("department: Burgerzaken", "department: Burgerzaken\nlang: en")
    path = tmp_path / "alle-vragen.yaml"
    path.write_text(text)
    html = render_form(load(path), endpoint="/x", pdf=PdfLink("../a.pdf", 1_200_000), readable_ids=True)
    assert html.startswith('<h1 lang=en>')
    assert Tree(html).find("form")[0].attrs["lang"] == "en"
    assert "Why do we ask this?" in html and "Waarom vragen we dit?" not in html
    assert "Download the form (PDF, 1.2 MB)" in html
    assert Tree(html).find("label", **{"for": "fl-telefoon"})[0].all_text() == "Telefoonnummer (optional)"
    assert json.loads(Tree(html).find("form")[0].attrs["data-fl-messages"])["msg_required"] == "Enter '{label}'"


def test_every_interface_text_exists_in_both_languages():
    assert missing_translations(FORM_TEXT) == set()


def test_assets_are_the_static_files():
    static = Path(__file__).parent.parent / "generator" / "static"
    assert FORM_ASSETS == ("assets/form.css", "assets/form.js")
    for asset in FORM_ASSETS:
        assert (static / Path(asset).name).is_file()


# --- component examples ---------------------------------------------------------------------------

COMPONENTS = Path(__file__).parent.parent / "generator" / "templates" / "components"


def test_every_component_has_a_template_and_examples():
    folders = [f for f in COMPONENTS.iterdir() if f.is_dir()]
    assert len(folders) >= 12
    for folder in folders:
        assert (folder / "template.html").is_file(), folder.name
        assert (folder / "examples.yaml").is_file(), folder.name


def test_component_examples_are_valid_definitions():
    from jsonschema import Draft202012Validator

    from generator.render.form_html import examples_definition

    schema = json.loads((Path(__file__).parent.parent / "schemas" / "product.schema.json").read_text())
    errors = [e.message for e in Draft202012Validator(schema).iter_errors(examples_definition())]
    assert errors == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_component_examples_render_with_names_labels_and_describedby(lang):
    from generator.render.form_html import component_examples, examples_product

    product = examples_product(lang)
    tree = Tree(render_form(product, endpoint="/x", readable_ids=True))
    ids = tree.by_id()
    assert {e.attrs["name"] for e in form_controls(tree)} == set(product.form.input_names())
    labels = {e.attrs["for"] for e in tree.find("label")}
    assert all(c.attrs["id"] in labels for c in form_controls(tree))
    for element in tree.elements:
        for target in element.attrs.get("aria-describedby", "").split():
            assert target in ids
    assert {c for c, _, _ in component_examples()} == {f.name for f in COMPONENTS.iterdir() if f.is_dir()}


def test_script_messages_cover_every_question_type():
    from generator.model import CONTAINER_TYPES, CONTENT_TYPES
    from generator.render.form_html import TYPE_MESSAGES

    schema = json.loads((Path(__file__).parent.parent / "schemas" / "product.schema.json").read_text())
    types = set(schema["$defs"]["field"]["properties"]["type"]["enum"]) - CONTAINER_TYPES - CONTENT_TYPES
    assert set(TYPE_MESSAGES) == types
    assert all(k in FORM_TEXT["nl"] for keys in TYPE_MESSAGES.values() for k in keys)


def test_quotes_in_help_text_stay_as_written(tmp_path):
    # Markdown keeps quotes in text; dropping "needless" quotes must touch attributes only.
    text = FIXTURE.read_text().replace(
        "why: Om u te vinden in de BRP.",
        """why: 'Vul in zoals code="1234" of id=''fl-x'' en for="fl-naam" staat.'""")
    path = tmp_path / "alle-vragen.yaml"
    path.write_text(text)
    for readable in (True, False):
        html = render_form(load(path), endpoint="/x", readable_ids=readable)
        assert """Vul in zoals code="1234" of id='fl-x' en for="fl-naam" staat.""" in html
