"""``formloket check-a11y`` as a user runs it: the gate itself on hand-written fixture sites, usage
errors, and the real thing on the samples (which must pass: this test goes red on a violation)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import REPO_ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "a11y"

pytestmark = pytest.mark.browser


def test_a_violation_names_page_rule_element_and_help_and_exits_1(formloket, tmp_path):
    report = tmp_path / "report.json"
    result = formloket("check-a11y", FIXTURES / "violation", "--report", report)
    assert result.returncode == 1, result.stderr
    assert "/producten/x/: label (critical): Form elements must have labels" in result.stdout
    assert "  element: #zonder-label" in result.stdout
    assert '  html: <input id="zonder-label" name="zonder-label">' in result.stdout
    assert "  help: https://dequeuniversity.com/rules/axe/4.12/label" in result.stdout
    assert "checked 2 pages and 0 form states: 1 violation" in result.stdout
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["axe_version"].startswith("4.")
    assert "wcag22aa" in data["tags"]
    by_path = {c["path"]: c for c in data["checks"]}
    assert by_path["/"]["violations"] == []  # a page checked and passed is listed, with no violations
    [violation] = by_path["/producten/x/"]["violations"]
    assert violation["rule"] == "label"
    assert violation["nodes"][0]["target"] == "#zonder-label"


def test_a_clean_site_exits_0_and_writes_the_report(formloket, tmp_path):
    result = formloket("check-a11y", FIXTURES / "clean", "--report", "a11y.json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "checked 1 page and 0 form states: no violations" in result.stdout
    data = json.loads((tmp_path / "a11y.json").read_text(encoding="utf-8"))
    assert data["checks"] == [{"path": "/", "state": None, "violations": []}]


def test_a_missing_site_is_a_usage_error(formloket, tmp_path):
    result = formloket("check-a11y", tmp_path / "nergens")
    assert result.returncode == 2
    assert "nergens: no such directory (build the site first: formloket build)" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_directory_that_is_not_a_built_site_is_a_usage_error(formloket, tmp_path):
    result = formloket("check-a11y", tmp_path)
    assert result.returncode == 2
    assert "not a built site (no index.html)" in result.stderr


def test_the_samples_have_no_violations_in_any_page_or_form_state(formloket, tmp_path):
    site = tmp_path / "site"
    built = formloket("build", "--site-dir", site, cwd=REPO_ROOT)
    assert built.returncode == 0, built.stdout + built.stderr
    report = tmp_path / "a11y.json"
    result = formloket("check-a11y", site, "--report", report)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no violations" in result.stdout
    checks = json.loads(report.read_text(encoding="utf-8"))["checks"]
    states = {c["state"] for c in checks}
    # Every e-form is checked after an empty submit and without JavaScript, not only as loaded.
    assert {"after submitting empty, step 1", "without JavaScript"} <= states
    forms = {c["path"] for c in checks if c["state"] == "without JavaScript"}
    assert forms and all(p.endswith("/formulier/") for p in forms)
