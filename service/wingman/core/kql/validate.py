"""ValidateKQL: syntax with the real grammar, then names, types and the read-only allow-list."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kusto_query_language_parser.parse_tools.KqlLexer import KqlLexer

from wingman.core.kql import diagnostics as d
from wingman.core.kql.analysis import Analysis, Reference
from wingman.core.kql.catalog import Catalog
from wingman.core.kql.syntax import Parsed, SyntaxIssue, exclusive, parse, release
from wingman.core.models import Diagnostic, DiagnosticSeverity

# A statement that starts with a dot is a control command (`.drop table`, `.show`, `.set`): at
# the start of the text or after a `;`, past whitespace and `//` comments.
_CONTROL = re.compile(r"(?:\A|;)(?:\s|//[^\n]*\n)*(\.[A-Za-z][\w-]*)")
_LET_WITHOUT_SEMICOLON = "expecting {<EOF>, ';'}"


@dataclass(frozen=True, slots=True)
class Report:
    """What validation found: the platform it checked against, the tables read, the findings."""

    platform: str
    tables: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]
    references: tuple[Reference, ...] = ()

    @property
    def valid(self) -> bool:
        return not any(x.severity is DiagnosticSeverity.ERROR for x in self.diagnostics)


def check(text: str, *, catalog: Catalog, platform: str | None = None) -> Report:
    """Check a KQL text against the catalog, for a platform or the one its tables imply."""
    commands = _control_commands(text)
    if commands:
        return Report(platform or "defender", (), commands)
    with exclusive():
        parsed = parse(text)
        chosen = platform or infer_platform(parsed, catalog)
        analysis = Analysis(catalog=catalog, platform=chosen)
        if not parsed.issues:
            analysis.query(parsed.tree)
        release(parsed.tree)
    if parsed.issues:
        return Report(chosen, (), (_syntax_finding(parsed.issues[0], text),))
    ordered = sorted(analysis.findings, key=lambda x: (x.line, x.column, x.code))
    return Report(chosen, tuple(analysis.tables), tuple(ordered), tuple(analysis.references))


# String literals and comments, blanked before looking for commands: `";.drop"` is only text.
_OPAQUE = re.compile(
    r"//[^\n]*|```.*?```|~~~.*?~~~|@'[^']*(?:''[^']*)*'|@\"[^\"]*(?:\"\"[^\"]*)*\""
    r"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"",
    re.DOTALL,
)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _control_commands(text: str) -> tuple[Diagnostic, ...]:
    found = []
    for match in _CONTROL.finditer(_OPAQUE.sub(_blank, text)):
        start = match.start(1)
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        command = match.group(1)
        span = d.Span(line, column, line, column + len(command))
        found.append(
            d.finding(
                d.CONTROL_COMMAND,
                f"`{command}` is a control command; only read-only queries are accepted",
                span,
            )
        )
    return tuple(found)


def _syntax_finding(issue: SyntaxIssue, text: str) -> Diagnostic:
    message = issue.message
    if message.endswith(_LET_WITHOUT_SEMICOLON) and "let " in text:
        message += "; every `let` statement must end with `;`"
    span = d.Span(issue.line, issue.column, issue.end_line, issue.end_column)
    return d.finding(d.SYNTAX, message, span)


def infer_platform(parsed: Parsed, catalog: Catalog) -> str:
    """The platform a query was written for, from its tables and its time column."""
    names = {t.text for t in parsed.tokens if t.type == KqlLexer.IDENTIFIER}
    platforms = [t.platforms for n in names if (t := catalog.table(n)) is not None]
    if any(p == {"sentinel"} for p in platforms):
        return "sentinel"
    if any(p == {"defender"} for p in platforms):
        return "defender"
    if "TimeGenerated" in names and "Timestamp" not in names:
        return "sentinel"
    return "defender"
