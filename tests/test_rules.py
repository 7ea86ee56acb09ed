"""Small product files for the rule tests: a clean product header, and questions one line each.

A question is written as a JSON object on one line (JSON is YAML), so a test reads as a list of
questions and every problem's line is the question's line. ``problems()`` parses the text with the
real loader, checks it passes the JSON Schema (the rules only ever see valid documents), and
returns what the user would read: ``str(problem)`` lines.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import REPO_ROOT, UPL_PATH
from generator import PRODUCT_SCHEMA
from generator.load import parse_document
from generator.rules import check_document, check_documents
from generator.upl import load_upl

#: 14 lines: a product that breaks no rule. Forms start on line 15.
HEADER = """\
id: test
title: Testproduct
summary: Een product om de regels mee te testen.
upl:
  name: huwelijksaangifte
  uri: http://standaarden.overheid.nl/owms/terms/huwelijksaangifte
audience: [burger]
department: Burgerzaken
channels:
  - type: online-form
    role: preferred
  - type: counter
    role: assisted
    address: Stadhuisplein 1, Testdam
"""
#: The same product without an e-form: reached by phone and at the counter.
HEADER_WITHOUT_FORM = HEADER.replace(
    "  - type: online-form\n    role: preferred\n", "  - type: phone\n    role: preferred\n    phone: 14 020\n"
)

PROTOCOL = {"purpose": "Behandelen van de aanvraag", "used_by": "Team Test", "retention": "P1Y"}


def question(id: str, type: str = "text", **extra: Any) -> dict:
    """A question that breaks no rule by itself; ``extra`` adds or overrides keys (None removes)."""
    data = {
        "type": type,
        "id": id,
        "label": f"Vraag {id}",
        "why": f"We gebruiken {id} om uw aanvraag te behandelen.",
        "protocol": PROTOCOL,
    }
    if type in ("choice", "multiple-choice"):
        data["options"] = [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]
    if type == "select":
        data["options"] = [{"value": f"o{n}", "label": f"Optie {n}"} for n in range(1, 9)]
    if type == "declaration":
        data["statement"] = "Ik verklaar dat alles klopt."
    data.update(extra)
    return {key: value for key, value in data.items() if value is not None}


def page(*fields: dict, id: str = "stap", **extra: Any) -> str:
    """A page as YAML; its fields one JSON line each. Extra keys (show_if) go on the page's line 3."""
    lines = [f"    - id: {id}", f"      title: Stap {id}"]
    lines += [f"      {key}: {json.dumps(value, ensure_ascii=False)}" for key, value in extra.items()]
    lines.append("      fields:")
    lines += [f"        - {json.dumps(field, ensure_ascii=False)}" for field in fields]
    return "\n".join(lines) + "\n"


def form(*pages: str) -> str:
    return "form:\n  pages:\n" + "".join(pages)


@lru_cache(maxsize=1)
def _schema() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(PRODUCT_SCHEMA.read_text(encoding="utf-8")))


def load(text: str, path: str = "forms/test.yaml"):
    doc = parse_document(path, text.encode("utf-8"))
    assert not isinstance(doc, list), [str(p) for p in doc]
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _schema().iter_errors(doc.data)]
    assert not errors, errors  # the rules only ever see documents that passed the schema
    return doc


def problems(body: str = "", *, header: str = HEADER, path: str = "forms/test.yaml", upl=None) -> list[str]:
    """What ``formloket validate`` prints for the rules, for HEADER + body."""
    return [str(p) for p in check_document(load(header + body, path), upl=upl)]


def test_a_clean_product_has_no_problems():
    assert problems(form(page(question("naam"), question("keuze", "choice")))) == []


def test_a_product_without_form_has_no_form_problems():
    assert problems(header=HEADER_WITHOUT_FORM) == []


# --- 1. duplicate ids ---------------------------------------------------------------------------

def test_duplicate_question_id_points_at_the_second_and_names_the_first_line():
    assert problems(form(page(question("naam"), question("naam")))) == [
        "forms/test.yaml:21:34: form.pages[0].fields[1].id: duplicate id 'naam': already used on "
        "line 20. Every question, group and text block in a form needs its own id, because the id "
        "becomes the name of the answer"
    ]


def test_duplicate_ids_are_found_at_every_level_and_across_pages():
    body = form(
        page(question("naam"), {"type": "content", "id": "uitleg", "text": "Lees dit."}),
        page(
            {"type": "group", "id": "groep", "label": "Groep", "fields": [question("uitleg")]},
            {"type": "repeat", "id": "kinderen", "label": "Kinderen", "item_label": "Kind", "min": 0,
             "max": 3, "fields": [question("naam")]},
            {"type": "content", "id": "groep", "text": "Nog een tekst."},
            id="stap2",
        ),
    )
    reason = (
        "Every question, group and text block in a form needs its own id, because the id becomes "
        "the name of the answer"
    )
    assert problems(body) == [
        f"forms/test.yaml:25:96: form.pages[1].fields[0].fields[0].id: duplicate id 'uitleg': "
        f"already used on line 21. {reason}",
        f"forms/test.yaml:26:145: form.pages[1].fields[1].fields[0].id: duplicate id 'naam': "
        f"already used on line 20. {reason}",
        f"forms/test.yaml:27:37: form.pages[1].fields[2].id: duplicate id 'groep': "
        f"already used on line 25. {reason}",
    ]


def test_duplicate_page_id():
    assert problems(form(page(question("a")), page(question("b")))) == [
        "forms/test.yaml:21:11: form.pages[1].id: duplicate page id 'stap': already used on line 17. "
        "Give every page its own id"
    ]


def test_a_page_may_share_its_id_with_a_question():
    assert problems(form(page(question("adres"), id="adres"))) == []


def test_duplicate_option_value():
    options = [{"value": "ja", "label": "Ja"}, {"value": "nee", "label": "Nee"}, {"value": "ja", "label": "Wel"}]
    [message] = problems(form(page(question("keuze", "choice", options=options))))
    assert message.startswith("forms/test.yaml:20:")
    assert message.split(": ", 1)[1] == (
        "form.pages[0].fields[0].options[2].value: duplicate option value 'ja': already used on line 20. "
        "Each answer needs its own value, or the two cannot be told apart"
    )


# --- 2. file name -------------------------------------------------------------------------------

def test_file_name_differs_from_id_points_at_the_id():
    assert problems(header=HEADER_WITHOUT_FORM, path="forms/anders.yaml") == [
        "forms/anders.yaml:1:5: id: id 'test' differs from the file name 'anders.yaml': rename the file "
        "to test.yaml or change the id to 'anders'"
    ]


def test_cross_file_duplicate_product_id_points_at_the_second_file():
    first = load(HEADER_WITHOUT_FORM, "forms/a/test.yaml")
    second = load(HEADER_WITHOUT_FORM, "forms/b/test.yaml")
    assert [str(p) for p in check_documents([first, second])] == [
        "forms/b/test.yaml:1:5: id: product id 'test' is also used by forms/a/test.yaml (line 1): each "
        "product needs its own id, because the id becomes its web address"
    ]


# --- 3. conditions: what they refer to ----------------------------------------------------------

def yes_no(id: str, **extra: Any) -> dict:
    return question(id, "yes-no", **extra)


def kinderen(*fields: dict, **extra: Any) -> dict:
    return {"type": "repeat", "id": "kinderen", "label": "Kinderen", "item_label": "Kind", "min": 0,
            "max": 3, "fields": list(fields), **extra}


def groep(*fields: dict, **extra: Any) -> dict:
    return {"type": "group", "id": "g", "label": "Groep", "fields": list(fields), **extra}


ANSWERED = {"answered": True}


def test_condition_on_a_missing_field_suggests_the_closest_id():
    body = form(page(question("partner_naam"), question("x", show_if={"field": "partner_nam", **ANSWERED})))
    assert problems(body) == [
        "forms/test.yaml:21:234: form.pages[0].fields[1].show_if.field: no field 'partner_nam' in this "
        "form (did you mean 'partner_naam'?): a condition can only test a question of the same form, "
        "by its id"
    ]


def test_condition_on_a_missing_field_without_a_look_alike():
    body = form(page(question("a"), question("x", show_if={"field": "zzz", **ANSWERED})))
    assert problems(body) == [
        "forms/test.yaml:21:234: form.pages[0].fields[1].show_if.field: no field 'zzz' in this form: "
        "a condition can only test a question of the same form, by its id"
    ]


def test_condition_on_a_page():
    body = form(page(question("a"), id="start"), page(question("x", show_if={"field": "start", **ANSWERED}), id="twee"))
    assert problems(body) == [
        "forms/test.yaml:24:234: form.pages[1].fields[0].show_if.field: 'start' is a page (line 17), "
        "which has no answer to test: test one of the questions before this one"
    ]


def test_condition_on_itself():
    assert problems(form(page(question("x", show_if={"field": "x", **ANSWERED})))) == [
        "forms/test.yaml:20:234: form.pages[0].fields[0].show_if.field: refers to itself: question 'x' "
        "cannot depend on its own answer; test an earlier question"
    ]


def test_condition_on_a_later_field():
    body = form(page(question("x", show_if={"field": "b", **ANSWERED}), question("b")))
    assert problems(body) == [
        "forms/test.yaml:20:234: form.pages[0].fields[0].show_if.field: refers to a later field 'b' "
        "(line 21): a condition can only test questions that come before it, because the citizen has "
        "not answered later ones yet; move 'b' up or test an earlier question"
    ]


def test_conditions_that_depend_on_each_other_are_a_cycle():
    body = form(page(
        question("x", show_if={"field": "b", **ANSWERED}),
        question("b", show_if={"field": "x", **ANSWERED}),
    ))
    assert problems(body) == [
        "forms/test.yaml:20:234: form.pages[0].fields[0].show_if.field: refers to 'b' (line 21), which "
        "comes later and itself depends on this question: the conditions form a cycle (x → b → x); "
        "test an earlier question"
    ]


def test_a_group_condition_on_its_own_question():
    body = form(page(groep(question("c"), show_if={"field": "c", **ANSWERED})))
    assert problems(body) == [
        "forms/test.yaml:20:294: form.pages[0].fields[0].show_if.field: refers to 'c' (line 20), which "
        "is inside this group itself: the group must be shown before 'c' can be answered; test an "
        "earlier question"
    ]


def test_a_page_condition_on_its_own_question_and_on_a_later_page():
    assert problems(form(page(question("c"), show_if={"field": "c", **ANSWERED}))) == [
        "forms/test.yaml:19:26: form.pages[0].show_if.field: refers to 'c' (line 21), which is inside "
        "this page itself: the page must be shown before 'c' can be answered; test an earlier question"
    ]
    body = form(page(question("a"), show_if={"field": "c", **ANSWERED}), page(question("c"), id="twee"))
    assert problems(body) == [
        "forms/test.yaml:19:26: form.pages[0].show_if.field: refers to a later field 'c' (line 25): a "
        "condition can only test questions that come before it, because the citizen has not answered "
        "later ones yet; move 'c' up or test an earlier question"
    ]


def test_a_condition_outside_a_repeat_cannot_test_a_question_inside_it():
    body = form(page(kinderen(question("kind_naam")), question("x", show_if={"field": "kind_naam", **ANSWERED})))
    assert problems(body) == [
        "forms/test.yaml:21:234: form.pages[0].fields[1].show_if.field: 'kind_naam' (line 20) is inside "
        "the repeating group 'kinderen', which the citizen can fill in several times: a condition "
        "outside that group cannot tell which answer to test"
    ]


def test_inside_a_repeat_a_condition_may_test_an_earlier_question_of_the_same_item():
    body = form(page(kinderen(yes_no("eigen"), question("kind_naam", show_if={"field": "eigen", "equals": "ja"}))))
    assert problems(body) == []


def test_a_condition_cannot_test_a_content_block_or_a_group_even_nested_in_any():
    body = form(page(
        {"type": "content", "id": "uitleg", "text": "Tekst."},
        groep(question("c")),
        question("x", show_if={"any": [{"field": "uitleg", **ANSWERED}, {"field": "g", **ANSWERED}]}),
    ))
    assert problems(body) == [
        "forms/test.yaml:22:243: form.pages[0].fields[2].show_if.any[0].field: 'uitleg' is a content "
        "block (line 20), which has no answer to test: test one of the questions before this one",
        "forms/test.yaml:22:282: form.pages[0].fields[2].show_if.any[1].field: 'g' is a group (line "
        "21), which has no answer to test: test one of the questions before this one",
    ]


# --- 3. conditions: the values they test ---------------------------------------------------------

def test_equals_a_value_that_is_not_an_option():
    options = [{"value": "eigen-woning", "label": "Eigen"}, {"value": "huur", "label": "Huur"}]
    body = form(page(question("k", "choice", options=options), question("x", show_if={"field": "k", "equals": "eigen_woning"})))
    assert problems(body) == [
        "forms/test.yaml:21:11: form.pages[0].fields[1]: required question 'x' can never be shown, "
        "because its show_if can never be true ('k' has no answer 'eigen_woning'): fix the condition, "
        "or remove the question",
        "forms/test.yaml:21:249: form.pages[0].fields[1].show_if.equals: 'eigen_woning' is not an "
        "option of 'k' (line 20) (did you mean 'eigen-woning'?): use 'eigen-woning' or 'huur'",
    ]


def test_yes_no_answers_are_ja_and_nee():
    body = form(page(
        yes_no("y"),
        question("x", required=False, show_if={"field": "y", "equals": True}),
        question("z", required=False, show_if={"field": "y", "one_of": ["ja", "yes"]}),
    ))
    assert problems(body) == [
        "forms/test.yaml:21:11: warning: form.pages[0].fields[1]: question 'x' can never be shown, "
        "because its show_if can never be true ('y' has no answer true): fix the condition, or remove "
        "the question",
        "forms/test.yaml:21:268: form.pages[0].fields[1].show_if.equals: true is not an answer to the "
        "yes-no question 'y': use 'ja' or 'nee'",
        "forms/test.yaml:22:275: form.pages[0].fields[2].show_if.one_of[1]: 'yes' is not an answer to "
        "the yes-no question 'y': use 'ja' or 'nee'",
    ]


def test_a_declaration_is_tested_with_true():
    body = form(page(question("d", "declaration"), question("x", show_if={"field": "d", "equals": "ja"})))
    assert problems(body)[1] == (
        "forms/test.yaml:21:249: form.pages[0].fields[1].show_if.equals: 'ja' is not an answer to the "
        "declaration 'd': a declaration is ticked or not, so test it with equals: true"
    )
    body = form(page(question("d", "declaration"), question("x", show_if={"field": "d", "equals": True})))
    assert problems(body) == []


def test_a_number_condition_needs_a_number_within_the_range():
    body = form(page(
        question("n", "number", min=0, max=10),
        question("x", show_if={"field": "n", "equals": "5"}),
        question("z", show_if={"field": "n", "equals": 12}),
        question("w", show_if={"field": "n", "one_of": [0, 10]}),
        question("v", show_if={"field": "n", "one_of": [2.5, 3.0]}),
    ))
    assert [p for p in problems(body) if ".show_if." in p] == [
        "forms/test.yaml:21:249: form.pages[0].fields[1].show_if.equals: '5' is not a number, but 'n' "
        "is a number question: write the number without quotes",
        "forms/test.yaml:22:249: form.pages[0].fields[2].show_if.equals: 12 is outside the range of 'n' "
        "(0 to 10): the condition can never be true",
        "forms/test.yaml:24:250: form.pages[0].fields[4].show_if.one_of[0]: 2.5 is not a whole number, "
        "and 'n' takes whole numbers only: the condition can never be true",
    ]


def test_a_date_can_only_be_tested_with_answered():
    body = form(page(
        question("d", "date"),
        question("x", show_if={"field": "d", "equals": "2025-01-01"}),
        question("z", show_if={"field": "d", "answered": False}),
    ))
    assert [p for p in problems(body) if ".show_if." in p] == [
        "forms/test.yaml:21:249: form.pages[0].fields[1].show_if.equals: 'd' is a date question, whose "
        "answer has three parts (day, month, year), so it cannot equal one value: test it with "
        "answered: true"
    ]


def test_true_for_a_text_question_is_a_yaml_trap():
    body = form(page(question("t"), question("x", show_if={"field": "t", "equals": True})))
    assert problems(body)[1] == (
        "forms/test.yaml:21:249: form.pages[0].fields[1].show_if.equals: YAML reads true as a yes/no "
        "value, but 't' is answered with text: put the value in quotes"
    )


# --- 4. conditions that can never be true --------------------------------------------------------

def test_contradictory_equals_in_all():
    body = form(page(
        question("k", "choice"),
        question("x", show_if={"all": [{"field": "k", "equals": "a"}, {"field": "k", "equals": "b"}]}),
    ))
    assert problems(body) == [
        "forms/test.yaml:21:11: form.pages[0].fields[1]: required question 'x' can never be shown, "
        "because its show_if can never be true ('k' cannot be 'a' and 'b' at the same time): fix the "
        "condition, or remove the question",
        "forms/test.yaml:21:232: form.pages[0].fields[1].show_if.all: these conditions can never all "
        "be true: 'k' cannot be 'a' and 'b' at the same time. Use any: if one of them is enough",
    ]


def test_answered_and_empty_in_all_hides_an_optional_question_with_a_warning():
    body = form(page(
        question("k", "choice"),
        question("x", required=False, show_if={"all": [{"field": "k", "one_of": ["a"]}, {"field": "k", "answered": False}]}),
    ))
    assert problems(body) == [
        "forms/test.yaml:21:11: warning: form.pages[0].fields[1]: question 'x' can never be shown, "
        "because its show_if can never be true ('k' cannot be answered and left empty at the same "
        "time): fix the condition, or remove the question",
        "forms/test.yaml:21:251: form.pages[0].fields[1].show_if.all: these conditions can never all "
        "be true: 'k' cannot be answered and left empty at the same time. Use any: if one of them is "
        "enough",
    ]


def test_several_ticked_boxes_of_a_multiple_choice_are_possible():
    body = form(page(
        question("k", "multiple-choice"),
        question("x", show_if={"all": [{"field": "k", "equals": "a"}, {"field": "k", "equals": "b"}]}),
    ))
    assert problems(body) == []


def test_a_hidden_group_is_reported_once_with_its_required_questions():
    body = form(page(
        question("k", "choice"),
        groep(question("c"), question("d", required=False), show_if={"field": "k", "equals": "c"}),
    ))
    assert problems(body) == [
        "forms/test.yaml:21:11: form.pages[0].fields[1]: group 'g' can never be shown, because its "
        "show_if can never be true ('k' has no answer 'c'), so its 1 required question can never be "
        "answered: fix the condition",
        "forms/test.yaml:21:531: form.pages[0].fields[1].show_if.equals: 'c' is not an option of 'k' "
        "(line 20): use 'a' or 'b'",
    ]


def test_a_hidden_content_block_is_a_warning():
    body = form(page(question("k", "choice"), {"type": "content", "text": "Tekst.", "show_if": {"field": "k", "equals": "c"}}))
    assert problems(body)[0] == (
        "forms/test.yaml:21:11: warning: form.pages[0].fields[1]: content block can never be shown, "
        "because its show_if can never be true ('k' has no answer 'c'): fix the condition, or remove it"
    )


def test_a_page_whose_any_has_no_possible_member_is_hidden():
    body = form(
        page(question("k", "choice")),
        page(question("c", required=False), id="twee",
             show_if={"any": [{"field": "k", "equals": "c"}, {"field": "k", "one_of": ["d"]}]}),
    )
    assert problems(body) == [
        "forms/test.yaml:21:7: warning: form.pages[1]: page 'twee' can never be shown, because its "
        "show_if can never be true ('k' has no answer 'c'; 'k' has no answer 'd'): fix the condition, "
        "or remove it",
        "forms/test.yaml:23:50: form.pages[1].show_if.any[0].equals: 'c' is not an option of 'k' (line "
        "20): use 'a' or 'b'",
        "forms/test.yaml:23:82: form.pages[1].show_if.any[1].one_of[0]: 'd' is not an option of 'k' "
        "(line 20): use 'a' or 'b'",
    ]


def test_a_question_that_depends_on_a_hidden_question_is_hidden_too():
    body = form(page(
        question("k", "choice"),
        question("reden", required=False, show_if={"field": "k", "equals": "c"}),
        question("toelichting", show_if={"field": "reden", **ANSWERED}),
        question("leeg", required=False, show_if={"field": "reden", "answered": False}),
    ))
    assert problems(body)[2] == (
        "forms/test.yaml:22:11: form.pages[0].fields[2]: required question 'toelichting' can never be "
        "shown, because its show_if can never be true ('reden' is never shown, so it is never "
        "answered): fix the condition, or remove the question"
    )
    assert len(problems(body)) == 3  # 'leeg' (answered: false) is shown


def test_one_of_with_one_possible_value_flags_only_the_impossible_one():
    body = form(page(question("k", "choice"), question("x", show_if={"field": "k", "one_of": ["a", "z"]})))
    assert problems(body) == [
        "forms/test.yaml:21:255: form.pages[0].fields[1].show_if.one_of[1]: 'z' is not an option of 'k' "
        "(line 20): use 'a' or 'b'"
    ]


# --- 5. why -------------------------------------------------------------------------------------

FIX = "explain in plain words who uses the answer and what for"


def test_why_placeholders_are_errors_whatever_their_case_and_punctuation():
    placeholders = ["TODO", "  n.v.t. ", "-", "TODO: navragen bij BRP", "Zie boven", "N/A", "...", "idem"]
    body = form(page(*(question(f"v{n}", why=text) for n, text in enumerate(placeholders))))
    assert problems(body) == [
        f"forms/test.yaml:{20 + n}:68: form.pages[0].fields[{n}].why: why is a "
        f"placeholder ({text.strip()!r}): {FIX}"
        for n, text in enumerate(placeholders)
    ]


def test_why_that_repeats_the_label():
    body = form(page(question("e", label="Wat is uw e-mailadres?", why="wat is uw e-mailadres")))
    assert problems(body) == [
        f"forms/test.yaml:20:81: form.pages[0].fields[0].why: why repeats the label: {FIX}, not the "
        "question again"
    ]


def test_why_of_only_spaces_is_empty():
    assert problems(form(page(question("g", why="   ")))) == [
        f"forms/test.yaml:20:66: form.pages[0].fields[0].why: why is empty: {FIX}, e.g. 'We sturen de "
        "bevestiging naar dit adres'"
    ]


def test_a_short_why_is_a_warning():
    assert problems(form(page(question("f", why="Voor de brief.")))) == [
        "forms/test.yaml:20:66: warning: form.pages[0].fields[0].why: why is too short to be a reason a "
        f"citizen understands (14 characters): {FIX}"
    ]


def test_a_word_that_merely_starts_like_a_placeholder_is_a_reason():
    assert problems(form(page(question("f", why="Todos los datos: we sturen u hierover een brief.")))) == []


# --- 6. question protocol -----------------------------------------------------------------------

def test_a_bsn_question_without_protocol_needs_a_legal_basis():
    assert problems(form(page(question("bsn", "bsn", protocol=None)))) == [
        "forms/test.yaml:20:11: form.pages[0].fields[0]: a BSN question needs a legal basis: add "
        "protocol with purpose, used_by, retention and legal_basis (the law that allows the "
        "municipality to use the BSN)"
    ]


def test_bsn_and_special_category_without_legal_basis():
    body = form(page(
        question("bsn", "bsn"),
        question("gezondheid", protocol={**PROTOCOL, "special_category": True}),
    ))
    fix = "needs a legal basis: add legal_basis with the GDPR ground and the law that allows asking for it"
    assert problems(body) == [
        f"forms/test.yaml:20:131: form.pages[0].fields[0].protocol: a BSN question {fix}",
        f"forms/test.yaml:21:153: form.pages[0].fields[1].protocol: special-category data (GDPR Art. 9) {fix}",
    ]


def test_health_data_should_be_marked_special_category():
    assert problems(form(page(question("ziek", protocol={**PROTOCOL, "data_category": "health"})))) == [
        "forms/test.yaml:20:238: warning: form.pages[0].fields[0].protocol.data_category: health data "
        "is special-category data under GDPR Art. 9: add special_category: true"
    ]


def test_a_question_without_protocol_is_a_warning():
    assert problems(form(page(question("a", protocol=None)))) == [
        "forms/test.yaml:20:11: warning: form.pages[0].fields[0]: no question protocol: add protocol "
        "with purpose, used_by and retention so the question can be reviewed and listed in the "
        "processing register"
    ]


def test_consent_for_a_bsn_and_legitimate_interests_anywhere_are_warnings():
    body = form(page(
        question("bsn", "bsn", protocol={**PROTOCOL, "legal_basis": {"gdpr": "a"}}),
        question("x", protocol={**PROTOCOL, "legal_basis": {"gdpr": "f"}}),
        question("y", protocol={**PROTOCOL, "legal_basis": {"gdpr": "a"}}),  # consent for a plain question is fine
    ))
    assert problems(body) == [
        "forms/test.yaml:20:241: warning: form.pages[0].fields[0].protocol.legal_basis.gdpr: ground a "
        "(consent) is rarely valid for a BSN or special-category data asked by a public body, because "
        "the citizen cannot freely refuse: use c (legal obligation) or e (public task) with the law",
        "forms/test.yaml:21:236: warning: form.pages[0].fields[1].protocol.legal_basis.gdpr: ground f "
        "(legitimate interests) is not available to public bodies for their tasks (GDPR Art. 6(1), last "
        "sentence): use c (legal obligation) or e (public task)",
    ]


def test_a_base_register_needs_the_reason_the_question_is_still_asked():
    assert problems(form(page(question("x", protocol={**PROTOCOL, "base_register": {"register": "BRP"}})))) == [
        "forms/test.yaml:20:229: warning: form.pages[0].fields[0].protocol.base_register: the answer is "
        "in the base register BRP, so explain why it is still asked: add still_asked_because, or take "
        "the answer from the register instead (ask once)"
    ]


# --- 7, 8. channels -----------------------------------------------------------------------------

def channels(*channels: str) -> str:
    """HEADER with other channels (each a YAML list item); they start on line 10."""
    return HEADER.split("channels:\n")[0] + "channels:\n" + "".join(channels)


ONLINE = "  - type: online-form\n    role: preferred\n"
PHONE = "  - type: phone\n    role: assisted\n    phone: 14 020\n"
ONE_QUESTION = form(page(question("a")))


def test_a_product_only_online_breaks_the_minimum_service_level():
    header = channels(ONLINE, "  - type: email\n    role: alternative\n    email: info@test.nl\n")
    assert problems(ONE_QUESTION, header=header) == [
        "forms/test.yaml:10:3: channels: no channel works without internet: add a counter, "
        "counter-appointment, phone, pdf-post or home-visit channel. Never force anyone onto digital: "
        "people who are not digitally self-reliant need a way that works for them"
    ]


def test_no_preferred_channel_is_a_warning():
    header = channels("  - type: online-form\n    role: alternative\n", PHONE)
    assert problems(ONE_QUESTION, header=header) == [
        "forms/test.yaml:10:3: warning: channels: no channel has role: preferred: mark the route you "
        "advise most people to take"
    ]


def test_two_preferred_channels_is_a_warning_on_the_second():
    header = channels(ONLINE, PHONE.replace("assisted", "preferred"))
    assert problems(ONE_QUESTION, header=header) == [
        "forms/test.yaml:13:11: warning: channels[1].role: more than one preferred channel (channels[0] "
        "on line 10 is preferred too): advise one route, make the others alternative"
    ]


def test_each_channel_needs_what_makes_it_usable():
    header = channels(
        ONLINE,
        "  - type: pdf-post\n    role: alternative\n",
        "  - type: chat\n    role: alternative\n",
        "  - type: email\n    role: alternative\n",
        "  - type: phone\n    role: assisted\n",
        "  - type: counter-appointment\n    role: assisted\n",
        "  - type: home-visit\n    role: assisted\n",
    )
    assert problems(header=header) == [
        "forms/test.yaml:10:5: channels[0]: an online-form channel needs a form: add form: to this file, "
        "or a url of the e-form elsewhere",
        "forms/test.yaml:12:5: channels[1]: a pdf-post channel has nothing to print: add form: to this "
        "file (the PDF is made from it), or the url of an existing PDF",
        "forms/test.yaml:14:5: channels[2]: a chat channel needs a url: the chat page, or the link that "
        "opens the app",
        "forms/test.yaml:16:5: channels[3]: an email channel needs an email address: add email:",
        "forms/test.yaml:18:5: channels[4]: a phone channel needs a phone number: add phone:, e.g. '14 020'",
        "forms/test.yaml:20:5: warning: channels[5]: a counter-appointment channel has no address: add "
        "address: so people know where to go",
    ]


def test_an_online_form_elsewhere_needs_no_form_here():
    header = channels(ONLINE + "    url: https://elders.example/formulier\n", PHONE)
    assert problems(header=header) == []


def test_a_form_that_no_channel_offers_is_a_warning():
    header = channels(ONLINE + "    url: https://elders.example/formulier\n", PHONE)
    assert problems(ONE_QUESTION, header=header) == [
        "forms/test.yaml:17:3: warning: form: the form is offered on no channel: add an online-form "
        "channel (without url, for the e-form made from this form) or a pdf-post channel"
    ]



def test_an_online_channel_cannot_be_the_assisted_route():
    header = channels(ONLINE, PHONE, "  - type: email\n    role: assisted\n    email: info@test.nl\n")
    assert problems(ONE_QUESTION, header=header) == [
        "forms/test.yaml:16:11: warning: channels[2].role: an email channel cannot be the assisted "
        "route: that is for people who are not digitally self-reliant. Make it alternative, and offer "
        "help at the counter, by phone or at home as assisted"
    ]

# --- 9-12. single entries -----------------------------------------------------------------------

def options(count: int) -> list[dict]:
    return [{"value": f"o{n}", "label": f"Optie {n}"} for n in range(count)]


def test_a_choice_needs_two_options():
    body = form(page(
        question("a", "choice", options=options(1)),
        question("b", "multiple-choice", options=options(1)),
        question("c", "select", options=options(1)),
    ))
    assert problems(body) == [
        "forms/test.yaml:20:226: form.pages[0].fields[0].options: a choice question needs at least two "
        "options: with one option there is nothing to choose; for a yes or no use a yes-no question",
        "forms/test.yaml:21:235: form.pages[0].fields[1].options: a multiple-choice question needs at "
        "least two options: for one box to tick use a declaration or a yes-no question",
        "forms/test.yaml:22:226: form.pages[0].fields[2].options: a select question needs at least two "
        "options: with one option there is nothing to choose; for a yes or no use a yes-no question",
    ]


def test_short_drop_downs_and_long_radio_lists_are_warnings():
    body = form(page(question("c", "select", options=options(7)), question("d", "choice", options=options(11))))
    assert problems(body) == [
        "forms/test.yaml:20:226: warning: form.pages[0].fields[0].options: a drop-down with only 7 "
        "options hides them: use type: choice (radio buttons) for fewer than 8 options, which is easier "
        "for everyone",
        "forms/test.yaml:21:226: warning: form.pages[0].fields[1].options: 11 radio buttons make a long "
        "list: use type: select (a drop-down) for more than 10 options",
    ]
    body = form(page(question("c", "select", options=options(8)), question("d", "choice", options=options(10))))
    assert problems(body) == []


def test_two_options_that_read_the_same():
    same = [{"value": "a", "label": "Ja"}, {"value": "b", "label": "ja "}]
    assert problems(form(page(question("e", "choice", options=same)))) == [
        "forms/test.yaml:20:282: warning: form.pages[0].fields[0].options[1].label: 'ja' reads the same "
        "as options[0] (line 20): the citizen cannot tell them apart; reword one of them"
    ]


def test_repeat_and_number_min_above_max():
    body = form(page(kinderen(question("x"), min=5, max=3), question("n", "number", min=10, max=1)))
    assert problems(body) == [
        "forms/test.yaml:20:98: form.pages[0].fields[0].min: min (5) is larger than max (3), so no "
        "number of items is allowed: make min at most max",
        "forms/test.yaml:21:222: form.pages[0].fields[1].min: min (10) is larger than max (1), so no "
        "answer is allowed: make min at most max",
    ]


def test_a_required_question_in_a_repeat_of_min_zero_is_fine():
    assert problems(form(page(kinderen(question("x", required=True), min=0)))) == []


def test_a_declaration_must_be_required():
    assert problems(form(page(question("d", "declaration", required=False)))) == [
        "forms/test.yaml:20:277: form.pages[0].fields[0].required: a declaration must be required: a "
        "statement the citizen can skip means nothing. Remove required: false, or ask a yes-no question "
        "instead"
    ]


def test_autocomplete_inside_a_repeat_must_be_off():
    body = form(page(kinderen(question("naam_kind", autocomplete="given-name"), question("x", autocomplete="off"))))
    assert problems(body) == [
        "forms/test.yaml:20:364: warning: form.pages[0].fields[0].fields[0].autocomplete: autocomplete "
        "'given-name' inside the repeating group 'kinderen' would fill in the citizen's own details for "
        "someone else: use autocomplete: 'off'"
    ]


def test_a_repeat_cannot_contain_a_group_or_a_repeat():
    body = form(page(kinderen(groep(question("x")))))
    assert problems(body) == [
        "forms/test.yaml:20:131: form.pages[0].fields[0].fields[0].type: a repeating group cannot "
        "contain a group: move its questions into the repeating group itself"
    ]


# --- the samples --------------------------------------------------------------------------------

SAMPLES = sorted((REPO_ROOT / "forms").glob("*.yaml"))


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_the_samples_break_no_rule(sample):
    """The samples are what departments copy: they must be examples of every rule, not exceptions."""
    doc = load(sample.read_text(encoding="utf-8"), f"forms/{sample.name}")
    assert [str(p) for p in check_document(doc, upl=load_upl(UPL_PATH))] == []


# --- any form: no traceback, and every message points at a node that exists ---------------------

IDS = ["a", "b", "c", "d"]
TYPES = ["text", "choice", "multiple-choice", "yes-no", "number", "date", "declaration", "bsn"]
VALUES = st.sampled_from(["a", "b", "ja", "nee", "x", 1, 5, 2.5, True, False])


def _conditions(depth: int = 2):
    test = st.fixed_dictionaries(
        {"field": st.sampled_from(IDS + ["g", "r", "zz"])},
    ).flatmap(lambda base: st.one_of(
        st.builds(lambda v: {**base, "equals": v}, VALUES),
        st.builds(lambda vs: {**base, "one_of": vs}, st.lists(VALUES.filter(lambda v: not isinstance(v, bool)), min_size=1, max_size=3)),
        st.builds(lambda v: {**base, "answered": v}, st.booleans()),
    ))
    if depth == 0:
        return test
    members = st.lists(_conditions(depth - 1), min_size=1, max_size=3)
    return st.one_of(test, st.builds(lambda m: {"all": m}, members), st.builds(lambda m: {"any": m}, members))


def _questions():
    return st.builds(
        lambda id, type, show_if, required, why: question(
            id, type, show_if=show_if, required=required, why=why,
            **({"options": [{"value": "a", "label": "A"}, {"value": "a", "label": "A"}]} if type == "choice" and id == "d" else {}),
        ),
        st.sampled_from(IDS), st.sampled_from(TYPES), st.none() | _conditions(), st.booleans(),
        st.sampled_from(["TODO", "Vraag a", "We hebben dit nodig voor de brief aan u."]),
    )


def _entries():
    group = st.builds(lambda fields, show_if: groep(*fields, **({"show_if": show_if} if show_if else {})),
                      st.lists(_questions(), min_size=1, max_size=3), st.none() | _conditions(1))
    repeat = st.builds(lambda fields, low: {**kinderen(*fields, min=low), "id": "r"},
                       st.lists(_questions() | group, min_size=1, max_size=2), st.integers(0, 5))
    return st.lists(_questions() | group | repeat, min_size=1, max_size=5)


def _exists(data: Any, where: str) -> bool:
    node = data
    for name, index in re.findall(r"(\w+)|\[(\d+)\]", where):
        if name:
            if not isinstance(node, dict) or name not in node:
                return False
            node = node[name]
        else:
            if not isinstance(node, list) or int(index) >= len(node):
                return False
            node = node[int(index)]
    return True


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages=st.lists(st.tuples(_entries(), st.none() | _conditions(1)), min_size=1, max_size=3))
def test_any_form_gets_located_messages_and_no_traceback(pages):
    body = form(*(
        page(*fields, id=f"p{n}", **({"show_if": show_if} if show_if else {}))
        for n, (fields, show_if) in enumerate(pages)
    ))
    doc = parse_document("forms/test.yaml", (HEADER + body).encode("utf-8"))
    assume(not list(_schema().iter_errors(doc.data)))
    for problem in check_document(doc):
        assert problem.line > 0 and problem.where, problem
        assert _exists(doc.data, problem.where), problem
