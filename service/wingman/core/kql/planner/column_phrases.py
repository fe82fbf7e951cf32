"""How a question names a table's column: its words, without a last word such as "name" or the
table's own leading word ("keys" in registry events), or an analyst's word for it ("parent")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from wingman.core.kql.catalog import Table
from wingman.core.kql.planner.vocabulary import name_words, normalise

# The last word of a column name a question may leave out, when a value follows: "device
# 'ws-1'" for DeviceName, "physical memory over 8190" for PhysicalMemoryMB.
_DROPPABLE: Final = frozenset(
    {"name", "id", "mb", "gb", "kb", "ms", "bytes", "second", "seconds", "score"}
)
_NOISE: Final = frozenset({"event", "log", "info", "id", "name", "type", "is", "time", "s"})
# Analysts' words for a column, by the first of the columns a table has.
_ALIASES: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("parent process", ("InitiatingProcessFileName", "ParentProcessName")),
    ("parent process name", ("InitiatingProcessFileName", "ParentProcessName")),
    ("parent command line", ("InitiatingProcessCommandLine",)),
    ("parent commandline", ("InitiatingProcessCommandLine",)),
    ("grandparent process", ("InitiatingProcessParentFileName",)),
)
# Between an entity's word and its attribute: "devices with id ...", "users whose upn is ...".
_BETWEEN: Final = frozenset({"with", "whose", "having"})
_PATH_COLUMNS: Final = re.compile(r"(.*)FileName$")
_FLAG_NAME: Final = re.compile(r"Is[A-Z]")
_MISSPELT: Final = 7
_FLAG_SYNONYMS: Final = {"administrator": "admin", "administrators": "admin"}


def column_phrases(table: Table, column: str) -> Iterator[tuple[list[str], str]]:
    """The phrases naming `column` in `table`, most complete first, each with how strict the
    value after it must be: "" (any), "connector" (introduced or value-like), "value"
    (value-like: quoted, digits)."""
    phrase = [w for w in name_words(column) if w != "is"]
    if not phrase or (len(phrase) == 1 and phrase[0] in _NOISE):
        return
    own = set(name_words(table.name))
    if is_flag(table, column) and own.issuperset(phrase):
        return  # every row of the non-interactive sign-in table is non-interactive
    yield phrase, "connector" if len(phrase) == 1 else ""
    if len(phrase) > 1 and phrase[-1] in _DROPPABLE:
        yield phrase[:-1], "value"
    if len(phrase) > 1 and phrase[0] in own and phrase[1:] != ["name"]:
        rest = phrase[1:]
        if not (len(rest) == 1 and rest[0] in _NOISE):
            yield rest, "connector" if len(rest) == 1 else ""


def is_flag(table: Table, column: str) -> bool:
    """Whether a column is a yes/no flag (some are stored as text: IsProcessing "true")."""
    kind = table.columns[column].type
    return kind == "bool" or (kind == "string" and _FLAG_NAME.match(column) is not None)


def flag_form(word: str) -> str:
    """A flag's word as a verb's stem, so "processed" says IsProcessing and "administrator"
    IsLocalAdmin."""
    word = _FLAG_SYNONYMS.get(word, word)
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def misspelt(words: list[str], phrase: list[str]) -> list[int]:
    """Where a long one-word flag is said with two letters swapped ("compilant" for compliant),
    as analysts type; the flag's word has seven letters or more, so short words stay apart."""
    if len(phrase) != 1 or len(phrase[0]) < _MISSPELT:
        return []
    return [i + 1 for i, word in enumerate(words) if _swapped(word, phrase[0])]


def _swapped(word: str, meant: str) -> bool:
    if len(word) != len(meant) or word == meant:
        return False
    diff = [i for i, (a, b) in enumerate(zip(word, meant, strict=True)) if a != b]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and word[diff[0]] == meant[diff[1]]
        and word[diff[1]] == meant[diff[0]]
    )


def alias_phrases(table: Table) -> Iterator[tuple[str, list[str]]]:
    """The analysts' phrases for columns of `table`, each with the column it names."""
    for said, columns in _ALIASES:
        column = next((c for c in columns if c in table.columns), "")
        if column:
            yield column, normalise(said)


def occurrences(words: list[str], phrase: list[str]) -> list[int]:
    """Where the phrase ends in the question: as separate words, run together ("filename",
    "deviceId" for FileName and DeviceId), or with "with" between an entity and its attribute
    ("devices with id ...")."""
    n = len(phrase)
    ends = [i + n for i in range(len(words) - n + 1) if words[i : i + n] == phrase]
    if n > 1:
        joined = "".join(phrase)
        ends += [i + 1 for i, word in enumerate(words) if word == joined]
    if n == 2:
        ends += [
            i + 3
            for i in range(len(words) - 2)
            if words[i] == phrase[0] and words[i + 1] in _BETWEEN and words[i + 2] == phrase[1]
        ]
    return sorted(ends)


def path_column(table: Table, column: str, value: str) -> str:
    """The folder-path column beside a file-name one, for a value that is a path."""
    match = _PATH_COLUMNS.match(column)
    if match is None or not any(c in value for c in "\\/"):
        return column
    folder = f"{match.group(1)}FolderPath"
    return folder if folder in table.columns else column
