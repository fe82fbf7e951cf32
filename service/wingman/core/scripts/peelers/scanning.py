"""Scan hostile text for a pattern within the budget's time.

`regex` walks a text position by position; for a pattern whose matches can only begin where
a plain character class or literal matches, the standard `re` module finds those places far
faster, and `scan_at` tries the pattern there alone. The start patterns are single classes,
literals or fixed-width lookbehinds: linear by construction, so they need no timeout. A peeler
whose every result needs one of a few words is not run at all on text without them (`gated`).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import regex

from wingman.core.scripts.peelers import PeelFn
from wingman.core.scripts.safe_regex import SEARCH_TIMEOUT_S, finditer
from wingman.core.scripts.types import Budget, BudgetExceeded, Decoded

# Tries between two looks at the clock.
_CHECK_EVERY = 256


def scan_text(pattern: regex.Pattern[str], text: str, budget: Budget) -> Iterator[regex.Match[str]]:
    """Yield matches within the budget's time: the loop's own work counts against the limit."""
    left = budget.deadline - time.monotonic()
    return finditer(pattern, text, timeout=max(SEARCH_TIMEOUT_S, left))


def scan_at(
    starts: re.Pattern[str], pattern: regex.Pattern[str], text: str, budget: Budget
) -> Iterator[regex.Match[str]]:
    """Yield what finditer would, trying the pattern only where `starts` matches.

    `starts` must match at every position where a match of `pattern` can begin (a superset is
    fine); matches are yielded left to right, without overlap, as finditer yields them.
    """
    position, tries = 0, 0
    # Each try may take what is left of the budget; the clock is read every few tries.
    timeout = timeout_for(budget)
    while position <= len(text):
        start = starts.search(text, position)
        if start is None:
            return
        at = start.start()
        tries += 1
        if tries % _CHECK_EVERY == 0:
            budget.check_time()
        match = match_at(pattern, text, at, timeout)
        if match is None:
            position = at + 1
            continue
        yield match
        position = max(match.end(), at + 1)


def match_at(
    pattern: regex.Pattern[str], text: str, at: int, timeout: float
) -> regex.Match[str] | None:
    """Match a pattern anchored at one position, raising BudgetExceeded on timeout."""
    try:
        return pattern.match(text, at, timeout=timeout)
    except TimeoutError:
        raise BudgetExceeded("a pattern search ran past its time limit") from None


def timeout_for(budget: Budget) -> float:
    """How long one search may run: what is left of the budget, and at least the usual limit."""
    return max(SEARCH_TIMEOUT_S, budget.deadline - time.monotonic())


def gated(words: tuple[str, ...], run: PeelFn) -> PeelFn:
    """Skip texts that lack every one of `words` (lowercase), one of which each result needs."""

    def peel(text: str, budget: Budget) -> list[Decoded]:
        folded = text.lower() if text.isascii() else text.casefold()
        if not any(word in folded for word in words):
            return []
        return run(text, budget)

    return peel
