"""Rules matched outside the rule engine, such as an organisation's own YARA rules.

The analyzer calls each one on every layer alongside the built-in rules, and their hits count
toward the score and appear as behaviours like any other. An implementation lives with the
adapters (it wraps a native library); the core only knows this shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from wingman.core.scripts.rules.engine import Matched
from wingman.core.scripts.types import Layer


class ExternalRules(Protocol):
    """A set of rules from outside the catalog, with a fingerprint of their exact content."""

    @property
    def name(self) -> str:
        """Short name for reasons and degraded notes ("yara")."""
        ...

    @property
    def fingerprint(self) -> str:
        """Changes whenever the rules do: part of the engine version, so of every cache key."""
        ...

    def match(self, layers: Sequence[Layer], *, deadline: float) -> Matched:
        """Match every layer before the monotonic deadline; keep what was found if it passes."""
        ...
