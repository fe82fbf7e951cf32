"""Behaviour rules: declarative data plus one matcher, run over every layer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from wingman.core.models import Severity
from wingman.core.scripts.safe_regex import compile_pattern, finditer
from wingman.core.scripts.types import Lang, Layer, Span

MAX_EVIDENCE = 3


@dataclass(frozen=True, slots=True)
class Rule:
    """A behaviour: stable id, title, severity, ATT&CK ids and the patterns that show it.

    The rule fires when any pattern of `any_of` matches a layer in one of `languages` (None: all),
    and, when `all_of` is given, every one of those patterns matches the same layer too.
    `weight` is the rule's contribution to the maliciousness score (0-100 scale, see verdict).
    """

    id: str
    title: str
    severity: Severity
    attack: tuple[str, ...]
    any_of: tuple[str, ...]
    all_of: tuple[str, ...] = ()
    languages: frozenset[Lang] | None = None
    weight: int = 10
    tags: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule that fired, with up to MAX_EVIDENCE spans of evidence."""

    rule: Rule
    spans: tuple[Span, ...]


def match_rules(rules: Sequence[Rule], layers: Iterable[Layer]) -> list[Hit]:
    """Run every rule over every layer; a rule is reported once with its first evidence."""
    spans: dict[str, list[Span]] = {}
    for layer in layers:
        for rule in rules:
            if rule.languages is not None and layer.language not in rule.languages:
                continue
            if len(spans.get(rule.id, ())) >= MAX_EVIDENCE:
                continue
            found = _match(rule, layer)
            if found:
                spans.setdefault(rule.id, []).extend(
                    found[: MAX_EVIDENCE - len(spans.get(rule.id, ()))]
                )
    by_id = {rule.id: rule for rule in rules}
    return [Hit(by_id[rule_id], tuple(found)) for rule_id, found in spans.items()]


def _match(rule: Rule, layer: Layer) -> list[Span]:
    for pattern in rule.all_of:
        if next(finditer(compile_pattern(pattern), layer.content), None) is None:
            return []
    found: list[Span] = []
    for pattern in rule.any_of:
        for match in finditer(compile_pattern(pattern), layer.content):
            found.append(Span(layer.index, match.start(), match.end()))
            if len(found) >= MAX_EVIDENCE:
                return found
    return found
