"""Scope and impact: which assets the incident touches and what the attacker achieved."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from functools import lru_cache

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
_RECEIVING = frozenset({"recipient", "victim", "compromised", "impacted", "destination"})
_CRITICAL_TAGS = ("hva", "high value", "high-value", "critical", "tier 0", "tier0", "crown")


def is_critical(entity: Entity) -> bool:
    """Whether the source flags the asset as high value or critical."""
    if entity.attribute("critical").lower() == "true":
        return True
    tags = f"{entity.attribute('tags')} {entity.attribute('exposure')}".lower()
    return any(tag in tags for tag in _CRITICAL_TAGS)


# Programs every Windows device has: blocking or quarantining them breaks the device.
_SYSTEM_BINARY = re.compile(
    r"(^|\\)(powershell(_ise)?|pwsh|cmd|rundll32|regsvr32|mshta|wscript|cscript|svchost|explorer"
    r"|winword|excel|powerpnt|outlook|msedge|chrome|firefox|wmic|certutil|bitsadmin|schtasks"
    r"|reg|net1?|whoami|lsass|services|taskhostw|conhost|vssadmin|wbadmin|bcdedit|msiexec"
    r"|psexesvc|bash|sh|python3?|curl|wget)(\.exe)?$",
    re.IGNORECASE,
)


def is_system_binary(entity: Entity) -> bool:
    """Whether a file is a program every device has: blocking it would break the device."""
    name = entity.attribute("path") or entity.attribute("name") or entity.value
    return bool(_SYSTEM_BINARY.search(name.strip()))


@lru_cache(maxsize=4096)
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


def organisation_domains(incident: Incident) -> set[str]:
    """The mail domains of the organisation: its users' UPNs, else its receiving mailboxes'.

    Users are the organisation's own accounts; a mailbox that received may be an outside party
    a compromised account wrote to, so mailboxes count only when no user is named.
    """
    users = {
        _domain(address)
        for entity in incident.of_type(EntityType.USER)
        if not {"sender", "attacker"} & set(entity.roles)
        for address in (entity.attribute("upn"), entity.attribute("email"), entity.value)
        if "@" in address
    }
    if users:
        return users
    return {
        _domain(entity.value)
        for entity in incident.of_type(EntityType.MAILBOX)
        if set(entity.roles) & _RECEIVING and "@" in entity.value
    }


def external_senders(incident: Incident) -> set[str]:
    """Ids of the mailboxes that sent to the organisation from outside it.

    A sender at one of the organisation's domains is one of its accounts (a compromised one,
    perhaps), not an outsider to block.
    """
    own = organisation_domains(incident)
    return {
        entity.id
        for entity in incident.of_type(EntityType.MAILBOX)
        if {"sender", "attacker"} & set(entity.roles) and _domain(entity.value) not in own
    }


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[-1].strip().casefold()


def build_scope(incident: Incident, signs: Mapping[str, frozenset[str]]) -> Scope:
    """The assets by kind, the critical ones, and the signs of impact, over every alert."""

    outside = external_senders(incident)
    own = organisation_domains(incident)

    def ours(entity: Entity) -> bool:
        # Outside senders and recipients are parties to the mail, not assets of the organisation.
        if entity.id in outside:
            return False
        return not (entity.type is EntityType.MAILBOX and own and _domain(entity.value) not in own)

    def values(kind: EntityType) -> tuple[str, ...]:
        return tuple(e.value for e in incident.of_type(kind) if ours(e))

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
