"""Facts only a related table holds are joined in on the shared key, and only when asked for."""

from __future__ import annotations

import time

import pytest

from tests.unit.kql.asking import ask_valid as _ask
from wingman.core.kql.catalog import load_catalog
from wingman.core.kql.planner.compose import Composition
from wingman.core.kql.planner.enrichment import enrichment_join
from wingman.core.kql.planner.filters import Clause
from wingman.core.models import NLToKQLRequest
from wingman.engines import kql_planner_engine

PLANNER = kql_planner_engine().run
CATALOG = load_catalog()


def test_exploitable_vulnerabilities_keep_only_cves_with_an_exploit() -> None:
    answer = _ask("which machines have exploitable vulnerabilities")
    assert set(answer.tables) == {
        "DeviceTvmSoftwareVulnerabilities",
        "DeviceTvmSoftwareVulnerabilitiesKB",
    }
    join = next(c.kql for c in answer.clauses if c.kql.startswith("join"))
    assert "where IsExploitAvailable == true" in join
    assert join.endswith("on CveId")


def test_a_cvss_score_is_looked_up_and_shown() -> None:
    answer = _ask("the CVSS scores of the CVEs found on our devices")
    assert "lookup kind=leftouter (DeviceTvmSoftwareVulnerabilitiesKB" in answer.kql
    project = next(c.kql for c in answer.clauses if c.kql.startswith("project"))
    assert "CvssScore" in project


@pytest.mark.parametrize(
    "question",
    [
        "vulnerabilities on devices running chrome",
        # CVEs attacked in the wild are a list the question names, not the knowledge base's flag.
        "devices affected by known exploited vulnerabilities",
    ],
)
def test_vulnerabilities_stay_alone_unless_the_knowledge_base_is_asked_for(question: str) -> None:
    assert _ask(question).tables == ("DeviceTvmSoftwareVulnerabilities",)


def test_alert_evidence_is_joined_on_the_alert_id() -> None:
    answer = _ask("high severity alerts and the devices involved")
    assert set(answer.tables) == {"AlertInfo", "AlertEvidence"}
    assert "join kind=inner (AlertEvidence" in answer.kql
    assert "on AlertId" in answer.kql


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("sign-ins by privileged users from unfamiliar locations", "$left.UserId"),
        ("audit events from admin accounts last week", "on AccountObjectId"),
    ],
)
def test_privileged_users_are_those_holding_a_role_in_identity_info(
    question: str, key: str
) -> None:
    answer = _ask(question, "sentinel")
    assert "IdentityInfo" in answer.tables
    join = next(c.kql for c in answer.clauses if "IdentityInfo" in c.kql)
    assert "AssignedRoles" in join
    assert key in join
    if "AuditLogs" in answer.tables:
        # The initiator's object id is a field of a dynamic column: extended before the join.
        assert "extend AccountObjectId = tostring(InitiatedBy.user.id)" in answer.kql


def test_non_admin_users_are_not_read_as_privileged() -> None:
    answer = _ask("sign-ins by non-admin users from unfamiliar locations", "sentinel")
    assert "IdentityInfo" not in answer.tables


def test_what_identity_users_did_comes_from_their_audit_trail() -> None:
    answer = _ask("privileged accounts in IdentityInfo and the actions taken by them", "sentinel")
    assert answer.tables == ("IdentityInfo", "AuditLogs")
    assert "where isnotempty(AssignedRoles)" in answer.kql
    join = next(c.kql for c in answer.clauses if c.kql.startswith("join"))
    assert "extend AccountObjectId = tostring(InitiatedBy.user.id)" in join
    assert join.endswith("on AccountObjectId")


def test_an_identity_question_without_activity_stays_on_identity_info() -> None:
    answer = _ask("list privileged users in IdentityInfo", "sentinel")
    assert answer.tables == ("IdentityInfo",)
    assert "AssignedRoles" in answer.kql


def test_the_knowledge_base_brings_the_devices_exposed_to_a_cve() -> None:
    table = CATALOG.table("DeviceTvmSoftwareVulnerabilitiesKB")
    assert table is not None
    plan = Composition(table)
    plan.clauses.append(Clause(table.name, "Read the knowledge base."))
    enrichment_join(
        plan,
        question="critical CVEs and the machines exposed to them",
        catalog=CATALOG,
        platform="defender",
        time_filter="where {time} > ago(7d)",
    )
    assert "join kind=inner (DeviceTvmSoftwareVulnerabilities" in plan.kql
    assert plan.shown == ["DeviceName", "SoftwareName", "SoftwareVersion"]


def test_internet_facing_devices_are_found_through_device_info() -> None:
    answer = _ask("inbound connections to internet-facing servers")
    assert "DeviceInfo" in answer.tables
    assert "where tobool(IsInternetFacing)" in answer.kql


def test_a_url_row_gets_its_message_facts_from_email_events() -> None:
    answer = _ask("email url info rows with the threat type of their message")
    assert answer.tables == ("EmailUrlInfo", "EmailEvents")
    assert "join kind=inner (EmailEvents" in answer.kql
    project = next(c.kql for c in answer.clauses if c.kql.startswith("project"))
    assert "ThreatTypes" in project
    # A sender named is a condition on the message, kept through a semi-join.
    named = _ask("URL details of e-mails sent by hr@example.com")
    join = next(c.kql for c in named.clauses if c.kql.startswith("join"))
    assert join.startswith("join kind=leftsemi (EmailEvents")
    assert 'SenderFromAddress =~ "hr@example.com"' in join


def test_devices_that_wrote_an_attachment_are_found_by_its_hash() -> None:
    answer = _ask("which devices saved attachments of messages sent by payroll@example.org")
    assert answer.tables == ("EmailAttachmentInfo", "DeviceFileEvents")
    assert (
        "join kind=inner (DeviceFileEvents | project SHA256, DeviceName, FolderPath) on SHA256"
        in (answer.kql)
    )
    assert "distinct DeviceName" in answer.kql


def test_a_sender_named_of_post_delivery_actions_is_looked_up_in_the_message() -> None:
    answer = _ask("post-delivery actions on mail from alerts@example.net")
    assert answer.tables == ("EmailPostDeliveryEvents", "EmailEvents")
    join = next(c.kql for c in answer.clauses if c.kql.startswith("join"))
    assert 'SenderFromAddress =~ "alerts@example.net"' in join
    # Never read as the recipient, the only address column the table has.
    assert "RecipientEmailAddress" not in join
    assert 'RecipientEmailAddress =~ "alerts@example.net"' not in answer.kql


def test_a_recipient_domain_is_the_end_of_the_recipient_address() -> None:
    answer = _ask("emails delivered to contoso.com addresses last week")
    assert 'RecipientEmailAddress has "contoso.com"' in answer.kql
    assert "SenderFromDomain" not in answer.kql


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("failed logons of users that are in alerts this week", "AccountName"),
        ("registry changes on devices involved in security alerts", "DeviceId"),
    ],
)
def test_users_or_devices_in_alerts_are_kept_through_alert_evidence(
    question: str, key: str
) -> None:
    answer = _ask(question)
    assert answer.tables[1:] == ("AlertEvidence",)
    join = next(c.kql for c in answer.clauses if c.kql.startswith("join"))
    assert join.startswith("join kind=leftsemi (AlertEvidence")
    assert f"distinct {key}) on {key}" in join


def test_the_links_a_message_carried_come_from_email_url_info() -> None:
    answer = _ask("phishing emails from the last 3 days and the links they carried")
    assert answer.tables == ("EmailEvents", "EmailUrlInfo")
    join = next(c.kql for c in answer.clauses if c.kql.startswith("join"))
    assert "project NetworkMessageId, Url, UrlDomain" in join
    assert "ago(3d)" in join


def test_an_address_said_from_is_still_the_remote_address_of_a_logon() -> None:
    answer = _ask("logons from 198.51.100.61 between 2026-11-01 and 2026-11-05")
    assert 'where RemoteIP == "198.51.100.61"' in answer.kql


def test_the_name_of_a_kind_of_value_is_no_device_name() -> None:
    answer = PLANNER(
        NLToKQLRequest(question="devices with the sha256 " + "ab" * 32, platform="defender"),
        deadline=time.monotonic() + 10,
    )
    assert 'DeviceName =~ "sha256"' not in answer.kql
    # Devices "with" a hash are found by their events, not in the inventory.
    assert "DeviceInfo" not in answer.tables
