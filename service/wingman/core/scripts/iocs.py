"""Indicators of compromise in one text: URLs, addresses, domains, e-mails, hashes, paths, keys.

Nothing is resolved, fetched or run; every search goes through safe_regex. Defanged notations
(`hxxp`, `[.]`, `[:]`, ...) are refanged first and every value is a substring of the refanged text
(domains, e-mails, hashes and IPv6 addresses lower-cased); URLs, paths and registry keys are kept
as written, hive included (`HKLM:\\` is not rewritten to `HKEY_LOCAL_MACHINE\\`), so a value can
always be found again in the text. A URL claims its span: its host is reported as a domain or an
address and nothing else is looked for inside it; e-mails and registry keys claim theirs the same
way. A file path claims nothing: a hash-named file or a folder named like a domain inside it
(`%SystemRoot%\\Microsoft.NET\\`) is reported as well.
"""

from __future__ import annotations

import ipaddress
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex
from publicsuffixlist import PublicSuffixList

from wingman.core.models.common import IndicatorType
from wingman.core.scripts import ioc_patterns as p
from wingman.core.scripts.safe_regex import compile_pattern, finditer, search
from wingman.core.scripts.types import BudgetExceeded

# No IGNORECASE: the patterns spell both cases themselves (see ioc_patterns).
_FLAGS = regex.MULTILINE
_HOSTNAME = r"(?!-)[a-z0-9-]{1,63}+(?<!-)(?:\.(?!-)[a-z0-9-]{1,63}+(?<!-))*+\.?"
_HASHES = {32: IndicatorType.MD5, 40: IndicatorType.SHA1, 64: IndicatorType.SHA256}


@dataclass(frozen=True, slots=True)
class FoundIndicator:
    """One indicator; `start`/`end` are code-point offsets into the text that was searched."""

    type: IndicatorType
    value: str
    defanged: bool
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    type: IndicatorType
    value: str


@lru_cache(maxsize=1)
def _suffixes() -> PublicSuffixList:
    """Load the public suffix list once, on first use (it ships with the package, offline)."""
    # ICANN suffixes only: a private suffix such as azurewebsites.net is still a domain.
    return PublicSuffixList(accept_unknown=False, only_icann=True)


class _Refanged:
    """A text with its defanged notations rewritten, and the way back to the original offsets."""

    def __init__(self, text: str) -> None:
        parts: list[str] = []
        # (new_start, new_end, old_start, old_end) of each rewrite, in order.
        self.marks: list[tuple[int, int, int, int]] = []
        done = new = 0
        for match in _scan(p.DEFANG, text):
            parts.append(text[done : match.start()])
            new += match.start() - done
            replacement = p.REFANGED[str(match.lastgroup)]
            parts.append(replacement)
            self.marks.append((new, new + len(replacement), match.start(), match.end()))
            new += len(replacement)
            done = match.end()
        parts.append(text[done:])
        self.text = "".join(parts)
        self._ends = [mark[1] for mark in self.marks]

    def original(self, pos: int, *, end: bool) -> int:
        """Map an offset of the refanged text back to the original text."""
        index = bisect_right(self._ends, pos)
        if index < len(self.marks) and self.marks[index][0] < pos:
            return self.marks[index][3] if end else self.marks[index][2]
        if index == 0:
            return pos
        new_end, old_end = self.marks[index - 1][1], self.marks[index - 1][3]
        return pos - new_end + old_end

    def defanged(self, start: int, end: int) -> bool:
        """Tell whether a rewrite touches the span [start, end) of the refanged text."""
        index = bisect_right(self._ends, start)
        return index < len(self.marks) and self.marks[index][0] < end


class _Claims:
    """Non-overlapping spans already taken by an indicator."""

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        index = bisect_left(self._spans, (end, end)) - 1
        return index < 0 or self._spans[index][1] <= start

    def take(self, start: int, end: int) -> None:
        insort(self._spans, (start, end))


def refang(text: str) -> str:
    """Rewrite defanged notations (`hxxp`, `[.]`, `(.)`, `[dot]`, `[:]`, `[://]`) to plain ones."""
    return _Refanged(text).text


def extract_iocs(text: str) -> list[FoundIndicator]:
    """Return each (type, value) found in the text once, in order of first appearance."""
    refanged = _Refanged(text)
    claims = _Claims()
    hits: list[_Hit] = []
    for extractor in _EXTRACTORS:
        for hit in extractor(refanged.text, claims):
            hits.append(hit)
    hits.sort(key=lambda hit: (hit.start, -hit.end))
    seen: set[tuple[IndicatorType, str]] = set()
    found: list[FoundIndicator] = []
    for hit in hits:
        if (hit.type, hit.value) in seen:
            continue
        seen.add((hit.type, hit.value))
        found.append(
            FoundIndicator(
                type=hit.type,
                value=hit.value,
                defanged=refanged.defanged(hit.start, hit.end),
                start=refanged.original(hit.start, end=False),
                end=refanged.original(hit.end, end=True),
            )
        )
    return found


def _scan(pattern: str, text: str, flags: int = _FLAGS) -> Iterator[regex.Match[str]]:
    """Yield the matches of a pattern, stopping quietly when its search runs out of time."""
    try:
        yield from finditer(compile_pattern(pattern, flags), text)
    except BudgetExceeded:
        # A search that long is bait; what was found before it still stands.
        return


def _urls(text: str, claims: _Claims) -> Iterator[_Hit]:
    """Yield URLs and, for each, its host as a domain or an address."""
    for match in _scan(p.URL, text):
        url = match.group().rstrip(p.URL_TRAILING)
        start, end = match.start(), match.start() + len(url)
        host_start = start + url.index("://") + 3
        host = _host_span(text, host_start, end)
        claims.take(start, end)
        yield _Hit(start, end, IndicatorType.URL, url)
        if host is not None:
            yield from _host_hits(text, host[0], host[1], lenient=True)


def _host_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Locate the host of a URL whose authority starts at `start`; None when there is none."""
    stop = start
    while stop < end and text[stop] not in "/?#":
        stop += 1
    at = text.rfind("@", start, stop)
    if at >= 0:
        start = at + 1
    if start < stop and text[start] == "[":
        close = text.find("]", start, stop)
        return (start + 1, close) if close > start + 1 else None
    colon = text.find(":", start, stop)
    if colon >= 0:
        stop = colon
    return (start, stop) if start < stop else None


def _host_hits(text: str, start: int, end: int, *, lenient: bool) -> Iterator[_Hit]:
    """Yield the host in text[start:end] as an address or a domain when it is one."""
    host = text[start:end]
    if _is_ipv4(host):
        yield _Hit(start, end, IndicatorType.IPV4, host)
    elif ":" in host:
        if _is_ipv6(host):
            yield _Hit(start, end, IndicatorType.IPV6, host.lower())
    else:
        host = host.rstrip(".")
        end = start + len(host)
        # A URL names its host outright, so a single label (localhost) or an unknown TLD counts;
        # a host found elsewhere needs a public suffix.
        if _is_hostname(host) and (lenient or _registrable(host)):
            yield _Hit(start, end, IndicatorType.DOMAIN, host.lower())


def _is_ipv4(value: str) -> bool:
    """Tell whether a value is a dotted quad with octets in range and no leading zeros."""
    octets = value.split(".")
    return len(octets) == 4 and all(
        octet.isascii() and octet.isdigit() and str(int(octet)) == octet and int(octet) <= 255
        for octet in octets
    )


def _is_ipv6(value: str) -> bool:
    """Tell whether a value is an IPv6 address with at least one digit (`::add` is C++)."""
    if value == "::" or not any(char.isdigit() for char in value):
        return False
    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        return False
    return True


def _is_hostname(value: str) -> bool:
    """Tell whether a value is a syntactically valid host name that is not a bare number."""
    if not value or len(value) > 253 or value.replace(".", "").isdigit():
        return False
    return search(compile_pattern(rf"\A{_HOSTNAME}\Z", _FLAGS), value.lower()) is not None


def _registrable(value: str) -> bool:
    """Tell whether a name ends in a known public suffix with at least one label before it."""
    return _suffixes().privatesuffix(value.lower()) is not None


def _emails(text: str, claims: _Claims) -> Iterator[_Hit]:
    """Yield e-mail addresses whose domain has a public suffix."""
    for match in _scan(p.EMAIL, text):
        value = match.group().rstrip(".-")
        start, end = match.start(), match.start() + len(value)
        domain = value.rsplit("@", 1)[1]
        if _is_hostname(domain) and _registrable(domain) and claims.free(start, end):
            claims.take(start, end)
            yield _Hit(start, end, IndicatorType.EMAIL, value.lower())


def _registry_keys(text: str, claims: _Claims) -> Iterator[_Hit]:
    """Yield registry keys, hive kept as written."""
    for match in _scan(p.REGISTRY, text):
        value = match.group().rstrip(p.PATH_TRAILING)
        start, end = match.start(), match.start() + len(value)
        if len(value) <= p.PATH_MAX and claims.free(start, end):
            claims.take(start, end)
            yield _Hit(start, end, IndicatorType.REGISTRY_KEY, value)


def _paths(text: str, claims: _Claims) -> Iterator[_Hit]:
    """Yield Windows (drive, environment, UNC) and Unix paths, and the host of a UNC path."""
    for pattern in (p.WIN_PATH, p.ENV_PATH, p.UNC_PATH, p.UNIX_PATH):
        for match in _scan(pattern, text):
            value = match.group().rstrip(p.PATH_TRAILING)
            start, end = match.start(), match.start() + len(value)
            if len(value) > p.PATH_MAX or not claims.free(start, end):
                continue
            yield _Hit(start, end, IndicatorType.FILE_PATH, value)
            if "host" in match.groupdict():
                yield from _host_hits(text, match.start("host"), match.end("host"), lenient=False)


def _ipv4s(text: str, claims: _Claims) -> Iterator[_Hit]:
    """Yield IPv4 addresses that are neither version numbers nor netmasks."""
    version = compile_pattern(p.VERSION_CONTEXT, _FLAGS)
    for match in _scan(p.IPV4, text):
        value = match.group()
        # Netmasks, broadcast and the unspecified address are settings, not indicators.
        if value == "0.0.0.0" or value.startswith("255.") or not _is_ipv4(value):
            continue
        before = text[max(0, match.start() - 24) : match.start()]
        if claims.free(*match.span()) and search(version, before) is None:
            yield _Hit(match.start(), match.end(), IndicatorType.IPV4, value)


def _ipv6s(text: str, claims: _Claims) -> Iterator[_Hit]:
    """Yield IPv6 addresses that the ipaddress module accepts."""
    for match in _scan(p.IPV6, text):
        value = match.group()
        if claims.free(*match.span()) and _is_ipv6(value):
            yield _Hit(match.start(), match.end(), IndicatorType.IPV6, value.lower())


def _hashes(text: str, claims: _Claims) -> Iterator[_Hit]:
    """Yield MD5, SHA-1 and SHA-256 digests: exact lengths, hex letters and digits mixed."""
    for match in _scan(p.HASH, text):
        value = match.group().lower()
        kind = _HASHES.get(len(value))
        if kind is None or not claims.free(match.start(), match.end()):
            continue
        # Reject runs of one character, pure numbers and pure letters: no digest looks like that.
        if any(char.isdigit() for char in value) and not value.isdigit():
            yield _Hit(match.start(), match.end(), kind, value)


def _domains(text: str, claims: _Claims) -> Iterator[_Hit]:
    """Yield free-standing domain names that do not look like file names or code."""
    for match in _scan(p.DOMAIN, text):
        token = match.group()
        start, end = match.start(), match.end()
        following = text[end : end + 1]
        # A call (`req.info()`), an e-mail's local part, or a name that goes on in other letters.
        if following in ("(", "@", "_") or following.isalnum():
            continue
        if claims.free(start, end) and _looks_like_domain(token.lower()):
            yield _Hit(start, end, IndicatorType.DOMAIN, token.lower())


# Scripts repeat the same dotted names (member accesses, file names) many times over.
@lru_cache(maxsize=8192)
def _looks_like_domain(token: str) -> bool:
    """Tell whether a dotted token is a domain rather than a file name or a member access."""
    if not _is_hostname(token) or not _registrable(token):
        return False
    if token.startswith("www."):
        return True
    labels = token.split(".")
    suffix = str(_suffixes().publicsuffix(token))
    if suffix in p.MEMBER_SUFFIXES or labels[0] in p.CODE_ROOTS:
        return False
    if (token + ".").startswith(p.CODE_PREFIXES):
        return False
    if suffix in p.FILE_EXTENSION_SUFFIXES:
        return len(labels) > 2 and not any(label.isdigit() for label in labels)
    return True


_EXTRACTORS: tuple[Callable[[str, _Claims], Iterator[_Hit]], ...] = (
    _urls,
    _emails,
    _registry_keys,
    _paths,
    _ipv4s,
    _ipv6s,
    _hashes,
    _domains,
)
