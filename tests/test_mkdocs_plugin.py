"""The plugin under MkDocs' own commands: ``mkdocs build`` and ``mkdocs serve`` as people type them."""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import REPO_ROOT, run_formloket
from test_build import make_project

MKDOCS = str(Path(sys.executable).parent / "mkdocs")
SAMPLE = REPO_ROOT / "forms" / "grofvuil-ophalen.yaml"


def mkdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([MKDOCS, *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=300)


def test_mkdocs_build_turns_forms_into_the_site(tmp_path):
    project = make_project(tmp_path / "project", forms=[SAMPLE, REPO_ROOT / "forms" / "uittreksel-brp.yaml"])
    result = mkdocs("build", cwd=project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    for path in ("index.html", "producten/grofvuil-ophalen/index.html", "producten/grofvuil-ophalen/formulier/index.html",
                 "producten/uittreksel-brp/inzending.schema.json", "levensgebeurtenissen/wonen/index.html",
                 "toegankelijkheid/index.html", "assets/site.css", "assets/catalogue.js"):
        assert (site / path).is_file(), path
    assert not (site / "search").exists(), "no search plugin, no search index"


def test_mkdocs_build_stops_on_invalid_definitions_before_touching_site_dir(tmp_path):
    project = make_project(tmp_path / "project", forms=[SAMPLE])
    assert mkdocs("build", cwd=project).returncode == 0
    home = project / "site" / "index.html"
    before = home.read_bytes(), home.stat().st_mtime_ns
    broken = project / "forms" / "grofvuil-ophalen.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("type: phone", "type: telegraph"), encoding="utf-8")

    result = mkdocs("build", cwd=project)
    validated = run_formloket("validate", "forms", cwd=project)

    assert result.returncode == 1
    assert validated.stdout.strip() and validated.stdout in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert (home.read_bytes(), home.stat().st_mtime_ns) == before


def test_mkdocs_build_strict_fails_without_endpoint(tmp_path):
    project = make_project(tmp_path / "project", endpoint=None, forms=[SAMPLE])
    relaxed = mkdocs("build", cwd=project)
    assert relaxed.returncode == 0
    assert "no endpoint configured: forms will post nowhere" in relaxed.stderr
    strict = mkdocs("build", "--strict", cwd=project)
    assert strict.returncode == 1
    assert "no endpoint configured" in strict.stderr and "strict mode" in strict.stdout + strict.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_mkdocs_serve_rebuilds_when_a_definition_changes(tmp_path):
    project = make_project(tmp_path / "project", forms=[SAMPLE])
    server = subprocess.Popen(
        [MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{free_port()}"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in server.stdout], daemon=True).start()
    seen: list[str] = []

    def wait_for(text: str, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.5)
            except queue.Empty:
                continue
            seen.append(line)
            if text in line:
                return True
        return False

    try:
        assert wait_for("Serving on", 120), "".join(seen)
        watching = [line for line in seen if "Watching paths for changes" in line]
        assert watching and "forms" in watching[0], "".join(seen)
        definition = project / "forms" / "grofvuil-ophalen.yaml"
        definition.write_text(definition.read_text(encoding="utf-8").replace(
            "title: Grofvuil laten ophalen", "title: Grofvuil ophalen"), encoding="utf-8")
        assert wait_for("Detected file changes", 60), "".join(seen)
        assert wait_for("Reloading browsers", 120), "".join(seen)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
