"""Table choice by meaning: named tables, concepts, the kinds of values asked about, the catalog's
own words for each table, and the nearest examples of our index, each adding evidence."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from wingman.core.kql.catalog import Catalog, Table
from wingman.core.kql.nl.entities import Entity
from wingman.core.kql.planner.cloud_concepts import CLOUD_CONCEPTS
from wingman.core.kql.planner.concepts import CONCEPTS, Concept
from wingman.core.kql.planner.device_events import DEVICE_EVENT_CONCEPTS
from wingman.core.kql.planner.directory_concepts import DIRECTORY_CONCEPTS
from wingman.core.kql.planner.documentation import Reading, focus_text, read
from wingman.core.kql.planner.examples import ExampleIndex
from wingman.core.kql.planner.families import ENTITY_FAMILIES, FAMILY_TABLES, WINDOWS_ACCOUNT
from wingman.core.kql.planner.fields import column_for, column_kind
from wingman.core.kql.planner.filters import without_values
from wingman.core.kql.planner.hunt_concepts import HUNT_CONCEPTS
from wingman.core.kql.planner.mentions import value_pattern
from wingman.core.kql.planner.posture import posture_share
from wingman.core.kql.planner.qualifiers import POINTING
from wingman.core.kql.planner.signins import rank_signins, signin_share
from wingman.core.kql.planner.vocabulary import Vocabulary, normalise

_TABLE_MENTION = 12.0
_EXAMPLE_WEIGHT = 3.0
_KEYWORD_WEIGHT = 0.6
_COLUMN_WEIGHT = 0.6
_NAME_WEIGHT = 1.5
_SPELLED_WEIGHT = 6.0
_SHORT_QUESTION_WORDS = 25
_MENTIONED_COLUMN_WEIGHT = 1.5
# A known value few tables have ("unlikely travel", "anonymous" authentication) names its table.
_VALUE_WEIGHT = 1.5
_PLAIN_VALUE_SHARE = 0.5
_CITED_RULE_WEIGHT = 2.0
_FOCUS_WEIGHT = 1.0
_PROSE_SHARE = 0.25
_ENDPOINT_TABLES: Final = frozenset(
    {
        "DeviceProcessEvents",
        "DeviceNetworkEvents",
        "DeviceFileEvents",
        "DeviceRegistryEvents",
        "DeviceImageLoadEvents",
        "DeviceLogonEvents",
        "DeviceNetworkInfo",
        "DeviceFileCertificateInfo",
    }
)


@dataclass
class Candidate:
    """A table and the evidence for it."""

    table: Table
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    concepts: list[Concept] = field(default_factory=list)

    def add(self, points: float, reason: str) -> None:
        self.score += points
        if reason and reason not in self.reasons:
            self.reasons.append(reason)


_Bump = Callable[[str, float, str], "Candidate | None"]


def rank_tables(
    question: str,
    entities: tuple[Entity, ...],
    *,
    catalog: Catalog,
    platform: str,
    examples: ExampleIndex,
    vocabulary: Vocabulary,
) -> list[Candidate]:
    """Every table of the platform that some evidence points to, best first."""
    tables = {t.name: t for t in catalog.tables_for(platform)}
    found: dict[str, Candidate] = {}
    reading = read(question)
    question = reading.content

    def bump(name: str, points: float, reason: str) -> Candidate | None:
        table = tables.get(name)
        if table is None:
            return None
        candidate = found.setdefault(name, Candidate(table))
        candidate.add(points, reason)
        return candidate

    # In a long text (a query's documentation) words of table names appear by the way; what
    # a short question says about its data counts in full.
    damp = _content_damping(reading)
    named = _mentions(question, tables, bump)
    prose = _PROSE_SHARE if reading.documentation and damp < 1 else 1.0
    _name_words(question, tables, vocabulary, _by_the_way(_damped(bump, damp), question, prose))
    _concepts(without_values(question, entities), tables, platform, bump)
    _entities(entities, tables, platform, bump, damp)
    _keywords(question, tables, vocabulary, _by_the_way(_damped(bump, damp), question))
    _known_values(question, vocabulary, _damped(bump, damp))
    for example, similarity in examples.nearest(question, platform=platform):
        for name in example.tables:
            points = _EXAMPLE_WEIGHT * similarity * damp
            bump(name, points, f"like the example “{example.question}”")
    _cited(reading, platform, bump)
    _focus(reading, entities, tables, platform, bump)
    rank_signins(without_values(question, entities), platform, bump)
    for candidate in found.values():
        if candidate.table.name not in named:
            share = posture_share(
                candidate.table.name, question, documentation=reading.documentation
            )
            candidate.score *= share
    ranked = sorted(found.values(), key=lambda c: (-c.score, c.table.name))
    return [c for c in ranked if c.score > 0]


def damping(question: str) -> float:
    """1 for a question of up to 25 words, less for longer texts, where evidence is diluted;
    a write-up's meta-language and citations are not counted."""
    return _content_damping(read(question))


def _content_damping(reading: Reading) -> float:
    return min(1.0, _SHORT_QUESTION_WORDS / max(1, len(reading.content.split())))


def _focus(
    reading: Reading,
    entities: tuple[Entity, ...],
    tables: dict[str, Table],
    platform: str,
    bump: _Bump,
) -> None:
    # In a write-up the sentence that says what the query does weighs more than the background.
    if not reading.focus or _content_damping(reading) >= 1:
        return
    said = focus_text(reading, without_values(reading.content, entities))
    _concepts(said, tables, platform, _damped(bump, _FOCUS_WEIGHT))


def _cited(reading: Reading, platform: str, bump: _Bump) -> None:
    # A write-up that only cites a Sigma rule hunts what the rule reads: mostly processes.
    family = reading.cited_family()
    name = FAMILY_TABLES[platform].get(family or "")
    if name:
        bump(name, _CITED_RULE_WEIGHT, f"it cites a Sigma rule over {family} events")


def _damped(bump: _Bump, factor: float) -> _Bump:
    def damped(name: str, points: float, reason: str) -> Candidate | None:
        return bump(name, points * factor, reason)

    return damped


def _by_the_way(bump: _Bump, question: str, prose: float = 1.0) -> _Bump:
    # The words a sign-in table's name shares with a text that never speaks of signing in
    # ("a service principal added") are said by the way, and so are the everyday words of the
    # endpoint tables' names in a write-up ("the network", "encrypted files").
    def shared(name: str, points: float, reason: str) -> Candidate | None:
        share = signin_share(name, question) * (prose if name in _ENDPOINT_TABLES else 1.0)
        return bump(name, points * share, reason)

    return shared


def _mentions(question: str, tables: dict[str, Table], bump: _Bump) -> set[str]:
    written = set(re.findall(r"[A-Za-z_]\w+", question))
    words = {w.lower() for w in written}
    words |= {w[:-1] for w in words if w.endswith("s")}
    named: set[str] = set()
    for name in tables:
        # A one-word name ("Event", "Usage") is also an English word: only its exact spelling
        # names the table; a compound name ("SigninLogs") is recognised in any case or plural.
        single = len(re.findall(r"[A-Z][a-z]+|[A-Z]+(?![a-z])|\d+", name)) < 2
        if (name in written or f"{name}s" in written) if single else (name.lower() in words):
            bump(name, _TABLE_MENTION, f"the question names {name}")
            named.add(name)
    return named


def _name_words(
    question: str, tables: dict[str, Table], vocabulary: Vocabulary, bump: _Bump
) -> None:
    said = normalise(question)
    asked = set(said)
    for name in tables:
        if vocabulary.says_name(name, said):
            bump(name, _SPELLED_WEIGHT, f"the question spells out {name}")
        weight, distinctive = vocabulary.name_match(name, asked)
        if distinctive:
            bump(name, _NAME_WEIGHT * weight, f"the question speaks of {name}'s data")
        columns = vocabulary.mentioned_columns(name, said)
        if columns:
            points = _MENTIONED_COLUMN_WEIGHT * min(2, len(columns))
            bump(name, points, f"it names {name} columns ({', '.join(columns[:3])})")


_CONTEXT_KINDS = frozenset({"cve", "technique"})
_ALL_CONCEPTS: Final = (
    CONCEPTS
    + POINTING
    + DIRECTORY_CONCEPTS
    + DEVICE_EVENT_CONCEPTS
    + CLOUD_CONCEPTS
    + HUNT_CONCEPTS
)


def _concepts(question: str, tables: dict[str, Table], platform: str, bump: _Bump) -> None:
    # The platform's usual table for a kind of data comes first ("alerts" on Sentinel are
    # SecurityAlert, "logons" in Defender are device logons).
    usual = set(FAMILY_TABLES[platform].values())
    for concept in _ALL_CONCEPTS:
        if not concept.pattern.search(question):
            continue
        present = [name for name in concept.predicates if name in tables]
        present.sort(key=lambda name: name not in usual)
        for rank, name in enumerate(present):
            points = concept.weight * (0.85**rank)
            # A qualifier without weight narrows a table chosen on other evidence only.
            reason = f"it asks for {concept.says}" if points else ""
            candidate = bump(name, points, reason)
            if candidate is not None:
                candidate.concepts.append(concept)


def _entities(
    entities: tuple[Entity, ...],
    tables: dict[str, Table],
    platform: str,
    bump: _Bump,
    damp: float,
) -> None:
    defaults = FAMILY_TABLES[platform]
    seen: set[str] = set()
    for entity in entities:
        kind = str(entity.kind)
        # Ten CVEs listed in a write-up point to vulnerability data no more than one does, and
        # in a long text a CVE or technique is often the background of a hunt, not its data.
        factor = 0.0 if kind in seen else (damp if kind in _CONTEXT_KINDS else 1.0)
        seen.add(kind)
        families = ENTITY_FAMILIES.get(kind, {})
        if kind == "user" and "\\" in entity.value:
            families = WINDOWS_ACCOUNT  # DOMAIN\\name is a Windows account
        for family, points in families.items():
            default = defaults.get(family)
            if default and factor:
                bump(
                    default,
                    points * factor,
                    f"a {kind.replace('_', ' ')} points to {family} events",
                )
        looked_up = column_kind(kind)
        for name, table in tables.items():
            if factor and column_for(table, looked_up):
                points = _COLUMN_WEIGHT * factor
                bump(name, points, f"{name} has a column for the {kind.replace('_', ' ')}")


def _keywords(question: str, tables: dict[str, Table], vocabulary: Vocabulary, bump: _Bump) -> None:
    text = question.lower()
    for name in tables:
        hits = [k for k, pattern in vocabulary.keywords.get(name, ()) if pattern.search(text)]
        if hits:
            bump(name, _KEYWORD_WEIGHT * min(3, len(hits)), f"it mentions {', '.join(hits[:3])}")


def _known_values(question: str, vocabulary: Vocabulary, bump: _Bump) -> None:
    lowered = question.lower()
    said: dict[str, float] = {}
    values: dict[str, list[str]] = {}
    for value, owners in vocabulary.rare_values:
        if value_pattern(value, whole=True).search(lowered):
            # One plain word ("Anonymous") may be said in passing; a compound value
            # ("unlikelyTravel") hardly is.
            compound = len(re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", value)) > 1
            for name in owners:
                said[name] = said.get(name, 0.0) + (1.0 if compound else _PLAIN_VALUE_SHARE)
                values.setdefault(name, []).append(value)
    for name, weight in said.items():
        points = _VALUE_WEIGHT * min(2.0, weight)
        bump(name, points, f"it says {', '.join(values[name][:2])}, values of {name}")
