"""KQL literals rendered so that no value can ever escape its token.

Strings are rendered double-quoted with backslash escapes. The grammar's string token accepts any
character except a raw quote, backslash, CR or LF, so only those strictly need escaping; Wingman
also writes every other control character, line or paragraph separator, bidirectional-override
character and lone surrogate as ``\\uXXXX`` so a query reads the same in a terminal, a log and a
browser as it does to the engine.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from numbers import Real

from antlr4 import InputStream
from kusto_query_language_parser.parse_tools.KqlLexer import KqlLexer


class LiteralError(ValueError):
    """A value that cannot be rendered, or token text that is not a well-formed literal."""


_SHORT_ESCAPES = (("\\", "\\\\"), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"))
# Controls, C1 controls, line/paragraph separators, bidi overrides and isolates, surrogates.
_UNICODE_ESCAPED = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_PLAIN_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_DECODED_ESCAPES = {
    "'": "'",
    '"': '"',
    "\\": "\\",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
}
_HEX_ESCAPE = {"u": 4, "U": 8, "x": 2}
_OCTAL = re.compile(r"[0-3][0-7]{2}|[0-7]{1,2}")
_MAX_LONG = 2**63 - 1
_UNITS = (("d", 86_400_000_000), ("h", 3_600_000_000), ("m", 60_000_000), ("s", 1_000_000))


def _escape(value: str, quote: str) -> str:
    """Return the body of a quoted literal holding ``value``."""
    for raw, escaped in _SHORT_ESCAPES:
        value = value.replace(raw, escaped)
    value = value.replace(quote, "\\" + quote)
    return _UNICODE_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", value)


def string_literal(value: str) -> str:
    """Render ``value`` as a double-quoted KQL string literal."""
    return '"' + _escape(value, '"') + '"'


def string_list(values: Iterable[str]) -> str:
    """Render a parenthesised list of string literals for ``in`` and ``in~``."""
    if isinstance(values, str):
        raise LiteralError("a list of strings is needed, not one string")
    items = list(values)
    if not items:
        raise LiteralError("an in-list needs at least one value")
    if not all(isinstance(item, str) for item in items):
        raise LiteralError("every in-list value must be a string")
    return "(" + ", ".join(string_literal(item) for item in items) + ")"


def int_literal(value: int) -> str:
    """Render an integer as a KQL long literal."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise LiteralError(f"an integer is needed, not {type(value).__name__}")
    if abs(value) > _MAX_LONG:
        raise LiteralError("integer outside the range of a KQL long")
    return str(value)


def datetime_literal(value: datetime | date) -> str:
    """Render an aware datetime (converted to UTC) or a calendar date as ``datetime(...)``."""
    if not isinstance(value, datetime):
        return f"datetime({value.isoformat()})"
    if value.tzinfo is None or value.utcoffset() is None:
        raise LiteralError("a datetime needs a time zone; naive datetimes are ambiguous")
    utc = value.astimezone(UTC)
    fraction = f".{utc.microsecond:06d}" if utc.microsecond else ""
    return f"datetime({utc:%Y-%m-%dT%H:%M:%S}{fraction}Z)"


def timespan_literal(value: timedelta | float) -> str:
    """Render a non-negative duration in the largest unit that keeps it integral."""
    if isinstance(value, bool) or not isinstance(value, timedelta | Real):
        raise LiteralError(f"a duration is needed, not {type(value).__name__}")
    if isinstance(value, timedelta):
        micros = (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds
    else:
        if not math.isfinite(float(value)):
            raise LiteralError("a duration must be finite")
        micros = round(float(value) * 1_000_000)
    if micros < 0:
        raise LiteralError("a duration must not be negative")
    if micros == 0:
        return "0s"
    for unit, size in _UNITS:
        if micros % size == 0:
            return f"{micros // size}{unit}"
    if micros % 1000 == 0:
        return f"{micros // 1000}ms"
    return f"{micros}microseconds"


def identifier(name: str) -> str:
    """Return ``name`` bare when the lexer reads it as a plain identifier, else ``['name']``."""
    if not isinstance(name, str) or not name:
        raise LiteralError("an identifier must be a non-empty string")
    if _PLAIN_IDENTIFIER.fullmatch(name) and _lexes_as_identifier(name):
        return name
    return "['" + _escape(name, "'") + "']"


@lru_cache(maxsize=4096)
def _lexes_as_identifier(name: str) -> bool:
    """Tell whether the grammar reads ``name`` as one IDENTIFIER token (not a keyword)."""
    lexer = KqlLexer(InputStream(name))
    lexer.removeErrorListeners()
    tokens = lexer.getAllTokens()
    return len(tokens) == 1 and tokens[0].type == KqlLexer.IDENTIFIER


def decode_string_literal(token_text: str) -> str:
    """Return the value of one KQL string-literal token, in any form the grammar accepts."""
    text = token_text[1:] if token_text[:1] in ("h", "H") else token_text
    for fence in ("```", "~~~"):
        if len(text) >= 6 and text.startswith(fence) and text.endswith(fence):
            body = text[3:-3]
            if fence in body:
                raise LiteralError("multi-line literal closes early")
            return body
    if text[:1] == "@" and len(text) >= 3 and text[1] in "'\"" and text[-1] == text[1]:
        return _decode_verbatim(text[2:-1], text[1])
    if len(text) >= 2 and text[0] in "'\"" and text[-1] == text[0]:
        return _decode_escaped(text[1:-1], text[0])
    raise LiteralError("not a string literal")


def _decode_verbatim(body: str, quote: str) -> str:
    """Decode the body of an ``@"..."`` literal, where the quote is written twice."""
    if "\n" in body or "\r" in body or body.replace(quote * 2, "").count(quote):
        raise LiteralError("malformed verbatim literal")
    return body.replace(quote * 2, quote)


def _decode_escaped(body: str, quote: str) -> str:
    """Decode the body of a quoted literal with backslash escapes."""
    out: list[str] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char in (quote, "\n", "\r"):
            raise LiteralError(f"unescaped {char!r} inside the literal")
        if char != "\\":
            out.append(char)
            i += 1
            continue
        decoded, i = _decode_escape(body, i + 1)
        out.append(decoded)
    return "".join(out)


def _decode_escape(body: str, i: int) -> tuple[str, int]:
    """Decode the escape whose letter is at ``body[i]``; return it and the next index."""
    if i >= len(body):
        raise LiteralError("literal ends with a lone backslash")
    letter = body[i]
    if letter in _DECODED_ESCAPES:
        return _DECODED_ESCAPES[letter], i + 1
    if letter in _HEX_ESCAPE:
        width = _HEX_ESCAPE[letter]
        digits = body[i + 1 : i + 1 + width]
        if len(digits) != width or not all(c in "0123456789abcdefABCDEF" for c in digits):
            raise LiteralError(f"\\{letter} needs {width} hex digits")
        code = int(digits, 16)
        if code > 0x10FFFF:
            raise LiteralError("escape beyond the last Unicode code point")
        return chr(code), i + 1 + width
    octal = _OCTAL.match(body, i)
    if octal:
        return chr(int(octal.group(), 8)), octal.end()
    raise LiteralError(f"unknown escape \\{letter}")
