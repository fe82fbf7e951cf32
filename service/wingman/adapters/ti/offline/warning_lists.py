"""The known-benign lists: MISP warning lists shipped by `pymispwarninglists`, read offline.

A value on one of them is never looked up (see `core.ti.exclusions`), so a list counts only when
being on it means "a false positive, not worth asking": public resolvers, vendor domains, benign
file hashes, scanners, CDN edges. Lists that merely say "known" are left out (`EXCLUDED`, each
with its reason): on them are the very places attackers work from. How entries match follows the
list's type: `string` exactly (a leading dot is dropped, never read as "every subdomain": tenant
subdomains of cloud platforms such as `*.azurewebsites.net` host phishing), `hostname` the name
and its subdomains, `substring` anywhere in the value, `cidr` the address or network. `regex`
lists are not read. Each list applies only to the indicator types its `matching_attributes` name.
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import socket
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pymispwarninglists

from wingman.adapters.ti.offline.source import canonical_key, read_json
from wingman.config import TISettings
from wingman.core.models import Indicator, IndicatorType
from wingman.core.ti.exclusions import BenignList

LISTS_DIR = Path(pymispwarninglists.__file__).parent / "data" / "misp-warninglists" / "lists"
_BROAD = "every name ends in one: they would make every domain benign"
_POPULAR = (
    "popular is not benign: free hosting, file sharing and dynamic DNS rank high, and every "
    "subdomain of a ranked name would pass"
)
_ABUSED = "a service attackers use as much as anyone: being on it says nothing benign"
_PANDEMIC = "unvetted 2020 names (arcgis.com, fresh .tk domains), matched with every subdomain"
_RENTED = "anyone can rent an address there: attacker servers live in these ranges"
EXCLUDED: Mapping[str, str] = {
    "tlds": _BROAD,
    "second-level-tlds": _BROAD,
    **dict.fromkeys(
        (
            "alexa",
            "cisco_top1000",
            "cisco_top5k",
            "cisco_top10k",
            "cisco_top20k",
            "google-chrome-crux-1million",
            "majestic_million",
            "moz-top500",
            "tranco",
            "tranco10k",
        ),
        _POPULAR,
    ),
    **dict.fromkeys(
        (
            "disposable-email",
            "dynamic-dns",
            "link-in-bio",
            "lots-project",
            "parking-domain",
            "parking-domain-ns",
            "public-ipfs-gateways",
            "url-shortener",
            "vpn-ipv4",
            "vpn-ipv6",
        ),
        _ABUSED,
    ),
    "whats-my-ip": "malware asks these for its public address: a lookup there is a signal",
    "findip-host": "malware asks these for its public address: a lookup there is a signal",
    "sinkholes": "a host that talks to a sinkhole is infected",
    # Hostname lists that name shared platforms, so every subdomain and URL on them would pass.
    "digitalside": "names amazonaws.com, dropbox.com and pastebin.com: every bucket and paste",
    "security-provider-blogpost": "names github.com and medium.com: every release and post",
    "covid": _PANDEMIC,
    "covid-19-cyber-threat-coalition-whitelist": _PANDEMIC,
    "covid-19-krassi-whitelist": _PANDEMIC,
    **dict.fromkeys(
        (
            "amazon-aws",
            "google-gcp",
            "microsoft-azure",
            "microsoft-azure-china",
            "microsoft-azure-germany",
            "microsoft-azure-us-gov",
            "ovh-cluster",
            "github",  # the published ranges include the Actions runners, which run anyone's code
        ),
        _RENTED,
    ),
}
_IP = (IndicatorType.IPV4, IndicatorType.IPV6)
_HOSTS = (IndicatorType.DOMAIN, IndicatorType.URL)
_ATTRIBUTES: Mapping[str, tuple[IndicatorType, ...]] = {
    **dict.fromkeys(("ip-src", "ip-dst", "ip-src|port", "ip-dst|port"), _IP),
    **dict.fromkeys(("domain", "hostname", "hostname|port"), (IndicatorType.DOMAIN,)),
    **dict.fromkeys(("url", "uri", "link"), (IndicatorType.URL,)),
    **dict.fromkeys(("email", "email-src", "email-dst", "target-email"), (IndicatorType.EMAIL,)),
    **dict.fromkeys(("md5", "filename|md5"), (IndicatorType.MD5,)),
    **dict.fromkeys(("sha1", "filename|sha1"), (IndicatorType.SHA1,)),
    **dict.fromkeys(("sha256", "filename|sha256"), (IndicatorType.SHA256,)),
}
_HEX = re.compile(r"[0-9a-f]+")
_HEX_LENGTHS = {IndicatorType.MD5: 32, IndicatorType.SHA1: 40, IndicatorType.SHA256: 64}
Network = tuple[int, int, int]  # version, prefix length, network address as an integer


@dataclass(slots=True)
class WarningLists:
    """A `BenignList` over the warning lists, indexed by type so a lookup is a few dict hits."""

    exact: dict[tuple[IndicatorType, str], str] = field(default_factory=dict)
    suffixes: dict[str, str] = field(default_factory=dict)
    substrings: dict[IndicatorType, list[tuple[str, str]]] = field(default_factory=dict)
    networks: dict[Network, str] = field(default_factory=dict)
    # Per IP version, the prefix lengths present, longest first: a lookup tries each once.
    prefixes: dict[int, tuple[int, ...]] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)

    def listed(self, indicator: Indicator) -> str | None:
        """The name of a list the (canonical) indicator is on, or None."""
        kind, value = indicator.type, indicator.value
        found = self.exact.get((kind, value))
        if found is None and kind in _IP:
            found = self._network(value)
        if found is None and kind in _HOSTS:
            found = self._suffix(_host(indicator))
        if found is None:
            found = next((n for s, n in self.substrings.get(kind, ()) if s in value), None)
        return found

    def _network(self, value: str) -> str | None:
        try:
            address = ipaddress.ip_address(value)
        except ValueError:
            return None
        whole, bits = int(address), address.max_prefixlen
        for prefix in self.prefixes.get(address.version, ()):
            network = whole >> (bits - prefix) << (bits - prefix)
            found = self.networks.get((address.version, prefix, network))
            if found is not None:
                return found
        return None

    def _suffix(self, host: str) -> str | None:
        labels = host.split(".")
        for start in range(len(labels) - 1):
            found = self.suffixes.get(".".join(labels[start:]))
            if found is not None:
                return found
        return None

    def add(
        self, kind: str, name: str, entries: Iterable[object], types: set[IndicatorType]
    ) -> None:
        """Index one list of `kind` (string, hostname, substring or cidr) for `types`."""
        self.names.append(name)
        for entry in entries:
            if not isinstance(entry, str) or not entry.strip(". "):
                continue
            text = entry.strip().lower()
            if kind == "string":
                for indicator_type in types:
                    key = _key(indicator_type, text.lstrip("."))
                    if key:
                        self.exact.setdefault(key, name)
            elif kind == "hostname" and types & set(_HOSTS):
                self.suffixes.setdefault(text.strip("."), name)
            elif kind == "substring":
                for indicator_type in types:
                    self.substrings.setdefault(indicator_type, []).append((text, name))
            elif kind == "cidr" and types & set(_IP):
                self._add_network(text, name)

    def _add_network(self, text: str, name: str) -> None:
        key = _network(text)
        if key is not None:
            self.networks.setdefault(key, name)
            self.prefixes[key[0]] = tuple(sorted({*self.prefixes.get(key[0], ()), key[1]}))[::-1]


def _network(text: str) -> Network | None:
    # Most entries are single addresses: inet_pton reads them far faster than ip_network.
    for version, family, bits in ((4, socket.AF_INET, 32), (6, socket.AF_INET6, 128)):
        with contextlib.suppress(OSError):
            return version, bits, int.from_bytes(socket.inet_pton(family, text), "big")
    try:
        network = ipaddress.ip_network(text, strict=False)
    except ValueError:
        return None
    return network.version, network.prefixlen, int(network.network_address)


def _key(kind: IndicatorType, text: str) -> tuple[IndicatorType, str] | None:
    # Hashes are most entries (hundreds of thousands): their canonical form is the lower-case
    # hex itself, so it is checked here rather than through `canonical` one value at a time.
    if kind in _HEX_LENGTHS:
        return (kind, text) if len(text) == _HEX_LENGTHS[kind] and _HEX.fullmatch(text) else None
    if kind is IndicatorType.URL and "://" not in text:
        return None  # a bare name on a URL list is matched through the URL's host instead
    return canonical_key(kind, text)


def _host(indicator: Indicator) -> str:
    if indicator.type is IndicatorType.URL:
        rest = indicator.value.split("://", 1)[-1]
        host = rest.split("/", 1)[0].rsplit("@", 1)[-1]
        return host.rsplit(":", 1)[0] if not host.startswith("[") else host
    return indicator.value


def load_warning_lists(
    *, lists_dir: Path = LISTS_DIR, excluded: Mapping[str, str] = EXCLUDED
) -> WarningLists:
    """Read and index every warning list under `lists_dir` except the `excluded` ones."""
    index = WarningLists()
    for path in sorted(lists_dir.glob("*/list.json")):
        if path.parent.name in excluded:
            continue
        document = read_json(path)
        if not isinstance(document, dict) or not isinstance(document.get("list"), list):
            raise ValueError(f"{path}: not a MISP warning list")
        attributes = document.get("matching_attributes")
        types = {
            t
            for a in (attributes if isinstance(attributes, list) else ())
            for t in _ATTRIBUTES.get(str(a), ())
        }
        name = str(document.get("name") or path.parent.name)[:200]
        if types:
            index.add(str(document.get("type")), name, document["list"], types)
    return index


def benign_lists(settings: TISettings, *, lists_dir: Path = LISTS_DIR) -> list[BenignList]:
    """The known-benign lists the settings ask for: the warning lists, or none."""
    return [load_warning_lists(lists_dir=lists_dir)] if settings.benign_lists else []
