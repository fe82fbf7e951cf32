"""Parse with the real tree-sitter grammars where they exist; a parse failure is a signal."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from tree_sitter import Language, Parser

from wingman.core.scripts.types import Lang

# Parsing is only a signal (syntax errors hint at obfuscation or a cut); past this it costs more
# than it tells.
MAX_PARSE_CHARS = 64 * 1024


def _grammars() -> dict[Lang, Callable[[], object]]:
    import tree_sitter_bash
    import tree_sitter_javascript
    import tree_sitter_powershell
    import tree_sitter_python

    return {
        Lang.POWERSHELL: tree_sitter_powershell.language,
        Lang.BASH: tree_sitter_bash.language,
        Lang.JAVASCRIPT: tree_sitter_javascript.language,
        Lang.PYTHON: tree_sitter_python.language,
    }


@cache
def _parser(language: Lang) -> Parser | None:
    factory = _grammars().get(language)
    return None if factory is None else Parser(Language(factory()))


def parses_cleanly(text: str, language: Lang) -> bool | None:
    """True or False when a grammar exists for the language, None when there is none."""
    parser = _parser(language)
    if parser is None or len(text) > MAX_PARSE_CHARS:
        return None
    tree = parser.parse(text.encode("utf-8", "replace"))
    return not tree.root_node.has_error
