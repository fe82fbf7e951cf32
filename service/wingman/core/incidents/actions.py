"""The fixed catalog of guided-response actions a console can render as its own buttons.

Each action has one category and the entity types it may target; the README lists the same
table (a unit test holds the two together).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from wingman.core.models import EntityType, ResponseCategory

_C = ResponseCategory
_E = EntityType


@dataclass(frozen=True, slots=True)
class Action:
    name: str
    category: ResponseCategory
    targets: frozenset[EntityType]
    summary: str


def _action(
    name: str, category: ResponseCategory, targets: set[EntityType], summary: str
) -> Action:
    return Action(name, category, frozenset(targets), summary)


_INDICATORS = {_E.IP, _E.URL, _E.DOMAIN, _E.FILE}

ACTIONS: Mapping[str, Action] = {
    a.name: a
    for a in (
        _action(
            "confirm_user_compromised",
            _C.TRIAGE,
            {_E.USER},
            "mark the user as compromised so its risk drives access policy",
        ),
        _action(
            "review_sign_ins",
            _C.TRIAGE,
            {_E.USER},
            "review the user's recent sign-ins for unfamiliar locations and apps",
        ),
        _action(
            "isolate_device",
            _C.CONTAINMENT,
            {_E.DEVICE},
            "cut the device off the network except for the security service",
        ),
        _action(
            "restrict_app_execution",
            _C.CONTAINMENT,
            {_E.DEVICE},
            "allow only signed, trusted programs to run on the device",
        ),
        _action("disable_user", _C.CONTAINMENT, {_E.USER}, "disable the account in the directory"),
        _action(
            "revoke_sessions",
            _C.CONTAINMENT,
            {_E.USER},
            "revoke refresh tokens and sessions so the user must sign in again",
        ),
        _action(
            "block_indicator",
            _C.CONTAINMENT,
            _INDICATORS,
            "add the IP, URL, domain or file hash to the block list",
        ),
        _action(
            "collect_investigation_package",
            _C.INVESTIGATION,
            {_E.DEVICE},
            "collect the device's forensic package",
        ),
        _action(
            "run_antivirus_scan",
            _C.INVESTIGATION,
            {_E.DEVICE},
            "run a full antivirus scan on the device",
        ),
        _action(
            "hunt_indicator",
            _C.INVESTIGATION,
            _INDICATORS | {_E.PROCESS},
            "search all devices and mail for the indicator",
        ),
        _action(
            "review_cloud_resource_activity",
            _C.INVESTIGATION,
            {_E.CLOUD_RESOURCE},
            "review the resource's activity and access logs",
        ),
        _action(
            "quarantine_file",
            _C.REMEDIATION,
            {_E.FILE},
            "stop the file's processes and quarantine it everywhere",
        ),
        _action("reset_password", _C.REMEDIATION, {_E.USER}, "reset the user's password"),
        _action(
            "remove_persistence",
            _C.REMEDIATION,
            {_E.REGISTRY},
            "remove the registry value or key used to persist",
        ),
        _action(
            "soft_delete_email",
            _C.REMEDIATION,
            {_E.EMAIL_MESSAGE},
            "move the message out of every mailbox it reached",
        ),
        _action(
            "remove_inbox_rule",
            _C.REMEDIATION,
            {_E.MAILBOX},
            "remove forwarding and inbox rules the attacker created",
        ),
        _action(
            "revoke_oauth_consent",
            _C.REMEDIATION,
            {_E.CLOUD_APP},
            "revoke the consent granted to the application",
        ),
        _action(
            "restore_from_backup",
            _C.REMEDIATION,
            {_E.DEVICE, _E.CLOUD_RESOURCE},
            "restore encrypted or destroyed data from a clean backup",
        ),
        _action(
            "rotate_credentials",
            _C.REMEDIATION,
            {_E.CLOUD_RESOURCE, _E.CLOUD_APP},
            "rotate keys and secrets the resource or app holds",
        ),
        _action(
            "block_sender",
            _C.PREVENTION,
            {_E.MAILBOX},
            "block the sender's address in the tenant allow/block list",
        ),
        _action(
            "require_mfa",
            _C.PREVENTION,
            {_E.USER},
            "require multifactor authentication for the user",
        ),
    )
}


def catalog_table() -> str:
    """The catalog as the README's Markdown table."""
    rows = ["| action | category | targets | what it does |", "| --- | --- | --- | --- |"]
    for action in ACTIONS.values():
        targets = ", ".join(sorted(t.value for t in action.targets))
        rows.append(f"| `{action.name}` | {action.category.value} | {targets} | {action.summary} |")
    return "\n".join(rows)
