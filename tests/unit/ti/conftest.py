"""Where the offline fixtures live, and a clock that stands still."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ti"
# Mid-2025: after every fixture's valid_from but one, after one valid_until.
NOW = datetime(2025, 6, 1, tzinfo=UTC)


def fixed_now() -> datetime:
    """The fixtures' present."""
    return NOW
