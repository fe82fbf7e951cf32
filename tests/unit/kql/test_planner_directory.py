"""Directory changes, portal actions and posture tables chosen by what the question says."""

from __future__ import annotations

import pytest

from tests.unit.kql.asking import tables as _tables
from wingman.core.kql.planner.posture import posture_share


@pytest.mark.parametrize(
    ("question", "platform", "table"),
    [
        ("a service principal was created in Azure AD after hours", "sentinel", "AuditLogs"),
        ("client secrets added to app registrations in Entra ID", "sentinel", "AuditLogs"),
        ("delegated permissions granted to OAuth apps in Entra ID", "defender", "CloudAppEvents"),
        ("PIM role activations in Azure AD last month", "sentinel", "AuditLogs"),
        ("guests invited to the tenant who never redeemed the invite", "sentinel", "AuditLogs"),
    ],
)
def test_directory_changes_are_read_from_the_directory_audit(
    question: str, platform: str, table: str
) -> None:
    assert _tables(question, platform) == (table,)


@pytest.mark.parametrize(
    "question",
    [
        "who turned tamper protection off in the portal settings",
        "devices released from isolation by an administrator",
        "live response sessions started by the SOC this week",
    ],
)
def test_actions_in_the_security_portal_are_cloud_app_events(question: str) -> None:
    assert _tables(question, "defender") == ("CloudAppEvents",)


def test_teams_activity_on_sentinel_is_office_activity() -> None:
    assert _tables("Teams channels created this week", "sentinel") == ("OfficeActivity",)


def test_a_write_up_about_an_exploited_cve_hunts_the_attack() -> None:
    text = (
        "CVE-2023-99999 is a flaw in a printer driver that attackers exploit to gain SYSTEM "
        "rights. The following query looks for a spooler that starts cmd.exe or powershell.exe."
    )
    tables = _tables(text, "defender")
    assert not any(t.startswith("DeviceTvm") for t in tables)


def test_a_write_up_about_exposed_devices_reads_the_posture_tables() -> None:
    text = (
        "This query lists the devices in your environment that are still vulnerable to "
        "CVE-2023-99999, with the number of vulnerable software versions on each."
    )
    assert _tables(text, "defender") == ("DeviceTvmSoftwareVulnerabilities",)


def test_posture_tables_need_posture_language_most_in_write_ups() -> None:
    said = "the flaw is exploited by a worm"
    in_write_up = posture_share("DeviceTvmSoftwareVulnerabilities", said, documentation=True)
    in_question = posture_share("DeviceTvmSoftwareVulnerabilities", said, documentation=False)
    assert in_write_up < in_question < 1
    assert (
        posture_share("DeviceTvmSoftwareVulnerabilities", "vulnerable devices", documentation=True)
        == 1
    )
    assert posture_share("DeviceProcessEvents", said, documentation=True) == 1


@pytest.mark.parametrize(
    ("question", "table"),
    [
        ("secrets read from a key vault by an unfamiliar app", "AzureDiagnostics"),
        ("requests blocked by the WAF in front of the shop", "AzureDiagnostics"),
        ("resource locks removed from production resource groups", "AzureActivity"),
    ],
)
def test_azure_data_plane_and_management(question: str, table: str) -> None:
    assert _tables(question, "sentinel") == (table,)


def test_an_app_of_the_directory_is_no_cloud_app_activity_on_sentinel() -> None:
    question = "application permissions granted to an app registration in Entra ID"
    assert _tables(question, "sentinel") == ("AuditLogs",)


def test_what_defender_for_cloud_apps_records_is_cloud_app_events() -> None:
    question = "mailbox forwarding rules, as recorded by Defender for Cloud Apps"
    assert _tables(question, "sentinel") == ("CloudAppEvents",)


@pytest.mark.parametrize(
    ("platform", "table"), [("sentinel", "OfficeActivity"), ("defender", "CloudAppEvents")]
)
def test_mailbox_access_is_workload_activity(platform: str, table: str) -> None:
    question = "admins who gave themselves full access to another user's mailbox"
    assert _tables(question, platform) == (table,)


@pytest.mark.parametrize(
    ("question", "platform", "table"),
    [
        ("an overview of group memberships in Entra ID", "defender", "IdentityInfo"),
        ("external members added to a Teams channel", "sentinel", "OfficeActivity"),
        ("accounts set to password never expires in AD", "defender", "IdentityDirectoryEvents"),
        ("scheduled tasks created with a binary in the temp folder", "defender", "DeviceEvents"),
    ],
)
def test_directory_and_workload_phrases(question: str, platform: str, table: str) -> None:
    assert _tables(question, platform) == (table,)


@pytest.mark.parametrize(
    ("question", "table"),
    [
        ("conditional access policies that were deleted this month", "AuditLogs"),
        ("which users fail conditional access policies most often", "SigninLogs"),
        ("guest accounts accessing our apps from other tenants", "SigninLogs"),
        ("who ran the most queries against the Sentinel workspaces", "LAQueryLogs"),
        ("servers that stopped sending heartbeats an hour ago", "Heartbeat"),
        ("billable data volume per table", "Usage"),
        ("device compliance in Intune per week", "IntuneDevices"),
        ("files downloaded by guests from SharePoint", "OfficeActivity"),
        ("users who rely on text messages for MFA", "SigninLogs"),
    ],
)
def test_sentinel_sources_by_their_words(question: str, table: str) -> None:
    assert _tables(question, "sentinel") == (table,)


def test_a_knowledge_base_yields_to_the_devices_it_describes() -> None:
    question = "vulnerabilities with a public exploit, counted per device"
    tables = _tables(question, "defender")
    assert tables[0] == "DeviceTvmSoftwareVulnerabilities"


def test_a_browser_opening_a_link_is_no_browser_extension() -> None:
    question = "on compromised laptops, programs that launched a browser to open links"
    assert _tables(question, "defender") == ("DeviceEvents",)


def test_posture_tables_count_less_in_questions_without_posture_words() -> None:
    share = posture_share("DeviceTvmBrowserExtensions", "browser opened", documentation=False)
    assert 0 < share < 1
