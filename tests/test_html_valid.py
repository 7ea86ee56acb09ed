"""Every page of the built sample site is valid HTML, as the W3C's Nu Html Checker (vnu.jar) says.

``bash .ci/install --test`` puts vnu.jar under .cache/vnu (npm package vnu-jar) and Java beside it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO_ROOT, run_formloket
from test_build import make_project

VNU_JAR = REPO_ROOT / ".cache" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("valid") / "project")
    result = run_formloket("build", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_every_page_is_valid_html(site):
    assert VNU_JAR.is_file() and shutil.which("java"), "the Nu Html Checker is missing: run bash .ci/install --test"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    checked = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(checked.stderr or '{"messages": []}')["messages"]
    # vnu names pages as file: URLs; show them as paths in the site.
    errors = [f"{m.get('url', '').split(str(site), 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}" for m in messages]
    assert errors == [], "\n".join(errors)
