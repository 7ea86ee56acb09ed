"""Servers on 127.0.0.1, on a free port, in a thread. SiteServer serves a built site: pages are
checked over http, as users get them, not from file:// (where scripts and paths behave differently).
LoopbackServer is the shared part; the tests also use it for a server that records form posts."""

from __future__ import annotations

import functools
import threading
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class LoopbackServer:
    """``with LoopbackServer(handler) as server: server.url("/x")``: serves in a thread until the
    block ends."""

    def __init__(self, handler: type[BaseHTTPRequestHandler] | functools.partial):
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.timeout = 10
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.origin + path

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=10)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class SiteServer(LoopbackServer):
    """``with SiteServer(site_dir) as server: server.url("/producten/x/")``."""

    def __init__(self, site_dir: Path):
        super().__init__(functools.partial(_QuietHandler, directory=str(site_dir)))
