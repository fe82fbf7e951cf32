"""A value said after a column's name: whether it can be that column's, the values listed after
it ("ports 80, 443 or 8080"), and the predicate keeping (or, negated, dropping) them."""

from __future__ import annotations

import re
from typing import Final

from wingman.core.kql.literals import string_list, string_literal
from wingman.core.kql.nl.prose import is_prose

Token = tuple[str, int, int]

_JOINERS: Final = frozenset({"and", "or", "nor", "&"})
# Between listed values: spaces, commas, stray quotes ("'a.exe', 'b.exe'").
_SEPARATOR: Final = re.compile(r"[\s,;'\"/]*")
_QUOTED_JOINER: Final = re.compile(r"['\"][\s,;]*(?:(?:and|or|nor)[\s,;]*)?['\"]", re.IGNORECASE)
_NUMBER: Final = re.compile(r"-?\d+(?:\.\d+)?")
_FILE: Final = re.compile(r"[^\s.]+\.[A-Za-z][A-Za-z0-9]{0,4}")
_HEX: Final = re.compile(r"[0-9A-Fa-f]+")
_ID_COLUMN: Final = re.compile(r"I[dD]$")
# An id: hex digits, a GUID, a number, or a short prefix before one ("i-0a1b2c3d4e").
_ID_VALUE: Final = re.compile(r"\{?[0-9A-Fa-f-]+\}?|[A-Za-z]{1,4}[-_][0-9A-Fa-f-]{6,}")
_HASH_LENGTHS: Final = {"MD5": 32, "SHA1": 40, "SHA256": 64}
_NUMERIC: Final = frozenset({"int", "long", "real", "decimal"})
_OPPOSITE: Final = {"==": "!=", ">": "<=", "<": ">=", ">=": "<", "<=": ">"}


def unquoted(token: str) -> tuple[str, bool]:
    """A token's value, and whether it was quoted; an unquoted one loses a sentence's full stop."""
    if len(token) >= 2 and token[0] in "\"'" and token[-1] == token[0]:
        return token[1:-1], True
    return token.rstrip(".:"), False


def value_shape(value: str) -> str:
    """What a value looks like, so a list goes on only while its values look alike."""
    if _NUMBER.fullmatch(value):
        return "number"
    if _FILE.fullmatch(value):
        return "file"
    if any(c.isdigit() or c in ".\\@:/_-" for c in value):
        return "marked"
    if value[:1].isupper() and (value.isupper() or any(c.isupper() for c in value[1:])):
        return "camel"
    return "word"


def listed_after(question: str, tokens: list[Token], index: int) -> tuple[list[str], int]:
    """The values listed after the one at `index`, alike in shape ("a.exe, b.exe and c.exe",
    "FileCreated or FileRenamed"), and where the last one ends."""
    first, quoted = unquoted(tokens[index][0])
    shape = value_shape(first)
    if shape == "word" and not quoted:
        return [], tokens[index][2]
    values: list[str] = []
    end = last = tokens[index][2]
    joined = False
    for token, start, stop in tokens[index + 1 :]:
        gap = question[end:start]
        if not _SEPARATOR.fullmatch(gap):
            break
        if token.lower() in _JOINERS or _QUOTED_JOINER.fullmatch(token):
            joined, end = True, stop
            continue
        value, also_quoted = unquoted(token)
        if not (joined or "," in gap) or not value or value_shape(value) != shape:
            break
        if shape == "word" and not also_quoted:
            break
        values.append(value)
        end = last = stop
        joined = False
    return values, last


def plausible(column: str, value: str, *, quoted: bool, connected: bool) -> bool:
    """Whether `value` can be said of `column`: a hash column holds a hash, an id column an id
    (hex digits, a GUID, a number), and a plain English word right after a column's name is
    prose ("the tactics observed in ..."), unless a connector ("is", "named") said it."""
    for name, length in _HASH_LENGTHS.items():
        if column.endswith(name):
            return len(value) == length and _HEX.fullmatch(value) is not None
    if _ID_COLUMN.search(column) and not (
        any(c.isdigit() for c in value) and _ID_VALUE.fullmatch(value)
    ):
        return False  # "connections did vm-db-04 open": a host, not a ConnectionId
    return quoted or connected or not is_prose(value)


def render_values(
    column: str, kind: str, operator: str, values: list[str], *, negated: bool
) -> str | None:
    """The predicate keeping rows whose column is (or, negated, is not) one of the values; None
    when a value cannot be compared with the column's type."""
    if kind in _NUMERIC:
        if not all(_NUMBER.fullmatch(v) for v in values):
            return None
        if len(values) > 1:
            return f"{column} {'!in' if negated else 'in'} ({', '.join(values)})"
        op = _OPPOSITE.get(operator, "!=") if negated else operator
        return f"{column} {op} {values[0]}"
    if kind not in ("string", "dynamic", "guid", "") or operator in _OPPOSITE.keys() - {"=="}:
        return None
    if operator == "==":
        if len(values) > 1:
            return f"{column} {'!in~' if negated else 'in~'} {string_list(values)}"
        return f"{column} {'!~' if negated else '=~'} {string_literal(values[0])}"
    if operator == "has" and len(values) > 1:
        listed = f"{column} has_any {string_list(values)}"
        return f"not({listed})" if negated else listed
    op = f"!{operator}" if negated else operator
    parts = [f"{column} {op} {string_literal(v)}" for v in values]
    return parts[0] if len(parts) == 1 else "(" + (" and " if negated else " or ").join(parts) + ")"
