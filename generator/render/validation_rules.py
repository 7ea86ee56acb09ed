"""The answer checks of the e-form, in Python: the twin of the pure functions at the top of form.js.

The submission schema takes its ``pattern``s from here, and tests feed the same good and bad values
to these functions and to form.js in Chromium, so the browser, the schema and a receiving server
agree on what a valid answer is. Checksums (BSN 11-proef, IBAN mod 97) and real calendar dates
cannot be written as a JSON Schema pattern: the schema has the shape, these functions the rest.

Every pattern is written in the subset shared by Python ``re`` and ECMAScript (no flags, no
possessive quantifiers), because JSON Schema validators may use either.
"""

from __future__ import annotations

import datetime as _dt
import re

BSN_PATTERN = r"^[0-9]{9}$"
#: Country code, check digits, 11-30 letters/digits; spaces allowed between characters, any case.
IBAN_PATTERN = r"^[A-Za-z]{2}[0-9]{2}( ?[A-Za-z0-9]){11,30}$"
POSTCODE_PATTERN = r"^[1-9][0-9]{3} ?[A-Za-z]{2}$"
HOUSE_NUMBER_PATTERN = r"^[1-9][0-9]{0,4}$"
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
#: 8-15 digits, optionally a leading +, single spaces or hyphens between digits.
PHONE_PATTERN = r"^\+?[0-9]([ -]?[0-9]){7,14}$"
DAY_PATTERN = r"^(0?[1-9]|[12][0-9]|3[01])$"
MONTH_PATTERN = r"^(0?[1-9]|1[0-2])$"
YEAR_PATTERN = r"^[0-9]{4}$"
INTEGER_PATTERN = r"^-?[0-9]+$"

#: Dutch licence-plate side codes 1-14 (RDW): X a letter, 9 a digit. Hyphens are optional.
LICENCE_PLATE_SIDE_CODES = (
    "XX-99-99", "99-99-XX", "99-XX-99", "XX-99-XX", "XX-XX-99", "99-XX-XX", "99-XXX-9",
    "9-XXX-99", "XX-999-X", "X-999-XX", "XXX-99-X", "X-99-XXX", "9-XX-999", "999-XX-9",
)


def _side_code_pattern(code: str) -> str:
    return "".join({"X": "[A-Za-z]", "9": "[0-9]", "-": "-?"}[c] for c in code)


LICENCE_PLATE_PATTERN = "^(" + "|".join(_side_code_pattern(c) for c in LICENCE_PLATE_SIDE_CODES) + ")$"


def is_bsn(value: str) -> bool:
    """9 digits passing the 11-proef: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11 (not 0)."""
    if not re.match(BSN_PATTERN, value):
        return False
    digits = [int(c) for c in value]
    total = sum(d * w for d, w in zip(digits, range(9, 1, -1))) - digits[8]
    return total % 11 == 0 and total != 0


def is_iban(value: str) -> bool:
    """ISO 13616: move the first four characters to the end, letters to 10..35, mod 97 == 1."""
    if not re.match(IBAN_PATTERN, value):
        return False
    compact = value.replace(" ", "").upper()
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in rearranged)
    return int(number) % 97 == 1


def is_postcode(value: str) -> bool:
    return bool(re.match(POSTCODE_PATTERN, value))


def is_email(value: str) -> bool:
    return bool(re.match(EMAIL_PATTERN, value))


def is_phone(value: str) -> bool:
    return bool(re.match(PHONE_PATTERN, value))


def is_licence_plate(value: str) -> bool:
    return bool(re.match(LICENCE_PLATE_PATTERN, value))


def real_date(day: str, month: str, year: str) -> _dt.date | None:
    """The date the three parts name, or None when they do not name one (31 February, year 0)."""
    if not (re.match(DAY_PATTERN, day) and re.match(MONTH_PATTERN, month) and re.match(YEAR_PATTERN, year)):
        return None
    try:
        date = _dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    return date if date.year >= 1000 else None


def integer_range_pattern(minimum: int | None, maximum: int | None) -> str:
    """A pattern that matches the whole numbers from minimum to maximum (either may be open).

    JSON Schema has no way to say "a string holding a number between 1 and 20", so the range is
    spelled out as digits; leading zeros are allowed because people type them ("05").
    """
    if minimum is None and maximum is None:
        return INTEGER_PATTERN
    parts: list[str] = []
    low = minimum
    high = maximum
    if low is None or low < 0:
        # Negative numbers: "-" followed by the magnitudes from 1 to -low (or unbounded).
        neg_high = None if low is None else -low
        neg_low = 1 if high is None or high >= 0 else -high
        if neg_high is None or neg_low <= neg_high:
            parts.append("-0*(" + _natural_range(neg_low, neg_high) + ")")
        low = 0
    if high is None or high >= low:
        parts.append("0*(" + _natural_range(low, high) + ")")
    return "^(" + "|".join(parts) + ")$"


def _natural_range(low: int, high: int | None) -> str:
    """Alternation matching the numbers low..high (high None: unbounded), without leading zeros."""
    if high is None:
        digits = len(str(low))
        return _natural_range(low, 10**digits - 1) + "|[1-9][0-9]{" + str(digits) + ",}"
    alternatives: list[str] = []
    start = low
    while start <= high:
        # Widest block [start, start + 10^k - 1] aligned on 10^k that stays within high.
        size = 1
        while start % (size * 10) == 0 and start + size * 10 - 1 <= high:
            size *= 10
        end = start + size - 1
        if size == 1:
            alternatives.append(str(start))
        else:
            zeros = len(str(size)) - 1
            prefix = str(start)[:-zeros] if start else ""
            if start == 0:
                # 0..10^k-1 without leading zeros: one digit, or a non-zero digit and up to k-1 more.
                alternatives.append("[0-9]" if zeros == 1 else "[1-9][0-9]{0," + str(zeros - 1) + "}|0")
            else:
                alternatives.append(prefix + "[0-9]" * zeros)
        start = end + 1
    return "|".join(_merge_last_digit(alternatives))


def _merge_last_digit(alternatives: list[str]) -> list[str]:
    """Join runs like '12','13','14' into '1[2-4]' so the pattern stays readable and short."""
    merged: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) > 1:
            merged.append(f"{run[0][:-1]}[{run[0][-1]}-{run[-1][-1]}]")
        else:
            merged.extend(run)
        run.clear()

    for alt in alternatives:
        if alt.isdigit() and run and alt[:-1] == run[-1][:-1] and int(alt) == int(run[-1]) + 1:
            run.append(alt)
        else:
            flush()
            if alt.isdigit():
                run.append(alt)
            else:
                merged.append(alt)
    flush()
    return merged
