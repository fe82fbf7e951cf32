"""Where rows come from: catalog tables, let bindings, unions, datatables and the rest."""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import TYPE_CHECKING, Any

from kusto_query_language_parser.parse_tools.KqlParser import KqlParser as P

from wingman.core.kql import diagnostics as d
from wingman.core.kql.catalog import Table
from wingman.core.kql.functions import CROSS_SCOPE
from wingman.core.kql.names import name_of
from wingman.core.kql.naming import core, parameter
from wingman.core.kql.scope import Columns
from wingman.core.kql.suggest import suggest

if TYPE_CHECKING:
    from wingman.core.kql.analysis import Analysis

_CUSTOM_SUFFIX = "_CL"
TIME_COLUMNS = {"defender": "Timestamp", "sentinel": "TimeGenerated"}
# Tables whose columns depend on what writes to them (AzureDiagnostics adds `<field>_s`, `_d`, ...
# per Azure resource type): their catalog columns are a floor, not the whole set.
_OPEN_TABLES = frozenset({"AzureDiagnostics"})
# Columns Log Analytics adds to every table of a workspace (the "standard columns").
_WORKSPACE_COLUMNS = {
    "TenantId": "string",
    "Type": "string",
    "_ResourceId": "string",
    "_SubscriptionId": "string",
    "_BilledSize": "real",
    "_IsBillable": "string",
    "_TimeReceived": "datetime",
    "_ItemId": "string",
}
_OTHER = {"defender": "sentinel", "sentinel": "defender"}
_ROW_SCHEMA_SOURCES = (P.DataTableExpressionContext, P.ExternalDataExpressionContext)


def source(analysis: Analysis, ctx: P.BeforePipeExpressionContext) -> Columns:
    """The columns at the start of a pipe."""
    inner = ctx.getChild(0)
    if isinstance(inner, P.BeforeOrAfterPipeOperatorContext):
        return analysis.operator(inner.getChild(0), Columns())
    if isinstance(inner, P.UnnamedExpressionContext):
        return tabular_operand(analysis, inner)
    if isinstance(inner, P.RangeExpressionContext):
        return Columns({name_of(inner.Expression.Name): "long"})
    if isinstance(inner, P.PrintOperatorContext):
        return analysis.operator(inner, Columns.opened())
    return Columns.opened()


def is_tabular_source(analysis: Analysis, ctx: Any) -> bool:
    """Whether a let value reads rows (a table or tabular binding) rather than computing."""
    inner = core(ctx)
    if isinstance(inner, P.NameReferenceWithDataScopeContext):
        name = name_of(inner.Name)
        binding = analysis.names.get(name)
        if binding is not None:
            return binding.kind == "tabular"
        return analysis.catalog.table(name) is not None or name.endswith(_CUSTOM_SUFFIX)
    return isinstance(inner, (*_ROW_SCHEMA_SOURCES, P.ToTableExpressionContext))


def tabular_operand(analysis: Analysis, ctx: Any) -> Columns:
    """The columns of an expression used as a table (a join's right side, a union member)."""
    inner = core(ctx)
    if isinstance(inner, P.PipeExpressionContext | P.ExpressionContext):
        return analysis.tabular(inner)
    if isinstance(inner, P.ParenthesizedExpressionContext):
        return analysis.tabular(inner.Expression)
    if isinstance(inner, P.NameReferenceWithDataScopeContext):
        return named_source(analysis, name_of(inner.Name), inner.Name)
    if isinstance(inner, _ROW_SCHEMA_SOURCES):
        return _row_schema_source(analysis, inner)
    if isinstance(inner, P.ToTableExpressionContext):
        return analysis.tabular(inner.Expression)
    if isinstance(inner, P.NamedFunctionCallExpressionContext):
        return _function_source(analysis, inner)
    if isinstance(
        inner,
        P.FunctionCallOrPathPathExpressionContext | P.DotCompositeFunctionCallExpressionContext,
    ):
        return _scoped_source(analysis, inner)
    if isinstance(inner, P.EntityNameReferenceContext):
        return named_source(analysis, name_of(inner.Name), inner)
    return Columns.opened()


def _row_schema_source(analysis: Analysis, ctx: Any) -> Columns:
    if isinstance(ctx, P.ExternalDataExpressionContext):
        analysis.report(
            d.EXTERNAL_DATA,
            "externaldata reads a file from outside the workspace; check that it is trusted",
            d.Span.of_token(ctx.start),
        )
    columns = ctx.Schema.Columns
    return Columns({name_of(c.Name): str(c.Type.getText()).lower() for c in columns if c})


def _function_source(analysis: Analysis, ctx: P.NamedFunctionCallExpressionContext) -> Columns:
    name = name_of(ctx.Name)
    if name in CROSS_SCOPE and name not in analysis.names:
        cross_scope(analysis, name, ctx)
        return Columns.opened()
    if name in ("table", "materialize", "view"):
        from wingman.core.kql.scalars import walk

        walk(analysis, ctx, analysis.scope(Columns()))
        return Columns.opened()
    analysis.report(
        d.UNKNOWN_FUNCTION_SOURCE,
        f"`{name}()` returns columns the catalog does not describe; names after it are not checked",
        d.Span.of_context(ctx),
    )
    return Columns.opened()


def _scoped_source(analysis: Analysis, ctx: Any) -> Columns:
    text = str(ctx.getText())
    head = text.split("(", 1)[0]
    if head in CROSS_SCOPE:
        cross_scope(analysis, head, ctx)
    return Columns.opened()


def cross_scope(analysis: Analysis, name: str, ctx: Any) -> None:
    analysis.report(
        d.CROSS_SCOPE,
        f"`{name}()` reaches outside this workspace; hunting queries read only its own tables",
        d.Span.of_context(ctx),
    )


def named_source(analysis: Analysis, name: str, ctx: Any) -> Columns:
    """The columns of a name used as a table: a let binding, a catalog table, or an error."""
    binding = analysis.names.get(name)
    if binding is not None:
        return binding.columns if binding.columns is not None else Columns.opened()
    table = analysis.catalog.table(name)
    if table is not None:
        analysis.resolved("table", name, ctx)
        return _table_columns(analysis, table, ctx)
    span = d.Span.of_context(ctx)
    if name.endswith(_CUSTOM_SUFFIX):
        analysis.report(
            d.CUSTOM_TABLE,
            f"`{name}` is a custom table; its columns are not checked",
            span,
        )
        return Columns.opened()
    candidates = (
        *analysis.catalog.names(),
        *(n for n, b in analysis.names.items() if b.kind == "tabular"),
    )
    suggestions = suggest(name, candidates)
    hint = f"; did you mean `{suggestions[0]}`?" if suggestions else ""
    analysis.report(d.UNKNOWN_TABLE, f"unknown table `{name}`{hint}", span, suggestions)
    return Columns.opened()


def _table_columns(analysis: Analysis, table: Table, ctx: Any) -> Columns:
    if table.name not in analysis.tables:
        analysis.tables.append(table.name)
    if analysis.platform not in table.platforms:
        other = _OTHER[analysis.platform]
        analysis.report(
            d.PLATFORM_TABLE,
            f"`{table.name}` is a {other} table; it is queryable here only when the "
            "platforms are connected",
            d.Span.of_context(ctx),
        )
    own_time = table.time_column(analysis.platform)
    others = {table.time_column(p) for p in table.platforms if p != analysis.platform}
    hidden = {t for t in others if t and t != own_time} if own_time else set()
    if analysis.platform not in table.platforms:
        # Queried across platforms (the unified portal): either time column may be meant.
        hidden = {TIME_COLUMNS[analysis.platform]} - set(table.columns)
    types = {n: c.type for n, c in table.columns.items() if n not in hidden}
    if analysis.platform == "sentinel" and "sentinel" in table.platforms:
        for name, kind in _WORKSPACE_COLUMNS.items():
            types.setdefault(name, kind)
    return Columns(types, table.name in _OPEN_TABLES, (table.name,), frozenset(hidden))


def union_members(analysis: Analysis, ctx: P.UnionOperatorContext) -> Columns:
    """The columns of every member of a union, merged."""
    merged = Columns()
    for member in ctx.Expressions:
        inner = member.getChild(0)
        if isinstance(inner, P.WildcardedEntityExpressionContext):
            merged = merged.merged(_wildcard(analysis, inner))
        else:
            merged = merged.merged(tabular_operand(analysis, inner))
    source = parameter(ctx, "withsource", "with_source")
    return merged.with_columns([(source, "string")]) if source else merged


def _wildcard(analysis: Analysis, ctx: Any) -> Columns:
    pattern = str(ctx.getText())
    if "*" not in pattern:
        return tabular_operand(analysis, ctx)
    matches = [t for t in analysis.catalog.names() if fnmatchcase(t, pattern)]
    if not matches:
        analysis.report(
            d.WILDCARD_EMPTY,
            f"`{pattern}` matches no table in the catalog",
            d.Span.of_context(ctx),
        )
        return Columns.opened()
    merged = Columns()
    for name in matches:
        table = analysis.catalog.table(name)
        if table is not None and analysis.platform in table.platforms:
            merged = merged.merged(_table_columns(analysis, table, ctx))
    return merged
