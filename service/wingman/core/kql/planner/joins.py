"""Values a table has no column for, looked up in its companion table through a semi-join:
alerts "involving user x" are found through their evidence, e-mails by their attachments."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from wingman.core.kql.catalog import Catalog
from wingman.core.kql.literals import identifier
from wingman.core.kql.planner.fields import column_for, column_kind

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
}


def companion_join(
    plan: Composition,
    *,
    catalog: Catalog,
    platform: str,
    time_filter: str,
) -> None:
    """Filter the plan's rows by the values only a companion table holds."""
    from wingman.core.kql.planner.compose import Clause, render_filter

    for name, key in COMPANIONS.get(plan.table.name, ()):
        other = catalog.table(name)
        if not plan.unused or other is None or platform not in other.platforms:
            continue
        if key not in other.columns or key not in plan.table.columns:
            continue
        inner, used = [identifier(name)], []
        time = other.time_column(platform)
        if time:
            inner.append(time_filter.replace("{time}", identifier(time)))
        for entity in plan.unused:
            kind = column_kind(str(entity.kind))
            column = column_for(other, kind)
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
