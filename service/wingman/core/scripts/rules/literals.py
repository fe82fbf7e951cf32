"""Literal prefilters for rule patterns: strings that every match must contain.

A rule's regular expressions are only worth running on a layer that contains one of the words
they cannot match without. `required(pattern)` reads the pattern's syntax tree and returns a
set of case-folded strings of which every match contains at least one, or None when it cannot
say (the pattern then always runs). The answer is conservative by construction: it only ever
names strings that a match is forced to contain, so skipping a layer that holds none of them
never loses a match. Patterns use the `regex` module's syntax; what the standard parser cannot
read, or reads differently (set operations in character classes, Unicode properties), gets None.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# The standard library's own parser of regular-expression syntax (private, stable since 3.11).
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

# A literal shorter than this matches too often to be worth a gate (two letters still skip
# most layers: `rm`, `7z`, `nc`, `%0`).
MIN_LITERAL = 2
# Alternatives multiply (a|b)(c|d) into ac, ad, bc, bd; past this many the set is not worth it.
MAX_ALTERNATIVES = 64
# Inside a character class, regex V1 reads these as set operations; the standard parser as text.
_SET_OPERATORS = ("--", "&&", "||", "~~")

Strings = frozenset[str]


@dataclass(frozen=True, slots=True)
class _Info:
    """What a sub-pattern contributes: its exact strings when finite, else what it requires.

    `need` is the most selective requirement; `factors` are all of them (a match satisfies each).
    """

    exact: Strings | None
    need: Strings | None
    factors: tuple[Strings, ...] = ()


def _parse(pattern: str) -> Any:
    """The pattern's syntax tree, or None when the standard parser cannot be trusted with it."""
    if _misread(pattern):
        return None
    try:
        return sre_parse.parse(pattern, 0)
    except Exception:  # any syntax this parser does not know: no gate, the pattern always runs
        return None


def required(pattern: str) -> Strings | None:
    """Case-folded strings of which every match of `pattern` contains one; None if unknown."""
    parsed = _parse(pattern)
    if parsed is None:
        return None
    info = _sequence(list(parsed))
    return _usable(info.exact) or _usable(info.need)


def required_all(pattern: str) -> tuple[Strings, ...]:
    """Every requirement of `pattern`: a match contains one string of each set (none: unknown)."""
    parsed = _parse(pattern)
    if parsed is None:
        return ()
    info = _sequence(list(parsed))
    factors = (info.exact,) if info.exact is not None else info.factors
    return tuple(dict.fromkeys(f for f in factors if f is not None and _usable(f)))


def required_any(patterns: Iterable[str]) -> Strings | None:
    """Strings one of which a match of any of the patterns contains; None if any is unknown."""
    union: set[str] = set()
    for pattern in patterns:
        found = required(pattern)
        if found is None:
            return None
        union |= found
    return frozenset(union)


def _misread(pattern: str) -> bool:
    """True for syntax the standard parser would read differently rather than reject.

    That is regex V1's nested classes and set operations (`[[a-z]--[q]]`) and its fuzzy
    constraints (`(?:foo){e<=1}`), which the standard parser takes for literal text.
    """
    index, in_class, length = 0, False, len(pattern)
    while index < length:
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            if char == "[" or pattern[index : index + 2] in _SET_OPERATORS:
                return True
            in_class = char != "]"
        elif char == "[":
            in_class = True
            index += 1
            # A ']' first in the class (after an optional '^') is a member, not the end.
            index += pattern[index : index + 1] == "^"
            index += pattern[index : index + 1] == "]"
            continue
        elif char == "{" and not _quantifier_start(pattern[index + 1 : index + 2]):
            return True
        index += 1
    return False


def _quantifier_start(char: str) -> bool:
    return char.isdigit() or char == ","


def _usable(strings: Strings | None) -> Strings | None:
    if not strings or min(len(text) for text in strings) < MIN_LITERAL:
        return None
    return strings


def _sequence(items: Sequence[tuple[Any, Any]]) -> _Info:
    run: Strings = frozenset({""})
    exact_whole = True
    factors: list[Strings] = []
    for op, arg in items:
        if op is sre.AT:
            continue
        item = _item(op, arg)
        if item.exact is not None:
            joined = _product(run, item.exact)
            if joined is not None:
                run = joined
                continue
            # Too many combinations: keep the run so far as a requirement and start again here.
            exact_whole = False
            factors.append(run)
            run = item.exact
            continue
        exact_whole = False
        factors += [run, *item.factors]
        run = frozenset({""})
    if exact_whole:
        return _Info(run, run, (run,))
    factors.append(run)
    usable = tuple(f for f in factors if _better(None, f) is not None)
    best: Strings | None = None
    for factor in usable:
        best = _better(best, factor)
    return _Info(None, best, usable)


def _item(op: Any, arg: Any) -> _Info:
    if op is sre.LITERAL:
        return _exact(frozenset({chr(arg).casefold()}))
    if op is sre.SUBPATTERN:
        return _sequence(list(arg[-1]))
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(arg))
    if op is sre.BRANCH:
        return _branch([_sequence(list(alt)) for alt in arg[1]])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, body = arg
        inner = _sequence(list(body))
        if low == high and inner.exact is not None and low <= 8:
            return _exact(_power(inner.exact, low))
        if low < 1:
            return _Info(None, None)
        return _Info(None, inner.need, inner.factors or ((inner.need,) if inner.need else ()))
    return _Info(None, None)


def _exact(strings: Strings | None) -> _Info:
    return _Info(strings, strings, () if strings is None else (strings,))


def _branch(alternatives: Sequence[_Info]) -> _Info:
    if all(alt.exact is not None for alt in alternatives):
        merged = frozenset().union(*(alt.exact for alt in alternatives if alt.exact is not None))
        if len(merged) <= MAX_ALTERNATIVES:
            return _exact(merged)
    needs = [alt.need for alt in alternatives]
    if any(need is None for need in needs):
        return _Info(None, None)
    union: Strings = frozenset().union(*(need for need in needs if need is not None))
    return _Info(None, union, (union,))


def _product(left: Strings, right: Strings) -> Strings | None:
    if len(left) * len(right) > MAX_ALTERNATIVES:
        return None
    return frozenset(a + b for a, b in itertools.product(left, right))


def _power(strings: Strings, times: int) -> Strings | None:
    result: Strings | None = frozenset({""})
    for _ in range(times):
        result = None if result is None else _product(result, strings)
    return result


def _better(current: Strings | None, candidate: Strings | None) -> Strings | None:
    """Prefer the gate whose shortest string is longest: it skips the most layers."""
    if not candidate or "" in candidate:
        return current
    if current is None:
        return candidate
    return candidate if _rank(candidate) > _rank(current) else current


def _rank(strings: Strings) -> tuple[int, int]:
    return min(len(text) for text in strings), -len(strings)


# Windows wider than this are not worth computing; such patterns scan the whole layer.
MAX_REACH = 4096


@dataclass(frozen=True, slots=True)
class Reach:
    """How far a match, and the lookaheads evaluated for it, can extend from where it starts.

    `width` bounds the match's length; `ahead` bounds how far past a position a lookahead (or a
    word boundary) looks. From a start `s`, matching never examines text at or past
    `s + width + ahead + 1`.
    """

    width: int
    ahead: int


def reach(pattern: str) -> Reach | None:
    """The pattern's reach, or None when it is unbounded, too wide or unreadable."""
    parsed = _parse(pattern)
    if parsed is None:
        return None
    width = parsed.getwidth()[1]
    ahead = _lookahead(parsed)
    if width + ahead > MAX_REACH:
        return None
    return Reach(width, ahead)


def _lookahead(node: Any) -> int:
    """The farthest any lookahead or boundary inside `node` looks past its position."""
    farthest = 0
    for op, arg in node:
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            direction, body = arg
            if direction == 1:
                farthest = max(farthest, body.getwidth()[1])
            farthest = max(farthest, _lookahead(body))
        elif op is sre.AT:
            farthest = max(farthest, 1)
        else:
            farthest = max(farthest, *(_lookahead(sub) for sub in _children(arg)), 0)
    return farthest


def _children(arg: Any) -> list[Any]:
    """The sub-patterns held in a node's argument, at any depth of tuples and lists."""
    if isinstance(arg, sre_parse.SubPattern):
        return [arg]
    if isinstance(arg, tuple | list):
        return [sub for item in arg for sub in _children(item)]
    return []
