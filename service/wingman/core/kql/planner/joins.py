"""Values a table has no column for, looked up in its companion table through a semi-join:
alerts "involving user x" are found through their evidence, e-mails by their attachments."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from wingman.core.kql.catalog import Catalog, Table
from wingman.core.kql.literals import identifier, string_literal
from wingman.core.kql.planner.fields import column_kind

if TYPE_CHECKING:
    from wingman.core.kql.planner.compose import Composition

# Table -> (companion, the key both share), in order of preference.
COMPANIONS: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "AlertInfo": (("AlertEvidence", "AlertId"),),
    "EmailEvents": (
        ("EmailAttachmentInfo", "NetworkMessageId"),
        ("EmailUrlInfo", "NetworkMessageId"),
    ),
    "SecurityIncident": (("SecurityAlert", "SystemAlertId"),),
    # A URL, attachment or post-delivery action of a message whose sender or subject is named.
    "EmailUrlInfo": (("EmailEvents", "NetworkMessageId"),),
    "EmailAttachmentInfo": (("EmailEvents", "NetworkMessageId"),),
    "EmailPostDeliveryEvents": (("EmailEvents", "NetworkMessageId"),),
    # The knowledge base knows CVEs; which device or software has one is in the assessment.
    "DeviceTvmSoftwareVulnerabilitiesKB": (("DeviceTvmSoftwareVulnerabilities", "CveId"),),
}


def subquery(table: Table, platform: str, time_filter: str, *, timed: bool = True) -> list[str]:
    """The start of a joined table's subquery: its name, then the query's time range on its own
    time column (`time_filter` holds `{time}`; "" when no range was named)."""
    inner = [identifier(table.name)]
    time = table.time_column(platform)
    if timed and time and time_filter:
        inner.append(time_filter.replace("{time}", identifier(time)))
    return inner


def companion_join(
    plan: Composition,
    *,
    question: str,
    catalog: Catalog,
    platform: str,
    time_filter: str,
) -> None:
    """Filter the plan's rows by the values only a companion table holds."""
    from wingman.core.kql.planner.filters import Clause, entity_column, render_filter

    for name, key in COMPANIONS.get(plan.table.name, ()):
        other = catalog.table(name)
        if not plan.unused or other is None or platform not in other.platforms:
            continue
        if key not in other.columns or key not in plan.table.columns:
            continue
        inner, used = subquery(other, platform, time_filter), []
        for entity in plan.unused:
            kind = column_kind(str(entity.kind))
            column = entity_column(other, question, entity)
            if column:
                inner.append(render_filter(column, kind, [entity.value]).kql)
                plan.filtered.append(column)
                used.append(entity)
        if not used:
            continue
        inner.append(f"distinct {identifier(key)}")
        said = ", ".join(e.value for e in used)
        plan.clauses.append(
            Clause(
                f"join kind=leftsemi ({' | '.join(inner)}) on {identifier(key)}",
                f"Keep rows whose {name} names {said} (matched on {key}).",
            )
        )
        plan.unused = [e for e in plan.unused if e not in used]


_VALUE = r"(?P<v>\"[^\"]{1,100}\"|'[^']{1,100}'|[\w.-]{1,100})"
# "hosts in the fabrikam device group", "machine group 'Finance'".
_MACHINE_GROUP = (
    re.compile(rf"\b(?:in|from|on|of)\s+(?:the\s+)?{_VALUE}\s+(?:machine|device)\s+group\b", re.I),
    re.compile(rf"\b(?:machine|device)\s+group\s+(?:named\s+|called\s+|is\s+|=\s*)?{_VALUE}", re.I),
)
_DEVICE_WORDS = r"(?:devices|machines|hosts|endpoints|computers|servers|workstations|laptops)"
# "on macOS devices", "from Windows machines": the platform family of DeviceInfo.OSPlatform.
_PLATFORM = re.compile(
    rf"\b(?:on|from|in|across)\s+(?:all\s+|our\s+)?(?P<v>windows|macos|linux|ios|android)\s+"
    rf"{_DEVICE_WORDS}\b",
    re.I,
)
_PLATFORM_VALUES = {"windows": "Windows", "macos": "macOS", "linux": "Linux", "ios": "iOS"}
_PLATFORM_VALUES["android"] = "Android"
# "internet-facing devices", "servers exposed to the public": DeviceInfo.IsInternetFacing.
_FACING = re.compile(
    r"\b(?:internet|public)[- ]facing\b|\bexposed\s+to\s+the\s+(?:internet|public)\b", re.I
)
# "non-server devices", "workstations only": DeviceInfo.DeviceType.
_WORKSTATIONS = re.compile(r"\bnon[- ]?servers?\b|\bworkstations?\s+only\b", re.I)
_NOT_GROUPS = frozenset({"a", "an", "the", "same", "any", "each", "every", "which", "what"})


def device_attribute_join(
    plan: Composition,
    *,
    question: str,
    catalog: Catalog,
    platform: str,
    time_filter: str,
) -> None:
    """Keep a device table's rows whose device is in a machine group, runs an OS family or faces
    the internet as the question says, through DeviceInfo (the table itself has no such columns)."""
    from wingman.core.kql.planner.filters import Clause

    info = catalog.table("DeviceInfo")
    table = plan.table
    if info is None or table.name == "DeviceInfo" or platform not in info.platforms:
        return
    if "DeviceId" not in table.columns or "MachineGroup" in table.columns:
        return
    conditions: list[tuple[str, str, str]] = []
    for pattern in _MACHINE_GROUP:
        match = pattern.search(question)
        if match:
            value = match["v"].strip("\"'")
            if value and value.lower() not in _NOT_GROUPS:
                literal = string_literal(value)
                conditions.append(("MachineGroup", f"MachineGroup =~ {literal}", value))
            break
    match = _PLATFORM.search(question)
    if match and "OSPlatform" not in table.columns:
        family = _PLATFORM_VALUES[match["v"].lower()]
        literal = string_literal(family)
        conditions.append(("OSPlatform", f"OSPlatform startswith {literal}", family))
    if _WORKSTATIONS.search(question) and "DeviceType" not in table.columns:
        conditions.append(("DeviceType", 'DeviceType != "Server"', "not a server"))
    if _FACING.search(question) and "IsInternetFacing" not in table.columns:
        # Boolean in the product, text in some published schemas: tobool reads both.
        conditions.append(("IsInternetFacing", "tobool(IsInternetFacing)", "internet-facing"))
    if not conditions:
        return
    inner = subquery(info, platform, time_filter)
    inner += [f"where {predicate}" for _, predicate, _ in conditions]
    inner.append("distinct DeviceId")
    said = " and ".join(f"{column} {value}" for column, _, value in conditions)
    plan.clauses.append(
        Clause(
            f"join kind=leftsemi ({' | '.join(inner)}) on DeviceId",
            f"Keep devices whose DeviceInfo has {said} (matched on DeviceId).",
        )
    )
    plan.filtered.extend(column for column, _, _ in conditions)
