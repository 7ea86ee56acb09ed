"""The Uniforme Productnamenlijst (UPL): the national list of product names, read from a path.

The list is data from outside the project (a snapshot is at ``../shared/data/upl.json``), so it is
never committed; ``formloket validate --upl PATH`` reads it. A file that is missing or is not a UPL
list is a Problem with its path, never a traceback.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path

from generator.problems import Problem

SHAPE = 'expected JSON like {"products": [{"uri": "http://standaarden.overheid.nl/owms/terms/...", "name": "..."}]}'


@dataclass(frozen=True)
class UplEntry:
    uri: str
    name: str
    burger: bool = True  # for citizens
    bedrijf: bool = True  # for businesses


@dataclass(frozen=True)
class UplList:
    path: str
    entries: dict[str, UplEntry]  # by URI

    def get(self, uri: str) -> UplEntry | None:
        return self.entries.get(uri)

    def suggest(self, uri: str, name: str | None = None) -> UplEntry | None:
        """The entry an editor most likely meant: same URI in other case or scheme, a URI that
        looks alike, or else the entry whose name looks like ``name``."""
        folded = {_fold(u): e for u, e in self.entries.items()}
        if _fold(uri) in folded:
            return folded[_fold(uri)]
        # Compare only the part after .../terms/: every URI shares the long prefix.
        by_term = {_term(u): e for u, e in folded.items()}
        match = difflib.get_close_matches(_term(_fold(uri)), list(by_term), n=1, cutoff=0.75)
        if match:
            return by_term[match[0]]
        if name:
            by_name = {e.name.casefold(): e for e in self.entries.values()}
            match = difflib.get_close_matches(name.casefold(), list(by_name), n=1, cutoff=0.6)
            if match:
                return by_name[match[0]]
        return None


def _fold(uri: str) -> str:
    """Compare URIs without case and scheme: https://…/Huwelijksaangifte ~ http://…/huwelijksaangifte."""
    return uri.casefold().removeprefix("https://").removeprefix("http://")


def _term(uri: str) -> str:
    return uri.rsplit("/", 1)[-1]


def load_upl(path: str | Path) -> UplList | Problem:
    shown = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return Problem(shown, 0, 0, "", "UPL list not found: give the path of a UPL JSON file with --upl")
    except IsADirectoryError:
        return Problem(shown, 0, 0, "", "this is a directory, not a UPL list: give the path of the JSON file")
    except (OSError, UnicodeDecodeError) as error:
        return Problem(shown, 0, 0, "", f"cannot read the UPL list: {getattr(error, 'strerror', None) or error}")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return Problem(shown, error.lineno, error.colno, "", f"the UPL list is not valid JSON: {error.msg}")
    products = data.get("products") if isinstance(data, dict) else None
    if not isinstance(products, list) or not products:
        return Problem(shown, 0, 0, "", f"not a UPL list: {SHAPE}")
    entries: dict[str, UplEntry] = {}
    for index, item in enumerate(products):
        if not (isinstance(item, dict) and isinstance(item.get("uri"), str) and isinstance(item.get("name"), str)):
            return Problem(shown, 0, 0, f"products[{index}]", f"not a UPL entry: every product needs a uri and a name; {SHAPE}")
        entries[item["uri"]] = UplEntry(
            uri=item["uri"],
            name=item["name"],
            burger=item.get("burger", True) is not False,
            bedrijf=item.get("bedrijf", True) is not False,
        )
    return UplList(shown, entries)
