"""Internal types of the script analyzer: decoded fragments, layers, findings and the budget."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import StrEnum


class Lang(StrEnum):
    """Languages the analyzer knows (the request's `auto` is resolved before analysis)."""

    POWERSHELL = "powershell"
    BATCH = "batch"
    BASH = "bash"
    PYTHON = "python"
    JAVASCRIPT = "javascript"
    VBSCRIPT = "vbscript"


@dataclass(frozen=True, slots=True)
class Decoded:
    """What one peeler recovered from a text: a new layer and where it came from.

    `start`/`end` are code-point offsets into the parent text of the region that was decoded or
    rewritten (the whole text for a rewrite of the whole text). `language` is the language of the
    new content when the peeler knows it (an -EncodedCommand payload is PowerShell), else None.
    """

    technique: str
    content: str
    start: int
    end: int
    language: Lang | None = None


@dataclass(frozen=True, slots=True)
class Layer:
    """One layer of the analysis; layer 0 is the input.

    `weight` is the evidence of hiding that the peeler which decoded it carries (see verdict);
    `rewrite` says the layer is its parent rewritten whole (one obfuscation undone).
    """

    index: int
    technique: str
    content: str
    language: Lang
    parent: int = -1
    start: int = 0
    end: int = 0
    weight: int = 0
    rewrite: bool = False


@dataclass(frozen=True, slots=True)
class Span:
    """A region of one layer, in code-point offsets."""

    layer: int
    start: int
    end: int


class BudgetExceeded(Exception):
    """A bound was hit; the analysis returns what it has with `truncated` and this reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Budget:
    """Bounds of one analysis: layers, decoded bytes and a monotonic deadline."""

    deadline: float
    max_layers: int = 64
    max_decoded_chars: int = 8 * 1024 * 1024
    max_layer_chars: int = 2 * 1024 * 1024
    max_inflate_ratio: int = 100
    decoded_chars: int = field(default=0)

    def check_time(self) -> None:
        """Raise when the deadline has passed."""
        if time.monotonic() >= self.deadline:
            raise BudgetExceeded("time budget spent")

    def charge(self, chars: int) -> None:
        """Account for decoded output; raise when the total would pass its bound."""
        self.decoded_chars += chars
        if self.decoded_chars > self.max_decoded_chars:
            raise BudgetExceeded(f"decoded output passed {self.max_decoded_chars} characters")
