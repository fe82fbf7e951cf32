"""The KQL capabilities as the facade calls them: requests in, responses out."""

from __future__ import annotations

from dataclasses import dataclass

from wingman.core.kql.catalog import Catalog
from wingman.core.kql.validate import check
from wingman.core.models import Engine, Platform, ValidateKQLRequest, ValidateKQLResponse

ENGINE = Engine(name="wingman-kql", version="0.1.0")


def engine_version(catalog: Catalog) -> str:
    """The engine's version with the catalog's: answers change when either does."""
    return f"{ENGINE.version}+catalog.{catalog.version}"


@dataclass(frozen=True, slots=True)
class KQLValidator:
    """ValidateKQL against one catalog."""

    catalog: Catalog

    def __call__(self, request: ValidateKQLRequest, *, deadline: float) -> ValidateKQLResponse:
        """Check one query; the cost is linear in its length, so the deadline needs no polling."""
        platform = request.platform.value if request.platform is not None else None
        report = check(request.kql, catalog=self.catalog, platform=platform)
        return ValidateKQLResponse(
            valid=report.valid,
            platform=Platform(report.platform),
            tables=report.tables,
            diagnostics=report.diagnostics,
            engine=Engine(name=ENGINE.name, version=engine_version(self.catalog)),
        )
