"""Merge what several alerts say about one entity, and give every entity a stable id.

Two source entities are the same when they share a strong name: a device's FQDN, host name or
device id; a user's UPN, DOMAIN\\account, SID or directory id; a file's hash or path; and so on.
The id is derived from the smallest name of the merged group, so it is the same for the same
incident however its alerts are ordered, and citations survive a console refreshing the incident.
"""

from __future__ import annotations

import hashlib
import ipaddress
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from wingman.core.incidents.model import Relation, SourceAlert, SourceEntity, SourceIncident
from wingman.core.models import EntityType

_PREFIX: Mapping[EntityType, str] = {
    EntityType.DEVICE: "dev",
    EntityType.USER: "user",
    EntityType.IP: "ip",
    EntityType.URL: "url",
    EntityType.DOMAIN: "dom",
    EntityType.FILE: "file",
    EntityType.PROCESS: "proc",
    EntityType.REGISTRY: "reg",
    EntityType.MAILBOX: "mbx",
    EntityType.EMAIL_MESSAGE: "msg",
    EntityType.CLOUD_APP: "app",
    EntityType.CLOUD_RESOURCE: "res",
    EntityType.OTHER: "oth",
}


@dataclass(slots=True)
class Entity:
    """One entity of the incident, merged from every mention of it."""

    id: str
    type: EntityType
    value: str
    names: frozenset[str]
    roles: tuple[str, ...]
    attributes: dict[str, str]
    alert_ids: list[str] = field(default_factory=list)
    refs: tuple[str, ...] = ()

    def attribute(self, name: str) -> str:
        return self.attributes.get(name, "")


@dataclass(slots=True)
class Incident:
    """The source incident with its entities merged; alerts refer to entities by id."""

    source: SourceIncident
    alerts: list[SourceAlert]
    entities: dict[str, Entity]
    # For each alert id, the ids of the entities it names, in first-mention order.
    alert_entities: dict[str, list[str]]
    relations: list[tuple[str, str, str]]

    def unattached(self) -> list[Entity]:
        """Entities the incident names but no alert does (Sentinel's incident entities)."""
        return [e for e in self.entities.values() if not e.alert_ids]

    def of_type(self, *types: EntityType) -> list[Entity]:
        return [e for e in self.entities.values() if e.type in types]


def normalize(source: SourceIncident) -> Incident:
    """Merge the source's entities and resolve every reference to a merged entity's id."""
    senders = _senders(source)
    groups = _groups([*source.entities.values(), *(e for e, _ in senders.values())])
    by_ref: dict[str, str] = {}
    entities: dict[str, Entity] = {}
    for members in groups:
        entity = _merge(members, taken=entities)
        entities[entity.id] = entity
        by_ref.update((m.ref, entity.id) for m in members)
    alert_entities: dict[str, list[str]] = {}
    for alert in source.alerts:
        refs = [*alert.entity_refs]
        refs += [senders[r][0].ref for r in alert.entity_refs if r in senders]
        ids = list(dict.fromkeys(by_ref[r] for r in refs if r in by_ref))
        alert_entities[alert.id] = ids
        for entity_id in ids:
            entities[entity_id].alert_ids.append(alert.id)
    stated = [*source.relations, *(relation for _, relation in senders.values())]
    relations = list(
        dict.fromkeys(
            (r.kind, by_ref[r.source], by_ref[r.target])
            for r in stated
            if r.source in by_ref and r.target in by_ref and by_ref[r.source] != by_ref[r.target]
        )
    )
    return Incident(source, list(source.alerts), entities, alert_entities, relations)


def _senders(source: SourceIncident) -> dict[str, tuple[SourceEntity, Relation]]:
    """A sender's mailbox for each message that names its sender only as an attribute.

    Blocking a sender is a response step, and steps target entities: the address is in the
    input, so the mailbox is as grounded as the message.
    """
    found: dict[str, tuple[SourceEntity, Relation]] = {}
    for entity in source.entities.values():
        sender = entity.attributes.get("sender", "").strip()
        if entity.type is not EntityType.EMAIL_MESSAGE or "@" not in sender:
            continue
        mailbox = SourceEntity(
            ref=f"{entity.ref}/sender",
            type=EntityType.MAILBOX,
            value=sender,
            roles=("sender",),
            attributes={"address": sender},
        )
        found[entity.ref] = (mailbox, Relation("sent_from", entity.ref, mailbox.ref))
    return found


def names(entity: SourceEntity) -> set[str]:
    """The names this entity is known by, each prefixed with its kind ('upn:a@b.example')."""
    found = {f"{kind}:{value}" for kind, value in _NAMERS[entity.type](entity) if value}
    return found or {f"value:{entity.value.lower()}"}


def _groups(entities: Iterable[SourceEntity]) -> list[list[SourceEntity]]:
    """Entities of one type that share any name, in order of first mention (union-find)."""
    items = list(entities)
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[EntityType, str], int] = {}
    for i, entity in enumerate(items):
        for name in names(entity):
            key = (entity.type, name)
            if key in owner:
                a, b = root(owner[key]), root(i)
                parent[max(a, b)] = min(a, b)
            else:
                owner[key] = i
    grouped: dict[int, list[SourceEntity]] = {}
    for i, entity in enumerate(items):
        grouped.setdefault(root(i), []).append(entity)
    return list(grouped.values())


def _merge(members: list[SourceEntity], *, taken: Mapping[str, Entity]) -> Entity:
    first = members[0]
    all_names = frozenset().union(*(names(m) for m in members))
    attributes: dict[str, str] = {}
    for member in members:
        for key, value in member.attributes.items():
            attributes.setdefault(key, value)
    roles = tuple(dict.fromkeys(role for m in members for role in m.roles))
    digest = hashlib.sha256(min(all_names).encode("utf-8", "surrogatepass")).hexdigest()
    base = f"{_PREFIX[first.type]}-{digest[:10]}"
    entity_id, n = base, 1
    while entity_id in taken:
        n += 1
        entity_id = f"{base}-{n}"
    return Entity(
        id=entity_id,
        type=first.type,
        value=_display(first.type, members, attributes),
        names=all_names,
        roles=roles,
        attributes=attributes,
        refs=tuple(m.ref for m in members),
    )


def _display(kind: EntityType, members: list[SourceEntity], attributes: dict[str, str]) -> str:
    """The most telling value of a merged entity: a device's FQDN, a user's UPN, else the first."""
    preferred = {EntityType.DEVICE: "fqdn", EntityType.USER: "upn"}.get(kind)
    if preferred:
        for member in members:
            if member.attributes.get(preferred) and member.value == member.attributes[preferred]:
                return member.value
        if attributes.get(preferred):
            return attributes[preferred]
    return members[0].value


def _lower(entity: SourceEntity, *keys: str) -> list[str]:
    return [entity.attributes.get(k, "").strip().lower() for k in keys]


def _device(entity: SourceEntity) -> list[tuple[str, str]]:
    fqdn, host, device_id, aad = _lower(entity, "fqdn", "hostname", "device_id", "aad_device_id")
    value = entity.value.lower()
    hosts = {host, fqdn.split(".", 1)[0], value if _is_ip(value) else value.split(".", 1)[0]}
    return [("host", h) for h in hosts if h] + [
        ("fqdn", fqdn or (value if "." in value and not _is_ip(value) else "")),
        ("device", device_id),
        ("aad", aad),
    ]


def _user(entity: SourceEntity) -> list[tuple[str, str]]:
    upn, account, domain, sid, aad, email = _lower(
        entity, "upn", "account", "domain", "sid", "aad_id", "email"
    )
    value = entity.value.lower()
    if not upn and "@" in value:
        upn = value
    if not account and "\\" in value:
        domain, account = value.split("\\", 1)
    local = upn.split("@", 1)[0] if upn else ""
    return [
        ("upn", upn),
        ("upn", email),
        ("sam", f"{domain.split('.', 1)[0]}\\{account}" if domain and account else ""),
        ("account", account or local or (value if not upn and "\\" not in value else "")),
        ("sid", sid),
        ("aad", aad),
    ]


def _ip(entity: SourceEntity) -> list[tuple[str, str]]:
    raw = entity.attributes.get("address") or entity.value
    try:
        return [("ip", ipaddress.ip_address(raw.strip().strip("[]")).compressed)]
    except ValueError:
        return [("ip", raw.strip().lower())]


def _file(entity: SourceEntity) -> list[tuple[str, str]]:
    sha256, sha1, md5, path = _lower(entity, "sha256", "sha1", "md5", "path")
    hashes = [("sha256", sha256), ("sha1", sha1), ("md5", md5)]
    if any(h for _, h in hashes):
        return hashes
    name = entity.attributes.get("name", entity.value).lower()
    return [("path", path)] if path else [("name", name)]


def _process(entity: SourceEntity) -> list[tuple[str, str]]:
    command, pid, created = _lower(entity, "command_line", "pid", "created")
    if command:
        return [("cmd", " ".join(command.split()))]
    return [("pid", f"{pid}@{created}" if pid else ""), ("image", entity.value.lower())]


def _registry(entity: SourceEntity) -> list[tuple[str, str]]:
    key, value_name = _lower(entity, "key", "value_name")
    return [("reg", f"{key or entity.value.lower()}\\{value_name}")]


def _message(entity: SourceEntity) -> list[tuple[str, str]]:
    network, internet = _lower(entity, "network_message_id", "internet_message_id")
    return [("nmid", network), ("imid", internet)]


def _plain(*keys: str) -> Callable[[SourceEntity], list[tuple[str, str]]]:
    """Names from attributes; without them, the value stands for the first (an address, a URL)."""

    def namer(entity: SourceEntity) -> list[tuple[str, str]]:
        found = [(key, value) for key, value in zip(keys, _lower(entity, *keys), strict=True)]
        if any(v for _, v in found):
            return found
        return [(keys[0] if keys else "value", entity.value.lower())]

    return namer


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


_NAMERS: Mapping[EntityType, Callable[[SourceEntity], list[tuple[str, str]]]] = {
    EntityType.DEVICE: _device,
    EntityType.USER: _user,
    EntityType.IP: _ip,
    EntityType.URL: _plain("url"),
    EntityType.DOMAIN: _plain("domain"),
    EntityType.FILE: _file,
    EntityType.PROCESS: _process,
    EntityType.REGISTRY: _registry,
    EntityType.MAILBOX: _plain("address"),
    EntityType.EMAIL_MESSAGE: _message,
    EntityType.CLOUD_APP: _plain("name", "app_id"),
    EntityType.CLOUD_RESOURCE: _plain("resource_id"),
    EntityType.OTHER: _plain(),
}
