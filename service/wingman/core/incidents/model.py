"""The one incident model every input format is read into, before any analysis.

Adapters describe what the source says, nothing more: alerts, the entities each alert names and
how they relate. `normalize` then merges the same entity named by several alerts, gives it a
stable id and derives everything else.

Entity attributes use one vocabulary whatever the source (all values are strings):

- device: hostname, fqdn, device_id, aad_device_id, os, os_version, risk, exposure, critical,
  tags
- user: upn, account, domain, sid, aad_id, display_name, email
- ip: address, country, city, asn
- url: url
- domain: domain
- file: name, path, sha256, sha1, md5, size, signer
- process: pid, command_line, image, image_path, parent_pid, parent_image, created, account
- registry: key, hive, value_name, value_type, value_data
- mailbox: address, display_name, upn
- email_message: network_message_id, internet_message_id, subject, sender, recipient, sender_ip,
  delivery_action, delivery_location, received
- cloud_app: app_id, name, instance, publisher, consent
- cloud_resource: resource_id, name, resource_type, provider, subscription, region
- other: kind (the source's own type name) and whatever the source carried, flattened

An entity's `value` is what an analyst would call it: a device's FQDN (else its host name), a
user's UPN (else `DOMAIN\\account`, else the account name, else an object id or SID), an IP address,
a URL, a domain, a file's name (else its path), a process's command line (else its image name), a
registry key path, a mailbox address, a message's subject (else its Internet message id, else its
network message id), a cloud app's name (else its app id), a cloud resource's id (else its name).

`critical` is "true" when the source flags the asset as high value or critical. `roles` are the
source's words for the entity's part (compromised, attacker, victim, destination, ...), lower case.

Relations between entities (`Relation.kind`): `parent_of` (process → process), `image_of`
(file → process), `ran_on` (process → device), `ran_as` (process → user), `logged_on`
(user → device), `has_ip` (device → ip), `contains` (email_message → url | file), `sent_from`
(email_message → ip | mailbox), `sent_to` (email_message → mailbox), `resolves_to`
(domain → ip), `hosts` (domain → url), `member_of` (any → cloud_resource or device).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wingman.core.models import EntityType, IncidentFormat, Severity


@dataclass(slots=True)
class SourceEntity:
    """One entity as one alert (or the incident) names it; `ref` is unique in the incident."""

    ref: str
    type: EntityType
    value: str
    roles: tuple[str, ...] = ()
    attributes: dict[str, str] = field(default_factory=dict)
    # The source's own id for it (evidence id, Sentinel $id), for citations; may be empty.
    source_id: str = ""


@dataclass(frozen=True, slots=True)
class Relation:
    kind: str
    source: str
    target: str


@dataclass(slots=True)
class SourceAlert:
    """One alert (detection, finding) as the source states it; times are ISO 8601 UTC strings."""

    id: str
    title: str
    severity: Severity | None = None
    description: str = ""
    status: str = ""
    # Product or service that raised it ("Microsoft Defender for Endpoint").
    source: str = ""
    detection_source: str = ""
    # Tactic names as written by the source; normalised later ('DefenseEvasion', 'TA0005').
    tactics: tuple[str, ...] = ()
    techniques: tuple[str, ...] = ()
    first_activity: str | None = None
    last_activity: str | None = None
    created: str | None = None
    entity_refs: list[str] = field(default_factory=list)
    recommended_actions: tuple[str, ...] = ()
    threat_name: str = ""
    classification: str = ""
    determination: str = ""

    @property
    def time(self) -> str | None:
        """When the activity began, falling back to when the alert was raised."""
        return self.first_activity or self.created or self.last_activity


@dataclass(slots=True)
class SourceIncident:
    """What an adapter read: the incident header (when the source has one), alerts, entities."""

    format: IncidentFormat
    id: str = ""
    title: str = ""
    description: str = ""
    severity: Severity | None = None
    status: str = ""
    classification: str = ""
    determination: str = ""
    created: str | None = None
    first_activity: str | None = None
    last_activity: str | None = None
    tactics: tuple[str, ...] = ()
    techniques: tuple[str, ...] = ()
    alerts: list[SourceAlert] = field(default_factory=list)
    entities: dict[str, SourceEntity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    recommended_actions: tuple[str, ...] = ()
    # Entities the incident names but no alert does (Sentinel's incident entities).
    incident_refs: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
