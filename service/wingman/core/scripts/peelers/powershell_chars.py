"""PowerShell character rewrites: [char] code arrays joined into strings, and reversal.

`-join [char[]](73,69,88)`, `((73,69,88) | % {[char]$_}) -join ''` and `'txet'[-1..-4] -join ''`
become the literal they evaluate to; `[array]::Reverse($v)` is applied when `$v` is the char
array of a literal assigned once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import regex

from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.peelers.powershell_operators import (
    is_operand,
)
from wingman.core.scripts.peelers.powershell_syntax import (
    CHAR,
    LIT,
    NUM,
    POWERSHELL,
    Edit,
    Source,
    char_code,
    render,
    rewrite,
    scan,
)
from wingman.core.scripts.peelers.powershell_variables import (
    Assignment,
    assignments,
    rhs_match,
    rhs_value,
)
from wingman.core.scripts.peelers.scanning import gated
from wingman.core.scripts.safe_regex import compile_pattern, finditer, search
from wingman.core.scripts.types import Budget, Decoded

_NUMS = rf"{NUM}(?:\s*+,\s*+{NUM})*+"
_ITEMS = rf"(?:{CHAR}|{LIT})(?:\s*+,\s*+(?:{CHAR}|{LIT}))*+"
_EACH = (
    r"\|\s*+(?:%|foreach(?:-object)?)\s*+\{\s*+(?:\[char\]\s*+(?:\[int\]\s*+)?\(?\s*+\$_\s*+\)?"
    r"|\(?\s*+\$_\s*+-as\s*+\[char\]\s*+\)?)\s*+\}"
)
# One code to a char, as encoders write it: [char][int]$_, or [convert]::ToInt16($_, base).
_TO_CHAR = (
    r"\(?\s*+\[char\]\s*+(?:\[int\]\s*+\(?\s*+\$_\s*+\)?|\(?\s*+\[convert\]::toint(?:16|32|64)\("
    r"\s*+\(?\s*+\$_(?:\.tostring\(\s*+\))?\s*+\)?\s*+,\s*+(?P<base>2|8|10|16)\s*+\)\s*+\)?)\s*+\)?"
)
# A string of codes split on a delimiter and turned into chars one by one.
_SPLIT = (
    rf"\(\s*+(?P<split>{LIT})(?:\s*+-c?split\s*+(?P<delim>{LIT}))++\s*+"
    r"(?:\|\s*+(?:\?|where(?:-object)?)\s*+\{\s*+\$_\s*+\}\s*+)?"
    rf"\|\s*+(?:%|foreach(?:-object)?)\s*+\{{\s*+{_TO_CHAR}\s*+\}}\s*+\)"
)
_ARRAY = (
    rf"(?:{_SPLIT}|\[char\[\]\]\s*+@?\(\s*+(?P<codes>{_NUMS})\s*+\)"
    rf"|\(\s*+(?:\(\s*+(?P<piped>{_NUMS})\s*+\)|(?P<bare>{_NUMS}))\s*+{_EACH}\s*+\)"
    rf"|\(\s*+(?P<items>{_ITEMS})\s*+\))"
)
_UNARY = compile_pattern(rf"-join\s*+(?:\(\s*+{_ARRAY}\s*+\)|{_ARRAY})")
_BINARY = compile_pattern(rf"(?:\(\s*+{_ARRAY}\s*+\)|{_ARRAY})[ \t]*+-join\s*+(?P<sep>{LIT})")
_GROUP_JOIN = compile_pattern(rf"\(\s*+(?P<items>{_ITEMS})[ \t]*+-join\s*+(?P<sep>{LIT})\s*+\)")
_STRING_JOIN = compile_pattern(rf"\[string\]::join\(\s*+(?P<sep>{LIT})\s*+,\s*+{_ARRAY}\s*+\)")
# Delimiters -split reads the same as text: single characters, plain or joined by |.
_DELIMITERS = compile_pattern(r"\A[^\\^$.|?*+()\[\]{}](?:\|[^\\^$.|?*+()\[\]{}])*+\Z")
_ITEM = compile_pattern(rf"(?P<char>{CHAR})|(?P<lit>{LIT})")
_NUMBER = compile_pattern(NUM)
_VAR = r"\$(?P<var>[a-z_][a-z0-9_]*)"
_INDEX = (
    r"(?P<{0}neg>-)?\s*+(?:(?P<{0}num>[0-9]{{1,7}})|\(?\s*+(?:\$[a-z_][a-z0-9_]*|'\x01*+')"
    r"\.length\s*+(?:-\s*+(?P<{0}less>[0-9]{{1,7}})\s*+)?\)?)"
)
_SLICE = (
    rf"(?:(?P<lit>{LIT})|{_VAR})\[\s*+{_INDEX.format('a')}\s*+\.\.\s*+{_INDEX.format('b')}\s*+\]"
)
_SLICES = (
    compile_pattern(rf"-join\s*+(?:\(\s*+{_SLICE}\s*+\)|{_SLICE})"),
    compile_pattern(rf"(?:\(\s*+{_SLICE}\s*+\)|{_SLICE})[ \t]*+-join\s*+(?P<sep>{LIT})"),
)
# [regex]::Matches($s, '.', 'RightToLeft') | % {$_.Value}: the characters of $s, last first.
_RTL = (
    rf"\[regex\]::matches\(\s*+(?P<lit>{LIT})\s*+,\s*+(?P<dot>{LIT})\s*+,\s*+(?P<rtl>{LIT})\s*+\)"
    r"\s*+\|\s*+(?:%|foreach(?:-object)?)\s*+\{\s*+\$_\.value\s*+\}"
)
_RTL_JOINS = (
    compile_pattern(rf"\(\s*+{_RTL}\s*+\)[ \t]*+-join\s*+(?P<sep>{LIT})"),
    compile_pattern(rf"-join\s*+\(\s*+{_RTL}\s*+\)"),
)
_REVERSE = compile_pattern(rf"\[(?:system\.)?array\]::reverse\(\s*+{_VAR}\s*+\)")
_CHAR_ARRAY = compile_pattern(
    rf"\A\s*+(?:\[char\[\]\]\s*+(?P<lit>{LIT})|\(?\s*+(?P<lit2>{LIT})\s*+\)?\.tochararray\(\))\s*+\Z"
)


def _codes(text: str, budget: Budget) -> list[Decoded]:
    """Join arrays of [char] codes: -join [char[]](73,69,88) -> 'IEX'."""
    return rewrite("powershell_char_codes", text, budget, _code_edits)


def _code_edits(source: Source, budget: Budget) -> Iterator[Edit]:
    for pattern in (_UNARY, _BINARY, _STRING_JOIN, _GROUP_JOIN):
        level = "compare" if pattern is _BINARY else "format"
        for match in scan(pattern, source, budget):
            start, end = match.span()
            if pattern in (_UNARY, _BINARY) and not is_operand(
                source.mask, start, end, level=level
            ):
                continue
            chars = _array(source, match)
            value = None if chars is None else _joined(source, match, chars, budget)
            if value is not None:
                yield start, end, f"({value})" if pattern is _GROUP_JOIN else value


def _joined(
    source: Source, match: regex.Match[str], items: list[str], budget: Budget
) -> str | None:
    """Join items with the match's separator literal (none: ''), as a literal within bounds."""
    separator = source.value(match, "sep") if match.groupdict().get("sep") is not None else ""
    size = sum(map(len, items)) + len(separator) * max(0, len(items) - 1)
    return render(separator.join(items)) if size <= budget.max_layer_chars else None


def _array(source: Source, match: regex.Match[str]) -> list[str] | None:
    """Return the elements of the matched array as strings, or None if one is not a char."""
    groups = match.groupdict()
    if groups.get("split") is not None:
        return _split_codes(source, match)
    for group in ("codes", "piped", "bare"):
        if groups.get(group) is not None:
            codes = [char_code(f"[char]{code.group()}") for code in finditer(_NUMBER, match[group])]
            return None if None in codes else [code or "" for code in codes]
    offset = match.start("items")
    found: list[str] = []
    for item in finditer(_ITEM, match.group("items")):
        value = (
            source.values[offset + item.start()]
            if item.group("lit") is not None
            else char_code(item.group("char"))
        )
        if value is None:
            return None
        found.append(value)
    return found


def _split_codes(source: Source, match: regex.Match[str]) -> list[str] | None:
    """Decode 'codes' -split 'delimiters' | % {[char] ...}: delimiters are letters or a|b|c."""
    separators: set[str] = set()
    for start in match.starts("delim"):
        delimiter = source.values[start]
        if not search(_DELIMITERS, delimiter):
            return None
        separators |= set(delimiter.split("|"))
    text = source.value(match, "split")
    for separator in separators:
        text = text.replace(separator, "\x00")
    base = int(match.group("base") or 10)
    chars: list[str] = []
    for code in text.split("\x00"):
        if not code:
            return None
        try:
            value = int(code, base)
        except ValueError:
            return None
        if value > 0xFFFF or 0xD800 <= value <= 0xDFFF:
            return None
        chars.append(chr(value))
    return chars


def _reverse(text: str, budget: Budget) -> list[Decoded]:
    """Evaluate reversals: 'txet'[-1..-4] -join '' and [array]::Reverse of a char array."""
    return rewrite("powershell_reverse", text, budget, _reverse_edits)


def _reverse_edits(source: Source, budget: Budget) -> Iterator[Edit]:
    # Assignments are looked up only when a reversal reads a variable (they cost a scan).
    def known() -> dict[str, Assignment]:
        return assignments(source, budget)

    for pattern in _SLICES:
        level = "format" if pattern is _SLICES[0] else "compare"
        for match in scan(pattern, source, budget):
            start, end = match.span()
            if not is_operand(source.mask, start, end, level=level):
                continue
            items = _slice(source, match, known)
            value = None if items is None else _joined(source, match, items, budget)
            if value is not None:
                yield start, end, value
    yield from _array_reverse_edits(source, budget, known)
    if "righttoleft" in source.text.lower():
        yield from _right_to_left_edits(source, budget)


def _right_to_left_edits(source: Source, budget: Budget) -> Iterator[Edit]:
    """Replace a join of a literal's characters matched right to left by the reversed literal."""
    for pattern, level in zip(_RTL_JOINS, ("compare", "format"), strict=True):
        for match in scan(pattern, source, budget):
            start, end = match.span()
            subject = source.value(match, "lit")
            dot, rtl = source.value(match, "dot"), source.value(match, "rtl").lower()
            if dot != "." or rtl != "righttoleft" or "\n" in subject:
                continue
            if not is_operand(source.mask, start, end, level=level):
                continue
            value = _joined(source, match, list(subject[::-1]), budget)
            if value is not None:
                yield start, end, value


def _slice(
    source: Source, match: regex.Match[str], known: Callable[[], dict[str, Assignment]]
) -> list[str] | None:
    """Index a literal (or a variable holding one) with a range of constant bounds."""
    if match.group("lit") is not None:
        subject = source.value(match, "lit")
    else:
        assigned = known().get(match.group("var").lower())
        if assigned is None or assigned.end > match.start() or assigned.value is None:
            return None
        subject = assigned.value
    bounds = [_bound(match, name, len(subject)) for name in ("a", "b")]
    first, last = bounds
    if first is None or last is None or abs(last - first) > len(subject):
        return None
    step = 1 if last >= first else -1
    indices = [
        index + len(subject) if index < 0 else index for index in range(first, last + step, step)
    ]
    if any(not 0 <= index < len(subject) for index in indices):
        return None
    return [subject[index] for index in indices]


def _bound(match: regex.Match[str], name: str, length: int) -> int | None:
    """Evaluate one bound: a number or a length, minus a constant, possibly negated."""
    if match.group(f"{name}num") is not None:
        value = int(match.group(f"{name}num"))
    else:
        value = length - int(match.group(f"{name}less") or 0)
    return -value if match.group(f"{name}neg") else value


def _array_reverse_edits(
    source: Source, budget: Budget, known: Callable[[], dict[str, Assignment]]
) -> Iterator[Edit]:
    """Replace the join of a reversed char array by the reversed literal."""
    calls = scan(_REVERSE, source, budget)
    names = [call.group("var").lower() for call in calls]
    for call in calls:
        name = call.group("var").lower()
        assigned = known().get(name)
        single = names.count(name) == 1
        if assigned is None or assigned.mutated or not single or assigned.end > call.start():
            continue
        held = rhs_match(_CHAR_ARRAY, source, assigned)
        if held is not None:
            literal = rhs_value(source, assigned, held, "lit" if held.group("lit") else "lit2")
            yield from _join_edits(source, budget, name, call.end(), list(literal[::-1]))


def _join_edits(
    source: Source, budget: Budget, name: str, after: int, items: list[str]
) -> Iterator[Edit]:
    """Replace `-join $name`, `$name -join ''` and [string]::Join('', $name) after a point."""
    var = rf"\${regex.escape(name)}(?![\w:])"
    patterns = (
        (compile_pattern(rf"-join\s*+(?:\(\s*+{var}\s*+\)|{var})"), "format"),
        (compile_pattern(rf"{var}[ \t]*+-join\s*+(?P<sep>{LIT})"), "compare"),
        (compile_pattern(rf"\[string\]::join\(\s*+(?P<sep>{LIT})\s*+,\s*+{var}\s*+\)"), ""),
    )
    for pattern, level in patterns:
        for match in scan(pattern, source, budget):
            start, end = match.span()
            if start < after or (level and not is_operand(source.mask, start, end, level=level)):
                continue
            value = _joined(source, match, items, budget)
            if value is not None:
                yield start, end, value


PEELERS = {
    "powershell_char_codes": Peeler(
        "powershell_char_codes", "rewrite", gated(("join",), _codes), POWERSHELL, weight=15
    ),
    "powershell_reverse": Peeler(
        "powershell_reverse",
        "rewrite",
        gated(("join", "reverse", "righttoleft"), _reverse),
        POWERSHELL,
        weight=20,
    ),
}
