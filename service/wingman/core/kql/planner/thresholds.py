"""A threshold over a group: "IPs that failed to sign in to more than 5 accounts", "devices with
at least 20 failed logons", "users who signed in from multiple countries". The answer is one row
per group whose count (of events, or of distinct values of another kind) passes the bar."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from wingman.core.kql.planner.fields import GROUP_NOUNS

_NUMBERS: Final = {"two": 2, "three": 3, "four": 4, "five": 5, "ten": 10, "twenty": 20} | {
    "fifty": 50,
    "hundred": 100,
    "a hundred": 100,
}
_NUMBER = r"(?P<n>\d{1,6}|two|three|four|five|ten|twenty|fifty|a hundred|hundred)"
_COMPARE: Final = {
    "more than": ">",
    "over": ">",
    "greater than": ">",
    "above": ">",
    "exceeding": ">",
    "at least": ">=",
    "no fewer than": ">=",
    "no less than": ">=",
    "fewer than": "<",
    "less than": "<",
}
_BAR = re.compile(
    rf"\b(?P<op>{'|'.join(_COMPARE)})\s+{_NUMBER}\s+(?:distinct\s+|different\s+|unique\s+|"
    r"separate\s+)?(?P<noun>[a-z][a-z-]*)",
    re.IGNORECASE,
)
_MULTIPLE = re.compile(
    r"\bmultiple\s+(?:distinct\s+|different\s+|unique\s+|separate\s+)?"
    r"(?P<noun>[a-z][a-z-]*)",
    re.IGNORECASE,
)
# Nouns that count the events themselves ("more than 10 failed logons", "over 50 times").
_EVENT_WORDS = re.compile(
    r"^(?:times?|events?|attempts?|failures?|failed|successful|logons?|log-?ins?|sign-?ins?|"
    r"connections?|requests?|queries|executions?|runs?|emails?|e-mails?|messages?|alerts?|"
    r"downloads?|uploads?|deletions?|changes?|errors?|denials?|blocks?|lookups?|"
    r"occurrences?|hits?|calls?|operations?|activities|actions?)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Threshold:
    operator: str  # a KQL comparison
    value: int
    # A GROUP_NOUNS kind whose distinct values are counted; "" counts the events.
    counted: str
    said: str


def threshold(question: str) -> Threshold | None:
    """The bar a group's count must pass, when the question sets one."""
    match = _BAR.search(question)
    if match:
        number = match["n"].lower()
        value = int(number) if number.isdigit() else _NUMBERS[number]
        operator = _COMPARE[" ".join(match["op"].lower().split())]
    else:
        match = _MULTIPLE.search(question)
        if match is None:
            return None
        value, operator = 1, ">"
    noun = match["noun"].lower()
    if _EVENT_WORDS.match(noun):
        return Threshold(operator, value, "", match.group(0))
    kind = GROUP_NOUNS.get(noun)
    if kind is None:
        return None
    return Threshold(operator, value, kind, match.group(0))
