"""The e-form's markup is written compactly as it renders (generator/render/compact_markup.py):
quotes only where a value needs them, short ids, and the templates rewritten once as Jinja loads
them. What a browser reads must not change: same values, same references between ids."""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser

import pytest
from markupsafe import Markup

from conftest import REPO_ROOT

from generator.render.compact_markup import (
    SLOT, attribute_value, compact_template_source, html_attributes, id_value, short_ids_for_page, slots,
)
from generator.render.environment import new_environment

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))


def render(source: str, **values) -> str:
    env = new_environment()
    return env.from_string(compact_template_source(source)).render(**values)


class Attributes(HTMLParser):
    """Every start tag's attributes as a browser reads them."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize(("source", "compact"), [
    ('<div class="fl-hint">', "<div class=fl-hint>"),
    ('<div class="fl-hint fl-x">', '<div class="fl-hint fl-x">'),
    ('<a href="../x/">', '<a href="../x/">'),
    ('<input type="text" required>', "<input type=text required>"),
    # Jinja's own code is left alone, even where it looks like an attribute
    ('{{ t("x", size="big") }}<p title="a">', '{{ t("x", size="big") }}<p title=a>'),
    ('{% set x = "abc" %}{# class="c" #}', '{% set x = "abc" %}{# class="c" #}'),
    # a value with a tag in it is left quoted
    ('<div class="a{% if x %} b{% endif %}">', '<div class="a{% if x %} b{% endif %}">'),
])
def test_literal_values_lose_needless_quotes(source, compact):
    assert compact_template_source(source) == compact


def test_expressions_in_values_go_through_the_quoting_filters():
    assert compact_template_source('<input id="{{ q.id }}" name="{{ q.name }}">') == (
        "<input id={{ (q.id) | id_value }} name={{ (q.name) | attribute_value }}>")
    assert compact_template_source('<div id="{{ e.id }}-hint" aria-label="{{ t("x") }}">') == (
        '<div id={{ ((e.id) ~ "-hint") | id_value }} aria-label={{ (t("x")) | attribute_value }}>')


@pytest.mark.parametrize(("value", "written"), [
    ("naam", "naam"),
    ("adres-postcode", "adres-postcode"),
    (12, "12"),
    ("Uw naam", '"Uw naam"'),
    ('say "hi"', '"say &#34;hi&#34;"'),
    ("a<b", '"a&lt;b"'),
    ("https://x.nl/a", '"https://x.nl/a"'),
    ("", '""'),
    (Markup("&amp;"), '"&amp;"'),
])
def test_values_are_escaped_and_quoted_only_when_needed(value, written):
    assert attribute_value(value) == written
    html = f"<p title={attribute_value(value)}>"
    read = value.unescape() if isinstance(value, Markup) else str(value)
    assert Attributes(html).tags == [("p", {"title": read})]


def test_attrs_filter_quotes_with_single_quotes_only_when_needed():
    written = html_attributes({"data-fl-required": True, "data-fl-max": 8, "hidden": None, "data-x": False,
                               "data-fl-show-if": Markup('{"field":"a","equals":"b"}'), "data-fl-label": "Uw kind"})
    assert written == """ data-fl-required data-fl-max=8 data-fl-show-if='{"field":"a","equals":"b"}' data-fl-label='Uw kind'"""


def test_ids_are_short_in_order_of_first_mention_and_references_follow():
    source = ('<label for="{{ a }}">A</label><input id="{{ a }}" aria-describedby="{{ a }}-hint {{ a }}-why">'
              '<div id="{{ a }}-hint"></div><div id="{{ a }}-why"></div><h2 id="fl-step-{{ s }}"></h2>')
    with short_ids_for_page(True):
        html = render(source, a="fl-naam", s="stap_1")
    assert html == ("<label for=f0>A</label><input id=f0 aria-describedby='f1 f2'>"
                    "<div id=f1></div><div id=f2></div><h2 id=fl-step-stap_1></h2>").replace("'", '"')
    with short_ids_for_page(False):
        assert "id=fl-naam " in render(source, a="fl-naam", s="stap_1")
    # outside a page (no short_ids_for_page) ids are left as they are
    assert 'aria-describedby="fl-naam-hint fl-naam-why"' in render(source, a="fl-naam", s="stap_1")


def test_each_copy_of_a_repeat_slot_gets_ids_of_its_own():
    with short_ids_for_page(True):
        before = id_value("fl-naam")
        template = f'<input id={id_value(f"fl-kind-{SLOT}-naam")} name="kind-{SLOT}-naam">'
        copies = slots(template, (2, 3, 4))
        after = id_value("fl-later")
    assert before == "f0"
    assert re.findall(r"id=(\w+)", copies) == ["f1", "f2", "f3"]
    assert re.findall(r'name="([\w-]+)"', copies) == ["kind-2-naam", "kind-3-naam", "kind-4-naam"]
    assert after == "f4"
    assert "\ue002" not in copies and SLOT not in copies


def test_readable_ids_in_repeat_slots_get_their_number():
    with short_ids_for_page(False):
        copies = slots(f'<input id={id_value(f"fl-kind-{SLOT}-naam")}>', (2, 3))
    assert copies == "<input id=fl-kind-2-naam><input id=fl-kind-3-naam>"


def test_line_breaks_go_from_the_templates_exactly_as_from_the_finished_page(tmp_path, monkeypatch):
    # The templates lose their line breaks between tags as Jinja loads them; that must give the
    # page that dropping them from the finished page gives (without_breaks_between_tags, which
    # knows what the Jinja code put in). Every sample form, the component examples, synthetic forms.
    from generator.pipeline import load_products
    from generator.render import form_html
    from generator.render.compact_markup import without_breaks_between_tags
    from generator.render.form_html import examples_product, render_form
    from synthetic import write_products

    write_products(tmp_path / "forms", n=12, fields=20, seed=11)
    products = [p for p in load_products([str(REPO_ROOT / "forms")]).products if p.form]
    products += load_products([str(tmp_path / "forms")]).products + [examples_product(), examples_product("en")]
    compact = {p.id + p.lang: render_form(p, endpoint="/in") for p in products}

    written = new_environment()
    written.compact_line_breaks = False  # the templates as written, one tag a line
    monkeypatch.setattr(form_html, "environment", lambda: written)
    for product in products:
        raw = render_form(product, endpoint="/in")
        assert raw.count("\n") > 50, "the reference must keep the line breaks of the templates"
        assert without_breaks_between_tags(raw) + "\n" == compact[product.id + product.lang], product.id
