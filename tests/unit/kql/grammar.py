"""Lex and parse KQL with the grammar, collecting errors instead of printing them."""

from __future__ import annotations

from antlr4 import CommonTokenStream, InputStream, Token
from antlr4.error.ErrorListener import ErrorListener
from kusto_query_language_parser.parse_tools.KqlLexer import KqlLexer
from kusto_query_language_parser.parse_tools.KqlParser import KqlParser


class Collect(ErrorListener):  # type: ignore[misc]
    """Collect syntax errors instead of printing them."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def syntaxError(self, recognizer, offending, line, column, msg, e):  # type: ignore[no-untyped-def]
        self.errors.append(f"{line}:{column} {msg}")


def lex(text: str) -> tuple[list[Token], list[str]]:
    """Return the default-channel tokens of ``text`` and any lexer errors."""
    lexer = KqlLexer(InputStream(text))
    lexer.removeErrorListeners()
    errors = Collect()
    lexer.addErrorListener(errors)
    tokens = [t for t in lexer.getAllTokens() if t.channel == Token.DEFAULT_CHANNEL]
    return tokens, errors.errors


def parse_errors(text: str) -> list[str]:
    """Parse ``text`` as a query and return the syntax errors."""
    lexer = KqlLexer(InputStream(text))
    lexer.removeErrorListeners()
    errors = Collect()
    lexer.addErrorListener(errors)
    parser = KqlParser(CommonTokenStream(lexer))
    parser.removeErrorListeners()
    parser.addErrorListener(errors)
    parser.query()
    return errors.errors
