"""Write-ups that document a query: their meta-language and citations choose no table."""

from __future__ import annotations

import pytest

from tests.unit.kql.asking import ask as _ask
from wingman.core.kql.nl.entities import EntityKind, extract_entities
from wingman.core.kql.planner.documentation import hunted, read


def test_meta_language_is_blanked_and_offsets_are_kept() -> None:
    text = "This rule detects rundll32 started by Word. See the vendor blog for details."
    reading = read(text)
    assert len(reading.content) == len(text)
    assert "rule" not in reading.content
    assert "vendor blog" not in reading.content
    assert "rundll32 started by Word" in reading.content
    assert reading.documentation


def test_a_link_in_a_write_up_is_a_citation_not_an_indicator() -> None:
    text = (
        "The following query finds rundll32 launching script hosts, a trick described at "
        "https://blog.example.org/posts/rundll-tricks in more depth."
    )
    entities = hunted(read(text), extract_entities(text))
    assert EntityKind.URL not in {e.kind for e in entities}


def test_a_link_in_a_short_question_is_the_value_hunted() -> None:
    text = "connections to http://bad.example.net/gate.php today"
    entities = hunted(read(text), extract_entities(text))
    assert [e.kind for e in entities] == [EntityKind.URL]


def test_a_prose_word_after_by_is_no_account_in_a_write_up() -> None:
    text = (
        "This query finds archives created by other tools of the group, which the actors "
        "later upload to file hosting sites to exfiltrate what they collected."
    )
    entities = hunted(read(text), extract_entities(text))
    assert EntityKind.USER not in {e.kind for e in entities}


def test_a_written_account_stays_in_a_write_up() -> None:
    text = "This query lists processes started by svc_backup on the file servers of the branch."
    entities = hunted(read(text), extract_entities(text))
    assert ("svc_backup", EntityKind.USER) in {(e.value, e.kind) for e in entities}


def test_a_bare_sigma_rule_reference_is_a_process_hunt() -> None:
    answer = _ask(
        "Sigma rule: https://github.com/example/sigma/blob/main/rules/apt/apt_kitten.yml "
        "Questions via Twitter: @someanalyst"
    )
    assert answer.tables == ("DeviceProcessEvents",)


def test_a_sigma_rule_over_registry_events_is_a_registry_hunt() -> None:
    answer = _ask(
        "Original Sigma rule: "
        "https://github.com/example/sigma/blob/main/rules/windows/registry_event/persist.yml"
    )
    assert answer.tables == ("DeviceRegistryEvents",)


@pytest.mark.parametrize(
    "question",
    [
        "Alert whenever someone is given the Global Administrator role in Entra ID at night",
        "This detection lists the registry run keys that were written by scripting engines",
    ],
)
def test_alerting_language_does_not_ask_for_alerts(question: str) -> None:
    answer = _ask(question, "sentinel")
    assert not {"AlertInfo", "SecurityAlert"} & set(answer.tables)


def test_a_dotted_permission_name_is_no_domain_in_a_write_up() -> None:
    text = "This query finds apps that were granted Files.ReadWrite and Sites.Read by an admin."
    entities = hunted(read(text), extract_entities(text))
    assert EntityKind.DOMAIN not in {e.kind for e in entities}


def test_a_pointer_to_more_information_ends_at_its_colon() -> None:
    text = (
        "Patches came out in spring. For more information, see these links: KB1 KB2 "
        "The following query looks for a web server that drops script files in its own folders."
    )
    assert "drops script files" in read(text).content


def test_a_shell_being_loaded_is_no_image_load() -> None:
    text = (
        "Several flaws in a web server were patched this spring and exploited soon after. "
        "For more information, see the vendor's advisories. The following query finds a "
        "reverse shell being loaded through a known penetration testing framework."
    )
    answer = _ask(text)
    assert answer.tables == ("DeviceProcessEvents",)


def test_evading_detection_in_a_write_up_asks_for_no_alerts() -> None:
    text = (
        "Attackers pack their tools with custom packers to evade detection by security "
        "products. The following query looks for processes started from packed binaries in "
        "the downloads folder."
    )
    assert not {"AlertInfo", "AlertEvidence"} & set(_ask(text).tables)


def test_incidents_in_prose_are_no_incident_data() -> None:
    text = (
        "This loader has been involved in several incidents at hospitals over the last year, "
        "usually as the first stage. The following query finds the loader's scheduled tasks."
    )
    assert "SecurityIncident" not in _ask(text, "sentinel").tables
    assert _ask("list the incidents closed automatically last week", "sentinel").tables == (
        "SecurityIncident",
    )
