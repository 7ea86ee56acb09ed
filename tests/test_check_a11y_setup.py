"""``formloket check-a11y`` on a machine that is not ready for it: the message says what to install."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import run_formloket

FIXTURE_SITE = Path(__file__).parent / "fixtures" / "a11y" / "clean"


def test_without_chromium_the_message_says_how_to_install_it(tmp_path):
    missing = tmp_path / "geen-chromium"
    result = run_formloket("check-a11y", FIXTURE_SITE, env={**os.environ, "FORMLOKET_CHROMIUM": str(missing)})
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"formloket check-a11y: Chromium not found at {missing}: install Debian's chromium package "
        "(bash .ci/install --test), or set FORMLOKET_CHROMIUM to a Chromium")
    assert "Traceback" not in result.stderr and result.stdout == ""
