"""The one Jinja environment every renderer uses.

Autoescape is on for every template, so a string from a definition can never become markup, and
``StrictUndefined`` makes a missing value fail the build instead of printing nothing.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from generator.render.markdown import markdown_filter

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"


def format_euro(amount: float | None, lang: str = "nl") -> str:
    """12.5 -> '€ 12,50' (nl) or '€12.50' (en); 0 -> 'Gratis'/'Free'."""
    if amount is None:
        return ""
    if amount == 0:
        return "Gratis" if lang == "nl" else "Free"
    if lang == "nl":
        whole, cents = f"{amount:,.2f}".split(".")
        return f"€ {whole.replace(',', '.')},{cents}"
    return f"€{amount:,.2f}"


def format_size(size_bytes: int, lang: str = "nl") -> str:
    """Size of a download as people read it: '84 kB', '1,2 MB'."""
    if size_bytes < 1_000_000:
        return f"{max(1, round(size_bytes / 1000))} kB"
    megabytes = f"{size_bytes / 1_000_000:.1f}"
    return f"{megabytes.replace('.', ',') if lang == 'nl' else megabytes} MB"


def html_attributes(values: dict) -> Markup:
    """``{"data-fl-required": True, "data-fl-max": 8, "hidden": None}`` -> `` data-fl-required
    data-fl-max='8'``: None and False leave an attribute out, True writes it bare, values are
    escaped (Markup, such as JSON already escaped for an attribute, stays as it is). A filter, not a
    macro: the forms call it dozens of times a page, and a Jinja macro call costs ten times more."""
    parts = []
    for key, value in values.items():
        if value is None or value is False:
            continue
        parts.append(f" {key}" if value is True else f" {key}='{escape(value)}'")
    return Markup("".join(parts))


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["markdown"] = markdown_filter
    env.filters["euro"] = format_euro
    env.filters["filesize"] = format_size
    env.filters["attrs"] = html_attributes
    return env


def compile_templates(*folders: str) -> None:
    """Compile every template in ``folders`` now; the environment keeps them. Worker processes
    forked afterwards inherit them compiled, instead of each compiling its own."""
    env = environment()
    for name in env.list_templates(extensions=["html"]):
        if name.split("/", 1)[0] in folders:
            env.get_template(name)
