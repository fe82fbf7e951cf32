"""NLToKQL's where-clauses: value lists, negation, acting processes, accounts said in prose,
values said before their column, and conditions the question does not ground."""

from __future__ import annotations

import pytest

from tests.unit.kql.asking import ask as _ask
from wingman.core.kql.nl.entities import extract_entities
from wingman.core.models import NLToKQLResponse
from wingman.evaluation.kql_structure import query_filter_columns, without_time


def _filters(answer: NLToKQLResponse) -> frozenset[str]:
    columns = query_filter_columns(answer.kql)
    assert columns is not None, answer.kql
    return without_time(columns)


def _users(text: str) -> list[str]:
    return [e.value for e in extract_entities(text) if str(e.kind) == "user"]


@pytest.mark.parametrize(
    "text",
    [
        "techniques used by attackers to move laterally",
        "users located in Germany",
        "alerts about an account deletion",
        "tally the risky users per state of risk",
        "storage reads by users authenticated with a key",
        "cloud app activity grouped by Resource Group",
    ],
)
def test_prose_after_a_user_word_is_no_account(text: str) -> None:
    assert _users(text) == []


@pytest.mark.parametrize(
    ("text", "user"),
    [
        ("logons for the account administrator", "administrator"),
        ("processes run by the user kpatel", "kpatel"),
        ("sign-ins of user 'helpdesk'", "helpdesk"),
        ('behaviours of users containing "Maria Lopez"', "Maria Lopez"),
        ("files written by svc-build01", "svc-build01"),
    ],
)
def test_real_looking_accounts_are_still_taken(text: str, user: str) -> None:
    assert _users(text) == [user]


@pytest.mark.parametrize(
    ("question", "fragment"),
    [
        (
            "file events for the file names 'setup.exe', 'agent.exe' and 'svc.dll'",
            'FileName in~ ("setup.exe", "agent.exe", "svc.dll")',
        ),
        ("connections on remote port 22, 23 or 3389", "RemotePort in (22, 23, 3389)"),
        (
            "network events with ActionType ConnectionFailed or ConnectionAttempt",
            'ActionType in~ ("ConnectionFailed", "ConnectionAttempt")',
        ),
    ],
)
def test_values_listed_after_a_column_are_one_in_list(question: str, fragment: str) -> None:
    answer = _ask(question)
    assert answer.valid, answer.kql
    assert fragment in answer.kql


@pytest.mark.parametrize(
    ("question", "fragment"),
    [
        ("process events where the command line does not contain 'update'", "!has"),
        ("network events with remote port excluding 443", "RemotePort != 443"),
    ],
)
def test_a_negated_condition_drops_the_value(question: str, fragment: str) -> None:
    answer = _ask(question)
    assert answer.valid, answer.kql
    assert fragment in answer.kql


@pytest.mark.parametrize(
    ("question", "absent"),
    [
        # A comma after a column's name lists columns to show, not a value.
        ("show the process command line, folder path and device of events", "ProcessCommandLine"),
        # A hash column holds a hash, an id column an id with digits.
        ("file writes where the SHA256 is in the ten most frequent", "SHA256"),
        ("alerts that have 'miner' in the name", "AlertId"),
        # A plain English word after a column's name is prose.
        ("the attack techniques observed on alert da8a0e51c2", "AttackTechniques"),
    ],
)
def test_an_ungrounded_value_is_no_filter(question: str, absent: str) -> None:
    answer = _ask(question)
    assert absent not in _filters(answer), answer.kql


def test_devices_with_an_id_are_filtered_on_the_id_alone() -> None:
    answer = _ask("vulnerabilities on devices with id 9c1d7e2f4a6b8c0d1e2f3a")
    assert _filters(answer) == {"DeviceId"}, answer.kql


def test_two_ids_said_of_devices_are_one_device_id_list() -> None:
    answer = _ask("software vulnerabilities on devices 9c1d7e2f4a6b8c0d1e and 1a2b3c4d5e6f7a8b9c")
    assert _filters(answer) == {"DeviceId"}, answer.kql
    assert '"9c1d7e2f4a6b8c0d1e", "1a2b3c4d5e6f7a8b9c"' in answer.kql


def test_a_column_said_without_the_tables_own_word() -> None:
    answer = _ask('registry events on keys containing "Policies\\Explorer"')
    assert "RegistryKey has" in answer.kql


def test_a_parent_process_said_as_a_path_is_its_folder_path() -> None:
    answer = _ask("processes whose parent process ends with \\Tools\\agent.exe")
    assert 'InitiatingProcessFolderPath endswith "\\\\Tools\\\\agent.exe"' in answer.kql


def test_a_list_after_a_negation_is_dropped_as_a_whole() -> None:
    answer = _ask("mail received by fabrikam.com addresses and not from spam.xyz or junk.xyz")
    assert 'RecipientEmailAddress has "fabrikam.com"' in answer.kql
    assert 'not(SenderFromDomain has_any ("spam.xyz", "junk.xyz"))' in answer.kql


def test_excluded_addresses_are_a_negated_in_list() -> None:
    answer = _ask("network connections excluding 10.1.1.1 and 10.1.1.2 this week")
    assert 'RemoteIP !in ("10.1.1.1", "10.1.1.2")' in answer.kql


@pytest.mark.parametrize(
    ("question", "column"),
    [
        ("files written by setup.msi in the last day", "InitiatingProcessFileName"),
        ("file events initiated by helper.exe or agent.exe", "InitiatingProcessFileName"),
    ],
)
def test_the_program_something_was_done_by_is_the_initiating_process(
    question: str, column: str
) -> None:
    answer = _ask(question)
    assert _filters(answer) == {column}, answer.kql


def test_an_attachment_sender_said_in_quotes_is_the_sender() -> None:
    answer = _ask("devices with files from mail attachments sent by 'billingbot' this month")
    assert "SenderFromAddress" in _filters(answer), answer.kql


def test_a_flag_the_tables_name_says_is_no_filter() -> None:
    answer = _ask("non interactive sign ins from yesterday", "sentinel")
    assert answer.tables == ("AADNonInteractiveUserSignInLogs",), answer.kql
    assert "IsInteractive" not in answer.kql


@pytest.mark.parametrize(
    ("question", "platform", "fragment"),
    [
        ("risky users that are not processed yet", "sentinel", "IsProcessing == false"),
        ("logons by members of the local administrators group", "defender", "IsLocalAdmin"),
    ],
)
def test_a_flag_said_in_another_form_of_its_word(
    question: str, platform: str, fragment: str
) -> None:
    answer = _ask(question, platform)
    assert fragment in answer.kql


def test_a_known_value_belongs_to_the_column_said_beside_it() -> None:
    answer = _ask("inbound traffic from public remote addresses to local port 8443")
    assert _filters(answer) >= {"RemoteIPType", "LocalPort"}, answer.kql
    assert "LocalIPType" not in answer.kql


def test_a_word_a_phrase_has_chosen_is_no_other_columns_value() -> None:
    answer = _ask("successful non interactive sign ins this week", "sentinel")
    assert 'ResultType == "0"' in answer.kql
    assert "ConditionalAccessStatus" not in answer.kql


def test_sign_ins_into_a_resource_name_it() -> None:
    answer = _ask("non interactive sign ins into Contoso Payroll Portal per user", "sentinel")
    assert 'ResourceDisplayName has "Contoso Payroll Portal"' in answer.kql


@pytest.mark.parametrize(
    ("question", "platform", "fragment"),
    [
        ("identities in the HR department", "defender", 'Department =~ "HR"'),
        ("count Phishing threat types per source", "sentinel", 'ThreatType =~ "Phishing"'),
        ("file events requested over SMB protocol", "defender", 'RequestProtocol =~ "SMB"'),
    ],
)
def test_a_value_said_before_its_category_column(
    question: str, platform: str, fragment: str
) -> None:
    answer = _ask(question, platform)
    assert fragment in answer.kql


@pytest.mark.parametrize(
    "question",
    [
        "network events of attackers using Remote Desktop Protocol for access",
        "identities of the department heads",
    ],
)
def test_a_name_or_a_plain_word_before_a_category_is_no_value(question: str) -> None:
    answer = _ask(question)
    assert not {"Protocol", "Department"} & _filters(answer), answer.kql


def test_parts_listed_before_in_the_command_line() -> None:
    answer = _ask("processes that include rundll32.exe, javascript or mshtml in the command line")
    assert 'ProcessCommandLine has_any ("rundll32.exe", "javascript", "mshtml")' in answer.kql


def test_an_address_prefix_with_placeholders_is_a_startswith() -> None:
    answer = _ask("logons from addresses like 172.16.x.x yesterday")
    assert 'RemoteIP startswith "172.16."' in answer.kql


@pytest.mark.parametrize(
    ("question", "fragment"),
    [
        ("VM computers located in North Europe", 'AzureLocation has "northeurope"'),
        ("names of VM computers hosted in the south", 'AzureLocation has "south"'),
    ],
)
def test_a_place_said_of_resources_is_their_location(question: str, fragment: str) -> None:
    answer = _ask(question, "sentinel")
    assert fragment in answer.kql


def test_a_place_that_is_prose_is_none() -> None:
    answer = _ask("VM computers located in the same subnet", "sentinel")
    assert "AzureLocation" not in answer.kql


def test_open_incidents_are_the_new_and_active_ones() -> None:
    answer = _ask("high severity incidents left open", "sentinel")
    assert 'Status in ("New", "Active")' in answer.kql


def test_api_names_said_are_the_operations_kept() -> None:
    answer = _ask("AWS trail events such as DeleteBucket, PutBucketAcl or GetObject", "sentinel")
    assert 'EventName in~ ("DeleteBucket", "PutBucketAcl", "GetObject")' in answer.kql


def test_an_action_said_by_its_first_words() -> None:
    answer = _ask("the earliest inbound connection on local port 8080 today")
    assert 'ActionType == "InboundConnectionAccepted"' in answer.kql


def test_files_copied_or_moved_are_created_or_renamed() -> None:
    sha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709"
    answer = _ask(f"when files with sha1 {sha1} were copied or moved")
    assert 'ActionType in ("FileCreated", "FileRenamed")' in answer.kql


def test_a_copy_that_is_no_file_is_no_file_action() -> None:
    answer = _ask("processes that delete shadow copies with vssadmin.exe")
    assert "ActionType" not in _filters(answer), answer.kql


def test_a_registry_value_set_ending_with() -> None:
    answer = _ask("registry events where a value was set ending with -backdoor")
    assert 'RegistryValueData endswith "-backdoor"' in answer.kql


def test_a_platform_said_before_the_operating_system() -> None:
    answer = _ask("how many linux operating systems are in the VM computer table", "sentinel")
    assert 'OperatingSystemFamily =~ "linux"' in answer.kql


@pytest.mark.parametrize(
    "question",
    [
        "processes that tamper with the operating system recovery tools",
        "processes causing a high volume of writes",
    ],
)
def test_a_common_word_is_no_known_value_unless_said_of_its_column(question: str) -> None:
    answer = _ask(question)
    assert "ProcessIntegrityLevel" not in _filters(answer), answer.kql


@pytest.mark.parametrize(
    ("question", "fragment"),
    [
        ("processes running at system integrity level", 'ProcessIntegrityLevel == "System"'),
        ("alerts with a priority of high", 'Severity == "High"'),
    ],
)
def test_a_common_word_said_of_its_column_is_its_value(question: str, fragment: str) -> None:
    answer = _ask(question)
    assert fragment in answer.kql


def test_a_capitalised_common_value_is_the_value() -> None:
    answer = _ask("incidents that are still New this month", "sentinel")
    assert 'Status == "New"' in answer.kql


def test_a_host_is_no_id() -> None:
    answer = _ask("connections did vm-app-07 open to 198.51.100.7", "sentinel")
    assert "ConnectionId" not in answer.kql


def test_messages_about_a_numbered_thing_mention_it() -> None:
    answer = _ask("syslog messages about job 4411 on lnx-web-2", "sentinel")
    assert 'SyslogMessage has "job 4411"' in answer.kql


def test_a_duration_in_milliseconds() -> None:
    answer = _ask("storage blob reads that took more than 500 ms", "sentinel")
    assert "DurationMs > 500" in answer.kql


def test_a_hyphenated_value_introduced_by_is() -> None:
    answer = _ask("non interactive sign ins today where the operation is a log-in", "sentinel")
    assert 'OperationName =~ "log-in"' in answer.kql


def test_a_cited_link_is_no_url_filter() -> None:
    answer = _ask("connections to known bad hosts. Source: https://blog.example.org/post/123")
    assert "blog.example.org" not in answer.kql


def test_a_link_to_look_for_is_still_a_url_filter() -> None:
    answer = _ask("connections to https://cdn.badsite.net/drop.bin this week")
    assert "https://cdn.badsite.net/drop.bin" in answer.kql


def test_a_value_said_twice_is_kept_once() -> None:
    answer = _ask("devices vulnerable to CVE-2021-44228, and again CVE-2021-44228")
    assert answer.kql.count('"CVE-2021-44228"') == 1, answer.kql


def test_a_products_name_with_a_number_is_no_id() -> None:
    answer = _ask("Office 365 activity of mailbox owners this week", "sentinel")
    assert "OfficeId" not in answer.kql


def test_a_long_flag_word_with_two_letters_swapped() -> None:
    answer = _ask("configuration assessments of devices that are not compilant")
    assert "IsCompliant == false" in answer.kql


def test_a_short_word_with_letters_swapped_is_no_flag() -> None:
    answer = _ask("file certificate info where the file is singed")
    assert answer.tables == ("DeviceFileCertificateInfo",), answer.kql
    assert "IsSigned" not in answer.kql


def test_a_preposition_after_a_column_is_no_value() -> None:
    answer = _ask("syslog messages about disk errors on lnx-db-3", "sentinel")
    assert 'SyslogMessage =~ "about"' not in answer.kql


def test_a_common_value_inside_a_capitalised_name_is_no_value() -> None:
    answer = _ask("process events from all Contoso Operating Systems")
    assert "ProcessIntegrityLevel" not in _filters(answer), answer.kql


def test_an_action_said_by_its_own_name() -> None:
    answer = _ask("cloud app events of type QuarantineReleased this week")
    assert 'ActionType =~ "QuarantineReleased"' in answer.kql


def test_a_column_name_is_no_action() -> None:
    answer = _ask("cloud app events where ObjectName is set, grouped by AccountDisplayName")
    assert "ActionType" not in _filters(answer), answer.kql
