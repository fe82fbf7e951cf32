"""The words of table and column names, so a question that says "file certificate events" or
"machine group" finds DeviceFileCertificateInfo and MachineGroup."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from wingman.core.kql.catalog import Catalog, Table

_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z]|\d|\b)|[A-Z]?[a-z]+|\d+")
_WORD = re.compile(r"[a-z0-9]+")
# Spellings of one idea; the left side is rewritten to the right in questions and names alike.
_SYNONYMS = {
    "login": "logon",
    "logins": "logon",
    "logons": "logon",
    "logged": "logon",
    "signin": "signin",
    "signins": "signin",
    "sign": "signin",
    "registery": "registry",
    "regestry": "registry",
    "reg": "registry",
    "mail": "email",
    "mails": "email",
    "emails": "email",
    "message": "email",
    "messages": "email",
    "machine": "device",
    "machines": "device",
    "devices": "device",
    "processes": "process",
    "process": "process",
    "urls": "url",
    "link": "url",
    "links": "url",
    "certificates": "certificate",
    "cert": "certificate",
    "certs": "certificate",
    "vulnerabilities": "vulnerability",
    "vulnerable": "vulnerability",
    "cve": "vulnerability",
    "cves": "vulnerability",
    "files": "file",
    "attachments": "attachment",
    "clicks": "click",
    "clicked": "click",
    "alerts": "alert",
    "incidents": "incident",
    "dlls": "image",
    "dll": "image",
    "ips": "ip",
    "addresses": "address",
    "accounts": "account",
    "users": "user",
    "identities": "identity",
    "queries": "query",
    "queried": "query",
    "apps": "app",
    "application": "app",
    "applications": "app",
    "configurations": "configuration",
    "assessments": "assessment",
    "assessment": "assessment",
    "asssement": "assessment",
    "softwares": "software",
    "inventory": "software",
    "installed": "software",
    "groups": "group",
    "firmware": "firmware",
    "bios": "firmware",
    "events": "event",
    "logs": "log",
    "info": "info",
    "details": "info",
    "detail": "info",
}
_RARE_COLUMN_TABLES = 3
_RARE_VALUE_TABLES = 2
_MIN_VALUE_LENGTH = 5
_DISTINCTIVE = 2.0
# "query" is how documentation speaks of itself ("this query lists ..."), not a data source.
# "user" and "account" are in most questions whatever the table; they name no data source.
_NOISE = frozenset(
    {"event", "log", "info", "beta", "s", "in", "on", "id", "query", "user", "account", "app"}
)


_DIRECTORY_NAMES = re.compile(r"\bazure\s+(ad|active\s+directory)\b|\bentra\s+id\b")


def normalise(text: str) -> list[str]:
    """Lower-case words with spellings of one idea made equal ("logins" and "logon")."""
    text = re.sub(r"sign[\s-]+(in|on)", "signin", text.lower())
    text = re.sub(r"log[\s-]+(in|on)s?\b", "logon", text)
    text = re.sub(r"e-mail", "email", text)
    # Azure AD is the directory, not an Azure resource: its "azure" names no Azure* table.
    text = _DIRECTORY_NAMES.sub("aaddirectory", text)
    text = re.sub(r"\bsys\s+logs?\b", "syslog", text)
    return [_stem(_SYNONYMS.get(w, w)) for w in _WORD.findall(text)]


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"  # "memories", "policies", "activities"
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


@lru_cache(maxsize=16384)
def name_words(name: str) -> tuple[str, ...]:
    """The words a CamelCase name is made of, normalised like a question's."""
    spaced = " ".join(_CAMEL.findall(name.replace("_", " ")))
    return tuple(normalise(spaced))


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Per table: its name's distinctive words, weighted by how rare they are among tables."""

    tables: dict[str, frozenset[str]]
    weights: dict[str, float]
    columns: dict[str, dict[str, tuple[str, ...]]]
    # One-word columns few tables have (Department, Signer): saying the word points to them.
    rare_columns: frozenset[str]
    # Every word of each table's name, in order ("device", "file", "event").
    spelled: dict[str, tuple[str, ...]]
    # Each table's retrieval keywords, with the pattern that finds one at a word start.
    keywords: dict[str, tuple[tuple[str, re.Pattern[str]], ...]]
    # Known values (of five letters or more) that at most two tables have, with those tables.
    rare_values: tuple[tuple[str, tuple[str, ...]], ...]

    def name_match(self, table: str, asked: set[str]) -> tuple[float, bool]:
        """The rarity-weighted words of the table's name that the question says, and whether
        one of them is distinctive (words such as "device" alone tell tables apart badly)."""
        words = self.tables.get(table, frozenset())
        matched = words & asked
        # One word of a longer name ("group" of EntraGroups) says half as much as all of them.
        share = len(matched) / len(words) if words else 0.0
        weight = sum(self.weights[w] for w in matched) * max(0.5, share)
        return weight, any(self.weights[w] >= _DISTINCTIVE for w in matched)

    def says_name(self, table: str, said: list[str]) -> bool:
        """Whether the question spells the table's name out ("device info", "file events")."""
        words = list(self.spelled.get(table, ()))
        spellings = [words]
        if words[:1] in (["device"], ["aad"]) and len(words) > 2:
            # "file events" for DeviceFileEvents, "risky users" for AADRiskyUsers
            spellings.append(words[1:])
        for spelling in list(spellings):
            if spelling[-1:] in (["log"], ["event"]) and len(spelling) > 3:
                spellings.append(spelling[:-1])  # "managed identity sign-ins"
        joined = " " + " ".join(said) + " "
        return any(
            len(spelling) >= 2 and f" {' '.join(spelling)} " in joined for spelling in spellings
        )

    def mentioned_columns(self, table: str, asked_text: list[str]) -> list[str]:
        """Columns of two or more words that the question spells out ("machine group")."""
        found = []
        joined = " " + " ".join(asked_text) + " "
        for column, words in self.columns.get(table, {}).items():
            content = [w for w in words if w not in _NOISE]
            one_word = len(words) == 1 and column in self.rare_columns
            long_enough = len(content) >= 2 or one_word
            if long_enough and f" {' '.join(content)} " in joined:
                found.append(column)
        return found


def build_vocabulary(catalog: Catalog) -> Vocabulary:
    """The vocabulary of a catalog's table and column names."""
    tables = {
        name: frozenset(w for w in name_words(name) if w not in _NOISE) for name in catalog.names()
    }
    counts: Counter[str] = Counter(w for ws in tables.values() for w in ws)
    weights = {w: math.log(1 + len(tables) / n) for w, n in counts.items()}
    columns = {name: _columns(catalog.tables[name]) for name in catalog.names()}
    spread: Counter[str] = Counter(
        c for name in catalog.names() for c in catalog.tables[name].columns
    )
    rare = frozenset(c for c, n in spread.items() if n <= _RARE_COLUMN_TABLES and len(c) > 4)
    spelled = {name: name_words(name) for name in catalog.names()}
    keywords = {
        name: tuple(
            (k, re.compile(rf"\b{re.escape(k)}"))
            for k in catalog.tables[name].keywords
            if len(k) > 3
        )
        for name in catalog.names()
    }
    return Vocabulary(tables, weights, columns, rare, spelled, keywords, _rare_values(catalog))


def _rare_values(catalog: Catalog) -> tuple[tuple[str, tuple[str, ...]], ...]:
    owners: dict[str, set[str]] = {}
    spelled: dict[str, str] = {}
    for table in catalog.tables.values():
        for values in table.values.values():
            for value in values:
                if len(value) >= _MIN_VALUE_LENGTH:
                    owners.setdefault(value.lower(), set()).add(table.name)
                    spelled.setdefault(value.lower(), value)
    return tuple(
        (spelled[key], tuple(sorted(names)))
        for key, names in sorted(owners.items())
        if len(names) <= _RARE_VALUE_TABLES
    )


def _columns(table: Table) -> dict[str, tuple[str, ...]]:
    return {name: tuple(name_words(name)) for name in table.columns}
