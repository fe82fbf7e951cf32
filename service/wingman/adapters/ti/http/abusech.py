"""abuse.ch: URLhaus (malware URLs and hosts), ThreatFox (IOCs) and MalwareBazaar (samples).

All three list only what someone reported as malware infrastructure, so a hit is never benign.
URLhaus: a listed URL is malicious, scoring 90 while online, 75 when its state is unknown and 60
once offline; a host that serves a URL online now is malicious (80), one that only did in the past
suspicious (50); a known payload is malicious (90). ThreatFox: the score is the highest reporter
`confidence_level`; from 50 it is malicious, below suspicious. MalwareBazaar: a known sample is
malicious (90). Each answers in JSON with a `query_status`: `ok`, a "no results" status (not
found), an auth-key status (`unknown_auth_key`: an AUTH error) or another refusal (MALFORMED).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from wingman.adapters.ti.http import fields
from wingman.adapters.ti.provider import (
    HttpCall,
    HttpProvider,
    ProviderError,
    ProviderErrorKind,
)
from wingman.core.models import Indicator, IndicatorType, Verdict
from wingman.core.ti.verdicts import ProviderAnswer

_NO_RESULTS = frozenset({"no_results", "no_result", "hash_not_found"})
_URL_SCORES = {"online": 90, "unknown": 75, "offline": 60}
_HASH_FIELDS = {IndicatorType.MD5: "md5_hash", IndicatorType.SHA256: "sha256_hash"}
_IPS = frozenset({IndicatorType.IPV4, IndicatorType.IPV6})
_SEARCHES_HASH = frozenset({IndicatorType.MD5, IndicatorType.SHA256})


def answered(provider: str, status: int, body: Any) -> Mapping[str, Any] | None:
    """The answer when `query_status` is ok, None when it found nothing; raise otherwise."""
    if status == 404:
        raise fields.malformed(provider, "HTTP 404 is not an answer of this API")
    answer = fields.mapping(body, provider=provider, what="the answer")
    query_status = answer.get("query_status")
    if not isinstance(query_status, str):
        raise fields.malformed(provider, "no query_status")
    if query_status == "ok":
        return answer
    if query_status in _NO_RESULTS:
        return None
    if "auth" in query_status:
        raise ProviderError(ProviderErrorKind.AUTH, f"{provider}: {fields.text(query_status)}")
    raise fields.malformed(provider, f"query_status {fields.text(query_status, limit=40)}")


class _AbuseCh(HttpProvider):
    """What the three share: the `Auth-Key` header, required since 2024; fair use, no budget."""

    def key(self) -> dict[str, str]:
        """The Auth-Key header, when there is a key."""
        return {"Auth-Key": self.api_key} if self.api_key else {}


class URLhaus(_AbuseCh):
    """URLhaus: URLs, hosts (domains, IPv4) and payloads (MD5, SHA-256)."""

    name: ClassVar[str] = "urlhaus"
    types: ClassVar[frozenset[IndicatorType]] = frozenset(
        {IndicatorType.URL, IndicatorType.DOMAIN, IndicatorType.IPV4, *_HASH_FIELDS}
    )
    default_base_url: ClassVar[str] = "https://urlhaus-api.abuse.ch"

    def call(self, indicator: Indicator) -> HttpCall:
        """POST the form of the URL, host or payload query."""
        if indicator.type is IndicatorType.URL:
            path, form = "/v1/url/", {"url": indicator.value}
        elif indicator.type in _HASH_FIELDS:
            path, form = "/v1/payload/", {_HASH_FIELDS[indicator.type]: indicator.value}
        else:
            path, form = "/v1/host/", {"host": indicator.value}
        return HttpCall("POST", path, data=form, headers=self.key())

    def read(self, indicator: Indicator, status: int, body: Any) -> ProviderAnswer:
        """The listing of the URL, the host's URLs or the payload."""
        answer = answered(self.name, status, body)
        if answer is None:
            return ProviderAnswer(Verdict.UNKNOWN, found=False)
        if indicator.type is IndicatorType.URL:
            return _url(answer)
        if indicator.type in _HASH_FIELDS:
            return _payload(answer)
        return _host(answer)


def _url(answer: Mapping[str, Any]) -> ProviderAnswer:
    state = fields.text(answer.get("url_status"), limit=20).lower()
    state = state if state in _URL_SCORES else "unknown"
    threat = fields.text(answer.get("threat"), limit=40) or "malware"
    return ProviderAnswer(
        Verdict.MALICIOUS,
        score=_URL_SCORES[state],
        first_seen=fields.text_iso(answer.get("date_added")),
        last_seen=fields.text_iso(answer.get("last_online")),
        tags=fields.tags([threat, *fields.items(answer.get("tags"))]),
        references=fields.reference(answer.get("urlhaus_reference")),
        summary=f"URLhaus lists it for {threat}, {state}",
    )


def _host(answer: Mapping[str, Any]) -> ProviderAnswer:
    urls = fields.objects(answer.get("urls"))
    total = max(fields.count(answer.get("url_count")), len(urls))
    online = sum(fields.text(u.get("url_status")) == "online" for u in urls)
    found: list[Any] = []
    for url in urls:
        found.append(url.get("threat"))
        found.extend(fields.items(url.get("tags")))
    return ProviderAnswer(
        Verdict.MALICIOUS if online else Verdict.SUSPICIOUS,
        score=80 if online else 50,
        first_seen=fields.text_iso(answer.get("firstseen")),
        last_seen=fields.latest(fields.text_iso(u.get("date_added")) for u in urls),
        tags=fields.tags(found),
        references=fields.reference(answer.get("urlhaus_reference")),
        summary=f"served {total} malware URL{'s' if total != 1 else ''} ({online} online)",
    )


def _payload(answer: Mapping[str, Any]) -> ProviderAnswer:
    signature = fields.text(answer.get("signature"), limit=60)
    file_type = fields.text(answer.get("file_type"), limit=20)
    urls = max(fields.count(answer.get("url_count")), len(fields.items(answer.get("urls"))))
    return ProviderAnswer(
        Verdict.MALICIOUS,
        score=90,
        first_seen=fields.text_iso(answer.get("firstseen")),
        last_seen=fields.text_iso(answer.get("lastseen")),
        tags=fields.tags([signature, file_type]),
        summary=f"a {signature or 'malware'} payload ({file_type or 'file'}) "
        f"served by {urls} URL{'s' if urls != 1 else ''}",
    )


class ThreatFox(_AbuseCh):
    """ThreatFox: IOCs by value (`search_ioc`) and those tied to a sample (`search_hash`)."""

    name: ClassVar[str] = "threatfox"
    types: ClassVar[frozenset[IndicatorType]] = frozenset(
        {IndicatorType.IPV4, IndicatorType.DOMAIN, IndicatorType.URL, *_SEARCHES_HASH}
    )
    default_base_url: ClassVar[str] = "https://threatfox-api.abuse.ch"

    def call(self, indicator: Indicator) -> HttpCall:
        """POST the JSON search for the value (an exact one but for IPs, listed as `ip:port`)."""
        query: dict[str, Any]
        if indicator.type in _SEARCHES_HASH:
            query = {"query": "search_hash", "hash": indicator.value}
        else:
            query = {"query": "search_ioc", "search_term": indicator.value}
            if indicator.type not in _IPS:
                query["exact_match"] = True
        return HttpCall("POST", "/api/v1/", json=query, headers=self.key())

    def read(self, indicator: Indicator, status: int, body: Any) -> ProviderAnswer:
        """The IOCs that match, scored by their reporters' confidence."""
        answer = answered(self.name, status, body)
        if answer is None:
            return ProviderAnswer(Verdict.UNKNOWN, found=False)
        if not isinstance(answer.get("data"), list):
            raise fields.malformed(self.name, "data is not a list")
        iocs = [ioc for ioc in fields.objects(answer["data"]) if _matches(indicator, ioc)]
        if not iocs:
            return ProviderAnswer(Verdict.UNKNOWN, found=False)
        score = fields.bounded(max(fields.count(ioc.get("confidence_level")) for ioc in iocs))
        best = max(iocs, key=lambda ioc: fields.count(ioc.get("confidence_level")))
        malware = fields.text(best.get("malware_printable"), limit=60) or "malware"
        threat = fields.text(best.get("threat_type"), limit=40)
        found: list[Any] = []
        for ioc in iocs:
            found += [ioc.get("malware_printable"), ioc.get("threat_type")]
            found += fields.items(ioc.get("tags"))
        more = f" ({len(iocs)} IOCs)" if len(iocs) > 1 else ""
        return ProviderAnswer(
            Verdict.MALICIOUS if score >= 50 else Verdict.SUSPICIOUS,
            score=score,
            first_seen=fields.earliest(fields.text_iso(i.get("first_seen")) for i in iocs),
            last_seen=fields.latest(
                fields.text_iso(i.get("last_seen")) or fields.text_iso(i.get("first_seen"))
                for i in iocs
            ),
            tags=fields.tags(found),
            references=tuple(
                f"https://threatfox.abuse.ch/ioc/{ident}/"
                for ident in (fields.safe_id(ioc.get("id")) for ioc in iocs[:3])
                if ident
            ),
            summary=f"{malware} {threat}".rstrip() + f", {score}% confidence{more}",
        )


def _matches(indicator: Indicator, ioc: Mapping[str, Any]) -> bool:
    # An IP search matches by prefix (`ip:port`); keep only IOCs of this very address.
    if indicator.type not in _IPS:
        return True
    value = fields.text(ioc.get("ioc"), limit=300)
    return value == indicator.value or value.startswith(f"{indicator.value}:")


class MalwareBazaar(_AbuseCh):
    """MalwareBazaar: samples by MD5, SHA-1 or SHA-256 (`get_info`)."""

    name: ClassVar[str] = "malwarebazaar"
    types: ClassVar[frozenset[IndicatorType]] = frozenset(
        {IndicatorType.MD5, IndicatorType.SHA1, IndicatorType.SHA256}
    )
    default_base_url: ClassVar[str] = "https://mb-api.abuse.ch"

    def call(self, indicator: Indicator) -> HttpCall:
        """POST the `get_info` form for the hash."""
        return HttpCall(
            "POST",
            "/api/v1/",
            data={"query": "get_info", "hash": indicator.value},
            headers=self.key(),
        )

    def read(self, indicator: Indicator, status: int, body: Any) -> ProviderAnswer:
        """The sample's signature, tags and dates."""
        answer = answered(self.name, status, body)
        if answer is None:
            return ProviderAnswer(Verdict.UNKNOWN, found=False)
        samples = answer.get("data")
        if not isinstance(samples, list) or not samples or not isinstance(samples[0], dict):
            raise fields.malformed(self.name, "data is not a list of samples")
        sample = samples[0]
        signature = fields.text(sample.get("signature"), limit=60)
        file_type = fields.text(sample.get("file_type"), limit=20)
        sha256 = fields.safe_id(sample.get("sha256_hash"))
        return ProviderAnswer(
            Verdict.MALICIOUS,
            score=90,
            first_seen=fields.text_iso(sample.get("first_seen")),
            last_seen=fields.text_iso(sample.get("last_seen")),
            tags=fields.tags([signature, *fields.items(sample.get("tags")), file_type]),
            references=(f"https://bazaar.abuse.ch/sample/{sha256}/",) if sha256 else (),
            summary=f"a {signature or 'malware'} sample ({file_type or 'file'}) on MalwareBazaar",
        )
