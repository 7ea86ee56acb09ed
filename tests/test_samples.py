"""The sample products in forms/ and the authoring guide, checked for what the project promises.

The samples are what a department copies to start its own file, and what the site shows to people
judging the project, so they must validate cleanly, together use every field type, channel type,
role, authentication and condition shape the schema offers, and keep a way in for people without
internet. The lists of types come from the schema's enums, so a type added to the schema fails
here until a sample uses it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import REPO_ROOT, UPL_PATH, run_formloket
from generator.model import OFFLINE_CHANNEL_TYPES, Condition, Field
from generator.pipeline import load_products

FORMS = REPO_ROOT / "forms"
GUIDE = REPO_ROOT / "docs" / "authoring-guide.md"
SCHEMA = json.loads((REPO_ROOT / "schemas" / "product.schema.json").read_text(encoding="utf-8"))
LANGUAGE_SERVER_LINE = "# yaml-language-server: $schema=../schemas/product.schema.json"
SAMPLE_FILES = sorted(FORMS.glob("*.yaml"))

needs_upl = pytest.mark.skipif(
    not UPL_PATH.is_file(),
    reason=f"the UPL list is data from outside the project and is not at {UPL_PATH}",
)


def schema_enum(definition: str, prop: str) -> set[str]:
    return set(SCHEMA["$defs"][definition]["properties"][prop]["enum"])


@pytest.fixture(scope="module")
def products():
    result = load_products([str(path) for path in SAMPLE_FILES])
    assert not result.has_errors, "\n".join(map(str, result.problems))
    return result.products


def conditions_with_place(products):
    """(place, condition) for every show_if: place is 'page', 'group', 'repeat' or 'field'."""
    for product in products:
        if not product.form:
            continue
        for page in product.form.pages:
            if page.show_if:
                yield "page", page.show_if
            for entry in page.fields:
                for field in entry.walk():
                    if field.show_if:
                        place = field.type if field.type in ("group", "repeat") else "field"
                        yield place, field.show_if


def shapes(condition: Condition):
    """The shapes in a condition, nested ones included: equals, one_of, answered, all, any."""
    if condition.equals is not None:
        yield "equals"
    if condition.one_of is not None:
        yield "one_of"
    if condition.answered is not None:
        yield "answered"
    if condition.all:
        yield "all"
    if condition.any:
        yield "any"
    for child in (*condition.all, *condition.any):
        yield from shapes(child)


def all_fields(products) -> list[Field]:
    return [field for product in products if product.form for field in product.form.walk()]


# --- through the CLI, as an editor runs it -----------------------------------------------------------


@needs_upl
def test_samples_validate_strictly_without_any_problem():
    result = run_formloket("validate", "--strict", "--upl", UPL_PATH, "forms")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr == f"{len(SAMPLE_FILES)} products checked: no problems\n"


def test_formloket_validate_forms_exits_0():
    """The command exactly as the issue names it, also where the UPL list is not available."""
    result = run_formloket("validate", "forms")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


# --- what the samples must show together ---------------------------------------------------------------


def test_there_are_at_least_ten_products():
    assert len(SAMPLE_FILES) >= 10


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_each_file_starts_with_the_language_server_line(path):
    assert path.read_text(encoding="utf-8").splitlines()[0] == LANGUAGE_SERVER_LINE


def test_every_field_type_of_the_schema_is_used(products):
    used = {field.type for field in all_fields(products)}
    assert schema_enum("field", "type") - used == set()


def test_every_channel_type_role_and_authentication_is_used(products):
    channels = [channel for product in products for channel in product.channels]
    assert schema_enum("channel", "type") - {c.type for c in channels} == set()
    assert schema_enum("channel", "role") - {c.role for c in channels} == set()
    assert schema_enum("channel", "authentication") - {c.authentication for c in channels} == set()


def test_every_condition_shape_is_used_on_fields_groups_and_pages(products):
    found = list(conditions_with_place(products))
    assert {"equals", "one_of", "answered", "all", "any"} - {s for _, c in found for s in shapes(c)} == set()
    assert {"field", "group", "page"} - {place for place, _ in found} == set()


def test_a_multiple_choice_question_is_referenced_by_a_condition(products):
    multiple_choice = {f.id for f in all_fields(products) if f.type == "multiple-choice"}
    referenced = {name for _, c in conditions_with_place(products) for name in c.referenced_fields()}
    assert multiple_choice & referenced


def test_dates_in_the_past_and_in_the_future_are_asked(products):
    ranges = {field.range for field in all_fields(products) if field.type == "date"}
    assert {"past", "future"} <= ranges


def test_a_select_has_at_least_eight_options(products):
    selects = [field for field in all_fields(products) if field.type == "select"]
    assert selects and all(len(field.options) >= 8 for field in selects)


def test_a_repeat_of_two_to_four_witnesses_is_in_the_marriage_notice(products):
    marriage = next(p for p in products if p.upl_name == "huwelijksaangifte")
    repeats = [(f.min, f.max) for f in marriage.form.walk() if f.type == "repeat"]
    assert (2, 4) in repeats


def test_an_ondernemer_product_can_be_used_with_eherkenning(products):
    assert any(
        "ondernemer" in p.audience and any(c.authentication == "eherkenning" for c in p.channels)
        for p in products
    )


def test_a_low_volume_product_is_kept_on_paper_without_an_online_form(products):
    paper_only = [
        p for p in products
        if p.form and not any(c.type == "online-form" for c in p.channels)
        and any(c.type == "pdf-post" for c in p.channels)
    ]
    assert paper_only


def test_an_extract_is_cheaper_online_than_at_the_counter(products):
    def cheaper_online(product) -> bool:
        online = [c.fee for c in product.channels if c.type == "online-form" and c.fee is not None]
        other = [c.fee for c in product.channels if c.type != "online-form" and c.fee is not None]
        return bool(online and other) and max(online) < min(other)

    assert any(cheaper_online(product) for product in products)


# --- per product -------------------------------------------------------------------------------------


def test_every_product_has_a_channel_without_internet_and_a_preferred_one(products):
    for product in products:
        assert any(c.type in OFFLINE_CHANNEL_TYPES for c in product.channels), product.id
        assert any(c.role == "preferred" for c in product.channels), product.id


def test_every_pdf_post_channel_says_where_to_send_it_and_what_to_enclose(products):
    for product in products:
        for channel in product.channels:
            if channel.type == "pdf-post":
                assert channel.address and channel.enclose, product.id


def test_usage_and_cost_figures_say_they_are_fictitious_samples(products):
    figures = [
        figure for p in products for c in p.channels for figure in (c.usage, c.cost) if figure
    ]
    assert len(figures) >= 5
    assert all("fictief voorbeeld" in figure.source for figure in figures)


def test_every_question_has_a_protocol_and_a_reason_that_is_not_its_label(products):
    for product in products:
        for question in product.form.questions() if product.form else ():
            where = f"{product.id}: {question.id}"
            assert question.protocol is not None, where
            assert question.why.strip().casefold() != question.label.strip().casefold(), where
            assert "todo" not in question.why.casefold(), where


def test_bsn_and_special_category_questions_name_a_law(products):
    for product in products:
        for question in product.form.questions() if product.form else ():
            protocol = question.protocol
            if question.type == "bsn" or protocol.special_category:
                assert protocol.legal_basis and protocol.legal_basis.law, f"{product.id}: {question.id}"


@needs_upl
def test_every_upl_uri_and_name_is_in_the_upl_list_for_its_audience(products):
    listed = {entry["uri"]: entry for entry in json.loads(UPL_PATH.read_text(encoding="utf-8"))["products"]}
    for product in products:
        entry = listed.get(product.upl_uri)
        assert entry, f"{product.id}: {product.upl_uri}"
        assert entry["name"] == product.upl_name, product.id
        assert "burger" not in product.audience or entry["burger"], product.id
        assert "ondernemer" not in product.audience or entry["bedrijf"], product.id


# --- the authoring guide -----------------------------------------------------------------------------

#: A ```yaml block in the guide is a complete product when it starts with the language-server line.
YAML_BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.MULTILINE | re.DOTALL)


def guide_products() -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    return [block for block in YAML_BLOCK.findall(text) if block.startswith(LANGUAGE_SERVER_LINE)]


def test_the_guide_has_a_complete_example_product():
    assert guide_products()


def test_the_guides_complete_example_is_the_sample_file_it_names():
    """The guide says its example is forms/grofvuil-ophalen.yaml; they must not drift apart."""
    sample = (FORMS / "grofvuil-ophalen.yaml").read_text(encoding="utf-8")
    assert sample in guide_products()


@needs_upl
def test_the_guides_complete_examples_validate_strictly(tmp_path):
    forms = tmp_path / "forms"
    forms.mkdir()
    for block in guide_products():
        product_id = re.search(r"^id: (\S+)$", block, re.MULTILINE).group(1)
        (forms / f"{product_id}.yaml").write_text(block, encoding="utf-8")
    result = run_formloket("validate", "--strict", "--upl", UPL_PATH, "forms", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
