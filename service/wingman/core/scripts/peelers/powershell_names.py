"""PowerShell names: backtick escapes, Invoke-Expression aliases and names called as strings.

`I`E`X` becomes IEX; `.( $ShellId[1]+$ShellId[13]+'x')`, `&( $env:ComSpec[4,24,25]-join'')`,
`&(gcm i*x)` and `&('iex')` become Invoke-Expression; `&('New-Object')` becomes New-Object and
`.('DownloadString')` becomes .DownloadString. Automatic variables are read as on a default
Windows PowerShell 5.1 install; a pattern is rewritten only when every variant gives iex.
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from collections.abc import Iterator
from itertools import product

import regex

from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.peelers.powershell_names_data import AUTOMATIC, COMMANDS, VARIABLES
from wingman.core.scripts.peelers.powershell_syntax import (
    CALL,
    LIT,
    POWERSHELL,
    Edit,
    Source,
    rewrite,
    scan,
)
from wingman.core.scripts.peelers.scanning import gated, scan_text
from wingman.core.scripts.safe_regex import compile_pattern, finditer, search
from wingman.core.scripts.types import Budget, Decoded

IEX = "Invoke-Expression"
# Terms of a spelling of iex worth checking; a longer expression is something else.
MAX_TERMS = 16
_IEX_NAMES = frozenset({"iex", "invoke-expression"})
# Escapes that keep a meaning (`n, `t, `0); case matters. `e (ESC) and `u{...} are PowerShell 7
# escapes in double quotes only, so a tick before e or u in code escapes nothing.
_MEANINGFUL = frozenset("0abfnrtv")
_TICK = compile_pattern(r"`[\s\S]")
# What follows the arity of a generic type name: its type arguments, or the end of the name.
_AFTER_ARITY = frozenset("[],)'\" \t\r\n")
_CALL = r"(?<![\w$.\])}])[&.][ \t]*+"
_NAMED = compile_pattern(rf"{_CALL}(?P<open>\(\s*+)?(?P<lit>{LIT})(?(open)\s*+\))")
_MEMBER = compile_pattern(rf"(?<=[\w)\]}}])\.(?P<open>\(\s*+)?(?P<lit>{LIT})(?(open)\s*+\))")
_AUTO = (
    r"(?:\$(?P<var>env:comspec|shellid|pshome|env:public|verbosepreference)(?:\.tostring\(\))?"
    r"|\(\s*+\[string\]\s*+\$(?P<cast>verbosepreference)\s*+\)"
    rf"|\(\s*+(?:gv|get-variable)\s++(?:(?P<glit>{LIT})|(?P<glob>[\w*?]{{1,64}}))\s*+\)\.name)"
)
_TERM = rf"(?:{_AUTO}\[\s*+(?P<idx>[0-9]{{1,3}}(?:\s*+,\s*+[0-9]{{1,3}})*+)\s*+\]|(?P<lit>{LIT}))"
_DERIVED = compile_pattern(
    rf"{_CALL}\(\s*+(?P<expr>{_TERM}(?:\s*+\+\s*+{_TERM})*+)(?:[ \t]*+-join\s*+(?P<sep>{LIT}))?"
    r"\s*+\)"
)
_TERMS = compile_pattern(_TERM)
_GET_COMMAND = compile_pattern(
    rf"{_CALL}\(\s*+(?:gcm|get-command)\s++(?:(?P<lit>{LIT})|(?P<bare>[\w*?-]{{1,64}}))\s*+\)"
)
# An alias set for a command, and where a command name stands (a statement or pipeline start).
_SET_ALIAS = compile_pattern(
    rf"(?<![\w$.-])(?:sal|nal|set-alias|new-alias)\s++(?:-name\s++)?"
    rf"(?:(?P<lit>{LIT})|(?P<bare>[a-z_][\w-]{{0,63}}))\s++(?:-value\s++)?"
    rf"(?:(?P<vlit>{LIT})|(?P<vbare>iex|invoke-expression))(?![\w-])"
)
_ALIAS_WORDS = ("sal ", "sal\t", "nal ", "nal\t", "-alias")
_ALIAS_NAME = compile_pattern(r"\A[a-z_][\w-]{0,63}\Z")
_COMMAND_START = r"(?:^|(?<=[;|(){}&\n]))[ \t]*+"
_COMMAND_NAME = compile_pattern(r"\A[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")
_MEMBER_NAME = compile_pattern(r"\A[a-z_][a-z0-9_]*\Z")
_AFTER_CALL = frozenset(" \t\r\n;|)(}")


def _backticks(text: str, budget: Budget) -> list[Decoded]:
    """Drop backticks that escape nothing: I`E`X -> IEX (`n, `t and the like stay)."""
    return rewrite("powershell_backtick", text, budget, _backtick_edits)


def _backtick_edits(source: Source, budget: Budget) -> list[Edit]:
    strings = sorted(source.spans.items())
    edits: list[Edit] = []
    for count, match in enumerate(scan_text(_TICK, source.text, budget)):
        if count % 1024 == 0:
            budget.check_time()
        start = match.start()
        if _inside(source.verbatim, start):
            continue
        char = match.group()[1]
        quoted = _inside(strings, start)
        kept = char in _MEANINGFUL or (quoted and char == "e")
        kept = kept or (quoted and char == "u" and source.text[start + 2 : start + 3] == "{")
        kept = kept or (char.isdigit() and _generic_arity(source.text, start + 1))
        if char.isascii() and char.isalnum() and not kept:
            edits.append((start, start + 1, ""))
    return edits


def _generic_arity(text: str, digits: int) -> bool:
    """Tell whether a tick starts a .NET generic arity (List`1, Dictionary`2[...])."""
    end = digits
    while end < len(text) and end - digits < 2 and text[end].isdigit():
        end += 1
    return end == len(text) or text[end] in _AFTER_ARITY


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    """Tell whether a position lies inside one of sorted, disjoint (start, end) spans."""
    index = bisect_right(spans, (position, sys.maxsize)) - 1
    return index >= 0 and spans[index][0] < position < spans[index][1]


def _aliases(text: str, budget: Budget) -> list[Decoded]:
    """Rewrite derived spellings of Invoke-Expression, and aliases set for it, to the name."""
    if CALL.search(text) is None and not _sets_alias(text):
        return []
    return rewrite("powershell_iex_alias", text, budget, _alias_edits)


def _sets_alias(text: str) -> bool:
    """Tell whether the text may set an alias (sal, nal, Set-Alias, New-Alias)."""
    folded = text.lower()
    return any(word in folded for word in _ALIAS_WORDS)


def _alias_edits(source: Source, budget: Budget) -> list[Edit]:
    edits: list[Edit] = []
    if _sets_alias(source.text):
        edits.extend(_alias_use_edits(source, budget))
    if CALL.search(source.text) is None:
        return edits
    for match in scan(_NAMED, source, budget):
        if source.value(match, "lit").lower() in _IEX_NAMES:
            edits.append((*match.span(), IEX))
    for match in scan(_DERIVED, source, budget):
        if _derives_iex(source, match):
            edits.append((*match.span(), IEX))
    for match in scan(_GET_COMMAND, source, budget):
        pattern = source.value(match, "lit") if match.group("lit") else match.group("bare")
        found = {name.lower() for name in COMMANDS if wildcard(pattern, name)}
        if found and found <= _IEX_NAMES:
            edits.append((*match.span(), IEX))
    return edits


def _alias_use_edits(source: Source, budget: Budget) -> Iterator[Edit]:
    """Rewrite commands named by an alias of Invoke-Expression (sal x iex; x $code)."""
    for match in scan(_SET_ALIAS, source, budget):
        value = source.value(match, "vlit") if match.group("vlit") else match.group("vbare")
        name = source.value(match, "lit") if match.group("lit") else match.group("bare")
        if value.lower() not in _IEX_NAMES or not search(_ALIAS_NAME, name):
            continue
        use = compile_pattern(rf"{_COMMAND_START}(?P<use>{regex.escape(name)})(?![\w-])")
        for found in scan(use, source, budget):
            if found.start("use") >= match.end():
                yield (*found.span("use"), IEX)


def _derives_iex(source: Source, match: regex.Match[str]) -> bool:
    """Tell whether an expression over automatic variables spells iex in every variant."""
    offset = match.start("expr")
    terms = list(finditer(_TERMS, match.group("expr")))[: MAX_TERMS + 1]
    pieces = [_term_pieces(source, term, offset) for term in terms]
    if len(terms) > MAX_TERMS or any(piece is None for piece in pieces):
        return False
    separator = source.value(match, "sep") if match.group("sep") is not None else None
    keys = sorted({key for key, _ in filter(None, pieces)})
    for choice in product(*(range(len(AUTOMATIC.get(key, ("",)))) for key in keys)):
        chosen = dict(zip(keys, choice, strict=True))
        spelled = [values[chosen.get(key, 0)] for key, values in filter(None, pieces)]
        if separator is None and any(len(part) > 1 for part in spelled):
            return False
        word = (separator or "").join(element for part in spelled for element in part)
        if word.lower() not in _IEX_NAMES:
            return False
    return True


def _term_pieces(
    source: Source, term: regex.Match[str], offset: int
) -> tuple[str, list[list[str]]] | None:
    """Return the variable a term reads ('' if none) and, per value it may hold, its pieces."""
    if term.group("lit") is not None and term.group("idx") is None:
        return "", [[source.values[offset + term.start("lit")]]]
    key = (term.group("var") or term.group("cast") or "").lower()
    if key:
        values = AUTOMATIC[key]
    else:
        pattern = source.values[offset + term.start("glit")] if term.group("glit") else ""
        names = [name for name in VARIABLES if wildcard(pattern or term.group("glob"), name)]
        if len(names) != 1:
            return None
        values = (names[0],)
    indices = [int(index) for index in term.group("idx").split(",")]
    if any(index >= len(value) for value in values for index in indices):
        return None
    return key, [[value[index] for index in indices] for value in values]


def wildcard(pattern: str, name: str) -> bool:
    """Match a PowerShell wildcard with * and ? (case-insensitive); [ ] sets never match."""
    if "[" in pattern or len(pattern) > 64:
        return False
    pattern, name = pattern.lower(), name.lower()
    reachable = [True] + [False] * len(name)
    for char in pattern:
        if char == "*":
            for index in range(1, len(name) + 1):
                reachable[index] = reachable[index] or reachable[index - 1]
            continue
        step = [False] * (len(name) + 1)
        for index in range(len(name)):
            step[index + 1] = reachable[index] and char in ("?", name[index])
        reachable = step
    return reachable[-1]


def _literal_calls(text: str, budget: Budget) -> list[Decoded]:
    """Call names given as strings by name: &('New-Object') -> New-Object, .('Name') -> .Name."""
    if CALL.search(text) is None:
        return []
    return rewrite("powershell_literal_call", text, budget, _literal_call_edits)


def _literal_call_edits(source: Source, budget: Budget) -> list[Edit]:
    edits: list[Edit] = []
    for match in scan(_NAMED, source, budget):
        name = source.value(match, "lit")
        after = source.mask[match.end() : match.end() + 1]
        callable_name = search(_COMMAND_NAME, name) and name.lower() not in _IEX_NAMES
        if callable_name and (not after or after in _AFTER_CALL):
            edits.append((*match.span(), name))
    for match in scan(_MEMBER, source, budget):
        name = source.value(match, "lit")
        if search(_MEMBER_NAME, name):
            edits.append((*match.span(), "." + name))
    return edits


PEELERS = {
    "powershell_backtick": Peeler(
        "powershell_backtick", "rewrite", gated(("`",), _backticks), POWERSHELL, weight=15
    ),
    "powershell_iex_alias": Peeler(
        "powershell_iex_alias", "rewrite", _aliases, POWERSHELL, weight=10
    ),
    "powershell_literal_call": Peeler(
        "powershell_literal_call", "rewrite", _literal_calls, POWERSHELL, weight=3
    ),
}
