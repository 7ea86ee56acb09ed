"""`formloket validate` as a user runs it: paths, exit codes, the three output formats, --strict, --upl."""

from __future__ import annotations

import json
import os
import re
import shutil

import pytest

from conftest import REPO_ROOT, UPL_PATH, run_formloket
from generator.commands.validate import upl_path
from generator.problems import Problem, Severity
from generator.report import annotation

VALID = REPO_ROOT / "tests" / "examples" / "valid" / "parkeervergunning" / "forms" / "parkeervergunning-bewoners.yaml"
VALID_TEXT = VALID.read_text(encoding="utf-8")
NAME = "parkeervergunning-bewoners.yaml"


def make_forms(tmp_path, files: dict[str, str | bytes] | None = None):
    """tmp_path/forms with the valid example, plus or instead of ``files``."""
    forms = tmp_path / "forms"
    forms.mkdir()
    for name, content in (files if files is not None else {NAME: VALID_TEXT}).items():
        target = forms / name
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return forms


def with_typo(text: str = VALID_TEXT) -> str:
    return text.replace("          required: false\n", "          requried: false\n", 1)


def without_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "FORMLOKET_UPL"}
    env.update(extra)
    return env


# --- paths and exit codes ---------------------------------------------------------------------------


def test_clean_folder_exits_0_with_a_confirmation(tmp_path):
    make_forms(tmp_path)
    result = run_formloket("validate", "forms", cwd=tmp_path, env=without_env())
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == "1 product checked: no problems\n"


def test_forms_is_the_default_path(tmp_path):
    make_forms(tmp_path, {NAME: with_typo()})
    result = run_formloket("validate", cwd=tmp_path, env=without_env())
    assert result.returncode == 1
    assert result.stdout.startswith(f"forms/{NAME}:")


def test_every_problem_in_every_file_is_reported_at_once(tmp_path):
    make_forms(tmp_path, {
        "a.yaml": "id: a\ntitle: a\ntitle: b\n",
        "b.yaml": "- lijst\n",
        NAME: with_typo(VALID_TEXT.replace("    role: preferred\n", "    role: voorkeur\n", 1)),
        "leeg.yml": "",
    })
    result = run_formloket("validate", "forms", cwd=tmp_path, env=without_env())
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "forms/a.yaml", "forms/b.yaml", "forms/leeg.yml", f"forms/{NAME}", f"forms/{NAME}",
    ]
    assert "channels[0].role: must be one of: preferred, alternative, assisted" in lines[3]
    assert "unknown key 'requried'; did you mean 'required'?" in lines[4]
    assert result.stderr == "5 errors in 4 of 4 files\n"


def test_files_and_folders_can_be_mixed(tmp_path):
    make_forms(tmp_path)
    other = tmp_path / "other.yaml"
    other.write_text("id: x\n", encoding="utf-8")
    result = run_formloket("validate", "forms", "other.yaml", "forms/" + NAME, cwd=tmp_path, env=without_env())
    assert result.returncode == 1
    assert result.stdout.startswith("other.yaml:1:1: missing required key 'title'\nother.yaml:1:1: missing required key 'summary'\n")
    assert result.stderr.endswith("in 1 of 2 files\n")  # forms/NAME named twice is checked once


def test_missing_path_and_empty_folder(tmp_path):
    (tmp_path / "leeg").mkdir()
    (tmp_path / "leeg" / "notities.txt").write_text("geen yaml", encoding="utf-8")
    result = run_formloket("validate", "leeg", "bestaat-niet.yaml", cwd=tmp_path, env=without_env())
    assert result.returncode == 1
    assert result.stdout == (
        "bestaat-niet.yaml: file not found\n"
        "leeg: no product definitions (.yaml files) in this folder\n"
    )


def test_file_over_1_mb_is_a_located_error(tmp_path):
    forms = make_forms(tmp_path)
    big = forms / "groot.yaml"
    big.write_bytes(b"id: groot\nnote: |\n" + (b"  " + b"x" * 98 + b"\n") * 10_000)
    result = run_formloket("validate", "forms", cwd=tmp_path, env=without_env())
    assert result.returncode == 1
    assert result.stdout == (
        "forms/groot.yaml: the file is 1,010,018 bytes; a product definition may be at most 1 MB (1,000,000 bytes)\n"
    )
    assert "Traceback" not in result.stderr


def test_binary_file_is_an_error_not_a_traceback(tmp_path):
    make_forms(tmp_path, {"foto.yaml": bytes(range(256)) * 4})
    result = run_formloket("validate", "forms", cwd=tmp_path, env=without_env())
    assert result.returncode == 1
    assert re.fullmatch(r"forms/foto.yaml:2:118: the file is not UTF-8: byte 0x80 cannot be read; save the file as UTF-8\n", result.stdout)
    assert "Traceback" not in result.stderr


def test_unknown_format_is_a_usage_error(tmp_path):
    result = run_formloket("validate", "--format", "xml", cwd=tmp_path)
    assert result.returncode == 2
    assert "invalid choice: 'xml'" in result.stderr


# --- output formats ---------------------------------------------------------------------------------


def test_json_format(tmp_path):
    make_forms(tmp_path, {NAME: with_typo()})
    result = run_formloket("validate", "forms", "--format", "json", cwd=tmp_path, env=without_env())
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["problems"] == [{
        "file": f"forms/{NAME}", "line": 114, "column": 11, "where": "form.pages[0].fields[2]",
        "message": "unknown key 'requried'; did you mean 'required'?", "severity": "error",
    }]
    assert report["summary"] == {"files": 1, "errors": 1, "warnings": 0, "text": "1 error in 1 of 1 file"}


def test_json_format_when_clean_is_still_json(tmp_path):
    make_forms(tmp_path)
    result = run_formloket("validate", "forms", "--format", "json", cwd=tmp_path, env=without_env())
    assert result.returncode == 0
    assert json.loads(result.stdout)["problems"] == []


def test_github_format(tmp_path):
    make_forms(tmp_path, {NAME: with_typo()})
    result = run_formloket("validate", "forms", "--format", "github", cwd=tmp_path, env=without_env())
    assert result.returncode == 1
    assert result.stdout == (
        f"::error file=forms/{NAME},line=114,col=11::"
        "form.pages[0].fields[2]: unknown key 'requried'; did you mean 'required'?\n"
    )


def test_github_annotations_escape_what_the_format_requires():
    problem = Problem("forms/a,b:c.yaml", 3, 4, "x", "100% fout\r\nregel 2: ja, nee", Severity.WARNING)
    assert annotation(problem) == (
        "::warning file=forms/a%2Cb%3Ac.yaml,line=3,col=4::x: 100%25 fout%0D%0Aregel 2: ja, nee"
    )


def test_github_annotation_without_position():
    assert annotation(Problem("forms/x.yaml", 0, 0, "", "file not found")) == "::error file=forms/x.yaml::file not found"


# --- warnings and --strict --------------------------------------------------------------------------


def with_warning() -> str:
    # A counter by appointment without an address is worth a warning, not an error.
    return VALID_TEXT.replace("    address: |\n      Stadskantoor, Marktplein 1\n      1000 AA Voorbeeldstad\n", "", 1)


def test_warnings_do_not_fail_without_strict(tmp_path):
    make_forms(tmp_path, {NAME: with_warning()})
    result = run_formloket("validate", "forms", cwd=tmp_path, env=without_env())
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith(f"forms/{NAME}:54:5: warning: channels[2]: ")
    assert result.stderr == "1 warning in 1 of 1 file\n"


def test_strict_fails_on_warnings(tmp_path):
    make_forms(tmp_path, {NAME: with_warning()})
    result = run_formloket("validate", "forms", "--strict", cwd=tmp_path, env=without_env())
    assert result.returncode == 1
    assert ": warning: " in result.stdout


def test_warnings_in_github_format(tmp_path):
    make_forms(tmp_path, {NAME: with_warning()})
    result = run_formloket("validate", "forms", "--format", "github", cwd=tmp_path, env=without_env())
    assert result.stdout.startswith(f"::warning file=forms/{NAME},line=54,col=5::channels[2]: ")


# --- the UPL list -----------------------------------------------------------------------------------


def test_upl_list_that_does_not_exist_is_reported(tmp_path):
    make_forms(tmp_path)
    result = run_formloket("validate", "forms", "--upl", "geen-upl.json", cwd=tmp_path, env=without_env())
    assert result.returncode == 1
    assert result.stdout.startswith("geen-upl.json: ")
    assert "Traceback" not in result.stderr


def test_upl_uri_not_in_the_list_is_reported(tmp_path):
    unknown = VALID_TEXT.replace("owms/terms/parkeervergunning", "owms/terms/parkeervergunningen", 1)
    make_forms(tmp_path, {NAME: unknown})
    result = run_formloket("validate", "forms", "--upl", UPL_PATH, cwd=tmp_path, env=without_env())
    assert f"forms/{NAME}:16:8: upl.uri: " in result.stdout  # the uri, whatever the rule's wording
    assert run_formloket("validate", "forms", cwd=tmp_path, env=without_env()).stdout == ""


def test_upl_from_the_environment(tmp_path):
    make_forms(tmp_path)
    result = run_formloket("validate", "forms", cwd=tmp_path, env=without_env(FORMLOKET_UPL="uit-env.json"))
    assert result.stdout.startswith("uit-env.json: ")


MKDOCS_YML = """\
site_name: Producten
theme:
  name: formloket
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
plugins:
  - search
  - formloket:
      upl_list: data/upl.json
      endpoint: !ENV [FORMLOKET_ENDPOINT, "/verstuur"]
"""


def test_upl_path_from_mkdocs_yml_is_relative_to_it(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    mkdocs_yml = str(tmp_path / "site" / "mkdocs.yml")
    assert upl_path(None, mkdocs_yml) == str(tmp_path / "site" / "data" / "upl.json")


def test_upl_option_beats_environment_beats_mkdocs_yml(tmp_path, monkeypatch):
    mkdocs_yml = tmp_path / "mkdocs.yml"
    mkdocs_yml.write_text(MKDOCS_YML, encoding="utf-8")
    monkeypatch.setenv("FORMLOKET_UPL", "env.json")
    assert upl_path("optie.json", str(mkdocs_yml)) == "optie.json"
    assert upl_path(None, str(mkdocs_yml)) == "env.json"
    monkeypatch.delenv("FORMLOKET_UPL")
    assert upl_path(None, str(tmp_path / "geen.yml")) is None


@pytest.mark.parametrize("content", ["", "- lijst\n", "plugins: [search]\n", "plugins:\n  formloket: {}\n", "a: [\n"])
def test_mkdocs_yml_without_a_upl_list_means_no_upl(tmp_path, content):
    mkdocs_yml = tmp_path / "mkdocs.yml"
    mkdocs_yml.write_text(content, encoding="utf-8")
    assert upl_path(None, str(mkdocs_yml)) is None


def test_validate_reads_mkdocs_yml_in_the_working_folder(tmp_path):
    make_forms(tmp_path)
    shutil.copy(UPL_PATH, tmp_path / "upl.json")
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - formloket:\n      upl_list: ontbreekt.json\n", encoding="utf-8")
    result = run_formloket("validate", "forms", cwd=tmp_path, env=without_env())
    assert result.stdout.startswith("ontbreekt.json: ")


def test_a_terminal_without_unicode_gets_escapes_not_a_traceback(tmp_path):
    make_forms(tmp_path, {NAME: VALID_TEXT.replace("    fee: 32.40\n", '    fee: "€ 32,40"\n', 1)})
    result = run_formloket("validate", "forms", cwd=tmp_path, env=without_env(PYTHONIOENCODING="ascii"))
    assert result.returncode == 1
    assert result.stdout == f"forms/{NAME}:36:10: channels[0].fee: must be a number, not '\\u20ac 32,40'\n"


def test_the_same_file_named_two_ways_is_checked_once(tmp_path):
    make_forms(tmp_path)
    result = run_formloket("validate", "forms", f"./forms/{NAME}", cwd=tmp_path, env=without_env())
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == "1 product checked: no problems\n"
