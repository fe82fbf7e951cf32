"""The entities an OCSF finding names: top-level objects, evidences, observables, malware."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from wingman.core.incidents.formats import ocsf_objects as o
from wingman.core.incidents.formats.fields import describe, get, mapping, text
from wingman.core.incidents.formats.ocsf_observables import observable

_EVIDENCE: Mapping[str, o.Reader] = {
    "device": o.device,
    "process": o.process,
    "file": o.file,
    "user": o.user,
    "url": o.url,
    "query": o.query,
    "email": o.email,
    "reg_key": o.registry,
    "reg_value": o.registry,
    "resources": o.resource,
    "src_endpoint": lambda s, obj, path, host: o.endpoint(s, obj, "source"),
    "dst_endpoint": lambda s, obj, path, host: o.endpoint(s, obj, "destination"),
    "http_request": lambda s, obj, path, host: o.url(s, mapping(get(obj, "url")), path),
    "actor": lambda s, obj, path, host: _actor(s, obj, path, host),
}
# Evidence keys that describe the evidence itself rather than name an entity.
_NOT_ENTITIES = frozenset(
    {"name", "uid", "data", "connection_info", "verdict", "verdict_id", "reason", "type"}
    | {"type_id", "http_response", "tls", "desc"}
)
# Top-level entity objects of a finding, read after its device.
_RECORD_OBJECTS = (
    *("actor", "user", "process", "file", "src_endpoint", "dst_endpoint", "url"),
    *("query", "email", "reg_key", "reg_value"),
)


def finding_info(record: Mapping[str, Any]) -> Mapping[str, Any]:
    """The finding's details: `finding_info` (1.1 on) or `finding` (1.0)."""
    return mapping(get(record, "finding_info")) or mapping(get(record, "finding"))


def finding_info_path(record: Mapping[str, Any], path: str) -> str:
    """Return the JSON path of the finding's details, for warnings."""
    return f"{path}.finding" if not mapping(get(record, "finding_info")) else f"{path}.finding_info"


def read_entities(s: o.Scope, record: Mapping[str, Any], path: str) -> None:
    """The entities a finding names, at the top level and in its evidences and observables."""
    device = o.child(s.out, record, "device", path)
    host = o.device(s, device, f"{path}.device") if device else None
    for key in _RECORD_OBJECTS:
        found = o.child(s.out, record, key, path)
        if found:
            _EVIDENCE[key](s, found, f"{path}.{key}", host)
    for item_path, item in o.objects(s.out, record, "resources", path):
        o.resource(s, item, item_path)
    for item_path, item in o.objects(s.out, record, "evidences", path):
        _evidence(s, item, item_path, host)
    _extras(s, record, path)


def _extras(s: o.Scope, record: Mapping[str, Any], path: str) -> None:
    """Observables (also of related events), malware files and vulnerabilities."""
    at = finding_info_path(record, path)
    events = list(o.objects(s.out, finding_info(record), "related_events", at))
    for body_path, body in [(path, record), *events]:
        for item_path, item in o.objects(s.out, body, "observables", body_path):
            observable(s, item, item_path)
    for item_path, item in o.objects(s.out, record, "malware", path):
        location = text(item, "path")
        if location:
            o.file(s, {"name": re.split(r"[\\/]", location)[-1], "path": location}, item_path)
    for _, item in o.objects(s.out, record, "vulnerabilities", path):
        cve = text(item, "cve", "uid")
        o.other(s, "vulnerability", {**item, "name": cve or text(item, "title")})


def _evidence(s: o.Scope, evidence: Mapping[str, Any], path: str, host: str | None) -> None:
    """One evidence: its device first, then every object it carries; unknown ones as other."""
    device = o.child(s.out, evidence, "device", path)
    host = o.device(s, device, f"{path}.device") if device else host
    for key, value in list(evidence.items()):
        read = _EVIDENCE.get(key)
        if key in _NOT_ENTITIES or key == "device" or value is None:
            continue
        if not isinstance(value, Mapping | list):
            if read is not None:
                s.out.warn(f"{path}.{key}: expected an object, got {describe(value)}; skipped")
            continue
        for item_path, item in o.objects(s.out, evidence, key, path):
            if read is not None:
                read(s, item, item_path, host)
            else:
                o.other(s, key, item)


def _actor(s: o.Scope, obj: Mapping[str, Any], path: str, host: str | None) -> str | None:
    """The actor's user, and its process run as that user."""
    found = o.child(s.out, obj, "user", path)
    account = o.user(s, found, f"{path}.user") if found else None
    found = o.child(s.out, obj, "process", path)
    if found:
        s.out.relate("ran_as", o.process(s, found, f"{path}.process", host), account)
    return account
