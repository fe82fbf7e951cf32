"""Graph evidence of cloud resources, DNS, sessions and connections (see graph_evidence)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wingman.core.incidents.formats.defender import add_device, add_user, lone
from wingman.core.incidents.formats.fields import first_text, items, text
from wingman.core.models import EntityType

if TYPE_CHECKING:
    from wingman.core.incidents.formats.graph_evidence import Evidence

_E = EntityType


def _resource(ev: Evidence, provider: str, resource_id: str, subscription: str) -> str | None:
    record = ev.record
    name = first_text(record, "resourceName", "name")
    return ev.entity(
        _E.CLOUD_RESOURCE,
        resource_id or name,
        resource_id=resource_id,
        name=name,
        resource_type=text(record, "resourceType") or text(record, "@odata.type").split(".")[-1],
        provider=provider,
        subscription=subscription,
        region=first_text(record, "location", "region"),
    )


def azure(ev: Evidence) -> str | None:
    resource_id = text(ev.record, "resourceId")
    parts = resource_id.split("/")
    subscription = parts[2] if len(parts) > 2 and parts[1].lower() == "subscriptions" else ""
    return _resource(ev, "azure", resource_id, subscription)


def amazon(ev: Evidence) -> str | None:
    record = ev.record
    resource_id = text(record, "amazonResourceId")
    return _resource(ev, "aws", resource_id, text(record, "amazonAccountId"))


def google(ev: Evidence) -> str | None:
    record = ev.record
    resource_id = first_text(record, "fullResourceName", "resourceId")
    return _resource(ev, "gcp", resource_id, first_text(record, "projectId", "projectNumber"))


def storage(ev: Evidence) -> str | None:
    record = ev.record
    storage = first_text(record, "url") or text(record, "storageResource", "resourceId")
    return _resource(ev, "azure", storage, "")


def kubernetes(ev: Evidence) -> str | None:
    record = ev.record
    scope = [text(record, "cluster", "name"), text(record, "namespace", "name")]
    name = first_text(record, "name", "containerId", "imageId", "server")
    resource_id = "/".join(part for part in [*scope, name] if part)
    return _resource(ev, text(record, "platform") or "kubernetes", resource_id, "")


def dns(ev: Evidence) -> str | None:
    record = ev.record
    domain = text(record, "domainName")
    ref = ev.entity(_E.DOMAIN, domain, domain=domain)
    answers = [text(ip, "ipAddress") for ip in items(record, "ipAddresses")]
    for address in [*answers, text(record, "hostIpAddress", "ipAddress")]:
        ip = ev.out.entity(ev.alert, _E.IP, address, address=address)
        ev.out.relate("resolves_to", ref, ip)
    return ref


def logon(ev: Evidence) -> str | None:
    record, out = ev.record, ev.out
    account = lone(record.get("account"))
    user = add_user(out, ev.alert, lone(account.get("userAccount")) or account) if account else None
    host = lone(record.get("host"))
    device = add_device(out, ev.alert, host, ev.devices) if host else None
    out.relate("logged_on", user, device)
    return user or device


def connection(ev: Evidence) -> str | None:
    record, out = ev.record, ev.out
    refs = []
    for side in ("sourceAddress", "destinationAddress"):
        address = text(record, side, "ipAddress")
        refs.append(out.entity(ev.alert, _E.IP, address, roles=(side[:-7],), address=address))
    return refs[1] or refs[0]
