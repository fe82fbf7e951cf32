"""Values said before the column they belong to: "the FIN department", "Ransom threat types",
"over SMB protocol", "'x', 'y' or z in the command line"."""

from __future__ import annotations

import re
from typing import Final

from wingman.core.kql.catalog import Table
from wingman.core.kql.literals import string_list, string_literal
from wingman.core.kql.nl.prose import is_prose
from wingman.core.kql.planner.column_phrases import column_phrases, occurrences
from wingman.core.kql.planner.condition import Condition
from wingman.core.kql.planner.vocabulary import name_words, normalise

_TOKEN: Final = re.compile(r"\"[^\"]+\"|'[^']+'|[\w.\\@/-]+")
# The last word of a column that names a category its values are said before.
_CATEGORIES: Final = frozenset(
    {
      "department", "type", "protocol", "subject", "category", "title", "country", "city",
      "state", "family", "group", "role", "team", "company", "division", "classification",
    }
)  # fmt: skip
# Category words that name their column alone where only one column ends with them ("FTP
# protocol" for RequestProtocol); "type" or "group" alone says too little.
_ALONE: Final = frozenset({"protocol", "department", "subject", "category", "family", "company"})
# Platforms said in lower case as often as not.
_PLATFORMS: Final = frozenset({"windows", "linux", "macos", "android", "ios", "unix"})
# Columns whose text a part of is said "in the <column>".
_TEXT_COLUMNS: Final = re.compile(r"CommandLine$|Subject$|Title$|Url$|Message$|Description$")
_JOINERS: Final = frozenset({"and", "or"})
_MOST: Final = 10
_MARKS: Final = ".\\/-_0123456789"
_INTRODUCING: Final = frozenset(
    {"include", "includes", "including", "contain", "contains", "containing", "with", "has"}
    | {"have", "mention", "mentions", "mentioning"}
)
_IN_THE: Final = re.compile(r"\s+in\s+(?:the\s+|its\s+|their\s+)?$", re.IGNORECASE)


def before_column_conditions(question: str, table: Table) -> list[Condition]:
    """The conditions whose value the question says before the column's name."""
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(question)]
    words = [_word(t) for t, _, _ in tokens]
    own = set(name_words(table.name))
    found: list[Condition] = []
    lasts = [list(name_words(c)[-1:]) for c in table.columns]
    for column, col in table.columns.items():
        if col.type != "string":
            continue
        phrases = [
            (phrase, phrase[-1] in _CATEGORIES) for phrase, _ in column_phrases(table, column)
        ]
        named = list(name_words(column))
        if len(named) > 2 and named[-1] in _CATEGORIES and not own.issuperset(named[:-1]):
            phrases.append((named[:-1], True))  # "windows operating systems": the OS family
        last = named[-1:]
        if len(named) > 1 and lasts.count(last) == 1 and last[0] in _ALONE:
            phrases.append((last, True))  # "over FTP protocol": the one protocol column
        for phrase, category in phrases:
            condition = (
                _category(question, tokens, words, column, phrase, own) if category else None
            ) or _parts(question, tokens, words, column, phrase)
            if condition is not None:
                found.append(condition)
                break
    return found


def _word(token: str) -> str:
    said = normalise(token)
    return said[0] if len(said) == 1 else token.lower()


def _category(
    question: str,
    tokens: list[tuple[str, int, int]],
    words: list[str],
    column: str,
    phrase: list[str],
    own: set[str],
) -> Condition | None:
    """ "the FIN department": a name-like word right before a category column's name."""
    for end in occurrences(words, phrase):
        start = end - len(phrase)
        if start < 1 or (end < len(tokens) and _value_like(tokens[end][0])):
            continue  # "department FIN" is said after the column, and read there
        token, begin, stop = tokens[start - 1]
        quoted = token[:1] in "\"'"
        value = token[1:-1] if quoted else token
        if not (quoted or _name_like(value, first=begin == 0)) or value.lower() in own:
            continue
        titled = value[:1].isupper() and value[1:].islower()
        named = start > 1 and tokens[start - 2][0][:1].isupper()
        if not quoted and (named or (titled and tokens[start][0][:1].isupper())):
            continue  # "Remote Desktop Protocol", "Azure AD risk events": names, no values
        literal = string_literal(value)
        return Condition(column, f"{column} =~ {literal}", f"Keep {column} {value}.", (begin, stop))
    return None


def _parts(
    question: str,
    tokens: list[tuple[str, int, int]],
    words: list[str],
    column: str,
    phrase: list[str],
) -> Condition | None:
    """ "mshta.exe, payload or stager in the command line": parts of a text column's value."""
    if not _TEXT_COLUMNS.search(column):
        return None
    for end in occurrences(words, phrase):
        start = end - len(phrase)
        if start < 1 or not _IN_THE.search(question, 0, tokens[start][1]):
            continue
        index = start - 1
        while index >= 0 and tokens[index][0].lower() in ("in", "the", "its", "their"):
            index -= 1
        values, first = _listed_before(question, tokens, index)
        lone = len(values) == 1 and not any(c in values[0] for c in _MARKS)
        lead = tokens[first - 1][0].lower() if first > 0 else ""
        if not values or (lone and lead not in _INTRODUCING):
            continue  # "what runs in the command line": no part said
        predicate = (
            f"{column} has {string_literal(values[0])}"
            if len(values) == 1
            else f"{column} has_any {string_list(values)}"
        )
        span = (tokens[first][1], tokens[start - 1][2])
        return Condition(column, predicate, f"Keep {predicate}.", span)
    return None


def _listed_before(
    question: str, tokens: list[tuple[str, int, int]], index: int
) -> tuple[list[str], int]:
    """The values listed up to the token at `index` ("a.exe, beacon or blue"), and the index of
    the first one."""
    values: list[str] = []
    first = index
    while index >= 0 and len(values) < _MOST:
        token, begin, _ = tokens[index]
        value = token.strip("\"'")
        if not value or (token[:1] not in "\"'" and (is_prose(value) or value in _JOINERS)):
            break
        values.insert(0, value)
        first = index
        before = tokens[index - 1] if index else None
        if before is not None and before[0].lower() in _JOINERS:
            index -= 2
        elif before is not None and "," in question[before[2] : begin]:
            index -= 1
        else:
            break
    return values, first


def _value_like(token: str) -> bool:
    return token[:1] in "\"'" or any(c.isdigit() for c in token)


def _name_like(value: str, *, first: bool) -> bool:
    """An acronym ("FIN", "SMB") or a mixed-case name ("RansomKit"); a capitalised word only
    inside a sentence ("the Finance department")."""
    if (value.isalpha() and value.isupper() and len(value) > 1) or value.lower() in _PLATFORMS:
        return True
    if not value.isalpha() or is_prose(value):
        return False
    if value[:1].isupper() and any(c.isupper() for c in value[1:]):
        return True
    return value[:1].isupper() and value[1:].islower() and not first
