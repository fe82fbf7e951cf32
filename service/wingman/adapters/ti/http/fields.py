"""Reading fields of an untrusted provider answer: every reader returns a value or raises MALFORMED.

A provider's answer is hostile input. Readers never trust a type: a count that is a string, a
list that is null or a date that is a number read as "absent", never as an exception other than
`ProviderError(MALFORMED)`. Text is bounded and stripped of control characters, because it ends
up in an analyst's panel and in LLM prompts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from wingman.adapters.ti.provider import ProviderError, ProviderErrorKind

MAX_TEXT = 160
MAX_TAG = 64
MAX_TAGS = 20
MAX_REFERENCE = 300
# Epoch seconds readers accept: 1990-01-01 to 9999-12-31.
_EPOCH_RANGE = (631152000, 253402300799)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SAFE_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def malformed(provider: str, why: str) -> ProviderError:
    """The error for an answer that is not the documented shape."""
    return ProviderError(ProviderErrorKind.MALFORMED, f"{provider}: {why}")


def mapping(value: Any, *, provider: str, what: str) -> Mapping[str, Any]:
    """`value` as a JSON object, or MALFORMED naming `what`."""
    if not isinstance(value, dict):
        raise malformed(provider, f"{what} is not an object")
    return value


def child(value: Any, key: str) -> Mapping[str, Any]:
    """The object under `key`, or an empty one when it is absent or not an object."""
    found = value.get(key) if isinstance(value, dict) else None
    return found if isinstance(found, dict) else {}


def items(value: Any) -> list[Any]:
    """`value` when it is a list, else an empty list."""
    return value if isinstance(value, list) else []


def objects(value: Any) -> list[Mapping[str, Any]]:
    """The objects in `value` when it is a list, skipping anything else."""
    return [item for item in items(value) if isinstance(item, dict)]


def count(value: Any) -> int:
    """A non-negative integer from a JSON number or digit string; 0 for anything else."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return max(0, value)
    if isinstance(value, float) and value == value and abs(value) < 1e15:
        return max(0, int(value))
    if isinstance(value, str) and value.strip().isdigit() and len(value) < 16:
        return int(value.strip())
    return 0


def integer(value: Any) -> int | None:
    """A JSON integer (negative allowed), or None when it is not one."""
    if isinstance(value, bool) or not isinstance(value, int) or abs(value) > 10**15:
        return None
    return value


def flag(value: Any) -> bool:
    """True only for JSON true, 1, "1" or "true"."""
    if isinstance(value, bool):
        return value
    return value in (1, "1", "true", "True")


def text(value: Any, *, limit: int = MAX_TEXT) -> str:
    """`value` as a bounded single line when it is a string, else ""."""
    if not isinstance(value, str):
        return ""
    line = " ".join(_CONTROL.sub(" ", value).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def tags(values: Iterable[Any]) -> tuple[str, ...]:
    """Distinct non-empty strings (case-insensitively), in order, bounded in length and number."""
    seen: set[str] = set()
    found: list[str] = []
    for value in values:
        tag = text(value, limit=MAX_TAG)
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            found.append(tag)
            if len(found) == MAX_TAGS:
                break
    return tuple(found)


def reference(value: Any) -> tuple[str, ...]:
    """An https link the answer gave, as a one-item tuple; () when it is not a plain https URL."""
    link = text(value, limit=MAX_REFERENCE + 1)
    if not link.startswith("https://") or len(link) > MAX_REFERENCE or " " in link:
        return ()
    return (link,)


def safe_id(value: Any) -> str:
    """`value` when it is a short identifier fit for a link (letters, digits, `._:-`), else ""."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return value if isinstance(value, str) and _SAFE_ID.fullmatch(value) else ""


def epoch_iso(value: Any) -> str:
    """ISO 8601 UTC (`2026-01-02T03:04:05Z`) of epoch seconds, "" when it is not a sane epoch."""
    seconds = count(value) if isinstance(value, str) else value
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        return ""
    if not _EPOCH_RANGE[0] <= seconds <= _EPOCH_RANGE[1]:
        return ""
    return datetime.fromtimestamp(int(seconds), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def text_iso(value: Any) -> str:
    """ISO 8601 UTC of a provider's date text; a bare date stays a date; "" when unreadable.

    Read: `2019-01-19 01:33:26 UTC`, `2018-12-20T20:55:14+00:00`, `2023-05-01T12:34:56.789000`
    (no zone: UTC) and `2023-01-01`.
    """
    raw = text(value, limit=40)
    if raw.endswith(" UTC"):
        raw = raw[:-4]
    if _DATE.fullmatch(raw):
        try:
            return datetime.strptime(raw, "%Y-%m-%d").date().isoformat()
        except ValueError:
            return ""
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, ValueError):
        return ""


def earliest(values: Iterable[str]) -> str:
    """The earliest of ISO 8601 UTC strings, ignoring empty ones."""
    return min((value for value in values if value), default="")


def latest(values: Iterable[str]) -> str:
    """The latest of ISO 8601 UTC strings, ignoring empty ones."""
    return max((value for value in values if value), default="")


def bounded(score: int) -> int:
    """`score` within 0-100."""
    return max(0, min(100, score))
