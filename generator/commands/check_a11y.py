"""Placeholder until this sub-command is written."""

import sys


def add_arguments(parser):
    parser.add_argument("paths", nargs="*")


def run(args) -> int:
    print("formloket: this command is not available yet", file=sys.stderr)
    return 2
