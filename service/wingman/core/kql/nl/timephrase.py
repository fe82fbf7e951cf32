"""Natural time phrases ("in the last 7 days", "since Monday") turned into clock-free KQL bounds.

Bounds are KQL scalar expressions built from ``ago()``, ``now()`` and ``startof*()``, so a query is
right whenever it runs. Conventions, all in UTC:

- ``end`` is exclusive (None means "up to now"); a named day includes all of it, so
  "between 2026-11-01 and 2026-11-05" ends at ``datetime(2026-11-06)``.
- Weeks start on Monday (ISO 8601). KQL's ``startofweek()`` starts on Sunday, so a Monday is
  written ``startofweek(ago(1d)) + 1d``: the Sunday on or before yesterday, plus one day.
- "last week" / "last month" (no "the") name the previous calendar week or month; "the last
  week", "past week" and "in the past month" are rolling windows of 7 and 30 days.
- A month is 30 days and a year 365 days in rolling windows.
- "since last Monday" means the same as "since Monday": the most recent Monday, today included.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from wingman.core.kql.literals import datetime_literal, identifier
from wingman.core.kql.nl.dates import DATE_PATTERN, parse_date


@dataclass(frozen=True, slots=True)
class TimePhrase:
    """A time window found in a question: KQL bounds, where it was, and how to say it."""

    start: str
    end: str | None
    span: tuple[int, int]
    text: str
    description: str


_Bounds = tuple[str, str | None, str]
_NUMBER_WORDS = (
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)
_NUMBER = (
    r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|(?:a\s+)?couple(?:\s+of)?|an?"
)
_UNIT = r"minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?"
# Each unit as (KQL suffix, how many of it): weeks, months and years are written in days.
_UNIT_TIMESPANS = {
    "m": ("m", 1),
    "h": ("h", 1),
    "d": ("d", 1),
    "w": ("d", 7),
    "mo": ("d", 30),
    "y": ("d", 365),
}
_UNIT_SECONDS = {"m": 60, "h": 3600, "d": 86_400}
_UNIT_NAMES = {"m": "minute", "h": "hour", "d": "day", "w": "week", "mo": "month", "y": "year"}
_MAX_SECONDS = 3650 * 86_400
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = (
    r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?"
    r"|fri(?:day)?|sat(?:urday)?|sun(?:day)?"
)
_START_OF_WEEK = "startofweek(ago(1d)) + 1d"
_START_OF_LAST_WEEK = "startofweek(ago(8d)) + 1d"
_PERIOD_START = {
    "week": _START_OF_WEEK,
    "month": "startofmonth(now())",
    "year": "startofyear(now())",
}
_PREVIOUS_PERIOD = {
    "week": (_START_OF_LAST_WEEK, _START_OF_WEEK),
    "month": ("startofmonth(now(), -1)", "startofmonth(now())"),
    "year": ("startofyear(now(), -1)", "startofyear(now())"),
}


def _unit_key(word: str) -> str:
    """Return the canonical key of a unit word or compact suffix."""
    word = word.lower()
    if word.startswith("mo"):
        return "mo"
    return "m" if word.startswith("mi") else word[0]


def _count(word: str | None) -> int:
    """Return the number a digit string or English number word stands for."""
    if word is None or word.lower() in ("a", "an"):
        return 1
    word = word.lower()
    if "couple" in word:
        return 2
    return int(word) if word.isdigit() else _NUMBER_WORDS.index(word) + 1


def _relative(match: re.Match[str]) -> _Bounds | None:
    """Bound "last 7 days", "past 24h", "in the last hour"; "last week" is the calendar week."""
    unit_word = match["unit"] or match["cunit"] or match["bare"]
    key = _unit_key(unit_word)
    bare = match["bare"] is not None
    if bare and not match["the"] and match["dir"].lower() != "past" and key in ("w", "mo", "y"):
        period = {"w": "week", "mo": "month", "y": "year"}[key]
        start, end = _PREVIOUS_PERIOD[period]
        return start, end, f"last calendar {period}"
    count = _count(match["n"] or match["cn"])
    suffix, size = _UNIT_TIMESPANS[key]
    if not 0 < count * size * _UNIT_SECONDS[suffix] <= _MAX_SECONDS:
        return None
    name = _UNIT_NAMES[key]
    said = name if count == 1 else f"{count} {name}s"
    # Keep the analyst's unit ("24h", not "1d") so the query reads like the question.
    return f"ago({count * size}{suffix})", None, f"in the last {said}"


def _calendar(match: re.Match[str]) -> _Bounds:
    """Bound "today", "yesterday", "this week", "this month", "this year"."""
    word = match["word"].lower()
    if word == "today":
        return "startofday(now())", None, "today"
    if word == "yesterday":
        return "startofday(ago(1d))", "startofday(now())", "yesterday"
    period = word.split()[-1]
    return _PERIOD_START[period], None, f"this {period}"


def _weekday_start(name: str) -> str:
    """Return the most recent 00:00 of a weekday (today included) as a KQL expression."""
    days_after_sunday = (_WEEKDAYS.index(_full_weekday(name)) + 1) % 7
    if days_after_sunday == 0:
        return "startofweek(now())"
    return f"startofweek(ago({days_after_sunday}d)) + {days_after_sunday}d"


def _full_weekday(name: str) -> str:
    """Return the full lower-case weekday name for a name or abbreviation."""
    return next(day for day in _WEEKDAYS if day.startswith(name.lower()[:3]))


def _since(match: re.Match[str]) -> _Bounds | None:
    """Bound "since Monday", "since yesterday", "since this week", "since the start of May"."""
    if match["weekday"]:
        day = _full_weekday(match["weekday"]).capitalize()
        return _weekday_start(match["weekday"]), None, f"since {day} 00:00 UTC"
    if match["yday"]:
        return "startofday(ago(1d))", None, "since yesterday 00:00 UTC"
    if match["today"]:
        return "startofday(now())", None, "since today 00:00 UTC"
    if match["last"]:
        period = match["last"].split()[-1].lower()
        return _PREVIOUS_PERIOD[period][0], None, f"since the start of last {period}"
    period = (match["this"] or match["startof"]).split()[-1].lower()
    return _PERIOD_START[period], None, f"since the start of this {period}"


def _from_date(match: re.Match[str]) -> _Bounds | None:
    """Bound "since 2026-11-01" (and "after", which starts the next day)."""
    day = parse_date(match["d"])
    if day is None:
        return None
    if match["kw"].lower() == "after":
        return datetime_literal(day + timedelta(days=1)), None, f"after {day.isoformat()}"
    return datetime_literal(day), None, f"since {day.isoformat()}"


def _date_range(match: re.Match[str]) -> _Bounds | None:
    """Bound "between <date> and <date>" and "from <date> to <date>", both days included."""
    first, last = parse_date(match["a"]), parse_date(match["b"])
    if first is None or last is None or last < first:
        return None
    end = datetime_literal(last + timedelta(days=1))
    said = f"from {first.isoformat()} to {last.isoformat()} inclusive"
    return datetime_literal(first), end, said


def _day(match: re.Match[str]) -> _Bounds | None:
    """Bound "on 2026-11-01" (or a bare date) to that whole day."""
    day = parse_date(match["d"])
    if day is None:
        return None
    return datetime_literal(day), datetime_literal(day + timedelta(days=1)), f"on {day.isoformat()}"


_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], _Bounds | None]], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), rule)
    for pattern, rule in (
        (
            r"\b(?:(?:in|over|during|within|for)\s+)?(?P<the>the\s+)?"
            r"(?P<dir>last|past|previous|prior)\s+"
            rf"(?:(?P<n>{_NUMBER})\s*(?P<unit>{_UNIT})|(?P<cn>\d+)(?P<cunit>[mhdw])|(?P<bare>{_UNIT}))"
            r"\b",
            _relative,
        ),
        (
            r"\b(?:(?:during|in|for|over)\s+)?"
            r"(?P<word>today|yesterday|(?:this|the\s+current)\s+(?:week|month|year))\b",
            _calendar,
        ),
        (
            rf"\bsince\s+(?:(?:last\s+)?(?P<weekday>{_WEEKDAY})|(?P<yday>yesterday)"
            r"|(?P<today>today|midnight)|(?P<last>last\s+(?:week|month))"
            r"|(?P<this>this\s+(?:week|month|year))"
            r"|(?:the\s+)?(?:start|beginning)\s+of\s+(?:the\s+|this\s+)?(?P<startof>week|month|year))\b",
            _since,
        ),
        (
            rf"\b(?P<kw>since|from|starting|after)\s+(?:on\s+)?(?:the\s+)?(?P<d>{DATE_PATTERN})",
            _from_date,
        ),
        (
            rf"\b(?:between|from)\s+(?P<a>{DATE_PATTERN})\s+"
            rf"(?:and|to|until|till|through|thru|-)\s+(?P<b>{DATE_PATTERN})",
            _date_range,
        ),
        (rf"(?:\bon\s+(?:the\s+)?)?(?P<d>{DATE_PATTERN})", _day),
    )
)


def parse_time_phrase(text: str) -> TimePhrase | None:
    """Return the first time phrase in ``text`` (the longest one where several start together)."""
    best: TimePhrase | None = None
    for pattern, rule in _RULES:
        for match in pattern.finditer(text):
            # Matches come left to right, so once one ranks worse every later one does too.
            if best is not None and _rank(match.span()) >= _rank(best.span):
                break
            bounds = rule(match)
            if bounds is not None:
                start, end, said = bounds
                best = TimePhrase(start, end, match.span(), match.group(), said)
                break
    return best


def _rank(span: tuple[int, int]) -> tuple[int, int]:
    """Order spans by start, then longest first."""
    return span[0], span[0] - span[1]


def render_time_filter(column: str, phrase: TimePhrase) -> str:
    """Render a ``where`` clause keeping rows of ``column`` inside the phrase's window."""
    name = identifier(column)
    if phrase.end is None:
        operator = ">" if phrase.start.startswith("ago(") else ">="
        return f"where {name} {operator} {phrase.start}"
    return f"where {name} >= {phrase.start} and {name} < {phrase.end}"
