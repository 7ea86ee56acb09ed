"""Which annotations sit inside a ``Form`` structure element (PDF/UA 7.18.4)."""

from __future__ import annotations

from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject


def parent_tree(struct_root: DictionaryObject) -> dict[int, object]:
    """The /ParentTree number tree as {key: value} (leaves /Nums, inner nodes /Kids)."""
    numbers: dict[int, object] = {}
    tree = struct_root.get("/ParentTree")
    stack = [tree.get_object()] if tree is not None else []
    seen = 0
    while stack and seen < 100_000:
        node = stack.pop()
        seen += 1
        nums = node.get("/Nums", [])
        for index in range(0, len(nums) - 1, 2):
            numbers[int(nums[index])] = nums[index + 1]
        stack.extend(kid.get_object() for kid in node.get("/Kids", []))
    return numbers


def form_elements_by_objr(struct_root: DictionaryObject) -> set[int]:
    """Object numbers of annotations referenced by an OBJR kid of a /S /Form structure element."""
    found: set[int] = set()
    visited: set[int] = set()
    stack = [struct_root.get("/K")]
    while stack:
        item = stack.pop()
        if item is None:
            continue
        if isinstance(item, IndirectObject):
            if item.idnum in visited:
                continue
            visited.add(item.idnum)
        node = item.get_object()
        if isinstance(node, ArrayObject):
            stack.extend(node)
            continue
        if not isinstance(node, DictionaryObject):
            continue  # a marked-content id
        if node.get("/S") == "/Form":
            kids = node.get("/K")
            kids = kids.get_object() if kids is not None else []
            for kid in kids if isinstance(kids, ArrayObject) else [kids]:
                kid_object = kid.get_object() if kid is not None else None
                if isinstance(kid_object, DictionaryObject) and kid_object.get("/Type") == "/OBJR":
                    reference = kid_object.raw_get("/Obj")
                    if isinstance(reference, IndirectObject):
                        found.add(reference.idnum)
        stack.append(node.get("/K"))
    return found


def in_form_element(widget: DictionaryObject, number: int | None, tree: dict[int, object],
                    objr: set[int]) -> bool:
    """True when the widget is tagged: its /StructParent leads to a Form element, or an OBJR names it."""
    if number is not None and number in objr:
        return True
    key = widget.get("/StructParent")
    if key is None or int(key) not in tree:
        return False
    element = tree[int(key)].get_object()
    return isinstance(element, DictionaryObject) and element.get("/S") == "/Form"
