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
    from generator import pipeline, plugin_settings  # noqa: PLC0415

    # Worker processes start reading the definitions now, while this process loads MkDocs; the
    # plugin takes their work over (or, if mkdocs.yml turns out to say otherwise, reads again).
    found = plugin_settings.definition_paths(args.config)
    if found:
        pipeline.start_loading(found[0], upl_path=found[1])
    try:
        # MkDocs and the renderers are imported here, so `formloket validate` stays quick to start.
        from generator.site_build import BuildOptions, build_site  # noqa: PLC0415

        return build_site(BuildOptions(config_file=args.config, site_dir=args.site_dir,
                                       strict=args.strict, clean=args.clean))
    finally:
        pipeline.cancel_started_loading()
