"""Examples for the `WSH-` rules; every text is synthetic, written for these tests."""

from __future__ import annotations

from wingman.core.scripts.types import Lang

# (rule id, language of the layer, text that must fire the rule)
POSITIVE: tuple[tuple[str, Lang, str], ...] = ()

# (language, text) that no rule may judge suspicious
BENIGN: tuple[tuple[Lang, str], ...] = ()
