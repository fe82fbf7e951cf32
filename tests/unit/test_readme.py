"""The README's settings table is generated from Settings and must stay current."""

from __future__ import annotations

from pathlib import Path

from wingman.core.incidents.actions import catalog_table
from wingman.settings_doc import settings_table

README = Path(__file__).resolve().parents[2] / "README.md"


def test_settings_table_is_current() -> None:
    text = README.read_text(encoding="utf-8")
    start = text.index("<!-- settings:start -->") + len("<!-- settings:start -->")
    end = text.index("<!-- settings:end -->")
    assert text[start:end].strip() == settings_table(), "run `wingman settings` and update README"


def test_quick_start_is_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert "make run" in text
    assert "make test" in text


def test_action_catalog_table_is_current() -> None:
    text = README.read_text(encoding="utf-8")
    start = text.index("<!-- actions:start -->") + len("<!-- actions:start -->")
    end = text.index("<!-- actions:end -->")
    assert text[start:end].strip() == catalog_table()
