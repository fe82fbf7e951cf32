"""Quoted values in a question: ``"..."``, ``'...'``, curly quotes and backticks.

Inside a quoted value a backslash before the closing quote escapes it; every other backslash
stands for itself, so Windows paths and registry keys survive as written.
"""

from __future__ import annotations

from dataclasses import dataclass

_CLOSERS = {'"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019", "`": "`"}
# An apostrophe inside a word ("user's") is not a quote.
_WORDLIKE_QUOTES = frozenset({"'", "\u2018", "\u2019"})


@dataclass(frozen=True, slots=True)
class Quoted:
    """One quoted value: its unescaped text, its span with quotes, and its span without."""

    value: str
    span: tuple[int, int]
    inner: tuple[int, int]


def find_quoted(text: str) -> tuple[Quoted, ...]:
    """Return the quoted values of ``text``, left to right, never nested."""
    found: list[Quoted] = []
    i = 0
    while i < len(text):
        opener = text[i]
        if opener in _CLOSERS and _may_open(text, i):
            closed = _scan(text, i + 1, _CLOSERS[opener])
            if closed is not None:
                value, end = closed
                if value.strip():
                    found.append(Quoted(value, (i, end + 1), (i + 1, end)))
                i = end + 1
                continue
        i += 1
    return tuple(found)


def _may_open(text: str, i: int) -> bool:
    """Tell whether the quote at ``i`` can open a value (not an apostrophe inside a word)."""
    return text[i] not in _WORDLIKE_QUOTES or i == 0 or not text[i - 1].isalnum()


def _scan(text: str, i: int, closer: str) -> tuple[str, int] | None:
    """Read up to the closing quote; return the unescaped value and the closer's index."""
    out: list[str] = []
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] in (closer, "\\"):
            out.append(text[i + 1] if text[i + 1] == closer else "\\\\")
            i += 2
            continue
        if char == closer and _may_close(text, i):
            return "".join(out), i
        out.append(char)
        i += 1
    return None


def _may_close(text: str, i: int) -> bool:
    """Tell whether the quote at ``i`` can close a value (not an apostrophe inside a word)."""
    if text[i] not in _WORDLIKE_QUOTES:
        return True
    return i + 1 == len(text) or not text[i + 1].isalnum()
