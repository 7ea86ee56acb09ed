"""Problems as text for people, JSON for tools, or annotations for GitHub Actions.

The problems go to stdout (so they can be piped and compared); the one-line summary goes to
stderr, so it never mixes into JSON or annotations.
"""

from __future__ import annotations

import json
from typing import Iterable

from generator.problems import Problem

FORMATS = ("text", "json", "github")


def summary(problems: list[Problem], files: int) -> str:
    """'2 errors, 1 warning in 1 of 10 files', or '10 products checked: no problems'."""
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return f"{_count(files, 'product')} checked: no problems"
    affected = len({p.file for p in problems})
    counts = ", ".join(part for part in (
        _count(errors, "error") if errors else "",
        _count(warnings, "warning") if warnings else "",
    ) if part)
    return f"{counts} in {affected} of {_count(files, 'file')}"


def render(problems: list[Problem], fmt: str, files: int) -> str:
    """The report in one of FORMATS: what goes to stdout (may be empty)."""
    if fmt == "json":
        return as_json(problems, files)
    if fmt == "github":
        return "".join(annotation(p) + "\n" for p in problems)
    return "".join(str(p) + "\n" for p in problems)


def as_json(problems: Iterable[Problem], files: int) -> str:
    problems = list(problems)
    errors = sum(p.is_error for p in problems)
    document = {
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "where": p.where,
                "message": p.message,
                "severity": p.severity.value,
            }
            for p in problems
        ],
        "summary": {
            "files": files,
            "errors": errors,
            "warnings": len(problems) - errors,
            "text": summary(problems, files),
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def annotation(problem: Problem) -> str:
    """``::error file=forms/x.yaml,line=7,col=11::where: message`` (GitHub workflow command)."""
    properties = [f"file={_escape_property(problem.file)}"]
    if problem.line:
        properties += [f"line={problem.line}", f"col={problem.column}"]
    text = f"{problem.where}: {problem.message}" if problem.where else problem.message
    return f"::{problem.severity.value} {','.join(properties)}::{_escape_data(text)}"


def _escape_data(text: str) -> str:
    # The message part: only %, CR and LF are special.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    # A property value also ends at ':' or ','.
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
