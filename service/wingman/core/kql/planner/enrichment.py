"""Facts a question asks for that the chosen table does not hold but a related table does, joined
in on their shared key (the related tables and their cues are in links.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wingman.core.kql.catalog import Catalog
from wingman.core.kql.planner.joins import subquery
from wingman.core.kql.planner.links import ACTIVITY, LINKS, PRIVILEGED, ROLES

if TYPE_CHECKING:
    from wingman.core.kql.planner.compose import Composition


def enrichment_join(
    plan: Composition,
    *,
    question: str,
    catalog: Catalog,
    platform: str,
    time_filter: str,
) -> None:
    """Join in the first related table whose facts the question asks for."""
    from wingman.core.kql.planner.filters import Clause

    if "AssignedRoles" in plan.table.columns and PRIVILEGED.search(question):
        plan.clauses.append(Clause(f"where {ROLES}", "Keep users who hold a directory role."))
        plan.filtered.append("AssignedRoles")
    links = list(LINKS.get(plan.table.name, ()))
    if plan.table.name == "IdentityInfo" and platform in ACTIVITY:
        links.append(ACTIVITY[platform])
    for link in links:
        other = catalog.table(link.companion)
        if other is None or platform not in other.platforms or not link.cue.search(question):
            continue
        if any(
            c.kql.startswith(("join", "lookup")) and f"({other.name} " in c.kql
            for c in plan.clauses
        ):
            continue
        left, left_extend = _key(link.left)
        right, right_extend = _key(link.right)
        if not left_extend and left not in plan.table.columns:
            continue
        columns = tuple(
            c for c in link.columns if c in other.columns and c not in plan.table.columns
        )
        inner = subquery(other, platform, time_filter, timed=not link.lookup)
        if link.condition:
            inner.append(f"where {link.condition}")
        if right_extend:
            inner.append(f"extend {right_extend}")
        inner.append(f"{'project' if columns else 'distinct'} {', '.join((right, *columns))}")
        if left_extend:
            plan.clauses.append(Clause(f"extend {left_extend}", f"Take the {left} of each row."))
        on = left if left == right else f"$left.{left} == $right.{right}"
        operator = "lookup kind=leftouter" if link.lookup else "join kind=inner"
        if not columns:
            operator = "join kind=leftsemi"
        if link.lookup and link.condition:
            operator = "join kind=inner"
        plan.clauses.append(
            Clause(
                f"{operator} ({' | '.join(inner)}) on {on}",
                f"Add {link.says} from {other.name} (matched on {right}).",
            )
        )
        plan.shown.extend(columns)
        return


def _key(side: str) -> tuple[str, str]:
    """The key's name, and the extend that computes it when it is an expression."""
    name, _, expression = side.partition(" = ")
    return name, side if expression else ""
