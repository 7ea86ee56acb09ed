"""Read one product file into data plus the YAML node tree; every way a file can be broken is a Problem.

We compose the YAML into nodes first (``yaml.compose`` keeps a position on every node) and build
the data from those nodes ourselves, so data and positions always agree and we can catch what
PyYAML lets through silently: duplicate keys, aliases that expand without bound, and tags that
would build Python objects.

Our resolver is narrower than PyYAML's YAML 1.1 one on purpose:

- only ``true``/``false`` (any case) are booleans: Dutch authors write ``nee`` and ``ja``, and
  ``on:`` is a key in our schema, so ``yes/no/on/off`` stay text;
- dates stay text (``on: 2025-01-10`` is a string in the schema);
- whole numbers have no leading zero, so ``0612345678`` stays text instead of losing its zero.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from typing import Any

import yaml

from generator.problems import Problem, breadcrumb

MappingNode, SequenceNode, ScalarNode = yaml.MappingNode, yaml.SequenceNode, yaml.ScalarNode

#: Files larger than this are refused unread: no product definition is anywhere near it.
MAX_BYTES = 1_000_000
#: Deeper nesting than this is no product definition either; it would only exhaust the stack.
MAX_DEPTH = 64

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"

# libyaml's C parser is many times faster than the pure-Python one; both produce the same nodes.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_IMPLICIT = [
    (BOOL, re.compile(r"(?i:true|false)$")),
    (INT, re.compile(r"[-+]?(?:0|[1-9](?:_?[0-9])*)$")),
    (FLOAT, re.compile(r"[-+]?(?:[0-9]+\.[0-9]*(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)$")),
    (NULL, re.compile(r"(?:~|null|Null|NULL|)$")),
]
#: First characters of the plain scalars that may be something other than text: a quick way out.
_NON_TEXT_START = frozenset("tTfF-+0123456789.~nN")


class DefinitionLoader(_BaseLoader):
    """SafeLoader with our resolver (see the module docstring). Only used to compose nodes.

    ``resolve`` is called once per scalar from libyaml's composer, so it is kept to a few checks;
    path resolvers are not used, so descending and ascending do nothing.
    """

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            if implicit[0] and (not value or value[0] in _NON_TEXT_START):
                for tag, pattern in _IMPLICIT:
                    if pattern.match(value):
                        return tag
            return STR
        return SEQ if kind is SequenceNode else MAP

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass


@dataclass(frozen=True)
class Document:
    """One parsed product file: the data, the node tree it came from, and a short hash of its bytes."""

    path: str  # as given on the command line, e.g. "forms/x.yaml"
    data: Any
    root: yaml.Node
    version: str  # first 8 hex digits of the SHA-256 of the file's bytes


def load_document(path: str) -> Document | list[Problem]:
    """Read and parse one file; a list of located problems when it cannot be used."""
    try:
        size = os.stat(path).st_size
    except FileNotFoundError:
        return [Problem(path, 0, 0, "", "file not found")]
    except OSError as error:
        return [Problem(path, 0, 0, "", f"cannot read the file: {error.strerror}")]
    if os.path.isdir(path):
        return [Problem(path, 0, 0, "", "is a folder, not a file")]
    if size <= MAX_BYTES:
        try:
            with open(path, "rb") as handle:
                # Read one byte past the limit: a device or pipe reports size 0 and never ends.
                raw = handle.read(MAX_BYTES + 1)
        except OSError as error:
            return [Problem(path, 0, 0, "", f"cannot read the file: {error.strerror}")]
        if len(raw) <= MAX_BYTES:
            return parse_document(path, raw)
        size = len(raw)
    shown = f"is {size:,} bytes" if size > MAX_BYTES + 1 else "does not end within 1 MB"
    return [Problem(path, 0, 0, "", f"the file {shown}; a product definition may be at most 1 MB ({MAX_BYTES:,} bytes)")]


def parse_document(path: str, raw: bytes) -> Document | list[Problem]:
    """Parse the bytes of a file called ``path`` (the name is only used in messages)."""
    version = hashlib.sha256(raw).hexdigest()[:8]
    text = _decode(path, raw)
    if isinstance(text, Problem):
        return [text]
    if not text.strip():
        return [Problem(path, 1, 1, "", "the file is empty; it should hold one product definition")]
    try:
        too_deep = _too_deep(path, text)
        if too_deep:
            return [too_deep]
        root = yaml.compose(text, Loader=DefinitionLoader)
    except yaml.MarkedYAMLError as error:
        return [_syntax_problem(path, text, error)]
    except yaml.YAMLError as error:  # a reader error has no mark but a position
        return [_reader_problem(path, text, error)]
    if root is None:
        return [Problem(path, 1, 1, "", "the file holds only comments; it should hold one product definition")]
    if not isinstance(root, yaml.MappingNode):
        line, column = root.start_mark.line + 1, root.start_mark.column + 1
        return [Problem(path, line, column, "", f"the top level must be a mapping of keys (id:, title:, ...), not {_kind(root)}")]
    builder = _DataBuilder(path, text)
    data = builder.build(root)
    if builder.problems:
        return builder.problems
    return Document(path=path, data=data, root=root, version=version)


def _too_deep(path: str, text: str) -> Problem | None:
    """A problem when the nesting is deeper than MAX_DEPTH, checked before composing.

    The composer recurses once per level, and libyaml's crashes the process (not a Python error)
    somewhere past 10,000 levels, which fits in a 1 MB file. A level needs a bracket or more
    indentation (or a compact '- ' on the same line), so this cheap bound rules out almost every
    file; only the rest get the slower, non-recursive walk over parse events.
    """
    longest_line = max(map(len, text.split("\n")))
    if text.count("[") + text.count("{") + 2 * (longest_line + 1) < _CHEAP_DEPTH_BOUND:
        return None
    depth = 0
    for event in yaml.parse(text, Loader=DefinitionLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                return Problem(path, mark.line + 1, mark.column + 1, "",
                               f"nested more than {MAX_DEPTH} levels deep; a product definition is never that deep")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


#: Below this bound on the nesting depth the composer is safe to call directly (see _too_deep).
#: libyaml's composer survives 10,000 levels; PyYAML's pure-Python one stops at Python's recursion
#: limit (two frames per level).
_CHEAP_DEPTH_BOUND = 2000 if _BaseLoader is not yaml.SafeLoader else 300


def _decode(path: str, raw: bytes) -> str | Problem:
    if raw.startswith(b"\xef\xbb\xbf"):  # a byte order mark, as some Windows editors write
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        line = raw.count(b"\n", 0, error.start) + 1
        column = len(raw[line_start : error.start].decode("utf-8", errors="replace")) + 1
        byte = raw[error.start]
        return Problem(
            path, line, column, "",
            f"the file is not UTF-8: byte 0x{byte:02x} cannot be read; save the file as UTF-8",
        )


# Plain words for the parse errors editors run into most; anything else shows libyaml's own words.
_PLAIN_SYNTAX = [
    ("mapping values are not allowed", "a colon followed by a space is not allowed here; put text that contains ': ' in quotes"),
    ("did not find expected key", "the indentation is wrong, or a line is not a 'key: value'"),
    ("could not find expected ':'", "expected 'key: value'; is a colon missing?"),
    ("expected <block end>", "the indentation is wrong, or a line is not a 'key: value'"),
    ("did not find expected '-' indicator", "a list item is not indented like the items before it"),
    ("found unexpected end of stream", "the file ends inside quotes or brackets; is a closing quote or bracket missing?"),
    ("found unexpected end", "the file ends inside quotes or brackets; is a closing quote or bracket missing?"),
    ("found undefined alias", "'*' starts an alias, which is not supported; put text that starts with '*' in quotes"),
    ("did not find expected alphabetic or numeric character", "'&' or '*' must be followed by a name; put text that starts with them in quotes"),
    ("found character that cannot start any token", "this character cannot start a value; put the text in quotes"),
    ("found unknown escape character", "unknown escape after a backslash in double quotes: write \\\\ for a backslash, or use single quotes"),
    ("expected a single document", "the file holds more than one YAML document (a second '---'); keep one product per file"),
    ("but found another document", "the file holds more than one YAML document (a second '---'); keep one product per file"),
    ("did not find expected ',' or ']'", "a list in [brackets] is not closed, or misses a comma"),
    ("did not find expected ',' or '}'", "a mapping in {braces} is not closed, or misses a comma"),
    ("did not find expected node content", "a value is missing here"),
    ("control characters are not allowed", "the file contains a control character; remove it"),
    ("found duplicate anchor", "anchors (&name) are not supported; write the value out in full"),
]


def _syntax_problem(path: str, text: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    tab = _indentation_tab(text, line)
    if tab:
        return Problem(path, tab[0], tab[1], "", "tab character used for indentation; use spaces")
    problem = f"{error.problem or ''} {error.context or ''}"
    for needle, plain in _PLAIN_SYNTAX:
        if needle in problem:
            return Problem(path, line, column, "", f"YAML syntax error: {plain}")
    return Problem(path, line, column, "", f"YAML syntax error: {(error.problem or error.context or 'cannot parse').strip()}")


def _reader_problem(path: str, text: str, error: yaml.YAMLError) -> Problem:
    position = getattr(error, "position", None)
    if position is None:
        return Problem(path, 1, 1, "", f"YAML syntax error: {error}")
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return Problem(path, line, column, "", "the file contains a character YAML does not allow (a control character); remove it")


def _indentation_tab(text: str, error_line: int) -> tuple[int, int] | None:
    """(line, column) of a tab in the leading whitespace at or just before the error line.

    A parse error is often reported on the line after the tabbed one (when the parser gives up),
    so we look at the error line and the line before it.
    """
    lines = text.split("\n")
    for number in (error_line, error_line - 1):
        if 1 <= number <= len(lines):
            content = lines[number - 1]
            indent = content[: len(content) - len(content.lstrip(" \t"))]
            if "\t" in indent:
                return (number, indent.index("\t") + 1)
    return None


def _unsupported_tag(tag: str) -> str:
    shown = "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
    return f"the tag '{shown}' is not supported; remove it"


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    return {
        INT: "a number", FLOAT: "a number", BOOL: "true/false", NULL: "empty",
    }.get(node.tag, "text")


class _DataBuilder:
    """Builds plain Python data from the node tree, collecting problems instead of raising."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.text = text
        self.problems: list[Problem] = []
        # An alias makes the same node appear twice; aliases need an anchor ('&'), so files
        # without one (nearly all) skip the bookkeeping. This walk runs for every node of every
        # file, so it also takes plain text values without a call.
        self._seen: set[int] | None = set() if "&" in text else None

    def _add(self, node: yaml.Node, where: tuple, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, breadcrumb(where), message))

    def build(self, node: yaml.Node, where: tuple = (), depth: int = 0) -> Any:
        if self._seen is not None:
            if id(node) in self._seen:
                self._alias_problem(where)
                return None
            self._seen.add(id(node))
        if depth > MAX_DEPTH:
            self._add(node, where, f"nested more than {MAX_DEPTH} levels deep; a product definition is never that deep")
            return None
        kind = node.__class__
        if kind is MappingNode:
            return self._mapping(node, where, depth)
        if kind is SequenceNode:
            if node.tag != SEQ:
                self._add(node, where, _unsupported_tag(node.tag))
            return [
                item.value if (item.__class__ is ScalarNode and item.tag == STR and self._seen is None)
                else self.build(item, (*where, index), depth + 1)
                for index, item in enumerate(node.value)
            ]
        return self._scalar(node, where)

    def _mapping(self, node: yaml.MappingNode, where: tuple, depth: int) -> dict:
        if node.tag != MAP:
            self._add(node, where, _unsupported_tag(node.tag))
        data: dict[str, Any] = {}
        fast = self._seen is None
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode:
                self._add(key_node, where, "a key must be plain text, not a list or mapping")
                continue
            key = key_node.value
            if key in data:
                first = next(k for k, _ in node.value if k.__class__ is ScalarNode and k.value == key)
                self._add(key_node, (*where, key), f"duplicate key '{key}' (first at line {first.start_mark.line + 1})")
                continue
            if fast and value_node.__class__ is ScalarNode and value_node.tag == STR:
                data[key] = value_node.value
            else:
                data[key] = self.build(value_node, (*where, key), depth + 1)
        return data

    def _scalar(self, node: yaml.ScalarNode, where: tuple) -> Any:
        value, tag = node.value, node.tag
        if tag == STR:
            return value
        if tag == NULL:
            return None
        if tag == BOOL:
            if value.lower() in ("true", "false"):
                return value.lower() == "true"
            self._add(node, where, f"'{value}' is not true or false")
            return None
        if tag in (INT, FLOAT):
            try:
                return int(value) if tag == INT else float(value)
            except ValueError:
                self._add(node, where, f"'{value}' is not a number")
                return None
        self._add(node, where, _unsupported_tag(tag))
        return None

    def _alias_problem(self, where: tuple) -> None:
        """Report the first alias at its own position (the node we met twice only knows the anchor's)."""
        if any("alias" in p.message for p in self.problems):
            return
        line, column = 1, 1
        for event in yaml.parse(self.text, Loader=DefinitionLoader):
            if isinstance(event, yaml.AliasEvent):
                line, column = event.start_mark.line + 1, event.start_mark.column + 1
                break
        self.problems.append(Problem(
            self.path, line, column, breadcrumb(where),
            "aliases (*name) are not supported; write the value out in full",
        ))
