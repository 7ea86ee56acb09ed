"""Turn a path into the parsed data (``("form", "pages", 0, "id")``) into a line and column.

PyYAML's ``compose()`` keeps a ``start_mark`` on every node. We follow the path through the node
tree as far as it goes and report the deepest node reached, so a message about a missing key points
at the mapping that lacks it, and a message about a wrong value points at the value itself.
"""

from __future__ import annotations

from typing import Sequence

import yaml

Path = Sequence[str | int]


def find_node(root: yaml.Node | None, path: Path, *, key: bool = False) -> yaml.Node | None:
    """The node at ``path``, or the deepest ancestor that exists.

    With ``key=True`` the last step returns the *key* node of a mapping entry instead of its value:
    the right place for "unknown key" messages.
    """
    node = root
    for index, step in enumerate(path):
        last = index == len(path) - 1
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            for key_node, value_node in node.value:
                if getattr(key_node, "value", None) == step:
                    node = key_node if (last and key) else value_node
                    break
            else:
                return node
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
        else:
            return node
    return node


def position(root: yaml.Node | None, path: Path, *, key: bool = False) -> tuple[int, int]:
    """1-based (line, column) of the node at ``path`` (see ``find_node``); (1, 1) for an empty file."""
    node = find_node(root, path, key=key)
    if node is None:
        return (1, 1)
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)
