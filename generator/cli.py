"""The ``formloket`` command: thin. Parse options, call one command module, return its exit code.

Each sub-command lives in ``generator/commands/<name>.py`` with ``add_arguments(parser)`` and
``run(args) -> int``; heavy imports (WeasyPrint, Playwright) happen inside ``run`` so that
``formloket validate`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

#: sub-command -> (module under generator.commands, one-line help)
COMMANDS = {
    "validate": ("validate", "check product definitions and report every problem with its location"),
    "build": ("build", "validate, then build the site (catalogue, e-forms, PDFs) into site/"),
    "check-a11y": ("check_a11y", "run axe-core in Chromium on every page and e-form state of a built site"),
    "check-pdf": ("check_pdf", "check every PDF of a built site against the PDF/UA form rules"),
}

EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="formloket",
        description="Forms for public services, with the reason for every question.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (module_name, help_text) in COMMANDS.items():
        module = importlib.import_module(f"generator.commands.{module_name}")
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(command_parser)
        command_parser.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("formloket: interrupted", file=sys.stderr)
        return 130


def run() -> None:
    """The console command: ``main``, then exit without tearing the interpreter down.

    After ``formloket build`` of 500 products the process holds a million objects (definitions,
    pages, templates); freeing them one by one at exit took a quarter of a second, longer than
    some whole steps of the build, and nothing needs them freed: the process ends. So once the
    command has returned (its pools joined, its files written and its temporary folders gone),
    the output is flushed and the process ends at once (``os._exit``), as mypy does for the same
    reason. ``main`` itself returns normally, for callers in Python."""
    code = main()
    try:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed or broken pipe: let the normal exit report it
        sys.exit(code)
    os._exit(code)


if __name__ == "__main__":
    run()
