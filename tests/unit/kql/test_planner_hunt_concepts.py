"""Indicator feeds, tools of the trade and cloud-app activity, said the way hunters say them."""

from __future__ import annotations

import pytest

from tests.unit.kql.asking import tables as _tables


@pytest.mark.parametrize(
    ("question", "table"),
    [
        ("hits on the open-source feed of malware domains", "DeviceNetworkEvents"),
        ("matches against a blocklist of C2 IP addresses", "DeviceNetworkEvents"),
        ("known sample hashes from the vendor's IOC feed", "DeviceFileEvents"),
        ("workstations with the most SMB sessions to servers", "DeviceNetworkEvents"),
        ("vssadmin deleting shadow copies", "DeviceProcessEvents"),
        ("first use of a Sysinternals tool on a host", "DeviceProcessEvents"),
        ("This query lists the actions where one account impersonated another", "CloudAppEvents"),
    ],
)
def test_hunting_vocabulary_names_the_table(question: str, table: str) -> None:
    assert _tables(question) == (table,)


@pytest.mark.parametrize(
    ("question", "table"),
    [
        ("services configured to start at boot on ws-17", "DeviceRegistryEvents"),
        ("hosts where real-time protection was switched off", "DeviceRegistryEvents"),
        ("which kinds of os do our laptops run", "DeviceInfo"),
        ("sites browsed by more than three machines yesterday", "DeviceNetworkEvents"),
    ],
)
def test_endpoint_phrases(question: str, table: str) -> None:
    assert _tables(question) == (table,)


def test_a_risk_detection_is_no_sign_in_table() -> None:
    assert _tables("impossible travel flagged for our users", "sentinel") == ("AADUserRiskEvents",)


def test_sites_visited_from_devices_are_connections() -> None:
    question = "pages on the intranet that were visited by only one machine"
    assert _tables(question) == ("DeviceNetworkEvents",)


def test_commands_run_on_a_host_are_processes() -> None:
    question = "This query surfaces the commands an operator runs to stop the backup services"
    assert _tables(question) == ("DeviceProcessEvents",)


def test_everyday_words_of_endpoint_table_names_count_little_in_a_write_up() -> None:
    text = (
        "Once inside the network the operators map every network share and network printer "
        "they can reach, and they rarely stay longer than a few days. The following query finds "
        "them stopping the backup services on servers."
    )
    assert _tables(text) == ("DeviceProcessEvents",)


@pytest.mark.parametrize(
    ("question", "table"),
    [
        ("rundll32 launched by Office that connects to public IP addresses", "DeviceNetworkEvents"),
        ("ransom notes written to the user folders", "DeviceFileEvents"),
    ],
)
def test_the_activity_outweighs_the_program(question: str, table: str) -> None:
    assert _tables(question) == (table,)


@pytest.mark.parametrize(
    ("question", "table"),
    [
        ("every net1.exe run on the domain controllers", "DeviceProcessEvents"),
        ("local firewall rules added on laptops", "DeviceProcessEvents"),
        ("attempts to stop system restore on servers", "DeviceProcessEvents"),
        ("HTTP GET requests with unusual user agents", "DeviceNetworkEvents"),
        ("malicious downloads saved by the browser", "DeviceFileEvents"),
        ("attempts to open the local Outlook data files", "DeviceFileEvents"),
    ],
)
def test_more_endpoint_phrases(question: str, table: str) -> None:
    assert _tables(question) == (table,)


@pytest.mark.parametrize(
    ("question", "platform", "table"),
    [
        ("RDP clients seen on the network this month", "defender", "DeviceNetworkEvents"),
        (
            "firewall settings that are not compliant on servers",
            "defender",
            "DeviceTvmSecureConfigurationAssessment",
        ),
        ("PIM activations at night", "sentinel", "AuditLogs"),
        ("apps most accessed by guest accounts", "sentinel", "SigninLogs"),
        ("accounts that share an employee id", "sentinel", "IdentityInfo"),
    ],
)
def test_sources_without_change_words(question: str, platform: str, table: str) -> None:
    assert _tables(question, platform)[0] == table
