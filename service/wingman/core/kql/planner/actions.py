"""The action a question says, as the known values of a table's action column ("registry
deletions" is RegistryKeyDeleted and RegistryValueDeleted, "inbound connections"
InboundConnectionAccepted)."""

from __future__ import annotations

import re
from typing import Final

from wingman.core.kql.catalog import Table

# Words an ActionType value may leave unsaid when the rest of it is said.
_IMPLIED: Final = frozenset({"key", "value"})
# "Changes" to a thing are any of the verbs that change it.
_CHANGES: Final = frozenset({"chang", "modif", "updat", "alter"})
_CHANGE_VERBS: Final = frozenset(
    {"put", "set", "updat", "delet", "creat", "attac", "detac", "add", "remov", "new", "modif"}
)

# A file's copy is a new file; a move (and a rename) changes a file's name.
_SYNONYMS: Final = {"copi": "creat", "copy": "creat", "mov": "renam"}
_WORD: Final = re.compile(r"[a-z]+")
_PART: Final = re.compile(r"[A-Z][a-z]+|[a-z]+")
_CAPITALISED: Final = re.compile(r"[A-Z][a-z]+")


def action_types(table: Table, column: str, question: str) -> list[str]:
    """The ActionType values the question says: every word ("logon failed"), or the action
    with only the table's own words or "key"/"value" left unsaid ("registry deletions" is
    RegistryKeyDeleted and RegistryValueDeleted, "connection failures" ConnectionFailed)."""
    said_in_order = [_stem(w) for w in _WORD.findall(question.lower())]
    said = set(said_in_order)
    copied = {_SYNONYMS[w] for w in said if w in _SYNONYMS}
    implied = {_stem(w.lower()) for w in _CAPITALISED.findall(table.name)} | {
        _stem(w) for w in _IMPLIED
    }
    if said & _CHANGES:
        implied |= _CHANGE_VERBS  # "bucket policy changes": PutBucketPolicy, DeleteBucketPolicy
    best: list[str] = []
    best_said = 1
    for value in table.values.get(column, ()):
        parts = [_stem(p.lower()) for p in _PART.findall(value)]
        asked = said | copied if _stem("file") in parts else said
        said_count = sum(p in asked for p in parts)
        if len(parts) < 2 or parts[-1] not in asked:
            continue
        if not all(p in asked or p in implied for p in parts) or said_count < best_said:
            continue
        if said_count > best_said:
            best, best_said = [], said_count
        best.append(value)
    return best or _begun(table.values.get(column, ()), said_in_order)


def _begun(values: tuple[str, ...], said: list[str]) -> list[str]:
    """The one value whose first two or more words the question says in order, the rest left
    unsaid ("inbound connections" for InboundConnectionAccepted)."""
    found: dict[int, list[str]] = {}
    for value in values:
        parts = [_stem(p.lower()) for p in _PART.findall(value)]
        for k in range(len(parts) - 1, 1, -1):
            if any(said[i : i + k] == parts[:k] for i in range(len(said) - k + 1)):
                found.setdefault(k, []).append(value)
                break
    longest = found[max(found)] if found else []
    return longest if len(longest) == 1 else []


def _stem(word: str) -> str:
    """A word's first letters without its ending: "created", "creates" and "Create" agree,
    so do "failures" and "Failed"."""
    for ending in ("ures", "ure", "ing", "ed", "es", "s", "e", "d"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            break
    return word[:5]
