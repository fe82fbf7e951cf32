"""AbuseIPDB API v2: the reports on an IP address over the last 90 days (`GET /api/v2/check`).

The score is AbuseIPDB's own `abuseConfidenceScore` (0-100): 75 or more is malicious, 25 or more
suspicious, less is unknown (reported, but without conviction). An address on AbuseIPDB's allow
list (`isWhitelisted`) is benign whatever its reports; one nobody reported is not found.
"""

from __future__ import annotations

from typing import Any, ClassVar

from wingman.adapters.ti.http import fields
from wingman.adapters.ti.provider import HttpCall, HttpProvider
from wingman.core.models import Indicator, IndicatorType, Verdict
from wingman.core.ti.verdicts import ProviderAnswer

MAX_AGE_DAYS = "90"
MALICIOUS_FROM = 75
SUSPICIOUS_FROM = 25


class AbuseIPDB(HttpProvider):
    """AbuseIPDB v2 (`Key`); the free plan allows 1,000 checks a day."""

    name: ClassVar[str] = "abuseipdb"
    types: ClassVar[frozenset[IndicatorType]] = frozenset({IndicatorType.IPV4, IndicatorType.IPV6})
    default_base_url: ClassVar[str] = "https://api.abuseipdb.com"
    default_rate: ClassVar[str | None] = "1000/24h"

    def call(self, indicator: Indicator) -> HttpCall:
        """GET the address's check over the last 90 days."""
        return HttpCall(
            "GET",
            "/api/v2/check",
            params={"ipAddress": indicator.value, "maxAgeInDays": MAX_AGE_DAYS},
            headers={"Key": self.api_key} if self.api_key else {},
        )

    def read(self, indicator: Indicator, status: int, body: Any) -> ProviderAnswer:
        """The confidence that the address is abusive, from its reports."""
        if status == 404:
            raise fields.malformed(self.name, "HTTP 404 is not an answer of the check endpoint")
        answer = fields.mapping(body, provider=self.name, what="the answer")
        data = fields.mapping(answer.get("data"), provider=self.name, what="data")
        confidence = fields.integer(data.get("abuseConfidenceScore"))
        if confidence is None:
            raise fields.malformed(self.name, "abuseConfidenceScore is not a number")
        score = fields.bounded(confidence)
        reports = fields.count(data.get("totalReports"))
        tor = fields.flag(data.get("isTor"))
        tags = fields.tags(["tor" if tor else None, data.get("usageType")])
        last_seen = fields.text_iso(data.get("lastReportedAt"))
        if fields.flag(data.get("isWhitelisted")):
            summary = f"on AbuseIPDB's allow list ({_reported(reports)})"
            return ProviderAnswer(Verdict.BENIGN, last_seen=last_seen, tags=tags, summary=summary)
        if reports == 0:
            return ProviderAnswer(Verdict.UNKNOWN, found=False)
        if score >= MALICIOUS_FROM:
            verdict = Verdict.MALICIOUS
        elif score >= SUSPICIOUS_FROM:
            verdict = Verdict.SUSPICIOUS
        else:
            verdict = Verdict.UNKNOWN
        summary = f"{_reported(reports)}, {score}% confidence" + (", a Tor exit" if tor else "")
        return ProviderAnswer(
            verdict,
            score=score,
            last_seen=last_seen,
            tags=tags,
            references=(f"https://www.abuseipdb.com/check/{indicator.value}",),
            summary=summary,
        )


def _reported(reports: int) -> str:
    return "reported once" if reports == 1 else f"reported {reports} times"
