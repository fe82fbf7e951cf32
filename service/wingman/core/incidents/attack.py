"""ATT&CK in the incident: the tactics and techniques the alerts name, in kill-chain order.

Only what the source states (or what the static analysis of its command lines finds) is
reported; a technique with no stated tactic goes under the tactics ATT&CK lists for it. Words a
source puts where a tactic belongs but which name none ("Malware", "SuspiciousActivity") are
dropped, and ids ATT&CK does not know are reported in a warning rather than named.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from wingman.core.knowledge.attack import AttackCatalog
from wingman.core.models import TacticGroup, TechniqueRef


@dataclass(slots=True)
class Tactic:
    shortname: str
    techniques: dict[str, str] = field(default_factory=dict)
    alert_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class AttackMap:
    """Tactics in kill-chain order with their techniques and the alerts that name them."""

    tactics: dict[str, Tactic] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)

    def add(
        self,
        catalog: AttackCatalog,
        *,
        tactics: Iterable[str],
        techniques: Iterable[str],
        alert_id: str | None,
    ) -> None:
        """Add what one alert (or the incident, with no alert id) names."""
        stated = [s for s in (catalog.normalize_tactic(t) for t in tactics) if s]
        for shortname in stated:
            self._tactic(shortname, alert_id)
        for raw in techniques:
            technique = catalog.technique(raw)
            if technique is None:
                if raw.strip() and raw.strip().upper() not in self.unknown:
                    self.unknown.append(raw.strip().upper())
                continue
            homes = [t for t in technique.tactics if t in stated] or list(technique.tactics[:1])
            for shortname in homes:
                self._tactic(shortname, alert_id).techniques[technique.id] = technique.name

    def ordered(self) -> list[Tactic]:
        return sorted(self.tactics.values(), key=lambda t: AttackCatalog.tactic_rank(t.shortname))

    def groups(self) -> tuple[TacticGroup, ...]:
        return tuple(
            TacticGroup(
                tactic=tactic.shortname,
                techniques=tuple(
                    TechniqueRef(id=i, name=n) for i, n in sorted(tactic.techniques.items())
                ),
            )
            for tactic in self.ordered()
        )

    def techniques(self) -> tuple[TechniqueRef, ...]:
        found = {i: n for tactic in self.tactics.values() for i, n in tactic.techniques.items()}
        return tuple(TechniqueRef(id=i, name=n) for i, n in sorted(found.items()))

    def _tactic(self, shortname: str, alert_id: str | None) -> Tactic:
        tactic = self.tactics.setdefault(shortname, Tactic(shortname))
        if alert_id and alert_id not in tactic.alert_ids:
            tactic.alert_ids.append(alert_id)
        return tactic
