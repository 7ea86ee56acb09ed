"""Launch Debian's Chromium through Playwright (Playwright cannot download its own browser here)."""

from __future__ import annotations

import os
from pathlib import Path

#: Debian's Chromium; FORMLOKET_CHROMIUM names another build (another distribution puts it elsewhere).
DEFAULT_CHROMIUM = Path("/usr/bin/chromium")
#: No sandbox (containers without user namespaces), no GPU, and no traffic of the browser's own.
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
INSTALL_HINT = "install Debian's chromium package (bash .ci/install --test), or set FORMLOKET_CHROMIUM to a Chromium"


def chromium_path() -> Path:
    return Path(os.environ.get("FORMLOKET_CHROMIUM") or DEFAULT_CHROMIUM)


class BrowserMissing(Exception):
    """Chromium or Playwright is not installed; the message says how to fix it."""


def start_playwright():
    """A started sync Playwright (call ``.stop()``), or BrowserMissing with the fix."""
    chromium = chromium_path()
    if not chromium.is_file():
        raise BrowserMissing(f"Chromium not found at {chromium}: {INSTALL_HINT}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise BrowserMissing(
            "Playwright is not installed: install the test extras (bash .ci/install --test)"
        ) from None
    return sync_playwright().start()


def launch(playwright):
    """One headless Chromium for a whole run."""
    return playwright.chromium.launch(executable_path=str(chromium_path()), args=ARGS, timeout=30_000)
