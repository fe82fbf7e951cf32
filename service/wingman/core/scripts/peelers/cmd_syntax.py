"""How cmd.exe reads a line: quoted regions, caret escapes and command separators."""

from __future__ import annotations

import time
from bisect import bisect_left
from collections.abc import Iterator

import regex

from wingman.core.scripts.safe_regex import SEARCH_TIMEOUT_S, compile_pattern, finditer
from wingman.core.scripts.types import Budget, Lang

# A loop over matches may do real work per match; without a budget it gets this long.
SLOW_SCAN_S = 1.0
BATCH = frozenset({Lang.BATCH})
# Matches (commands, references, calls) one peeler acts on in one layer; the rest is bait.
MAX_HITS = 64
CHECK_EVERY = 4096

# A quoted region runs to the next quote or the end of the line; a caret escapes one character.
_CARETS = compile_pattern(r'"[^"\r\n]*+"?|\^(?:\r?\n|[^\r\n])?', 0)
# A command: quoted regions, escaped characters and plain text up to an unquoted & && || | or
# the end of the line (a caret does not carry a command over a line end here).
_COMMAND = compile_pattern(r'(?:"[^"\r\n]*+"?|\^[^\r\n]?|[^"^&|\r\n]++)++', 0)


def scan(
    pattern: regex.Pattern[str], text: str, budget: Budget | None = None
) -> Iterator[regex.Match[str]]:
    """Yield matches; the loop's own work counts against the limit, so allow the budget's time."""
    left = SLOW_SCAN_S if budget is None else budget.deadline - time.monotonic()
    return finditer(pattern, text, timeout=max(SEARCH_TIMEOUT_S, left))


def unescape_carets(text: str, budget: Budget) -> str | None:
    """Return the text with carets outside quotes applied as cmd does, or None if there are none."""
    parts: list[str] = []
    last = 0
    for count, match in enumerate(scan(_CARETS, text, budget)):
        if count % CHECK_EVERY == 0:
            budget.check_time()
        token = match.group()
        if token.startswith('"'):
            continue
        parts.append(text[last : match.start()])
        escaped = token[1:]
        parts.append("" if escaped in ("\n", "\r\n") else escaped)
        last = match.end()
    if not parts:
        return None
    parts.append(text[last:])
    return "".join(parts)


def hiding_carets(text: str, budget: Budget) -> tuple[int, list[int]]:
    """Find the carets outside quotes that escape a letter or digit, or end a line.

    Escaping a letter changes nothing for cmd.exe, so only hiding explains it; escaping & | < >
    or a quote is how the language is written. Returns how many escape letters or digits, and
    where all of them are (at most MAX_HITS positions).
    """
    letters = 0
    positions: list[int] = []
    for count, match in enumerate(scan(_CARETS, text, budget)):
        if count % CHECK_EVERY == 0:
            budget.check_time()
        token = match.group()
        if token.startswith('"') or len(token) < 2:
            continue
        letter = token[1].isalnum()
        if not (letter or token[1] in "\r\n") or _comment(text, match.start()):
            continue
        letters += letter
        if len(positions) < MAX_HITS:
            positions.append(match.start())
    return letters, positions


def lines_around(text: str, positions: list[int]) -> list[tuple[int, int]]:
    """Return the lines holding the positions, a line ending in a caret joined to the next."""
    regions: list[tuple[int, int]] = []
    for position in positions:
        if regions and position < regions[-1][1]:
            continue
        start = text.rfind("\n", 0, position) + 1
        end = text.find("\n", position)
        while end > 0 and text[:end].rstrip("\r").endswith("^") and end + 1 < len(text):
            following = text.find("\n", end + 1)
            end = len(text) if following < 0 else following
        regions.append((start, len(text) if end < 0 else end))
    return regions


def _comment(text: str, position: int) -> bool:
    """Tell whether a position lies on a comment line (:: or rem), which cmd.exe never runs."""
    line = text[text.rfind("\n", 0, position) + 1 : position].lstrip(" \t@")
    return line.startswith("::") or line[:4].lower() in ("rem", "rem ", "rem\t")


def commands(text: str, budget: Budget) -> tuple[tuple[int, int], ...]:
    """Return the (start, end) of every command: split on lines and unquoted & && || |."""
    return _COMMANDS(text, budget)


def _split(text: str, budget: Budget) -> tuple[tuple[int, int], ...]:
    found: list[tuple[int, int]] = []
    for count, match in enumerate(scan(_COMMAND, text, budget)):
        if count % CHECK_EVERY == 0:
            budget.check_time()
        found.append(match.span())
    return tuple(found)


class _LastSplit:
    """The commands of the last texts split: every batch peeler of a layer reads them."""

    def __init__(self, keep: int) -> None:
        self._keep = keep
        self._last: list[tuple[str, tuple[tuple[int, int], ...]]] = []

    def __call__(self, text: str, budget: Budget) -> tuple[tuple[int, int], ...]:
        for known, spans in self._last:
            if known is text:
                return spans
        spans = _split(text, budget)
        self._last = [(text, spans), *self._last[: self._keep - 1]]
        return spans


_COMMANDS = _LastSplit(keep=2)


def quoted_spans(command: str) -> list[tuple[int, int]]:
    """Return the (start, end) of every double-quoted region of one command."""
    return [match.span() for match in scan(_CARETS, command) if match.group()[:1] == '"']


def inside(spans: list[tuple[int, int]], position: int) -> bool:
    """Tell whether a position lies strictly inside one of sorted, disjoint spans."""
    index = bisect_left(spans, (position, -1)) - 1
    return index >= 0 and position < spans[index][1]


def splice(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Replace sorted, non-overlapping (start, end) regions of a text."""
    parts: list[str] = []
    last = 0
    for start, end, replacement in edits:
        parts.append(text[last:start])
        parts.append(replacement)
        last = end
    parts.append(text[last:])
    return "".join(parts)
