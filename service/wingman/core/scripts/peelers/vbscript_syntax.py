"""VBScript text: strings and comments, `&` chains of literals and Chr() calls, and their values."""

from __future__ import annotations

import time
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from wingman.core.scripts.safe_regex import SEARCH_TIMEOUT_S, compile_pattern, finditer
from wingman.core.scripts.types import Budget, Lang

VBSCRIPT = frozenset({Lang.VBSCRIPT})
MAX_HITS = 256
CHECK_EVERY = 4096
# A loop over matches may do real work per match; without a budget it gets this long.
SLOW_SCAN_S = 1.0

LIT = r'"(?:[^"\r\n]++|"")*+"'
_NUM = r"(?:&h[0-9a-f]{1,8}&?|&o[0-7]{1,11}&?|\d{1,10})"
_CONSTANT = r"vbCrLf|vbNewLine|vbCr|vbLf|vbTab|vbNullString|vbNullChar"
CHR = rf"chrw?\s*\(\s*-?{_NUM}(?:\s*(?:[-+*]|\bxor\b)\s*{_NUM})?\s*\)"
ITEM = rf"(?:{LIT}|{CHR}|\b(?:{_CONSTANT})\b)"
_CONTINUE = r"(?:[ \t]*_[ \t]*\r?\n)?[ \t]*"
SEPARATOR = rf"{_CONTINUE}[&+]{_CONTINUE}"
CHAIN = rf"{ITEM}(?:{SEPARATOR}{ITEM})*+"

_LEX = compile_pattern(rf"{LIT}|\"[^\r\n]*|'[^\r\n]*|(?<=(?:^|:)[ \t]*)rem\b[^\r\n]*")
_ITEM = compile_pattern(
    rf"(?P<lit>{LIT})|(?P<chr>chr(?P<wide>w)?\s*\(\s*(?P<a>-?{_NUM})"
    rf"(?:\s*(?P<op>[-+*]|xor)\s*(?P<b>{_NUM}))?\s*\))|(?P<const>{_CONSTANT})"
)
_CONSTANTS = {
    "vbcrlf": "\r\n",
    "vbnewline": "\r\n",
    "vbcr": "\r",
    "vblf": "\n",
    "vbtab": "\t",
    "vbnullstring": "",
    "vbnullchar": "\0",
}
_NEWLINES = compile_pattern(r"\r\n|\r|\n|[\x00-\x08\x0b-\x1f]")
_NEWLINE_NAMES = {"\r\n": "vbCrLf", "\r": "vbCr", "\n": "vbLf"}


def scan(
    pattern: regex.Pattern[str], text: str, budget: Budget | None = None
) -> Iterator[regex.Match[str]]:
    """Yield matches; the loop's own work counts against the limit, so allow the budget's time."""
    left = SLOW_SCAN_S if budget is None else budget.deadline - time.monotonic()
    return finditer(pattern, text, timeout=max(SEARCH_TIMEOUT_S, left))


class Opaque:
    """The spans of string literals and comments, where code matches are bait."""

    def __init__(self, text: str, budget: Budget) -> None:
        self.spans: list[tuple[int, int]] = []
        for count, match in enumerate(scan(_LEX, text, budget)):
            if count % CHECK_EVERY == 0:
                budget.check_time()
            self.spans.append(match.span())

    def inside(self, position: int) -> bool:
        """Tell whether a position lies strictly inside one span (a span's start is code)."""
        index = bisect_left(self.spans, (position, -1)) - 1
        return index >= 0 and position < self.spans[index][1]


def _number(token: str) -> int:
    sign, token = (-1, token[1:]) if token.startswith("-") else (1, token)
    token = token.lower().rstrip("&")
    if token.startswith("&h"):
        value = int(token[2:], 16)
        # &H literals of up to four digits are 16-bit Integers, so &HFFFF is -1.
        value = value - 0x10000 if len(token) <= 6 and value >= 0x8000 else value
    else:
        value = int(token[2:], 8) if token.startswith("&o") else int(token)
    return sign * value


def _char(match: regex.Match[str]) -> str | None:
    """Return the character of Chr(n)/ChrW(n); None outside ASCII for Chr (code page)."""
    code = _number(match.group("a"))
    if match.group("op"):
        other = _number(match.group("b"))
        operator = match.group("op").lower()
        code = {"+": code + other, "-": code - other, "*": code * other}.get(operator, code ^ other)
    if match.group("wide"):
        return chr(code & 0xFFFF) if -0x8000 <= code <= 0xFFFF else None
    return chr(code) if 0 <= code < 0x80 else None


@dataclass(frozen=True, slots=True)
class Chain:
    """The value of an `&` chain and what it was made of."""

    value: str
    items: int
    calls: int
    # Pairs of string literals written side by side ("a" & "b"): concatenation to undo.
    adjacent: int


def chain_value(chain: str, *, chars: bool) -> Chain | None:
    """Resolve a chain of literals, constants and (when `chars`) Chr calls; None otherwise."""
    parts: list[str] = []
    calls = adjacent = items = 0
    previous_literal = False
    for match in scan(_ITEM, chain):
        items += 1
        literal = match.group("lit")
        if literal is not None:
            parts.append(literal[1:-1].replace('""', '"'))
            adjacent += previous_literal
        elif match.group("const") is not None:
            parts.append(_CONSTANTS[match.group("const").lower()])
        else:
            char = _char(match) if chars else None
            if char is None:
                return None
            parts.append(char)
            calls += 1
        previous_literal = literal is not None
    return Chain("".join(parts), items, calls, adjacent)


def expression(value: str) -> str:
    """Write text as a VBScript expression: literals joined with vbCrLf/vbLf/vbCr or Chr(n)."""
    items: list[str] = []
    last = 0
    for match in scan(_NEWLINES, value):
        if match.start() > last:
            items.append('"' + value[last : match.start()].replace('"', '""') + '"')
        char = match.group()
        items.append(_NEWLINE_NAMES.get(char) or f"Chr({ord(char)})")
        last = match.end()
    if last < len(value) or not items:
        items.append('"' + value[last:].replace('"', '""') + '"')
    return " & ".join(items)


def free_before(text: str, start: int) -> bool:
    """Tell whether what precedes a chain binds looser than `&`."""
    index = start - 1
    while index >= 0 and text[index] in " \t":
        index -= 1
    if index < 0 or text[index] not in "+-*/\\^.":
        word = text[max(0, index - 2) : index + 1].lower()
        return word != "mod" or (index >= 3 and text[index - 3].isalnum())
    return False


def free_after(text: str, end: int) -> bool:
    """Tell whether what follows a chain binds looser than `&`."""
    index = end
    while index < len(text) and text[index] in " \t":
        index += 1
    ahead = text[index : index + 4].lower()
    is_mod = ahead[:3] == "mod" and not ahead[3:4].isalnum()
    return not ahead or (ahead[0] not in "(.+-*/\\^" and not is_mod)
