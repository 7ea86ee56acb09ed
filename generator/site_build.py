"""Build the site somewhere else, then swap it in: a failed build leaves the previous site/ as it was.

    load mkdocs.yml -> build into a fresh folder beside the target (same file system)
    -> on success: rename the old site away, rename the new one in, delete the old one
    -> on failure: delete the fresh folder; the old site is untouched

``mkdocs build`` itself writes straight into site_dir; the plugin validates everything before MkDocs
touches it, but only this path is safe against failures later in the build.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from generator.mkdocs_plugin import InvalidDefinitions
from generator.report import render as render_report, summary

EXIT_OK, EXIT_INVALID, EXIT_CONFIG = 0, 1, 2


@dataclass(frozen=True)
class BuildOptions:
    config_file: str = "mkdocs.yml"
    site_dir: str | None = None  # default: mkdocs.yml's site_dir
    strict: bool = False
    clean: bool = False  # also forget cached PDFs, so every PDF is rendered again


def build_site(options: BuildOptions) -> int:
    """Build and swap; print what a person needs (problems on stdout, like ``formloket validate``)."""
    handler = _show_mkdocs_warnings()
    try:
        try:
            config = load_config(config_file=options.config_file, strict=options.strict or None)
        except ConfigurationError as error:
            print(f"formloket: {options.config_file}: {error}", file=sys.stderr)
            return EXIT_CONFIG
        except Abort as error:  # configuration warnings (an unknown option) in strict mode
            print(f"formloket: {options.config_file}: {error.format_message()}", file=sys.stderr)
            return EXIT_CONFIG
        target = Path(options.site_dir or config.site_dir).resolve()
        if options.clean:
            _forget_cached_pdfs(config)
        started = time.monotonic()
        target.parent.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}-build-", dir=target.parent))
        _make_readable(fresh)  # mkdtemp makes it private; a site is published
        built = False
        try:
            config.site_dir = str(fresh)
            build(config)
            built = True
        except InvalidDefinitions as error:
            sys.stdout.write(render_report(error.problems, "text", error.files))
            print(summary(error.problems, error.files), file=sys.stderr)
            print(f"formloket: site not built; {_shown(target)} is unchanged", file=sys.stderr)
            return EXIT_INVALID
        except Abort as error:
            print(f"formloket: {error.format_message()}", file=sys.stderr)
            print(f"formloket: site not built; {_shown(target)} is unchanged", file=sys.stderr)
            return EXIT_INVALID
        finally:
            if not built:  # a user's mistake or a bug: either way, no half site is left behind
                shutil.rmtree(fresh, ignore_errors=True)
        _swap_in(fresh, target)
        pages = sum(name.endswith(".html") for _, _, names in os.walk(target) for name in names)
        print(f"formloket: built {pages} pages into {_shown(target)} in {time.monotonic() - started:.1f} s",
              file=sys.stderr)
        return EXIT_OK
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)


def _swap_in(fresh: Path, target: Path) -> None:
    """Two renames on one file system: there is always a complete site at ``target`` or a moment
    with none, never a half-written one."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        os.rmdir(old)
        os.rename(target, old)
    os.rename(fresh, target)
    if old is not None:
        _remove(old)


def _remove(folder: Path) -> None:
    """``shutil.rmtree(folder, ignore_errors=True)``, with the files and then each level of folders
    removed by a few threads at once: removing a file is the file system's work, during which a
    thread does not hold Python up, and an old site has thousands (for 500 products, 1,500 files in
    1,000 folders: about half the time of one by one)."""
    files: list[str] = []
    levels: dict[int, list[str]] = {}
    for root, folders, names in os.walk(folder) if not os.path.islink(folder) else ():  # never into a symlinked folder: that goes as a file
        levels.setdefault(root.count(os.sep), []).append(root)
        files.extend(os.path.join(root, name) for name in names)
        files.extend(os.path.join(root, name) for name in folders if os.path.islink(os.path.join(root, name)))
    try:
        with ThreadPoolExecutor(max_workers=REMOVERS) as pool:
            for paths, remove in [(files, os.unlink)] + [(levels[depth], os.rmdir) for depth in sorted(levels, reverse=True)]:
                list(pool.map(_remove_each, [paths[start::REMOVERS] for start in range(REMOVERS)], [remove] * REMOVERS))
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # whatever is left: a file that came or would not go


#: Threads that remove an old site's files at once.
REMOVERS = 4


def _remove_each(paths: list[str], remove) -> None:
    for path in paths:
        try:
            remove(path)
        except OSError:
            pass  # left for shutil.rmtree, which ignores what it cannot remove either


def _make_readable(folder: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)


def _forget_cached_pdfs(config) -> None:
    plugin = config.plugins.get("formloket")
    if plugin is None:
        return
    project = Path(config.config_file_path).resolve().parent
    shutil.rmtree(project / plugin.config.cache_dir, ignore_errors=True)


def _show_mkdocs_warnings() -> logging.Handler:
    """MkDocs' warnings (and ours, which go through its logger) on stderr, as ``WARNING: ...``; plus
    our plugin's progress lines (``formloket: PDFs: 120/500``), so a long build shows it is moving."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.INFO)
    handler.addFilter(lambda record: record.levelno >= logging.WARNING or record.name == PLUGIN_LOGGER)
    handler.setFormatter(_WarningsNamed())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(min(logger.level or logging.WARNING, logging.WARNING))
    logging.getLogger(PLUGIN_LOGGER).setLevel(logging.INFO)
    return handler


PLUGIN_LOGGER = "mkdocs.plugins.formloket"


class _WarningsNamed(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        text = record.getMessage()
        return text if record.levelno < logging.WARNING else f"{record.levelname}: {text}"


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
