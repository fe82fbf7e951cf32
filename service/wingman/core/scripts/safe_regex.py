"""Regular expressions on hostile text: the `regex` module with a timeout on every search."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from wingman.core.scripts.types import BudgetExceeded

# One search over one layer may take at most this long; a pattern that needs more is bait.
SEARCH_TIMEOUT_S = 0.25


@lru_cache(maxsize=4096)
def compile_pattern(
    pattern: str, flags: int = regex.IGNORECASE | regex.MULTILINE
) -> regex.Pattern[str]:
    """Compile once; patterns are static data, so the cache stays small."""
    return regex.compile(pattern, flags | regex.VERSION1)


def finditer(
    pattern: regex.Pattern[str],
    text: str,
    *,
    position: int = 0,
    end: int | None = None,
    timeout: float = SEARCH_TIMEOUT_S,
) -> Iterator[regex.Match[str]]:
    """Yield matches in text[position:end] (lookbehinds see before it), raising
    BudgetExceeded when the search runs past its timeout."""
    try:
        yield from pattern.finditer(
            text, position, len(text) if end is None else end, timeout=timeout
        )
    except TimeoutError:
        raise BudgetExceeded("a pattern search ran past its time limit") from None


def search(
    pattern: regex.Pattern[str],
    text: str,
    *,
    position: int = 0,
    timeout: float = SEARCH_TIMEOUT_S,
) -> regex.Match[str] | None:
    """Return the first match at or after `position`, raising BudgetExceeded on timeout."""
    try:
        return pattern.search(text, position, timeout=timeout)
    except TimeoutError:
        raise BudgetExceeded("a pattern search ran past its time limit") from None
