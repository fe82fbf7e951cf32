"""The engines this build carries, assembled from settings (part of the composition root)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from wingman.config import ScriptSettings, Settings
from wingman.core.models import (
    AnalyzeScriptRequest,
    AnalyzeScriptResponse,
    NLToKQLRequest,
    NLToKQLResponse,
    SummarizeIncidentRequest,
    SummarizeIncidentResponse,
    ValidateKQLRequest,
    ValidateKQLResponse,
    WireModel,
)
from wingman.core.scripts.rules.external import ExternalRules

log = logging.getLogger(__name__)
Req = TypeVar("Req", bound=WireModel)
Resp = TypeVar("Resp", bound=WireModel)


@dataclass(frozen=True, slots=True)
class Capability(Generic[Req, Resp]):
    """A deterministic engine: a pure function of the request, bounded by a monotonic deadline.

    `version` is part of every cache key, so it names everything the answers depend on.
    """

    name: str
    version: str
    run: Callable[..., Resp]


@dataclass(frozen=True, slots=True)
class Engines:
    """The engines this build carries; a missing one answers UNIMPLEMENTED."""

    summarize_incident: Capability[SummarizeIncidentRequest, SummarizeIncidentResponse] | None = (
        None
    )
    analyze_script: Capability[AnalyzeScriptRequest, AnalyzeScriptResponse] | None = None
    nl_to_kql: Capability[NLToKQLRequest, NLToKQLResponse] | None = None
    validate_kql: Capability[ValidateKQLRequest, ValidateKQLResponse] | None = None


def default_engines(settings: Settings) -> Engines:
    """The engines that have landed in this build, configured from settings."""
    scripts = script_engine(settings.scripts)
    return Engines(
        summarize_incident=incident_engine(settings, scripts=scripts),
        analyze_script=scripts,
        validate_kql=kql_validation_engine(),
        nl_to_kql=kql_planner_engine(),
    )


def incident_engine(
    settings: Settings,
    *,
    scripts: Capability[AnalyzeScriptRequest, AnalyzeScriptResponse] | None = None,
) -> Capability[SummarizeIncidentRequest, SummarizeIncidentResponse]:
    """SummarizeIncident's deterministic engine, reading command lines with AnalyzeScript.

    `scripts` is the script capability to share (its rules take seconds to compile); without
    one, the engine builds its own.
    """
    from wingman.core.incidents.summarize import ENGINE, Bounds, IncidentSummarizer
    from wingman.core.knowledge.attack import default_catalog

    config = settings.incidents
    if config.analyse_commands and scripts is None:
        scripts = script_engine(settings.scripts)
    reader = scripts if config.analyse_commands else None
    summarizer = IncidentSummarizer(
        attack=default_catalog(),
        scripts=reader.run if reader is not None else None,
        bounds=Bounds(
            alerts=config.max_alerts,
            entities=config.max_entities,
            timeline=config.max_timeline,
            recommendations=config.max_recommendations,
        ),
    )
    summarizer.warm()
    # Command-line findings are part of the answer, so the script engine's version is too.
    version = ENGINE.version + (f"+scripts.{reader.version}" if reader else "+no-commands")
    return Capability(ENGINE.name, version, summarizer)


def kql_planner_engine() -> Capability[NLToKQLRequest, NLToKQLResponse]:
    """NLToKQL's deterministic planner on the packaged catalog and example index."""
    from wingman.core.kql.catalog import load_catalog
    from wingman.core.kql.engine import ENGINE, engine_version
    from wingman.core.kql.planner.examples import load_examples
    from wingman.core.kql.planner.plan import Planner
    from wingman.core.kql.planner.vocabulary import build_vocabulary
    from wingman.core.kql.syntax import warm
    from wingman.core.models import Engine

    catalog = load_catalog()
    version = engine_version(catalog)
    engine = Engine(name=ENGINE.name, version=version)
    examples = load_examples()
    # The planner writes queries shaped like the examples: parsing one per family first warms
    # the grammar for them without making startup wait for the whole index.
    warm(tuple({e.family: e.kql for e in reversed(examples.examples)}.values()))
    planner = Planner(catalog, examples, build_vocabulary(catalog), engine)
    return Capability(ENGINE.name, version, planner)


def kql_validation_engine() -> Capability[ValidateKQLRequest, ValidateKQLResponse]:
    """ValidateKQL on the packaged catalog, with the grammar warmed so the first call is fast."""
    from wingman.core.kql.catalog import load_catalog
    from wingman.core.kql.engine import ENGINE, KQLValidator, engine_version
    from wingman.core.kql.syntax import warm

    catalog = load_catalog()
    warm()
    return Capability(ENGINE.name, engine_version(catalog), KQLValidator(catalog))


def script_engine(
    settings: ScriptSettings,
) -> Capability[AnalyzeScriptRequest, AnalyzeScriptResponse]:
    """The static script analyzer, with the organisation's YARA rules when configured."""
    from wingman.core.scripts.analyze import ENGINE, default_analyzer

    version = ENGINE.version
    external: list[ExternalRules] = []
    degraded: list[str] = []
    if settings.yara_dir is not None:
        from wingman.adapters.yara_rules import YaraRules, YaraUnavailable

        try:
            rules = YaraRules.from_directory(settings.yara_dir)
        except YaraUnavailable as problem:
            log.error("YARA rules not loaded", extra={"reason": str(problem)})
            degraded.append(f"yara: rules in {settings.yara_dir} not applied: {problem}")
            version += "+yara-unavailable"
        else:
            log.info("YARA rules loaded", extra={"files": rules.files, "rules": rules.fingerprint})
            external.append(rules)
            version += f"+yara.{rules.fingerprint}"
    analyzer = default_analyzer(
        budget_s=settings.budget_ms / 1000.0, external=tuple(external), degraded=tuple(degraded)
    )
    return Capability(ENGINE.name, version, analyzer)
