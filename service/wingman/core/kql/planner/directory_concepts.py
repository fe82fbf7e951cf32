"""Changes in the Entra ID directory (a role, group, app, user or service principal added,
removed, assigned; consent granted) and actions in the security portals, as concepts: the
directory audit log holds them (AuditLogs on Sentinel, CloudAppEvents in Defender XDR)."""

from __future__ import annotations

from typing import Final

from wingman.core.kql.planner.concepts import Concept, _c

# Words that place a change in the Entra directory rather than on a device or in Azure.
_ENTRA = (
    r"\b(azure ad|aad(?!internals)|azure active directory|entra( id)?|pim|privileged identity|"
    r"conditional access|ca polic(y|ies)|service principals?|app(lication)? registrations?|"
    r"enterprise app(lication)?s?|oauth|directory roles?|global admin\w*|guests?|"
    r"invit(e|es|ed|ations?)|sspr|self[- ]service password|mfa|security info|"
    r"authentication methods?|named locations?|entitlement|cross[- ]tenant|bitlocker keys?|"
    r"federat(ed|ion)|redirect uris?|app proxy|dynamic (groups?|membership)|"
    r"(delegated|application|graph|api|admin) (permissions?|consent)|consent(ed|s)?|"
    r"administrative units?)\b"
)
_OBJECT = (
    r"(service principals?|app(lication)? registrations?|app(lication)?s?|credentials?|secrets?|"
    r"certificates?|permissions?|consents?|polic(y|ies)|roles?|groups?|guests?|invit\w*|"
    r"members?|owners?|users?|accounts?|mfa( details| methods?| phone)?|phone numbers?|"
    r"authentication methods?|security info|password( resets?)?|sspr|keys?|uris?|domains?|"
    r"tenants?|settings?|locations?|packages?|units?|access)"
)
_CHANGE = (
    r"(add(ed|s|ing|itions?)?|remov\w*|delet\w*|assign\w*|activat\w*|grant\w*|consent\w*|"
    r"creat\w*|chang\w*|modif\w*|updat\w*|regist\w*|invit\w*|redeem\w*|resets?|elevat\w*|"
    r"read|set|enabl\w*|disabl\w*|generat\w*|restor\w*|unlock\w*)"
)
# Access granted on an Azure resource is Azure's own (RBAC) business, and members of a team or a
# site are the workload's; neither is the directory's.
_AZURE_RESOURCE = (
    r"\b(azure rbac|rbac (scope|role)s?|subscriptions?|resource groups?|key ?vaults?|"
    r"storage accounts?|virtual machines?|log analytics workspaces?|teams|sharepoint|onedrive|"
    r"channels?|exchange)\b"
)
_NEAR = r"\W+(\w+\W+){0,6}"
# Sign-ins after a change are what such a text hunts ("added, then signed in from abroad").
_SIGNED_IN = (
    r"\b(sign(ed)?[- ]?ins?|signins?|log(ged)?[- ]?(on|in)s?|logons?|logins?|"
    r"(mfa|conditional access) (activity|fraud|prompts?|challenges?|failures?|denied)|"
    r"failing (\w+ ){0,3}conditional access)\b"
)
# Settings and objects of the security portals themselves, changed by their administrators.
_PORTAL = (
    r"\b(advanced features|live response|(device )?isolat\w*|offboarding( packages?)?|rbac|"
    r"suppression rules?|supression rules?|sensors?|sentinel workspaces?|tamper protection|"
    r"security portal|portal settings)\b"
)
_ACTION = (
    r"\b(activit(y|ies)|actions?|chang\w*|delet\w*|disabl\w*|enabl\w*|creat\w*|download\w*|"
    r"performed|settings?|remov\w*|initiat\w*|modif\w*|releas\w*|start\w*|stopp?\w*|"
    r"sessions?|turn(ed|s)? (on|off)|request\w*|submit\w*|collect\w*|ran|run)\b"
)

DIRECTORY_CHANGE: Final[Concept] = _c(
    "entra_change",
    rf"^(?!.*{_SIGNED_IN})(?!.*{_AZURE_RESOURCE})(?=.*{_ENTRA}).*"
    rf"(\b{_OBJECT}{_NEAR}{_CHANGE}\b|\b{_CHANGE}{_NEAR}{_OBJECT}\b)",
    "changes in the Entra ID directory",
    {"AuditLogs": "", "CloudAppEvents": ""},
    weight=5.0,
)

DIRECTORY_CONCEPTS: Final[tuple[Concept, ...]] = (
    _c(
        "membership_report",
        r"\b(reports?|lists?|overview|summary|all) (of )?(the )?((entra( id)?|azure ad|aad) )?"
        r"(role|group) memberships?\b|"
        r"\busers?\b (\w+ ){0,3}(who|that) (have|hold) (\w+ ){0,4}roles\b|"
        r"\b(role|group) memberships? (of|for) (all )?(the )?users\b",
        "the roles and groups accounts hold",
        {"IdentityInfo": ""},
        weight=6.0,
    ),
    _c(
        "pim",
        r"\bpim\b|\bprivileged identity management\b",
        "Privileged Identity Management",
        {"AuditLogs": "", "CloudAppEvents": ""},
        weight=3.5,
    ),
    _c(
        "on_premises_directory",
        r"\b(password never expires|(constrained |unconstrained )?delegation|"
        r"lateral movement paths?|sensitive accounts?|spn (added|set|change\w*)|"
        r"(defender for identity|mdi)\b.{0,60}\b(chang\w*|set|added|removed|modif\w*))",
        "changes in Active Directory seen by Defender for Identity",
        {"IdentityDirectoryEvents": ""},
        weight=4.0,
    ),
    DIRECTORY_CHANGE,
    _c(
        "portal_action",
        rf"^(?=.*{_PORTAL}).*{_ACTION}",
        "actions taken in the security portals",
        {"CloudAppEvents": ""},
        weight=4.5,
    ),
)
