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


@dataclass(frozen=True, slots=True)
class Clause:
    kql: str
    text: str


def entity_filters(plan: Composition, question: str, entities: tuple[Entity, ...]) -> None:
    grouped: dict[tuple[str, str], list[str]] = defaultdict(list)
    for entity in entities:
        kind = _kind(entity)
        column = column_for(plan.table, kind, _role(question, entity))
        if not column:
            plan.unused.append(entity)
            continue
        if plan.table.columns[column].type == "dynamic" or column in _FREE_TEXT:
            kind = "quoted_text"  # a property bag or a log line holds the value, it is not it
        if kind == "url" and "?" in entity.value and "csUriQuery" in plan.table.columns:
            stem, query = entity.value.split("?", 1)
            grouped[(column, kind)].append(stem)
            grouped[("csUriQuery", kind)].append(query)
            continue
        if _said(plan, entity.value):
            continue  # a condition already holds the value ("sudo" as the process name)
        grouped[(column, kind)].append(entity.value)
    for (column, kind), values in grouped.items():
        plan.clauses.append(render_filter(column, kind, values))
        plan.filtered.append(column)


def _said(plan: Composition, value: str) -> bool:
    literal = string_literal(value)
    return any(literal in c.kql for c in plan.clauses if c.kql.startswith("where"))


def _kind(entity: Entity) -> str:
    """The kind of column an entity is looked up in."""
    kind = column_kind(str(entity.kind))
    return _user_kind(entity.value) if kind == "user" else kind


def entity_column(table: Table, question: str, entity: Entity) -> str:
    return column_for(table, _kind(entity), _role(question, entity))


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
    inbound = _INBOUND.search(question) and not _OUTBOUND.search(question)
    if not role and entity.kind == "port" and inbound:
        return "local"
    return role


def render_filter(column: str, kind: str, values: list[str]) -> Clause:
    """The where clause keeping rows whose column holds one of the values."""
    name = identifier(column)
    said = ", ".join(values)
    if kind == "port":
        ports = ", ".join(int_literal(int(v.lstrip(":"))) for v in values)
        return Clause(f"where {name} in ({ports})", f"Keep port {said}.")
    if kind == "event_id":
        ids = ", ".join(int_literal(int(v)) for v in values)
        return Clause(f"where {name} in ({ids})", f"Keep Windows event {said}.")
    if kind in _CONTAINS:
        operator = "has" if len(values) == 1 else "has_any"
        rendered = string_literal(values[0]) if len(values) == 1 else string_list(values)
        return Clause(f"where {name} {operator} {rendered}", f"Keep {column} containing {said}.")
    if kind == "process_name":
        values = [v if "." in v else f"{v}.exe" for v in values]
    if len(values) == 1:
        operator = "==" if kind in _EQUALITY else "=~"
        rendered = string_literal(values[0])
        return Clause(f"where {name} {operator} {rendered}", f"Keep {column} equal to {said}.")
    operator = "in" if kind in _EQUALITY else "in~"
    return Clause(f"where {name} {operator} {string_list(values)}", f"Keep {column} in {said}.")


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
