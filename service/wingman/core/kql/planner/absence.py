"""Devices that did not do something: "machines that accepted no RDP sessions this month",
"machines without a successful antivirus scan". The events asked about become a subquery; the
answer is the devices DeviceInfo knows that it does not name."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from wingman.core.kql.catalog import Catalog
from wingman.core.kql.literals import identifier

if TYPE_CHECKING:
    from wingman.core.kql.planner.compose import Composition

_DEVICES = r"(?:devices?|machines?|hosts?|endpoints?|computers?|servers?|workstations?)"
_ABSENT: Final = re.compile(
    rf"\b{_DEVICES}\s+(?:(?:(?:that|which)\s+)?(?:have|has|had|did|do|does)\s+"
    r"(?:had\s+|seen\s+|shown\s+|made\s+|got\s+|received\s+)?(?:no|not|never)\b|"
    r"(?:that|which)\s+(?:haven't|hasn't|didn't|don't|doesn't|never)\b|without\b|with\s+no\b)",
    re.IGNORECASE,
)
# "devices that have not been patched": a state of the device, not a missing event.
_STATE = re.compile(r"\b(?:not|never)\s+(?:been|be|yet)\b", re.IGNORECASE)


def absent_devices(
    plan: Composition,
    *,
    question: str,
    catalog: Catalog,
    platform: str,
    time_filter: str,
    rows: int,
    count: bool,
) -> bool:
    """Rewrite the plan as the devices its events leave out; False when the question is not one."""
    from wingman.core.kql.planner.filters import Clause

    match = _ABSENT.search(question)
    inventory = catalog.table("DeviceInfo")
    table = plan.table
    if match is None or _STATE.search(question, match.end() - 8, match.end() + 12):
        return False
    if inventory is None or platform not in inventory.platforms or table.name == "DeviceInfo":
        return False
    # DeviceInfo lists the devices of Defender for Endpoint: the Device* tables' devices. Agents of
    # other logs (SecurityEvent, Syslog) are not all in it.
    if "DeviceId" not in table.columns or not table.name.startswith("Device"):
        return False
    events = " | ".join(c.kql for c in plan.clauses)
    said = "; ".join(c.text for c in plan.clauses[1:]) or "any event"
    clauses = [Clause("DeviceInfo", f"Read DeviceInfo: {inventory.description}")]
    time = inventory.time_column(platform)
    if time and time_filter:
        clauses.append(
            Clause(time_filter.replace("{time}", identifier(time)), "Devices seen in the range.")
        )
    clauses.append(Clause("distinct DeviceId, DeviceName", "Each device once."))
    clauses.append(
        Clause(
            f"join kind=leftanti ({events} | distinct DeviceId) on DeviceId",
            f"Keep the devices with no {table.name} rows that match ({said}).",
        )
    )
    if count:
        clauses.append(Clause("count", "Count those devices."))
    else:
        clauses.append(Clause(f"take {rows}", f"Return at most {rows} rows."))
    plan.clauses = clauses
    return True
