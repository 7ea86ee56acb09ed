"""Helpers for the browser tests: Debian's Chromium, a loopback server that records POSTs, and a
sample site built with its forms posting to that server."""

from __future__ import annotations

import shutil
import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from generator.a11y import browser
from generator.a11y.server import LoopbackServer, SiteServer

__all__ = ["PostCatcher", "SiteServer", "build_site", "launch_chromium", "write_project"]


def launch_chromium(playwright):
    return browser.launch(playwright)


class PostCatcher(LoopbackServer):
    """Records each POST to 127.0.0.1:<free port> (content type and body); answers 200 "ontvangen"."""

    def __init__(self):
        self.posts: list[tuple[str, str, bytes]] = []  # (path, content type, body)
        self.received = threading.Event()
        catcher = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the base class's name
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                catcher.posts.append((self.path, self.headers.get("Content-Type", ""), body))
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(b"<!doctype html><html lang=nl><title>Ontvangen</title><p>ontvangen</p></html>")
                catcher.received.set()

            def log_message(self, format, *args):  # noqa: A002
                pass

        super().__init__(Handler)

    @property
    def endpoint(self) -> str:
        return self.url("/inzending")


def write_project(directory: Path, forms: list[Path], endpoint: str) -> Path:
    """A project with the given form files and the site-wide endpoint; PDFs off for speed."""
    (directory / "forms").mkdir(parents=True)
    (directory / "docs").mkdir()
    for form in forms:
        shutil.copy(form, directory / "forms" / form.name)
    config = directory / "mkdocs.yml"
    config.write_text(
        "site_name: Gemeente Voorbeeldstad\n"
        "docs_dir: docs\n"
        "exclude_docs: |\n  *\n"
        "theme:\n  name: formloket\n  language: nl\n"
        "plugins:\n  - formloket:\n      forms_dir: forms\n"
        f"      endpoint: {endpoint}\n      pdf: false\n      lang: nl\n",
        encoding="utf-8",
    )
    return config


def build_site(directory: Path, forms: list[Path], endpoint: str) -> Path:
    """``write_project`` in ``directory``/project, built with ``formloket build`` into
    ``directory``/site, which is returned; the build must succeed."""
    from conftest import run_formloket  # noqa: PLC0415 - the tests' own way to run the CLI

    config = write_project(directory / "project", forms, endpoint)
    site = directory / "site"
    built = run_formloket("build", "--config", config, "--site-dir", site, cwd=config.parent)
    assert built.returncode == 0, built.stdout + built.stderr
    return site


def posted_fields(content_type: str, body: bytes) -> dict[str, str]:
    """The text fields of a POST body, urlencoded or multipart (file parts give their file name)."""
    from email.parser import BytesParser
    from email.policy import HTTP
    from urllib.parse import parse_qsl

    if content_type.startswith("application/x-www-form-urlencoded"):
        return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
    fields = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        filename = part.get_filename()
        fields[name] = filename if filename is not None else part.get_payload(decode=True).decode("utf-8")
    return fields
