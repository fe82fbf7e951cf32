"""Turn behaviour hits and deobfuscation into a verdict, a 0-100 score and the reasons."""

from __future__ import annotations

from collections.abc import Sequence

from wingman.core.models import Verdict
from wingman.core.scripts.rules.engine import Hit
from wingman.core.scripts.types import Layer

MALICIOUS_AT = 60
SUSPICIOUS_AT = 30
# Each way of hiding text that was undone is evidence on its own (the weight of the peeler that
# undid it); the same technique twice is one signal, and a few techniques are not proof alone.
MAX_LAYER_SIGNALS = 3
MAX_REASONS = 6


def score(hits: Sequence[Hit], layers: Sequence[Layer]) -> int:
    """Combine weights as independent evidence: 1 - prod(1 - w), on a 0-100 scale."""
    weights = [hit.rule.weight for hit in hits]
    by_technique: dict[str, int] = {}
    for layer in layers[1:]:
        by_technique[layer.technique] = max(layer.weight, by_technique.get(layer.technique, 0))
    weights += sorted(by_technique.values(), reverse=True)[:MAX_LAYER_SIGNALS]
    remaining = 1.0
    for weight in weights:
        remaining *= 1.0 - min(max(weight, 0), 99) / 100.0
    return round(100 * (1.0 - remaining))


def verdict_for(value: int, *, has_content: bool) -> Verdict:
    """Map a score to a verdict; text with nothing to judge is unknown."""
    if value >= MALICIOUS_AT:
        return Verdict.MALICIOUS
    if value >= SUSPICIOUS_AT:
        return Verdict.SUSPICIOUS
    return Verdict.BENIGN if has_content else Verdict.UNKNOWN


def reasons(hits: Sequence[Hit], layers: Sequence[Layer]) -> list[str]:
    """The strongest evidence first, in words an analyst can check."""
    ranked = sorted(hits, key=lambda hit: (-hit.rule.weight, hit.rule.id))
    found = [f"{hit.rule.title} ({hit.rule.id})" for hit in ranked[:MAX_REASONS]]
    hidden = [layer for layer in layers[1:] if layer.weight > 0]
    if hidden:
        chain = ", ".join(dict.fromkeys(layer.technique for layer in hidden))
        found.append(f"{len(hidden)} hidden layer(s) decoded: {chain}")
    if not found:
        found.append("no suspicious behaviour found in any layer")
    return found
