"""Accounts said in a question: whether a word after "user", "account" or "run by" names one
rather than being prose, and when a DOMAIN\\name-shaped value is a registry key's part instead."""

from __future__ import annotations

import re
from typing import Final

from wingman.core.kql.nl.prose import PROSE, is_prose

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
_NAME_MARKS: Final = re.compile(r"[\d._$@\\-]")
_AFTER_USER_WORD: Final = re.compile(r"\b(?:users?|accounts?)\s*$", re.IGNORECASE)
_SINGULAR: Final = re.compile(r"(?:the\s+)?(?:user|account|username|upn|sam\w*)\b", re.IGNORECASE)
_BY_USER: Final = re.compile(r"\bby\s+(?:the\s+)?(?:user|account)\s*$", re.IGNORECASE)


def plausible_user(value: str, lead: str) -> bool:
    """Whether a word after "user", "account" or "run by" names an account rather than being
    prose ("users located in", "used by adversaries", "account deletion"): a name with the
    marks of one (digits, dots, underscores, dashes, $), a well-known account, or, after a
    singular "user"/"account", a plain lower-case word that reads as no English word."""
    lowered = value.lower()
    if lowered in PROSE:
        return False
    if _NAME_MARKS.search(value) or lowered in _WELL_KNOWN_ACCOUNTS:
        return True
    if value.isupper() and len(value) > 1 and _AFTER_USER_WORD.search(lead):
        return True  # "account SYSTEM", "user JDOE"
    if not (_SINGULAR.match(lead) or _BY_USER.search(lead)) or not value.islower():
        return False
    return not is_prose(lowered)


def account_before(text: str, start: int) -> bool:
    """Whether a quoted value at `start` is said as an account ("user 'sales'")."""
    return _USER_BEFORE_QUOTE.search(text, 0, start) is not None


_REGISTRY_CONTEXT: Final = re.compile(
    r"\b(?:registry|reg|keys?|subkeys?|hives?)\b[^.;]{0,30}$", re.IGNORECASE
)


def registry_context(text: str, start: int) -> bool:
    """Whether a DOMAIN\\name-shaped value at `start` is said of a registry key, so a key's
    part ("keys under 'Policies\\System'") and no account."""
    return _REGISTRY_CONTEXT.search(text, 0, start) is not None
