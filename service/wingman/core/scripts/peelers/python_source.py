"""Python source positions: syntax-tree (line, UTF-8 column) pairs as code-point offsets."""

from __future__ import annotations

import ast
from itertools import islice

import regex

from wingman.core.scripts.safe_regex import compile_pattern, finditer, search

# Listing the lines of a layer is linear but may take a while for millions of short ones.
NEWLINE_SCAN_S = 2.0
_NEWLINE = compile_pattern(r"\r\n|\r|\n", regex.MULTILINE)
_RAW_PREFIX = compile_pattern(r"^[bBuU]?[rR]|^[rR][bB]", regex.MULTILINE)
# An escape that spells a printable character: '\\x63' hides a "c", while '\\0', '\\x1b' or '\\x90'
# spell control codes no one types, so rewriting them would reveal nothing.
HIDDEN_ESCAPE = compile_pattern(
    r"(?<!\\)(?:\\\\)*\\(?:x[2-7a-fA-F][0-9a-fA-F]|u(?!00[0189])[0-9a-fA-F]{4}"
    r"|U(?!0000[0189])[0-9a-fA-F]{8}|N\{|0?[4-7][0-7](?![0-7])|[13][0-7]{2}|2[4-7][0-7])",
    regex.MULTILINE,
)
# One token of Python source, a whole string literal (even a long one) counting as one.
_TOKEN = compile_pattern(
    r"[rRbBuUfF]{0,2}(?:'''(?:[^'\\]++|\\[\s\S]|'(?!''))*+(?:''')?"
    r'|"""(?:[^"\\]++|\\[\s\S]|"(?!""))*+(?:""")?'
    r"|'(?:[^'\\\n]++|\\[\s\S])*+'?|\"(?:[^\"\\\n]++|\\[\s\S])*+\"?)"
    r"|#[^\n]*+|[^\W\d]\w*+|\d[\w.]*+|[^\s\w]",
    regex.MULTILINE,
)


def few_tokens(text: str, limit: int) -> bool:
    """Tell whether the text has at most `limit` tokens (the parser's memory grows with them)."""
    tokens = finditer(_TOKEN, text)
    return next(islice(tokens, limit, None), None) is None


class Positions:
    """Convert the positions `ast` reports into offsets of the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        lines = finditer(_NEWLINE, text, timeout=NEWLINE_SCAN_S)
        self.starts = [0, *(match.end() for match in lines)]

    def offset(self, line: int, column: int) -> int:
        """Return the code-point offset of a 1-based line and a UTF-8 byte column."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        source = self.text[start:end]
        if source.isascii():
            return start + column
        prefix = source.encode("utf-8", "surrogatepass")[:column]
        return start + len(prefix.decode("utf-8", "surrogatepass"))

    def span(self, node: ast.expr) -> tuple[int, int]:
        """Return the (start, end) offsets of an expression."""
        end_line = node.end_lineno if node.end_lineno is not None else node.lineno
        end_column = node.end_col_offset if node.end_col_offset is not None else node.col_offset
        return self.offset(node.lineno, node.col_offset), self.offset(end_line, end_column)

    def splice(self, edits: list[tuple[int, int, str]]) -> str:
        """Replace sorted regions, skipping any that overlap an earlier one."""
        parts: list[str] = []
        last = 0
        for start, end, replacement in edits:
            if start < last:
                continue
            parts += [self.text[last:start], replacement]
            last = end
        return "".join([*parts, self.text[last:]])


def has_hidden_escape(literal: str) -> bool:
    """Tell whether a (non-raw) literal's source spells printable characters as escapes."""
    if search(_RAW_PREFIX, literal) is not None:
        return False
    return search(HIDDEN_ESCAPE, literal) is not None
