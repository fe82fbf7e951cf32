"""Whether a word said after "user", "account" or "run by" names an account, not prose."""

from __future__ import annotations

import re
from typing import Final

# A quoted account: "user 'sales'", "users containing \"Maria Lopez\"", "user: \"sales\"".
_USER_BEFORE_QUOTE: Final = re.compile(
    r"\b(?:users?|accounts?|usernames?)\s*(?:(?:named|called|containing|contains|like|matching|"
    r"whose\s+name\s+(?:is|contains))\s*)?[:=]?\s*$",
    re.IGNORECASE,
)
# Accounts every directory has, said by name as often as any.
_WELL_KNOWN_ACCOUNTS: Final = frozenset(
    {"system", "administrator", "admin", "root", "guest", "krbtgt", "localsystem", "sa"}
)
# Words that follow "user"/"by" in prose and are no account: "used by adversaries".
_PROSE: Final = frozenset(
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
    }
)  # fmt: skip
_PROSE_ENDINGS: Final = ("ing", "ed", "ly", "tion", "sion", "ment", "ness", "ies", "ous", "able")
# A plural ("lists", "flags") is no account name; "ss" ends a word ("boss") as often.
_PLURAL: Final = re.compile(r"^\w{3,}[^s]s$")


def plausible_user(value: str, lead: str) -> bool:
    """Whether a word after "user", "account" or "run by" names an account rather than being
    prose ("users located in", "used by adversaries", "account deletion"): a name with the
    marks of one (digits, dots, underscores, dashes, $), a well-known account, or, after a
    singular "user"/"account", a plain lower-case word that reads as no English word."""
    lowered = value.lower()
    if lowered in _PROSE:
        return False
    if re.search(r"[\d._$@\\-]", value) or lowered in _WELL_KNOWN_ACCOUNTS:
        return True
    if value.isupper() and len(value) > 1 and re.search(r"\b(?:users?|accounts?)\s*$", lead, re.I):
        return True  # "account SYSTEM", "user JDOE"
    singular = re.match(r"(?:the\s+)?(?:user|account|username|upn|sam\w*)\b", lead, re.I)
    by_user = re.search(r"\bby\s+(?:the\s+)?(?:user|account)\s*$", lead, re.I)
    if not (singular or by_user) or not value.islower():
        return False
    return not lowered.endswith(_PROSE_ENDINGS) and _PLURAL.match(lowered) is None


def account_before(text: str, start: int) -> bool:
    """Whether a quoted value at `start` is said as an account ("user 'sales'")."""
    return _USER_BEFORE_QUOTE.search(text, 0, start) is not None
