"""Canonical indicators: one spelling per value, so one cache entry and one upstream call.

Values arrive defanged (`hxxp://evil[.]example`), in any case, with trailing dots, in legacy IP
forms (`0x7f.1`) or with default ports. Each type has one canonical form; a value that is not
of its type is refused naming the item.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable, Mapping
from urllib.parse import urlsplit, urlunsplit

from wingman.core.errors import InvalidArgument
from wingman.core.models import Indicator, IndicatorType
from wingman.core.scripts.iocs import refang

MAX_VALUE_CHARS = 2048
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_HEX = {IndicatorType.MD5: 32, IndicatorType.SHA1: 40, IndicatorType.SHA256: 64}
_HEX_CHARS = re.compile(r"[0-9a-f]+")
_AT = re.compile(r"\s*[\[({]\s*at\s*[\])}]\s*", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443, "ftp": 21}
# Types no provider looks up; they are accepted and reported as not looked up.
NOT_LOOKED_UP = frozenset({IndicatorType.FILE_PATH, IndicatorType.REGISTRY_KEY})


class Malformed(ValueError):
    """A value that is not of the type it claims."""


def canonical(indicator: Indicator, *, field: str) -> Indicator:
    """The indicator in its canonical form; InvalidArgument naming `field` when malformed."""
    raw = indicator.value.strip()
    if not raw:
        raise InvalidArgument(f"{field}.value: empty", field=f"{field}.value")
    if len(raw) > MAX_VALUE_CHARS:
        raise InvalidArgument(
            f"{field}.value: {len(raw)} characters exceeds the limit of {MAX_VALUE_CHARS}",
            field=f"{field}.value",
        )
    try:
        value = _CANONICAL[indicator.type](raw)
    except Malformed as problem:
        raise InvalidArgument(
            f"{field}.value: not a valid {indicator.type.value}: {problem}", field=f"{field}.value"
        ) from None
    return Indicator(type=indicator.type, value=value)


def _ipv4(raw: str) -> str:
    text = refang(raw).strip("[]")
    try:
        return ipaddress.IPv4Address(text).compressed
    except ValueError:
        pass
    # Legacy forms resolvers still accept: 0x7f.1, 2130706433, 0177.0.0.1.
    if not re.fullmatch(r"[0-9a-fA-FxX.]+", text):
        raise Malformed("expected a dotted IPv4 address")
    try:
        return socket.inet_ntoa(socket.inet_aton(text))
    except OSError:
        raise Malformed("expected a dotted IPv4 address") from None


def _ipv6(raw: str) -> str:
    text = refang(raw).strip("[]").split("%", 1)[0]
    try:
        return ipaddress.IPv6Address(text).compressed
    except ValueError:
        raise Malformed("expected an IPv6 address") from None


def _domain(raw: str) -> str:
    text = refang(raw).strip().rstrip(".").lower()
    try:
        ascii_name = text.encode("idna").decode("ascii") if not text.isascii() else text
    except UnicodeError:
        raise Malformed("not a valid internationalised name") from None
    labels = ascii_name.split(".")
    if len(labels) < 2 or len(ascii_name) > 253:
        raise Malformed("expected a name with at least two labels, at most 253 characters")
    if not all(_LABEL.fullmatch(label) for label in labels) or labels[-1].isdigit():
        raise Malformed("labels are 1-63 letters, digits or hyphens")
    return ascii_name


def _url(raw: str) -> str:
    text = refang(raw).strip()
    if "://" not in text:
        text = f"http://{text}"
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise Malformed("not a parseable URL") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise Malformed("expected an http, https or ftp URL with a host")
    host = parts.hostname
    try:
        host = _ipv6(host) if ":" in host else _ipv4(host)
        host = f"[{host}]" if ":" in host else host
    except Malformed:
        host = _domain(host)
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def _email(raw: str) -> str:
    text = _AT.sub("@", refang(raw)).strip().lower()
    local, at, domain = text.rpartition("@")
    if not at or not local or len(local) > 64 or any(c.isspace() for c in local):
        raise Malformed("expected local-part@domain")
    return f"{local}@{_domain(domain)}"


def _hash(kind: IndicatorType) -> Callable[[str], str]:
    def canonical_hash(raw: str) -> str:
        text = raw.strip().lower()
        if len(text) != _HEX[kind] or not _HEX_CHARS.fullmatch(text):
            raise Malformed(f"expected {_HEX[kind]} hexadecimal digits")
        return text

    return canonical_hash


def _as_given(raw: str) -> str:
    return raw.strip()


_CANONICAL: Mapping[IndicatorType, Callable[[str], str]] = {
    IndicatorType.IPV4: _ipv4,
    IndicatorType.IPV6: _ipv6,
    IndicatorType.DOMAIN: _domain,
    IndicatorType.URL: _url,
    IndicatorType.EMAIL: _email,
    IndicatorType.MD5: _hash(IndicatorType.MD5),
    IndicatorType.SHA1: _hash(IndicatorType.SHA1),
    IndicatorType.SHA256: _hash(IndicatorType.SHA256),
    IndicatorType.FILE_PATH: _as_given,
    IndicatorType.REGISTRY_KEY: _as_given,
}
