"""PowerShell look-alike characters: odd spaces, dashes and quotes written the plain way.

PowerShell reads en and em dashes as `-` and typographic quotes as quotes, and scripts carry
control or Unicode spaces where a blank belongs; zero-width characters split words without
changing them. Spelling all of these plainly lets the rules read the script as PowerShell does.
"""

from __future__ import annotations

from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.peelers.powershell_syntax import POWERSHELL
from wingman.core.scripts.types import Budget, Decoded

_SPACES = "\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(
    chr(code) for code in range(0x2000, 0x200B)
)
_TABLE: dict[int, str | None] = {ord(char): " " for char in _SPACES}
_TABLE |= {ord(char): "-" for char in "\u2013\u2014\u2015"}
_TABLE |= {ord(char): "'" for char in "\u2018\u2019\u201a\u201b"}
_TABLE |= {ord(char): '"' for char in "\u201c\u201d\u201e"}
_TABLE |= {ord(char): None for char in "\u200b\u200c\u200d\u2060\ufeff"}
_ODD = frozenset(chr(code) for code in _TABLE)
_ASCII_ODD = tuple(char for char in _ODD if char.isascii())


def _lookalikes(text: str, budget: Budget) -> list[Decoded]:
    """Write look-alike spaces, dashes and quotes as ASCII and drop zero-width characters."""
    budget.check_time()
    if text.isascii():
        if not any(char in text for char in _ASCII_ODD):
            return []
    elif _ODD.isdisjoint(text):
        return []
    return [Decoded("powershell_lookalikes", text.translate(_TABLE), 0, len(text))]


PEELERS = {
    "powershell_lookalikes": Peeler(
        "powershell_lookalikes", "rewrite", _lookalikes, POWERSHELL, weight=0
    ),
}
