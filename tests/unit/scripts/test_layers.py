"""The layer orchestrator: breadth-first order, rewrites as a chain, dedup, budgets."""

from __future__ import annotations

import base64
import time

from wingman.core.scripts.layers import peel
from wingman.core.scripts.peelers import Peeler, registry
from wingman.core.scripts.types import Budget, Decoded, Lang


def b64_extract(text: str, budget: Budget) -> list[Decoded]:
    """Toy extractor: decode every text between [[ and ]] (not nested)."""
    found = []
    start = text.find("[[")
    while start >= 0:
        end = text.find("]]", start)
        if end < 0:
            break
        inner = base64.b64decode(text[start + 2 : end]).decode()
        found.append(Decoded("toy_b64", inner, start, end + 2))
        start = text.find("[[", end)
    return found


def strip_carets(text: str, budget: Budget) -> list[Decoded]:
    return [Decoded("toy_caret", text.replace("^", ""), 0, len(text))] if "^" in text else []


def upper(text: str, budget: Budget) -> list[Decoded]:
    return [Decoded("toy_upper", text.upper(), 0, len(text))] if text != text.upper() else []


PEELERS = registry(
    {
        "toy_b64": Peeler("toy_b64", "extract", b64_extract),
        "toy_caret": Peeler("toy_caret", "rewrite", strip_carets),
        "toy_upper": Peeler("toy_upper", "rewrite", upper, frozenset({Lang.BASH})),
    }
)


def wrap(text: str) -> str:
    return "x [[" + base64.b64encode(text.encode()).decode() + "]] y"


def budget(**kwargs: int) -> Budget:
    return Budget(deadline=time.monotonic() + 60, **kwargs)


def test_layers_come_out_outermost_first() -> None:
    hidden = wrap(wrap("e^c^h^o payload"))
    layers, stopped = peel(hidden, Lang.POWERSHELL, peelers=PEELERS, budget=budget())
    assert stopped is None
    assert [layer.technique for layer in layers] == ["input", "toy_b64", "toy_b64", "toy_caret"]
    assert layers[-1].content == "echo payload"
    assert [layer.parent for layer in layers] == [-1, 0, 1, 2]
    assert layers[1].start == 2


def test_only_the_first_rewrite_applies_per_layer() -> None:
    layers, _ = peel("abc^def", Lang.BASH, peelers=PEELERS, budget=budget())
    assert [layer.technique for layer in layers] == ["input", "toy_caret", "toy_upper"]


def test_language_restriction() -> None:
    layers, _ = peel("abcd", Lang.POWERSHELL, peelers=PEELERS, budget=budget())
    assert len(layers) == 1


def test_layer_budget_truncates() -> None:
    text = "".join(wrap(f"payload number {i}") for i in range(10))
    layers, stopped = peel(text, Lang.POWERSHELL, peelers=PEELERS, budget=budget(max_layers=3))
    assert len(layers) == 3
    assert stopped is not None
    assert "layers" in stopped


def test_time_budget_truncates() -> None:
    spent = Budget(deadline=time.monotonic() - 1)
    layers, stopped = peel(wrap("x^y"), Lang.POWERSHELL, peelers=PEELERS, budget=spent)
    assert stopped == "time budget spent"
    assert layers[0].technique == "input"


def test_duplicate_content_is_one_layer() -> None:
    text = wrap("same content") + wrap("same content")
    layers, _ = peel(text, Lang.POWERSHELL, peelers=PEELERS, budget=budget())
    assert len(layers) == 2
