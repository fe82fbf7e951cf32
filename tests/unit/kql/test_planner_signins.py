"""Sign-in and logon tables told apart by the context of the question, else by its word."""

from __future__ import annotations

import pytest

from tests.unit.kql.asking import tables as _tables
from wingman.core.kql.planner.signins import signin_table


@pytest.mark.parametrize(
    ("question", "platform", "table"),
    [
        ("interactive logons on the finance workstations", "defender", "DeviceLogonEvents"),
        ("accounts that log on to more than five machines", "defender", "DeviceLogonEvents"),
        ("sign-ins to our tenant from new countries", "defender", "AADSignInEventsBeta"),
        ("rare browsers used to sign in to the tenant", "defender", "AADSignInEventsBeta"),
        ("NTLM authentications against the domain controllers", "defender", "IdentityLogonEvents"),
        ("accounts that failed to login several times", "defender", "IdentityLogonEvents"),
        ("non-interactive sign-ins by the sync job", "sentinel", "AADNonInteractiveUserSignInLogs"),
        ("sign-ins of service principals from abroad", "sentinel", "AADServicePrincipalSignInLogs"),
        ("RDP logons to the jump hosts", "sentinel", "SecurityEvent"),
        ("sign-ins without MFA to the admin portal", "sentinel", "SigninLogs"),
    ],
)
def test_the_context_names_the_sign_in_table(question: str, platform: str, table: str) -> None:
    found = signin_table(question, platform)
    assert found is not None
    assert found[0] == table
    assert _tables(question, platform) == (table,)


@pytest.mark.parametrize(
    "question",
    [
        "blob reads that used anonymous authentication",
        "a service principal was created in the directory",
    ],
)
def test_no_sign_in_table_without_sign_in_language(question: str) -> None:
    assert signin_table(question, "sentinel") is None
    tables = _tables(question, "sentinel")
    assert not {"SigninLogs", "AADServicePrincipalSignInLogs"} & set(tables)


def test_authentication_events_of_accounts_are_the_domain_s() -> None:
    assert _tables('authentication events for accounts named "svc-backup"', "defender") == (
        "IdentityLogonEvents",
    )


def test_rdp_connections_are_network_connections() -> None:
    assert _tables("new RDP connections between workstations", "defender") == (
        "DeviceNetworkEvents",
    )
