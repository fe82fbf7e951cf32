"""Offsets to 1-based lines and columns (columns in code points)."""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache


class LineIndex:
    """Map code-point offsets of one text to (line, column), both 1-based."""

    def __init__(self, text: str) -> None:
        self._starts = [0]
        position = text.find("\n")
        while position != -1:
            self._starts.append(position + 1)
            position = text.find("\n", position + 1)

    def line(self, offset: int) -> int:
        return bisect_right(self._starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


# A few entries suffice (spans are placed layer by layer) and bound what the cache keeps alive.
@lru_cache(maxsize=8)
def line_index(text: str) -> LineIndex:
    """The index of `text`, built once however many spans of one layer are placed."""
    return LineIndex(text)
