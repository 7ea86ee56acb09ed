"""formloket: one YAML definition per product -> validated model -> HTML e-form, PDF and catalogue."""

from pathlib import Path

#: The repository's top level, where ``schemas/`` lives next to this package.
#: formloket is installed editable (``pip install -e .``) so the schemas stay where editors find them.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = PROJECT_ROOT / "schemas"
PRODUCT_SCHEMA = SCHEMA_DIR / "product.schema.json"
