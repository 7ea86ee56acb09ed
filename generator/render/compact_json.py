"""Compact JSON as the site writes it: no spaces, UTF-8 as it is.

The bytes are those of ``json.dumps(value, ensure_ascii=False, separators=(",", ":"))``; orjson
writes them in a fifth of the time, and a site has a submission schema per form and some JSON in
every e-form's attributes (conditions, messages).
"""

from __future__ import annotations

from typing import Any

import orjson


def compact_json(value: Any) -> str:
    return orjson.dumps(value).decode()
