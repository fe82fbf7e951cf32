"""Plain-language summary and per-line notes, deterministic, from the facts found."""

from __future__ import annotations

from collections.abc import Sequence

from wingman.core.models import ExplanationLine
from wingman.core.scripts.iocs import extract_iocs
from wingman.core.scripts.rules.engine import Hit
from wingman.core.scripts.textpos import LineIndex
from wingman.core.scripts.types import Lang, Layer

LANGUAGE_NAMES = {
    Lang.POWERSHELL: "PowerShell",
    Lang.BATCH: "batch (cmd)",
    Lang.BASH: "shell (sh/bash)",
    Lang.PYTHON: "Python",
    Lang.JAVASCRIPT: "JavaScript/JScript",
    Lang.VBSCRIPT: "VBScript",
}
MAX_BEHAVIOURS_NAMED = 4
MAX_NOTES_PER_LINE = 3


def summarize(language: Lang, layers: Sequence[Layer], hits: Sequence[Hit], value: int) -> str:
    """Say what the script is, what was hidden in it and what it does, in a few sentences."""
    lines = layers[0].content.count("\n") + 1
    parts = [f"A {LANGUAGE_NAMES[language]} script of {lines} line{'s' if lines != 1 else ''}."]
    if len(layers) > 1:
        chain = " then ".join(dict.fromkeys(layer.technique for layer in layers[1:]))
        parts.append(f"It hides {len(layers) - 1} layer(s) of code, decoded by {chain}.")
    strongest = sorted(hits, key=lambda hit: (-hit.rule.weight, hit.rule.id))
    if strongest:
        named = "; ".join(hit.rule.title.lower() for hit in strongest[:MAX_BEHAVIOURS_NAMED])
        more = len(strongest) - MAX_BEHAVIOURS_NAMED
        parts.append(f"It shows: {named}{f' and {more} more' if more > 0 else ''}.")
    else:
        parts.append("No suspicious behaviour was found.")
    parts.append(f"Score {value} of 100.")
    return " ".join(parts)


def explain_lines(layer: Layer, hits: Sequence[Hit]) -> list[ExplanationLine]:
    """Annotate each line of the final layer that carries a behaviour or an indicator."""
    index = LineIndex(layer.content)
    notes: dict[int, list[str]] = {}
    for hit in hits:
        for span in hit.spans:
            if span.layer == layer.index:
                notes.setdefault(index.line(span.start), []).append(hit.rule.title)
    for ioc in extract_iocs(layer.content):
        notes.setdefault(index.line(ioc.start), []).append(f"{ioc.type.value} {ioc.value}")
    return [
        ExplanationLine(line=line, text="; ".join(list(dict.fromkeys(texts))[:MAX_NOTES_PER_LINE]))
        for line, texts in sorted(notes.items())
    ]
