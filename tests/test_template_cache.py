"""Compiled templates are kept between runs (``KeptTemplates``); a cache that is damaged or cannot be
written never fails a render, and never changes what is rendered."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.render.catalogue import texts
from generator.render.environment import kept_templates, new_environment

TEMPLATE = "catalogue/accessibility.html"
VALUES = {"t": texts("nl"), "contact": {"phone": None, "email": None, "address": None}}


def compile_forbidden(env):
    def compile(*args, **kwargs):
        raise AssertionError("compiled although the cache holds this template")
    env.compile = compile
    return env


def test_a_second_run_loads_compiled_templates_from_the_cache(tmp_path):
    cache = tmp_path / "templates"
    cache.mkdir()
    first = new_environment(kept_templates(str(cache)))
    first.get_template(TEMPLATE)
    assert len(list(cache.iterdir())) >= 1
    # A new environment (a new run) with the same cache does not compile the template again.
    second = compile_forbidden(new_environment(kept_templates(str(cache))))
    assert second.get_template(TEMPLATE).filename.endswith(TEMPLATE)


def test_a_changed_template_is_compiled_again(tmp_path):
    cache = tmp_path / "templates"
    cache.mkdir()
    new_environment(kept_templates(str(cache))).get_template(TEMPLATE)
    env = new_environment(kept_templates(str(cache)))
    source = env.loader.get_source(env, TEMPLATE)
    # the same name and file, other text: the entry's checksum no longer matches
    env.loader.get_source = lambda environment, name: ("<p>changed</p>", source[1], lambda: True)
    assert env.get_template(TEMPLATE).render() == "<p>changed</p>"


def test_a_damaged_cache_entry_is_compiled_again(tmp_path):
    cache = tmp_path / "templates"
    cache.mkdir()
    expected = new_environment(kept_templates(str(cache))).get_template(TEMPLATE)
    for entry in cache.iterdir():
        entry.write_bytes(entry.read_bytes()[:40] + b"\x00garbage")
    env = new_environment(kept_templates(str(cache)))
    template = env.get_template(TEMPLATE)
    assert template.render(**VALUES) == expected.render(**VALUES)


@pytest.mark.parametrize("where", ["a-file", "missing/folder"])
def test_a_cache_that_cannot_be_written_is_no_cache(tmp_path, where):
    (tmp_path / "a-file").write_text("not a folder")
    env = new_environment(kept_templates(str(tmp_path / where)))
    html = env.get_template(TEMPLATE).render(**VALUES)
    assert "<h1" in html
    assert (tmp_path / "a-file").read_text() == "not a folder"
    assert not (tmp_path / "missing").exists()


def test_the_build_uses_jinjas_own_folder():
    from generator.render.environment import KeptTemplates, environment

    cache = environment().bytecode_cache
    assert isinstance(cache, KeptTemplates)
    assert Path(cache.directory).is_dir()
