"""Example definitions, found on disk: valid ones must pass, each invalid one gives its exact report.

Layout, one folder per case:

    tests/examples/valid/<case>/forms/*.yaml          `formloket validate forms` exits 0, prints nothing
    tests/examples/invalid/<case>/forms/*.yaml        one or more definitions (or none)
    tests/examples/invalid/<case>/expected.txt        the exact stdout of `formloket validate forms`
    tests/examples/invalid/<case>/args                optional: extra arguments, one per line;
                                                      {upl} becomes the path of the shared UPL list
    tests/examples/invalid/<case>/exit                optional: expected exit code (default 1)

The command runs with the case folder as working directory, so paths in the report read
``forms/x.yaml:LINE:COL: ...`` as an editor sees them. Names: ``load-*`` for files that cannot be
read, ``schema-*`` for JSON Schema faults, ``rule-*`` for the rules beyond the schema.

After a deliberate change of wording, rewrite every expected.txt from the current output (then
read the diff before committing it):

    FORMLOKET_REFRESH_EXAMPLES=1 .venv/bin/pytest tests/test_example_files.py
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from conftest import REPO_ROOT, UPL_PATH, run_formloket

EXAMPLES = REPO_ROOT / "tests" / "examples"
REFRESH = os.environ.get("FORMLOKET_REFRESH_EXAMPLES") == "1"


def _cases(kind: str) -> list[Path]:
    folder = EXAMPLES / kind
    return sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def _extra_args(case: Path) -> list[str]:
    args_file = case / "args"
    if not args_file.exists():
        return []
    lines = args_file.read_text(encoding="utf-8").splitlines()
    return [line.replace("{upl}", str(UPL_PATH)) for line in lines if line.strip()]


@pytest.mark.parametrize("case", _cases("valid"), ids=lambda p: p.name)
def test_valid_example_passes(case: Path):
    result = run_formloket("validate", "forms", "--strict", "--upl", UPL_PATH, *_extra_args(case), cwd=case)
    assert result.stdout == "", result.stdout
    assert result.returncode == 0, result.stderr
    assert "no problems" in result.stderr


@pytest.mark.parametrize("case", _cases("invalid"), ids=lambda p: p.name)
def test_invalid_example_reports_expected_problems(case: Path):
    result = run_formloket("validate", "forms", *_extra_args(case), cwd=case)
    assert "Traceback" not in result.stderr, result.stderr
    expected_file = case / "expected.txt"
    if REFRESH:
        expected_file.write_text(result.stdout, encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8")
    if result.stdout != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(keepends=True), result.stdout.splitlines(keepends=True),
            fromfile=f"{case.name}/expected.txt", tofile="formloket validate forms",
        ))
        pytest.fail(f"report differs from {case.name}/expected.txt:\n{diff}", pytrace=False)
    exit_file = case / "exit"
    expected_exit = int(exit_file.read_text().strip()) if exit_file.exists() else 1
    assert result.returncode == expected_exit, result.stderr
