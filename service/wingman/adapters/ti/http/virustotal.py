"""VirusTotal API v3: files by hash, IP addresses, domains and URLs (`data.attributes`).

Verdict and score come from the engines' last analysis (`last_analysis_stats`): three or more
engines calling the object malicious make it malicious, with a score of 60 that grows by two per
further engine; one or two malicious engines, or any suspicious one, make it suspicious (20 per
malicious engine, 10 per suspicious one, below 60). With no engine objecting, a negative
community `reputation` makes it suspicious (score 20) and otherwise it is benign. An object no
engine has analysed yet is unknown. A 404 `NotFoundError` means VirusTotal has never seen it.
"""

from __future__ import annotations

import base64
from typing import Any, ClassVar
from urllib.parse import quote

from wingman.adapters.ti.http import fields
from wingman.adapters.ti.provider import HttpCall, HttpProvider
from wingman.core.models import Indicator, IndicatorType, Verdict
from wingman.core.ti.verdicts import ProviderAnswer

_HASHES = frozenset({IndicatorType.MD5, IndicatorType.SHA1, IndicatorType.SHA256})
_COLLECTIONS = {
    IndicatorType.IPV4: "ip_addresses",
    IndicatorType.IPV6: "ip_addresses",
    IndicatorType.DOMAIN: "domains",
    IndicatorType.URL: "urls",
}
# The web page of each object type, for the analyst's link.
_GUI = {"file": "file", "ip_address": "ip-address", "domain": "domain", "url": "url"}
_ANSWERED = ("malicious", "suspicious", "harmless", "undetected")


def url_id(url: str) -> str:
    """VirusTotal's identifier of a URL: its unpadded URL-safe base64."""
    return base64.urlsafe_b64encode(url.encode()).decode("ascii").rstrip("=")


class VirusTotal(HttpProvider):
    """VirusTotal v3 (`x-apikey`); the public API allows 4 lookups a minute (and 500 a day)."""

    name: ClassVar[str] = "virustotal"
    types: ClassVar[frozenset[IndicatorType]] = frozenset({*_HASHES, *_COLLECTIONS})
    default_base_url: ClassVar[str] = "https://www.virustotal.com"
    default_rate: ClassVar[str | None] = "4/60s"

    def call(self, indicator: Indicator) -> HttpCall:
        """GET the object's report."""
        if indicator.type in _HASHES:
            path = f"/api/v3/files/{quote(indicator.value, safe='')}"
        elif indicator.type is IndicatorType.URL:
            path = f"/api/v3/urls/{url_id(indicator.value)}"
        else:
            path = f"/api/v3/{_COLLECTIONS[indicator.type]}/{quote(indicator.value, safe=':')}"
        headers = {"x-apikey": self.api_key} if self.api_key else {}
        return HttpCall("GET", path, headers=headers)

    def read(self, indicator: Indicator, status: int, body: Any) -> ProviderAnswer:
        """The engines' verdict on the object, or not found."""
        if status == 404:
            error = fields.child(body, "error")
            if error.get("code") != "NotFoundError":
                raise fields.malformed(self.name, "a 404 without a NotFoundError")
            return ProviderAnswer(Verdict.UNKNOWN, found=False)
        data = fields.mapping(
            fields.mapping(body, provider=self.name, what="the answer").get("data"),
            provider=self.name,
            what="data",
        )
        attributes = fields.mapping(data.get("attributes"), provider=self.name, what="attributes")
        stats = fields.child(attributes, "last_analysis_stats")
        counts = {key: fields.count(stats.get(key)) for key in _ANSWERED}
        reputation = fields.integer(attributes.get("reputation")) or 0
        label = fields.text(
            fields.child(attributes, "popular_threat_classification").get("suggested_threat_label")
        )
        verdict, score = _judge(counts, reputation)
        return ProviderAnswer(
            verdict,
            score=score,
            first_seen=fields.epoch_iso(attributes.get("first_submission_date")),
            last_seen=fields.epoch_iso(attributes.get("last_analysis_date")),
            tags=fields.tags([label, *fields.items(attributes.get("tags"))]),
            references=_reference(data),
            summary=_summary(counts, reputation, label),
        )


def _judge(counts: dict[str, int], reputation: int) -> tuple[Verdict, int]:
    malicious, suspicious = counts["malicious"], counts["suspicious"]
    if malicious >= 3:
        return Verdict.MALICIOUS, fields.bounded(60 + 2 * (malicious - 3))
    if malicious or suspicious:
        return Verdict.SUSPICIOUS, min(59, 20 * malicious + 10 * suspicious)
    if sum(counts.values()) == 0:
        return Verdict.UNKNOWN, 0
    if reputation < 0:
        return Verdict.SUSPICIOUS, 20
    return Verdict.BENIGN, 0


def _summary(counts: dict[str, int], reputation: int, label: str) -> str:
    engines = sum(counts.values())
    if engines == 0:
        return "not analysed by any engine yet"
    parts = [f"{counts['malicious']} of {engines} engines flag it"]
    if counts["suspicious"]:
        parts[0] += f" ({counts['suspicious']} more call it suspicious)"
    if label:
        parts.append(label)
    if reputation:
        parts.append(f"community reputation {reputation}")
    return "; ".join(parts)


def _reference(data: Any) -> tuple[str, ...]:
    page = _GUI.get(fields.text(data.get("type")))
    ident = fields.safe_id(data.get("id"))
    if page is None or not ident:
        return ()
    return (f"https://www.virustotal.com/gui/{page}/{ident}",)
