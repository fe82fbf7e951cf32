"""OCSF observables: the typed values a finding pivots on, by `type_id`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from wingman.core.incidents.formats import ocsf_objects as o
from wingman.core.incidents.formats.fields import text
from wingman.core.models import EntityType

_HASH_LENGTHS = {32: "md5", 40: "sha1", 64: "sha256"}


def observable(
    s: o.Scope, obj: Mapping[str, Any], path: str, host: str | None = None
) -> str | None:
    """An observable by its type_id; types without a model equivalent are kept as other."""
    value, type_id = text(obj, "value"), text(obj, "type_id")
    if not value:
        return None
    # Producers that leave type_id at Unknown/Other still name the attribute the value came from.
    by_name = _OBSERVABLE_NAMES.get(text(obj, "name").rsplit(".", 1)[-1].lower(), "")
    read = _OBSERVABLES.get(type_id) or _OBSERVABLES.get(by_name)
    owner_object = text(obj, "name").split(".", 1)[0].lower() if "." in text(obj, "name") else ""
    if read is _OBSERVABLES["1"] and owner_object not in _DEVICE_OBJECTS:
        # A host name read from a query, URL or destination is a name the device looked up.
        return s.add(EntityType.DOMAIN, value, domain=value)
    if read is not None:
        return read(s, value)
    kind = text(obj, "type") or f"observable type {type_id or 'unknown'}"
    return s.add(EntityType.OTHER, value, kind=kind, name=text(obj, "name"))


def _hash(s: o.Scope, value: str) -> str | None:
    key = _HASH_LENGTHS.get(len(value))
    return s.add(EntityType.FILE, value, **({key: value} if key else {}))


_DEVICE_OBJECTS = frozenset({"", "device", "src_endpoint", "agent", "host"})
_OBSERVABLE_NAMES = {
    "hostname": "1",
    "ip": "2",
    "email_addr": "5",
    "url_string": "6",
}
_OBSERVABLES: Mapping[str, Callable[[o.Scope, str], str | None]] = {
    "1": lambda s, v: o.device(s, {"hostname": v}, ""),
    "2": lambda s, v: s.add(EntityType.IP, v, address=v),
    "4": lambda s, v: o.user(s, {"name": v}, ""),
    "5": lambda s, v: s.add(EntityType.MAILBOX, v, address=v),
    "6": lambda s, v: s.add(EntityType.URL, v, url=v),
    "7": lambda s, v: s.add(EntityType.FILE, v, name=v),
    "8": _hash,
    "9": lambda s, v: s.add(EntityType.PROCESS, v, image=v),
    "10": lambda s, v: s.add(EntityType.CLOUD_RESOURCE, v, resource_id=v),
    "20": lambda s, v: o.device(s, {"hostname": v}, ""),
    "21": lambda s, v: o.user(s, {"name": v}, ""),
    "23": lambda s, v: s.add(EntityType.URL, v, url=v),
    "24": lambda s, v: s.add(EntityType.FILE, v, name=v),
    "25": lambda s, v: s.add(EntityType.PROCESS, v, image=v),
    "28": lambda s, v: s.add(EntityType.REGISTRY, v, key=v),
}
