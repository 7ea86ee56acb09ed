"""``formloket build``: validate, then build the site into a fresh folder and swap it in.

Exit status: 0 built, 1 invalid definitions (the same located messages as ``formloket validate``)
or warnings with --strict, 2 a bad or missing mkdocs.yml. The previous site stays as it was unless
the build succeeds.
"""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", "-f", default="mkdocs.yml", metavar="FILE",
                        help="MkDocs configuration (default: mkdocs.yml)")
    parser.add_argument("--site-dir", "-d", metavar="DIR", help="where the site goes (default: mkdocs.yml's site_dir, site/)")
    parser.add_argument("--strict", "-s", action="store_true",
                        help="fail on warnings too (such as no endpoint for the forms)")
    parser.add_argument("--clean", action="store_true",
                        help="forget cached PDFs and render every PDF again")


def run(args: argparse.Namespace) -> int:
    # MkDocs and the renderers are imported here, so `formloket validate` stays quick to start.
    from generator.site_build import BuildOptions, build_site  # noqa: PLC0415

    return build_site(BuildOptions(config_file=args.config, site_dir=args.site_dir,
                                   strict=args.strict, clean=args.clean))
