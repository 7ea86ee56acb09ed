"""Whatever an editor does to a valid definition, validation answers with located problems or success.

Hypothesis mutates valid definitions (the parking-permit example and a synthetic product): it
deletes keys, changes a value's type, adds unknown keys, rewrites text, shuffles lists, cuts the
YAML off anywhere, and drops random bytes or YAML punctuation into it. Every run must end in either
no errors or a list of problems that each point at a line and column; never an exception. Most runs
go through the pipeline in-process (fast); a few run the real command.
"""

from __future__ import annotations

import copy
import os
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO_ROOT, run_formloket
from generator.load import parse_document
from generator.pipeline import load_products
from generator.validate import _fast_validator, _python_validator

sys.path.insert(0, str(REPO_ROOT))
from benchmarks.synthetic import Dumper, product  # noqa: E402

PARKING = REPO_ROOT / "tests" / "examples" / "valid" / "parkeervergunning" / "forms" / "parkeervergunning-bewoners.yaml"
SYNTHETIC = product(7, fields=20)
BASES = {
    "parkeervergunning-bewoners": PARKING.read_text(encoding="utf-8"),
    SYNTHETIC["id"]: yaml.dump(SYNTHETIC, Dumper=Dumper, sort_keys=False, allow_unicode=True),
}

PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    # In CI the same examples every run, so a red build is reproducible; locally, new ones each run.
    derandomize=bool(os.environ.get("CI")),
)

_workdir = tempfile.TemporaryDirectory(prefix="formloket-properties-")
WORKDIR = Path(_workdir.name)


def check(name: str, raw: bytes):
    """Validate ``raw`` as forms/<name>.yaml in-process; assert the outcome is well-formed."""
    path = WORKDIR / f"{name}.yaml"
    path.write_bytes(raw)
    result = load_products([str(path)])
    for problem in result.problems:
        assert problem.file == str(path), problem
        assert problem.line >= 1 and problem.column >= 1, f"problem without a position: {problem}"
        assert problem.message.strip(), problem
    if result.has_errors:
        assert result.products == []
    else:
        assert [p.id for p in result.products] == [result.documents[0].data["id"]]
    return result


def test_the_bases_are_valid():
    for name, text in BASES.items():
        result = check(name, text.encode())
        assert result.problems == [], result.problems


# --- mutations of the data ------------------------------------------------------------------------

values = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
    st.text(max_size=30), st.sampled_from(["", "ja", "nee", "P5Y", "text", "burger", "2025-01-10", "~"]),
    st.lists(st.text(max_size=6), max_size=3),
    st.dictionaries(st.text(max_size=10), st.text(max_size=6), max_size=2),
)
unknown_keys = st.one_of(
    st.text(min_size=1, max_size=12),
    st.sampled_from(["requried", "lable", "Type", "opties", "show-if", "why ", "on", "yes", "<<"]),
)


def all_paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from all_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from all_paths(value, (*prefix, index))


def at(node, path):
    for step in path:
        node = node[step]
    return node


def mutate(data, draw):
    """Apply one random edit to ``data`` in place."""
    paths = list(all_paths(data))
    path = draw(st.sampled_from(paths))
    target = at(data, path)
    operation = draw(st.sampled_from(["delete", "retype", "add-key", "rewrite-text", "shuffle"]))
    if operation == "delete" and path:
        parent = at(data, path[:-1])
        del parent[path[-1]]
    elif operation == "retype" and path:
        at(data, path[:-1])[path[-1]] = draw(values)
    elif operation == "add-key" and isinstance(target, dict):
        target[draw(unknown_keys)] = draw(values)
    elif operation == "rewrite-text" and isinstance(target, str) and path:
        at(data, path[:-1])[path[-1]] = draw(st.text(max_size=40))
    elif operation == "shuffle" and isinstance(target, list):
        target[:] = draw(st.permutations(target))


@PROPERTY_SETTINGS
@given(name=st.sampled_from(sorted(BASES)), data=st.data())
def test_data_mutations_give_success_or_located_problems(name, data):
    document = parse_document("x.yaml", BASES[name].encode())
    mutated = copy.deepcopy(document.data)
    for _ in range(data.draw(st.integers(1, 3))):
        mutate(mutated, data.draw)
    text = yaml.dump(mutated, Dumper=Dumper, sort_keys=False, allow_unicode=True)
    result = check(name, text.encode("utf-8"))
    # A definition the schema rejects is never let through, even when no message fits it well.
    if result.documents and not _python_validator().is_valid(result.documents[0].data):
        assert result.has_errors


@pytest.mark.skipif(_fast_validator() is None, reason="jsonschema-rs is not installed: jsonschema alone decides, nothing to compare")
@PROPERTY_SETTINGS
@given(name=st.sampled_from(sorted(BASES)), data=st.data())
def test_fast_and_reference_validators_agree(name, data):
    # jsonschema-rs decides validity; it must agree with jsonschema, whose errors we explain.
    document = parse_document("x.yaml", BASES[name].encode())
    mutated = copy.deepcopy(document.data)
    for _ in range(data.draw(st.integers(1, 2))):
        mutate(mutated, data.draw)
    assert _fast_validator().is_valid(mutated) == _python_validator().is_valid(mutated)


# --- mutations of the text ------------------------------------------------------------------------

YAML_PUNCTUATION = ["\t", ":", ": ", "- ", '"', "'", "&a ", "*a", "!", "!!", "{", "}", "[", "]", "#", "|", ">", "%", "@", "`", "\n", "  ", "---\n", "\x00", "\ufeff"]


@PROPERTY_SETTINGS
@given(name=st.sampled_from(sorted(BASES)), data=st.data())
def test_text_mutations_give_success_or_located_problems(name, data):
    raw = BASES[name].encode("utf-8")
    operation = data.draw(st.sampled_from(["truncate", "insert-bytes", "insert-punctuation", "delete-span"]))
    position = data.draw(st.integers(0, len(raw)))
    if operation == "truncate":
        raw = raw[:position]
    elif operation == "insert-bytes":
        raw = raw[:position] + data.draw(st.binary(min_size=1, max_size=8)) + raw[position:]
    elif operation == "insert-punctuation":
        raw = raw[:position] + data.draw(st.sampled_from(YAML_PUNCTUATION)).encode() + raw[position:]
    else:
        raw = raw[:position] + raw[position + data.draw(st.integers(1, 200)):]
    check(name, raw)


# --- a few through the real command ---------------------------------------------------------------


@pytest.mark.parametrize("cut", [0, 1, 57, 600, 2345, 5000])
def test_command_on_truncated_files_never_shows_a_traceback(tmp_path, cut):
    forms = tmp_path / "forms"
    forms.mkdir()
    raw = BASES["parkeervergunning-bewoners"].encode("utf-8")
    (forms / "parkeervergunning-bewoners.yaml").write_bytes(raw[:cut])
    result = run_formloket("validate", "forms", cwd=tmp_path)
    assert result.returncode in (0, 1)
    assert "Traceback" not in result.stderr, result.stderr
    for line in result.stdout.splitlines():
        assert line.startswith("forms/parkeervergunning-bewoners.yaml:"), line
