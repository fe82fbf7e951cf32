"""Conditions a question states about a table's own columns: "where the process name is 'x'",
"devices with id 1bc1...", "not compliant", "severity high" (known values of a column)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

from wingman.core.kql.catalog import Table
from wingman.core.kql.planner.column_phrases import (
    alias_phrases,
    column_phrases,
    flag_form,
    is_flag,
    misspelt,
    occurrences,
    path_column,
)
from wingman.core.kql.planner.condition import Condition
from wingman.core.kql.planner.known_values import known_values
from wingman.core.kql.planner.known_values import value_pattern as value_pattern
from wingman.core.kql.planner.values import listed_after, plausible, render_values, unquoted
from wingman.core.kql.planner.vocabulary import normalise

_TOKEN = re.compile(r"\"[^\"]*\"|'[^']*'|[\w.\\:@/-]+")
_VALUE_GAP = 4
_SKIP_WORDS = (
    "is are was of equals equal to = : named called with the a an value that has have which "
    "than at does do did"
)
# Words that choose how the value is compared; they introduce it as a connector does.
_OPERATORS = {
    **dict.fromkeys(
        ("containing", "contains", "contain", "includes", "include", "including", "mentioning"),
        "has",
    ),
    **dict.fromkeys(("mention", "mentions"), "has"),
    **dict.fromkeys(("starts", "start", "starting", "begins", "beginning"), "startswith"),
    **dict.fromkeys(("ends", "end", "ending"), "endswith"),
    **dict.fromkeys(("greater", "more", "over", "above"), ">"),
    **dict.fromkeys(("less", "fewer", "under", "below"), "<"),
    "least": ">=",
    "most": "<=",
}
_SKIP = frozenset(_SKIP_WORDS.split())
_ENDS = frozenset(
    {"and", "or", "for", "in", "on", "from", "by", "per", "the", "across", "over", "during", "as"}
)
_CONNECTORS = frozenset({"is", "are", "was", "equals", "equal", "=", ":", "named", "called"})
_NEGATIONS = frozenset(
    {"not", "non", "no", "isnt", "without", "never", "aren't", "isn't", "excluding", "except"}
)
_KEY_WORDS = frozenset({"distinct", "unique", "top", "per", "by", "which", "each"})
_COMPARISONS = frozenset({"at", "over", "under", "above", "below", "more", "less", "greater"})
MAX_VALUE = 200
_ID_LIKE = re.compile(r"[0-9A-Fa-f-]{16,}(?:[,\s]+(?:and\s+|or\s+)?[0-9A-Fa-f-]{16,})*")
# Names of kinds of values, with the columns they fit: said after a column phrase, a kind that
# fits introduces the value ("the DNS question contains the domain x"); any other introduces a
# value of another column ("devices with the sha256 ..."), never one of this column.
_HASH = re.compile(r"SHA|MD5|Hash", re.I)
_ADDRESS = re.compile(r"IP|Address", re.I)
_NAME = re.compile(r"Domain|Dns|Url|Host|Uri", re.I)
_KIND_WORDS: Final = {
    **dict.fromkeys(("sha256", "sha1", "md5", "hash", "hashes"), _HASH),
    **dict.fromkeys(("ip", "ips", "ipv4", "ipv6"), _ADDRESS),
    **dict.fromkeys(("url", "urls", "domain", "domains"), _NAME),
    **dict.fromkeys(("cve",), re.compile(r"Cve", re.I)),
    **dict.fromkeys(("port", "ports"), re.compile(r"Port", re.I)),
    **dict.fromkeys(("email", "upn"), re.compile(r"Upn|Email|Address|Principal", re.I)),
    "sid": re.compile(r"Sid", re.I),
}


def _tokens(question: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(question)]


def _norm(token: str) -> str:
    words = normalise(token)
    return words[0] if len(words) == 1 else token.lower()


def stated_conditions(question: str, table: Table) -> list[Condition]:
    """Column phrases of `table` followed by a value, its Is* flags, and its known values."""
    tokens = _tokens(question)
    words = [_norm(t) for t, _, _ in tokens]
    found: list[Condition] = []
    taken: set[str] = set()
    columns = frozenset(c.lower() for c in table.columns)
    said: list[tuple[str, list[str], str, bool]] = [
        (column, phrase, strict, False)
        for column in table.columns
        for phrase, strict in column_phrases(table, column)
    ]
    said += [(column, phrase, "", True) for column, phrase in alias_phrases(table)]
    flag_words = [flag_form(w) for w in words]
    for column, phrase, strict, alias in said:
        if column in taken:
            continue
        spots = occurrences(words, phrase)
        if not spots and is_flag(table, column):
            spots = occurrences(flag_words, [flag_form(w) for w in phrase])
            spots = spots or misspelt(flag_words, phrase)
        for after in spots:
            # "distinct AWS regions", "top 10 source IPs": a column to group by, no value.
            start = after - len(phrase)
            keyed = start > 0 and words[start - 1] in _KEY_WORDS
            condition = _condition(
                question,
                tokens,
                words,
                after,
                column,
                table.columns[column].type,
                strict="connector" if keyed and not strict else strict,
                columns=columns,
            )
            if condition:
                # "the parent process ends with \Apps\x.exe" is a path: the parent's folder path.
                moved = path_column(table, column, question[slice(*condition.span)])
                if alias and moved != column:
                    predicate = condition.predicate.replace(column, moved, 1)
                    condition = replace(condition, column=moved, predicate=predicate)
                found.append(replace(condition, weak=bool(strict)))
                taken.update((column, condition.column))
                break
    found = _one_column_a_value(found, question)
    found.extend(known_values(question, table, taken))
    return found


def _measure_follows(words: list[str], index: int) -> bool:
    """Whether a number or a comparison follows "of" ("a CVSS of at least 8")."""
    following = words[index : index + 1]
    return bool(following) and (following[0][:1].isdigit() or following[0] in _COMPARISONS)


def _condition(
    question: str,
    tokens: list[tuple[str, int, int]],
    words: list[str],
    after: int,
    column: str,
    kind: str,
    *,
    strict: str,
    columns: frozenset[str],
) -> Condition | None:
    """The condition after a column phrase; a one-word phrase ("account") needs a connector
    ("is", "named", ":") or a value that looks like one (quoted, or with digits)."""
    negated = any(w in _NEGATIONS for w in words[max(0, after - 4) : after])
    connected = False
    if kind == "bool" or (kind == "string" and re.match(r"Is[A-Z]", column)):
        flag = not negated
        # Some flags are stored as text ("true"/"false"); compare them as text.
        value = "true" if flag else "false"
        return Condition(
            column,
            f"{column} == {value}" if kind == "bool" else f'{column} =~ "{value}"',
            f"Keep rows where {column} is {str(flag).lower()}.",
            (0, 0),
        )
    operator = "=="
    end = tokens[after - 1][2] if after else 0
    for index in range(after, min(len(tokens), after + _VALUE_GAP)):
        token, start, stop = tokens[index]
        word = words[index]
        if "," in question[end:start]:
            return None  # "the file name, folder and size": columns asked for
        end = stop
        if word in _NEGATIONS:
            negated = True
            continue
        if word in _OPERATORS:
            operator, connected = _OPERATORS[word], True
            continue
        following = tokens[index + 1][0][:1] if index + 1 < len(tokens) else ""
        if word == "of" and following not in "\"'" and not _measure_follows(words, index + 1):
            return None  # "the job title of x": the column is asked for, x is who
        if word in _SKIP or token.lower() in _SKIP:
            connected = connected or word in _CONNECTORS
            continue
        if word in _ENDS:
            return None  # "show the OS version and architecture": a column asked for, no value
        value, quoted = unquoted(token)
        if (
            not quoted
            and token.lower() in _KIND_WORDS
            and _KIND_WORDS[token.lower()].search(column)
        ):
            continue  # "the DNS question contains the domain x": the kind introduces the value
        if not quoted and (token.lower() in columns or token.lower() in _KIND_WORDS):
            return None  # "the file with sha256 ...": another column's name, not a value
        looks_like_value = quoted or any(c.isdigit() or c in ".\\@" for c in value)
        # "the operation is a log-in": a hyphenated word, introduced by "is", is a value.
        looks_like_value = looks_like_value or (connected and "-" in value.strip("-"))
        if strict == "value" and not looks_like_value:
            return None
        named = tokens[after - 1][0][:1].isupper() and value.isdigit() and not connected
        if strict == "value" and named:
            return None  # "Office 365", "Windows 11": a product's name, not an OfficeId
        if strict == "connector" and not (connected or looks_like_value):
            return None
        if not value or len(value) > MAX_VALUE:
            return None
        if not plausible(column, value, quoted=quoted, connected=connected):
            return None
        more, last = listed_after(question, tokens, index)
        predicate = render_values(column, kind, operator, [value, *more], negated=negated)
        if predicate is None:
            return None
        return Condition(column, predicate, f"Keep {predicate}.", (start, last))
    return None


def _one_column_a_value(found: list[Condition], question: str) -> list[Condition]:
    """One value said once is one column's: "devices 3f2a9c81d0e4b7a6" is the DeviceId, not
    also the DeviceName; an id-like value (long hex, a GUID) goes to the id column."""
    kept: list[Condition] = []
    for condition in found:
        rival = next((k for k in kept if k.span == condition.span and k.span != (0, 0)), None)
        if rival is None:
            kept.append(condition)
        else:
            id_like = bool(_ID_LIKE.fullmatch(question[slice(*condition.span)].strip("\"'")))
            if condition.column.endswith("Id") == id_like != rival.column.endswith("Id"):
                kept[kept.index(rival)] = condition
    return kept
