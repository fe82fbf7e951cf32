"""What is said right before a value: for a list, what its first value shares with the rest
(its role: "not from a.com or b.com" are both senders; its negation; its "containing"), and
whether a link cites a source."""

from __future__ import annotations

import re
from typing import Final

from wingman.core.kql.nl.entities import Entity
from wingman.core.kql.planner.fields import column_kind

# Between two values of one list: commas, stray quotes, "and"/"or"/"nor".
_LIST_GAP: Final = re.compile(
    r"[\s'\"]*(?:,[\s'\"]*(?:(?:and|or|nor)\b[\s'\"]*)?|(?:and|or|nor)\b[\s'\"]*)",
    re.IGNORECASE,
)
_NEGATION: Final = re.compile(
    r"\b(?:not|excluding|exclude|except(?:\s+for)?|other\s+than|but\s+not|apart\s+from|"
    r"aside\s+from|never|without|isn't|aren't|doesn't|don't)\s+"
    r"(?:(?:from|to|by|in|on|at|the|a|an|any|of|named|called|equal\s+to|containing|including|"
    r"like|matching|sent|received|delivered|made|run|launched)\s+){0,3}[\"'`]?$",
    re.IGNORECASE,
)
_CONTAINING: Final = re.compile(
    r"\b(?:containing|contains|contain|including|includes|include|like|matching)\s+[\"'`]?$",
    re.IGNORECASE,
)
_WINDOW: Final = 60
# A link to where a hunt comes from: "Source: https://...", "see https://...", "feeds in https://".
_CITED: Final = re.compile(
    r"(?:\b[A-Za-z]+\s*:|\b(?:see|in|available\s+(?:here|at)|read\s+more(?:\s+at)?))\s*[(\[]?$",
    re.IGNORECASE,
)


def list_heads(question: str, entities: tuple[Entity, ...]) -> list[Entity]:
    """For each entity, the first value of the list it is in (itself when in none)."""
    heads: list[Entity] = []
    for i, entity in enumerate(entities):
        head = entity
        if i:
            previous = entities[i - 1]
            gap = question[previous.span[1] : entity.span[0]]
            alike = column_kind(str(previous.kind)) == column_kind(str(entity.kind))
            if alike and _LIST_GAP.fullmatch(gap):
                head = heads[i - 1]
        heads.append(head)
    return heads


def negated_before(question: str, start: int) -> bool:
    """Whether the words right before a value negate it ("excluding", "not from", "other than")."""
    return _NEGATION.search(question, max(0, start - _WINDOW), start) is not None


def containing_before(question: str, start: int) -> bool:
    """Whether the value is said as a part ("users containing 'lopez'")."""
    return _CONTAINING.search(question, max(0, start - _WINDOW), start) is not None


def cited(question: str, start: int) -> bool:
    """Whether a link at `start` cites a source ("Original rule: https://...") rather than
    naming what to look for."""
    return _CITED.search(question, max(0, start - _WINDOW), start) is not None
