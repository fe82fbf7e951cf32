"""Filters on the values a question names: which column holds each, and the clause keeping it."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wingman.core.kql.catalog import Table
from wingman.core.kql.literals import identifier, int_literal, string_list, string_literal
from wingman.core.kql.nl.entities import Entity
from wingman.core.kql.planner.fields import column_for, column_kind
from wingman.core.kql.planner.lists import cited, containing_before, list_heads, negated_before

if TYPE_CHECKING:
    from wingman.core.kql.planner.compose import Composition

# "source ip address of", "destination port is": the words between a role and its value.
_ADDRESS_WORDS = r"(\s+ip)?(\s+address(es)?)?(\s+port)?(\s+(of|is|=|:))?\s*$"
_ROLE_WORDS = (
    (re.compile(r"\b(from|sender|sent by|by sender)\s*$", re.I), "sender"),
    (re.compile(r"\b(to|recipients?|sent to|received by|delivered to)\s*$", re.I), "recipient"),
    (re.compile(r"\b(parent|spawned by|launched by|started by|initiated by)\s*$", re.I), "parent"),
    (re.compile(r"\b(target(ing|ed)?|against)\s*$", re.I), "target"),
    (re.compile(rf"\b(source|src){_ADDRESS_WORDS}", re.I), "source"),
    (re.compile(rf"\b(destination|dest|dst){_ADDRESS_WORDS}", re.I), "destination"),
)
# Traffic coming in: a port said of it is the port the device listens on.
_INBOUND = re.compile(r"\b(inbound|incoming|listening|listens?|accepted)\b", re.I)
# Said both ways ("inbound and outbound"), the port is no one side's.
_OUTBOUND = re.compile(r"\b(outbound|outgoing)\b", re.I)
_CONTAINS = frozenset(
    {"command_line", "registry_key", "url", "domain", "quoted_text", "folder_path", "technique"}
)
_PROGRAM = re.compile(r"\.(exe|dll|ps1|bat|cmd|vbs|js|hta|sh|py|msi|scr)$", re.IGNORECASE)
# Values whose kind says which column they belong to.
TYPED = frozenset(
    {"ipv4", "ipv6", "cidr", "email", "md5", "sha1", "sha256", "event_id", "cve", "user", "url"}
)
_FREE_TEXT = frozenset({"SyslogMessage", "RenderedDescription", "Parameters"})
_EQUALITY = frozenset({"ip", "md5", "sha1", "sha256", "port", "country", "cve"})
# Values compared whole even after "containing": numbers, addresses, hashes.
_EXACT = _EQUALITY | {"event_id", "cidr", "url", "domain", "email"}
# "made by x.exe"; not "grouped by", "sorted by", "counted by".
_BY = re.compile(
    r"(?<!group )(?<!grouped )(?<!sort )(?<!sorted )(?<!order )(?<!ordered )(?<!count )"
    r"(?<!counted )(?<!summarized )(?<!split )\bby\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Clause:
    kql: str
    text: str


def entity_filters(plan: Composition, question: str, entities: tuple[Entity, ...]) -> None:
    grouped: dict[tuple[str, str, bool], list[str]] = defaultdict(list)
    for entity, head in zip(entities, list_heads(question, entities), strict=True):
        if str(entity.kind) == "url" and cited(question, entity.span[0]):
            continue  # "Source: https://blog...": where the hunt comes from, not a value
        role = _role(question, head)
        kind = _kind(entity, role)
        column = column_for(plan.table, kind, role)
        if not column:
            plan.unused.append(entity)
            continue
        negated = negated_before(question, head.span[0])
        if plan.table.columns[column].type == "dynamic" or column in _FREE_TEXT:
            kind = "quoted_text"  # a property bag or a log line holds the value, it is not it
        elif containing_before(question, head.span[0]) and kind not in _EXACT:
            kind = "quoted_text"  # "users containing 'lopez'": a part of the value
        if kind == "url" and "?" in entity.value and "csUriQuery" in plan.table.columns:
            stem, query = entity.value.split("?", 1)
            grouped[(column, kind, negated)].append(stem)
            grouped[("csUriQuery", kind, negated)].append(query)
            continue
        if _said(plan, entity.value):
            continue  # a condition already holds the value ("sudo" as the process name)
        grouped[(column, kind, negated)].append(entity.value)
    for (column, kind, negated), values in grouped.items():
        values = list(dict.fromkeys(values))  # a value said twice is kept once
        plan.clauses.append(render_filter(column, kind, values, negated=negated))
        plan.filtered.append(column)


def _said(plan: Composition, value: str) -> bool:
    literal = string_literal(value)
    return any(literal in c.kql for c in plan.clauses if c.kql.startswith("where"))


def _kind(entity: Entity, role: str = "") -> str:
    """The kind of column an entity is looked up in; a script or an installer something was
    done by ("requested by setup.msi") is the process that acted."""
    kind = column_kind(str(entity.kind))
    if kind == "file_name" and role == "parent" and _PROGRAM.search(entity.value):
        return "process_name"
    return _user_kind(entity.value) if kind == "user" else kind


def entity_column(table: Table, question: str, entity: Entity) -> str:
    role = _role(question, entity)
    return column_for(table, _kind(entity, role), role)


def _user_kind(value: str) -> str:
    """How a user is written: a program ("made by python.exe"), an ARN, DOMAIN\\name, a
    person's name, or a plain account name."""
    if _PROGRAM.search(value):
        return "process_name"
    if value.lower().startswith("arn:"):
        return "arn"
    if "\\" in value:
        return "domain_account"
    return "display_name" if " " in value else "user"


def _role(question: str, entity: Entity) -> str:
    before = question[max(0, entity.span[0] - 24) : entity.span[0]]
    role = next((role for pattern, role in _ROLE_WORDS if pattern.search(before)), "")
    if not role and str(entity.kind) in ("process_name", "file_name") and _BY.search(before):
        return "parent"  # "connections made by rundll32.exe": the process that acted
    inbound = _INBOUND.search(question) and not _OUTBOUND.search(question)
    if not role and entity.kind == "port" and inbound:
        return "local"
    return role


def render_filter(column: str, kind: str, values: list[str], *, negated: bool = False) -> Clause:
    """The where clause keeping rows whose column holds one of the values (or, negated, none)."""
    name = identifier(column)
    said = ", ".join(values)
    keep = "Drop" if negated else "Keep"
    if kind in ("port", "event_id"):
        numbers = ", ".join(int_literal(int(v.lstrip(":"))) for v in values)
        what = "port" if kind == "port" else "Windows event"
        return Clause(
            f"where {name} {'!in' if negated else 'in'} ({numbers})", f"{keep} {what} {said}."
        )
    if kind in _CONTAINS:
        if len(values) == 1:
            predicate = f"{name} {'!has' if negated else 'has'} {string_literal(values[0])}"
        else:
            listed = f"{name} has_any {string_list(values)}"
            predicate = f"not({listed})" if negated else listed
        return Clause(f"where {predicate}", f"{keep} {column} containing {said}.")
    if kind == "process_name":
        values = [v if "." in v else f"{v}.exe" for v in values]
    exact = kind in _EQUALITY
    if len(values) == 1:
        operator = ("!=" if negated else "==") if exact else ("!~" if negated else "=~")
        rendered = string_literal(values[0])
        return Clause(f"where {name} {operator} {rendered}", f"{keep} {column} equal to {said}.")
    operator = ("!in" if negated else "in") + ("" if exact else "~")
    return Clause(f"where {name} {operator} {string_list(values)}", f"{keep} {column} in {said}.")


# Values whose words mean nothing beyond the value: host names, addresses, hashes, paths.
_OPAQUE_KINDS = frozenset(
    {"device", "ipv4", "ipv6", "cidr", "url", "domain", "email", "md5", "sha1", "sha256"}
    | {"folder_path", "registry_key"}
)


def without_values(question: str, entities: tuple[Entity, ...]) -> str:
    """The question with its values blanked: "proxy" in host lnx-proxy-02 is no proxy log."""
    for entity in entities:
        if str(entity.kind) not in _OPAQUE_KINDS:
            continue  # a user or a quoted text may be a word the question means
        start, end = entity.span
        question = question[:start] + " " * (end - start) + question[end:]
    return question
