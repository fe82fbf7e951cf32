"""KQL syntax: Microsoft's Kql.g4 grammar (an ANTLR build), errors collected, not printed."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

from antlr4 import CommonTokenStream, InputStream, Token
from antlr4.atn.ParserATNSimulator import ParserATNSimulator
from antlr4.atn.PredictionMode import PredictionMode
from antlr4.error.ErrorListener import ErrorListener
from antlr4.error.Errors import ParseCancellationException
from antlr4.error.ErrorStrategy import BailErrorStrategy
from kusto_query_language_parser.parse_tools.KqlLexer import KqlLexer
from kusto_query_language_parser.parse_tools.KqlParser import KqlParser

# ANTLR's generated parsers share one prediction cache per class; concurrent threads would race on
# it, and parsing holds the GIL anyway, so one lock costs no throughput.
_PARSE_LOCK = threading.RLock()
_MAX_EXPECTED = 6

# Queries that exercise the common operators, parsed once at startup so that the first request
# does not pay for filling the prediction cache.
_WARM_QUERIES = (
    "let x = 7d; let T = datatable(a:string)['x']; T | where a has 'x' and a !in~ ('y') | take 1",
    "DeviceProcessEvents | where Timestamp > ago(1d) and FileName =~ 'cmd.exe' "
    "| extend L = tolower(ProcessCommandLine) | project Timestamp, DeviceName, L "
    "| top 10 by Timestamp",
    "SigninLogs | where TimeGenerated between (datetime(2024-01-01) .. now()) "
    "| where ResultType != '0' | summarize Count = count(), Apps = make_set(AppDisplayName) "
    "by UserPrincipalName, bin(TimeGenerated, 1h) | order by Count desc",
    "union DeviceNetworkEvents, (DeviceEvents | where ActionType == 'x') "
    "| join kind=inner (DeviceInfo | distinct DeviceId) on DeviceId | mv-expand e = parse_json(x) "
    "| parse Url with * '://' Host '/' * | summarize arg_max(Timestamp, *) by DeviceId "
    "| lookup kind=leftouter (T | project-rename A = B) on $left.A == $right.B | count",
)


@dataclass(frozen=True, slots=True)
class SyntaxIssue:
    """One syntax error, 1-based line and column in code points; the end is exclusive."""

    message: str
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Parsed:
    """A parse tree with its tokens, and the syntax errors found on the way."""

    text: str
    tree: KqlParser.QueryContext
    tokens: tuple[Token, ...]
    issues: tuple[SyntaxIssue, ...]


class _FurthestPrediction(ParserATNSimulator):  # type: ignore[misc]
    """The grammar's prediction, remembering the furthest token at which no alternative fit.

    When prediction fails inside a loop (`| where` then nothing, `| projekt`), ANTLR leaves the
    loop and reports the token the loop started at, the `|`; the furthest failure is where the
    query actually stops making sense.
    """

    def __init__(self, parser: KqlParser) -> None:
        super().__init__(parser, parser.atn, parser.decisionsToDFA, parser.sharedContextCache)
        self.furthest: Token | None = None

    def noViableAlt(self, input: Any, outerContext: Any, configs: Any, startIndex: int) -> Any:
        token = input.LT(1)
        if self.furthest is None or token.tokenIndex > self.furthest.tokenIndex:
            self.furthest = token
        return super().noViableAlt(input, outerContext, configs, startIndex)


class _Collector(ErrorListener):  # type: ignore[misc]
    """Keep ANTLR's syntax errors as data (the default listener prints them)."""

    def __init__(self) -> None:
        self.issues: list[SyntaxIssue] = []

    def syntaxError(
        self, recognizer: Any, offending: Any, line: int, column: int, msg: str, e: Any
    ) -> None:
        message = _plain_message(msg)
        prediction = getattr(recognizer, "_interp", None)
        if isinstance(prediction, _FurthestPrediction) and isinstance(offending, Token):
            furthest = prediction.furthest
            prediction.furthest = None
            if furthest is not None and furthest.tokenIndex > offending.tokenIndex:
                offending, line, column = furthest, furthest.line, furthest.column
                message = f"mismatched input {_quoted(furthest)}"
        if isinstance(offending, Token) and offending.type == Token.EOF:
            line, column = _end_of_query(recognizer.getTokenStream(), offending)
        width = 1
        if isinstance(offending, Token) and offending.type != Token.EOF and offending.text:
            width = max(1, len(offending.text.split("\n", 1)[0]))
        self.issues.append(SyntaxIssue(message, line, column + 1, line, column + 1 + width))


def _quoted(token: Token) -> str:
    return "'<EOF>'" if token.type == Token.EOF else repr(token.text.replace("\n", "\\n"))


def _end_of_query(stream: Any, eof: Token) -> tuple[int, int]:
    """The 0-based line-column just after the last character of the query, as ANTLR counts.

    An error at the end of the input is put there, past trailing blanks and comments (the EOF
    token would sit after them): `T | where` is flagged one column after `where`, with the
    one-column width every syntax error has, the end exclusive.
    """
    index = eof.tokenIndex - 1
    while index >= 0 and stream.get(index).channel != Token.DEFAULT_CHANNEL:
        index -= 1
    if index < 0:
        return eof.line, eof.column
    last = stream.get(index)
    lines = (last.text or "").split("\n")
    column = (last.column if len(lines) == 1 else 0) + len(lines[-1])
    return last.line + len(lines) - 1, column


def _plain_message(message: str) -> str:
    """Shorten ANTLR's message: an expectation set of dozens of tokens helps nobody."""
    head, sep, expected = message.partition(" expecting ")
    if sep and expected.startswith("{") and expected.count(",") >= _MAX_EXPECTED:
        return head
    return message.replace("\n", "\\n")


@contextmanager
def exclusive() -> Iterator[None]:
    """Hold the grammar for one query, with the cyclic garbage collector kept out.

    A parse allocates thousands of linked contexts; collections triggered midway scan the whole
    heap and turned 5 ms checks into 200 ms ones. Callers `release` the tree before leaving, so
    reference counting frees it and no collection debt is left for the next request.
    """
    with _PARSE_LOCK:
        enabled = gc.isenabled()
        gc.disable()
        try:
            yield
        finally:
            if enabled:
                gc.enable()


def release(tree: Any) -> None:
    """Break a parse tree's parent/child cycles so that it is freed as soon as it is dropped."""
    stack = [tree]
    while stack:
        node = stack.pop()
        children = getattr(node, "children", None)
        if children:
            stack.extend(children)
            node.children = None
        node.parentCtx = None


def _parser(text: str, listener: _Collector | None) -> tuple[KqlParser, CommonTokenStream]:
    lexer = KqlLexer(InputStream(text))
    lexer.removeErrorListeners()
    stream = CommonTokenStream(lexer)
    parser = KqlParser(stream)
    parser.removeErrorListeners()
    if listener is not None:
        lexer.addErrorListener(listener)
        parser.addErrorListener(listener)
    return parser, stream


def parse(text: str) -> Parsed:
    """Parse one KQL text (statements separated by `;`) with the full grammar.

    The fast stage predicts with SLL and stops at the first error; only a text it rejects is
    parsed again with full LL prediction and error recovery, for exact messages.
    """
    with exclusive():
        fast = _Collector()
        parser, stream = _parser(text, fast)
        parser._errHandler = BailErrorStrategy()
        parser._interp.predictionMode = PredictionMode.SLL
        try:
            tree = parser.query()
        except ParseCancellationException:
            pass
        else:
            if not fast.issues:  # the lexer reports to the listener, not by raising
                return Parsed(text, tree, tuple(stream.tokens), ())
        collector = _Collector()
        parser, stream = _parser(text, collector)
        parser._interp = _FurthestPrediction(parser)
        tree = parser.query()
    return Parsed(text, tree, tuple(stream.tokens), tuple(collector.issues))


@cache
def warm(extra: tuple[str, ...] = ()) -> None:
    """Fill the grammar's prediction cache so that early requests are as fast as later ones.

    The cache belongs to the process, so this runs once per process and set of queries.
    """
    for query in _WARM_QUERIES + extra:
        with exclusive():
            release(parse(query).tree)
