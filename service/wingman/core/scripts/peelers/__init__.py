"""Peelers: small registered units that recover hidden text from one layer, statically.

An `extract` peeler finds an encoded region (a base64 blob, a gzip stream) and returns its
decoded content as a new layer. A `rewrite` peeler returns the whole text with one obfuscation
undone (carets removed, concatenations joined); only the first rewrite that changes a layer is
kept, so rewrites form a chain rather than a tree. Nothing is ever executed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from wingman.core.scripts.types import Budget, Decoded, Lang

PeelFn = Callable[[str, Budget], list[Decoded]]


@dataclass(frozen=True, slots=True)
class Peeler:
    """One deobfuscation technique: where it applies and the function that applies it."""

    name: str
    kind: Literal["extract", "rewrite"]
    run: PeelFn
    # None: every language.
    languages: frozenset[Lang] | None = None
    # How much a layer decoded this way counts toward the score (0-100 scale, see verdict):
    # high for hiding only malware bothers with, low for what tools and minifiers do too.
    weight: int = 10

    def applies_to(self, language: Lang) -> bool:
        return self.languages is None or language in self.languages


def registry(*groups: Mapping[str, Peeler]) -> dict[str, Peeler]:
    """Merge peeler tables, refusing duplicate names."""
    merged: dict[str, Peeler] = {}
    for group in groups:
        for name, peeler in group.items():
            if name in merged:
                raise ValueError(f"peeler {name!r} registered twice")
            merged[name] = peeler
    return merged
