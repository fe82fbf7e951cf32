"""The semantic pass over a parse tree: tables and columns resolved statement by statement."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from antlr4 import ParserRuleContext
from kusto_query_language_parser.parse_tools.KqlParser import KqlParser as P

from wingman.core.kql import diagnostics as d
from wingman.core.kql.catalog import Catalog
from wingman.core.kql.names import name_of, unquote
from wingman.core.kql.naming import core
from wingman.core.kql.operators import HANDLERS as OPERATORS
from wingman.core.kql.operators import is_external_plugin
from wingman.core.kql.scalars import walk
from wingman.core.kql.scope import Binding, Columns, Scope
from wingman.core.kql.sources import (
    TIME_COLUMNS,
    is_tabular_source,
    named_source,
    source,
    tabular_operand,
)
from wingman.core.models import Diagnostic

MAX_FINDINGS = 50


@dataclass(frozen=True, slots=True)
class Reference:
    """A name that resolved: its kind ("table" or "column"), text and character offsets."""

    kind: str
    name: str
    start: int
    stop: int


class Analysis:
    """One query's semantic check against the catalog, for one platform."""

    def __init__(self, *, catalog: Catalog, platform: str) -> None:
        self.catalog = catalog
        self.platform = platform
        self.names: dict[str, Binding] = {}
        self.findings: list[Diagnostic] = []
        self.tables: list[str] = []
        # Names resolved against exactly known columns or catalog tables, for mutation testing.
        self.references: list[Reference] = []
        self._seen: set[tuple[str, int, int]] = set()

    def resolved(self, kind: str, name: str, ctx: ParserRuleContext) -> None:
        start, stop = ctx.start, ctx.stop
        if start is not None and stop is not None and start.start >= 0:
            self.references.append(Reference(kind, name, start.start, stop.stop + 1))

    # -- findings -------------------------------------------------------------------------
    def report(
        self, check: d.Check, message: str, span: d.Span, suggestions: tuple[str, ...] = ()
    ) -> None:
        key = (check.code, span.line, span.column)
        if key in self._seen:
            return
        self._seen.add(key)
        if len(self.findings) < MAX_FINDINGS:
            self.findings.append(d.finding(check, message, span, suggestions))
        elif len(self.findings) == MAX_FINDINGS:
            self.findings.append(
                d.finding(d.TOO_MANY, f"only the first {MAX_FINDINGS} findings are listed", span)
            )

    def unknown_column(self, name: str, ctx: ParserRuleContext, scope: Scope) -> None:
        from wingman.core.kql.suggest import suggest

        span = d.Span.of_context(ctx)
        wrong_time = self._time_column_advice(name, scope.row)
        if wrong_time:
            self.report(
                d.TIME_COLUMN,
                f"`{name}` is not a column here; the time column is `{wrong_time}`",
                span,
                (wrong_time,),
            )
            return
        suggestions = suggest(name, scope.candidates())
        hint = f"; did you mean `{suggestions[0]}`?" if suggestions else ""
        where = f" of {', '.join(scope.row.tables)}" if scope.row.tables else ""
        self.report(d.UNKNOWN_COLUMN, f"unknown column `{name}`{where}{hint}", span, suggestions)

    def foreign_time_column(self, name: str, ctx: ParserRuleContext, row: Columns) -> None:
        wanted = TIME_COLUMNS[self.platform]
        self.report(
            d.PORTAL_TIME_COLUMN,
            f"`{name}` is the time column of these tables in the other platform; "
            f"{self._platform_label()} queries use `{wanted}`",
            d.Span.of_context(ctx),
            (wanted,),
        )

    def _time_column_advice(self, name: str, row: Columns) -> str:
        if name not in TIME_COLUMNS.values():
            return ""
        wanted = TIME_COLUMNS[self.platform]
        if name != wanted and row.has(wanted):
            return wanted
        other = next(t for t in TIME_COLUMNS.values() if t != name)
        return other if row.has(other) else ""

    def _platform_label(self) -> str:
        return "Defender XDR" if self.platform == "defender" else "Sentinel"

    def join_key(self, name: str, ctx: ParserRuleContext, side: Columns | None, label: str) -> None:
        if side is None or side.open or side.has(name):
            return
        from wingman.core.kql.suggest import suggest

        suggestions = suggest(name, side.types)
        which = "left" if label == "$left" else "right"
        self.report(
            d.JOIN_SIDE,
            f"join key `{name}` is not a column of the {which} side",
            d.Span.of_context(ctx),
            suggestions,
        )

    # -- statements ------------------------------------------------------------------------
    def query(self, tree: P.QueryContext) -> None:
        for statement in tree.Statements:
            self.statement(statement.getChild(0))

    def statement(self, ctx: Any) -> None:
        if isinstance(ctx, P.LetStatementContext):
            self._let(ctx.getChild(0))
        elif isinstance(ctx, P.QueryStatementContext):
            self.tabular(ctx.Expression)
        elif isinstance(ctx, P.AliasDatabaseStatementContext):
            self.report(
                d.CROSS_SCOPE, "`alias database` reaches another database", d.Span.of_context(ctx)
            )

    def _let(self, ctx: Any) -> None:
        name = name_of(ctx.Name)
        if isinstance(ctx, P.LetVariableDeclarationContext):
            self.names[name] = self._value(ctx.Expression)
        elif isinstance(ctx, P.LetMaterializeDeclarationContext):
            self.names[name] = Binding("tabular", self.tabular(ctx.Expression))
        elif isinstance(ctx, P.LetFunctionDeclarationContext | P.LetViewDeclarationContext):
            self._function_body(ctx)
            self.names[name] = Binding("function")
        else:
            self.names[name] = Binding("tabular", Columns.opened())

    def _value(self, ctx: P.ExpressionContext) -> Binding:
        """A let value: tabular when it reads rows, else a scalar of some type."""
        pipe = ctx.getChild(0)
        if pipe.PipedOperators or is_tabular_source(self, pipe.Expression):
            return Binding("tabular", self.tabular(ctx))
        return Binding("scalar", type=walk(self, pipe.Expression, self.scope(Columns())))

    def _function_body(self, ctx: Any) -> None:
        saved = dict(self.names)
        parameters = ctx.ParameterList
        if parameters is not None:
            for p in (*getattr(parameters, "TabularParameters", ()), *parameters.ScalarParameters):
                self.names[name_of(p.Name)] = (
                    Binding("scalar")
                    if p in parameters.ScalarParameters
                    else Binding("tabular", Columns.opened())
                )
        body = ctx.Body
        for statement in body.Statements:
            self.statement(statement.getChild(0))
        if body.Expression is not None:
            self._value(body.Expression)
        self.names = saved

    # -- tabular expressions ---------------------------------------------------------------
    def scope(
        self, row: Columns, *, left: Columns | None = None, right: Columns | None = None
    ) -> Scope:
        return Scope(row, self.names, left, right)

    def tabular(self, ctx: Any) -> Columns:
        """Check a tabular expression and return its columns."""
        pipe = ctx.getChild(0) if isinstance(ctx, P.ExpressionContext) else ctx
        if not isinstance(pipe, P.PipeExpressionContext):
            return tabular_operand(self, pipe)
        row = source(self, pipe.Expression)
        for piped in pipe.PipedOperators:
            row = self.operator(piped.Operator.getChild(0), row)
        return row

    def operator(self, ctx: Any, row: Columns) -> Columns:
        handler = OPERATORS.get(type(ctx))
        if handler is None:
            return Columns.opened(row)
        return handler(self, ctx, row)

    def plugin(self, ctx: P.EvaluateOperatorContext) -> None:
        if is_external_plugin(ctx):
            self.report(
                d.EXTERNAL_PLUGIN,
                "this plugin calls a service outside the workspace; hunting queries stay read-only",
                d.Span.of_context(ctx),
            )
        else:
            walk(self, ctx.PlugInCall, self.scope(Columns.opened()))

    def table_by_string(self, argument: Any) -> None:
        inner = core(argument)
        if isinstance(inner, P.StringLiteralExpressionContext) and len(inner.Tokens) == 1:
            name = unquote(inner.Tokens[0].text)
            named_source(self, name, inner)
