"""A mutation suite for ValidateKQL: break one name of a valid query, expect it flagged in place."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from wingman.core.kql.analysis import Reference
from wingman.core.kql.catalog import Catalog
from wingman.core.kql.validate import Report, check
from wingman.core.models import Diagnostic

# The checks that may flag a broken name; KQL213 is the Defender warning for TimeGenerated.
NAME_CHECKS = frozenset({"KQL200", "KQL210", "KQL211", "KQL212", "KQL213"})
TIME_SWAP = {"Timestamp": "TimeGenerated", "TimeGenerated": "Timestamp"}
COLUMNS_PER_QUERY = 2


@dataclass(frozen=True, slots=True)
class Mutation:
    """One broken name: what it was, what it became, and where."""

    source_id: str
    kind: str  # table_typo | table_rename | column_typo | column_case | time_column
    original: str
    mutated: str
    text: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class MutationResult:
    mutation: Mutation
    flagged: bool
    first_suggestion: bool
    # Not a broken name after all: valid where it stands, or a keyword the grammar rejects.
    excluded: bool


def _seed(*parts: str) -> int:
    return int.from_bytes(hashlib.sha256("\x00".join(parts).encode()).digest()[:4], "big")


def typo(name: str, seed: int) -> str:
    """A deterministic one-edit typo: a dropped, doubled, swapped or replaced letter."""
    if len(name) < 4:
        return name + name[-1]
    position = 1 + seed % (len(name) - 2)
    operation = (seed >> 8) % 4
    if operation == 0:
        return name[:position] + name[position + 1 :]
    if operation == 1:
        return name[:position] + name[position] + name[position:]
    if operation == 2:
        return name[: position - 1] + name[position] + name[position - 1] + name[position + 1 :]
    replaced = "e" if name[position].lower() != "e" else "a"
    return name[:position] + replaced + name[position + 1 :]


def renamed(name: str) -> str:
    """The name as people misremember it: singular for plural and back."""
    return name[:-1] if name.endswith("s") else name + "s"


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _apply(source_id: str, text: str, ref: Reference, kind: str, mutated: str) -> Mutation:
    changed = text[: ref.start] + mutated + text[ref.stop :]
    line, column = _position(text, ref.start)
    return Mutation(source_id, kind, ref.name, mutated, changed, line, column)


def mutations(source_id: str, text: str, report: Report) -> Iterator[Mutation]:
    """The mutations of one valid query: its first table, a time column, two other columns."""
    tables = [
        r for r in report.references if r.kind == "table" and text[r.start : r.stop] == r.name
    ]
    columns = [
        r for r in report.references if r.kind == "column" and text[r.start : r.stop] == r.name
    ]
    if tables:
        first, seed = tables[0], _seed(source_id)
        if seed % 3 == 0:
            yield _apply(source_id, text, first, "table_rename", renamed(first.name))
        else:
            yield _apply(source_id, text, first, "table_typo", typo(first.name, seed))
    times = [r for r in columns if r.name in TIME_SWAP]
    if times:
        yield _apply(source_id, text, times[0], "time_column", TIME_SWAP[times[0].name])
    seen: set[str] = set()
    others = [r for r in columns if r.name not in TIME_SWAP]
    for ref in others:
        if ref.name in seen or len(seen) == COLUMNS_PER_QUERY:
            continue
        seen.add(ref.name)
        seed = _seed(source_id, ref.name)
        if seed % 5 == 0 and ref.name.lower() != ref.name:
            yield _apply(source_id, text, ref, "column_case", ref.name.lower())
        else:
            yield _apply(source_id, text, ref, "column_typo", typo(ref.name, seed))


def judge(mutation: Mutation, *, catalog: Catalog, platform: str | None) -> MutationResult:
    """Validate the mutated text: flagged at the right place, with the intended name first?"""
    report = check(mutation.text, catalog=catalog, platform=platform)
    if any(x.code == "KQL100" for x in report.diagnostics):
        return MutationResult(mutation, False, False, True)
    here = [x for x in report.diagnostics if _at(x, mutation) and x.code in NAME_CHECKS]
    if not here:
        valid_name = (
            any(
                (t := catalog.table(name)) is not None and mutation.mutated in t.columns
                for name in report.tables
            )
            or catalog.table(mutation.mutated) is not None
        )
        return MutationResult(mutation, False, False, valid_name)
    suggestions = here[0].suggestions
    first = bool(suggestions) and suggestions[0] == mutation.original
    return MutationResult(mutation, True, first, False)


def _at(diagnostic: Diagnostic, mutation: Mutation) -> bool:
    return diagnostic.line == mutation.line and diagnostic.column == mutation.column
