"""What the PDF step keeps between builds, in the cache folder.

- ``<key>.pdf``: a finished PDF, under the SHA-256 of everything that went into it (print HTML, CSS,
  versions), so a rebuild with no changes renders nothing and copies these instead.
- ``fields-<hash>.ttf``: the font for what people type into the form fields.

Why a font of our own for the fields: WeasyPrint embeds the font of a form field whole, not as a
subset (the viewer must be able to draw any letter typed later). DejaVu Sans whole adds about
400 KB to every PDF. We give the fields a copy of DejaVu Sans cut down to the letters used in Dutch
and other European names and addresses (Latin-1, Latin Extended-A, euro sign, quotes, dashes):
about 30 KB, embedded whole, so typing still works for every letter people will need.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from pathlib import Path

FIELDS_FONT_FAMILY = "Formloket Invoer"
#: The letters a filled-in field can show: Basic Latin, Latin-1, Latin Extended-A, ș ț (Romanian),
#: dashes, quotes, bullet, ellipsis and the euro sign.
FIELDS_FONT_CHARACTERS = (
    list(range(0x20, 0x7F))
    + list(range(0xA0, 0x180))
    + list(range(0x218, 0x21C))
    + [0x2013, 0x2014, 0x2018, 0x2019, 0x201A, 0x201C, 0x201D, 0x201E, 0x2022, 0x2026, 0x20AC]
)
FIELDS_FONT_SOURCE_FAMILY = "DejaVu Sans"


def key(*parts: str) -> str:
    """SHA-256 over the parts, each length-prefixed so that ("ab", "c") and ("a", "bc") differ."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def path_for(cache_dir: Path, cache_key: str) -> Path:
    return Path(cache_dir) / f"{cache_key}.pdf"


def store(path: Path, data: bytes) -> None:
    """Write atomically: a build killed half-way never leaves a truncated PDF under a valid key."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pdf")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _find_font(family: str) -> Path | None:
    """The font file fontconfig (which WeasyPrint uses too) picks for a family, if it is that family."""
    try:
        found = subprocess.run(
            ["fc-match", "--format=%{file}\n%{family}", family],
            capture_output=True, text=True, check=True, timeout=30,
        ).stdout.split("\n")
    except (OSError, subprocess.SubprocessError):
        return None
    if len(found) < 2 or family not in found[1]:
        return None  # fontconfig substituted another family: better no fields font than a wrong one
    return Path(found[0])


def fields_font(cache_dir: Path) -> Path | None:
    """The cut-down fields font in the cache (made on first use); None when DejaVu Sans is missing."""
    source = _find_font(FIELDS_FONT_SOURCE_FAMILY)
    if source is None or not source.is_file():
        return None
    raw = source.read_bytes()
    digest = key(hashlib.sha256(raw).hexdigest(), ",".join(map(str, FIELDS_FONT_CHARACTERS)))[:16]
    target = Path(cache_dir) / f"fields-{digest}.ttf"
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        from fontTools import subset  # WeasyPrint depends on fontTools

        options = subset.Options()
        options.hinting = False  # hints only help screens at tiny sizes; they double the size
        options.layout_features = []  # no ligatures or kerning in typed text: keeps it small
        options.notdef_outline = True
        options.drop_tables += ["FFTM"]  # FontForge's timestamps: fontTools cannot subset them
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=FIELDS_FONT_CHARACTERS)
        subsetter.subset(font)
        handle, temporary = tempfile.mkstemp(dir=cache_dir, prefix=".tmp-", suffix=".ttf")
        os.close(handle)
        subset.save_font(font, temporary, options)
        os.replace(temporary, target)
    return target


def fields_font_css(cache_dir: Path) -> tuple[str, str]:
    """(@font-face rule for the fields font, an id of that font for cache keys).

    The id is the file name, which holds the font's hash: the absolute path in the rule depends on
    where the cache lives, and moving the cache must not make every PDF look changed.
    ("", "") when DejaVu Sans is missing: the fields then use the text font, embedded whole.
    """
    font = fields_font(cache_dir)
    if font is None:
        return "", ""
    rule = f'@font-face {{ font-family: "{FIELDS_FONT_FAMILY}"; src: url("{font.resolve().as_uri()}"); }}\n'
    return rule, font.name
