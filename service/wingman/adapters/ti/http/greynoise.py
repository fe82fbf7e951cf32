"""GreyNoise Community API: is an IP address internet background noise or a business service?

GreyNoise sees mass scanners, not targeted attacks. An address in RIOT (a common business
service: CDNs, resolvers, SaaS) or classified `benign` (a known research scanner) is benign; one
classified `malicious` scores 70 and is malicious; `suspicious` scores 40 and is suspicious. A
scanner of unknown intent is found but unknown: it is noise, not evidence. A 404 with a `message`
means GreyNoise has not observed the address.
"""

from __future__ import annotations

from typing import Any, ClassVar

from wingman.adapters.ti.http import fields
from wingman.adapters.ti.provider import HttpCall, HttpProvider
from wingman.core.models import Indicator, IndicatorType, Verdict
from wingman.core.ti.verdicts import ProviderAnswer

_CLASSES = {
    "malicious": (Verdict.MALICIOUS, 70, "seen scanning the internet with malicious intent"),
    "suspicious": (Verdict.SUSPICIOUS, 40, "seen scanning the internet, suspiciously"),
    "benign": (Verdict.BENIGN, 0, "a benign scanner"),
}


class GreyNoise(HttpProvider):
    """GreyNoise Community v3 (`key`); the free plan allows about 50 lookups a week."""

    name: ClassVar[str] = "greynoise"
    types: ClassVar[frozenset[IndicatorType]] = frozenset({IndicatorType.IPV4})
    default_base_url: ClassVar[str] = "https://api.greynoise.io"
    default_rate: ClassVar[str | None] = "50/168h"

    def call(self, indicator: Indicator) -> HttpCall:
        """GET the address's community record."""
        return HttpCall(
            "GET",
            f"/v3/community/{indicator.value}",
            headers={"key": self.api_key} if self.api_key else {},
        )

    def read(self, indicator: Indicator, status: int, body: Any) -> ProviderAnswer:
        """Noise, RIOT and classification of the address."""
        answer = fields.mapping(body, provider=self.name, what="the answer")
        if status == 404:
            if not fields.text(answer.get("message")):
                raise fields.malformed(self.name, "a 404 without a message")
            return ProviderAnswer(Verdict.UNKNOWN, found=False)
        noise, riot = answer.get("noise"), answer.get("riot")
        if not isinstance(noise, bool) and not isinstance(riot, bool):
            raise fields.malformed(self.name, "neither noise nor riot is a boolean")
        if noise is not True and riot is not True:
            return ProviderAnswer(Verdict.UNKNOWN, found=False)
        name = fields.text(answer.get("name"), limit=80)
        named = name if name and name.lower() != "unknown" else ""
        classification = fields.text(answer.get("classification"), limit=20).lower()
        if riot is True:
            verdict, score = Verdict.BENIGN, 0
            summary = "a common business service" + (f" ({named})" if named else "")
        else:
            verdict, score, summary = _CLASSES.get(
                classification, (Verdict.UNKNOWN, 0, "seen scanning the internet, intent unknown")
            )
            summary += f" ({named})" if named else ""
        return ProviderAnswer(
            verdict,
            score=score,
            last_seen=fields.text_iso(answer.get("last_seen")),
            tags=fields.tags(
                [
                    classification if classification != "unknown" else None,
                    "scanner" if noise is True else None,
                    "riot" if riot is True else None,
                    named,
                ]
            ),
            references=fields.reference(answer.get("link")),
            summary=summary,
        )
