"""The records a console's list answer holds: one object, a bare list, or `{"value": [...]}`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def listing(document: Any) -> list[tuple[str, Any]]:
    """The records a document holds with their paths: one object, a list, or a `value` list."""
    if isinstance(document, Mapping):
        value = document.get("value")
        if isinstance(value, list):
            return [(f"value[{n}]", record) for n, record in enumerate(value)]
        return [("", document)]
    if isinstance(document, list):
        return [(f"[{n}]", record) for n, record in enumerate(document)]
    return []


def sample(document: Any) -> Mapping[str, Any] | None:
    """The first object a document holds, for detection to look at."""
    return next((r for _, r in listing(document) if isinstance(r, Mapping)), None)
