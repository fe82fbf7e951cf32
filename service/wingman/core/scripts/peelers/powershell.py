"""PowerShell peelers: encoded commands, base64 and XOR payloads, string and name rewrites.

Extractors recover payloads (an -EncodedCommand, a FromBase64String literal, a -bxor array,
the literal string Invoke-Expression runs); rewrites undo one obfuscation over the whole text
and are tried in this table's order: look-alike characters, backticks, string operators,
variables, then names.
"""

from __future__ import annotations

from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.peelers.powershell_bytes import PEELERS as BYTE_PEELERS
from wingman.core.scripts.peelers.powershell_chars import PEELERS as CHAR_PEELERS
from wingman.core.scripts.peelers.powershell_lookalikes import PEELERS as LOOKALIKE_PEELERS
from wingman.core.scripts.peelers.powershell_names import PEELERS as NAME_PEELERS
from wingman.core.scripts.peelers.powershell_operators import (
    following,
)
from wingman.core.scripts.peelers.powershell_strings import PEELERS as STRING_PEELERS
from wingman.core.scripts.peelers.powershell_syntax import (
    LIT,
    PIPE_IEX,
    POWERSHELL,
    parse,
    scan,
)
from wingman.core.scripts.peelers.powershell_variables import PEELERS as VARIABLE_PEELERS
from wingman.core.scripts.safe_regex import compile_pattern
from wingman.core.scripts.types import Budget, Decoded, Lang

_IEX = r"(?<![\w$.-])(?:iex|invoke-expression)(?![\w-])"
_ARGUMENT = rf"(?P<open>\(\s*+)?(?P<lit>{LIT})(?(open)\s*+\))"
_PAYLOADS = (
    compile_pattern(rf"{_IEX}(?:\s++-c(?:o(?:m(?:m(?:a(?:n(?:d)?)?)?)?)?)?)?\s*+{_ARGUMENT}"),
    compile_pattern(rf"(?<![\w$.\])]){_ARGUMENT}\s*+\|\s*+{_IEX}"),
    compile_pattern(rf"\[scriptblock\]::create\(\s*+(?P<lit>{LIT})\s*+\)"),
    compile_pattern(
        r"\$executioncontext\.invokecommand\.(?:invokescript|newscriptblock)\("
        rf"\s*+(?:\$?\w++\s*+,\s*+)?(?P<lit>{LIT})\s*+[,)]"
    ),
)
_ARGUMENT_END = frozenset(";|)}\r\n")
_PAYLOAD_WORDS = ("iex", "invoke-expression", "scriptblock", "invokecommand")
# A word each payload pattern needs (the pipe form also needs PIPE_IEX).
_IEX_WORDS = ("iex", "invoke-expression")
_NEEDS: tuple[tuple[str, ...], ...] = (_IEX_WORDS, _IEX_WORDS, ("scriptblock",), ("invokecommand",))


def _iex_payload(text: str, budget: Budget) -> list[Decoded]:
    """Extract the literal string Invoke-Expression (or a script block) runs, as a layer."""
    lowered = text.lower()
    if not any(word in lowered for word in _PAYLOAD_WORDS):
        return []
    source = parse(text, budget)
    found: list[Decoded] = []
    for index, pattern in enumerate(_PAYLOADS):
        if not any(word in lowered for word in _NEEDS[index]):
            continue
        if index == 1 and PIPE_IEX.search(source.mask) is None:
            continue
        for match in scan(pattern, source, budget):
            after = following(source.mask, match.end())
            if index == 0 and after and after not in _ARGUMENT_END:
                continue
            start, end = match.span("lit")
            found.append(
                Decoded("powershell_iex_payload", source.values[start], start, end, Lang.POWERSHELL)
            )
    return found


PEELERS: dict[str, Peeler] = {
    **BYTE_PEELERS,
    "powershell_iex_payload": Peeler(
        "powershell_iex_payload", "extract", _iex_payload, POWERSHELL, weight=10
    ),
    **LOOKALIKE_PEELERS,
    "powershell_backtick": NAME_PEELERS["powershell_backtick"],
    **STRING_PEELERS,
    **CHAR_PEELERS,
    **VARIABLE_PEELERS,
    "powershell_iex_alias": NAME_PEELERS["powershell_iex_alias"],
    "powershell_literal_call": NAME_PEELERS["powershell_literal_call"],
}
