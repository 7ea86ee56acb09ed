"""The submission schema accepts what a citizen's browser posts for a good answer and rejects the
rest; its patterns agree with the Python twin of the form's checks."""

from __future__ import annotations

import glob
import re
from pathlib import Path

import pytest
from hypothesis import given, strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from generator.pipeline import load_products
from generator.render import validation_rules as rules
from generator.render.submission_schema import submission_schema

FIXTURE = Path(__file__).parent / "fixtures" / "form" / "alle-vragen.yaml"
SAMPLES = sorted(glob.glob(str(Path(__file__).parent.parent / "forms" / "*.yaml")))


def load(path):
    result = load_products([str(path)])
    assert not result.has_errors
    return result.products[0]


@pytest.fixture(scope="module")
def product():
    return load(FIXTURE)


@pytest.fixture(scope="module")
def validator(product):
    schema = submission_schema(product)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def good_submission():
    """What a browser posts for a complete, correct answer (unticked boxes post nothing)."""
    return {
        "naam": "Jan Jansen", "bsn": "111222333",
        "geboortedatum-day": "1", "geboortedatum-month": "02", "geboortedatum-year": "1980",
        "email": "jan@voorbeeld.nl", "telefoon": "",
        "adres-postcode": "1234 AB", "adres-house_number": "12", "adres-addition": "",
        "adres-street": "Dorpsstraat", "adres-city": "Dijkstede",
        "getrouwd": "nee", "partner_naam": "", "soort": "jaar",
        "postcode": "1234AB", "huisnummer": "5", "kenteken": "AB-123-C", "aantal": "3",
        "locatie": "stadhuis", "opmerking": "",
        "getuigen-1-getuige_naam": "Piet", "getuigen-1-familie": "nee", "getuigen-1-relatie": "",
        "getuigen-1-kopie_id": "id.PDF",
        "getuigen-2-getuige_naam": "", "getuigen-2-relatie": "", "getuigen-2-kopie_id": "",
        "getuigen-3-getuige_naam": "", "getuigen-3-relatie": "", "getuigen-3-kopie_id": "",
        "verklaring": "ja",
    }


def messages(validator, submission):
    return sorted(e.message for e in validator.iter_errors(submission))


def test_properties_are_exactly_the_input_names(product):
    schema = submission_schema(product)
    assert set(schema["properties"]) == set(product.form.input_names())
    assert schema["additionalProperties"] is False
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert all(p.get("type") == "string" or "anyOf" in p for p in schema["properties"].values())


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: Path(p).stem)
def test_every_sample_has_a_valid_schema_with_its_input_names(path):
    product = load(path)
    if product.form is None:
        pytest.skip("this product has no form (paper and counter only)")
    schema = submission_schema(product)
    Draft202012Validator.check_schema(schema)
    assert set(schema["properties"]) == set(product.form.input_names())


def test_good_submission_is_valid(validator):
    assert messages(validator, good_submission()) == []


@pytest.mark.parametrize("changes, fragment", [
    ({"naam": ""}, "should be non-empty"),
    ({"bsn": "12345678"}, "is not valid under any of the given schemas"),
    ({"geboortedatum-month": "13"}, "is not valid under any of the given schemas"),
    ({"email": "jan@"}, "is not valid under any of the given schemas"),
    ({"adres-postcode": "0123 AB"}, "is not valid under any of the given schemas"),
    ({"soort": "week"}, "is not one of"),
    ({"locatie": "maan"}, "is not one of"),
    ({"aantal": "21"}, "is not valid under any of the given schemas"),
    ({"aantal": "0"}, "is not valid under any of the given schemas"),
    ({"kenteken": "ABC-DEF"}, "is not valid under any of the given schemas"),
    ({"verklaring": "nee"}, "'ja' was expected"),
    ({"getuigen-1-kopie_id": "id.exe"}, "is not valid under any of the given schemas"),
    ({"onbekend": "x"}, "Additional properties are not allowed"),
    ({"naam": "x" * 21}, "is too long"),
])
def test_bad_answers_are_rejected(validator, changes, fragment):
    submission = {**good_submission(), **changes}
    found = messages(validator, submission)
    assert found and any(fragment in m for m in found), found


@pytest.mark.parametrize("missing", ["naam", "verklaring", "soort", "getrouwd", "adres-street", "geboortedatum-year"])
def test_required_answers_must_be_there(validator, missing):
    submission = good_submission()
    del submission[missing]
    assert f"'{missing}' is a required property" in messages(validator, submission)


def test_optional_answers_may_be_absent(validator):
    submission = good_submission()
    for name in ("telefoon", "opmerking", "adres-addition", "partner_naam"):
        del submission[name]
    assert messages(validator, submission) == []


def test_conditional_question_is_required_only_when_it_applies(validator):
    married = {**good_submission(), "getrouwd": "ja"}
    assert messages(validator, married) != []
    assert messages(validator, {**married, "partner_naam": "An"}) == []
    driver = {**good_submission(), "vervoer-auto": "ja"}
    assert any("iban" in m for m in messages(validator, driver))
    assert messages(validator, {**driver, "iban": "NL91 ABNA 0417 1643 00"}) == []


def test_repeat_items_beyond_min_are_optional_until_started(validator):
    started = {**good_submission(), "getuigen-2-getuige_naam": "Klaas"}
    found = messages(validator, started)
    assert "'getuigen-2-familie' is a required property" in found
    complete = {**started, "getuigen-2-familie": "ja", "getuigen-2-relatie": "broer", "getuigen-2-kopie_id": "a.jpg"}
    assert messages(validator, complete) == []
    first_missing = good_submission()
    del first_missing["getuigen-1-familie"]
    assert "'getuigen-1-familie' is a required property" in messages(validator, first_missing)


def test_condition_inside_a_repeat_item_tests_its_own_sibling(product):
    schema = submission_schema(product)
    rules_text = repr(schema["allOf"])
    assert "getuigen-2-familie" in rules_text


# --- the Python twin of the checks ---------------------------------------------------------------

GOOD = {
    "bsn": ["111222333", "123456782", "999999990"],
    "iban": ["NL91ABNA0417164300", "nl91 abna 0417 1643 00", "DE89370400440532013000", "GB82WEST12345698765432"],
    "postcode": ["1234 AB", "1234ab", "9999ZZ"],
    "email": ["a@b.nl", "jan.jansen+test@gemeente.example.org"],
    "phone": ["0612345678", "+31 6 1234 5678", "020-1234567", "14 020 1234"],
    "licence_plate": ["AB-12-34", "12-AB-34", "12-ABC-3", "1-ABC-23", "AB-123-C", "ABC-12-D", "1-AB-234", "123-AB-4", "ab1234", "99-XX-XX"],
}
BAD = {
    "bsn": ["111222334", "12345678", "1234567890", "000000000", "11122233a", ""],
    "iban": ["NL92ABNA0417164300", "NL91ABNA041716430", "NL91-ABNA-0417-1643-00", ""],
    "postcode": ["0123 AB", "1234  AB", "123 AB", "1234 A1", ""],
    "email": ["jan", "jan@", "@voorbeeld.nl", "a b@c.nl", ""],
    "phone": ["12345", "06-abc", "++31612345678", "0612345678901234567", ""],
    "licence_plate": ["ABC-DEF", "123-456", "AB-12-34-5", "A-B", ""],
}


@pytest.mark.parametrize("kind", sorted(GOOD))
def test_checks_accept_known_good_values(kind):
    check = getattr(rules, f"is_{kind}")
    assert [v for v in GOOD[kind] if not check(v)] == []


@pytest.mark.parametrize("kind", sorted(BAD))
def test_checks_reject_known_bad_values(kind):
    check = getattr(rules, f"is_{kind}")
    assert [v for v in BAD[kind] if check(v)] == []


def test_real_dates():
    assert rules.real_date("29", "2", "2024") is not None
    assert rules.real_date("29", "2", "2023") is None
    assert rules.real_date("31", "4", "2025") is None
    assert rules.real_date("1", "1", "0999") is None
    assert rules.real_date("01", "12", "2025").isoformat() == "2025-12-01"


@given(st.one_of(st.none(), st.integers(-500, 500)), st.one_of(st.none(), st.integers(0, 5000)), st.integers(-6000, 6000))
def test_integer_range_pattern_matches_exactly_the_range(low, span, number):
    high = None if span is None or low is None and span is None else (low or 0) + span
    pattern = re.compile(rules.integer_range_pattern(low, high))
    inside = (low is None or number >= low) and (high is None or number <= high)
    assert bool(pattern.match(str(number))) == inside


def test_file_uploads_and_only_they_are_marked_as_files(tmp_path):
    # check-pdf leaves files out of a paper form's expected fields by this mark alone, so a file
    # without allowed types or a size limit must carry it too.
    text = FIXTURE.read_text(encoding="utf-8")
    product = load(FIXTURE)
    file_ids = {f.id for f in product.form.walk() if f.type == "file"}
    properties = submission_schema(product)["properties"]
    files = {name for name in properties if name.split("-")[-1] in file_ids}  # getuigen-2-kopie_id
    marked = {name for name, spec in properties.items() if spec.get("x-formloket-type") == "file"}
    assert files and marked == files
    bare = tmp_path / "alle-vragen.yaml"
    bare.write_text(re.sub(r"\n\s+(accept|max_size_mb):.*", "", text), encoding="utf-8")
    product = load(bare)
    assert all(submission_schema(product)["properties"][name].get("x-formloket-type") == "file" for name in files)


def test_the_published_schema_is_compact_utf8_json_as_json_writes_it():
    # The site writes its JSON (schemas, the e-form's conditions and messages) with orjson, which
    # is faster; the bytes must be what json.dumps gives.
    import json

    from generator.render.compact_json import compact_json as schema_text

    products = [p for p in (load(path) for path in SAMPLES) if p.form]
    assert products
    for product in products:
        schema = submission_schema(product)
        assert schema_text(schema) == json.dumps(schema, ensure_ascii=False, separators=(",", ":"))
    awkward = {"a": "x\u0001\t\n\"\\/é\u2028😀<>&", "b": [1, 2.5, 1e20, -0.0, True, None]}
    assert schema_text(awkward) == json.dumps(awkward, ensure_ascii=False, separators=(",", ":"))
