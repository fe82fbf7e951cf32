"""PowerShell variables assigned once to a literal, and the rewrite that substitutes them.

A variable counts only when it is assigned exactly once, at the top level of the script, by a
statement of its own, and nothing in the script can set it another way (Set-Variable, [ref],
-OutVariable, a loop or a parameter); it is then substituted only after that statement.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

import regex

from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.peelers.powershell_operators import (
    previous,
)
from wingman.core.scripts.peelers.powershell_syntax import (
    CALL,
    LIT,
    PIPE_IEX,
    POWERSHELL,
    Edit,
    Recent,
    Source,
    render,
    rewrite,
    scan,
)
from wingman.core.scripts.peelers.scanning import scan_at
from wingman.core.scripts.safe_regex import compile_pattern, finditer, search
from wingman.core.scripts.types import Budget, Decoded

_NAME = r"[a-z_][a-z0-9_]*"
_SCOPE = r"(?:(?:global|script|local|private|using):)?"
_BINDING = compile_pattern(
    rf"\${_SCOPE}(?P<name>{_NAME})(?P<element>\s*+\[[^\]\r\n]{{0,64}}\])?[ \t]*+"
    r"(?P<op>[-+*/%]?=(?!=)|\+\+|--)"
    rf"|(?:\+\+|--)\${_SCOPE}(?P<pre>{_NAME})"
    rf"|foreach\s*+\(\s*+\${_SCOPE}(?P<loop>{_NAME})"
    rf"|\$\{{(?P<braced>[^}}\r\n]{{1,100}})\}}"
    rf"|(?P<params>(?:param|function\s++[\w:-]++|filter\s++[\w:-]++)\s*+\()"
)
# Where a binding can begin (standard `re`, see scanning). Leading with one character class
# lets re skip to candidates; the lookbehinds then tell which form follows.
_BINDING_STARTS = re.compile(
    r"[$+\-fFpP](?:(?<=\$)[\w:]{1,200}(?:\s*\[[^\]\r\n]{0,64}\])?[ \t]*(?:[-+*/%]?=|\+\+|--)"
    r"|(?<=\$)\{|(?<=\+)\+\$|(?<=-)-\$"
    r"|(?i:(?<=f)oreach|(?<=p)aram|(?<=f)unction|(?<=f)ilter))"
)
_MULTI = compile_pattern(rf"\${_SCOPE}{_NAME}(?:\s*+,\s*+\${_SCOPE}{_NAME})++\s*+=(?!=)")
_DYNAMIC_WORDS = (
    "set-variable new-variable clear-variable remove-variable sv nv clv rv set-item si ni"
    " new-item -outvariable -errorvariable -warningvariable -informationvariable"
    " -pipelinevariable -ov -ev -wv -iv -pv"
)
_DYNAMIC_NAMES = frozenset(_DYNAMIC_WORDS.split())
# The same names as a standard `re` pattern over lowercased code (see scanning): leading with
# one character class lets re skip to candidates, the lookbehinds then tell which name follows.
_DYNAMIC = re.compile(
    r"[-scnrv](?<![\w$-].)(?:(?<=s)(?:et-variable|v|et-item|i)|(?<=n)(?:ew-variable|v|i|ew-item)"
    r"|(?<=c)(?:lear-variable|lv)|(?<=r)(?:emove-variable|v)"
    r"|(?<=-)(?:(?:out|error|warning|information|pipeline)variable|ov|ev|wv|iv|pv))(?![\w-])"
    r"|variable:|\[ref\]"
)
# Where a multiple assignment ($a, $b = ...) can begin.
_MULTI_STARTS = re.compile(r"\$[\w:]{1,200}\s*,")
_VARIABLE = compile_pattern(rf"\$(?P<name>{_NAME})")
_LITERAL_VALUE = compile_pattern(rf"\A\s*+(?:\(\s*+(?P<inner>{LIT})\s*+\)|(?P<lit>{LIT}))\s*+\Z")
_USE = rf"\$(?P<name>{_NAME})(?![\w:\[.(])"
_USES = (
    compile_pattern(rf"(?<![\w$.\])])[&.][ \t]*+(?P<open>\(\s*+)?{_USE}(?(open)\s*+\))"),
    compile_pattern(rf"(?<![\w-])(?:iex|invoke-expression)(?:\s++-command)?\s*+\(?\s*+{_USE}"),
    compile_pattern(rf"{_USE}\s*+\|\s*+(?:iex|invoke-expression)(?![\w-])"),
)
_CALL_GROUP = compile_pattern(
    rf"(?<![\w$.\])])[&.][ \t]*+\((?P<body>\s*+(?:\${_NAME}|{LIT})"
    rf"(?:\s*+\+\s*+(?:\${_NAME}|{LIT}))*+\s*+)\)"
)
MAX_BINDINGS = 4096


@dataclass(frozen=True, slots=True)
class Assignment:
    """The one assignment of a variable: where its value lies and where the statement ends."""

    name: str
    value_start: int
    end: int
    value: str | None
    # Elements are set somewhere ($v[$i] = ...): a string would refuse, an array changes.
    mutated: bool = False


_RECENT: Recent[dict[str, Assignment]] = Recent(4)


def assignments(source: Source, budget: Budget) -> dict[str, Assignment]:
    """Map lowercased names to their single top-level assignment; {} if variables are dynamic."""
    known = _RECENT.get(source.text)
    if known is None:
        known = _assignments(source, budget)
        _RECENT.put(source.text, known)
    return known


def _assignments(source: Source, budget: Budget) -> dict[str, Assignment]:
    """Find the assignments (see `assignments`)."""
    if _dynamic(source.mask, budget) or any(
        value.lower() in _DYNAMIC_NAMES or value.lower().startswith("variable:")
        for value in source.values.values()
    ):
        return {}
    counts: dict[str, int] = {}
    mutated: set[str] = set()
    found: dict[str, Assignment] = {}
    depth, last = 0, 0
    for index, match in enumerate(scan_at(_BINDING_STARTS, _BINDING, source.mask, budget)):
        if index >= MAX_BINDINGS:
            return {}
        if index % 64 == 0:
            budget.check_time()
        depth += source.mask.count("{", last, match.start()) - source.mask.count(
            "}", last, match.start()
        )
        last = match.start()
        if match.group("element"):
            mutated.add(match.group("name").lower())
            continue
        for name in _bound_names(source, match):
            counts[name] = counts.get(name, 0) + 1
        if match.group("op") == "=" and depth == 0 and previous(source.mask, last) in _STATEMENT:
            found[match.group("name").lower()] = _assignment(source, match)
    for match in scan_at(_MULTI_STARTS, _MULTI, source.mask, budget):
        for variable in finditer(_VARIABLE, match.group()):
            counts[variable.group("name").lower()] = 2
    return {
        name: replace(assigned, mutated=name in mutated)
        for name, assigned in found.items()
        if counts.get(name) == 1
    }


_STATEMENT = ("", ";", "\n", "\r")


def _dynamic(mask: str, budget: Budget) -> bool:
    """Tell whether code sets variables by name ([ref], Set-Variable, -OutVariable, ...)."""
    budget.check_time()
    return _DYNAMIC.search(mask.lower()) is not None


def _bound_names(source: Source, match: regex.Match[str]) -> list[str]:
    """Return the names one binding match may set (parameters: every name in the list)."""
    if match.group("params") is not None:
        end = statement_end(source, match.end())
        return [
            name.group("name").lower()
            for name in finditer(_VARIABLE, source.mask[match.end() : end])
        ]
    for group in ("name", "pre", "loop", "braced"):
        if match.group(group) is not None:
            return [match.group(group).lower()]
    return []


def _assignment(source: Source, match: regex.Match[str]) -> Assignment:
    """Describe the assignment that starts at a binding match."""
    start = match.end()
    end = statement_end(source, start)
    held = search(_LITERAL_VALUE, source.mask[start:end])
    value = None
    if held is not None:
        value = source.values[start + held.start("inner" if held.group("inner") else "lit")]
    return Assignment(match.group("name").lower(), start, end, value)


def statement_end(source: Source, start: int) -> int:
    """Return where the statement going on at start ends: ; or a line end outside brackets."""
    mask = source.mask
    depth = 0
    index = start
    while index < len(mask):
        char = mask[index]
        if char in "'\"":
            index = source.spans.get(index, index + 1)
            continue
        if char in "([{":
            depth += 1
        elif char in ")]}":
            if depth == 0:
                return index
            depth -= 1
        elif char in ";\r\n" and depth == 0:
            return index
        index += 1
    return index


def rhs_match(
    pattern: regex.Pattern[str], source: Source, assigned: Assignment
) -> regex.Match[str] | None:
    """Match a pattern (anchored with \\A and \\Z) against an assignment's value."""
    return search(pattern, source.mask[assigned.value_start : assigned.end])


def rhs_value(source: Source, assigned: Assignment, held: regex.Match[str], group: str) -> str:
    """Return the literal a group of an rhs_match holds."""
    return source.values[assigned.value_start + held.start(group)]


def _substitute(text: str, budget: Budget) -> list[Decoded]:
    """Substitute literal variables where they are invoked or run: & $a, . $a, iex $a."""
    return rewrite("powershell_variable", text, budget, _substitute_edits)


def _substitute_edits(source: Source, budget: Budget) -> Iterator[Edit]:
    uses = [
        match.span("name")
        for pattern in _present_uses(source)
        for match in scan(pattern, source, budget)
    ]
    groups = scan(_CALL_GROUP, source, budget) if CALL.search(source.mask) else []
    for group in groups:
        offset = group.start("body")
        body = group.group("body")
        uses.extend(
            (offset + use.start("name"), offset + use.end()) for use in finditer(_VARIABLE, body)
        )
    # Finding the assignments costs more than finding the uses; most scripts have no use.
    known = assignments(source, budget) if uses else {}
    if not known:
        return
    rendered: dict[str, str] = {}
    for start, end in uses:
        name = source.text[start:end].lower()
        assigned = known.get(name)
        if assigned is not None and assigned.value is not None and assigned.end <= start:
            # One string per variable, shared by every use, however many there are.
            if name not in rendered:
                rendered[name] = render(assigned.value)
            yield start - 1, end, rendered[name]


def _present_uses(source: Source) -> list[regex.Pattern[str]]:
    """The use patterns worth running: their call, Invoke-Expression or pipe shows up at all."""
    lowered = source.mask.lower()
    iex = "iex" in lowered or "invoke-expression" in lowered
    present = (
        CALL.search(source.mask) is not None,
        iex,
        iex and PIPE_IEX.search(source.mask) is not None,
    )
    return [pattern for pattern, shown in zip(_USES, present, strict=True) if shown]


PEELERS = {
    "powershell_variable": Peeler(
        "powershell_variable", "rewrite", _substitute, POWERSHELL, weight=3
    ),
}
