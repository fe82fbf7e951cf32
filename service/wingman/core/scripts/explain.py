"""Plain-language summary and per-line notes, deterministic, from the facts found."""

from __future__ import annotations

from collections.abc import Sequence

from wingman.core.models import ExplanationLine, ScriptIndicator
from wingman.core.scripts.iocs import FoundIndicator
from wingman.core.scripts.rules.engine import Hit
from wingman.core.scripts.textpos import line_index
from wingman.core.scripts.types import Lang, Layer

LANGUAGE_NAMES = {
    Lang.POWERSHELL: "PowerShell",
    Lang.BATCH: "batch (cmd)",
    Lang.BASH: "shell (sh/bash)",
    Lang.PYTHON: "Python",
    Lang.JAVASCRIPT: "JavaScript/JScript",
    Lang.VBSCRIPT: "VBScript",
}
INDICATOR_WORDS = {
    "url": "URL",
    "ipv4": "IP address",
    "ipv6": "IP address",
    "domain": "domain",
    "email": "e-mail address",
    "md5": "MD5 hash",
    "sha1": "SHA-1 hash",
    "sha256": "SHA-256 hash",
    "file_path": "file",
    "registry_key": "registry key",
}
NETWORK_KINDS = {
    "url": "URL",
    "domain": "domain",
    "ipv4": "IP address",
    "ipv6": "IP address",
    "email": "e-mail address",
}
MAX_BEHAVIOURS_NAMED = 4
MAX_INDICATORS_NAMED = 3
MAX_NOTES_PER_LINE = 3


def summarize(
    language: Lang,
    layers: Sequence[Layer],
    hits: Sequence[Hit],
    value: int,
    indicators: Sequence[ScriptIndicator] = (),
) -> str:
    """Say what the script is, what was hidden in it and what it does, in a few sentences."""
    lines = layers[0].content.count("\n") + 1
    parts = [f"A {LANGUAGE_NAMES[language]} script of {lines} line{'s' if lines != 1 else ''}."]
    hidden = [layer for layer in layers[1:] if layer.weight > 0]
    embedded = len(layers) - 1 - len(hidden)
    if embedded:
        parts.append(f"It carries {embedded} embedded script block{_plural(embedded)}.")
    if hidden:
        chain = ", then ".join(dict.fromkeys(layer.technique for layer in hidden))
        parts.append(f"It hides {len(hidden)} layer{_plural(len(hidden))} of code ({chain}).")
    strongest = sorted(hits, key=lambda hit: (-hit.rule.weight, hit.rule.id))
    if strongest:
        named = "; ".join(hit.rule.title for hit in strongest[:MAX_BEHAVIOURS_NAMED])
        more = len(strongest) - MAX_BEHAVIOURS_NAMED
        parts.append(f"Behaviours: {named}{f'; and {more} more' if more > 0 else ''}.")
    else:
        parts.append("No suspicious behaviour was found.")
    network = _network_sentence(indicators)
    if network:
        parts.append(network)
    parts.append(f"Score {value} of 100.")
    return " ".join(parts)


def _network_sentence(indicators: Sequence[ScriptIndicator]) -> str | None:
    """'It names 2 URLs (http://a/x, http://b/y) and 1 IP address (198.51.100.4).'"""
    groups: dict[str, list[str]] = {}
    for ioc in indicators:
        kind = NETWORK_KINDS.get(ioc.type.value)
        if kind is not None:
            groups.setdefault(kind, []).append(ioc.value)
    if not groups:
        return None
    phrases = []
    for kind, values in groups.items():
        shown = ", ".join(values[:MAX_INDICATORS_NAMED])
        extra = len(values) - MAX_INDICATORS_NAMED
        more = f" and {extra} more" if extra > 0 else ""
        noun = kind if len(values) == 1 else f"{kind}s"
        phrases.append(f"{len(values)} {noun} ({shown}{more})")
    return f"It names {' and '.join(phrases)}."


def final_layer(layers: Sequence[Layer], hits: Sequence[Hit]) -> Layer:
    """The layer an analyst reads first: the deepest decoded one, the busiest when tied."""
    depth = [0] * len(layers)
    for layer in layers[1:]:
        depth[layer.index] = depth[layer.parent] + 1
    evidence = [0] * len(layers)
    for hit in hits:
        for span in hit.spans:
            evidence[span.layer] += 1
    return max(layers, key=lambda layer: (depth[layer.index], evidence[layer.index], layer.index))


def explain_lines(
    layer: Layer, hits: Sequence[Hit], iocs: Sequence[FoundIndicator]
) -> list[ExplanationLine]:
    """Annotate each line of the layer that carries a behaviour or an indicator."""
    index = line_index(layer.content)
    notes: dict[int, list[str]] = {}
    for hit in sorted(hits, key=lambda hit: (-hit.rule.weight, hit.rule.id)):
        for span in hit.spans:
            if span.layer == layer.index:
                notes.setdefault(index.line(span.start), []).append(hit.rule.title)
    for ioc in iocs:
        words = INDICATOR_WORDS.get(ioc.type.value, ioc.type.value)
        notes.setdefault(index.line(ioc.start), []).append(f"names the {words} {ioc.value}")
    return [
        ExplanationLine(line=line, text="; ".join(list(dict.fromkeys(texts))[:MAX_NOTES_PER_LINE]))
        for line, texts in sorted(notes.items())
    ]


def _plural(count: int) -> str:
    return "" if count == 1 else "s"
