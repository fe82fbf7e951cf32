"""Known values of a table's columns said in a question: "high severity", "windows devices",
"unlikely travel" (a camelCase value's words)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from wingman.core.kql.catalog import Table
from wingman.core.kql.literals import string_literal
from wingman.core.kql.planner.condition import Condition
from wingman.core.kql.planner.vocabulary import name_words, normalise

_WORD = re.compile(r"[a-z]+")
# Values that are also common words, known only when said of their column.
_GENERIC = frozenset(
    {"low", "medium", "high", "system", "none", "unknown", "other", "new", "active", "default"}
)
# Other words for a column's word: "a priority of high" is a severity.
_SAID_FOR = {"priority": "severity", "importance": "severity", "criticality": "severity"}
# How far from a value its column's other words are said "beside" it ("private remote IPs").
_BESIDE = 12


def known_values(question: str, table: Table, taken: set[str]) -> list[Condition]:
    """Known values of a column said in the question: "high severity", "windows devices"."""
    lowered = question.lower()
    said = set(re.findall(r"[a-z]+", lowered))
    found: dict[str, Condition] = {}
    owners: dict[str, list[str]] = {}
    for column, values in table.values.items():
        if column in taken:
            continue
        hits = [
            v
            for v in values
            if len(v) > 2
            and _value_said(v, lowered)
            and (v.lower() not in _GENERIC or _grounded(v, column, table, question))
        ]
        condition = (
            _value_condition(column, hits) if hits else _family_condition(column, values, lowered)
        )
        if condition is not None:
            if hits:
                found_at = value_pattern(hits[0]).search(lowered)
                condition = replace(condition, said_at=found_at.span() if found_at else (0, 0))
            found[column] = condition
            owners.setdefault(condition.predicate.split(" ", 1)[1], []).append(column)
    # One value said once belongs to one column: "private remote IPs" is RemoteIPType, not also
    # LocalIPType; the column whose other words are said beside the value wins, else the one
    # whose other words the question says.
    for columns in owners.values():
        if len(columns) > 1:
            at = found[columns[0]].said_at
            beside = set(_WORD.findall(lowered[max(0, at[0] - _BESIDE) : at[1] + _BESIDE]))
            near = [c for c in columns if (set(name_words(c)) - {"ip", "type"}) & beside]
            named = [c for c in columns if (set(name_words(c)) - {"ip", "type"}) & said]
            named = near if at != (0, 0) and len(near) == 1 else named
            # Said of neither side, an address's kind is the other end's ("to public addresses").
            remote = [c for c in columns if c.startswith("Remote")]
            for column in columns:
                if column not in (named or remote or columns[:1]):
                    found.pop(column, None)
    return list(found.values())


def _grounded(value: str, column: str, table: Table, question: str) -> bool:
    """Whether a value that is also a common word ("high", "system", "new") is said of its
    column: capitalised inside a sentence, beside a word of the column's name ("high severity",
    "system integrity"), or right before the table's own word ("new incidents"); "the
    operating system" is none."""
    lowered = question.lower()
    own = set(name_words(table.name))
    words = set(name_words(column)) - own - {"is"}
    for match in value_pattern(value, whole=True).finditer(lowered):
        if _written_as_value(question, match.start(), match.end()):
            return True  # "incidents still New": written as the value is
        before = normalise(lowered[max(0, match.start() - _BESIDE * 2) : match.start()])
        after = normalise(lowered[match.end() : match.end() + _BESIDE * 2])
        beside = {_SAID_FOR.get(w, w) for w in before[-3:] + after[:3]}
        if words & beside or own & set(after[:2]):
            return True
    return False


def _written_as_value(question: str, start: int, end: int) -> bool:
    """Capitalised inside a sentence, between words that are not ("still New this week"); in a
    run of capitalised words ("Windows Operating Systems") it is part of a name."""
    before = question[:start].split()
    after = question[end:].split()
    if not question[start : start + 1].isupper() or not before or before[-1][-1:] in ".?!:":
        return False
    return not before[-1][:1].isupper() and not (after and after[0][:1].isupper())


def _value_said(value: str, lowered: str) -> bool:
    """The value as written, or a camelCase value's words ("unlikely travel", "new countries")."""
    return value_pattern(value).search(lowered) is not None


@lru_cache(maxsize=8192)
def value_pattern(value: str, *, whole: bool = False) -> re.Pattern[str]:
    """How a known value is said in a lower-cased question: as written (as a whole word, with
    `whole`, else also as a word's start), or as its camelCase words with the last one in the
    singular or plural."""
    written = rf"\b{re.escape(value.lower())}" + (r"s?\b" if whole else "")
    words = [w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", value)]
    if len(words) < 2 or "".join(words) != value.lower():
        return re.compile(written)
    last = re.escape(words[-1])
    plural = rf"(?:{last[:-1]}(?:y|ies)|{last}s?)" if words[-1].endswith("y") else rf"{last}s?"
    spoken = r"[\s-]+".join([*(re.escape(w) for w in words[:-1]), plural])
    return re.compile(rf"{written}|\b{spoken}\b")


def _value_condition(column: str, hits: list[str]) -> Condition:
    if len(hits) == 1:
        literal = string_literal(hits[0])
        return Condition(column, f"{column} == {literal}", f"Keep {column} {hits[0]}.", (0, 0))
    listed = ", ".join(string_literal(v) for v in hits)
    return Condition(
        column, f"{column} in ({listed})", f"Keep {column} in {', '.join(hits)}.", (0, 0)
    )


def _family_condition(column: str, values: tuple[str, ...], lowered: str) -> Condition | None:
    """The first word several known values share, when the question says it ("windows devices"
    for Windows10, Windows11, WindowsServer2019)."""
    heads: dict[str, list[str]] = {}
    for value in values:
        lead = re.match(r"[A-Za-z]+", value)
        if lead and len(lead.group()) > 3 and lead.group() != value:
            heads.setdefault(lead.group(), []).append(value)
    for head, members in heads.items():
        if len(members) >= 2 and re.search(rf"\b{head.lower()}\b", lowered):
            literal = string_literal(head)
            return Condition(
                column,
                f"{column} startswith {literal}",
                f"Keep {column} starting with {head}.",
                (0, 0),
            )
    return None
