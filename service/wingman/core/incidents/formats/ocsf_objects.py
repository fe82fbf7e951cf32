"""OCSF objects (device, user, process, file, endpoint, email, resource, observable) as entities."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from wingman.core.incidents.formats.accounts import account_value, entra_id, windows_sid
from wingman.core.incidents.formats.builder import ENTITY_PARAMETERS, IncidentBuilder
from wingman.core.incidents.formats.devices import host_names
from wingman.core.incidents.formats.fields import (
    describe,
    first_text,
    get,
    json_path,
    mapping,
    text,
    texts,
    timestamp,
)
from wingman.core.incidents.formats.files import HASHES, strongest_hash
from wingman.core.incidents.formats.mail import add_correspondents
from wingman.core.incidents.model import SourceAlert
from wingman.core.models import EntityType

_E = EntityType
# The builder's own names, and the `kind` an other entity is given: no attribute may be one.
_RESERVED = ENTITY_PARAMETERS | {"kind"}
_MAX_OTHER_ATTRIBUTES = 24
# Hash algorithms by name and by OCSF algorithm_id.
_HASH_NAMES = {**{name: name for name in HASHES}, "1": "md5", "2": "sha1", "3": "sha256"}


@dataclass(frozen=True, slots=True)
class Scope:
    """Where entities go: the builder, the alert naming them (None: the incident), cloud context."""

    out: IncidentBuilder
    owner: SourceAlert | None
    cloud: Mapping[str, Any]

    def add(
        self, type: EntityType, value: str, *, roles: Iterable[str] = (), **attrs: str
    ) -> str | None:
        """Add one entity the scope's owner names."""
        return self.out.entity(self.owner, type, value, roles=roles, **attrs)


Reader = Callable[[Scope, Mapping[str, Any], str, "str | None"], "str | None"]


def objects(
    out: IncidentBuilder, obj: Any, key: str, path: str
) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """The objects of the list at `key`, with their paths; warn about anything else found there."""
    value = get(obj, key)
    where = json_path(path, key)
    if value is None:
        return
    if isinstance(value, Mapping):
        yield where, value
    elif not isinstance(value, list):
        out.warn(f"{where}: expected a list, got {describe(value)}; skipped")
    else:
        for i, item in enumerate(value):
            if isinstance(item, Mapping):
                yield f"{where}[{i}]", item
            elif item is not None:
                out.warn(f"{where}[{i}]: expected an object, got {describe(item)}; skipped")


def child(out: IncidentBuilder, obj: Any, key: str, path: str) -> Mapping[str, Any] | None:
    """The object at `key`, or None; warn when something else is there."""
    value = get(obj, key)
    if value is None or isinstance(value, Mapping):
        return value
    out.warn(f"{path}.{key}: expected an object, got {describe(value)}; skipped")
    return None


def device(s: Scope, obj: Mapping[str, Any], path: str, host: str | None = None) -> str | None:
    """A device (OCSF device or a named endpoint), with its IP."""
    name = first_text(obj, "hostname", "name")
    short, fqdn = host_names(name)
    ip = text(obj, "ip")
    ref = s.add(
        _E.DEVICE,
        fqdn or short or first_text(obj, "uid", "instance_uid") or ip,
        hostname=short,
        fqdn=fqdn,
        device_id=first_text(obj, "uid", "instance_uid"),
        os=text(obj, "os", "name"),
        os_version=text(obj, "os", "version"),
        risk=text(obj, "risk_level"),
    )
    if ip and ref is not None:
        s.out.relate("has_ip", ref, s.add(_E.IP, ip, address=ip))
    return ref


def user(s: Scope, obj: Mapping[str, Any], path: str, host: str | None = None) -> str | None:
    """A user: UPN, else DOMAIN\\account, else the account name, email or id."""
    name, domain, uid = text(obj, "name"), text(obj, "domain"), text(obj, "uid")
    account, upn = name, ""
    if "\\" in name:
        prefix, _, account = name.partition("\\")
        domain = domain or prefix
    if "@" in account:
        upn, account = account, ""
    email = text(obj, "email_addr")
    value = account_value(upn, domain, account) or email or uid
    return s.add(
        _E.USER,
        value,
        upn=upn,
        account=account,
        domain=domain,
        sid=windows_sid(uid),
        aad_id=entra_id(uid),
        display_name=text(obj, "full_name"),
        email=email,
    )


def process(s: Scope, obj: Mapping[str, Any], path: str, host: str | None = None) -> str | None:
    """A process with its image file, account, device and (up to a few) parents."""
    return _process(s, obj, path, host, 0)


def _process(
    s: Scope, obj: Mapping[str, Any], path: str, host: str | None, depth: int
) -> str | None:
    image_file = child(s.out, obj, "file", path) or {}
    parent = child(s.out, obj, "parent_process", path) or {}
    account = child(s.out, obj, "user", path) or {}
    image = first_text(obj, "name") or text(image_file, "name")
    ref = s.add(
        _E.PROCESS,
        first_text(obj, "cmd_line") or image or text(image_file, "path"),
        pid=text(obj, "pid"),
        command_line=text(obj, "cmd_line"),
        image=image,
        image_path=text(image_file, "path"),
        parent_pid=text(parent, "pid"),
        parent_image=first_text(parent, "name") or text(parent, "file", "name"),
        created=timestamp(get(obj, "created_time")) or "",
        account=text(account, "name"),
    )
    if ref is None:
        return None
    if image_file:
        s.out.relate("image_of", file(s, image_file, f"{path}.file"), ref)
    if account:
        s.out.relate("ran_as", ref, user(s, account, f"{path}.user"))
    s.out.relate("ran_on", ref, host)
    if parent and depth < 3:
        s.out.relate(
            "parent_of", _process(s, parent, f"{path}.parent_process", host, depth + 1), ref
        )
    return ref


def file(s: Scope, obj: Mapping[str, Any], path: str, host: str | None = None) -> str | None:
    """A file: its name (else path, else a hash) and hashes."""
    hashes: dict[str, str] = {}
    for _, item in objects(s.out, obj, "hashes", path):
        algorithm = first_text(item, "algorithm", "algorithm_id").lower().replace("-", "")
        key = _HASH_NAMES.get(algorithm)
        if key and text(item, "value"):
            hashes[key] = text(item, "value")
    name, location = text(obj, "name"), text(obj, "path")
    return s.add(
        _E.FILE,
        name or location or strongest_hash(hashes),
        name=name,
        path=location,
        size=text(obj, "size"),
        signer=text(obj, "signature", "certificate", "subject"),
        **hashes,
    )


def endpoint(s: Scope, obj: Mapping[str, Any], role: str, host: str | None = None) -> str | None:
    """A network endpoint: its IP and, when named, its device (source) or domain (destination)."""
    ip = text(obj, "ip")
    ip_ref = s.add(
        _E.IP,
        ip,
        roles=(role,),
        address=ip,
        country=text(obj, "location", "country"),
        city=text(obj, "location", "city"),
        asn=text(obj, "autonomous_system", "number"),
    )
    name = text(obj, "hostname")
    if not name:
        return ip_ref
    if role == "source" or first_text(obj, "uid", "instance_uid") or get(obj, "os") is not None:
        ref = device(s, {"hostname": name, "uid": first_text(obj, "uid", "instance_uid")}, "")
        s.out.relate("has_ip", ref, ip_ref)
        return ref
    ref = s.add(_E.DOMAIN, name, roles=(role,), domain=name)
    s.out.relate("resolves_to", ref, ip_ref)
    return ref


def url(s: Scope, obj: Mapping[str, Any], path: str, host: str | None = None) -> str | None:
    """A URL, and the domain that hosts it."""
    ref = s.add(_E.URL, first_text(obj, "url_string", "url"), url=first_text(obj, "url_string"))
    name = text(obj, "hostname")
    if name and ref is not None:
        s.out.relate("hosts", s.add(_E.DOMAIN, name, domain=name), ref)
    return ref


def query(s: Scope, obj: Mapping[str, Any], path: str, host: str | None = None) -> str | None:
    """The domain a DNS query asked for."""
    name = text(obj, "hostname")
    return s.add(_E.DOMAIN, name, domain=name)


def email(s: Scope, obj: Mapping[str, Any], path: str, host: str | None = None) -> str | None:
    """A message, its sender and recipients, originating IPs, URLs and attachments."""
    sender, recipients = first_text(obj, "from", "smtp_from"), texts(obj, "to")
    origins = texts(obj, "x_originating_ip")
    ref = s.add(
        _E.EMAIL_MESSAGE,
        first_text(obj, "subject", "message_uid", "uid"),
        subject=text(obj, "subject"),
        internet_message_id=text(obj, "message_uid"),
        network_message_id=text(obj, "uid"),
        sender=sender,
        recipient=", ".join(recipients),
        sender_ip=origins[0] if origins else "",
    )
    if ref is None:
        return None
    add_correspondents(s.out, s.owner, ref, sender, recipients)
    for origin in origins:
        s.out.relate("sent_from", ref, s.add(_E.IP, origin, address=origin))
    for item_path, item in objects(s.out, obj, "urls", path):
        s.out.relate("contains", ref, url(s, item, item_path))
    for item_path, item in objects(s.out, obj, "files", path):
        s.out.relate("contains", ref, file(s, item, item_path))
    return ref


def resource(s: Scope, obj: Mapping[str, Any], path: str, host: str | None = None) -> str | None:
    """A cloud resource, with the finding's cloud provider, region and account as defaults."""
    uid, name = text(obj, "uid"), text(obj, "name")
    return s.add(
        _E.CLOUD_RESOURCE,
        uid or name,
        resource_id=uid,
        name=name,
        resource_type=text(obj, "type"),
        provider=first_text(obj, "cloud_partition") or text(s.cloud, "provider"),
        region=text(obj, "region") or text(s.cloud, "region"),
        subscription=text(s.cloud, "account", "uid") or text(s.cloud, "account_uid"),
    )


def registry(s: Scope, obj: Mapping[str, Any], path: str, host: str | None = None) -> str | None:
    """A registry key or value."""
    key = first_text(obj, "path", "key")
    return s.add(
        _E.REGISTRY,
        key,
        key=key,
        hive=text(obj, "hive"),
        value_name=text(obj, "name"),
        value_type=text(obj, "type"),
        value_data=text(obj, "data"),
    )


def other(s: Scope, kind: str, obj: Mapping[str, Any]) -> str | None:
    """An object of a type without a model equivalent, kept with its scalar fields flattened."""
    flat: dict[str, str] = {}
    for key, value in list(obj.items())[:_MAX_OTHER_ATTRIBUTES]:
        nested = mapping(value)
        pairs = nested.items() if nested else [("", value)]
        for sub, item in list(pairs)[:_MAX_OTHER_ATTRIBUTES]:
            name = f"{key}_{sub}" if sub else str(key)
            found = ", ".join(texts(item)) if isinstance(item, list) else text(item)
            if found and len(flat) < _MAX_OTHER_ATTRIBUTES:
                flat[f"source_{name}" if name in _RESERVED else name] = found
    value = first_text(obj, "name", "uid", "value", "path", "title")
    return s.add(_E.OTHER, value or next(iter(flat.values()), ""), kind=kind, **flat)
