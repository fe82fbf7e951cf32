"""Values said in an analyst's usual shorthand rather than after a column's name: "404s",
".vbs files", "in Downloads", "the RunAsPPL value", "set to 0", "named x", "disabled"."""

from __future__ import annotations

import re

from wingman.core.kql.catalog import Table
from wingman.core.kql.literals import string_literal
from wingman.core.kql.nl.prose import is_prose
from wingman.core.kql.planner.condition import Condition
from wingman.core.kql.planner.fields import column_for
from wingman.core.kql.planner.mentions import MAX_VALUE
from wingman.core.kql.planner.vocabulary import name_words

_STATUS = re.compile(
    r"\b(?P<v>[1-5]\d\d)(?:s\b|\s+(?:responses?|errors?|status(?:es)?|codes?|replies)\b)"
    r"|\bstatus(?: code)?\s+(?P<w>[1-5]\d\d)\b",
    re.IGNORECASE,
)
_STATUS_COLUMNS = ("scStatus", "StatusCode", "HttpStatusCode", "ResponseCode")
_EXTENSION = re.compile(
    r"(?<![\w.])\.(?P<e>[a-z0-9]{1,5})\s+(?:files?|attachments?|scripts?|documents?|archives?)\b"
    r"|\b(?P<w>zip|rar|7z|iso|img|vhdx?|lnk|vbs|hta|ps1|bat|docm|xlsm|onenote)\s+"
    r"(?:files?|attachments?|archives?|scripts?)\b",
    re.IGNORECASE,
)
# Folders an analyst names by their last part; "startup" and "public" are too often other words.
_FOLDER_NAMES = r"downloads|temp|tmp|appdata|desktop|programdata|system32|syswow64"
# Said as a place: "in Downloads", "from a temp folder", "pointing at AppData".
_FOLDER = re.compile(
    rf"\b(?:in|from|under|into|to|at|within|inside)\s+(?:the\s+|an?\s+|user'?s?\s+)?"
    rf"(?P<v>{_FOLDER_NAMES})\b(?![\\/])|\b(?P<w>{_FOLDER_NAMES})\s+(?:folders?|director(?:y|ies))\b",
    re.IGNORECASE,
)
# A registry value by its name: "the LSA RunAsPPL value", "values named EnableLUA".
_VALUE_NAME = re.compile(r"\b(?P<v>[A-Z][a-z]*[A-Z]\w*|[A-Z][a-z]+[A-Z]+)\s+values?\b")
# A proper name: capitalised words ("Azure CLI", "Acme Tools Ltd"), or quoted.
_PROPER = r"(?P<v>\"[^\"]+\"|'[^']+'|[A-Z][\w.&+-]*(?:\s+[A-Z][\w.&+-]*)*)"
# (pattern, the columns it names, most specific first, operator): a name said after the words
# that introduce it; "has" where the column holds a longer form ("Azure Key Vault").
_NAMED_AFTER: tuple[tuple[re.Pattern[str], tuple[str, ...], str], ...] = (
    (
        re.compile(rf"\b(?:app|application|client app)\s+(?:named\s+|called\s+)?{_PROPER}"),
        ("AppDisplayName", "Application", "AppName"),
        "=~",
    ),
    (
        re.compile(
            r"\b(?:sign[\s-]?ins?|log[\s-]?ons?|log[\s-]?ins?|authentications?|tokens?)\s+"
            rf"(?:\w+\s+)?(?:to|into)\s+(?:the\s+)?{_PROPER}"
        ),
        ("ResourceDisplayName", "AppDisplayName"),
        "has",
    ),
    (
        re.compile(r"\bservice principals?\b.{0,30}?\b(?:for|of|by|named|called)\s+(?P<v>[\w.-]+)"),
        ("ServicePrincipalName",),
        "=~",
    ),
    (
        re.compile(
            r"\bvulnerabilit(?:y|ies)\s+(?:in|of|affecting)\s+(?P<v>[A-Za-z][\w.+-]*)"
            r"|\b(?:have|has|with|running)\s+(?P<w>[A-Z][\w.+-]*)\s+installed\b"
        ),
        ("SoftwareName",),
        "has",
    ),
    (
        re.compile(
            rf"\b(?:checks?|configurations?|controls?|settings?)\s+(?:for|of|on)\s+{_PROPER}"
        ),
        ("ConfigurationSubcategory",),
        "=~",
    ),
    (
        re.compile(r"\brunning\s+(?P<v>[A-Z][\w.]*)"),
        ("OperatingSystemFullName",),
        "has",
    ),
    (re.compile(rf"\bsigned by\s+{_PROPER}"), ("Signer",), "has"),
)
_SET_TO = re.compile(
    r"\bset\s+(?:to\s+|(?:(?:a\s+)?value\s+)?(?P<op>ending|starting|containing|ends|starts|"
    r"contains)\s+(?:with\s+)?)(?P<v>\"[^\"]*\"|'[^']*'|[\w.-]+)",
    re.IGNORECASE,
)
_SET_OPERATORS = {"end": "endswith", "sta": "startswith", "con": "has"}


def shorthand_conditions(question: str, table: Table) -> list[Condition]:
    """The conditions of `table` said in shorthand by the question."""
    found = [
        *_status(question, table),
        *_extension(question, table),
        *_folder(question, table),
        *_registry_value(question, table),
        *_named(question, table),
    ]
    return found


def _status(question: str, table: Table) -> list[Condition]:
    column = next((c for c in _STATUS_COLUMNS if c in table.columns), "")
    codes = [(m["v"] or m["w"], m.span()) for m in _STATUS.finditer(question)] if column else []
    if not codes:
        return []
    numeric = table.columns[column].type in ("int", "long")
    values = [c if numeric else string_literal(c) for c, _ in codes]
    predicate = (
        f"{column} == {values[0]}" if len(values) == 1 else f"{column} in ({', '.join(values)})"
    )
    said = ", ".join(c for c, _ in codes)
    return [Condition(column, predicate, f"Keep HTTP status {said}.", codes[0][1])]


def _extension(question: str, table: Table) -> list[Condition]:
    match = _EXTENSION.search(question)
    column = column_for(table, "file_name") if match else ""
    if not match or not column:
        return []
    extension = "." + (match["e"] or match["w"]).lower()
    literal = string_literal(extension)
    return [
        Condition(
            column,
            f"{column} endswith {literal}",
            f"Keep {column} ending in {extension}.",
            match.span(),
        )
    ]


def _folder(question: str, table: Table) -> list[Condition]:
    match = _FOLDER.search(question)
    column = column_for(table, "folder_path") if match else ""
    if not match or not column:
        return []
    folder = match["v"] or match["w"]
    literal = string_literal(folder)
    return [
        Condition(column, f"{column} has {literal}", f"Keep {column} under {folder}.", match.span())
    ]


def _named(question: str, table: Table) -> list[Condition]:
    found = []
    for pattern, columns, operator in _NAMED_AFTER:
        column = next((c for c in columns if c in table.columns), "")
        match = pattern.search(question) if column else None
        if match is None:
            continue
        group = "v" if match["v"] is not None else "w"
        token = match[group]
        value = token[1:-1] if token[:1] in "\"'" else token
        if value == token and is_prose(value):
            continue  # "vulnerabilities in order to patch": no software said
        literal = string_literal(value)
        found.append(
            Condition(
                column,
                f"{column} {operator} {literal}",
                f"Keep {column} {value}.",
                match.span(group),
            )
        )
    return found


def _registry_value(question: str, table: Table) -> list[Condition]:
    if "RegistryValueName" not in table.columns:
        return []
    found = []
    name = _VALUE_NAME.search(question)
    if name:
        literal = string_literal(name["v"])
        found.append(
            Condition(
                "RegistryValueName",
                f"RegistryValueName =~ {literal}",
                f"Keep the registry value {name['v']}.",
                name.span("v"),
            )
        )
    data = _SET_TO.search(question)
    if data and "RegistryValueData" in table.columns:
        token = data["v"]
        value = token[1:-1] if token[:1] in "\"'" else token
        literal = string_literal(value)
        operator = _SET_OPERATORS[data["op"][:3].lower()] if data["op"] else "=="
        found.append(
            Condition(
                "RegistryValueData",
                f"RegistryValueData {operator} {literal}",
                f"Keep values set to {value}.",
                data.span("v"),
            )
        )
    return found


_ANTONYMS = {
    "disabled": ("enabled", False),
    "noncompliant": ("compliant", False),
    "inactive": ("active", False),
    "unsigned": ("signed", False),
}


_NAMED = re.compile(
    r"\b(?:named|called)\s+(\"[^\"]*\"|'[^']*'|\S+)|(\"[^\"]*\"|'[^']*')\s+in\s+(?:the|its)\s+name",
    re.IGNORECASE,
)


def named_values(question: str, table: Table, column: str) -> list[Condition]:
    """ "processes named x.exe": the value is the table's name column."""
    if not column:
        return []
    found = []
    for match in _NAMED.finditer(question):
        group = 1 if match.group(1) is not None else 2
        token = match.group(group)
        quoted = token[:1] in "\"'" and len(token) >= 2 and token[-1] == token[0]
        value = token[1:-1] if quoted else token.rstrip("?,.")
        if value and len(value) <= MAX_VALUE:
            literal = string_literal(value)
            # "named x" is the name; "'x' in the name" is a part of it.
            operator = "=~" if group == 1 else "has"
            span = (match.start(group), match.end(group))
            found.append(
                Condition(column, f"{column} {operator} {literal}", f"Keep {column} {value}.", span)
            )
            break
    return found


def antonym_flags(question: str, table: Table) -> list[Condition]:
    """Flags said the other way round: "disabled accounts" is IsAccountEnabled == false."""
    found = []
    lowered = set(re.findall(r"[a-z]+", question.lower()))
    for word, (positive, value) in _ANTONYMS.items():
        if word not in lowered:
            continue
        for column, col in table.columns.items():
            if col.type == "bool" and positive in name_words(column):
                flag = "true" if value else "false"
                found.append(
                    Condition(column, f"{column} == {flag}", f"Keep {column} {flag}.", (0, 0))
                )
                break
    return found
