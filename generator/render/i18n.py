"""Interface texts in Dutch (default) and English.

Each renderer keeps its own table of texts (``form_text.py``, ``catalogue_text.py``,
``pdf_text.py``), a dict ``{"nl": {key: text}, "en": {key: text}}``; this module looks them up so a
missing translation fails loudly in tests instead of showing a key to a citizen.
"""

from __future__ import annotations

from typing import Callable, Mapping

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

TextTable = Mapping[str, Mapping[str, str]]


def translator(lang: str, *tables: TextTable) -> Callable[..., str]:
    """A function ``t(key, **values)`` for one language, formatting ``{name}`` placeholders; the
    first table that has a key gives its text."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    texts: dict[str, str] = {}
    for table in reversed(tables):
        texts.update(table[lang])
    # A page asks for hundreds of texts, most without placeholders: those are returned as they are.
    plain = {key: text for key, text in texts.items() if "{" not in text and "}" not in text}

    def t(key: str, **values: object) -> str:
        text = plain.get(key)
        if text is not None:
            return text
        try:
            return texts[key].format(**values)
        except KeyError:
            if key not in texts:
                raise KeyError(f"no {lang} text for {key!r}") from None
            raise

    return t


def missing_translations(table: TextTable) -> set[str]:
    """Keys present in one language and not the other (for tests)."""
    keys = [set(table[lang]) for lang in LANGUAGES]
    return set.union(*keys) - set.intersection(*keys)
