from __future__ import annotations

import time

import pytest

from tests.unit.incidents.scenario import A, E, StaticAdapter, dev, ip, user
from wingman.core.errors import InvalidArgument, PayloadTooLarge
from wingman.core.incidents.formats.registry import ADAPTERS
from wingman.core.incidents.summarize import Bounds, IncidentSummarizer
from wingman.core.knowledge.attack import default_catalog
from wingman.core.models import (
    EntityType,
    IncidentFormat,
    Severity,
    SummarizeIncidentRequest,
    SummarizeIncidentResponse,
)

T = EntityType


def _summarize(*alerts: A, title: str = "", **bounds: int) -> SummarizeIncidentResponse:
    adapter = StaticAdapter(alerts, title=title)
    summarizer = IncidentSummarizer(
        attack=default_catalog(),
        adapters={IncidentFormat.WINGMAN: adapter},
        bounds=Bounds(**bounds),
    )
    return summarizer(SummarizeIncidentRequest(incident={}), deadline=time.monotonic() + 10)


RANSOMWARE = (
    A(
        "r3",
        "Shadow copies deleted with vssadmin",
        "2026-04-01T02:10:00Z",
        (dev("fs-02"),),
        ("Impact",),
        ("T1490",),
        Severity.HIGH,
    ),
    A(
        "r1",
        "Successful RDP logon after many failed attempts",
        "2026-04-01T01:00:00Z",
        (dev("fs-01"), user("svc-backup@contoso.example"), ip("203.0.113.50", "attacker")),
        ("InitialAccess", "CredentialAccess"),
        ("T1110",),
        Severity.MEDIUM,
    ),
    A(
        "r2",
        "Lateral movement with PsExec",
        "2026-04-01T01:40:00Z",
        (dev("fs-01"), dev("fs-02")),
        ("LateralMovement",),
        ("T1570",),
        Severity.HIGH,
    ),
    A(
        "r4",
        "Ransomware encrypted files",
        "2026-04-01T02:20:00Z",
        (dev("fs-02.contoso.example"), dev("fs-01")),
        ("Impact",),
        ("T1486",),
        Severity.HIGH,
    ),
)


def test_the_timeline_follows_activity_time_not_the_order_given() -> None:
    response = _summarize(*RANSOMWARE)
    assert [s.alert_ids for s in response.timeline] == [("r1",), ("r2",), ("r3",), ("r4",)]
    assert response.timeline[0].time == "2026-04-01T01:00:00Z"


def test_tactics_come_in_kill_chain_order_with_named_techniques() -> None:
    response = _summarize(*RANSOMWARE)
    assert response.tactics == ("initial-access", "credential-access", "lateral-movement", "impact")
    assert {t.id: t.name for t in response.techniques}["T1486"] == "Data Encrypted for Impact"


def test_ransomware_on_two_devices_is_critical_with_encryption_in_scope() -> None:
    response = _summarize(*RANSOMWARE)
    assert response.scope.impact == ("encryption",)
    assert response.severity is Severity.CRITICAL
    assert "raised to critical" in response.summary
    assert len(response.scope.devices) == 2


def test_brute_force_over_rdp_comes_in_through_the_exposed_host() -> None:
    entry = _summarize(*RANSOMWARE).entry_point
    assert entry is not None
    assert (entry.type, entry.value) == (T.DEVICE, "fs-01")
    assert entry.evidence_ids[0] == "r1"


def test_response_isolates_and_restores_encrypted_devices_and_blocks_the_attacker() -> None:
    response = _summarize(*RANSOMWARE)
    got = {(r.action, r.target.value) for r in response.recommendations}
    assert {
        ("isolate_device", "fs-01"),
        ("isolate_device", "fs-02.contoso.example"),
        ("restore_from_backup", "fs-02.contoso.example"),
        ("block_indicator", "203.0.113.50"),
    } <= got
    assert response.recommendations[0].priority == 1
    priorities = [r.priority for r in response.recommendations]
    assert priorities == sorted(priorities)


def test_private_addresses_are_never_blocked() -> None:
    response = _summarize(
        A(
            "a1",
            "Connection to a known command and control server",
            "2026-04-01T01:00:00Z",
            (dev("ws-1"), ip("10.1.2.3", "destination"), ip("192.168.0.9", "destination")),
            ("CommandAndControl",),
        ),
    )
    assert not [r for r in response.recommendations if r.target.type is T.IP]


PHISH_TO_BEC = (
    A(
        "b1",
        "Phishing email with a credential harvesting link",
        "2026-05-02T08:00:00Z",
        (
            E(
                T.EMAIL_MESSAGE,
                "Shared document",
                {"subject": "Shared document", "sender": "docs@lure.example"},
            ),
            E(T.URL, "https://lure.example/login", {"url": "https://lure.example/login"}),
            E(T.MAILBOX, "cfo@contoso.example", {"address": "cfo@contoso.example"}),
        ),
        ("InitialAccess",),
    ),
    A(
        "b2",
        "Sign-in from an anonymous IP address",
        "2026-05-02T08:30:00Z",
        (user("cfo@contoso.example"), ip("198.51.100.20")),
        ("InitialAccess",),
    ),
    A(
        "b3",
        "Suspicious inbox forwarding rule",
        "2026-05-02T08:41:00Z",
        (
            user("cfo@contoso.example"),
            E(T.MAILBOX, "cfo@contoso.example", {"address": "cfo@contoso.example"}),
        ),
        ("Collection",),
    ),
)


def test_a_phishing_message_is_the_entry_and_the_account_is_taken_back() -> None:
    response = _summarize(*PHISH_TO_BEC)
    entry = response.entry_point
    assert entry is not None
    assert (entry.type, entry.value) == (T.EMAIL_MESSAGE, "Shared document")
    got = {(r.action, r.target.value) for r in response.recommendations}
    assert {
        ("soft_delete_email", "Shared document"),
        ("block_sender", "docs@lure.example"),
        ("revoke_sessions", "cfo@contoso.example"),
        ("reset_password", "cfo@contoso.example"),
        ("remove_inbox_rule", "cfo@contoso.example"),
        ("block_indicator", "https://lure.example/login"),
    } <= got


def test_one_alert_with_no_way_in_says_the_evidence_is_insufficient() -> None:
    response = _summarize(A("x1", "Suspicious process", "2026-01-01T00:00:00Z", (dev("ws-9"),)))
    assert response.entry_point is None
    assert "insufficient evidence" in response.summary


def test_every_sentence_carries_its_evidence_and_the_summary_is_their_text() -> None:
    response = _summarize(*RANSOMWARE)
    assert 3 <= len(response.citations) <= 8
    assert response.summary == " ".join(c.text for c in response.citations)
    assert all(c.alert_ids or c.entity_ids for c in response.citations[:-1])


def test_repeats_of_one_alert_on_the_same_entities_fold_into_one_step() -> None:
    alerts = [
        A(f"d{i}", "Demo rule fired", f"2026-01-01T0{i}:00:00Z", (dev("ws-1"),)) for i in range(4)
    ]
    response = _summarize(*alerts)
    [step] = response.timeline
    assert step.alert_ids == ("d0", "d1", "d2", "d3")
    assert "(4 alerts, the last at 2026-01-01T03:00:00Z)" in step.text


def test_a_flood_of_alerts_folds_by_title_and_the_answer_stays_bounded() -> None:
    alerts = [
        A(f"f{i}", f"Rule {i % 7}", f"2026-01-01T00:{i % 60:02d}:00Z", (dev(f"ws-{i}"),))
        for i in range(1000)
    ]
    response = _summarize(*alerts, entities=100)
    assert len(response.timeline) == 7
    assert len(response.entities) == 100
    assert response.truncated
    assert any("900 entities not shown" in w for w in response.warnings)
    assert response.scope.alert_count == 1000
    assert "They come in 7 kinds; the most frequent are Rule 0 (143), Rule 1 (143)" in (
        response.summary
    )
    assert 3 <= len(response.citations) <= 8


def test_more_alerts_than_the_bound_is_refused_naming_the_field() -> None:
    alerts = [A(f"f{i}", "x") for i in range(11)]
    with pytest.raises(PayloadTooLarge, match=r"incident\.alerts.*limit of 10 alerts"):
        _summarize(*alerts, alerts=10)


def test_an_unknown_technique_is_reported_not_named() -> None:
    response = _summarize(
        A("u1", "Odd", "2026-01-01T00:00:00Z", (dev("ws-1"),), ("Execution",), ("T9999",))
    )
    assert "T9999" not in {t.id for t in response.techniques}
    assert any("T9999" in w for w in response.warnings)


def test_words_that_name_no_tactic_are_dropped() -> None:
    response = _summarize(
        A(
            "m1",
            "Malware found",
            "2026-01-01T00:00:00Z",
            (dev("ws-1"),),
            ("Malware", "SuspiciousActivity", "DefenseEvasion"),
        )
    )
    assert response.tactics == ("defense-evasion",)


def test_a_document_no_adapter_fits_is_refused_naming_each_format_tried() -> None:
    summarizer = IncidentSummarizer(attack=default_catalog())
    with pytest.raises(InvalidArgument) as raised:
        summarizer(
            SummarizeIncidentRequest(incident={"hello": "world"}), deadline=time.monotonic() + 5
        )
    assert "not an incident in any known format" in raised.value.message
    tried = {v.description.split(":")[0] for v in raised.value.violations}
    assert tried == {f.value for f in ADAPTERS}
    assert len(tried) >= 9
