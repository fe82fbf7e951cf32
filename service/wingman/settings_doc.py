"""Render the settings as a Markdown table for the README, straight from `Settings`."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from wingman.config import Settings

PREFIX = "WINGMAN_"


def settings_table() -> str:
    """One row per environment variable: name, default, meaning."""
    rows = ["| variable | default | meaning |", "| --- | --- | --- |"]
    rows += [_row(name, info) for name, info in _flatten(Settings.model_fields, PREFIX)]
    return "\n".join(rows)


def _flatten(fields: dict[str, FieldInfo], prefix: str) -> list[tuple[str, FieldInfo]]:
    out: list[tuple[str, FieldInfo]] = []
    for name, info in fields.items():
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            out += _flatten(annotation.model_fields, f"{prefix}{name.upper()}__")
        else:
            out.append((f"{prefix}{name.upper()}", info))
    return out


def _row(name: str, info: FieldInfo) -> str:
    default: Any = info.get_default(call_default_factory=True)
    shown = "(unset)" if default is None else f"`{default}`"
    return f"| `{name}` | {shown} | {info.description or ''} |"
