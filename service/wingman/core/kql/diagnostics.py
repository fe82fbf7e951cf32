"""The KQL checks: a stable code and severity each, and the findings they make at a span."""

from __future__ import annotations

from dataclasses import dataclass

from antlr4 import ParserRuleContext, Token

from wingman.core.models import Diagnostic, DiagnosticSeverity

ERROR = DiagnosticSeverity.ERROR
WARNING = DiagnosticSeverity.WARNING
INFO = DiagnosticSeverity.INFO


@dataclass(frozen=True, slots=True)
class Check:
    code: str
    severity: DiagnosticSeverity
    title: str


# Codes are part of the contract: consoles key on them. Never renumber; retire and add.
SYNTAX = Check("KQL100", ERROR, "syntax error")
CONTROL_COMMAND = Check("KQL101", ERROR, "control commands are not allowed")
CROSS_SCOPE = Check("KQL102", ERROR, "cross-cluster and cross-database references are not allowed")
EXTERNAL_PLUGIN = Check("KQL103", ERROR, "plugins that call external services are not allowed")
EXTERNAL_DATA = Check("KQL104", WARNING, "externaldata reads from outside the workspace")
UNKNOWN_TABLE = Check("KQL200", ERROR, "unknown table")
CUSTOM_TABLE = Check("KQL201", WARNING, "custom table not in the catalog")
PLATFORM_TABLE = Check("KQL202", WARNING, "table belongs to the other platform")
WILDCARD_EMPTY = Check("KQL203", WARNING, "wildcard matches no known table")
UNKNOWN_FUNCTION_SOURCE = Check("KQL204", INFO, "function result not checked")
UNKNOWN_COLUMN = Check("KQL210", ERROR, "unknown column or name")
TIME_COLUMN = Check("KQL211", ERROR, "wrong time column for the platform")
JOIN_SIDE = Check("KQL212", ERROR, "join key missing on one side")
PORTAL_TIME_COLUMN = Check("KQL213", WARNING, "time column of the other platform")
TYPE_MISMATCH = Check("KQL300", ERROR, "values of incompatible types are compared")
IMPLICIT_CONVERSION = Check("KQL301", WARNING, "a string is compared with a number")
TOO_MANY = Check("KQL900", INFO, "further findings were not reported")

CHECKS: tuple[Check, ...] = (
    SYNTAX,
    CONTROL_COMMAND,
    CROSS_SCOPE,
    EXTERNAL_PLUGIN,
    EXTERNAL_DATA,
    UNKNOWN_TABLE,
    CUSTOM_TABLE,
    PLATFORM_TABLE,
    WILDCARD_EMPTY,
    UNKNOWN_FUNCTION_SOURCE,
    UNKNOWN_COLUMN,
    TIME_COLUMN,
    JOIN_SIDE,
    PORTAL_TIME_COLUMN,
    TYPE_MISMATCH,
    IMPLICIT_CONVERSION,
    TOO_MANY,
)


@dataclass(frozen=True, slots=True)
class Span:
    """1-based line and column in code points; the end is exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def of_token(cls, token: Token) -> Span:
        return cls._between(token, token)

    @classmethod
    def of_context(cls, ctx: ParserRuleContext) -> Span:
        stop = ctx.stop if ctx.stop is not None and ctx.stop.tokenIndex >= 0 else ctx.start
        return cls._between(ctx.start, stop)

    @classmethod
    def _between(cls, first: Token, last: Token) -> Span:
        text = last.text or ""
        lines = text.split("\n")
        end_line = last.line + len(lines) - 1
        end_column = (last.column if len(lines) == 1 else 0) + len(lines[-1]) + 1
        return cls(first.line, first.column + 1, end_line, end_column)


def finding(
    check: Check, message: str, span: Span, suggestions: tuple[str, ...] = ()
) -> Diagnostic:
    """One diagnostic of a check at a span."""
    return Diagnostic(
        severity=check.severity,
        code=check.code,
        message=message,
        line=span.line,
        column=span.column,
        end_line=span.end_line,
        end_column=span.end_column,
        suggestions=suggestions,
    )
