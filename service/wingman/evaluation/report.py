"""Print an evaluation as a fixed-width table followed by one JSON line of metrics."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, TextIO


def render(
    out: TextIO,
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    metrics: Mapping[str, Any],
    notes: Sequence[str] = (),
) -> None:
    """Write the table and any notes under it, then the metrics as the last line."""
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [max(len(str(h)), *(len(row[i]) for row in cells)) for i, h in enumerate(header)]
    out.write(f"{title}\n")
    out.write("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + "\n")
    for note in notes:
        out.write(f"{note}\n")
    out.write(json.dumps(metrics, sort_keys=True) + "\n")


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)
