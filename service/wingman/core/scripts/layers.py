"""Peel a script layer by layer to a fixpoint, within the budget."""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Mapping, Sequence

from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.types import Budget, BudgetExceeded, Decoded, Lang, Layer

MIN_LAYER_CHARS = 4


def peel(
    text: str, language: Lang, *, peelers: Mapping[str, Peeler], budget: Budget
) -> tuple[list[Layer], str | None]:
    """Return every layer in the order found (breadth first) and why peeling stopped early."""
    layers = [Layer(0, "input", text, language)]
    seen = {_digest(text)}
    queue = deque([layers[0]])
    try:
        while queue:
            budget.check_time()
            layer = queue.popleft()
            for found, weight, rewrite in _peel_one(layer, peelers, budget):
                key = _digest(found.content)
                if key in seen or len(found.content.strip()) < MIN_LAYER_CHARS:
                    continue
                if len(layers) >= budget.max_layers:
                    raise BudgetExceeded(f"more than {budget.max_layers} layers")
                seen.add(key)
                budget.charge(len(found.content))
                child = Layer(
                    index=len(layers),
                    technique=found.technique,
                    content=found.content[: budget.max_layer_chars],
                    language=found.language or layer.language,
                    parent=layer.index,
                    start=found.start,
                    end=found.end,
                    weight=weight,
                    rewrite=rewrite,
                )
                layers.append(child)
                queue.append(child)
    except BudgetExceeded as stop:
        return layers, stop.reason
    return layers, None


def superseded(layers: Sequence[Layer]) -> set[int]:
    """Layers that a rewrite carried further: their text lives on, less hidden, in the child."""
    return {layer.parent for layer in layers if layer.rewrite and layer.parent > 0}


def _peel_one(
    layer: Layer, peelers: Mapping[str, Peeler], budget: Budget
) -> list[tuple[Decoded, int, bool]]:
    found: list[tuple[Decoded, int, bool]] = []
    rewritten = False
    for peeler in peelers.values():
        if not peeler.applies_to(layer.language):
            continue
        if peeler.kind == "rewrite":
            if rewritten:
                continue
            results = [d for d in peeler.run(layer.content, budget) if d.content != layer.content]
            rewritten = bool(results)
            found.extend((result, peeler.weight, True) for result in results[:1])
        else:
            decoded = peeler.run(layer.content, budget)
            found.extend((result, peeler.weight, False) for result in decoded)
        budget.check_time()
    return found


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
