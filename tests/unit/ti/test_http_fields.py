"""The readers of untrusted answer fields: dates, counts, text, tags and links."""

from __future__ import annotations

from typing import Any

import pytest

from wingman.adapters.ti.http import fields
from wingman.adapters.ti.provider import ProviderError, ProviderErrorKind


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-01-19 01:33:26 UTC", "2019-01-19T01:33:26Z"),
        ("2018-12-20T20:55:14+00:00", "2018-12-20T20:55:14Z"),
        ("2018-12-20T22:55:14+02:00", "2018-12-20T20:55:14Z"),
        ("2023-05-01T12:34:56.789000", "2023-05-01T12:34:56Z"),
        ("2026-01-02T03:04:05Z", "2026-01-02T03:04:05Z"),
        ("2023-01-01", "2023-01-01"),
        ("2023-02-30", ""),
        ("yesterday", ""),
        ("", ""),
        (None, ""),
        (1700000000, ""),
        (["2023-01-01"], ""),
        ("2023-01-01\x00T00:00:00", ""),
    ],
)
def test_text_iso_reads_the_providers_date_forms(value: Any, expected: str) -> None:
    assert fields.text_iso(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1767323045, "2026-01-02T03:04:05Z"),
        ("1767323045", "2026-01-02T03:04:05Z"),
        (1767323045.9, "2026-01-02T03:04:05Z"),
        (0, ""),
        (-5, ""),
        (10**20, ""),
        (True, ""),
        (float("nan"), ""),
        (float("inf"), ""),
        ("soon", ""),
        (None, ""),
    ],
)
def test_epoch_iso_accepts_only_sane_epochs(value: Any, expected: str) -> None:
    assert fields.epoch_iso(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (7, 7),
        (-7, 0),
        ("12", 12),
        (" 12 ", 12),
        ("1" * 20, 0),
        ("twelve", 0),
        (True, 0),
        (3.9, 3),
        (float("nan"), 0),
        (1e300, 0),
        (None, 0),
        ([1], 0),
    ],
)
def test_count_is_a_non_negative_int_or_zero(value: Any, expected: int) -> None:
    assert fields.count(value) == expected


def test_text_is_one_bounded_line_without_control_characters() -> None:
    assert fields.text("  evil\n\x1b[31mred\u202e  ") == "evil [31mred"
    assert fields.text("x" * 500) == "x" * (fields.MAX_TEXT - 1) + "…"
    assert fields.text(5) == ""


def test_tags_are_distinct_bounded_strings() -> None:
    many = [f"tag{n}" for n in range(50)]
    assert fields.tags(["A", "a", None, 3, "", "b", "B "]) == ("A", "b")
    assert len(fields.tags(many)) == fields.MAX_TAGS
    assert fields.tags(["y" * 200]) == ("y" * (fields.MAX_TAG - 1) + "…",)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://viz.greynoise.io/ip/192.0.2.1", ("https://viz.greynoise.io/ip/192.0.2.1",)),
        ("http://plain.example/", ()),
        ("javascript:alert(1)", ()),
        ("https://a.example/ b", ()),
        ("https://a.example/" + "x" * 400, ()),
        (None, ()),
    ],
)
def test_reference_keeps_only_plain_https_links(value: Any, expected: tuple[str, ...]) -> None:
    assert fields.reference(value) == expected


def test_mapping_raises_malformed_naming_the_provider() -> None:
    with pytest.raises(ProviderError) as raised:
        fields.mapping([], provider="p", what="data")
    assert raised.value.kind is ProviderErrorKind.MALFORMED
    assert raised.value.message == "p: data is not an object"
