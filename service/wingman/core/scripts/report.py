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
from wingman.core.scripts.textpos import LineIndex
from wingman.core.scripts.types import Layer, Span

EVIDENCE_CHARS = 200


def layer_out(layer: Layer, layers: Sequence[Layer]) -> DeobfuscationLayer:
    """A layer with the span it was decoded from in its parent (none for the input)."""
    span = TextSpan()
    if layer.parent >= 0:
        span = text_span(layers[layer.parent].content, layer.start, layer.end)
    return DeobfuscationLayer(
        index=layer.index, technique=layer.technique, content=layer.content, parent_span=span
    )


def text_span(text: str, start: int, end: int) -> TextSpan:
    """Code-point offsets of `text` as 1-based lines and columns."""
    index = LineIndex(text)
    line, column = index.position(start)
    end_line, end_column = index.position(end)
    return TextSpan(line=line, column=column, end_line=end_line, end_column=end_column)


def indicators(
    layers: Sequence[Layer], found: Sequence[Sequence[FoundIndicator]]
) -> list[ScriptIndicator]:
    """Each indicator once, where it first appears (layer order, then position)."""
    seen: dict[tuple[str, str], ScriptIndicator] = {}
    for layer, iocs in zip(layers, found, strict=False):
        index = LineIndex(layer.content)
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
