"""Reading one product file: what the data looks like, and the located message for each broken file.

The example folders (test_example_files.py) show the whole report for the common mistakes; these
tests cover the loader's own decisions (which scalars are booleans, numbers or text) and the
mistakes that are awkward to commit as files (a 1 MB file, absurd nesting).
"""

from __future__ import annotations

import hashlib

import pytest

from generator.load import MAX_BYTES, Document, load_document, parse_document
from generator.locate import position


def load_text(text: str | bytes):
    return parse_document("forms/x.yaml", text.encode() if isinstance(text, str) else text)


def messages(result) -> list[str]:
    assert isinstance(result, list), f"expected problems, got {result}"
    return [str(p) for p in result]


# --- what the data looks like ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yaml_value", "expected"),
    [
        ("true", True), ("False", False), ("TRUE", True),
        # Dutch answers and YAML 1.1's other booleans stay text: 'nee' is an option value.
        ("nee", "nee"), ("ja", "ja"), ("yes", "yes"), ("no", "no"), ("on", "on"), ("off", "off"),
        # Dates stay text: the schema has them as strings (reviewed.on: 2025-01-10).
        ("2025-01-10", "2025-01-10"), ("2025-01-10 12:00:00", "2025-01-10 12:00:00"),
        ("12", 12), ("-3", -3), ("1_000", 1000), ("32.40", 32.4), ("0.5", 0.5), ("1e3", 1000.0),
        # A leading zero keeps a phone number text instead of a number without its zero.
        ("0612345678", "0612345678"), ("010", "010"),
        # YAML 1.1's sexagesimal and octal numbers are text.
        ("1:30", "1:30"), ("0o17", "0o17"), ("0x1F", "0x1F"), (".inf", ".inf"),
        ("~", None), ("null", None), ("", None),
        ("'12'", "12"), ('"true"', "true"),
    ],
)
def test_scalars_resolve_to_the_types_editors_expect(yaml_value, expected):
    document = load_text(f"value: {yaml_value}\n")
    assert isinstance(document, Document)
    assert document.data["value"] == expected
    assert type(document.data["value"]) is type(expected)


def test_on_is_an_ordinary_key():
    document = load_text("reviewed:\n  by: Privacy officer\n  on: 2025-01-10\n")
    assert document.data == {"reviewed": {"by": "Privacy officer", "on": "2025-01-10"}}


def test_data_and_nodes_agree_on_positions():
    document = load_text("id: x\nform:\n  pages:\n    - id: stap\n      title: Stap een\n")
    assert document.data["form"]["pages"][0]["title"] == "Stap een"
    assert position(document.root, ("form", "pages", 0, "title")) == (5, 14)
    assert position(document.root, ("form", "pages", 0, "title"), key=True) == (5, 7)


def test_version_is_a_short_hash_of_the_bytes(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"id: x\n")
    document = load_document(str(path))
    assert document.version == hashlib.sha256(b"id: x\n").hexdigest()[:8]
    assert document.path == str(path)


def test_a_byte_order_mark_is_accepted():
    assert load_text(b"\xef\xbb\xbfid: x\n").data == {"id": "x"}


def test_tabs_inside_values_are_fine():
    assert load_text("intro: |\n  Kolom\tkolom\nnote: a\tb\n").data == {"intro": "Kolom\tkolom\n", "note": "a\tb"}


# --- broken files: message and position -------------------------------------------------------------


def test_duplicate_key_points_at_the_second_key():
    assert messages(load_text("id: x\ntitle: Een\nsummary: s\ntitle: Twee\n")) == [
        "forms/x.yaml:4:1: title: duplicate key 'title' (first at line 2)"
    ]


def test_every_duplicate_key_is_reported():
    result = load_text("a: 1\na: 2\nb:\n  c: 1\n  c: 2\n")
    assert messages(result) == [
        "forms/x.yaml:2:1: a: duplicate key 'a' (first at line 1)",
        "forms/x.yaml:5:3: b.c: duplicate key 'c' (first at line 4)",
    ]


def test_tab_indentation_points_at_the_tab():
    assert messages(load_text("id: x\nupl:\n  name: a\n \turi: b\n")) == [
        "forms/x.yaml:4:2: tab character used for indentation; use spaces"
    ]


def test_non_utf8_points_at_the_first_bad_byte():
    raw = "id: x\ntitle: Café in één\n".encode("utf-8") + b"summary: na\xefve\n"
    assert messages(load_text(raw)) == [
        "forms/x.yaml:3:12: the file is not UTF-8: byte 0xef cannot be read; save the file as UTF-8"
    ]


def test_latin1_file_is_not_utf8():
    raw = "id: x\ntitle: Aanvraag één\n".encode("latin-1")
    assert messages(load_text(raw)) == [
        "forms/x.yaml:2:17: the file is not UTF-8: byte 0xe9 cannot be read; save the file as UTF-8"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "forms/x.yaml:1:1: the file is empty; it should hold one product definition"),
        ("\n  \n", "forms/x.yaml:1:1: the file is empty; it should hold one product definition"),
        ("# alleen commentaar\n", "forms/x.yaml:1:1: the file holds only comments; it should hold one product definition"),
        ("- a\n", "forms/x.yaml:1:1: the top level must be a mapping of keys (id:, title:, ...), not a list"),
        ("\nhallo\n", "forms/x.yaml:2:1: the top level must be a mapping of keys (id:, title:, ...), not text"),
        ("42\n", "forms/x.yaml:1:1: the top level must be a mapping of keys (id:, title:, ...), not a number"),
    ],
)
def test_files_without_a_mapping(text, expected):
    assert messages(load_text(text)) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id: x\ntitle: a: b\n",
         "forms/x.yaml:2:9: YAML syntax error: a colon followed by a space is not allowed here; put text that contains ': ' in quotes"),
        ("id: x\ntitle: \"open\n",
         "forms/x.yaml:3:1: YAML syntax error: the file ends inside quotes or brackets; is a closing quote or bracket missing?"),
        ("id: x\naudience: [burger\n",
         "forms/x.yaml:3:1: YAML syntax error: a list in [brackets] is not closed, or misses a comma"),
        ("a: 1\n---\nb: 2\n",
         "forms/x.yaml:2:1: YAML syntax error: the file holds more than one YAML document (a second '---'); keep one product per file"),
        ("title: *ster\n",
         "forms/x.yaml:1:8: YAML syntax error: '*' starts an alias, which is not supported; put text that starts with '*' in quotes"),
        ("id: x\n  title: y\n",
         "forms/x.yaml:2:8: YAML syntax error: a colon followed by a space is not allowed here; put text that contains ': ' in quotes"),
        ("a:\n  b: 1\n c: 2\n",
         "forms/x.yaml:3:2: YAML syntax error: the indentation is wrong, or a line is not a 'key: value'"),
        ("a: b\nc\nd: e\n",
         "forms/x.yaml:3:1: YAML syntax error: expected 'key: value'; is a colon missing?"),
        ("a:\n  - b\n  c: d\n",
         "forms/x.yaml:3:3: YAML syntax error: a list item is not indented like the items before it"),
        ("a: @b\n",
         "forms/x.yaml:1:4: YAML syntax error: this character cannot start a value; put the text in quotes"),
        ('a: "C:\\q"\n',
         "forms/x.yaml:1:7: YAML syntax error: unknown escape after a backslash in double quotes: write \\\\ for a backslash, or use single quotes"),
        ("a: {b: 1\n",
         "forms/x.yaml:2:1: YAML syntax error: a mapping in {braces} is not closed, or misses a comma"),
        ("a: &x 1\nb: &x 2\n",
         "forms/x.yaml:2:4: YAML syntax error: anchors (&name) are not supported; write the value out in full"),
        ("a: \x07\n",
         "forms/x.yaml:1:4: the file contains a character YAML does not allow (a control character); remove it"),
    ],
)
def test_syntax_errors_are_located_and_plain(text, expected):
    assert messages(load_text(text)) == [expected]


def test_aliases_are_refused_at_the_alias():
    text = "a: &lol [x, x, x]\nb: [*lol, *lol]\n"
    assert messages(load_text(text)) == [
        "forms/x.yaml:2:5: b[0]: aliases (*name) are not supported; write the value out in full"
    ]


def test_billion_laughs_is_refused_quickly():
    levels = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    result = load_text("\n".join(levels) + "\n")
    assert messages(result) == [
        "forms/x.yaml:2:10: a1[0]: aliases (*name) are not supported; write the value out in full"
    ]


def test_a_recursive_alias_is_refused():
    assert messages(load_text("a: &a [*a]\n")) == [
        "forms/x.yaml:1:8: a[0]: aliases (*name) are not supported; write the value out in full"
    ]


def test_python_tags_are_refused_not_run():
    result = load_text("costs: !!python/object/apply:os.system ['echo gehackt']\nnote: !eigen x\n")
    assert messages(result) == [
        "forms/x.yaml:1:8: costs: the tag '!!python/object/apply:os.system' is not supported; remove it",
        "forms/x.yaml:2:7: note: the tag '!eigen' is not supported; remove it",
    ]


def test_a_merge_key_is_an_ordinary_key():
    # '<<' does not merge anything here; the schema then reports it as an unknown key.
    assert load_text("a:\n  <<: {b: 1}\n").data == {"a": {"<<": {"b": 1}}}


def test_complex_keys_are_refused():
    assert messages(load_text("? [a, b]\n: c\n")) == ["forms/x.yaml:1:3: a key must be plain text, not a list or mapping"]


@pytest.mark.parametrize("opening", ["[", "{a: "])
def test_absurd_nesting_is_a_problem_not_a_crash(opening):
    closing = "]" if opening == "[" else "}"
    text = "a: " + opening * 100_000 + "x" + closing * 100_000 + "\n"
    assert messages(load_text(text)) == [
        f"forms/x.yaml:1:{4 + 63 * len(opening)}: nested more than 64 levels deep; a product definition is never that deep"
    ]


def test_absurd_block_nesting_is_a_problem_not_a_crash():
    text = "a:\n  " + "- " * 100_000 + "x\n"
    result = messages(load_text(text))
    assert len(result) == 1 and "nested more than 64 levels deep" in result[0]


def test_moderate_nesting_is_fine():
    text = "a: " + "[" * 30 + "x" + "]" * 30 + "\n"
    assert isinstance(load_text(text), Document)


# --- files that cannot be read ----------------------------------------------------------------------


def test_file_over_1_mb_is_refused_unread(tmp_path):
    path = tmp_path / "groot.yaml"
    path.write_bytes(b"id: x\nnote: |\n" + b"  " + b"a" * 80 + b"\n" * 1 + (b"  " + b"a" * 80 + b"\n") * 12_500)
    assert path.stat().st_size > MAX_BYTES
    assert messages(load_document(str(path))) == [
        f"{path}: the file is {path.stat().st_size:,} bytes; a product definition may be at most 1 MB (1,000,000 bytes)"
    ]


def test_missing_file(tmp_path):
    path = tmp_path / "weg.yaml"
    assert messages(load_document(str(path))) == [f"{path}: file not found"]


def test_folder_given_as_file(tmp_path):
    assert messages(load_document(str(tmp_path))) == [f"{tmp_path}: is a folder, not a file"]


def test_a_device_that_never_ends_is_refused():
    assert messages(load_document("/dev/zero")) == [
        "/dev/zero: the file does not end within 1 MB; a product definition may be at most 1 MB (1,000,000 bytes)"
    ]
