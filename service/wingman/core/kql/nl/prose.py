"""Plain English words, which a question says around its values but which are no value."""

from __future__ import annotations

import re
from typing import Final

# Words said around values that are none: "used by adversaries", "the tactics observed in".
PROSE: Final = frozenset(
    {
      "via", "use", "using", "per", "not", "can", "must", "your", "most", "many", "out",
      "into", "within", "first", "last", "able", "being", "password", "passwords", "identity",
      "lookup", "query", "delete", "combination", "malware", "ransomware", "attackers",
      "adversaries", "adversary", "attacker", "threat", "actor", "actors", "default", "other",
      "others", "themselves", "itself", "him", "her", "them", "they", "he", "she", "we", "you",
      "me", "us", "our", "their", "his", "some", "such", "same", "only", "also", "may", "might",
      "should", "will", "would", "could", "then", "than", "there", "here", "who", "whom",
      "activity", "activities", "behavior", "behaviour", "information", "info", "details",
      "data", "level", "role", "roles", "group", "groups", "mailbox", "object", "objects",
      "creation", "deletion", "enumeration", "principal", "principals", "context", "rights",
      "privileges", "permissions", "access", "accessed", "account", "accounts", "entity",
      "count", "counts", "name", "id", "ids", "list", "lists", "type", "types", "status",
      "seen", "among", "column", "columns", "field", "fields", "table", "tables", "event",
      "events", "log", "logs", "record", "records", "entry", "entries", "value", "values",
      "a", "an", "the", "this", "that", "these", "those", "be", "been", "were", "was", "is",
      "are", "has", "have", "had", "do", "does", "did", "done", "it", "its", "all", "any",
      "each", "every", "both", "either", "what", "which", "when", "where", "why", "how", "if",
      "so", "very", "just", "even", "more", "less", "made", "make", "get", "got", "found",
      "about", "after", "before", "since", "until", "between", "against", "around", "near",
      "upon", "through", "toward", "towards", "behind", "beyond", "onto", "across", "during",
    }
)  # fmt: skip
_PROSE_ENDINGS: Final = ("ing", "ed", "ly", "tion", "sion", "ment", "ness", "ies", "ous", "able")
# A plural ("lists", "flags") is no account name; "ss" ends a word ("boss") as often.
_PLURAL: Final = re.compile(r"^\w{3,}[^s]s$")


def is_prose(word: str) -> bool:
    """Whether a plain word reads as English prose rather than a name or a value: a common
    word, or a lower-case one with an English ending ("-ing", "-tion", "-ed") or a plural."""
    if not word.isalpha() or word.lower() in PROSE:
        return word.isalpha()
    return word.islower() and (word.endswith(_PROSE_ENDINGS) or _PLURAL.match(word) is not None)
