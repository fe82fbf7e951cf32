"""Scalar expressions: names resolved against the rows in scope, obvious type clashes caught."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from antlr4 import ParserRuleContext
from kusto_query_language_parser.parse_tools.KqlParser import KqlParser as P

from wingman.core.kql import diagnostics as d
from wingman.core.kql.functions import CROSS_SCOPE, RESULT_TYPES
from wingman.core.kql.names import name_of
from wingman.core.kql.scope import UNKNOWN, Scope
from wingman.core.kql.sources import cross_scope

if TYPE_CHECKING:
    from wingman.core.kql.analysis import Analysis

Handler = Callable[["Analysis", Any, Scope], str]

_LITERAL_TYPES: dict[type, str] = {
    P.LongLiteralExpressionContext: "long",
    P.IntLiteralExpressionContext: "int",
    P.RealLiteralExpressionContext: "real",
    P.DecimalLiteralExpressionContext: "decimal",
    P.SignedLiteralExpressionContext: "long",
    P.DateTimeLiteralExpressionContext: "datetime",
    P.TimeSpanLiteralExpressionContext: "timespan",
    P.BooleanLiteralExpressionContext: "bool",
    P.GuidLiteralExpressionContext: "guid",
    P.TypeLiteralExpressionContext: UNKNOWN,
    P.StringLiteralExpressionContext: "string",
    P.DynamicLiteralExpressionContext: "dynamic",
}

_CLASS = {
    **dict.fromkeys(("int", "long", "real", "decimal"), "number"),
    "string": "string",
    "datetime": "datetime",
    "timespan": "timespan",
}
# Pairs of type classes that Kusto refuses to compare, and pairs it converts on the fly.
_CLASHES = frozenset(
    {
        frozenset({"datetime", "string"}),
        frozenset({"datetime", "number"}),
        frozenset({"timespan", "string"}),
    }
)
_CONVERTED = frozenset({frozenset({"string", "number"})})


def walk(analysis: Analysis, ctx: Any, scope: Scope) -> str:
    """Check a scalar expression and return its type, UNKNOWN when it cannot be told."""
    while True:
        handler = HANDLERS.get(type(ctx))
        if handler is not None:
            return handler(analysis, ctx, scope)
        literal = _LITERAL_TYPES.get(type(ctx))
        if literal is not None:
            return literal
        kids = ctx.children
        if not kids:
            return UNKNOWN
        if len(kids) != 1:
            break
        if not isinstance(kids[0], ParserRuleContext):
            return UNKNOWN
        ctx = kids[0]
    for kid in kids:
        if isinstance(kid, ParserRuleContext):
            walk(analysis, kid, scope)
    return UNKNOWN


def _name(analysis: Analysis, ctx: P.NameReferenceWithDataScopeContext, scope: Scope) -> str:
    name = name_of(ctx.Name)
    if scope.row.has(name):
        if not scope.row.open:
            analysis.resolved("column", name, ctx.Name)
        return scope.row.type_of(name)
    binding = scope.names.get(name)
    if binding is not None:
        return binding.type
    if name in scope.row.foreign:
        analysis.foreign_time_column(name, ctx.Name, scope.row)
        return "datetime"
    if not scope.row.open:
        analysis.unknown_column(name, ctx.Name, scope)
    return UNKNOWN


def _call(analysis: Analysis, ctx: P.NamedFunctionCallExpressionContext, scope: Scope) -> str:
    name = name_of(ctx.Name)
    if name in CROSS_SCOPE and name not in scope.names:
        cross_scope(analysis, name, ctx)
        return UNKNOWN
    if name == "table" and ctx.Arguments:
        analysis.table_by_string(ctx.Arguments[0])
        return UNKNOWN
    if name == "materialize" and ctx.Arguments:
        analysis.tabular(ctx.Arguments[0])
        return UNKNOWN
    if name == "column_ifexists":
        return UNKNOWN  # its first argument is a column name as a string, possibly absent
    types = [walk(analysis, arg, scope) for arg in ctx.Arguments]
    if name == "bin" and types:
        return types[0]
    return RESULT_TYPES.get(name, UNKNOWN)


def _path(analysis: Analysis, ctx: P.FunctionCallOrPathPathExpressionContext, scope: Scope) -> str:
    root = _root_name(ctx.Expression)
    operations = ctx.Operations
    if root in ("$left", "$right") and operations:
        first = operations[0].getChild(0)
        if isinstance(first, P.FunctionCallOrPathPathOperationContext):
            side = scope.left if root == "$left" else scope.right
            analysis.join_key(name_of(first.Name), first.Name, side, root)
            operations = operations[1:]
    else:
        walk(analysis, ctx.Expression, scope)
    for operation in operations:
        element = getattr(operation.getChild(0), "Element", None)
        if element is not None:
            walk(analysis, element, scope)
    return UNKNOWN  # a property of a dynamic value


def _root_name(ctx: Any) -> str:
    """The identifier a path starts from, or "" when it starts from something else."""
    text: str = ctx.getText()
    return text if text.startswith("$") else ""


def _parenthesized(analysis: Analysis, ctx: P.ParenthesizedExpressionContext, scope: Scope) -> str:
    pipe = ctx.Expression.getChild(0)
    if pipe.PipedOperators:
        analysis.tabular(pipe)
        return UNKNOWN
    return walk(analysis, pipe.Expression, scope)


def _subquery(analysis: Analysis, ctx: Any, scope: Scope) -> str:
    analysis.tabular(ctx.Expression)
    return UNKNOWN


def _tabular_value(analysis: Analysis, ctx: Any, scope: Scope) -> str:
    analysis.tabular(ctx)
    return UNKNOWN


def _count(analysis: Analysis, ctx: P.CountExpressionContext, scope: Scope) -> str:
    if ctx.Expression is not None:
        walk(analysis, ctx.Expression, scope)
    return "long"


def _compare(analysis: Analysis, ctx: Any, scope: Scope) -> str:
    left = walk(analysis, ctx.Left, scope)
    right = ctx.Right
    if right is None:
        return left
    _check_clash(analysis, ctx, left, walk(analysis, right, scope))
    return "bool"


def _between(analysis: Analysis, ctx: P.BetweenEqualityExpressionContext, scope: Scope) -> str:
    left = walk(analysis, ctx.Left, scope)
    for bound in (ctx.StartExpression, ctx.EndExpression):
        _check_clash(analysis, ctx, left, walk(analysis, bound, scope))
    return "bool"


def _check_clash(analysis: Analysis, ctx: Any, left: str, right: str) -> None:
    classes = frozenset({_CLASS.get(left, ""), _CLASS.get(right, "")})
    if classes in _CLASHES:
        analysis.report(
            d.TYPE_MISMATCH,
            f"a {left} value is compared with a {right} value; convert one side explicitly",
            d.Span.of_context(ctx),
        )
    elif classes in _CONVERTED:
        analysis.report(
            d.IMPLICIT_CONVERSION,
            f"a {left} value is compared with a {right} value; Kusto converts the string, "
            "which is slower and fails silently on values that are not numbers",
            d.Span.of_context(ctx),
        )


HANDLERS: dict[type, Handler] = {
    P.NameReferenceWithDataScopeContext: _name,
    P.NamedFunctionCallExpressionContext: _call,
    P.FunctionCallOrPathPathExpressionContext: _path,
    P.ParenthesizedExpressionContext: _parenthesized,
    P.ToScalarExpressionContext: _subquery,
    P.ToTableExpressionContext: _subquery,
    P.DataTableExpressionContext: _tabular_value,
    P.ExternalDataExpressionContext: _tabular_value,
    P.CountExpressionContext: _count,
    P.EqualsEqualityExpressionContext: _compare,
    P.RelationalExpressionContext: _compare,
    P.BetweenEqualityExpressionContext: _between,
}
