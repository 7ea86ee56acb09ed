"""The form as a flat list of nodes in document order, each knowing its path and its containers.

Most form rules ask the same questions: which entries exist, where are they, which comes first,
what encloses what. Answering them once here keeps each rule short.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Generic, Iterator, TypeVar

from generator.model import CONTAINER_TYPES, CONTENT_TYPES

PAGE = "page"

#: How a message names each kind of node.
KIND_NAMES = {
    PAGE: "page",
    "group": "group",
    "repeat": "repeating group",
    "content": "content block",
}


_Value = TypeVar("_Value")


class cached_property(Generic[_Value]):  # noqa: N801 - named and used as functools' is
    """``functools.cached_property`` as Python 3.12 has it, without a lock: Python 3.11's takes a
    lock on each first read of each node, a tenth of the rules' time, and the rules run in one
    thread. The value goes into the instance's ``__dict__``, where later reads find it first."""

    def __init__(self, compute: Callable[[Any], _Value]):
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> _Value:
        if instance is None:
            return self  # type: ignore[return-value]
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


@dataclass(frozen=True, eq=False)
class Node:
    """A page or an entry of a page (question, group, repeating group, content block).

    What a node is (kind, id, input or not) is worked out once: the rules ask it of every node
    many times over (some 280 times a definition)."""

    path: tuple[str | int, ...]
    data: dict[str, Any]
    order: int  # position in document order: a page comes before its fields, a group before its own
    parent: "Node | None"  # the enclosing group, repeat or page; None for a page

    @cached_property
    def kind(self) -> str:
        return PAGE if self.parent is None else str(self.data.get("type"))

    @cached_property
    def id(self) -> str | None:
        value = self.data.get("id")
        return value if isinstance(value, str) else None

    @cached_property
    def is_page(self) -> bool:
        return self.parent is None

    @cached_property
    def is_input(self) -> bool:
        """A question the citizen answers."""
        return not self.is_page and self.kind not in CONTAINER_TYPES and self.kind not in CONTENT_TYPES

    @cached_property
    def is_required(self) -> bool:
        return self.is_input and self.data.get("required", True) is not False

    @property
    def ancestors(self) -> Iterator["Node"]:
        """Enclosing containers, nearest first, ending with the page."""
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    @property
    def repeat(self) -> "Node | None":
        """The repeating group this node sits in, if any."""
        return next((a for a in self.ancestors if a.kind == "repeat"), None)

    def contains(self, other: "Node") -> bool:
        return any(a is self for a in other.ancestors)

    def describe(self) -> str:
        """'question 'naam'', 'page 'adres'', 'content block' (how messages name it)."""
        noun = "question" if self.is_input else KIND_NAMES.get(self.kind, self.kind)
        return f"{noun} '{self.id}'" if self.id else noun


@dataclass(frozen=True)
class FormTree:
    nodes: tuple[Node, ...]

    @classmethod
    def of(cls, product: Any) -> "FormTree":
        """Every page and entry of the product's form (empty when it has no form)."""
        form = product.get("form") if isinstance(product, dict) else None
        pages = form.get("pages") if isinstance(form, dict) else None
        nodes: list[Node] = []
        for index, page in enumerate(pages if isinstance(pages, list) else []):
            if isinstance(page, dict):
                node = Node(("form", "pages", index), page, len(nodes), None)
                nodes.append(node)
                _add_fields(node, nodes)
        return cls(tuple(nodes))

    @cached_property
    def pages(self) -> list[Node]:
        return [n for n in self.nodes if n.is_page]

    @cached_property
    def entries(self) -> list[Node]:
        """Everything on the pages, nested entries included."""
        return [n for n in self.nodes if not n.is_page]

    @cached_property
    def inputs(self) -> list[Node]:
        return [n for n in self.nodes if n.is_input]

    def entry_by_id(self) -> dict[str, Node]:
        """Entries by id; with duplicate ids (an error of its own) the first one wins."""
        found: dict[str, Node] = {}
        for node in self.entries:
            if node.id is not None:
                found.setdefault(node.id, node)
        return found

    def descendants(self, container: Node) -> list[Node]:
        return [n for n in self.nodes if container.contains(n)]


def _add_fields(parent: Node, nodes: list[Node]) -> None:
    fields = parent.data.get("fields")
    for index, entry in enumerate(fields if isinstance(fields, list) else []):
        if isinstance(entry, dict):
            node = Node((*parent.path, "fields", index), entry, len(nodes), parent)
            nodes.append(node)
            _add_fields(node, nodes)
