"""Reading untrusted JSON without surprises: every accessor returns a typed value or a default.

Alert fields are attacker-controlled and sources disagree about shapes (a list where another
version has one object, numbers as strings, JSON kept inside strings), so adapters read through
these and never index the document directly.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from wingman.core.models import Severity

# Longest value kept for one entity or text field; command lines on Windows reach 32K characters.
MAX_VALUE_CHARS = 8192
# JSON kept inside a string (Sentinel's Entities column) is read up to this size.
MAX_EMBEDDED_JSON_CHARS = 4 * 1024 * 1024

_SEVERITIES: dict[str, Severity] = {
    "informational": Severity.INFORMATIONAL,
    "information": Severity.INFORMATIONAL,
    "info": Severity.INFORMATIONAL,
    "low": Severity.LOW,
    "medium": Severity.MEDIUM,
    "moderate": Severity.MEDIUM,
    "high": Severity.HIGH,
    "critical": Severity.CRITICAL,
    "severe": Severity.CRITICAL,
    "fatal": Severity.CRITICAL,
}
_FRACTION = re.compile(r"(\.\d{1,6})\d*")
_EPOCH_MS = 10**11  # numbers above this are milliseconds (year 5138 in seconds)
_GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)


def mapping(value: Any) -> Mapping[str, Any]:
    """The value when it is an object, else an empty one."""
    return value if isinstance(value, Mapping) else {}


def get(obj: Any, *path: str) -> Any:
    """The value at a path of keys, or None when any step is missing or not an object."""
    current = obj
    for key in path:
        if not isinstance(current, Mapping):
            return None
        current = current.get(key)
    return current


def text(obj: Any, *path: str) -> str:
    """A scalar at `path` as stripped text ('' when absent, null, an object or a list)."""
    value = get(obj, *path) if path else obj
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value.strip()[:MAX_VALUE_CHARS]
    if isinstance(value, int | float):
        return str(int(value)) if float(value).is_integer() else str(value)
    return ""


def first_text(obj: Any, *keys: str) -> str:
    """The first non-empty text among several keys of one object."""
    for key in keys:
        found = text(obj, key)
        if found:
            return found
    return ""


def items(obj: Any, *path: str) -> Iterator[Mapping[str, Any]]:
    """The objects in a list at `path`; one object stands for a list of one; others are skipped."""
    value = get(obj, *path) if path else obj
    if isinstance(value, Mapping):
        yield value
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, Mapping):
                yield item


def texts(obj: Any, *path: str) -> tuple[str, ...]:
    """Non-empty texts from a list of scalars at `path`, or a comma-separated string."""
    value = get(obj, *path) if path else obj
    if isinstance(value, str):
        parts = value.split(",")
    elif isinstance(value, list):
        parts = [text(item) for item in value]
    else:
        return ()
    return tuple(part.strip() for part in parts if part and part.strip())


def embedded_json(value: Any) -> Any:
    """JSON kept inside a string (as Log Analytics returns dynamic columns), or the value itself.

    Returns None for a string that is not JSON, is too large or nests too deeply to read.
    """
    if not isinstance(value, str):
        return value
    stripped = value.strip()
    if not stripped or stripped[0] not in "[{" or len(stripped) > MAX_EMBEDDED_JSON_CHARS:
        return None
    try:
        return json.loads(stripped)
    except (ValueError, RecursionError):
        return None


def timestamp(value: Any) -> str | None:
    """An ISO 8601 UTC timestamp ('2024-05-01T10:00:00Z') for any common form, or None.

    Accepts ISO 8601 with any fraction (Graph sends seven digits) and offset, a space for the
    'T', and epoch seconds or milliseconds as numbers or digit strings. Naive times are UTC.
    """
    moment = parse_time(value)
    if moment is None:
        return None
    return moment.isoformat(timespec="auto").replace("+00:00", "Z")


def first_time(*values: Any) -> str | None:
    """Return the first of several values that names a time, as `timestamp` writes it."""
    return next((found for value in values if (found := timestamp(value))), None)


def parse_time(value: Any) -> datetime | None:
    """The moment a value names, in UTC, or None when it names none."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return _epoch(float(value))
    if not isinstance(value, str):
        return None
    raw = value.strip()
    if not raw or len(raw) > 64:
        return None
    if raw.isascii() and raw.isdigit():
        return _epoch(float(raw))
    raw = _FRACTION.sub(r"\1", raw.replace(" ", "T", 1))
    if raw.endswith(("Z", "z")):
        raw = raw[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    # Sources write the zero time for "never" (0001-01-01, 1970-01-01): not a moment.
    return None if moment.year < 1990 else moment


def _epoch(number: float) -> datetime | None:
    seconds = number / 1000.0 if number > _EPOCH_MS else number
    try:
        moment = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds)
    except (OverflowError, ValueError):
        return None
    return None if moment.year < 1990 or moment.year > 2200 else moment


def severity(value: Any) -> Severity | None:
    """A severity for the common words ('High', 'informational', 'Moderate'), or None."""
    return _SEVERITIES.get(text(value).lower())


def describe(value: Any) -> str:
    """Name the JSON type of a value, for warnings."""
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return "a string" if isinstance(value, str) else "null"


def is_ip(value: str) -> bool:
    """Tell whether the text is an IPv4 or IPv6 address."""
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def is_guid(value: str) -> bool:
    """Tell whether the text is a GUID (an Entra object id)."""
    return _GUID.match(value) is not None


def basename(path: str) -> str:
    """Return the last part of a Windows or POSIX path, ignoring a trailing separator."""
    return re.split(r"[\\/]", path.rstrip("\\/"))[-1] if path else ""


def json_path(path: str, key: str) -> str:
    """Return a path one key deeper ('alerts' at the top level, 'value[0].alerts' below it)."""
    return f"{path}.{key}" if path else key


def json_strings(value: Any, *, numbers: bool = False) -> Iterator[str]:
    """Every string in a JSON value (keys excluded), and numbers as text when asked.

    Iterative, not recursive: the input is hostile and may nest as deep as the limits allow.
    """
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif numbers and isinstance(item, int | float) and not isinstance(item, bool):
            yield str(item)
