"""One provider's answer, and the aggregate verdict of an indicator across providers.

The aggregate is never weaker than the strongest single piece of evidence: one provider that
calls an indicator malicious with a high score makes it malicious; two that call it suspicious or
worse make it at least suspicious; a benign answer stands only when no provider objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wingman.core.models import ProviderResult, Reputation, Verdict

# A single provider's malicious answer counts as malicious from this score on.
CONFIDENT = 60
# Strength of a verdict, weakest first.
VERDICT_RANK = {Verdict.UNKNOWN: 0, Verdict.BENIGN: 1, Verdict.SUSPICIOUS: 2, Verdict.MALICIOUS: 3}


@dataclass(frozen=True, slots=True)
class ProviderAnswer:
    """What a provider said, before caching: `found` is False when it does not know the value."""

    verdict: Verdict
    score: int = 0
    first_seen: str = ""
    last_seen: str = ""
    tags: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    # One line an analyst reads: "34 of 92 engines flag it", "reported 112 times, 100% confidence".
    summary: str = ""
    found: bool = True


def aggregate(results: Sequence[ProviderResult]) -> Reputation:
    """The indicator's verdict, score and reasons across the providers that answered."""
    answered = [r for r in results if r.error is None]
    bad = [r for r in answered if r.verdict in (Verdict.MALICIOUS, Verdict.SUSPICIOUS)]
    if any(r.verdict is Verdict.MALICIOUS and r.score >= CONFIDENT for r in answered):
        verdict = Verdict.MALICIOUS
    elif len(bad) >= 2 or bad:
        verdict = Verdict.SUSPICIOUS
    elif any(r.verdict is Verdict.BENIGN for r in answered):
        verdict = Verdict.BENIGN
    else:
        verdict = Verdict.UNKNOWN
    score = max((r.score for r in bad), default=0)
    ranked = sorted(answered, key=lambda r: (-VERDICT_RANK[r.verdict], -r.score, r.provider))
    reasons = tuple(f"{r.provider}: {r.verdict.value} ({r.score})" for r in ranked)
    return Reputation(verdict=verdict, score=score, reasons=reasons, providers=tuple(results))
