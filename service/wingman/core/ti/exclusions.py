"""What is never looked up: the organisation's own addresses and names, and the known benign.

Private, reserved, loopback and documentation addresses, names under the configured internal
suffixes, entries of the known-benign lists (the MISP warning lists that name what is safe:
public resolvers, vendors' own names, CDN ranges; not rentable cloud ranges or popularity
rankings, where attackers live too) and whatever a tenant excludes never leave the service.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit

from wingman.core.models import Indicator, IndicatorType
from wingman.core.ti.indicators import NOT_LOOKED_UP

_IP = frozenset({IndicatorType.IPV4, IndicatorType.IPV6})


class BenignList(Protocol):
    """A known-benign list: the name of the list an indicator is on, or None."""

    def listed(self, indicator: Indicator) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Rule:
    """One exclusion: a domain suffix (`corp.example`), a network (`10.0.0.0/8`) or a value."""

    text: str

    def matches(self, indicator: Indicator) -> bool:
        target = _host(indicator)
        rule = self.text.strip().lower().lstrip("*.")
        if not rule:
            return False
        if "/" in rule and indicator.type in _IP:
            try:
                return ipaddress.ip_address(indicator.value) in ipaddress.ip_network(rule, False)
            except ValueError:
                return False
        if target is not None and (target == rule or target.endswith(f".{rule}")):
            return True
        return indicator.value.lower() == rule


@dataclass(frozen=True, slots=True)
class Exclusions:
    """Decides, for one tenant, whether an indicator may be looked up at all."""

    internal_suffixes: Sequence[str] = ()
    tenants: Mapping[str, Sequence[str]] = field(default_factory=dict)
    benign: Sequence[BenignList] = ()

    def reason(self, tenant: str, indicator: Indicator) -> str | None:
        """Why the indicator is not looked up, or None when it may be."""
        if indicator.type in NOT_LOOKED_UP:
            return f"{indicator.type.value} values are not looked up by any provider"
        if indicator.type in _IP and not ipaddress.ip_address(indicator.value).is_global:
            return "a private, reserved or documentation address"
        if any(Rule(suffix).matches(indicator) for suffix in self.internal_suffixes):
            return "under an internal domain suffix"
        if any(Rule(text).matches(indicator) for text in self.tenants.get(tenant, ())):
            return "excluded by the tenant"
        for benign in self.benign:
            listed = benign.listed(indicator)
            if listed:
                return f"on the known-benign list {listed}"
        return None


def _host(indicator: Indicator) -> str | None:
    if indicator.type is IndicatorType.DOMAIN:
        return indicator.value
    if indicator.type is IndicatorType.URL:
        return urlsplit(indicator.value).hostname
    if indicator.type is IndicatorType.EMAIL:
        return indicator.value.rsplit("@", 1)[1]
    return None
