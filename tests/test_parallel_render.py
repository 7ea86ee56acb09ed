"""A large site's pages are rendered by forked workers while MkDocs writes the pages before them
(generator/mkdocs_plugin.py, ParallelRendering): the site must be exactly the one a single process
renders, and a renderer that fails must fail the build and leave no worker or temporary file behind."""

from __future__ import annotations

import filecmp
import multiprocessing
import os
import sys
import threading
from pathlib import Path

import pytest

from conftest import REPO_ROOT
from generator import mkdocs_plugin
from generator.render import catalogue
from generator.site_build import BuildOptions, build_site
from test_build import make_project

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
from synthetic import write_products  # noqa: E402


@pytest.fixture
def project(tmp_path) -> Path:
    paths = write_products(tmp_path / "synthetic", n=30, fields=8, seed=2)
    return make_project(tmp_path / "project", forms=[Path(p) for p in paths])


@pytest.fixture
def renderings(monkeypatch) -> list[mkdocs_plugin.ParallelRendering]:
    """Every ParallelRendering the plugin starts."""
    started: list[mkdocs_plugin.ParallelRendering] = []
    original = mkdocs_plugin.ParallelRendering.__init__

    def record(self, *args, **kwargs):
        original(self, *args, **kwargs)
        started.append(self)

    monkeypatch.setattr(mkdocs_plugin.ParallelRendering, "__init__", record)
    return started


def build(project: Path, site: Path) -> int:
    cwd = os.getcwd()
    os.chdir(project)
    try:
        return build_site(BuildOptions(config_file="mkdocs.yml", site_dir=str(site)))
    finally:
        os.chdir(cwd)


def same_tree(left: Path, right: Path) -> list[str]:
    """Paths that differ (in content or presence) between two folders."""
    differences = []
    compared = filecmp.dircmp(left, right)
    differences += [str(left / name) for name in compared.left_only + compared.right_only + compared.funny_files]
    _, mismatch, errors = filecmp.cmpfiles(left, right, compared.common_files, shallow=False)
    differences += [str(left / name) for name in mismatch + errors]
    for folder in compared.common_dirs:
        differences += same_tree(left / folder, right / folder)
    return differences


def test_workers_render_exactly_the_site_one_process_renders(project, renderings, monkeypatch):
    assert threading.active_count() == 1, "the test must exercise the worker processes"
    assert build(project, project / "parallel") == 0
    assert len(renderings) == 1 and renderings[0]._waiting == 0, "every page came from the workers"
    assert not Path(renderings[0]._folder).exists()
    assert not multiprocessing.active_children()

    monkeypatch.setattr(mkdocs_plugin, "PARALLEL_FROM", 10**9)
    assert build(project, project / "serial") == 0
    assert len(renderings) == 1

    assert len(list((project / "serial").rglob("*.html"))) > 2 * 30  # a product page and a form per product
    assert same_tree(project / "parallel", project / "serial") == []


def test_a_renderer_failing_in_a_worker_fails_the_build_and_stops_the_workers(project, renderings, monkeypatch):
    assert build(project, project / "site") == 0
    before = (project / "site" / "index.html").read_bytes()
    renderings.clear()
    broken = sorted(p.stem for p in (project / "forms").glob("*.yaml"))[-1]
    render_product = catalogue.render_product

    def fails_for_one(product, **kwargs):
        if product.id == broken:
            raise RuntimeError(f"renderer bug on {product.id}")
        return render_product(product, **kwargs)

    monkeypatch.setattr(catalogue, "render_product", fails_for_one)  # the forked workers inherit it
    with pytest.raises(RuntimeError, match=f"renderer bug on {broken}"):
        build(project, project / "site")
    assert len(renderings) == 1 and renderings[0]._pool is None
    assert not Path(renderings[0]._folder).exists()
    assert not multiprocessing.active_children()
    assert (project / "site" / "index.html").read_bytes() == before, "the previous site is untouched"
