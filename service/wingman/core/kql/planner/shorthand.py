"""More values said in shorthand: address prefixes ("129.x.x.x"), places ("located in west
Europe"), open or closed incidents, messages about a thing, durations in milliseconds, and
API or cmdlet names of audit logs ("ListUsers")."""

from __future__ import annotations

import re
from typing import Final

from wingman.core.kql.catalog import Table
from wingman.core.kql.literals import string_list, string_literal
from wingman.core.kql.nl.countries import country_code
from wingman.core.kql.nl.prose import is_prose
from wingman.core.kql.planner.condition import Condition
from wingman.core.kql.planner.fields import column_for

# "129.x.x.x", "10.20.*": the addresses starting with the digits said.
_IP_PREFIX: Final = re.compile(
    r"(?<![\w.])(?P<v>\d{1,3}(?:\.\d{1,3}){0,2}\.)(?:[xX*](?:\.|\b)){1,3}"
)
_PLACE: Final = re.compile(
    r"\b(?i:located|based|hosted|deployed|sited)\s+in\s+(?:the\s+)?"
    r"(?P<v>[A-Za-z]+(?:\s+[A-Z][a-z]+)?)\b"
    r"|\bin\s+(?:the\s+)?(?P<w>(?i:east|west|north|south|central)(?:\s+[A-Z][a-z]+)?)\b"
)
_PLACE_COLUMNS: Final = ("AzureLocation", "Location", "Region", "AwsRegion", "Country")
_MESSAGES_ABOUT: Final = re.compile(
    r"\bmessages?\s+(?:for|about|of|on)\s+(?P<v>(?:[A-Za-z]+\s+)?\d+)\b", re.IGNORECASE
)
_MILLISECONDS: Final = re.compile(
    r"\b(?P<op>less|under|below|more|over|above|greater)\s+(?:than\s+)?(?P<v>\d{1,9})\s*"
    r"(?:ms|milliseconds?)\b",
    re.IGNORECASE,
)
_OPEN: Final = re.compile(r"\b(?:still\s+)?(?P<v>open|unresolved|closed|resolved)\b", re.I)
_INCIDENT: Final = re.compile(r"\bincidents?\b", re.IGNORECASE)
# Operations of cloud audit logs, said by their API name: a verb, then what it acts on.
_VERBS: Final = (
    "List|Get|Create|Delete|Put|Update|Describe|Attach|Detach|Add|Remove|Set|Start|Stop|Assume|"
    "Enable|Disable|Modify|Reset|Register|Deregister|Invoke|Grant|Revoke|Upload|Download|New|"
    "Consent|Restore|Export|Import|Change|Console"
)
_API: Final = re.compile(rf"(?<![\w-])(?:{_VERBS})(?:[A-Z][a-z0-9]+)+(?![\w-])")
_CMDLET: Final = re.compile(rf"(?<![\w-])(?:{_VERBS})-[A-Z][A-Za-z]+(?![\w-])")
# An action's own name: words run together, the last one what happened ("AntivirusDetection",
# "QuarantineReleased", "LogonFailed").
_ACTION_NAME: Final = re.compile(
    r"(?:[A-Z][a-z0-9]+){1,4}(?:[A-Z][a-z]+ed|Detection|Failure|Success)"
)
_CAMEL: Final = re.compile(r"(?<![\w-])(?:[A-Z][a-z0-9]+){2,5}(?![\w-])")
_LISTED: Final = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|\s(?:and|or)\s)\s*")
_OPERATION_COLUMNS: Final = ("EventName", "OperationName", "Operation")


def more_shorthand(question: str, table: Table) -> list[Condition]:
    """The conditions of `table` said in this shorthand."""
    found = [_ip_prefix(question, table), _place(question, table), _incidents(question, table)]
    found += [_message_about(question, table), _duration(question, table)]
    return [c for c in found if c is not None]


def _message_about(question: str, table: Table) -> Condition | None:
    """ "messages about job 4411": log lines mentioning what is said, in their free text."""
    match = _MESSAGES_ABOUT.search(question)
    column = column_for(table, "quoted_text") if match else ""
    if match is None or not column:
        return None
    text = " ".join(match["v"].split())
    predicate = f"{column} has {string_literal(text)}"
    return Condition(column, predicate, f"Keep messages mentioning {text}.", match.span("v"))


def _duration(question: str, table: Table) -> Condition | None:
    """ "taking over 250 ms": the duration, in the table's millisecond duration column."""
    match = _MILLISECONDS.search(question)
    if match is None or "DurationMs" not in table.columns:
        return None
    operator = "<" if match["op"].lower() in ("less", "under", "below", "fewer") else ">"
    predicate = f"DurationMs {operator} {int(match['v'])}"
    return Condition("DurationMs", predicate, f"Keep {predicate}.", match.span("v"))


def _ip_prefix(question: str, table: Table) -> Condition | None:
    match = _IP_PREFIX.search(question)
    column = column_for(table, "ip") if match else ""
    if match is None or not column:
        return None
    prefix = match["v"]
    predicate = f"{column} startswith {string_literal(prefix)}"
    return Condition(column, predicate, f"Keep {column} starting with {prefix}.", match.span())


def _place(question: str, table: Table) -> Condition | None:
    match = _PLACE.search(question)
    column = next((c for c in _PLACE_COLUMNS if c in table.columns), "") if match else ""
    if match is None or not column:
        return None
    group = "v" if match["v"] else "w"
    place = match[group]
    if is_prose(place.split()[0]) or country_code(place):
        return None  # a country is an entity of its own, "located in the same" no place
    if column == "AzureLocation":
        place = place.replace(" ", "").lower()  # Azure regions are one word: "westeurope"
    predicate = f"{column} has {string_literal(place)}"
    return Condition(column, predicate, f"Keep {column} in {place}.", match.span(group))


def _incidents(question: str, table: Table) -> Condition | None:
    """Open incidents are the new and active ones; closed ones are closed."""
    match = _OPEN.search(question)
    if match is None or "Status" not in table.columns or "Incident" not in table.name:
        return None
    if not _INCIDENT.search(question):
        return None
    if match["v"].lower() in ("open", "unresolved"):
        predicate = f"Status in {string_list(['New', 'Active'])}"
    else:
        predicate = f"Status == {string_literal('Closed')}"
    return Condition("Status", predicate, f"Keep {match['v']} incidents.", match.span("v"))


def _action_names(question: str, table: Table) -> list[re.Match[str]]:
    """Actions said by their own names, with the names listed beside them ("ConnectionFailed
    or ConnectionAttempt")."""
    found: list[re.Match[str]] = []
    group: list[re.Match[str]] = []
    for match in _CAMEL.finditer(question):
        if match.group() in table.columns:
            continue
        if group and not _LISTED.fullmatch(question[group[-1].end() : match.start()]):
            found += group if any(_ACTION_NAME.fullmatch(m.group()) for m in group) else []
            group = []
        group.append(match)
    found += group if any(_ACTION_NAME.fullmatch(m.group()) for m in group) else []
    return found


def operations(question: str, table: Table) -> Condition | None:
    """The operations said by their API or cmdlet name, on the table's operation column; in a
    table with an ActionType, an action said by its own name ("QuarantineReleased")."""
    column = next((c for c in _OPERATION_COLUMNS if c in table.columns), "")
    if not column and "ActionType" in table.columns:
        column = "ActionType"
        names = _action_names(question, table)
    elif not column:
        return None
    else:
        names = list(_API.finditer(question))
    if column == "Operation":
        names += list(_CMDLET.finditer(question))
    said = list(dict.fromkeys(m.group() for m in names))
    if not said:
        return None
    span = (min(m.start() for m in names), max(m.end() for m in names))
    if len(said) == 1:
        predicate = f"{column} =~ {string_literal(said[0])}"
    else:
        predicate = f"{column} in~ {string_list(said)}"
    return Condition(column, predicate, f"Keep {column} {', '.join(said)}.", span)
