"""Endpoint events that are not processes, files, registry or connections read DeviceEvents."""

from __future__ import annotations

import pytest

from tests.unit.kql.asking import tables as _tables
from wingman.core.kql.planner.documentation import focus_text, read


@pytest.mark.parametrize(
    "question",
    [
        "AMSI detections of scripts on the build servers",
        "local user accounts created on workstations this month",
        "accounts added to local administrators on our servers",
        "USB drives mounted on the finance laptops",
        "network protection blocks of known bad sites",
        "OpenProcess calls that opened lsass from unsigned binaries",
        "attempts to tamper with the Defender settings",
    ],
)
def test_endpoint_events_are_device_events(question: str) -> None:
    assert _tables(question) == ("DeviceEvents",)


def test_logons_with_a_local_account_are_logons() -> None:
    question = "logons to servers with the local administrator account added last week"
    assert _tables(question) == ("DeviceLogonEvents",)


def test_the_sentence_about_the_query_is_its_focus() -> None:
    text = (
        "The group is known for phishing lures and stolen browser cookies. "
        "The following query looks for outbound connections to rare ports."
    )
    reading = read(text)
    focus = focus_text(reading, reading.content)
    assert "outbound connections" in focus
    assert "phishing" not in focus


def test_the_focus_outweighs_the_background_of_a_write_up() -> None:
    text = (
        "The actor starts encoded PowerShell from Office macros on the workstations it "
        "reaches, and has done so in each wave of the campaign since the first reports of it "
        "last year. The following query looks for its beaconing: outbound connections to rare "
        "remote ports."
    )
    assert _tables(text) == ("DeviceNetworkEvents",)


@pytest.mark.parametrize(
    ("question", "table"),
    [
        ("This query lists alerts related to credential theft tools", "AlertInfo"),
        ("files creations in the startup folder by script hosts", "DeviceFileEvents"),
        ("devices grouped by their DNS suffix", "DeviceInfo"),
    ],
)
def test_concept_phrases(question: str, table: str) -> None:
    assert _tables(question) == (table,)


def test_a_query_that_is_not_sent_anywhere_asks_for_no_mail() -> None:
    text = (
        "This query counts the vulnerable software versions on each of your devices; its "
        "results are not sent to the SIEM."
    )
    assert "EmailEvents" not in _tables(text)
