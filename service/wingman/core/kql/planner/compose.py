"""Write the KQL for a plan, clause by clause, each with the sentence that explains it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wingman.core.kql.catalog import Catalog, Table
from wingman.core.kql.literals import identifier, string_list, string_literal
from wingman.core.kql.nl.entities import Entity
from wingman.core.kql.nl.timephrase import TimePhrase, render_time_filter
from wingman.core.kql.planner.absence import absent_devices
from wingman.core.kql.planner.actions import action_types
from wingman.core.kql.planner.before_column import before_column_conditions
from wingman.core.kql.planner.concepts import Concept
from wingman.core.kql.planner.enrichment import enrichment_join
from wingman.core.kql.planner.fields import GROUP_COLUMNS, group_column, name_column, projection
from wingman.core.kql.planner.filters import (
    TYPED,
    Clause,
    entity_column,
    entity_filters,
    without_values,
)
from wingman.core.kql.planner.intent import Intent
from wingman.core.kql.planner.joins import companion_join, device_attribute_join
from wingman.core.kql.planner.mentions import stated_conditions
from wingman.core.kql.planner.phrases import antonym_flags, named_values, shorthand_conditions
from wingman.core.kql.planner.qualifiers import narrowing
from wingman.core.kql.planner.shorthand import more_shorthand, operations
from wingman.core.kql.planner.thresholds import Threshold

DEFAULT_ROWS = 100
NO_TIME_RANGE = (
    "No time range was named, so the query has no time filter: the console's time range "
    "applies (pass time_range, or name one, for a filter in the query)."
)
_GENERIC = frozenset({"signin", "powershell", "email", "network_connection", "process_creation"})
_PREDICATE_COLUMN = re.compile(r"\b([A-Z]\w+)\s*(?:[=!<>~]|in\b|has|startswith)")
# The column that names what happened, by table: the first of these with known values.
_ACTION_COLUMNS = ("ActionType", "Operation", "OperationName", "EventName")
_FAMILY_GROUPS = {
    "process": "process_name",
    "network": "domain",
    "file": "file_name",
    "registry": "registry_key",
    "logon": "user",
    "email": "sender",
    "alert": "alert",
    "identity": "user",
    "cloud_app": "user",
}


@dataclass
class Composition:
    table: Table
    clauses: list[Clause] = field(default_factory=list)
    filtered: list[str] = field(default_factory=list)
    unused: list[Entity] = field(default_factory=list)
    # Columns a joined table brings that the answer shows.
    shown: list[str] = field(default_factory=list)
    # What the explanation says beside the clauses.
    notes: list[str] = field(default_factory=list)

    @property
    def kql(self) -> str:
        return "\n| ".join(c.kql for c in self.clauses)


def compose(
    table: Table,
    *,
    question: str,
    platform: str,
    phrase: TimePhrase | None,
    entities: tuple[Entity, ...],
    concepts: list[Concept],
    intent: Intent,
    rows: int | None,
    catalog: Catalog,
) -> Composition:
    """The query for one table: time first, then conditions, then the answer's shape."""
    plan = Composition(table)
    plan.clauses.append(Clause(identifier(table.name), f"Read {table.name}: {table.description}"))
    window = _time(plan, platform, phrase)
    blanked = without_values(question, entities)
    said = [q for q in narrowing(table.name) if q.pattern.search(blanked)]
    claimed = _conditions(plan, concepts + said, question)
    used = _stated(plan, question, entities, claimed)
    entity_filters(plan, question, tuple(e for e in entities if not _overlaps(e.span, used)))
    companion_join(plan, question=question, catalog=catalog, platform=platform, time_filter=window)
    device_attribute_join(
        plan, question=question, catalog=catalog, platform=platform, time_filter=window
    )
    enrichment_join(plan, question=blanked, catalog=catalog, platform=platform, time_filter=window)
    absent = absent_devices(
        plan,
        question=blanked,
        catalog=catalog,
        platform=platform,
        time_filter=window,
        rows=rows or DEFAULT_ROWS,
        count=intent.kind == "count",
    )
    if not absent:
        _shape(plan, platform, intent, rows or DEFAULT_ROWS)
    return plan


def _time(plan: Composition, platform: str, phrase: TimePhrase | None) -> str:
    """Add the time filter the question or request names; return it for any other table's
    time column (`{time}`), or "" when none is named."""
    column = plan.table.time_column(platform)
    if phrase is None:
        # A fixed window would silently override the time range the analyst set in the console
        # (docs/adr/008-time-range.md): without one said, the console's range applies.
        plan.notes.append(NO_TIME_RANGE)
        return ""
    clause = render_time_filter("TIME_COLUMN", phrase).replace("TIME_COLUMN", "{time}")
    text = f"Keep events {phrase.description} (filtering on time first is cheapest)."
    if column is not None:
        plan.clauses.append(Clause(clause.replace("{time}", identifier(column)), text))
    return clause


def _conditions(plan: Composition, concepts: list[Concept], question: str) -> list[tuple[int, int]]:
    """Add the chosen concepts' conditions and the action said; return where the concepts were
    said, so their words are not read again as a column's known value."""
    table = plan.table.name
    # A qualifier (no weight) narrows whatever else is chosen; it does not replace a generic
    # concept's condition ("log on interactively" is still a logon event).
    own = [c for c in concepts if c.predicates.get(table) and c.weight]
    specific = [c for c in own if c.name not in _GENERIC]
    chosen = (specific or own) + [c for c in concepts if c.predicates.get(table) and not c.weight]
    claimed = [m.span() for c in chosen for m in c.pattern.finditer(question)]
    for concept in chosen:
        plan.clauses.append(Clause(f"where {concept.predicates[table]}", f"Keep {concept.says}."))
        plan.filtered.extend(_PREDICATE_COLUMN.findall(concept.predicates[table]))
    # The action said ("registry values set by powershell", "SharePoint file deletions") holds
    # beside a concept's condition, unless the concept already chose the action.
    named = operations(question, plan.table)
    if named is not None and named.column not in plan.filtered:
        plan.clauses.append(Clause(f"where {named.predicate}", named.text))
        plan.filtered.append(named.column)  # "ListUsers or GetCallerIdentity", as said
    column = next((c for c in _ACTION_COLUMNS if plan.table.values.get(c)), "")
    if not column or column in plan.filtered:
        return claimed
    values = action_types(plan.table, column, question)
    if len(values) == 1:
        plan.clauses.append(
            Clause(f"where {column} == {string_literal(values[0])}", f"Keep {values[0]} events.")
        )
    elif values:
        said = ", ".join(values)
        plan.clauses.append(
            Clause(f"where {column} in {string_list(values)}", f"Keep {said} events.")
        )
    if values:
        plan.filtered.append(column)
    return claimed


def _stated(
    plan: Composition,
    question: str,
    entities: tuple[Entity, ...],
    claimed: list[tuple[int, int]],
) -> list[tuple[int, int]]:
    """Add the conditions the question states on the table's columns; return the values' spans."""
    spans = []
    typed = [
        (e.span, entity_column(plan.table, question, e)) for e in entities if str(e.kind) in TYPED
    ]
    stated = stated_conditions(question, plan.table) + antonym_flags(question, plan.table)
    stated += named_values(question, plan.table, name_column(plan.table))
    stated += shorthand_conditions(question, plan.table)
    stated += before_column_conditions(question, plan.table)
    stated += more_shorthand(question, plan.table)
    for condition in stated:
        if condition.column in plan.filtered or _overlaps(condition.said_at, claimed):
            continue  # "successful sign-ins" chose ResultType; "success" is no other value
        if condition.weak and any(
            column and column != condition.column and _overlaps(span, [condition.span])
            for span, column in typed
        ):
            continue  # "ticket requests (4769)" is the event id, not a RequestId
        plan.clauses.append(Clause(f"where {condition.predicate}", condition.text))
        plan.filtered.append(condition.column)
        spans.append(condition.span)
    return spans


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken if end > start)


def _shape(plan: Composition, platform: str, intent: Intent, rows: int) -> None:
    table = plan.table
    time = table.time_column(platform)
    group = group_column(table, intent.group) if intent.group else ""
    if not group and intent.group:
        # A column a joined table brought ("which devices saved the attachment").
        group = next((c for c in GROUP_COLUMNS.get(intent.group, ()) if c in plan.shown), "")
    if not group and intent.kind in ("top", "distinct"):
        group = group_column(table, _FAMILY_GROUPS.get(table.family, "device"))
    by = f" by {identifier(group)}" if group else ""
    add = plan.clauses.append
    if intent.kind == "count":
        if group:
            add(Clause(f"summarize Count = count(){by}", f"Count the events per {group}."))
            add(Clause("order by Count desc", "Largest counts first."))
        else:
            add(Clause("count", "Count the matching events."))
    elif intent.kind == "top" and group:
        add(Clause(f"summarize Count = count(){by}", f"Count the events per {group}."))
        add(Clause(f"top {intent.top} by Count desc", f"Keep the {intent.top} largest."))
    elif intent.kind == "distinct" and group:
        add(Clause(f"distinct {identifier(group)}", f"List each {group} once."))
        add(Clause(f"take {rows}", f"Return at most {rows} rows."))
    elif intent.kind == "threshold" and group and intent.bar and _countable(table, intent.bar):
        _bar(plan, intent.bar, group, rows)
    elif intent.kind in ("first_seen", "last_seen") and time:
        _seen(plan, intent, time, group)
    elif intent.kind == "timeline" and time:
        step = intent.bin or "1h"
        keys = f"bin({identifier(time)}, {step})" + (f", {identifier(group)}" if group else "")
        add(Clause(f"summarize Count = count() by {keys}", f"Count the events per {step}."))
        add(Clause(f"order by {identifier(time)} asc", "In time order."))
        add(Clause("render timechart", "Draw it as a time chart."))
    else:
        _list(plan, platform, time, rows)


def _countable(table: Table, bar: Threshold) -> bool:
    return not bar.counted or bool(group_column(table, bar.counted))


def _bar(plan: Composition, bar: Threshold, group: str, rows: int) -> None:
    counted = group_column(plan.table, bar.counted) if bar.counted else ""
    label = f"Distinct{counted}" if counted else "Count"
    function = f"dcount({identifier(counted)})" if counted else "count()"
    what = f"distinct {counted} values" if counted else "events"
    add = plan.clauses.append
    add(
        Clause(
            f"summarize {label} = {function} by {identifier(group)}", f"Count {what} per {group}."
        )
    )
    add(Clause(f"where {label} {bar.operator} {bar.value}", f"Keep those with {bar.said}."))
    add(Clause(f"order by {label} desc", "Largest first."))
    add(Clause(f"take {rows}", f"Return at most {rows} rows."))


def _seen(plan: Composition, intent: Intent, time: str, group: str) -> None:
    first = intent.kind == "first_seen"
    function, label = ("min", "FirstSeen") if first else ("max", "LastSeen")
    keys = [group] if group else [c for c in dict.fromkeys(plan.filtered) if c != "ActionType"]
    by = f" by {', '.join(identifier(k) for k in keys)}" if keys else ""
    plan.clauses.append(
        Clause(
            f"summarize {label} = {function}({identifier(time)}), Count = count(){by}",
            f"When it was {'first' if first else 'last'} seen, and how often.",
        )
    )


def _list(plan: Composition, platform: str, time: str | None, rows: int) -> None:
    columns = projection(plan.table, platform=platform, first=tuple(dict.fromkeys(plan.filtered)))
    columns += tuple(c for c in dict.fromkeys(plan.shown) if c not in columns)
    plan.clauses.append(
        Clause(f"project {', '.join(identifier(c) for c in columns)}", "Show the useful columns.")
    )
    if time:
        plan.clauses.append(Clause(f"order by {identifier(time)} desc", "Newest first."))
    plan.clauses.append(Clause(f"take {rows}", f"Return at most {rows} rows."))
