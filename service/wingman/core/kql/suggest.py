"""Did-you-mean: the known names closest to an unknown one, best first."""

from __future__ import annotations

from collections.abc import Iterable

MAX_SUGGESTIONS = 3


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (adjacent swaps count once), or limit + 1 past it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                best = min(best, before[j - 2] + 1)
            current[j] = best
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def _limit(name: str) -> int:
    """Allow more edits in longer names: one in five characters, at least one, at most four."""
    return max(1, min(4, (len(name) + 2) // 5))


def suggest(
    name: str, candidates: Iterable[str], *, limit: int = MAX_SUGGESTIONS
) -> tuple[str, ...]:
    """Rank the candidates that look like `name`: same letters in other case, then fewest edits."""
    folded = name.casefold()
    allowed = _limit(name)
    ranked: list[tuple[int, int, int, str]] = []
    for candidate in set(candidates):
        if candidate == name:
            continue
        other = candidate.casefold()
        if other == folded:
            ranked.append((0, 0, 0, candidate))
            continue
        edits = _distance(folded, other, allowed)
        if edits <= allowed:
            ranked.append((1, edits, abs(len(candidate) - len(name)), candidate))
        elif len(folded) >= 4 and (folded in other or other in folded):
            # A fragment of a longer name ("CommandLine" for "ProcessCommandLine") ranks last.
            ranked.append((2, abs(len(candidate) - len(name)), 0, candidate))
    ranked.sort()
    return tuple(candidate for *_, candidate in ranked[:limit])
