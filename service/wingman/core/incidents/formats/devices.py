"""How a device's name splits into the host name and FQDN its entity carries."""

from __future__ import annotations

from wingman.core.incidents.formats.fields import is_ip


def fqdn_of(name: str) -> str:
    """Return the name when it is a dotted DNS name (not an IP address), else ''."""
    return name if "." in name and not is_ip(name) else ""


def host_names(name: str) -> tuple[str, str]:
    """Return a device name's short host name and its FQDN ('' when it has none)."""
    fqdn = fqdn_of(name)
    return (fqdn.split(".")[0] if fqdn else name), fqdn
