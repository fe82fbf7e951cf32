"""What shape of answer a question wants: rows, a count, a top N, distinct values, first or last
seen, or a timeline; and what it groups by."""

from __future__ import annotations

import re
from dataclasses import dataclass

from wingman.core.kql.planner.fields import GROUP_NOUNS
from wingman.core.kql.planner.thresholds import Threshold, threshold

_WORDS = {"ten": 10, "five": 5, "three": 3, "twenty": 20, "fifty": 50, "hundred": 100}
_TOP = re.compile(
    r"\btop\s+(\d{1,4}|ten|five|three|twenty|fifty)\b|\b(most|least)\s+(common|frequent|active|"
    r"targeted|seen|used|popular)\b|\bhighest\b|\bmost\b|\brank(ed|ing)?\b",
    re.IGNORECASE,
)
_COUNT = re.compile(
    r"\bhow many\b|\bcount(s|ed)?\b|\bnumber of\b|\btotal\b|\bhow often\b|\bvolume\b",
    re.IGNORECASE,
)
_FIRST = re.compile(r"\bfirst (seen|time|appear|observ|occurr)|\bearliest\b|\bfirst\b", re.I)
_LAST = re.compile(
    r"\blast (seen|time|active|logged|logon|sign)|\bmost recent(ly)?\b|\blatest\b|\blast\b", re.I
)
_TIMELINE = re.compile(
    r"\b(per|by|each|every)\s+(hour|day|minute|week)\b|\bhourly\b|\bdaily\b|\btimeline\b|"
    r"\bover time\b|\btrend\b|\btime ?chart\b|\bchart\b|\bhistogram\b",
    re.IGNORECASE,
)
_DISTINCT = re.compile(
    r"\b(which|what|list (the |all )?(unique|distinct)?|unique|distinct|show (the |all )?)\s+"
    r"(?P<noun>\w+)\b",
    re.IGNORECASE,
)
_BY = re.compile(r"\b(?:by|per|for each|grouped by|broken down by)\s+(\w+)", re.IGNORECASE)
# "show 9 file events", "first 10000 rows": a number of rows asked for (not "last 7 days").
_ROWS = re.compile(
    r"\b(?:show|get|display|list|return|give me|fetch|first|last|latest|sample)\s+(?:me\s+)?"
    r"(?:the\s+)?(?:first\s+|last\s+|latest\s+|most recent\s+)?(\d{1,5})\b"
    r"(?!\s*(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|[mhdw]\b))",
    re.IGNORECASE,
)
MAX_ASKED_ROWS = 10_000
_BINS = {"minute": "1m", "hour": "1h", "day": "1d", "week": "7d"}


@dataclass(frozen=True, slots=True)
class Intent:
    kind: str  # list | count | top | distinct | first_seen | last_seen | timeline | threshold
    top: int = 0
    group: str = ""  # a GROUP_NOUNS kind, "" for none
    bin: str = ""
    bar: Threshold | None = None


def detect(question: str) -> Intent:
    """Read the answer's shape off the question's wording."""
    group = _group(question)
    timeline = _TIMELINE.search(question)
    if timeline:
        unit = (timeline.group(2) or "").lower()
        step = _BINS.get(unit) or ("1d" if re.search(r"daily|day", question, re.I) else "1h")
        return Intent("timeline", group=group, bin=step)
    top = _TOP.search(question)
    if top:
        raw = (top.group(1) or "10").lower()
        return Intent("top", top=int(raw) if raw.isdigit() else _WORDS.get(raw, 10), group=group)
    bar = threshold(question)
    if bar is not None:
        # The groups are the first kind of thing named that is not the one counted.
        groups = _first_noun(question, skip=bar.counted)
        if groups:
            return Intent("threshold", group=groups, bar=bar)
    if _FIRST.search(question):
        return Intent("first_seen", group=group)
    if _LAST.search(question) and re.search(
        r"\b(when|last seen|last time|latest)\b", question, re.I
    ):
        return Intent("last_seen", group=group)
    if _COUNT.search(question):
        return Intent("count", group=_by_group(question))
    distinct = _DISTINCT.search(question)
    noun = GROUP_NOUNS.get(distinct.group("noun").lower()) if distinct else None
    if noun:
        return Intent("distinct", group=noun)
    return Intent("list", group=group)


def asked_rows(question: str) -> int | None:
    """The number of rows the question asks for, when it names one."""
    match = _ROWS.search(question)
    if match is None:
        return None
    return min(MAX_ASKED_ROWS, max(1, int(match.group(1))))


def _by_group(question: str) -> str:
    for match in _BY.finditer(question):
        kind = GROUP_NOUNS.get(match.group(1).lower())
        if kind:
            return kind
    return ""


def _group(question: str) -> str:
    """The noun the answer is about: "by user", "which devices", "top 10 domains"."""
    return _by_group(question) or _first_noun(question)


def _first_noun(question: str, *, skip: str = "") -> str:
    """The kind of the first group noun of the question, passing over `skip`."""
    for word in re.findall(r"[A-Za-z]+", question):
        kind = GROUP_NOUNS.get(word.lower())
        if kind and kind != skip:
            return kind
    return ""
