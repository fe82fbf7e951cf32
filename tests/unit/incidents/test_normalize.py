from __future__ import annotations

from tests.unit.incidents.scenario import A, E, build, dev, ip, user
from wingman.core.incidents.normalize import normalize
from wingman.core.models import EntityType


def test_one_device_named_by_host_name_and_by_fqdn_is_one_entity() -> None:
    incident = normalize(
        build(
            A("a1", "first", entities=(dev("WS-FIN-014"),)),
            A("a2", "second", entities=(dev("ws-fin-014.contoso.example"),)),
        )
    )
    [device] = incident.of_type(EntityType.DEVICE)
    assert device.value == "ws-fin-014.contoso.example"
    assert device.alert_ids == ["a1", "a2"]
    assert incident.alert_entities == {"a1": [device.id], "a2": [device.id]}


def test_a_user_by_upn_and_by_domain_account_is_one_entity() -> None:
    incident = normalize(
        build(
            A(
                "a1",
                "x",
                entities=(
                    E(EntityType.USER, "CONTOSO\\alice", {"account": "alice", "domain": "CONTOSO"}),
                ),
            ),
            A("a2", "y", entities=(user("alice@contoso.example"),)),
        )
    )
    [merged] = incident.of_type(EntityType.USER)
    assert merged.value == "alice@contoso.example"
    assert {"upn:alice@contoso.example", "sam:contoso\\alice"} <= merged.names


def test_different_people_and_hosts_stay_apart() -> None:
    incident = normalize(
        build(
            A("a1", "x", entities=(user("alice@contoso.example"), dev("ws-1"))),
            A("a2", "y", entities=(user("bob@contoso.example"), dev("ws-2"))),
        )
    )
    assert len(incident.of_type(EntityType.USER)) == 2
    assert len(incident.of_type(EntityType.DEVICE)) == 2


def test_files_merge_on_a_hash_and_not_on_a_name_shared_by_different_hashes() -> None:
    a = E(EntityType.FILE, "invoice.exe", {"name": "invoice.exe", "sha256": "a" * 64})
    b = E(EntityType.FILE, "INVOICE.EXE", {"name": "INVOICE.EXE", "sha256": "A" * 64})
    c = E(EntityType.FILE, "invoice.exe", {"name": "invoice.exe", "sha256": "b" * 64})
    incident = normalize(build(A("a1", "x", entities=(a, b, c))))
    assert len(incident.of_type(EntityType.FILE)) == 2


def test_entity_ids_do_not_depend_on_the_order_of_the_alerts() -> None:
    first = A("a1", "x", entities=(dev("ws-1"), ip("198.51.100.7")))
    second = A("a2", "y", entities=(dev("ws-1.contoso.example"), user("alice@contoso.example")))
    one = normalize(build(first, second))
    other = normalize(build(second, first))
    assert sorted(one.entities) == sorted(other.entities)


def test_ip_forms_are_canonical_for_merging() -> None:
    incident = normalize(build(A("a1", "x", entities=(ip("2001:DB8:0:0::1"), ip("2001:db8::1")))))
    assert len(incident.of_type(EntityType.IP)) == 1


def test_a_message_sender_given_only_as_an_attribute_becomes_a_sender_mailbox() -> None:
    message = E(
        EntityType.EMAIL_MESSAGE,
        "Invoice overdue",
        {"subject": "Invoice overdue", "sender": "billing@fabrikam.example"},
    )
    incident = normalize(build(A("a1", "phish", entities=(message,))))
    [mailbox] = incident.of_type(EntityType.MAILBOX)
    assert (mailbox.value, mailbox.roles) == ("billing@fabrikam.example", ("sender",))
    assert mailbox.alert_ids == ["a1"]
    [(kind, source, target)] = incident.relations
    assert kind == "sent_from"
    assert incident.entities[target] is mailbox
    assert incident.entities[source].type is EntityType.EMAIL_MESSAGE
