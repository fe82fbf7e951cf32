"""Where rows come from: catalog tables, let bindings, unions, datatables and the rest."""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Any

from kusto_query_language_parser.parse_tools.KqlParser import KqlParser as P

from wingman.core.kql import diagnostics as d
from wingman.core.kql.catalog import Catalog, Table
from wingman.core.kql.functions import CROSS_SCOPE
from wingman.core.kql.names import name_of
from wingman.core.kql.naming import core
from wingman.core.kql.scope import Binding, Columns, Scope
from wingman.core.kql.suggest import suggest

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


class SourceResolver:
    """The part of the semantic pass that finds the columns of a query's sources."""

    catalog: Catalog
    platform: str
    names: dict[str, Binding]
    tables: list[str]

    def report(
        self, check: d.Check, message: str, span: d.Span, suggestions: tuple[str, ...] = ()
    ) -> None:
        raise NotImplementedError

    def tabular(self, ctx: Any) -> Columns:
        raise NotImplementedError

    def resolved(self, kind: str, name: str, ctx: Any) -> None:
        raise NotImplementedError

    def operator(self, ctx: Any, row: Columns) -> Columns:
        raise NotImplementedError

    def scope(
        self, row: Columns, *, left: Columns | None = None, right: Columns | None = None
    ) -> Scope:
        raise NotImplementedError

    def source(self, ctx: P.BeforePipeExpressionContext) -> Columns:
        """The columns at the start of a pipe."""
        inner = ctx.getChild(0)
        if isinstance(inner, P.BeforeOrAfterPipeOperatorContext):
            return self.operator(inner.getChild(0), Columns())
        if isinstance(inner, P.UnnamedExpressionContext):
            return self.tabular_operand(inner)
        if isinstance(inner, P.RangeExpressionContext):
            return Columns({name_of(inner.Expression.Name): "long"})
        if isinstance(inner, P.PrintOperatorContext):
            return self.operator(inner, Columns.opened())
        return Columns.opened()

    def _is_tabular_source(self, ctx: Any) -> bool:
        """Whether a let value reads rows (a table or tabular binding) rather than computing."""
        inner = core(ctx)
        if isinstance(inner, P.NameReferenceWithDataScopeContext):
            name = name_of(inner.Name)
            binding = self.names.get(name)
            if binding is not None:
                return binding.kind == "tabular"
            return self.catalog.table(name) is not None or name.endswith(_CUSTOM_SUFFIX)
        return isinstance(inner, (*_ROW_SCHEMA_SOURCES, P.ToTableExpressionContext))

    def tabular_operand(self, ctx: Any) -> Columns:
        """The columns of an expression used as a table (a join's right side, a union member)."""
        inner = core(ctx)
        if isinstance(inner, P.PipeExpressionContext | P.ExpressionContext):
            return self.tabular(inner)
        if isinstance(inner, P.ParenthesizedExpressionContext):
            return self.tabular(inner.Expression)
        if isinstance(inner, P.NameReferenceWithDataScopeContext):
            return self.named_source(name_of(inner.Name), inner.Name)
        if isinstance(inner, _ROW_SCHEMA_SOURCES):
            return self._row_schema_source(inner)
        if isinstance(inner, P.ToTableExpressionContext):
            return self.tabular(inner.Expression)
        if isinstance(inner, P.NamedFunctionCallExpressionContext):
            return self._function_source(inner)
        if isinstance(
            inner,
            P.FunctionCallOrPathPathExpressionContext | P.DotCompositeFunctionCallExpressionContext,
        ):
            return self._scoped_source(inner)
        if isinstance(inner, P.EntityNameReferenceContext):
            return self.named_source(name_of(inner.Name), inner)
        return Columns.opened()

    def _row_schema_source(self, ctx: Any) -> Columns:
        if isinstance(ctx, P.ExternalDataExpressionContext):
            self.report(
                d.EXTERNAL_DATA,
                "externaldata reads a file from outside the workspace; check that it is trusted",
                d.Span.of_token(ctx.start),
            )
        columns = ctx.Schema.Columns
        return Columns({name_of(c.Name): str(c.Type.getText()).lower() for c in columns if c})

    def _function_source(self, ctx: P.NamedFunctionCallExpressionContext) -> Columns:
        name = name_of(ctx.Name)
        if name in CROSS_SCOPE and name not in self.names:
            self.cross_scope(name, ctx)
            return Columns.opened()
        if name in ("table", "materialize", "view"):
            from wingman.core.kql.scalars import walk

            walk(self, ctx, self.scope(Columns()))  # type: ignore[arg-type]
        return Columns.opened()

    def _scoped_source(self, ctx: Any) -> Columns:
        text = str(ctx.getText())
        head = text.split("(", 1)[0]
        if head in CROSS_SCOPE:
            self.cross_scope(head, ctx)
        return Columns.opened()

    def cross_scope(self, name: str, ctx: Any) -> None:
        self.report(
            d.CROSS_SCOPE,
            f"`{name}()` reaches outside this workspace; hunting queries read only its own tables",
            d.Span.of_context(ctx),
        )

    def named_source(self, name: str, ctx: Any) -> Columns:
        """The columns of a name used as a table: a let binding, a catalog table, or an error."""
        binding = self.names.get(name)
        if binding is not None:
            return binding.columns if binding.columns is not None else Columns.opened()
        table = self.catalog.table(name)
        if table is not None:
            self.resolved("table", name, ctx)
            return self._table_columns(table, ctx)
        span = d.Span.of_context(ctx)
        if name.endswith(_CUSTOM_SUFFIX):
            self.report(
                d.CUSTOM_TABLE,
                f"`{name}` is a custom table; its columns are not checked",
                span,
            )
            return Columns.opened()
        candidates = (
            *self.catalog.names(),
            *(n for n, b in self.names.items() if b.kind == "tabular"),
        )
        suggestions = suggest(name, candidates)
        hint = f"; did you mean `{suggestions[0]}`?" if suggestions else ""
        self.report(d.UNKNOWN_TABLE, f"unknown table `{name}`{hint}", span, suggestions)
        return Columns.opened()

    def _table_columns(self, table: Table, ctx: Any) -> Columns:
        if table.name not in self.tables:
            self.tables.append(table.name)
        if self.platform not in table.platforms:
            other = _OTHER[self.platform]
            self.report(
                d.PLATFORM_TABLE,
                f"`{table.name}` is a {other} table; it is queryable here only when the "
                "platforms are connected",
                d.Span.of_context(ctx),
            )
        own_time = table.time_column(self.platform)
        others = {table.time_column(p) for p in table.platforms if p != self.platform}
        hidden = {t for t in others if t and t != own_time} if own_time else set()
        if self.platform not in table.platforms:
            # Queried across platforms (the unified portal): either time column may be meant.
            hidden = {TIME_COLUMNS[self.platform]} - set(table.columns)
        types = {n: c.type for n, c in table.columns.items() if n not in hidden}
        if self.platform == "sentinel" and "sentinel" in table.platforms:
            for name, kind in _WORKSPACE_COLUMNS.items():
                types.setdefault(name, kind)
        return Columns(types, table.name in _OPEN_TABLES, (table.name,), frozenset(hidden))

    def union_members(self, ctx: P.UnionOperatorContext) -> Columns:
        """The columns of every member of a union, merged."""
        merged = Columns()
        for member in ctx.Expressions:
            inner = member.getChild(0)
            if isinstance(inner, P.WildcardedEntityExpressionContext):
                merged = merged.merged(self._wildcard(inner))
            else:
                merged = merged.merged(self.tabular_operand(inner))
        source = _parameter_value(ctx, ("withsource", "with_source"))
        return merged.with_columns([(source, "string")]) if source else merged

    def _wildcard(self, ctx: Any) -> Columns:
        pattern = str(ctx.getText())
        if "*" not in pattern:
            return self.tabular_operand(ctx)
        matches = [t for t in self.catalog.names() if fnmatchcase(t, pattern)]
        if not matches:
            self.report(
                d.WILDCARD_EMPTY,
                f"`{pattern}` matches no table in the catalog",
                d.Span.of_context(ctx),
            )
            return Columns.opened()
        merged = Columns()
        for name in matches:
            table = self.catalog.table(name)
            if table is not None and self.platform in table.platforms:
                merged = merged.merged(self._table_columns(table, ctx))
        return merged


def _parameter_value(ctx: Any, wanted: tuple[str, ...]) -> str:
    for parameter in ctx.Parameters or ():
        if parameter.NameToken.text.lower() in wanted:
            value = parameter.NameValue or parameter.LiteralValue
            return str(value.getText()) if value is not None else ""
    return ""
