"""Collect located problems for one document: every rule says *where* by a path into the data.

The path is the same one a JSON Schema error has (``("form", "pages", 0, "id")``), so a rule's
message reads exactly like a schema message: ``forms/x.yaml:7:11: form.pages[0].id: ...``.
"""

from __future__ import annotations

from typing import Any, Sequence

from generator.locate import position
from generator.problems import Problem, Severity, breadcrumb

Path = Sequence[str | int]


class Findings:
    """The problems found in one document so far, each placed on its YAML node."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def error(self, path: Path, message: str) -> None:
        self._add(path, message, Severity.ERROR)

    def warning(self, path: Path, message: str) -> None:
        self._add(path, message, Severity.WARNING)

    def line(self, path: Path) -> int:
        """The line of a node, for messages that point back at an earlier occurrence."""
        return position(self.doc.root, tuple(path))[0]

    def _add(self, path: Path, message: str, severity: Severity) -> None:
        line, column = position(self.doc.root, tuple(path))
        self.problems.append(
            Problem(self.doc.path, line, column, breadcrumb(tuple(path)), message, severity)
        )
