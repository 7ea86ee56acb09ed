"""Shared test helpers: where things are, and ``formloket`` run as a user runs it (a subprocess)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
#: Material from outside the project (the UPL list), next to the repository, never committed.
SHARED_DIR = REPO_ROOT.parent / "shared"
UPL_PATH = SHARED_DIR / "data" / "upl.json"


def run_formloket(*args: str, cwd: str | Path = REPO_ROOT, env: dict | None = None,
                  timeout: float = 300) -> subprocess.CompletedProcess:
    """``formloket ARGS`` in ``cwd``, with text stdout/stderr and the exit code; never raises on exit 1."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=timeout,
    )


@pytest.fixture
def formloket():
    """The ``formloket`` command as a function: ``formloket("validate", "forms", cwd=tmp_path)``."""
    return run_formloket
