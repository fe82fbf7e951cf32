"""Identifiers as KQL reads them: plain names, keywords used as names, and `['escaped names']`."""

from __future__ import annotations

from typing import Any

from wingman.core.kql.literals import LiteralError, decode_string_literal


def name_of(ctx: Any) -> str:
    """The name an identifier context spells, with `['...']` quoting removed."""
    text: str = ctx.getText()
    if text.startswith("[") and text.endswith("]") and len(text) >= 4:
        return unquote(text[1:-1])
    return text


def unquote(literal: str) -> str:
    """The value of one KQL string literal token, or the token itself when it is not one."""
    try:
        return decode_string_literal(literal)
    except LiteralError:
        return literal
