"""Problems are values: every stage returns them, nothing raises for a user's mistake.

A Problem carries where it is (file, line, column, a JSON-path-like breadcrumb) so that a person can
click it: ``forms/x.yaml:7:11: form.pages[0].fields[1].type: ...``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based; 0 when the problem concerns the whole file
    where: str  # breadcrumb such as "form.pages[0].fields[2].why", or "" for the file itself
    message: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        location = self.file if not self.line else f"{self.file}:{self.line}:{self.column}"
        prefix = "" if self.is_error else "warning: "
        where = f"{self.where}: " if self.where else ""
        return f"{location}: {prefix}{where}{self.message}"


def breadcrumb(path: tuple[str | int, ...] | list[str | int]) -> str:
    """("form", "pages", 0, "fields", 2) -> "form.pages[0].fields[2]"."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def has_errors(problems, strict: bool = False) -> bool:
    return any(p.is_error or strict for p in problems)
