"""Turn the analysis' internal findings into the response's wire models."""

from __future__ import annotations

from collections.abc import Sequence

from wingman.core.models import (
    Behavior,
    DeobfuscationLayer,
    Evidence,
    ScriptIndicator,
    TextSpan,
)
from wingman.core.scripts.iocs import FoundIndicator
from wingman.core.scripts.rules.engine import Hit
from wingman.core.scripts.textpos import line_index
from wingman.core.scripts.types import Layer, Span

EVIDENCE_CHARS = 200
# Decoded layers of a large script can add up to several times its size; past this many
# characters in one answer, later layers are cut so every answer fits any transport.
MAX_ANSWER_LAYER_CHARS = 4 * 1024 * 1024


def layers_out(
    layers: Sequence[Layer], *, max_chars: int = MAX_ANSWER_LAYER_CHARS
) -> tuple[list[DeobfuscationLayer], list[str]]:
    """Every layer with the span it was decoded from in its parent, and notes on what was cut."""
    out: list[DeobfuscationLayer] = []
    cut: list[int] = []
    room = max_chars
    for layer in layers:
        span = TextSpan()
        if layer.parent >= 0:
            span = text_span(layers[layer.parent].content, layer.start, layer.end)
        content = layer.content[: max(room, 0)]
        if len(content) < len(layer.content):
            cut.append(layer.index)
        room -= len(content)
        out.append(
            DeobfuscationLayer(
                index=layer.index, technique=layer.technique, content=content, parent_span=span
            )
        )
    notes = []
    if cut:
        listed = ", ".join(str(index) for index in cut)
        which = f"layer {listed} was" if len(cut) == 1 else f"layers {listed} were"
        notes.append(
            f"{which} cut to keep the answer under {max_chars} characters of decoded text; "
            "behaviours and indicators were found on the whole text"
        )
    return out, notes


def text_span(text: str, start: int, end: int) -> TextSpan:
    """Code-point offsets of `text` as 1-based lines and columns."""
    index = line_index(text)
    line, column = index.position(start)
    end_line, end_column = index.position(end)
    return TextSpan(line=line, column=column, end_line=end_line, end_column=end_column)


def indicators(
    layers: Sequence[Layer], found: Sequence[Sequence[FoundIndicator]]
) -> list[ScriptIndicator]:
    """Each indicator once, where it first appears (layer order, then position)."""
    seen: dict[tuple[str, str], ScriptIndicator] = {}
    for layer, iocs in zip(layers, found, strict=False):
        index = line_index(layer.content)
        for ioc in iocs:
            key = (ioc.type.value, ioc.value)
            if key not in seen:
                seen[key] = ScriptIndicator(
                    type=ioc.type,
                    value=ioc.value,
                    defanged=ioc.defanged,
                    layer=layer.index,
                    line=index.line(ioc.start),
                )
    return list(seen.values())


def behaviors(hits: Sequence[Hit], layers: Sequence[Layer]) -> list[Behavior]:
    """The rules that fired, strongest first, each with its evidence."""
    ordered = sorted(hits, key=lambda hit: (-hit.rule.weight, hit.rule.id))
    return [
        Behavior(
            id=hit.rule.id,
            title=hit.rule.title,
            severity=hit.rule.severity,
            attack=hit.rule.attack,
            evidence=tuple(_evidence(span, layers) for span in hit.spans),
        )
        for hit in ordered
    ]


def _evidence(span: Span, layers: Sequence[Layer]) -> Evidence:
    text = layers[span.layer].content
    return Evidence(
        layer=span.layer,
        span=text_span(text, span.start, span.end),
        text=text[span.start : min(span.end, span.start + EVIDENCE_CHARS)],
    )
