"""Shell words: which parts of a script are quoted, what a literal word means, how to quote it."""

from __future__ import annotations

import time
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

import regex

from wingman.core.scripts.safe_regex import SEARCH_TIMEOUT_S, compile_pattern, finditer, search
from wingman.core.scripts.types import Budget, Lang

BASH = frozenset({Lang.BASH})
MAX_HITS = 64
CHECK_EVERY = 4096
CASE = regex.MULTILINE
# A loop over matches may do real work per match; without a budget it gets this long.
SLOW_SCAN_S = 1.0

_REF = r"\$(?:\{[A-Za-z_]\w*\}|[A-Za-z_]\w*)"
# A dollar sign that starts no expansion stays a dollar sign.
_DOLLAR = r"\$(?![\w{(@*#?$!\-])"
# One shell word made only of literal parts and plain $NAME / ${NAME} references.
WORD = (
    r"(?:'[^']*+'|\$'(?:[^'\\]++|\\[\s\S])*+'"
    rf"|\"(?:[^\"\\$`]++|\\[\s\S]|{_REF}|{_DOLLAR})*+\"|{_REF}|\\[\s\S]|[^\s'\"\\|&;<>()$`]++)++"
)
_PARTS = compile_pattern(
    r"(?P<sq>'[^']*+')|(?P<ansi>\$'(?:[^'\\]++|\\[\s\S])*+')"
    rf"|(?P<dq>\"(?:[^\"\\$`]++|\\[\s\S]|{_REF}|{_DOLLAR})*+\")|(?P<ref>{_REF})|(?P<esc>\\[\s\S])"
    r"|(?P<bare>[^\s'\"\\|&;<>()$`]++)",
    CASE,
)
_DQ_PARTS = compile_pattern(r"\\(?P<esc>[\\$\"`\n])|(?P<ref>" + _REF + r")|(?P<dollar>\$)", CASE)
_DQ_HOLES = compile_pattern(r"\\[\s\S]|\$\(|`|\(|\)", CASE)
_UNSAFE_BARE = compile_pattern(r"[*?\[]|^~|\{[^}]*(?:,|\.\.)", CASE)
_LEX = compile_pattern(
    r"(?P<sq>'[^']*+'?)|(?P<ansi>\$'(?:[^'\\]++|\\[\s\S])*+'?)"
    r"|(?P<dq>\"(?:[^\"\\]++|\\[\s\S])*+\"?)|\\[\s\S]|(?P<cmt>(?<![^\s;&|()])#[^\n]*+)",
    CASE,
)
_ESCAPES = compile_pattern(
    r"\\(?:x(?P<hex>[0-9a-fA-F]{1,2})|u(?P<u4>[0-9a-fA-F]{1,4})|U(?P<u8>[0-9a-fA-F]{1,8})"
    r"|(?P<oct>0?[0-7]{1,3})|c(?P<ctl>[\s\S])|(?P<simple>[\s\S]))",
    CASE,
)
_SIMPLE = {
    "a": b"\a", "b": b"\b", "e": b"\x1b", "E": b"\x1b", "f": b"\f", "n": b"\n",
    "r": b"\r", "t": b"\t", "v": b"\v", "\\": b"\\",
}  # fmt: skip
_DQ_ESCAPES = {ord(char): "\\" + char for char in '\\"$`'}
Style = Literal["ansi", "echo", "printf"]


@dataclass(frozen=True, slots=True)
class Quoting:
    """Where a script's literal text lies: quoted strings and comments, sorted spans."""

    # Single quotes, $'...' and comments: nothing in them is ever code.
    literal: tuple[tuple[int, int], ...]
    # The text of double-quoted strings, without their $(...) and `...` substitutions.
    double_text: tuple[tuple[int, int], ...]
    # Whole double-quoted strings, where references expand but words do not split.
    double: tuple[tuple[int, int], ...]

    def opaque_at(self, position: int) -> bool:
        """Tell whether a position lies inside text that is data, not commands."""
        return _inside(self.literal, position) or _inside(self.double_text, position)

    def literal_at(self, position: int) -> bool:
        return _inside(self.literal, position)

    def double_at(self, position: int) -> bool:
        return _inside(self.double, position)


def scan(
    pattern: regex.Pattern[str], text: str, budget: Budget | None = None
) -> Iterator[regex.Match[str]]:
    """Yield matches; the loop's own work counts against the limit, so allow the budget's time."""
    left = SLOW_SCAN_S if budget is None else budget.deadline - time.monotonic()
    return finditer(pattern, text, timeout=max(SEARCH_TIMEOUT_S, left))


def _inside(spans: tuple[tuple[int, int], ...], position: int) -> bool:
    """Tell whether a position lies strictly inside one of sorted, disjoint spans."""
    index = bisect_left(spans, (position, -1)) - 1
    return index >= 0 and position < spans[index][1]


# The shell peelers ask about the same layer in turn; remember the last answer.
_last_quoting: tuple[str, Quoting] | None = None


def quoting(text: str, budget: Budget) -> Quoting:
    """Find the literal spans of a script (see Quoting)."""
    global _last_quoting
    last = _last_quoting
    if last is not None and last[0] is text:
        return last[1]
    found = _quoting(text, budget)
    _last_quoting = (text, found)
    return found


def _quoting(text: str, budget: Budget) -> Quoting:
    literal: list[tuple[int, int]] = []
    double_text: list[tuple[int, int]] = []
    double: list[tuple[int, int]] = []
    for count, match in enumerate(scan(_LEX, text, budget)):
        if count % CHECK_EVERY == 0:
            budget.check_time()
        if match.group("dq") is not None:
            double.append(match.span())
            double_text += _double_text(match.group(), match.start(), budget)
        elif match.group("sq") is not None or match.group("ansi") is not None:
            literal.append(match.span())
        elif match.group("cmt") is not None:
            literal.append((match.start() - 1, match.end()))
    return Quoting(tuple(literal), tuple(double_text), tuple(double))


def _double_text(token: str, offset: int, budget: Budget) -> list[tuple[int, int]]:
    """Split one double-quoted string into its text pieces around $(...) and `...`."""
    if "$(" not in token and "`" not in token:
        return [(offset, offset + len(token))]
    pieces: list[tuple[int, int]] = []
    depth, backtick, begin = 0, False, offset
    for match in scan(_DQ_HOLES, token, budget):
        mark, position = match.group(), offset + match.start()
        if mark.startswith("\\"):
            continue
        if depth == 0 and not backtick and mark in ("$(", "`"):
            pieces.append((begin, position))
            depth, backtick = (1, False) if mark == "$(" else (0, True)
        elif backtick and mark == "`":
            backtick, begin = False, position
        elif depth > 0 and mark != "`":
            depth += -1 if mark == ")" else 1
            begin = position if depth == 0 else begin
    if depth == 0 and not backtick:
        pieces.append((begin, offset + len(token)))
    return pieces


def unescape(body: str, style: Style) -> tuple[bytes, bool]:
    """Apply backslash escapes as $'...', echo -e or printf do; True when \\c stopped output."""
    parts: list[bytes] = []
    last = 0
    for match in scan(_ESCAPES, body):
        parts.append(body[last : match.start()].encode("utf-8", "surrogatepass"))
        last = match.end()
        decoded = _escape(match, style)
        if decoded is None:
            return b"".join(parts), True
        parts.append(decoded)
    parts.append(body[last:].encode("utf-8", "surrogatepass"))
    return b"".join(parts), False


def _escape(match: regex.Match[str], style: Style) -> bytes | None:
    """Decode one escape; None for echo's \\c, which ends the output."""
    raw = match.group()
    if match.group("hex"):
        return bytes([int(match.group("hex"), 16)])
    code = match.group("u4") or match.group("u8")
    if code:
        value = int(code, 16)
        return chr(value).encode("utf-8", "surrogatepass") if value < 0x110000 else raw.encode()
    octal = match.group("oct")
    if octal is not None:
        if style == "echo" and not octal.startswith("0"):
            return raw.encode()
        digits = octal[1:] if style == "echo" else octal[:3]
        return bytes([int(digits or "0", 8) & 0xFF]) + (
            b"" if style == "echo" else octal[3:].encode()
        )
    if match.group("ctl") is not None:
        return None if style == "echo" else bytes([ord(match.group("ctl")) & 0x1F])
    simple = match.group("simple")
    if simple in _SIMPLE:
        return _SIMPLE[simple]
    keep = style != "echo" and simple in "'\"?"
    return simple.encode() if keep else raw.encode("utf-8", "surrogatepass")


def ansi_c(body: str) -> str | None:
    """Decode the inside of $'...': None when the bytes are not UTF-8 text."""
    data, _ = unescape(body, "ansi")
    data = data.split(b"\0", 1)[0]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _double_quoted(body: str, env: Mapping[str, str]) -> str | None:
    parts: list[str] = []
    last = 0
    for match in scan(_DQ_PARTS, body):
        parts.append(body[last : match.start()])
        last = match.end()
        if match.group("esc") is not None:
            parts.append("" if match.group("esc") == "\n" else match.group("esc"))
        elif match.group("ref") is not None:
            value = env.get(match.group("ref").strip("${}"))
            if value is None:
                return None
            parts.append(value)
        elif not _starts_expansion(body[match.end() : match.end() + 1]):
            parts.append("$")
        else:
            return None
    parts.append(body[last:])
    return "".join(parts)


def _starts_expansion(char: str) -> bool:
    return bool(char) and (char.isalnum() or char in "_{(@*#?$!-")


def literal_word(
    word: str, env: Mapping[str, str] | None = None, *, ansi: bool = True
) -> str | None:
    """Return what one shell word means when it is made of literals and known variables."""
    values = env or {}
    parts: list[str] = []
    last = 0
    for match in scan(_PARTS, word):
        if match.start() != last:
            return None
        last = match.end()
        value = _word_part(match, values, ansi=ansi, first=not parts)
        if value is None:
            return None
        parts.append(value)
    return "".join(parts) if last == len(word) and parts else None


def _word_part(
    match: regex.Match[str], env: Mapping[str, str], *, ansi: bool, first: bool
) -> str | None:
    token = match.group()
    if match.group("sq") is not None:
        return token[1:-1]
    if match.group("ansi") is not None:
        return ansi_c(token[2:-1]) if ansi else None
    if match.group("dq") is not None:
        return _double_quoted(token[1:-1], env)
    if match.group("ref") is not None:
        return env.get(token.strip("${}"))
    if match.group("esc") is not None:
        return "" if token == "\\\n" else token[1]
    unsafe = search(_UNSAFE_BARE, token if first else token.lstrip("~"))
    return None if unsafe is not None else token


def single_quote(value: str) -> str:
    """Quote text as one single-quoted shell word."""
    return "'" + value.replace("'", "'\\''") + "'"


def double_quote_body(value: str) -> str:
    """Escape text for the inside of a double-quoted shell string."""
    return value.translate(_DQ_ESCAPES)
