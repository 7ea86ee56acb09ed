"""The UPL list: reading it (every broken file is a Problem, never a traceback) and the UPL rule."""

from __future__ import annotations

import json

import pytest

from conftest import UPL_PATH
from generator.problems import Problem
from generator.upl import UplList, load_upl
from test_rules import HEADER_WITHOUT_FORM, problems

HUWELIJK = "http://standaarden.overheid.nl/owms/terms/huwelijksaangifte"


@pytest.fixture(scope="module")
def upl() -> UplList:
    loaded = load_upl(UPL_PATH)
    assert isinstance(loaded, UplList), loaded
    return loaded


def product(name: str = "huwelijksaangifte", uri: str = HUWELIJK, audience: str = "[burger]") -> str:
    return (
        HEADER_WITHOUT_FORM.replace(f"  name: huwelijksaangifte\n  uri: {HUWELIJK}\n", f"  name: {name}\n  uri: {uri}\n")
        .replace("audience: [burger]", f"audience: {audience}")
    )


# --- reading the list ---------------------------------------------------------------------------

def test_the_shared_list_has_every_product_with_its_name_and_audience(upl):
    assert len(upl.entries) == json.loads(UPL_PATH.read_text(encoding="utf-8"))["count"]
    entry = upl.get(HUWELIJK)
    assert (entry.name, entry.burger, entry.bedrijf) == ("huwelijksaangifte", True, False)


def test_a_missing_list_is_a_problem_with_its_path(tmp_path):
    path = tmp_path / "upl.json"
    assert load_upl(path) == Problem(
        str(path), 0, 0, "", "UPL list not found: give the path of a UPL JSON file with --upl"
    )


def test_a_folder_is_not_a_list(tmp_path):
    assert load_upl(tmp_path).message == "this is a directory, not a UPL list: give the path of the JSON file"


def test_a_list_that_is_not_json_is_located(tmp_path):
    path = tmp_path / "upl.json"
    path.write_text('{"products": [\n  {"uri": "x",}\n]}', encoding="utf-8")
    assert str(load_upl(path)) == f"{path}:2:15: the UPL list is not valid JSON: Expecting property name enclosed in double quotes"


def test_a_list_that_is_not_utf8(tmp_path):
    path = tmp_path / "upl.json"
    path.write_bytes(b'{"products": "\xff"}')
    assert load_upl(path).message.startswith("cannot read the UPL list: ")


@pytest.mark.parametrize("content", ['[]', '{"products": []}', '{"source": "x"}', '{"products": {"uri": "x"}}'])
def test_json_that_is_not_a_upl_list(tmp_path, content):
    path = tmp_path / "upl.json"
    path.write_text(content, encoding="utf-8")
    assert str(load_upl(path)) == (
        f'{path}: not a UPL list: expected JSON like {{"products": [{{"uri": '
        '"http://standaarden.overheid.nl/owms/terms/...", "name": "..."}]}'
    )


def test_an_entry_without_a_name_is_located_by_its_index(tmp_path):
    path = tmp_path / "upl.json"
    path.write_text('{"products": [{"uri": "u", "name": "n"}, {"uri": "v"}]}', encoding="utf-8")
    assert str(load_upl(path)).startswith(f"{path}: products[1]: not a UPL entry: every product needs a uri and a name")


# --- the rule -----------------------------------------------------------------------------------

def test_a_listed_product_has_no_problem(upl):
    assert problems(header=product(), upl=upl) == []


def test_without_a_list_the_uri_is_not_checked():
    assert problems(header=product(uri=HUWELIJK + "x")) == []


def test_a_typo_in_the_uri_suggests_the_closest_uri(upl):
    assert problems(header=product(uri="http://standaarden.overheid.nl/owms/terms/huwelijksaangift"), upl=upl) == [
        "forms/test.yaml:6:8: upl.uri: http://standaarden.overheid.nl/owms/terms/huwelijksaangift is not "
        f"in the UPL list: did you mean {HUWELIJK} ('huwelijksaangifte')?"
    ]


def test_another_case_or_scheme_suggests_the_uri_as_listed(upl):
    [message] = problems(header=product(uri="https://standaarden.overheid.nl/owms/terms/Huwelijksaangifte"), upl=upl)
    assert message.endswith(f"did you mean {HUWELIJK} ('huwelijksaangifte')?")


def test_an_unknown_term_is_matched_by_the_product_name(upl):
    [message] = problems(header=product("verhuizing", "http://standaarden.overheid.nl/owms/terms/verhuizing"), upl=upl)
    assert message.endswith(
        "did you mean http://standaarden.overheid.nl/owms/terms/verhuismelding ('verhuismelding')?"
    )


def test_nothing_alike_asks_to_look_it_up(upl):
    assert problems(header=product("zzzzqqq", "http://standaarden.overheid.nl/owms/terms/zzzzqqq"), upl=upl) == [
        "forms/test.yaml:6:8: upl.uri: http://standaarden.overheid.nl/owms/terms/zzzzqqq is not in the UPL "
        "list: find the product in the list and copy its URI"
    ]


def test_a_name_that_differs_from_the_list_is_a_warning(upl):
    assert problems(header=product(name="Huwelijksaangifte"), upl=upl) == [
        "forms/test.yaml:5:9: warning: upl.name: 'Huwelijksaangifte' differs from the UPL list's name for "
        "this URI, 'huwelijksaangifte': copy the name from the list"
    ]


def test_an_audience_the_list_does_not_know_is_a_warning(upl):
    assert problems(header=product(audience="[burger, ondernemer]"), upl=upl) == [
        "forms/test.yaml:7:20: warning: audience[1]: the UPL list says 'huwelijksaangifte' is not a "
        "product for businesses (bedrijf: false): check the audience, or the UPL URI"
    ]
    aanwijzing = product("aanwijzing inzamelaar", "http://standaarden.overheid.nl/owms/terms/aanwInzam")
    assert problems(header=aanwijzing, upl=upl) == [
        "forms/test.yaml:7:12: warning: audience[0]: the UPL list says 'aanwijzing inzamelaar' is not a "
        "product for citizens (burger: false): check the audience, or the UPL URI"
    ]
