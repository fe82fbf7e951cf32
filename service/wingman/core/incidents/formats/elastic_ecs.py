"""The entities an Elastic alert document names through its ECS fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wingman.core.incidents.formats.accounts import account_value, entra_id, windows_sid
from wingman.core.incidents.formats.builder import IncidentBuilder
from wingman.core.incidents.formats.devices import fqdn_of
from wingman.core.incidents.formats.elastic_paths import many, one, value
from wingman.core.incidents.formats.fields import basename, items
from wingman.core.incidents.formats.mail import add_correspondents
from wingman.core.incidents.model import SourceAlert
from wingman.core.models import EntityType

_E = EntityType
# ECS indicator types (threat.indicator.type) and the entity each names.
_INDICATOR_TYPES = {
    "ipv4-addr": _E.IP,
    "ipv6-addr": _E.IP,
    "url": _E.URL,
    "domain-name": _E.DOMAIN,
    "file": _E.FILE,
    "email-addr": _E.MAILBOX,
}


def read_entities(out: IncidentBuilder, alert: SourceAlert, doc: Mapping[str, Any]) -> None:
    """Add the entities one alert document names (host, user, process, network, mail...)."""
    device = _host(out, alert, doc)
    user = _user(out, alert, doc, "user", "user")
    _user(out, alert, doc, "user.target", "target")
    out.relate("logged_on", user, device)
    _user_mailbox(out, alert, doc)
    _process(out, alert, doc, device, user)
    file = _file(out, alert, doc, "file", "file")
    for side in ("source", "destination", "client", "server"):
        _endpoint(out, alert, doc, side)
    url = _url(out, alert, doc)
    _dns(out, alert, doc)
    _registry(out, alert, doc)
    _email(out, alert, doc, [file, url])
    _cloud(out, alert, doc, device)
    for n, enrichment in enumerate(items(value(doc, "threat.enrichments"))):
        _indicator(out, alert, value(enrichment, "indicator"), f"threat.enrichments[{n}]")
    _indicator(out, alert, value(doc, "threat.indicator"), "threat.indicator")


def _host(out: IncidentBuilder, alert: SourceAlert, doc: Any) -> str | None:
    name, hostname = one(doc, "host.name"), one(doc, "host.hostname")
    fqdn = next((h for h in (name, hostname) if fqdn_of(h)), "")
    criticality = one(doc, "host.asset.criticality", "kibana.alert.host.criticality_level")
    device = out.entity(
        alert,
        _E.DEVICE,
        fqdn or name or hostname,
        hostname=hostname.split(".")[0] if hostname else name.split(".")[0],
        fqdn=fqdn,
        device_id=one(doc, "host.id"),
        os=one(doc, "host.os.name", "host.os.family"),
        os_version=one(doc, "host.os.version"),
        risk=one(doc, "host.risk.calculated_level"),
        critical="true" if criticality in ("high_impact", "extreme_impact") else "",
    )
    for ip in many(doc, "host.ip"):
        out.relate("has_ip", device, out.entity(alert, _E.IP, ip, roles=["host"], address=ip))
    return device


def _user(out: IncidentBuilder, alert: SourceAlert, doc: Any, at: str, role: str) -> str | None:
    name, domain = one(doc, f"{at}.name"), one(doc, f"{at}.domain")
    if "\\" in name:
        domain, _, name = name.partition("\\")
    upn = name if "@" in name else ""
    user_id = one(doc, f"{at}.id")
    email = one(doc, f"{at}.email")
    return out.entity(
        alert,
        _E.USER,
        account_value(upn, domain, name) or email or user_id,
        roles=[role],
        upn=upn,
        account=name.split("@")[0],
        domain=domain,
        sid=windows_sid(user_id),
        aad_id=entra_id(user_id),
        display_name=one(doc, f"{at}.full_name"),
        email=email,
    )


def _user_mailbox(out: IncidentBuilder, alert: SourceAlert, doc: Any) -> None:
    """A mail event's user is also a mailbox (Exchange audit: rules, forwarding, access)."""
    categories = {c.lower() for c in many(doc, "event.category")}
    if "email" not in categories and one(doc, "event.provider").lower() != "exchange":
        return
    name = one(doc, "user.name")
    address = one(doc, "user.email") or (name if "@" in name else "")
    out.entity(alert, _E.MAILBOX, address, roles=["user"], address=address)


def _process(
    out: IncidentBuilder, alert: SourceAlert, doc: Any, device: str | None, user: str | None
) -> None:
    refs: list[str | None] = []
    for at in ("process", "process.parent"):
        executable = one(doc, f"{at}.executable")
        image = one(doc, f"{at}.name") or basename(executable)
        command_line = one(doc, f"{at}.command_line")
        ref = out.entity(
            alert,
            _E.PROCESS,
            command_line or image,
            roles=["parent"] if at != "process" else [],
            pid=one(doc, f"{at}.pid"),
            command_line=command_line,
            image=image,
            image_path=executable,
            parent_pid=one(doc, f"{at}.parent.pid") if at == "process" else "",
            parent_image=one(doc, "process.parent.name") if at == "process" else "",
            created=one(doc, f"{at}.start"),
        )
        out.relate("image_of", _file(out, alert, doc, at, "image"), ref)
        out.relate("ran_on", ref, device)
        refs.append(ref)
    out.relate("ran_as", refs[0], user)
    out.relate("parent_of", refs[1], refs[0])


def _file(out: IncidentBuilder, alert: SourceAlert, doc: Any, at: str, role: str) -> str | None:
    """A file at `file`, or a process's image (`process.executable`, `process.hash`)."""
    path = one(doc, f"{at}.path" if at == "file" else f"{at}.executable")
    name = (one(doc, f"{at}.name") if at == "file" else "") or basename(path)
    return out.entity(
        alert,
        _E.FILE,
        name or path,
        roles=[role],
        name=name,
        path=path,
        sha256=one(doc, f"{at}.hash.sha256"),
        sha1=one(doc, f"{at}.hash.sha1"),
        md5=one(doc, f"{at}.hash.md5"),
        size=one(doc, f"{at}.size") if at == "file" else "",
        signer=one(doc, f"{at}.code_signature.subject_name"),
    )


def _endpoint(out: IncidentBuilder, alert: SourceAlert, doc: Any, side: str) -> None:
    ip = one(doc, f"{side}.ip")
    ref = out.entity(
        alert,
        _E.IP,
        ip,
        roles=[side],
        address=ip,
        country=one(doc, f"{side}.geo.country_iso_code", f"{side}.geo.country_name"),
        city=one(doc, f"{side}.geo.city_name"),
        asn=one(doc, f"{side}.as.number"),
    )
    domain = one(doc, f"{side}.domain")
    name = out.entity(alert, _E.DOMAIN, domain, roles=[side], domain=domain)
    out.relate("resolves_to", name, ref)


def _url(out: IncidentBuilder, alert: SourceAlert, doc: Any) -> str | None:
    full = one(doc, "url.full", "url.original")
    ref = out.entity(alert, _E.URL, full, url=full)
    domain = one(doc, "url.domain")
    out.relate("hosts", out.entity(alert, _E.DOMAIN, domain, domain=domain), ref)
    return ref


def _dns(out: IncidentBuilder, alert: SourceAlert, doc: Any) -> None:
    name = one(doc, "dns.question.name")
    domain = out.entity(alert, _E.DOMAIN, name, roles=["query"], domain=name)
    for ip in many(doc, "dns.resolved_ip"):
        out.relate("resolves_to", domain, out.entity(alert, _E.IP, ip, address=ip))


def _registry(out: IncidentBuilder, alert: SourceAlert, doc: Any) -> None:
    hive, key, path = one(doc, "registry.hive"), one(doc, "registry.key"), one(doc, "registry.path")
    value_name = one(doc, "registry.value")
    if not key and path:
        key = path[: -len(value_name) - 1] if value_name and path.endswith(value_name) else path
    elif hive and key and not key.upper().startswith(hive.upper()):
        key = f"{hive}\\{key}"
    out.entity(
        alert,
        _E.REGISTRY,
        key,
        key=key,
        hive=hive or key.split("\\")[0],
        value_name=value_name,
        value_type=one(doc, "registry.data.type"),
        value_data="; ".join(many(doc, "registry.data.strings")),
    )


def _email(out: IncidentBuilder, alert: SourceAlert, doc: Any, contents: list[str | None]) -> None:
    sender = one(doc, "email.from.address", "email.sender.address")
    recipients = many(doc, "email.to.address") + many(doc, "email.cc.address")
    subject, message_id = one(doc, "email.subject"), one(doc, "email.message_id")
    message = out.entity(
        alert,
        _E.EMAIL_MESSAGE,
        subject or message_id,
        internet_message_id=message_id,
        subject=subject,
        sender=sender,
        recipient=", ".join(recipients),
        delivery_action=one(doc, "email.direction"),
    )
    # Sender and recipients are named even when the message itself has no subject or id.
    add_correspondents(out, alert, message, sender, recipients)
    for attachment in items(value(doc, "email.attachments")):
        name = one(attachment, "file.name")
        contents.append(
            out.entity(
                alert,
                _E.FILE,
                name,
                roles=["attachment"],
                name=name,
                sha256=one(attachment, "file.hash.sha256"),
                size=one(attachment, "file.size"),
            )
        )
    for ref in contents:
        out.relate("contains", message, ref)


def _cloud(out: IncidentBuilder, alert: SourceAlert, doc: Any, device: str | None) -> None:
    instance, account = one(doc, "cloud.instance.id"), one(doc, "cloud.account.id")
    ref = out.entity(
        alert,
        _E.CLOUD_RESOURCE,
        instance or account,
        resource_id=instance or account,
        name=one(doc, "cloud.instance.name") if instance else one(doc, "cloud.account.name"),
        resource_type="instance" if instance else ("account" if account else ""),
        provider=one(doc, "cloud.provider"),
        subscription=account,
        region=one(doc, "cloud.region"),
    )
    out.relate("member_of", device, ref)


def _indicator(out: IncidentBuilder, alert: SourceAlert, indicator: Any, where: str) -> None:
    """A threat-intel indicator the alert matched; unknown indicator types stay as `other`."""
    if indicator is None:
        return
    if not isinstance(indicator, Mapping):
        out.warn(f"{where}: expected an indicator object, skipped")
        return
    kind = one(indicator, "type")
    entity_type = _INDICATOR_TYPES.get(kind.lower(), _E.OTHER)
    found = one(
        indicator,
        "ip",
        "url.full",
        "url.original",
        "url.domain",
        "email.address",
        "file.name",
        "file.hash.sha256",
        "file.hash.sha1",
        "file.hash.md5",
    )
    attributes = {
        _E.IP: {"address": found},
        _E.URL: {"url": found},
        _E.DOMAIN: {"domain": found},
        _E.MAILBOX: {"address": found},
        _E.FILE: {
            "name": one(indicator, "file.name"),
            "sha256": one(indicator, "file.hash.sha256"),
        },
    }.get(entity_type, {"kind": kind or "indicator", "provider": one(indicator, "provider")})
    out.entity(alert, entity_type, found, roles=["indicator"], **attributes)
