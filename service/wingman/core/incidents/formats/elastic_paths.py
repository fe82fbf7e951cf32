"""Reading ECS fields by dotted path, whether the document nests, flattens or mixes its keys."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wingman.core.incidents.formats.fields import text, texts


def value(doc: Any, path: str) -> Any:
    """The value at a dotted ECS path whether its keys are nested, flattened or mixed."""
    return _lookup(doc, path.split("."))


def _lookup(obj: Any, parts: list[str]) -> Any:
    if not isinstance(obj, Mapping):
        return None
    # Longest dotted key first: `{"kibana.alert.rule.name": ...}` before `{"kibana": ...}`.
    for cut in range(len(parts), 0, -1):
        key = ".".join(parts[:cut])
        if key in obj:
            found = obj[key] if cut == len(parts) else _lookup(obj[key], parts[cut:])
            if found is not None:
                return found
    return None


def one(doc: Any, *paths: str) -> str:
    """The first non-empty text among several paths; a list stands for its first value."""
    for path in paths:
        found = value(doc, path)
        if isinstance(found, list):
            found = next((item for item in found if text(item)), None)
        if text(found):
            return text(found)
    return ""


def many(doc: Any, path: str) -> tuple[str, ...]:
    """All texts at a path: a list's scalars, or one scalar (never split on commas)."""
    found = value(doc, path)
    if isinstance(found, list):
        return tuple(dict.fromkeys(texts(found)))
    return (text(found),) if text(found) else ()
