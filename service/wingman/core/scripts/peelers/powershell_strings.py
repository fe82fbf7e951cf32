"""PowerShell string rewrites: concatenation, the -f format operator and replace chains.

Each rewrite replaces an expression built only from literals by the literal it evaluates to,
and only where PowerShell's operator precedence makes that substitution exact.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.peelers.powershell_operators import (
    ends_operand,
    following,
    is_operand,
    previous,
    starts_operand,
)
from wingman.core.scripts.peelers.powershell_syntax import (
    CHAR,
    LIT,
    POWERSHELL,
    Edit,
    Source,
    char_code,
    render,
    rewrite,
    scan,
)
from wingman.core.scripts.peelers.scanning import gated
from wingman.core.scripts.safe_regex import compile_pattern, finditer
from wingman.core.scripts.types import Budget, Decoded

# Blanks only before an operator: a newline there would end the statement.
_B = r"[ \t]*+"
_OPERAND = rf"(?:\[string\]\s*+)?(?:{LIT}|{CHAR})"
_CHAINED = rf"(?:\(\s*+{_OPERAND}\s*+\)|{_OPERAND})"
_CHAIN = compile_pattern(rf"{_CHAINED}(?:{_B}\+\s*+{_CHAINED})++")
_PIECE = compile_pattern(rf"(?P<lit>{LIT})|(?P<char>{CHAR})")
_GROUP = compile_pattern(rf"(?<![\w$@.\]):])\(\s*+{_OPERAND}\s*+\)")
_ARG = rf"(?:{LIT}|{CHAR}|-?[0-9]{{1,7}})"
_OPERATION = (
    rf"{_B}-f(?![\w-])\s*+(?P<open>@?\(\s*+)?"
    rf"(?P<args>{_ARG}(?:{_B},\s*+{_ARG})*+)(?(open)\s*+\))"
)
# -f is left-associative: 'a' -f 'b' -f 'c' formats the first result again.
_FORMAT = compile_pattern(rf"(?P<fmt>{LIT})(?P<ops>(?:{_OPERATION})++)")
_FORMAT_OPERATION = compile_pattern(_OPERATION)
_FORMAT_ARG = compile_pattern(rf"(?P<lit>{LIT})|(?P<char>{CHAR})|(?P<int>-?[0-9]{{1,7}})")
_PLACEHOLDER = compile_pattern(r"\{\{|\}\}|\{([0-9]{1,3})(?:,(-?[0-9]{1,4}))?\}|[{}]")


def _rarg(name: str) -> str:
    """Return the pattern of one replace argument: a literal or a [char] code."""
    return rf"(?:(?P<{name}lit>{LIT})|(?:\[string\]\s*+)?(?P<{name}char>{CHAR}))"


_SUBJECT = rf"(?P<subject>\(\s*+(?P<inner>{LIT})\s*+\)|(?P<lit>{LIT}))"
_CALL = rf"\.replace\(\s*+{_rarg('a')}\s*+,\s*+{_rarg('b')}\s*+\)"
_METHOD = compile_pattern(rf"{_SUBJECT}(?P<calls>(?:{_CALL})++)")
_METHOD_CALL = compile_pattern(_CALL)
_OPERATOR = compile_pattern(
    rf"{_SUBJECT}{_B}-(?P<case>[ci]?)replace(?![\w-])\s*+(?P<open>\()?\s*+{_rarg('a')}"
    rf"(?:{_B},\s*+{_rarg('b')})?(?(open)\s*+\))"
)
_REGEX_META = frozenset(".^$|?*+()[]{}")
# What makes a parenthesis a call, a subexpression or an array rather than a grouping.
_CALLER = frozenset("_$@.]):")


def _concat(text: str, budget: Budget) -> list[Decoded]:
    """Join concatenations of string literals and [char] codes: 'I'+'EX' -> 'IEX'."""
    return rewrite("powershell_concat", text, budget, _concat_edits)


def _concat_edits(source: Source, budget: Budget) -> Iterator[Edit]:
    mask = source.mask
    for match in scan(_CHAIN, source, budget):
        start, end = match.span()
        if not starts_operand(mask, start, level="add") or not ends_operand(mask, end, level="add"):
            continue
        pieces = [_piece(source, piece, start) for piece in finditer(_PIECE, match.group())]
        if all(piece is not None for piece in pieces):
            yield start, end, render("".join(piece or "" for piece in pieces))
    for match in scan(_GROUP, source, budget):
        start, end = _widen(mask, *match.span())
        inner = source.text[match.start() + 1 : match.end() - 1].strip()
        after = following(mask, end)
        if after in (".", "["):
            continue
        # Alone inside a call's own parentheses, foo(('a')) is foo('a').
        if previous(mask, start) + after == "()":
            yield start, end, inner
        elif (start, end) != match.span():
            yield start, end, f"({inner})"


def _widen(mask: str, start: int, end: int) -> tuple[int, int]:
    """Grow a parenthesized span over the grouping parentheses around it: ((('a'))) is ('a')."""
    while True:
        before = start - 1
        while before >= 0 and mask[before] in " \t":
            before -= 1
        after = end
        while after < len(mask) and mask[after] in " \t":
            after += 1
        opens = before >= 0 and mask[before] == "("
        if not (opens and after < len(mask) and mask[after] == ")"):
            return start, end
        if before > 0 and (mask[before - 1].isalnum() or mask[before - 1] in _CALLER):
            return start, end
        start, end = before, after + 1


def _piece(source: Source, piece: regex.Match[str], offset: int) -> str | None:
    """Return the value of one operand found inside a chain starting at offset."""
    if piece.group("lit") is not None:
        return source.values[offset + piece.start()]
    return char_code(piece.group("char"))


def _format(text: str, budget: Budget) -> list[Decoded]:
    """Evaluate the -f operator on a literal format and literal arguments."""
    return rewrite("powershell_format_operator", text, budget, _format_edits)


def _format_edits(source: Source, budget: Budget) -> Iterator[Edit]:
    for match in scan(_FORMAT, source, budget):
        start = match.start()
        if not starts_operand(source.mask, start, level="format"):
            continue
        value, end = source.value(match, "fmt"), start
        for operation in finditer(_FORMAT_OPERATION, match.group("ops")):
            offset = match.start("ops")
            args = _format_args(source, operation, offset)
            formatted = dotnet_format(value, args, budget.max_layer_chars)
            if formatted is None:
                break
            value, end = formatted, offset + operation.end()
        if end > start and ends_operand(source.mask, end, level="format"):
            yield start, end, render(value)


def _format_args(source: Source, operation: regex.Match[str], offset: int) -> list[str | None]:
    """Return the values of one -f operation's arguments (None where one is not a char)."""
    offset += operation.start("args")
    args: list[str | None] = []
    for arg in finditer(_FORMAT_ARG, operation.group("args")):
        if arg.group("lit") is not None:
            args.append(source.values[offset + arg.start()])
        elif arg.group("char") is not None:
            args.append(char_code(arg.group("char")))
        else:
            args.append(str(int(arg.group("int"))))
    return args


def dotnet_format(template: str, args: list[str | None], limit: int) -> str | None:
    """Apply .NET composite formatting ({0}, {1,-5}, {{ }}); None if not that simple or too long."""
    parts: list[str] = []
    length = last = 0
    for match in finditer(_PLACEHOLDER, template):
        parts.append(template[last : match.start()])
        last = match.end()
        if match.group() in ("{{", "}}"):
            parts.append(match.group()[0])
            continue
        if match.group(1) is None or int(match.group(1)) >= len(args):
            return None
        value, width = args[int(match.group(1))], int(match.group(2) or 0)
        if value is None:
            return None
        length += len(parts[-1]) + max(len(value), abs(width))
        if length > limit:
            return None
        parts.append(value.rjust(width) if width > 0 else value.ljust(-width))
    parts.append(template[last:])
    return "".join(parts)


def _replace(text: str, budget: Budget) -> list[Decoded]:
    """Evaluate .Replace('a','b') and -replace 'a','b' on literals."""
    return rewrite("powershell_replace", text, budget, _replace_edits)


def _replace_edits(source: Source, budget: Budget) -> Iterator[Edit]:
    limit = budget.max_layer_chars
    for match in scan(_METHOD, source, budget):
        yield from _method_chain(source, match, limit)
    for match in scan(_OPERATOR, source, budget):
        start, end = match.span()
        if not is_operand(source.mask, start, end, level="compare"):
            continue
        subject = _subject(source, match)
        old, new = _arguments(source, match, 0)
        case = match.group("case").lower() == "c"
        value = None if old is None else regex_replace(subject, old, new, case=case, limit=limit)
        if value is not None:
            yield start, end, render(value)


def _method_chain(source: Source, match: regex.Match[str], limit: int) -> Iterator[Edit]:
    """Apply a chain of .Replace(old, new) calls, as far as each one can be evaluated."""
    value, end = _subject(source, match), match.start("calls")
    for call in finditer(_METHOD_CALL, match.group("calls")):
        old, new = _arguments(source, call, match.start("calls"))
        if not old or new is None or not _fits(value, value.count(old), old, new, limit):
            break
        value, end = value.replace(old, new), match.start("calls") + call.end()
    if end > match.start("calls"):
        yield match.start(), end, render(value)


def _fits(subject: str, count: int, old: str, new: str, limit: int) -> bool:
    """Tell whether replacing count occurrences keeps the result within limit."""
    return len(subject) + count * max(0, len(new) - len(old)) <= limit


def _subject(source: Source, match: regex.Match[str]) -> str:
    """Return the literal a replace applies to (parenthesized or not)."""
    return source.value(match, "inner" if match.group("inner") else "lit")


def _arguments(
    source: Source, match: regex.Match[str], offset: int
) -> tuple[str | None, str | None]:
    """Read a replace's two arguments from a match at offset ('' for a missing second)."""
    values: list[str | None] = []
    for name in ("a", "b"):
        if match.group(f"{name}lit") is not None:
            values.append(source.values[offset + match.start(f"{name}lit")])
        elif match.group(f"{name}char") is not None:
            values.append(char_code(match.group(f"{name}char")))
        else:
            values.append("" if name == "b" else None)
    return values[0], values[1]


def regex_replace(
    subject: str, pattern: str, replacement: str | None, *, case: bool, limit: int
) -> str | None:
    """Apply -replace when the pattern is a plain string and the replacement has no $."""
    literal = _plain(pattern)
    if not literal or replacement is None or "$" in replacement:
        return None
    folded, needle = (subject, literal) if case else (subject.lower(), literal.lower())
    if len(folded) != len(subject) or len(needle) != len(literal):
        return None
    if not _fits(subject, folded.count(needle), needle, replacement, limit):
        return None
    parts: list[str] = []
    last = 0
    found = folded.find(needle)
    while found >= 0:
        parts.append(subject[last:found])
        parts.append(replacement)
        last = found + len(needle)
        found = folded.find(needle, last)
    parts.append(subject[last:])
    return "".join(parts)


def _plain(pattern: str) -> str | None:
    """Return the string a regex matches when it is a plain string (\\. escapes allowed)."""
    out: list[str] = []
    escaped = False
    for char in pattern:
        if escaped:
            if char.isalnum():
                return None
            out.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in _REGEX_META:
            return None
        else:
            out.append(char)
    return None if escaped else "".join(out)


PEELERS = {
    "powershell_replace": Peeler(
        "powershell_replace", "rewrite", gated(("replace",), _replace), POWERSHELL, weight=10
    ),
    "powershell_format_operator": Peeler(
        "powershell_format_operator", "rewrite", gated(("-f",), _format), POWERSHELL, weight=15
    ),
    "powershell_concat": Peeler("powershell_concat", "rewrite", _concat, POWERSHELL, weight=8),
}
