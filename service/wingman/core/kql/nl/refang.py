"""Undo the defanging analysts apply to indicators (``hxxp``, ``[.]``, ``(.)``, ``[:]``, ``[@]``).

The refanged text keeps a map back to the original, so an entity found in it can report where it
was written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DEFANGED = re.compile(
    r"\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\[:\]|\[://\]|\[@\]|\[at\]|\bhxxp(?=s?(?::|\[:\]))|\bfxp(?=:)",
    re.IGNORECASE,
)
_REAL = {"[.]": ".", "(.)": ".", "{.}": ".", "[dot]": ".", "(dot)": ".", "[:]": ":", "[://]": "://"}
_REAL |= {"[@]": "@", "[at]": "@", "hxxp": "http", "fxp": "ftp"}


@dataclass(frozen=True, slots=True)
class Refanged:
    """Refanged text, and for each of its characters the original span it came from."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the refanged text back to the original text."""
        if start == end:
            origin = self.starts[start] if start < len(self.starts) else (self.ends or (0,))[-1]
            return origin, origin
        return self.starts[start], self.ends[end - 1]


def refang(text: str) -> Refanged:
    """Return ``text`` with defanged separators and schemes restored."""
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for match in _DEFANGED.finditer(text):
        _copy(text, position, match.start(), pieces, starts, ends)
        real = _REAL[match.group().lower()]
        pieces.append(real)
        if len(real) == len(match.group()):  # hxxp -> http keeps a one-to-one map
            starts.extend(range(match.start(), match.end()))
            ends.extend(range(match.start() + 1, match.end() + 1))
        else:
            starts.extend([match.start()] * len(real))
            ends.extend([match.end()] * len(real))
        position = match.end()
    _copy(text, position, len(text), pieces, starts, ends)
    return Refanged("".join(pieces), tuple(starts), tuple(ends))


def _copy(
    text: str, start: int, end: int, pieces: list[str], starts: list[int], ends: list[int]
) -> None:
    pieces.append(text[start:end])
    starts.extend(range(start, end))
    ends.extend(range(start + 1, end + 1))
