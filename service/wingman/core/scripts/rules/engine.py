"""Behaviour rules: declarative data plus one matcher, run over every layer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import ahocorasick

from wingman.core.models import Severity
from wingman.core.scripts.rules.literals import Strings, reach, required_all
from wingman.core.scripts.rules.windows import Occurrences, Plan, matches
from wingman.core.scripts.safe_regex import compile_pattern
from wingman.core.scripts.types import Budget, BudgetExceeded, Lang, Layer, Span

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


Conjunction = tuple[Strings, ...]


@dataclass(frozen=True, slots=True)
class _Gate:
    """Literals a layer must contain before a rule's patterns are worth running (see literals).

    A pattern's requirements form a conjunction: a match contains one string of each set. The
    rule can fire only if some `any_of` pattern's conjunction holds (None: unknown, always
    open) and every `all_of` pattern's does.
    """

    any_of: tuple[Conjunction, ...] | None
    all_of: Conjunction

    def open(self, present: set[str]) -> bool:
        if any(need.isdisjoint(present) for need in self.all_of):
            return False
        if self.any_of is None:
            return True
        return any(_holds(conjunction, present) for conjunction in self.any_of)


def _holds(conjunction: Conjunction, present: set[str]) -> bool:
    return all(not need.isdisjoint(present) for need in conjunction)


@dataclass(frozen=True, slots=True)
class Matched:
    """The hits of a scan, and why it stopped early when it did."""

    hits: list[Hit]
    stopped: str | None = None


@dataclass(frozen=True, slots=True)
class _Compiled:
    rule: Rule
    gate: _Gate
    any_of: tuple[Plan, ...]
    all_of: tuple[Plan, ...]


class RuleSet:
    """Rules compiled for matching: one Aho-Corasick pass per layer finds which rules can fire.

    Most rules cannot match most layers; their regular expressions are skipped when the layer
    lacks every literal a match would contain, so the cost of a layer grows with the rules that
    might fire rather than with the size of the catalog.
    """

    def __init__(self, rules: Sequence[Rule], *, prefilter: bool = True) -> None:
        self.rules = tuple(rules)
        # Without the prefilter every pattern runs on every layer (tests of the patterns' cost).
        self._compiled = tuple(
            _Compiled(
                rule,
                _gate(rule) if prefilter else _OPEN,
                tuple(_plan(pattern, prefilter) for pattern in rule.any_of),
                tuple(_plan(pattern, prefilter) for pattern in rule.all_of),
            )
            for rule in self.rules
        )
        # Which rules each literal can open, so a layer only evaluates the gates it may open.
        self._ungated: set[int] = set()
        self._by_literal: dict[str, set[int]] = {}
        for position, item in enumerate(self._compiled):
            triggers = _triggers(item.gate)
            if triggers is None:
                self._ungated.add(position)
            for text in triggers or ():
                self._by_literal.setdefault(text, set()).add(position)
        # Every literal a gate or a pattern's windows need: windows are only as complete as the
        # occurrences found, so a pattern's own requirements are searched for even when its
        # rule is ungated.
        literals = {
            text
            for item in self._compiled
            for conjunction in (
                *(item.gate.any_of or ()),
                item.gate.all_of,
                *(plan.needs for plan in (*item.any_of, *item.all_of)),
            )
            for group in conjunction
            for text in group
        }
        self._automaton: ahocorasick.Automaton | None = None
        if literals:
            self._automaton = ahocorasick.Automaton()
            for text in literals:
                self._automaton.add_word(text, text)
            self._automaton.make_automaton()

    def match(self, layers: Iterable[Layer]) -> list[Hit]:
        """Run every rule over every layer; a rule is reported once with its first evidence.

        A search that runs past its time limit raises BudgetExceeded.
        """
        return self._run(layers, budget=None).hits

    def scan(self, layers: Iterable[Layer], *, budget: Budget) -> Matched:
        """Like `match`, but keep what was found when a search or the deadline runs out.

        A rule whose search passes its time limit on a layer is skipped there; when the
        budget's deadline passes, scanning stops. Either way the reason is returned.
        """
        return self._run(layers, budget=budget)

    def _run(self, layers: Iterable[Layer], *, budget: Budget | None) -> Matched:
        spans: dict[str, list[Span]] = {}
        stopped: str | None = None
        try:
            for layer in layers:
                if budget is not None:
                    budget.check_time()
                present, occurrences = self._present(layer.content)
                for position in self._candidates(present):
                    item = self._compiled[position]
                    rule = item.rule
                    if rule.languages is not None and layer.language not in rule.languages:
                        continue
                    if len(spans.get(rule.id, ())) >= MAX_EVIDENCE or not item.gate.open(present):
                        continue
                    try:
                        found = _match(item, layer, occurrences)
                    except BudgetExceeded as timeout:
                        if budget is None:
                            raise
                        stopped = f"{timeout.reason} (rule {rule.id})"
                        continue
                    if found:
                        spans.setdefault(rule.id, []).extend(
                            found[: MAX_EVIDENCE - len(spans.get(rule.id, ()))]
                        )
        except BudgetExceeded as deadline:
            if budget is None:
                raise
            stopped = deadline.reason
        by_id = {rule.id: rule for rule in self.rules}
        hits = [Hit(by_id[rule_id], tuple(found)) for rule_id, found in spans.items()]
        return Matched(hits, stopped)

    def _candidates(self, present: set[str]) -> list[int]:
        """Rules that some present literal may open, in catalog order."""
        chosen = set(self._ungated)
        for text in present:
            chosen.update(self._by_literal.get(text, ()))
        return sorted(chosen)

    def _present(self, text: str) -> tuple[set[str], dict[str, list[int]] | None]:
        """The literals in the text and, when offsets carry over (ASCII), where they end."""
        if self._automaton is None:
            return set(), None
        if not text.isascii():
            # Case folding may change lengths, so offsets in the folded text mean nothing here.
            return {found for _, found in self._automaton.iter(text.casefold())}, None
        occurrences: dict[str, list[int]] = {}
        for end, found in self._automaton.iter(text.lower()):
            occurrences.setdefault(found, []).append(end)
        return set(occurrences), occurrences


_OPEN = _Gate(None, ())


def _triggers(gate: _Gate) -> set[str] | None:
    """Literals one of which must be present for the gate to open; None: it may always open."""
    if gate.any_of is not None:
        # Each pattern's conjunction needs its first set; the rule needs one pattern's.
        return {text for conjunction in gate.any_of for text in conjunction[0]}
    if gate.all_of:
        return set(gate.all_of[0])
    return None


def _gate(rule: Rule) -> _Gate:
    conjunctions = tuple(required_all(pattern) for pattern in rule.any_of)
    any_of = None if any(not conjunction for conjunction in conjunctions) else conjunctions
    all_of = tuple(need for pattern in rule.all_of for need in required_all(pattern))
    return _Gate(any_of, all_of)


@lru_cache(maxsize=32)
def _compiled(rules: tuple[Rule, ...]) -> RuleSet:
    return RuleSet(rules)


def match_rules(rules: Sequence[Rule], layers: Iterable[Layer]) -> list[Hit]:
    """Run every rule over every layer; a rule is reported once with its first evidence."""
    return _compiled(tuple(rules)).match(layers)


def _plan(pattern: str, prefilter: bool) -> Plan:
    if not prefilter:
        return Plan(compile_pattern(pattern), (), None)
    return Plan(compile_pattern(pattern), required_all(pattern), reach(pattern))


def _match(item: _Compiled, layer: Layer, occurrences: Occurrences) -> list[Span]:
    for plan in item.all_of:
        if next(matches(plan, layer.content, occurrences), None) is None:
            return []
    found: list[Span] = []
    for plan in item.any_of:
        for match in matches(plan, layer.content, occurrences):
            found.append(Span(layer.index, match.start(), match.end()))
            if len(found) >= MAX_EVIDENCE:
                return found
    return found
