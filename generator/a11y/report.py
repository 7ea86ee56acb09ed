"""Results of a run as text (one block per violation) and as JSON (every page and state checked,
with its violations, so an empty list is the evidence of a pass)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Check:
    path: str  # URL path, e.g. "/producten/x/formulier/"
    state: str | None  # None for the page as loaded; else e.g. "step 2 of 4 (Uw adres): after submitting empty"
    violations: list[dict] = field(default_factory=list)

    @property
    def where(self) -> str:
        return self.path if self.state is None else f"{self.path} [{self.state}]"


def violation_lines(check: Check) -> list[str]:
    lines = []
    for violation in check.violations:
        for node in violation["nodes"]:
            html = " ".join(node["html"].split())
            html = html if len(html) <= 160 else html[:157] + "..."
            lines += [
                f"{check.where}: {violation['id']} ({violation.get('impact') or 'unknown impact'}): {violation['help']}",
                f"  element: {node['target']}",
                f"  html: {html}",
                f"  help: {violation['helpUrl']}",
            ]
    return lines


def summary(checks: list[Check]) -> str:
    pages = sum(1 for c in checks if c.state is None)
    states = len(checks) - pages
    count = sum(len(v["nodes"]) for c in checks for v in c.violations)
    verdict = "no violations" if count == 0 else f"{count} violation{'s' if count != 1 else ''}"
    return f"checked {pages} page{'s' if pages != 1 else ''} and {states} form state{'s' if states != 1 else ''}: {verdict}"


def write_json(checks: list[Check], path: Path, axe_version: str | None, tags: list[str]) -> None:
    data = {
        "axe_version": axe_version,
        "tags": tags,
        "summary": summary(checks),
        "checks": [
            {"path": c.path, "state": c.state, "violations": [
                {"rule": v["id"], "impact": v.get("impact"), "help": v["help"], "help_url": v["helpUrl"],
                 "nodes": v["nodes"]} for v in c.violations]}
            for c in checks
        ],
    }
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
