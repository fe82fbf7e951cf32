"""The well-known ExtendedProperties keys, read into entities the Entities list did not name.

Providers write the same facts under many spellings ("Compromised Host", "user name", "Command
Line", "Attacker IP"); keys are compared by their letters and digits only, lower-cased.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from wingman.core.incidents.formats.fields import is_ip, text
from wingman.core.incidents.formats.sentinel_entities import EntityReader
from wingman.core.incidents.formats.sentinel_values import user_value
from wingman.core.models import EntityType

_E = EntityType
_DEVICE = ("compromisedhost", "machinename", "hostname", "computername", "computer")
_USER = (
    "username",
    "accountname",
    "compromisedaccount",
    "createdaccount",
    "principalname",
    "clientprincipalname",
    "user",
)
_DOMAIN = ("domainname", "userdomain")
_SID = ("usersid", "accountsid")
_PROCESS = ("suspiciousprocess", "suspiciousprocessname", "processname", "processpath")
_COMMAND = ("commandline", "suspiciouscommandline", "processcommandline")
_PID = ("processid", "suspiciousprocessid")
_PARENT = ("parentprocess", "parentprocessname")
_PARENT_PID = ("parentprocessid",)
_SESSION = ("accountsessionid", "accountlogonid", "logonid", "sessionid")
# IP keys and the role they give the address.
_IPS = {
    "destinationip": "destination",
    "destinationipaddress": "destination",
    "sourceip": "source",
    "sourceipaddress": "source",
    "clientip": "source",
    "clientipaddress": "source",
    "attackerip": "attacker",
    "attackersourceip": "attacker",
    "attackeripaddress": "attacker",
    "victimip": "victim",
    "victimipaddress": "victim",
    "ipaddress": "",
    "ipaddresses": "",
    "machineip": "",
}
_THREAT = ("malware", "threatname", "malwarename")
_NOT_A_VALUE = {"-", "n/a", "na", "none", "null", "unknown", "{}", "[]"}
_SEPARATORS = re.compile(r"[,;\s]+")


def keyed(props: Mapping[str, Any]) -> dict[str, str]:
    """The text properties by key reduced to lower-case letters and digits."""
    found: dict[str, str] = {}
    for key, value in props.items():
        reduced = "".join(ch for ch in str(key).lower() if ch.isalnum())
        if text(value) and text(value).lower() not in _NOT_A_VALUE:
            found.setdefault(reduced, text(value))
    return found


def _pick(props: Mapping[str, str], keys: tuple[str, ...]) -> str:
    return next((props[key] for key in keys if props.get(key)), "")


def threat_name(props: Mapping[str, str]) -> str:
    """The malware the provider names, if any."""
    return _pick(props, _THREAT)


def read_extended(reader: EntityReader, props: Mapping[str, str]) -> None:
    """Add the device, user, process, IPs and logon session the properties name."""
    device = _pick(props, _DEVICE)
    if device and reader.find(_E.DEVICE, device) is None:
        reader.add(
            _E.DEVICE, device, hostname=device.split(".")[0], fqdn=device if "." in device else ""
        )
    _user(reader, props)
    _processes(reader, props)
    for key, role in _IPS.items():
        for address in _SEPARATORS.split(props.get(key, "")):
            if is_ip(address) and reader.find(_E.IP, address) is None:
                reader.add(_E.IP, address, address=address, roles=[role] if role else [])
    session = _pick(props, _SESSION)
    has_session = any(node.kind == "hostlogonsession" for node in reader.graph.nodes)
    if session and not has_session:
        reader.add(_E.OTHER, session, kind="host-logon-session", session_id=session)


def _user(reader: EntityReader, props: Mapping[str, str]) -> None:
    name = _pick(props, _USER)
    if not name:
        return
    fields = {"name": name, "ntdomain": _pick(props, _DOMAIN), "sid": _pick(props, _SID)}
    value, attributes = user_value(fields)
    known = (value, name, attributes["account"], attributes["sid"])
    if all(reader.find(_E.USER, each) is None for each in known if each):
        reader.add(_E.USER, value, node=None, **attributes)


def _processes(reader: EntityReader, props: Mapping[str, str]) -> None:
    command, image = _pick(props, _COMMAND), _pick(props, _PROCESS)
    parent = _pick(props, _PARENT)
    child = None
    if (command or image) and not any(reader.find(_E.PROCESS, v) for v in (command, image) if v):
        child = reader.add(
            _E.PROCESS,
            command or image,
            command_line=command,
            image=_base(image),
            image_path=image if _base(image) != image else "",
            pid=_pick(props, _PID),
            parent_image=_base(parent),
            parent_pid=_pick(props, _PARENT_PID),
        )
    if parent and reader.find(_E.PROCESS, parent) is None:
        parent_ref = reader.add(
            _E.PROCESS,
            parent,
            image=_base(parent),
            image_path=parent if _base(parent) != parent else "",
            pid=_pick(props, _PARENT_PID),
        )
        reader.out.relate("parent_of", parent_ref, child)


def _base(path: str) -> str:
    return re.split(r"[\\/]", path)[-1] if path else ""
