"""Conditions a question states about a table's own columns: "where the process name is 'x'",
"devices with id 1bc1...", "not compliant", "severity high" (known values of a column)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from wingman.core.kql.catalog import Table
from wingman.core.kql.literals import string_literal
from wingman.core.kql.planner.vocabulary import name_words, normalise

_TOKEN = re.compile(r"\"[^\"]*\"|'[^']*'|[\w.\\:@/-]+")
_VALUE_GAP = 4
_SKIP_WORDS = (
    "is are was of equals equal to = : named called with the a an value containing contains "
    "includes include including that has have which starts start starting ends end ending "
    "greater less more fewer than over under above below at least most"
)
_SKIP = frozenset(_SKIP_WORDS.split())
_ENDS = frozenset(
    {"and", "or", "for", "in", "on", "from", "by", "per", "the", "across", "over", "during", "as"}
)
_CONNECTORS = frozenset({"is", "are", "was", "equals", "equal", "=", ":", "named", "called"})
_NEGATIONS = frozenset({"not", "non", "no", "isnt", "without", "never", "aren't", "isn't"})
_KEY_WORDS = frozenset({"distinct", "unique", "top", "per", "by", "which", "each"})
_COMPARISONS = frozenset({"at", "over", "under", "above", "below", "more", "less", "greater"})
_NOISE = frozenset({"event", "log", "info", "id", "name", "type", "is", "time", "s"})
MAX_VALUE = 200
# The last word of a column name a question may leave out, when a value follows: "device
# 'ws-1'" for DeviceName, "physical memory over 8190" for PhysicalMemoryMB.
_DROPPABLE = frozenset(
    {"name", "id", "mb", "gb", "kb", "ms", "bytes", "second", "seconds", "score"}
)


@dataclass(frozen=True, slots=True)
class Condition:
    column: str
    predicate: str
    text: str
    span: tuple[int, int]  # the value's place in the question, so it is not used twice
    # Found after part of a column's name ("request" for RequestId, "account" for Account):
    # a value of a kind with its own column is that column's, not this one's.
    weak: bool = False


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
    for column, kind in table.columns.items():
        phrase = [w for w in name_words(column) if w not in ("is",)]
        if not phrase or (len(phrase) == 1 and phrase[0] in _NOISE):
            continue
        spots = _occurrences(words, phrase)
        shortened = False
        if not spots and len(phrase) > 1 and phrase[-1] in _DROPPABLE:
            spots = _occurrences(words, phrase[:-1])
            phrase, shortened = phrase[:-1], True
        # "device" for DeviceName or DeviceId: only a value that looks like one (quoted, digits).
        strict = "value" if shortened else ("connector" if len(phrase) == 1 else "")
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
                kind.type,
                strict="connector" if keyed and not strict else strict,
                columns=columns,
            )
            if condition and column not in taken:
                found.append(replace(condition, weak=bool(strict)))
                taken.add(column)
                break
    found.extend(_known_values(question, table, taken))
    return found


def _measure_follows(words: list[str], index: int) -> bool:
    """Whether a number or a comparison follows "of" ("a CVSS of at least 8")."""
    following = words[index : index + 1]
    return bool(following) and (following[0][:1].isdigit() or following[0] in _COMPARISONS)


def _occurrences(words: list[str], phrase: list[str]) -> list[int]:
    """Where the phrase ends in the question: as separate words, or run together ("filename",
    "deviceId" for FileName and DeviceId)."""
    n = len(phrase)
    ends = [i + n for i in range(len(words) - n + 1) if words[i : i + n] == phrase]
    if n > 1:
        joined = "".join(phrase)
        ends += [i + 1 for i, word in enumerate(words) if word == joined]
    return sorted(ends)


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
    for index in range(after, min(len(tokens), after + _VALUE_GAP)):
        token, start, end = tokens[index]
        word = words[index]
        if word in _NEGATIONS:
            negated = True
            continue
        if word in (
            "containing",
            "contains",
            "includes",
            "include",
            "including",
            "mentioning",
            "mention",
        ):
            operator = "has"
            continue
        if word in ("starts", "start", "starting", "begins"):
            operator = "startswith"
            continue
        if word in ("ends", "end", "ending"):
            operator = "endswith"
            continue
        if word in ("greater", "more", "over", "above"):
            operator = ">"
            continue
        if word in ("less", "fewer", "under", "below"):
            operator = "<"
            continue
        if word == "least" or word == "most":
            operator = ">=" if word == "least" else "<="
            continue
        following = tokens[index + 1][0][:1] if index + 1 < len(tokens) else ""
        if word == "of" and following not in "\"'" and not _measure_follows(words, index + 1):
            return None  # "the job title of x": the column is asked for, x is who
        if word in _SKIP:
            connected = connected or word in _CONNECTORS
            continue
        if word in _ENDS:
            return None  # "show the OS version and architecture": a column asked for, no value
        quoted = token[:1] in "\"'" and len(token) >= 2
        if not quoted and token.lower() in columns:
            return None  # "the file with sha256 ...": another column's name, not a value
        looks_like_value = quoted or any(c.isdigit() or c in ".\\@" for c in token)
        if strict == "value" and not looks_like_value:
            return None
        if strict == "connector" and not (connected or looks_like_value):
            return None
        value = token[1:-1] if quoted else token
        if not value or len(value) > MAX_VALUE:
            return None
        return _render(column, kind, operator, value, negated, (start, end))
    return None


def _render(
    column: str, kind: str, operator: str, value: str, negated: bool, span: tuple[int, int]
) -> Condition | None:
    numeric = kind in ("int", "long", "real", "decimal")
    if numeric:
        if not re.fullmatch(r"-?\d+(\.\d+)?", value):
            return None
        opposite = {"==": "!=", ">": "<=", "<": ">=", ">=": "<", "<=": ">"}
        op = opposite.get(operator, "!=") if negated else operator
        return Condition(column, f"{column} {op} {value}", f"Keep {column} {op} {value}.", span)
    if kind not in ("string", "dynamic", "guid", ""):
        return None
    if operator in (">", "<", ">=", "<="):
        return None
    if operator == "==":
        operator = "!~" if negated else "=~"
    elif negated:
        operator = f"!{operator}"
    literal = string_literal(value)
    return Condition(
        column, f"{column} {operator} {literal}", f"Keep {column} {operator} {value}.", span
    )


def _known_values(question: str, table: Table, taken: set[str]) -> list[Condition]:
    """Known values of a column said in the question: "high severity", "windows devices"."""
    lowered = question.lower()
    said = set(re.findall(r"[a-z]+", lowered))
    found: dict[str, Condition] = {}
    owners: dict[str, list[str]] = {}
    for column, values in table.values.items():
        if column in taken:
            continue
        hits = [v for v in values if len(v) > 2 and _value_said(v, lowered)]
        condition = (
            _value_condition(column, hits) if hits else _family_condition(column, values, lowered)
        )
        if condition is not None:
            found[column] = condition
            owners.setdefault(condition.predicate.split(" ", 1)[1], []).append(column)
    # One value said once belongs to one column: "private remote IPs" is RemoteIPType, not also
    # LocalIPType; the column whose other words the question says wins.
    for columns in owners.values():
        if len(columns) > 1:
            named = [c for c in columns if (set(name_words(c)) - {"ip", "type"}) & said]
            # Said of neither side, an address's kind is the other end's ("to public addresses").
            remote = [c for c in columns if c.startswith("Remote")]
            for column in columns:
                if column not in (named or remote or columns[:1]):
                    found.pop(column, None)
    return list(found.values())


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
