"""Scope and impact: which assets the incident touches and what the attacker achieved."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping

from wingman.core.incidents.normalize import Entity, Incident
from wingman.core.incidents.signals import IMPACT
from wingman.core.models import EntityType, Scope

_INTERNAL = {
    4: tuple(
        ipaddress.ip_network(n)
        for n in (
            "10.0.0.0/8",
            "172.16.0.0/12",
            "192.168.0.0/16",
            "100.64.0.0/10",
            "0.0.0.0/8",
            "169.254.0.0/16",
            "127.0.0.0/8",
            "240.0.0.0/4",
            "255.255.255.255/32",
        )
    ),
    6: tuple(ipaddress.ip_network(n) for n in ("fc00::/7", "fe80::/10", "::1/128", "::/128")),
}
_CRITICAL_TAGS = ("hva", "high value", "high-value", "critical", "tier 0", "tier0", "crown")


def is_critical(entity: Entity) -> bool:
    """Whether the source flags the asset as high value or critical."""
    if entity.attribute("critical").lower() == "true":
        return True
    tags = f"{entity.attribute('tags')} {entity.attribute('exposure')}".lower()
    return any(tag in tags for tag in _CRITICAL_TAGS)


def is_public_ip(value: str) -> bool:
    """Whether an address is outside the organisation: not private, loopback, link-local...

    Documentation ranges (192.0.2.0/24, 2001:db8::/32, ...) count as outside: they stand for
    internet addresses in examples, and nothing real routes them inside a network.
    """
    try:
        address = ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return not any(address in network for network in _INTERNAL.get(address.version, ())) and not (
        address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_unspecified
    )


def build_scope(incident: Incident, signs: Mapping[str, frozenset[str]]) -> Scope:
    """The assets by kind, the critical ones, and the signs of impact, over every alert."""

    def values(kind: EntityType) -> tuple[str, ...]:
        return tuple(e.value for e in incident.of_type(kind))

    seen = set().union(*signs.values()) if signs else set()
    return Scope(
        devices=values(EntityType.DEVICE),
        users=values(EntityType.USER),
        mailboxes=values(EntityType.MAILBOX),
        cloud_apps=values(EntityType.CLOUD_APP),
        cloud_resources=values(EntityType.CLOUD_RESOURCE),
        ips=values(EntityType.IP),
        critical_assets=tuple(e.value for e in incident.entities.values() if is_critical(e)),
        impact=tuple(sign for sign in IMPACT if sign in seen),
        alert_count=len(incident.alerts),
    )


def impact_alerts(signs: Mapping[str, frozenset[str]], sign: str) -> list[str]:
    """The ids of the alerts that show one sign of impact."""
    return [alert_id for alert_id, found in signs.items() if sign in found]
