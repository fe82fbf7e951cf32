"""AlienVault OTX: the pulses (community reports) that name an indicator (`.../general`).

Each pulse that names the indicator is a report against it: one pulse scores 30, each further one
15 more (up to 100); from 60 (three pulses) it is malicious, below that suspicious. OTX's
`validation` says when a value is known good: an allow-list or false-positive entry makes it
benign whatever the pulses; a popularity entry (Alexa, Majestic, ...) does so only when no pulse
names it. An indicator in no pulse and on no list is not found.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, ClassVar
from urllib.parse import quote

from wingman.adapters.ti.http import fields
from wingman.adapters.ti.provider import HttpCall, HttpProvider
from wingman.core.models import Indicator, IndicatorType, Verdict
from wingman.core.ti.verdicts import CONFIDENT, ProviderAnswer

_SECTIONS = {
    IndicatorType.IPV4: "IPv4",
    IndicatorType.IPV6: "IPv6",
    IndicatorType.URL: "url",
    IndicatorType.MD5: "file",
    IndicatorType.SHA1: "file",
    IndicatorType.SHA256: "file",
}
_ALLOWED = frozenset({"whitelist", "false_positive"})
_NAMED_PULSES = 3


def section(indicator: Indicator) -> str:
    """OTX's indicator section: a name of two labels is a `domain`, a longer one a `hostname`."""
    if indicator.type is IndicatorType.DOMAIN:
        return "domain" if indicator.value.count(".") == 1 else "hostname"
    return _SECTIONS[indicator.type]


class OTX(HttpProvider):
    """AlienVault OTX DirectConnect API v1 (`X-OTX-API-KEY`); its quota is 10,000 calls an hour."""

    name: ClassVar[str] = "otx"
    types: ClassVar[frozenset[IndicatorType]] = frozenset({*_SECTIONS, IndicatorType.DOMAIN})
    default_base_url: ClassVar[str] = "https://otx.alienvault.com"
    default_rate: ClassVar[str | None] = "10000/1h"

    def call(self, indicator: Indicator) -> HttpCall:
        """GET the indicator's general section."""
        value = quote(indicator.value, safe=":/@")
        return HttpCall(
            "GET",
            f"/api/v1/indicators/{section(indicator)}/{value}/general",
            headers={"X-OTX-API-KEY": self.api_key} if self.api_key else {},
        )

    def read(self, indicator: Indicator, status: int, body: Any) -> ProviderAnswer:
        """The pulses that name the indicator, and whether OTX lists it as known good."""
        if status == 404:
            fields.mapping(body, provider=self.name, what="a 404 answer")
            return ProviderAnswer(Verdict.UNKNOWN, found=False)
        answer = fields.mapping(body, provider=self.name, what="the answer")
        info = fields.mapping(answer.get("pulse_info"), provider=self.name, what="pulse_info")
        pulses = fields.objects(info.get("pulses"))
        total = max(fields.count(info.get("count")), len(pulses))
        validation = fields.objects(answer.get("validation"))
        allowed = any(fields.text(entry.get("source")) in _ALLOWED for entry in validation)
        if total == 0 and not validation:
            return ProviderAnswer(Verdict.UNKNOWN, found=False)
        kind = section(indicator).lower().replace("ipv4", "ip").replace("ipv6", "ip")
        references = (f"https://otx.alienvault.com/indicator/{kind}/{quote(indicator.value)}",)
        seen = ProviderAnswer(
            Verdict.UNKNOWN,
            first_seen=fields.earliest(fields.text_iso(p.get("created")) for p in pulses),
            last_seen=fields.latest(fields.text_iso(p.get("modified")) for p in pulses),
            tags=fields.tags(_pulse_tags(pulses)),
            references=references,
        )
        if allowed or total == 0:
            entry = next(
                (e for e in validation if fields.text(e.get("source")) in _ALLOWED), validation[0]
            )
            reason = fields.text(entry.get("message")) or "listed as known good"
            summary = f"OTX: {reason}" + (f"; in {_pulses(total)}" if total else "")
            return replace(seen, verdict=Verdict.BENIGN, summary=summary)
        score = fields.bounded(15 + 15 * total)
        names = [fields.text(p.get("name"), limit=60) for p in pulses[:_NAMED_PULSES]]
        listed = "; ".join(name for name in names if name)
        return replace(
            seen,
            verdict=Verdict.MALICIOUS if score >= CONFIDENT else Verdict.SUSPICIOUS,
            score=score,
            summary=f"in {_pulses(total)}" + (f": {listed}" if listed else ""),
        )


def _pulse_tags(pulses: list[Mapping[str, Any]]) -> list[Any]:
    found: list[Any] = []
    for pulse in pulses:
        for family in fields.items(pulse.get("malware_families")):
            found.append(family.get("display_name") if isinstance(family, dict) else family)
        found.extend(fields.items(pulse.get("tags")))
    return found


def _pulses(total: int) -> str:
    return "1 OTX pulse" if total == 1 else f"{total} OTX pulses"
