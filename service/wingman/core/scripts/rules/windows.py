"""Search a pattern only near the literals its matches must contain.

Every match of a gated pattern contains an occurrence of one string of each of its required
sets (see literals), and is at most `reach.width` long. So on a layer whose literal positions
are known, the pattern only needs searching in windows around the occurrences of its rarest
required set. A window runs from `width` before an occurrence's end to `width + ahead + 1` past
its start; a match found in it is kept only if everything matching could have examined lies
inside the window (the regex engine treats the window's end as the end of the text), so every
kept match is a match of the whole text, and every match of the whole text lies in a window.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import regex

from wingman.core.scripts.rules.literals import Reach, Strings
from wingman.core.scripts.safe_regex import finditer

# Windows covering more than this share of a layer are no cheaper than one scan of it.
MAX_COVER = 0.5


@dataclass(frozen=True, slots=True)
class Plan:
    """A compiled pattern, the literals its matches contain, and how far a match reaches."""

    pattern: regex.Pattern[str]
    needs: tuple[Strings, ...]
    reach: Reach | None


# Literal -> end offsets (inclusive) of its occurrences in a layer; None: offsets unknown.
Occurrences = Mapping[str, Sequence[int]] | None


def matches(plan: Plan, text: str, occurrences: Occurrences) -> Iterator[regex.Match[str]]:
    """Yield the pattern's matches in `text` in order, searching windows when that is cheaper."""
    windows = _windows(plan, len(text), occurrences)
    if windows is None:
        yield from finditer(plan.pattern, text)
        return
    assert plan.reach is not None
    margin = plan.reach.width + plan.reach.ahead + 1
    for start, end in windows:
        for match in finditer(plan.pattern, text, position=start, end=end):
            if end < len(text) and match.start() + margin > end:
                break
            yield match


def _windows(plan: Plan, length: int, occurrences: Occurrences) -> list[tuple[int, int]] | None:
    if occurrences is None or plan.reach is None or not plan.needs:
        return None
    rarest = min(plan.needs, key=lambda need: sum(len(occurrences.get(s, ())) for s in need))
    width, ahead = plan.reach.width, plan.reach.ahead
    spans = sorted(
        (max(0, end + 1 - width), min(length, end + 1 - len(literal) + width + ahead + 1))
        for literal in rarest
        for end in occurrences.get(literal, ())
    )
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    if sum(end - start for start, end in merged) > MAX_COVER * length:
        return None
    return merged
