"""The grounding check: every indicator and time a summary states must come from the input.

It runs on every response, whoever wrote the prose. Indicators (IPs, domains, URLs, e-mail
addresses, hashes) are found in the output with the same extractor AnalyzeScript uses and
looked up among the values the input holds; times must be times the input states.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pydantic import JsonValue

from wingman.core.incidents.formats.fields import json_strings, timestamp
from wingman.core.incidents.model import SourceIncident
from wingman.core.models import SummarizeIncidentResponse
from wingman.core.scripts.iocs import extract_iocs

_TIME = re.compile(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\b")
_CHECKED = frozenset({"ipv4", "ipv6", "domain", "url", "email", "md5", "sha1", "sha256"})


@dataclass(slots=True)
class Ground:
    """What the input states: its values (for a quick lookup) and all of its text."""

    document: JsonValue
    values: set[str]
    times: set[str]
    enrichment: set[str] = field(default_factory=set)
    _haystack: str | None = None

    def holds(self, value: str) -> bool:
        folded = value.casefold()
        if folded in self.values or folded in self.enrichment:
            return True
        if self._haystack is None:
            self._haystack = "\n".join(_strings(self.document)).casefold()
        return folded in self._haystack


def ground_of(document: JsonValue, source: SourceIncident) -> Ground:
    """The ground truth of one request: the document and what the adapter read from it."""
    values: set[str] = set()
    for entity in source.entities.values():
        for value in (entity.value, *entity.attributes.values()):
            values.update(_parts(value.casefold()))
    times = {
        t
        for alert in source.alerts
        for t in (alert.first_activity, alert.last_activity, alert.created)
        if t
    }
    times.update(t for t in (source.created, source.first_activity, source.last_activity) if t)
    return Ground(document, values, times)


def ungrounded(text: str, ground: Ground) -> list[str]:
    """The indicators and times in `text` that the input does not state."""
    problems = [
        f"{found.type.value} {found.value}"
        for found in extract_iocs(text)
        if found.type.value in _CHECKED and not ground.holds(found.value)
    ]
    problems += [f"time {t}" for t in _TIME.findall(text) if t not in ground.times]
    return problems


def _parts(value: str) -> Iterator[str]:
    """A value and the names inside it: a URL's host, an address's domain."""
    yield value
    if "://" in value:
        try:
            host = urlsplit(value).hostname
        except ValueError:  # a malformed port or bracket in hostile input
            host = None
        if host:
            yield host
    elif "@" in value:
        yield value.rsplit("@", 1)[1]


def _strings(value: JsonValue) -> Iterator[str]:
    """Every string and number of the input, and the canonical form of each time it writes."""
    for text in json_strings(value, numbers=True):
        yield text
        stamp = timestamp(text)
        if stamp:
            yield stamp


def grounded_texts(texts: Iterable[str], ground: Ground) -> list[str]:
    """Every problem across several texts, each named once."""
    return list(dict.fromkeys(p for text in texts for p in ungrounded(text, ground)))


def check_answer(answer: SummarizeIncidentResponse, ground: Ground) -> list[str]:
    """Every entity, indicator and time of a whole answer that the input does not state.

    The summary's sentences are checked one by one as they are written; this looks at the rest:
    entity values, timeline steps and times, the entry point and the recommendations' targets.
    """
    problems = [f"entity {e.value}" for e in answer.entities if not ground.holds(e.value)]
    problems += [f"time {s.time}" for s in answer.timeline if s.time and s.time not in ground.times]
    texts = [step.text for step in answer.timeline]
    if answer.entry_point is not None:
        texts += [answer.entry_point.value, answer.entry_point.rationale]
    texts += [r.target.value for r in answer.recommendations]
    problems += grounded_texts(texts, ground)
    return list(dict.fromkeys(problems))
