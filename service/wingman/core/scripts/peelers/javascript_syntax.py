"""JavaScript text: where strings, comments and regexes lie; string literals in and out."""

from __future__ import annotations

import time
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import lru_cache

import regex

from wingman.core.scripts.safe_regex import SEARCH_TIMEOUT_S, compile_pattern, finditer
from wingman.core.scripts.types import Budget, Decoded, Lang

JAVASCRIPT = frozenset({Lang.JAVASCRIPT})
CASE = regex.MULTILINE
MAX_HITS = 256
# A rewrite undoes every occurrence in one pass (a cap would only spread the work over layers).
MAX_EDITS = 1 << 16
CHECK_EVERY = 4096
# A loop over matches may do real work per match; without a budget it gets this long.
SLOW_SCAN_S = 1.0

# A quote after a backslash is inside a literal, never the start of one: without the guard a
# search would restart at every escaped quote of a long literal and run quadratic.
# An identifier (names may hold `$`, as droppers like to use).
IDENT = r"[A-Za-z_$][\w$]*+"
LIT = r"""(?<!\\)(?:'(?:[^'\\\r\n]++|\\[\s\S])*+'|"(?:[^"\\\r\n]++|\\[\s\S])*+")"""
NUM = r"(?:0[xX][0-9a-fA-F]{1,16}|0[oO][0-7]{1,22}|0[bB][01]{1,64}|\d{1,20})(?![\w$])"
_LEX = compile_pattern(
    r"""'(?:[^'\\\r\n]++|\\[\s\S])*+'?|"(?:[^"\\\r\n]++|\\[\s\S])*+"?"""
    # JScript runs the code of /*@cc_on ... @*/ (conditional compilation): that is no comment.
    r"|`(?:[^`\\]++|\\[\s\S])*+`?|//[^\r\n]*+|/\*(?!@)(?:[^*]++|\*(?!/))*+(?:\*/)?"
    r"|(?<=(?:^|[=(,:;!&|?{}\[+\-*%<>~^]|\breturn|\btypeof)\s*)"
    r"/(?![*/])(?:[^/\\\[\r\n]++|\\.|\[(?:[^\]\\\r\n]++|\\.)*+\]?)++/[a-z]*",
    CASE,
)
_ESCAPE = compile_pattern(
    r"\\(?:x(?P<x>[0-9a-fA-F]{2})|u\{(?P<cp>[0-9a-fA-F]{1,6})\}|u(?P<u>[0-9a-fA-F]{4})"
    r"|(?P<oct>[0-3][0-7]{0,2}|[4-7][0-7]?)|(?P<nl>\r\n|[\r\n\u2028\u2029])|(?P<bad>[xu])"
    r"|(?P<char>[\s\S]))",
    CASE,
)
_COMMON_ESCAPES = regex.compile(
    r"(?:[^\\]++|\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[nrtbfv'\"\\]))*+"
)
_PLAIN_ESCAPES = regex.compile(r"(?:[^\\]++|\\[nrtbfv'\"\\])*+")
_SURROGATE = regex.compile(r"[\ud800-\udfff]")
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v"}


def _escape_table(quote: str) -> dict[int, str]:
    table = {code: f"\\u{code:04x}" for code in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]}
    table.update({code: f"\\u{code:04x}" for code in range(0xD800, 0xE000)})
    table.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})
    table.update({ord("\\"): "\\\\", ord(quote): "\\" + quote})
    return table


_TABLES = {quote: _escape_table(quote) for quote in "\"'"}


def scan(
    pattern: regex.Pattern[str], text: str, budget: Budget | None = None
) -> Iterator[regex.Match[str]]:
    """Yield matches; the loop's own work counts against the limit, so allow the budget's time."""
    left = SLOW_SCAN_S if budget is None else budget.deadline - time.monotonic()
    return finditer(pattern, text, timeout=max(SEARCH_TIMEOUT_S, left))


class Opaque:
    """The spans of strings, templates, comments and regexes, where code matches are bait."""

    def __init__(self, text: str, budget: Budget) -> None:
        budget.check_time()
        self.starts, self.ends = _spans(text)
        budget.check_time()

    def inside(self, position: int) -> bool:
        """Tell whether a position lies strictly inside one span (a span's start is code)."""
        index = bisect_right(self.starts, position - 1) - 1
        return index >= 0 and position < self.ends[index]

    def strings(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield the spans of the complete string literals ('...' and "...")."""
        for start, end in zip(self.starts, self.ends, strict=True):
            mark = text[start]
            if mark in "'\"" and end - start >= 2 and text[end - 1] == mark:
                yield start, end


# Every peeler of a layer asks for the same spans; the layer's text is the key.
@lru_cache(maxsize=8)
def _spans(text: str) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    for match in finditer(_LEX, text, timeout=SLOW_SCAN_S):
        start, end = match.span()
        starts.append(start)
        ends.append(end)
    return starts, ends


def quote(value: str, mark: str = '"') -> str:
    """Write text as a JavaScript string literal, escaping only what must be escaped."""
    return mark + value.translate(_TABLES[mark]) + mark


def unquote(literal: str) -> tuple[str, bool] | None:
    """Decode a string literal; the flag tells whether it used \\x, \\u or octal escapes."""
    body = literal[1:-1]
    if "\\" not in body:
        return join_units(body), False
    if _COMMON_ESCAPES.fullmatch(body) is not None:
        # The escapes JavaScript and Python spell alike: decode in C rather than one by one.
        raw = body.encode("latin-1", "backslashreplace").decode("unicode_escape")
        return join_units(raw), _PLAIN_ESCAPES.fullmatch(body) is None
    parts: list[str] = []
    last = 0
    hidden = False
    for match in scan(_ESCAPE, body):
        parts.append(body[last : match.start()])
        last = match.end()
        char = _escape(match)
        if char is None:
            return None
        hidden = hidden or (match.group("char") is None and match.group("nl") is None)
        parts.append(char)
    parts.append(body[last:])
    return join_units("".join(parts)), hidden


def _escape(match: regex.Match[str]) -> str | None:
    if match.group("bad") is not None:
        return None
    code = match.group("x") or match.group("u") or match.group("cp")
    if code is not None:
        value = int(code, 16)
        return chr(value) if value < 0x110000 else None
    if match.group("oct") is not None:
        return chr(int(match.group("oct"), 8))
    if match.group("nl") is not None:
        return ""
    char = match.group("char")
    return _SIMPLE.get(char, char)


def join_units(text: str) -> str:
    """Combine UTF-16 surrogate pairs into characters; lone surrogates stay as they are."""
    if text.isascii() or _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def splice(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Apply sorted, non-overlapping (start, end, replacement) edits to a text."""
    parts: list[str] = []
    last = 0
    for start, end, value in edits:
        parts += [text[last:start], value]
        last = end
    parts.append(text[last:])
    return "".join(parts)


def literal_value(literal: str) -> str | None:
    """Return the value of a string literal, or None when it is malformed."""
    decoded = unquote(literal)
    return None if decoded is None else decoded[0]


Compute = Callable[[regex.Match[str]], str | None]


def rewriter(
    technique: str, pattern: regex.Pattern[str], compute: Compute, hint: str
) -> Callable[[str, Budget], list[Decoded]]:
    """Build a rewrite that replaces each code match by the literal `compute` resolves it to."""

    def run(text: str, budget: Budget) -> list[Decoded]:
        if hint not in text:
            return []
        opaque = Opaque(text, budget)
        parts: list[str] = []
        last = 0
        for match in scan(pattern, text, budget):
            budget.check_time()
            if match.start() < last or opaque.inside(match.start()):
                continue
            value = compute(match)
            if value is None or len(parts) >= 2 * MAX_EDITS or quote(value) == match.group():
                continue
            parts += [text[last : match.start()], quote(value)]
            last = match.end()
        if not parts:
            return []
        return [Decoded(technique, "".join([*parts, text[last:]]), 0, len(text))]

    return run
