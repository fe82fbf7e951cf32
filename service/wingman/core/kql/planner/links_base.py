"""What one related table contributes and the words that ask for it (links.py, kb_links.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    """One related table, the words that ask for it, and what it contributes."""

    companion: str
    # The key on the chosen table's side: a column, or `Name = expression` to extend first.
    left: str
    right: str
    cue: re.Pattern[str]
    says: str
    condition: str = ""
    columns: tuple[str, ...] = ()
    # A reference table without time (a knowledge base) is looked up rather than joined.
    lookup: bool = False


def cue(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)
