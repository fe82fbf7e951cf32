"""The names Kusto gives to unnamed output columns (summarize aggregates, by keys, projections)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from antlr4 import ParserRuleContext
from kusto_query_language_parser.parse_tools.KqlParser import KqlParser as P

from wingman.core.kql.functions import AGGREGATE_BARE, AGGREGATE_PREFIX, ARG_AGGREGATES, BINNING
from wingman.core.kql.names import name_of

if TYPE_CHECKING:
    from wingman.core.kql.scope import Columns


# Rules whose single child is only the spelling of a name: descending further loses the meaning.
_NAME_RULES = (P.NameReferenceWithDataScopeContext, P.EntityNameReferenceContext)


def core(ctx: Any) -> Any:
    """The innermost context of a chain of single-child rules (precedence levels)."""
    while (
        isinstance(ctx, ParserRuleContext)
        and not isinstance(ctx, _NAME_RULES)
        and ctx.children
        and len(ctx.children) == 1
    ):
        child = ctx.children[0]
        if not isinstance(child, ParserRuleContext):
            break
        ctx = child
    return ctx


def column_reference(ctx: Any) -> str:
    """The column an expression is, when it is nothing but a column reference."""
    inner = core(ctx)
    if isinstance(inner, P.NameReferenceWithDataScopeContext):
        return name_of(inner.Name)
    return ""


def by_column(ctx: Any, *, binning: bool) -> list[str]:
    """The name Kusto gives an unnamed `by` key or projection (`bin(C, ..)` is C, `A.b` is A_b)."""
    inner = core(ctx)
    if isinstance(inner, P.NameReferenceWithDataScopeContext):
        return [name_of(inner.Name)]
    if isinstance(inner, P.FunctionCallOrPathPathExpressionContext):
        parts = [str(inner.Expression.getText())]
        for operation in inner.Operations:
            step = operation.getChild(0)
            if isinstance(step, P.FunctionCallOrPathPathOperationContext):
                parts.append(name_of(step.Name))
            else:
                parts.append(str(step.Element.getText()).strip("'\""))
        return ["_".join(parts)]
    if (
        binning
        and isinstance(inner, P.NamedFunctionCallExpressionContext)
        and name_of(inner.Name) in BINNING
        and inner.Arguments
    ):
        return by_column(inner.Arguments[0], binning=False)
    return []


def output_columns(ctx: Any, row: Columns) -> list[str]:
    """The columns an unnamed aggregation produces, or [] when Kusto's name is not predictable."""
    inner = core(ctx)
    if isinstance(inner, P.CountExpressionContext):
        column = column_reference(inner.Expression) if inner.Expression is not None else ""
        return [f"count_{column}"]
    if not isinstance(inner, P.NamedFunctionCallExpressionContext):
        return by_column(inner, binning=False)
    function = name_of(inner.Name)
    arguments = list(inner.Arguments)
    if function in ARG_AGGREGATES:
        return _arg_columns(arguments, row)
    if function in ("percentile", "percentiles") and len(arguments) >= 2:
        column = column_reference(arguments[0])
        return [f"percentile_{column}_{a.getText()}" for a in arguments[1:]] if column else []
    prefix = AGGREGATE_PREFIX.get(function)
    if prefix is None:
        return []
    if not arguments or function in AGGREGATE_BARE:
        return [prefix]
    column = column_reference(arguments[0])
    return [prefix + column] if column else []


def is_arg_aggregate(ctx: Any) -> bool:
    """Whether an expression is arg_max(...) or arg_min(...)."""
    inner = core(ctx)
    return isinstance(inner, P.NamedFunctionCallExpressionContext) and (
        name_of(inner.Name) in ARG_AGGREGATES
    )


def _arg_columns(arguments: list[Any], row: Columns) -> list[str]:
    names: list[str] = []
    for argument in arguments:
        if isinstance(core(argument), P.StarExpressionContext):
            names.extend(n for n in row.types if n not in names)
            continue
        named = argument.getChild(0)
        clause = getattr(named, "Name", None)
        if clause is not None and clause.Name is not None:
            names.append(name_of(clause.Name))
            continue
        column = column_reference(argument)
        if not column:
            return []
        names.append(column)
    return names


def parameter(ctx: Any, *names: str) -> str:
    """The value an operator parameter (`kind=inner`, `withsource=T`) is given, as written."""
    for given in ctx.Parameters or ():
        if given.NameToken.text.lower() in names:
            value = given.NameValue or given.LiteralValue
            return str(value.getText()) if value is not None else ""
    return ""
