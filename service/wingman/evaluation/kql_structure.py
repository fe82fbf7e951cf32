"""The structure of a KQL query that scoring compares: the columns its `where` predicates read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from antlr4 import ParserRuleContext
from kusto_query_language_parser.parse_tools.KqlParser import KqlParser as P

from wingman.core.kql.names import name_of
from wingman.core.kql.syntax import exclusive, parse, release

TIME_COLUMNS = frozenset({"Timestamp", "TimeGenerated"})
# Nodes that open a tabular expression of their own inside a predicate: its columns are not the
# filtered rows' columns, and its own `where` operators are visited on their own.
_NESTED_TABULAR = (P.ToScalarExpressionContext, P.ToTableExpressionContext)
_BINDERS = (
    P.LetVariableDeclarationContext,
    P.LetFunctionDeclarationContext,
    P.LetViewDeclarationContext,
    P.LetMaterializeDeclarationContext,
    P.LetEntityGroupDeclarationContext,
    P.ScalarParameterContext,
    P.TabularParameterContext,
    P.AsOperatorContext,
)


def query_filter_columns(text: str) -> frozenset[str] | None:
    """The filter columns of a KQL text, or None when it does not parse."""
    with exclusive():
        parsed = parse(text)
        columns = None if parsed.issues else filter_columns(parsed.tree)
        release(parsed.tree)
    return columns


def filter_columns(tree: Any) -> frozenset[str]:
    """The columns read by every `where` predicate: in let statements and subqueries too.

    A path such as `AdditionalFields.Name` counts as its column; names bound by `let`, function
    parameters and `as` are not columns. Join `on` keys and join `where` clauses are conditions
    between two tables, not filters, and are not counted.
    """
    bound = {name_of(node.Name) for node in _nodes(tree) if isinstance(node, _BINDERS)}
    found: set[str] = set()
    for node in _nodes(tree):
        if isinstance(node, P.WhereOperatorContext):
            found.update(_names(node.Predicate))
    return frozenset(n for n in found if n not in bound and not n.startswith("$"))


def without_time(columns: Iterable[str]) -> frozenset[str]:
    """The columns without the platforms' time columns."""
    return frozenset(columns) - TIME_COLUMNS


def _nodes(tree: Any) -> Iterator[Any]:
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ParserRuleContext):
            yield node
            stack.extend(reversed(node.children or ()))


def _names(predicate: Any) -> Iterator[str]:
    """The plain names a predicate reads, not descending into tabular expressions it holds."""
    stack = [predicate]
    while stack:
        node = stack.pop()
        if not isinstance(node, ParserRuleContext) or _is_nested_tabular(node):
            continue
        if isinstance(node, P.NameReferenceWithDataScopeContext):
            yield name_of(node.Name)
            continue
        stack.extend(node.children or ())


def _is_nested_tabular(node: ParserRuleContext) -> bool:
    if isinstance(node, _NESTED_TABULAR):
        return True
    return isinstance(node, P.PipeExpressionContext) and bool(node.PipedOperators)
