"""Texts written as documentation speak of themselves ("this query detects", "alert when", "see
...", a citation link): such meta-language is blanked before the words choose a table, and a
value inside a citation is no value to hunt for.

Blanking keeps every offset, so the spans of entities found in the original text still apply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from wingman.core.kql.nl.entities import Entity, EntityKind

# A question this long is a write-up rather than something typed into a search box.
_LONG_TEXT_WORDS = 30
# Fewer words than this beside a link: the text is the link (a bare citation).
_BARE_LINK_WORDS = 3

_URL = r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s\"'<>`]+"
_SENTENCE_END = r"(?:[.!?](?=\s|$)|$|\n)"
_SELF = (
    r"(?:this|the|that|our|these|following|below|above|next|same)\s+"
    r"(?:(?:kql|hunting|advanced hunting|sentinel|defender|custom|detection|analytics?|"
    r"following|example|specific|threat hunting|simple|first|second|third|last|last|other|"
    r"main|base)\s+){0,3}"
    r"(?:quer(?:y|ies)|rules?|detections?|functions?|searche?s?|hunts?|logics?|analytics?|"
    r"examples?|kql|notebooks?|workbooks?|parsers?)\b(?:\s+(?:below|above|here))?"
)
# Meta-language: how the text describes itself or how it is to be used.
_META: Final[tuple[str, ...]] = (
    _SELF,
    r"\bquer(?:y|ies)\s+(?:below|above)\b",
    r"\b(?:advanced hunting|kql)\s+quer(?:y|ies)\b",
    r"\bmicro?s?o?ft\s+sentinel\s+quer(?:y|ies)\b|\bmicrsoft sentinel query\b",
    r"\bmicrosft sentinel query\b",
    r"\b(?:custom|scheduled|nrt)\s+(?:detections?|rules?|analytics?)\b",
    r"\bdetection\s+(?:rules?|opportunit(?:y|ies)|logic|engineering|lifecycle)\b",
    r"\b(?:behaviou?ral|anomaly|pattern|signature)[- ]based\s+detections?\b",
    r"\b(?:behaviou?ral|built-in|existing|other)\s+detections?\b",
    r"\bdetections?\s+(?:for|of)\b(?=\s+\w)",
    r"\bthis detection\b|\bdetections? (?:is|are) based\b",
    # "Alert when a user ...", "alert on", "should alert", "an alert will be generated".
    r"(?:^|(?<=[.!?:]\s)|(?<=\n))alert\s+(?:when|on|if|whenever|for|after)\b",
    r"\b(?:will|would|should|to|can|could|may|then|and)\s+(?:be\s+)?alert(?:ed)?\b",
    r"\b(?:an?|the|no)\s+alerts?\s+(?:will|would|should|is|are|may|can)\s+(?:be\s+)?"
    r"(?:generated|raised|triggered|created|fired)\b",
    r"\b(?:trigger|generate|raise|create)s?\s+an?\s+alert\b",
    r"\balert\s+threshold\b|\bthreshold\s+(?:to|of|for)\s+alert\b",
    r"\bto\s+alert\s+on\b",
    r"\b(?:false|true)\s+positives?\b",
    # How results are shown: "create a pivot table", "build a weekly summary".
    r"\b(?:create|build|make|render|produce)s?\s+an?\s+(?:(?:daily|weekly|monthly|simple)\s+)?"
    r"(?:pivot\s+table|summary|list|visuali[sz]ation|(?:time)?chart|report|table|overview)\b",
    r"\bmitre\s+att&?ck\b|\batt&ck\b",
    r"\bquestions?\s+via\s+twitter\b|\bon\s+twitter\b|\bfor\s+questions\b",
    r"\bvia\s+e-?mail\b|\bby\s+e-?mail\b(?=\s*$)",
)
# Citations: a reference, its link, its author; blanked to the end of their sentence.
_CITATIONS: Final[tuple[str, ...]] = (
    r"(?:^|(?<=[.!?]\s)|(?<=\n))see\b[^.!?\n]*" + _SENTENCE_END,
    r"\bsee also\b[^.!?\n]*" + _SENTENCE_END,
    r"\b(?:for more information|for more info|for more details|more information|"
    r"further reading|read more|to read more|more queries related)\b[^.!?:\n]*"
    r"(?::|" + _SENTENCE_END + ")",
    r"\b(?:original\s+)?sigma\s+rule\s*:",
    r"\b(?:references?|sources?|credits?|authors?|blog\s*posts?|feed\s+link|feed information|"
    r"publish(?:ed)? date|contributed by|written by|created by)\s*:[^\n]*?(?=" + _URL + r"|$|\n)",
    r"\b(?:inspired|insprired)\s+(?:by|from)\b[^.!?\n]*" + _SENTENCE_END,
    r"\b(?:query|rule|detection|logic|code|it|this|is|was)\s+(?:(?:is|was)\s+)?"
    r"(?:adapted|modified|taken|derived|borrowed|ported)\s+from\b[^.!?\n]*" + _SENTENCE_END,
    r"\b(?:special\s+)?thanks\s+to\b[^.!?\n]*" + _SENTENCE_END,
    r"(?<![\w.])@\w{2,}",
)
_META_RE = re.compile("|".join(f"(?:{p})" for p in _META), re.IGNORECASE)
# In a write-up, "detection" is how the text speaks of security work ("evade detection"),
# unless alerts are named as data, and so is an incident in prose ("high-profile incidents").
_DOC_META_RE = re.compile(
    r"\b(?<!antivirus )(?<!av )(?<!malware )(?<!amsi )detections?\b"
    r"(?!\s+(?:events?|alerts?|logs?))|"
    r"\b(?:high-profile|several|many|numerous|real[- ]world|major|an|to an?)\s+incidents?\b|"
    r"\bincidents?\s+(?:investigations?|response|responders?|handling|triage)\b",
    re.IGNORECASE,
)
_CITATION_RE = re.compile("|".join(f"(?:{p})" for p in _CITATIONS), re.IGNORECASE)
_URL_RE = re.compile(_URL, re.IGNORECASE)
_SELF_RE = re.compile(_SELF + r"|\buse this\b", re.IGNORECASE)
_SENTENCE_RE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
_WORD_RE = re.compile(r"[A-Za-z]{2,}")
# A Sigma rule's path says which kind of log it reads; most rules read process creation.
_SIGMA_RE = re.compile(r"\bsigma\b[^\s]*|/sigma/\S*", re.IGNORECASE)
_SIGMA_FAMILIES: Final[tuple[tuple[str, str], ...]] = (
    ("network_connection", "network"),
    ("dns", "dns"),
    ("registry", "registry"),
    ("file_event", "file"),
    ("image_load", "image_load"),
    ("process_creation", "process"),
)
# An account is written like one: with a domain, an @, a dot, a digit or a dollar.
_ACCOUNT_LIKE = re.compile(r"[\\@._$\d]")
# "Mail.Read", "System.Management.Automation": a dotted name of capitalised words is a
# permission or a namespace in a write-up, not a host.
_DOTTED_NAME = re.compile(r"[A-Z][a-z]+(?:\.[A-Z][A-Za-z]+)+")
_INTRODUCED = re.compile(r"(?:named|called|name|upn|[:=])\s*[\"'`]?\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Reading:
    """A text as the planner reads it: its content with meta-language blanked, and where its
    citations are."""

    text: str
    content: str
    citations: tuple[tuple[int, int], ...]
    documentation: bool
    # The spans of the sentences that say what the query does ("The following query finds
    # ..."); none when no sentence speaks of the query.
    focus: tuple[tuple[int, int], ...] = ()

    @property
    def only_citations(self) -> bool:
        """Whether nothing but citations and meta-language is left ("Original Sigma Rule: ...")."""
        return bool(self.citations) and not _WORD_RE.search(self.content)

    def cited_family(self) -> str | None:
        """The kind of data a cited Sigma rule reads ("process" unless its path says other)."""
        cited = " ".join(self.text[start:end] for start, end in self.citations).lower()
        if not _SIGMA_RE.search(cited):
            return None
        return next((family for marker, family in _SIGMA_FAMILIES if marker in cited), "process")


@lru_cache(maxsize=1024)
def read(text: str) -> Reading:
    """The text with its meta-language and citations blanked, offsets kept."""
    cited = [m.span() for m in _CITATION_RE.finditer(text) if m.end() > m.start()]
    blanked = _blank(text, cited)
    meta = [m.span() for m in _META_RE.finditer(blanked) if m.end() > m.start()]
    links = [m.span() for m in _URL_RE.finditer(blanked)]
    rest = _blank(blanked, meta + links)
    # A link is a citation in a write-up, or when it is all the text says; in a question
    # ("connections to http://...") it is the value hunted for.
    documentation = bool(cited or meta) or len(text.split()) > _LONG_TEXT_WORDS
    if documentation:
        meta += [m.span() for m in _DOC_META_RE.finditer(blanked)]
    if links and (documentation or len(_WORD_RE.findall(rest)) < _BARE_LINK_WORDS):
        documentation = True
        cited += links
        content = rest
    else:
        content = _blank(blanked, meta)
    focus = _focus(blanked) if documentation else ()
    return Reading(text, content, tuple(sorted(cited)), documentation, focus)


def _focus(blanked: str) -> tuple[tuple[int, int], ...]:
    """The spans of the sentences that speak of the query itself."""
    return tuple(m.span() for m in _SENTENCE_RE.finditer(blanked) if _SELF_RE.search(m.group()))


def focus_text(reading: Reading, said: str) -> str:
    """The words of `said` (the text, as blanked by the caller) in the focus sentences."""
    return " ".join(said[start:end] for start, end in reading.focus)


def _blank(text: str, spans: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def in_citation(reading: Reading, entity: Entity) -> bool:
    """Whether a value is part of a citation (the link of a reference is no indicator)."""
    start, end = entity.span
    return any(s <= start and end <= e for s, e in reading.citations)


def hunted(reading: Reading, entities: tuple[Entity, ...]) -> tuple[Entity, ...]:
    """The entities a documentation text hunts for: none from its citations, and no prose word
    read as an account name ("by other groups", "user email")."""
    if not reading.documentation:
        return entities
    kept = []
    for entity in entities:
        if in_citation(reading, entity):
            continue
        if entity.kind is EntityKind.USER and not _account_like(reading.text, entity):
            continue
        if entity.kind is EntityKind.DOMAIN and _DOTTED_NAME.fullmatch(entity.value):
            continue
        kept.append(entity)
    return tuple(kept)


def _account_like(text: str, entity: Entity) -> bool:
    start = entity.span[0]
    quoted = start > 0 and text[start - 1] in "\"'`"
    return bool(
        quoted or _ACCOUNT_LIKE.search(entity.value) or _INTRODUCED.search(text[:start][-20:])
    )


def has_url(text: str) -> bool:
    """Whether the text holds a link at all."""
    return _URL_RE.search(text) is not None
