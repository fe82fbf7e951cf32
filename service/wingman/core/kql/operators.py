"""Tabular operators: the columns each one reads must exist, and the columns it hands on."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from kusto_query_language_parser.parse_tools.KqlParser import KqlParser as P

from wingman.core.kql.functions import EXTERNAL_PLUGINS
from wingman.core.kql.names import name_of
from wingman.core.kql.naming import by_column, is_arg_aggregate, output_columns, parameter
from wingman.core.kql.scalars import walk
from wingman.core.kql.scope import UNKNOWN, Binding, Columns, numbered
from wingman.core.kql.sources import tabular_operand, union_members

if TYPE_CHECKING:
    from wingman.core.kql.analysis import Analysis

Handler = Callable[["Analysis", Any, Columns], Columns]
_KEEP_LEFT = frozenset({"leftsemi", "leftanti", "leftantisemi", "anti"})
_KEEP_RIGHT = frozenset({"rightsemi", "rightanti", "rightantisemi"})


def _check_all(analysis: Analysis, expressions: Iterable[Any], row: Columns) -> list[str]:
    scope = analysis.scope(row)
    return [walk(analysis, e, scope) for e in expressions]


def _where(analysis: Analysis, ctx: Any, row: Columns) -> Columns:
    _check_all(analysis, [ctx.Predicate], row)
    return row


def _extend(analysis: Analysis, ctx: P.ExtendOperatorContext, row: Columns) -> Columns:
    scope = analysis.scope(row)
    added: list[tuple[str, str]] = []
    unsure = False
    for named in ctx.Expressions:
        kind = walk(analysis, named.Expression, scope)
        names = _declared_names(named)
        if names:
            added.extend((n, kind if len(names) == 1 else UNKNOWN) for n in names)
        else:
            unsure = True  # Kusto invents a name (Column1, ...) that queries rarely rely on
    result = row.with_columns(added)
    return Columns.opened(result) if unsure else result


def _declared_names(named: Any) -> list[str]:
    clause = named.Name
    if clause is None:
        return []
    if clause.NameList is not None:
        return [name_of(n) for n in clause.NameList.Names]
    return [name_of(clause.Name)]


def _project(analysis: Analysis, ctx: P.ProjectOperatorContext, row: Columns) -> Columns:
    scope = analysis.scope(row)
    kept: list[tuple[str, str]] = []
    unsure = False
    for named in ctx.Expressions:
        kind = walk(analysis, named.Expression, scope)
        names = _declared_names(named) or by_column(named.Expression, binning=False)
        if not names:
            unsure = True
        kept.extend((n, kind if len(names) == 1 else UNKNOWN) for n in names)
    return row.only(kept, open=unsure)


def _project_names(ctx: Any) -> list[tuple[str, Any]]:
    found = []
    for column in ctx.Columns:
        name_ctx = column.SimpleName.Name if column.SimpleName is not None else None
        found.append((column.getText(), name_ctx))
    return found


def _project_away(analysis: Analysis, ctx: Any, row: Columns) -> Columns:
    names = _project_names(ctx)
    for name, name_ctx in names:
        if name_ctx is not None and not row.has(name) and not row.open:
            analysis.unknown_column(name, name_ctx, analysis.scope(row))
    result = row.without(n for n, _ in names)
    return result if isinstance(ctx, P.ProjectAwayOperatorContext) else _keep(ctx, row, names)


def _keep(ctx: Any, row: Columns, names: list[tuple[str, Any]]) -> Columns:
    if isinstance(ctx, P.ProjectKeepOperatorContext):
        return row.keeping(n for n, _ in names)
    return row  # project-reorder only moves columns


def _rename(analysis: Analysis, ctx: P.ProjectRenameOperatorContext, row: Columns) -> Columns:
    scope = analysis.scope(row)
    types = dict(row.types)
    for named in ctx.Expressions:
        walk(analysis, named.Expression, scope)
        old = named.Expression.getText()
        for new in _declared_names(named):
            types[new] = types.pop(old, UNKNOWN)
    return Columns(types, row.open, row.tables)


def _summarize(analysis: Analysis, ctx: P.SummarizeOperatorContext, row: Columns) -> Columns:
    scope = analysis.scope(row)
    out: dict[str, str] = {}
    unsure = False
    for named in ctx.Expressions:
        kind = walk(analysis, named.Expression, scope)
        names = _aggregate_names(named, row)
        unsure = unsure or not names
        for n in names:
            out[numbered(n, out) if n in out else n] = kind if len(names) == 1 else row.type_of(n)
    if ctx.ByClause is not None:
        for named in ctx.ByClause.Expressions:
            kind = walk(analysis, named.Expression, scope)
            names = _declared_names(named) or by_column(named.Expression, binning=True)
            unsure = unsure or not names
            out.update((n, kind) for n in names)
    return row.only(out.items(), open=unsure)


def _aggregate_names(named: Any, row: Columns) -> list[str]:
    """An aggregation's output columns; a name given to arg_max() renames only its first."""
    declared = _declared_names(named)
    if not declared:
        return output_columns(named.Expression, row)
    if len(declared) == 1 and is_arg_aggregate(named.Expression):
        return declared + output_columns(named.Expression, row)[1:]
    return declared


def _distinct(analysis: Analysis, ctx: P.DistinctOperatorContext, row: Columns) -> Columns:
    if ctx.ColumnList is None:
        return row
    return _project_like(analysis, ctx.ColumnList.Expressions, row)


def _project_like(analysis: Analysis, expressions: Iterable[Any], row: Columns) -> Columns:
    scope = analysis.scope(row)
    kept: list[tuple[str, str]] = []
    unsure = False
    for named in expressions:
        kind = walk(analysis, named.Expression, scope)
        names = _declared_names(named) or by_column(named.Expression, binning=False)
        unsure = unsure or not names
        kept.extend((n, kind) for n in names)
    return row.only(kept, open=unsure)


def _count(analysis: Analysis, ctx: Any, row: Columns) -> Columns:
    return row.only([("Count", "long")])


def _same_rows(analysis: Analysis, ctx: Any, row: Columns) -> Columns:
    """take, top, sort, sample, serialize, render, as...: check what they read, keep the columns."""
    expressions = [getattr(ctx, "Expression", None), getattr(ctx, "ByExpression", None)]
    expressions.extend(getattr(ctx, "Expressions", None) or ())
    checked = [e for e in expressions if e is not None]
    _check_all(analysis, checked, row)
    if isinstance(ctx, P.SerializeOperatorContext):
        return row.with_columns((n, UNKNOWN) for e in ctx.Expressions for n in _declared_names(e))
    return row


def _join(analysis: Analysis, ctx: Any, row: Columns) -> Columns:
    right = tabular_operand(analysis, ctx.Table)
    kind = parameter(ctx, "kind").lower() or (
        "leftouter" if isinstance(ctx, P.LookupOperatorContext) else ""
    )
    scope = analysis.scope(row, left=row, right=right)
    if ctx.OnClause is not None:
        for key in ctx.OnClause.Expressions:
            text = key.getText()
            if text.isidentifier() and not text.startswith("$"):
                analysis.join_key(text, key, row, "$left")
                analysis.join_key(text, key, right, "$right")
            else:
                walk(analysis, key, scope)
    elif getattr(ctx, "WhereClause", None) is not None:
        walk(analysis, ctx.WhereClause.Predicate, scope)
    if kind in _KEEP_LEFT:
        return row
    if kind in _KEEP_RIGHT:
        return right
    return row.merged(right, suffix_duplicates=True)


def _union(analysis: Analysis, ctx: P.UnionOperatorContext, row: Columns) -> Columns:
    return row.merged(union_members(analysis, ctx))


def _mv_expand(analysis: Analysis, ctx: P.MvexpandOperatorContext, row: Columns) -> Columns:
    scope = analysis.scope(row)
    added: list[tuple[str, str]] = []
    for item in ctx.Expressions:
        walk(analysis, item.Expression.Expression, scope)
        names = _declared_names(item.Expression) or by_column(item.Expression, binning=False)
        added.extend((n, UNKNOWN) for n in names)
    index = parameter(ctx, "with_itemindex")
    if index:
        added.append((index, "long"))
    return row.with_columns(added)


def _parse(analysis: Analysis, ctx: Any, row: Columns) -> Columns:
    walk(analysis, ctx.Expression, analysis.scope(row))
    pattern = ctx.Pattern
    declared = [pattern.LeadingColumn] if pattern.LeadingColumn is not None else []
    declared += [s.Column for s in pattern.Segments if s.Column is not None]
    added = [(name_of(c.Name), _type_text(c.Type)) for c in declared]
    return row.with_columns(added)


def _type_text(ctx: Any) -> str:
    return "string" if ctx is None else str(ctx.getText()).lower()


def _parse_kv(analysis: Analysis, ctx: P.ParseKvOperatorContext, row: Columns) -> Columns:
    walk(analysis, ctx.Expressions, analysis.scope(row))
    return row.with_columns(
        (name_of(c.Name), _type_text(c.Type)) for c in ctx.Keys.Columns if c is not None
    )


def _evaluate(analysis: Analysis, ctx: P.EvaluateOperatorContext, row: Columns) -> Columns:
    analysis.plugin(ctx)
    return Columns.opened(row)


def _opaque(analysis: Analysis, ctx: Any, row: Columns) -> Columns:
    """Operators whose output we do not model (mv-apply, fork, scan, ...): accept any name after."""
    return Columns.opened(row)


def _make_series(analysis: Analysis, ctx: P.MakeSeriesOperatorContext, row: Columns) -> Columns:
    scope = analysis.scope(row)
    out: list[tuple[str, str]] = []
    for aggregation in ctx.Aggregations:
        walk(analysis, aggregation.Expression.Expression, scope)
        names = _declared_names(aggregation.Expression)
        out.extend((n, "dynamic") for n in names or output_columns(aggregation.Expression, row))
    # The grammar reads `Name=fn(...)` after make-series as an operator parameter `Name=fn`
    # followed by `(...)`: the parameter's name is the aggregation's output column.
    out.extend((p.NameToken.text, "dynamic") for p in ctx.Parameters or () if p.NameValue)
    on = ctx.OnClause.Expression
    walk(analysis, on.Expression, scope)
    out.extend(
        (n, "dynamic") for n in _declared_names(on) or by_column(on.Expression, binning=True)
    )
    if ctx.ByClause is not None:
        out.extend(_project_like(analysis, ctx.ByClause.Expressions, row).types.items())
    return row.only(out)


def _as(analysis: Analysis, ctx: P.AsOperatorContext, row: Columns) -> Columns:
    analysis.names[name_of(ctx.Name)] = Binding("tabular", row)
    return row


def _getschema(analysis: Analysis, ctx: Any, row: Columns) -> Columns:
    names = ("ColumnName", "ColumnOrdinal", "DataType", "ColumnType")
    return Columns(dict(zip(names, ("string", "int", "string", "string"), strict=True)))


def _plugin_name(ctx: P.EvaluateOperatorContext) -> str:
    call = ctx.PlugInCall.getChild(0)
    return name_of(call.Name) if isinstance(call, P.NamedFunctionCallExpressionContext) else ""


def is_external_plugin(ctx: P.EvaluateOperatorContext) -> bool:
    """Whether an `evaluate` calls a plugin that reaches other services."""
    return _plugin_name(ctx).lower() in EXTERNAL_PLUGINS


HANDLERS: dict[type, Handler] = {
    P.WhereOperatorContext: _where,
    P.ExtendOperatorContext: _extend,
    P.ProjectOperatorContext: _project,
    P.ProjectAwayOperatorContext: _project_away,
    P.ProjectKeepOperatorContext: _project_away,
    P.ProjectReorderOperatorContext: _same_rows,
    P.ProjectRenameOperatorContext: _rename,
    P.SummarizeOperatorContext: _summarize,
    P.DistinctOperatorContext: _distinct,
    P.CountOperatorContext: _count,
    P.TakeOperatorContext: _same_rows,
    P.TopOperatorContext: _same_rows,
    P.SortOperatorContext: _same_rows,
    P.SampleOperatorContext: _same_rows,
    P.SerializeOperatorContext: _same_rows,
    P.RenderOperatorContext: _same_rows,
    P.AsOperatorContext: _as,
    P.ConsumeOperatorContext: _same_rows,
    P.ExecuteAndCacheOperatorContext: _same_rows,
    P.JoinOperatorContext: _join,
    P.LookupOperatorContext: _join,
    P.UnionOperatorContext: _union,
    P.MvexpandOperatorContext: _mv_expand,
    P.ParseOperatorContext: _parse,
    P.ParseWhereOperatorContext: _parse,
    P.ParseKvOperatorContext: _parse_kv,
    P.EvaluateOperatorContext: _evaluate,
    P.MakeSeriesOperatorContext: _make_series,
    P.GetSchemaOperatorContext: _getschema,
}
