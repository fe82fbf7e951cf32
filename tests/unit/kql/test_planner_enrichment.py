"""Facts only a related table holds are joined in on the shared key, and only when asked for."""

from __future__ import annotations

import time

import pytest

from wingman.core.kql.catalog import load_catalog
from wingman.core.kql.planner.compose import Composition
from wingman.core.kql.planner.enrichment import enrichment_join
from wingman.core.kql.planner.filters import Clause
from wingman.core.kql.validate import check
from wingman.core.models import NLToKQLRequest, NLToKQLResponse
from wingman.engines import kql_planner_engine

PLANNER = kql_planner_engine().run
CATALOG = load_catalog()


def _ask(question: str, platform: str = "defender") -> NLToKQLResponse:
    request = NLToKQLRequest(question=question, platform=platform)
    answer = PLANNER(request, deadline=time.monotonic() + 10)
    assert answer.valid, answer.diagnostics
    assert check(answer.kql, catalog=CATALOG, platform=platform).valid
    return answer


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
