"""Values said as a list share what is said before the list's first one: its role ("not from
a.com or b.com" are both senders), its negation and its "containing"."""

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
