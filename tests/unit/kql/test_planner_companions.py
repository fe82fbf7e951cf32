"""Rows described through a related table are joined to it on the key both share."""

from __future__ import annotations

import pytest

from tests.unit.kql.asking import ask as _ask


@pytest.mark.parametrize(
    ("question", "platform", "tables"),
    [
        (
            "emails about overdue invoices that carry links",
            "defender",
            {"EmailEvents", "EmailUrlInfo"},
        ),
        (
            "titles of alerts whose evidence names ws-0231",
            "defender",
            {"AlertInfo", "AlertEvidence"},
        ),
        (
            "devices with exploitable vulnerabilities and their CVSS",
            "defender",
            {"DeviceTvmSoftwareVulnerabilities", "DeviceTvmSoftwareVulnerabilitiesKB"},
        ),
        (
            "sign-ins by privileged users from new browsers",
            "sentinel",
            {"SigninLogs", "IdentityInfo"},
        ),
        (
            "inbound connections to internet-facing devices on port 3389",
            "defender",
            {"DeviceNetworkEvents", "DeviceInfo"},
        ),
    ],
)
def test_the_companion_is_joined(question: str, platform: str, tables: set[str]) -> None:
    answer = _ask(question, platform)
    assert answer.valid
    assert set(answer.tables) == tables
    # Conditions on the companion are a semi-join; facts it adds, a join or a lookup.
    assert "join kind=" in answer.kql or "lookup kind=" in answer.kql


def test_no_companion_without_its_words() -> None:
    answer = _ask("emails from bob@example.net delivered to the junk folder")
    assert answer.tables == ("EmailEvents",)
