"""An explicit time range given with a request: a KQL timespan ("7d") or an ISO-8601 window.

Timespans are digits followed by ``d``, ``h``, ``m`` or ``s``, greater than zero and at most
3650 days. Window bounds are ISO-8601 dates or date-times; a date-time without an offset is taken
as UTC. The window's end is exclusive and must come after its start.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

from wingman.core.kql.literals import datetime_literal
from wingman.core.kql.nl.timephrase import TimePhrase

_TIMESPAN = re.compile(r"(?P<count>[0-9]{1,7})(?P<unit>[dhms])")
_UNIT_SECONDS = {"d": 86_400, "h": 3600, "m": 60, "s": 1}
_UNIT_NAMES = {"d": "day", "h": "hour", "m": "minute", "s": "second"}
_MAX_SPAN = timedelta(days=3650)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})?"
)


class TimeRangeError(ValueError):
    """A request's time range that Wingman cannot use, naming the offending field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class Window(Protocol):
    """Anything with ISO-8601 ``start`` and ``end`` strings."""

    @property
    def start(self) -> str: ...

    @property
    def end(self) -> str: ...


def parse_time_range(
    value: str | Window | Mapping[str, str], *, field: str = "time_range"
) -> TimePhrase:
    """Turn a request's explicit time range into a time phrase, or raise TimeRangeError."""
    if isinstance(value, str):
        return _timespan(value, field)
    if isinstance(value, Mapping):
        unknown = sorted(set(value) - {"start", "end"})
        if unknown:
            raise TimeRangeError(f"{field}.{unknown[0]}", "unknown field")
        start_text, end_text = value.get("start"), value.get("end")
    else:
        start_text, end_text = value.start, value.end
    start = _instant(start_text, f"{field}.start")
    end = _instant(end_text, f"{field}.end")
    if end <= start:
        raise TimeRangeError(f"{field}.end", "must be after start")
    if end - start > _MAX_SPAN:
        raise TimeRangeError(field, "window longer than 3650 days")
    said = (
        f"from {start.astimezone(UTC):%Y-%m-%d %H:%M} to {end.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
    )
    return TimePhrase(datetime_literal(start), datetime_literal(end), (0, 0), "", said)


def _timespan(text: str, field: str) -> TimePhrase:
    """Parse a strict KQL timespan such as ``7d`` into a rolling window ending now."""
    match = _TIMESPAN.fullmatch(text)
    if match is None:
        raise TimeRangeError(field, "expected a timespan such as 7d, 24h, 30m or 90s")
    count, unit = int(match["count"]), match["unit"]
    seconds = count * _UNIT_SECONDS[unit]
    if seconds == 0:
        raise TimeRangeError(field, "timespan must be greater than zero")
    if seconds > _MAX_SPAN.total_seconds():
        raise TimeRangeError(field, "timespan longer than 3650d")
    name = _UNIT_NAMES[unit]
    said = name if count == 1 else f"{count} {name}s"
    return TimePhrase(f"ago({count}{unit})", None, (0, 0), "", f"in the last {said}")


def _instant(text: object, field: str) -> datetime:
    """Parse one ISO-8601 bound into an aware UTC datetime."""
    if not isinstance(text, str):
        raise TimeRangeError(field, "expected an ISO-8601 date or date-time")
    try:
        if _ISO_DATE.fullmatch(text):
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day, tzinfo=UTC)
        if _ISO_DATETIME.fullmatch(text):
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
            return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
    except ValueError as error:
        raise TimeRangeError(field, f"not a valid date: {error}") from None
    raise TimeRangeError(field, "expected an ISO-8601 date or date-time")
