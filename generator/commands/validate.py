"""``formloket validate [PATH...]``: check product definitions and report every problem at once.

Exit status: 0 when there are no errors (warnings allowed, unless --strict), 1 when there are,
2 for a usage error (argparse's own).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml

from generator.pipeline import load_products
from generator.problems import has_errors
from generator.report import FORMATS, render, summary

#: Environment variable with the path of the UPL list, when --upl is not given.
UPL_ENV = "FORMLOKET_UPL"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", default=["forms"], metavar="PATH",
        help="product files, or folders of them (default: forms)",
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="text",
        help="text (default), json, or github (annotations for GitHub Actions)",
    )
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument(
        "--upl", metavar="PATH",
        help=f"UPL list (JSON) to check each product's UPL URI against; also ${UPL_ENV}, "
        "or plugins: formloket: upl_list in ./mkdocs.yml",
    )


def run(args: argparse.Namespace) -> int:
    paths = args.paths or ["forms"]
    result = load_products(paths, upl_path=upl_path(args.upl))
    status = 1 if has_errors(result.problems, strict=args.strict) else 0
    # A terminal that cannot show '€' or 'ë' gets an escape, not a traceback.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        sys.stdout.write(render(result.problems, args.format, len(result.files)))
        sys.stdout.flush()
    except BrokenPipeError:  # `formloket validate | head`: the reader has seen enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return status
    sys.stderr.write(summary(result.problems, len(result.files)) + "\n")
    return status


def upl_path(option: str | None, mkdocs_yml: str = "mkdocs.yml") -> str | None:
    """--upl, else $FORMLOKET_UPL, else the formloket plugin's upl_list in mkdocs.yml (relative to it)."""
    if option:
        return option
    if os.environ.get(UPL_ENV):
        return os.environ[UPL_ENV]
    configured = _plugin_option(mkdocs_yml, "upl_list")
    if isinstance(configured, str) and configured:
        return os.path.normpath(os.path.join(os.path.dirname(mkdocs_yml), configured))
    return None


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running anything: MkDocs' !!python/name and !ENV tags become None."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _plugin_option(mkdocs_yml: str, option: str):
    try:
        config = yaml.load(Path(mkdocs_yml).read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None  # no or broken mkdocs.yml: `formloket build` reports it; validation goes on
    plugins = config.get("plugins") if isinstance(config, dict) else None
    entries = plugins.items() if isinstance(plugins, dict) else (
        next(iter(p.items())) for p in plugins or () if isinstance(p, dict) and len(p) == 1
    )
    for name, settings in entries:
        if name == "formloket" and isinstance(settings, dict):
            return settings.get(option)
    return None
