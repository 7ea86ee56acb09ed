"""``formloket build`` starts reading the definitions before it loads MkDocs (plugin_settings reads
mkdocs.yml, pipeline.start_loading starts the workers); the plugin takes that work over. The outcome
must be exactly that of a build without the head start, also when mkdocs.yml is unusual."""

from __future__ import annotations

import os
import shutil
import sys

import pytest

from conftest import REPO_ROOT, run_formloket
from generator import pipeline
from generator.plugin_settings import definition_paths

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
from synthetic import write_products  # noqa: E402

BASE = "site_name: Gemeente Voorbeeldstad\ndocs_dir: docs\ntheme:\n  name: formloket\n"


@pytest.mark.parametrize(("plugins", "expected"), [
    ("plugins:\n  - formloket\n", (["forms"], None)),
    ("plugins:\n  - search\n  - formloket:\n      forms_dir: producten\n      upl_list: upl.json\n",
     (["producten"], "upl.json")),
    ("plugins:\n  formloket:\n    forms_dir: producten\n", (["producten"], None)),
    ("plugins:\n  - formloket:\n", (["forms"], None)),
    # tags MkDocs resolves itself do not stop the reading
    ("extra:\n  x: !ENV [HOME, '']\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
     "      emoji_index: !!python/name:material.extensions.emoji.twemoji\nplugins:\n  - formloket\n",
     (["forms"], None)),
])
def test_the_definitions_are_found_as_the_plugin_finds_them(tmp_path, monkeypatch, plugins, expected):
    (tmp_path / "mkdocs.yml").write_text(BASE + plugins, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert definition_paths("mkdocs.yml") == expected


@pytest.mark.parametrize("text", [
    BASE,  # no plugin
    BASE + "plugins:\n  - search\n",
    BASE + "plugins:\n  - formloket:\n      forms_dir: [a, b]\n",
    "INHERIT: base.yml\n" + BASE + "plugins:\n  - formloket\n",  # the parent may say otherwise
    BASE + "plugins: [formloket\n",  # broken: MkDocs will say so
    "- a list\n",
])
def test_no_head_start_when_mkdocs_yml_does_not_say_plainly(tmp_path, monkeypatch, text):
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert definition_paths("mkdocs.yml") is None
    assert definition_paths("missing.yml") is None


def test_paths_outside_the_working_folder_are_absolute(tmp_path, monkeypatch):
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "mkdocs.yml").write_text(BASE + "plugins:\n  - formloket\n", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert definition_paths("../project/mkdocs.yml") == ([str(tmp_path / "project" / "forms")], None)
    monkeypatch.chdir(tmp_path)
    assert definition_paths("project/mkdocs.yml") == ([os.path.join("project", "forms")], None)


def test_load_products_takes_over_started_work_with_the_same_outcome(tmp_path):
    forms = tmp_path / "forms"
    write_products(forms, n=pipeline.PARALLEL_FROM + 4, fields=6, seed=7)
    files = sorted(forms.glob("*.yaml"))
    shutil.copy(files[0], forms / "zz-copy.yaml")  # a problem across files
    expected = pipeline.load_products([str(forms)])

    pipeline.start_loading([str(forms)])
    started = pipeline._started
    assert started is not None
    taken = pipeline.load_products([str(forms)])
    assert pipeline._started is None
    assert taken.problems == expected.problems and taken.files == expected.files
    assert [d.data for d in taken.documents] == [d.data for d in expected.documents]


def test_work_started_for_other_paths_is_stopped_and_the_right_files_read(tmp_path):
    one, other = tmp_path / "one", tmp_path / "other"
    write_products(one, n=pipeline.PARALLEL_FROM + 1, fields=4, seed=1)
    write_products(other, n=3, fields=4, seed=2)
    pipeline.start_loading([str(one)])
    result = pipeline.load_products([str(other)])
    assert pipeline._started is None
    assert result.files == sorted(str(path) for path in other.glob("*.yaml"))
    pipeline.start_loading([str(one)])
    pipeline.cancel_started_loading()
    assert pipeline._started is None


def test_a_build_with_a_head_start_reports_exactly_what_validate_reports(tmp_path):
    project = tmp_path
    (project / "docs").mkdir()
    write_products(project / "forms", n=pipeline.PARALLEL_FROM + 2, fields=4, seed=9)
    broken = sorted((project / "forms").glob("*.yaml"))[3]
    broken.write_text(broken.read_text(encoding="utf-8").replace("why:", "whyy:", 1), encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        BASE + "plugins:\n  - formloket:\n      endpoint: https://x.nl/in\n      pdf: false\n", encoding="utf-8")
    built = run_formloket("build", cwd=project)
    validated = run_formloket("validate", "forms", cwd=project)
    assert built.returncode == 1 and validated.returncode == 1
    assert built.stdout == validated.stdout
    assert f"forms/{broken.name}:" in built.stdout and "unknown key 'whyy'" in built.stdout
    assert not (project / "site").exists()
