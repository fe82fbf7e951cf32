"""Calendar dates written in analyst questions, in the unambiguous forms Wingman accepts.

Accepted: ``2026-11-01``, ``2026/11/01``, ``1 Nov 2026``, ``1st of November 2026``,
``November 1, 2026``, ``Nov 1 2026``. A year is always required, since a date without one
would depend on the clock. Day-first or month-first numeric forms such as ``01/11/2026`` are
not recognised at all: they mean different days in different locales.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_ISO = r"\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}"
_DAY_MONTH_YEAR = rf"\d{{1,2}}{_ORDINAL}\s+(?:of\s+)?(?:{_MONTHS})\.?,?\s+\d{{4}}"
_MONTH_DAY_YEAR = rf"(?:{_MONTHS})\.?\s+\d{{1,2}}{_ORDINAL},?\s+\d{{4}}"

# No capture groups, so it can be embedded twice in one pattern ("between DATE and DATE").
DATE_PATTERN = rf"(?<![\w/-])(?:{_ISO}|{_DAY_MONTH_YEAR}|{_MONTH_DAY_YEAR})(?![\w/-])"

_PARTS = re.compile(
    rf"(?P<iy>\d{{4}})(?P<sep>[-/])(?P<im>\d{{1,2}})(?P=sep)(?P<id>\d{{1,2}})"
    rf"|(?P<dd>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<dm>[a-z]+)\.?,?\s+(?P<dy>\d{{4}})"
    rf"|(?P<mm>[a-z]+)\.?\s+(?P<md>\d{{1,2}}){_ORDINAL},?\s+(?P<my>\d{{4}})",
    re.IGNORECASE,
)
_MONTH_NUMBERS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)


def parse_date(text: str) -> date | None:
    """Return the calendar date ``text`` names, or None when it is not a valid date."""
    parts = _PARTS.fullmatch(text.strip())
    if parts is None:
        return None
    if parts["iy"]:
        year, month, day = int(parts["iy"]), int(parts["im"]), int(parts["id"])
    elif parts["dd"]:
        year, month, day = int(parts["dy"]), _month(parts["dm"]), int(parts["dd"])
    else:
        year, month, day = int(parts["my"]), _month(parts["mm"]), int(parts["md"])
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month(name: str) -> int:
    """Return the month number of an English month name or abbreviation (0 when unknown)."""
    prefix = name[:3].lower()
    return _MONTH_NUMBERS.index(prefix) + 1 if prefix in _MONTH_NUMBERS else 0
