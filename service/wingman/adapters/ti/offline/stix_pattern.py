"""The simple part of the STIX 2.1 patterning language: which values a pattern names.

Understood: observations `[...]` joined by OR, each a set of comparisons joined by AND or OR
(parentheses allowed) of the form `object:path = 'value'` on the paths in `PATHS`. Comparisons
joined by AND narrow the match by other properties (a file name beside its hash); those are not
evaluated, since a lookup sees only the value. Anything else (FOLLOWEDBY, qualifiers such as
WITHIN, operators other than `=`, NOT, other literal kinds) makes the pattern `Unsupported`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from wingman.core.models import IndicatorType

MAX_PATTERN_CHARS = 64 * 1024
MAX_NESTING = 32
PATHS: Mapping[str, IndicatorType] = {
    "ipv4-addr:value": IndicatorType.IPV4,
    "ipv6-addr:value": IndicatorType.IPV6,
    "domain-name:value": IndicatorType.DOMAIN,
    "url:value": IndicatorType.URL,
    "email-addr:value": IndicatorType.EMAIL,
    "file:hashes.md5": IndicatorType.MD5,
    "file:hashes.sha-1": IndicatorType.SHA1,
    "file:hashes.sha1": IndicatorType.SHA1,
    "file:hashes.sha-256": IndicatorType.SHA256,
    "file:hashes.sha256": IndicatorType.SHA256,
}
_TOKEN = re.compile(
    r"\s*(?:"
    r"(?P<path>[a-z0-9-]+:(?:[A-Za-z0-9_-]+|'[^'\\]*')(?:\.(?:[A-Za-z0-9_-]+|'[^'\\]*')|\[(?:\d+|\*)\])*)"
    r"|(?P<string>'(?:[^'\\]|\\['\\])*')"
    r"|(?P<op>!=|>=|<=|=|<|>)"
    r"|(?P<punct>[\[\]()])"
    r"|(?P<word>[A-Za-z]+)"
    r"|(?P<other>\S+)"
    r")"
)
_UNQUOTE = re.compile(r"\\(['\\])")


class Unsupported(ValueError):
    """A pattern outside the understood subset."""


Value = tuple[IndicatorType, str]


def pattern_values(pattern: str) -> list[Value]:
    """The (type, value) pairs a pattern names; Unsupported when it is outside the subset."""
    if len(pattern) > MAX_PATTERN_CHARS:
        raise Unsupported(f"longer than {MAX_PATTERN_CHARS} characters")
    parser = _Parser(_tokens(pattern))
    values = parser.observations(0)
    if parser.peek() is not None:
        raise Unsupported(f"unexpected {parser.peek()!r}")
    return values


def _tokens(pattern: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    for found in _TOKEN.finditer(pattern):
        kind = found.lastgroup
        if kind is None:
            continue
        if kind == "other":
            raise Unsupported(f"unknown token {found.group(kind)[:40]!r}")
        tokens.append((kind, found.group(kind)))
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self._tokens = tokens
        self._at = 0

    def peek(self) -> str | None:
        return self._tokens[self._at][1] if self._at < len(self._tokens) else None

    def take(self) -> tuple[str, str]:
        if self._at >= len(self._tokens):
            raise Unsupported("the pattern ends early")
        self._at += 1
        return self._tokens[self._at - 1]

    def expect(self, text: str) -> None:
        _, found = self.take()
        if found != text:
            raise Unsupported(f"expected {text!r}, found {found[:40]!r}")

    def observations(self, depth: int) -> list[Value]:
        """observation (OR observation)*: the values of every one."""
        values = self.observation(depth)
        while self.peek() == "OR":
            self.take()
            values += self.observation(depth)
        if self.peek() not in (None, ")"):
            raise Unsupported(f"{self.peek()!r} between observations")
        return values

    def observation(self, depth: int) -> list[Value]:
        if depth > MAX_NESTING:
            raise Unsupported(f"nested more than {MAX_NESTING} deep")
        _, opening = self.take()
        if opening == "(":
            values = self.observations(depth + 1)
            self.expect(")")
        elif opening == "[":
            values = self.comparisons(depth + 1)
            self.expect("]")
        else:
            raise Unsupported(f"expected an observation, found {opening[:40]!r}")
        return values

    def comparisons(self, depth: int) -> list[Value]:
        """comparison ((AND|OR) comparison)*: the values of the understood ones."""
        values = self.comparison(depth)
        while self.peek() in ("AND", "OR"):
            self.take()
            values += self.comparison(depth)
        return values

    def comparison(self, depth: int) -> list[Value]:
        if depth > MAX_NESTING:
            raise Unsupported(f"nested more than {MAX_NESTING} deep")
        kind, text = self.take()
        if text == "(":
            values = self.comparisons(depth + 1)
            self.expect(")")
            return values
        if kind != "path":
            raise Unsupported(f"expected an object path, found {text[:40]!r}")
        op_kind, operator = self.take()
        literal_kind, literal = self.take()
        if op_kind != "op" or operator != "=":
            raise Unsupported(f"operator {operator[:40]!r}")
        if literal_kind != "string":
            raise Unsupported(f"literal {literal[:40]!r}")
        path = text.replace("'", "").lower()
        if path not in PATHS:
            return []
        return [(PATHS[path], _UNQUOTE.sub(r"\1", literal[1:-1]))]
