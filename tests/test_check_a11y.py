"""``formloket check-a11y`` as a user runs it: the gate itself on hand-written fixture sites, usage
errors, the e-form walk through every step (a violation on a later step or on check-your-answers is
found; a step nobody gets past fails the gate), and the real thing on the samples (which must pass:
this test goes red on a violation)."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO_ROOT, run_formloket

FIXTURES = Path(__file__).parent / "fixtures" / "a11y"

pytestmark = pytest.mark.browser


def run_slow(*args, cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess:
    """``formloket ARGS`` with room for the full gate on a shared, busy machine."""
    return run_formloket(*args, cwd=cwd, timeout=900)


@pytest.fixture(scope="module")
def steps_run(tmp_path_factory):
    """check-a11y once on the fixture site with three e-forms (tests/fixtures/a11y/steps), served with
    the real form.js: (result, {(path, state): [rules]}, {(path, state): [violations]})."""
    site = tmp_path_factory.mktemp("steps") / "site"
    shutil.copytree(FIXTURES / "steps", site)
    shutil.copy(REPO_ROOT / "generator" / "static" / "form.js", site / "form.js")
    report = site.parent / "a11y.json"
    result = run_slow("check-a11y", site, "--report", report)
    checks = json.loads(report.read_text(encoding="utf-8"))["checks"]
    rules = {(c["path"], c["state"]): [v["rule"] for v in c["violations"]] for c in checks}
    return result, rules, {(c["path"], c["state"]): c["violations"] for c in checks}


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


def test_a_violation_only_on_step_2_is_found_there_with_page_rule_and_state(steps_run):
    result, rules, _ = steps_run
    assert result.returncode == 1, result.stdout + result.stderr
    assert ("/stap-twee/ [step 2 of 3 (Uw adres): after submitting empty]: label (critical): "
            "Form elements must have labels") in result.stdout
    assert "  element: #zonder-label-stap-2" in result.stdout
    # Reached by answering step 1 and pressing Volgende: found on step 2, and only where step 2 shows.
    assert rules[("/stap-twee/", "step 2 of 3 (Uw adres): after submitting empty")] == ["label"]
    for state in (None, "step 1 of 3 (Over u): after submitting empty", "check your answers (step 3 of 3)",
                  "check your answers (step 3 of 3): after submitting without the declaration"):
        assert rules[("/stap-twee/", state)] == [], state
    assert rules[("/stap-twee/", "without JavaScript")] == ["label"]  # every step on one page


def test_a_violation_only_on_check_your_answers_is_found_there(steps_run):
    result, rules, _ = steps_run
    assert ("/controleren/ [check your answers (step 2 of 2)]: label (critical): Form elements must have labels"
            in result.stdout)
    assert "  element: #zonder-label-controleren" in result.stdout
    assert rules[("/controleren/", "check your answers (step 2 of 2)")] == ["label"]
    assert rules[("/controleren/", "check your answers (step 2 of 2): after submitting without the declaration")] == ["label"]
    assert rules[("/controleren/", None)] == []
    assert rules[("/controleren/", "step 1 of 2 (Over u): after submitting empty")] == []


def test_a_step_nobody_gets_past_fails_as_state_not_reached_saying_where_and_why(steps_run):
    result, rules, violations = steps_run
    state = "the steps after step 1 of 3 (Hoeveel)"
    assert rules[("/vast/", "step 1 of 3 (Hoeveel): after submitting empty")] == []
    [violation] = violations[("/vast/", state)]
    assert violation["rule"] == "state-not-reached"
    message = violation["nodes"][0]["html"]
    assert message == ("pressing 'Volgende' on step 1 of 3 (Hoeveel) with valid answers did not go on: "
                       "field 'aantal' (answered '10'): 'Aantal' moet 5 of minder zijn")
    assert f"/vast/ [{state}]: state-not-reached" in result.stdout
    # Nothing after the stuck step counts as checked.
    assert not [s for (path, s) in rules if path == "/vast/" and s and "check your answers" in s]
    assert "checked 4 pages and 12 form states: 6 violations" in result.stdout


def _form_steps(page: Path) -> tuple[list[dict], str]:
    """The question steps of a built e-form page (title, has conditions, has a repeat) and its final part."""
    text = page.read_text(encoding="utf-8")
    steps = []
    for section in re.findall(r"<section data-fl-step=.*?</section>", text, re.S):
        title = re.search(r"<h2[^>]*>(.*?)</h2>", section, re.S).group(1)
        steps.append({"title": " ".join(html.unescape(re.sub(r"<[^>]+>", "", title)).split()),
                      "conditions": "data-fl-show-if" in section.split(">", 1)[1],
                      "repeat": "data-fl-repeat=" in section})
    final = re.search(r"<section[^>]*data-fl-final.*?</section>", text, re.S).group(0)
    return steps, final


def test_the_samples_have_no_violations_in_any_page_or_form_state(tmp_path):
    site = tmp_path / "site"
    built = run_slow("build", "--site-dir", site)
    assert built.returncode == 0, built.stdout + built.stderr
    report = tmp_path / "a11y.json"
    result = run_slow("check-a11y", site, "--report", report)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no violations" in result.stdout
    checks = json.loads(report.read_text(encoding="utf-8"))["checks"]
    assert all(c["violations"] == [] for c in checks)  # state-not-reached included
    forms = {c["path"] for c in checks if c["state"] == "without JavaScript"}
    assert forms and all(p.endswith("/formulier/") for p in forms)
    assert len(forms) == len(list(site.glob("producten/*/formulier/index.html")))
    for path in sorted(forms):
        states = [c["state"] for c in checks if c["path"] == path and c["state"]]
        steps, final = _form_steps(site / path.strip("/") / "index.html")
        assert len(steps) > 1, path
        # Every step is reached by answering the earlier ones, and checked in its states.
        for step in steps:
            mine = [s for s in states if re.match(rf"step \d+ of \d+ \({re.escape(step['title'])}\): ", s)]
            assert any(s.endswith((": after submitting empty", ": as shown (no required question, so no errors to show)"))
                       for s in mine), (path, step["title"], states)
            if step["conditions"]:
                assert any(": every condition opened" in s for s in mine), (path, step["title"], states)
            if step["repeat"]:
                assert any(s.endswith(": every repeat at its maximum") for s in mine), (path, step["title"], states)
        assert any(re.fullmatch(r"check your answers \(step (\d+) of \1\)", s) for s in states), (path, states)
        if "data-fl-type=declaration" in final:
            assert any(s.endswith(": after submitting without the declaration") for s in states), (path, states)
