"""The model made from a definition: the quick construction (``model.made``) gives the same objects
as the dataclasses' own ``__init__``, for every sample and for synthetic products."""

from __future__ import annotations

import dataclasses
import sys

from conftest import REPO_ROOT
from generator.model import Condition, Field, Option, Product, made
from generator.pipeline import load_products

sys.path.insert(0, str(REPO_ROOT))
from benchmarks.synthetic import product as synthetic_product  # noqa: E402


def remade(value):
    """``value`` built again through ``__init__``, all the way down; it fails on a missing field."""
    if dataclasses.is_dataclass(value):
        names = [f.name for f in dataclasses.fields(value)]
        assert set(vars(value)) == set(names), f"{type(value).__name__} has {sorted(vars(value))}"
        return type(value)(**{name: remade(getattr(value, name)) for name in names})
    if isinstance(value, tuple):
        return tuple(remade(item) for item in value)
    return value


def test_every_sample_is_made_as_its_init_would_make_it():
    products = load_products([str(REPO_ROOT / "forms")]).products
    assert len(products) >= 10
    for product in products:
        assert remade(product) == product


def test_synthetic_products_are_made_as_their_init_would_make_them():
    for index in range(1, 30):
        data = synthetic_product(index, fields=20)
        product = Product.from_dict(data, source=f"{data['id']}.yaml", version="0")
        assert remade(product) == product


def test_made_objects_are_frozen_and_take_defaults():
    field = made(Field, {"type": "text", "id": "naam"})
    assert field == Field(type="text", id="naam")
    assert field.required is True and field.options == () and field.range == "any"
    try:
        field.label = "x"  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("a made Field could be changed")
    assert hash(made(Option, {"value": "a", "label": "A"})) == hash(Option(value="a", label="A"))
    assert made(Condition, {"field": "x", "equals": 1}) == Condition(field="x", equals=1)
