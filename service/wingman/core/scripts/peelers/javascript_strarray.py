"""obfuscator.io-style string arrays: undo the rotation, then put the strings back in place.

Handled: `var _0xabc = ['...', ...]`, an optional rotation IIFE whose count is a literal
(`while(--n){a['push'](a['shift']())}` called with `++count` or `count`) and optional
accessor functions of the plain form `function(i){i=i-0x0;var x=_0xabc[i];return x;}`.
Arrays with a checksum loop (parseInt), encoded strings (base64/rc4 accessors) or any use
the module does not recognise are left alone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from wingman.core.scripts.peelers.javascript_chains import number
from wingman.core.scripts.peelers.javascript_syntax import (
    CASE,
    LIT,
    NUM,
    Opaque,
    literal_value,
    quote,
    scan,
)
from wingman.core.scripts.safe_regex import compile_pattern, search
from wingman.core.scripts.types import Budget, Decoded

MAX_ARRAYS = 8
_ID = r"[\w$]++"
_ARRAY = compile_pattern(
    rf"(?<![\w$.])(?:var|let|const)\s+(?P<name>{_ID})\s*=\s*\["
    rf"(?P<items>\s*{LIT}(?:\s*,\s*{LIT})*+\s*,?\s*)\]",
    CASE,
)
_ITEM = compile_pattern(LIT, CASE)
_ROTATION = compile_pattern(
    rf"\(\s*function\s*\(\s*{_ID}\s*,\s*(?P<count>{_ID})\s*\)\s*(?P<body>\{{(?:[^{{}}]++|(?&body))*+\}})"
    rf"\s*\)?\s*\(\s*(?P<target>{_ID})\s*,\s*(?P<n>{NUM})\s*\)",
    CASE,
)
_WHILE = compile_pattern(r"while\s*\(\s*--\s*[\w$]+\s*\)", CASE)
_CALLED_WITH = compile_pattern(r"\(\s*(?P<inc>\+\+)?\s*(?P<arg>[\w$]+)\s*\)\s*;?\s*\}$", CASE)
_ACCESSOR = compile_pattern(
    rf"(?:(?:var|let|const)\s+(?P<name>{_ID})\s*=\s*function\s*|function\s+(?P<fname>{_ID})\s*)"
    rf"\(\s*(?P<p>{_ID})\s*(?:,\s*{_ID}\s*)?\)\s*\{{\s*"
    rf"(?:(?P=p)\s*(?:=\s*(?P=p)\s*-|-=)\s*(?P<offset>{NUM})\s*;?\s*)?"
    rf"(?:(?:var|let|const)\s+(?P<x>{_ID})\s*=\s*(?P<array>{_ID})\s*\[\s*(?P=p)\s*\]\s*;?\s*"
    rf"return\s+(?P=x)|return\s+(?P<array2>{_ID})\s*\[\s*(?P=p)\s*\])\s*;?\s*\}}",
    CASE,
)
_REFERENCE = compile_pattern(
    rf"(?<![\w$.])(?P<target>{_ID})\s*(?:\[\s*(?P<index>{NUM})\s*\](?P<store>\s*=(?!=))?"
    rf"|\(\s*(?P<q>['\"]?)(?P<arg>{NUM})(?P=q)\s*(?:,\s*{LIT}\s*)?\))",
    CASE,
)
_IDENTIFIER = compile_pattern(r"(?<![\w$])[A-Za-z_$][\w$]*", CASE)


@dataclass
class _Array:
    """One string array: its strings in their final order and the names that read it."""

    name: str
    strings: list[str]
    accessors: dict[str, int]
    uses: int = 1


class _Text:
    """What the arrays of one text are checked against, each scanned once for all of them."""

    def __init__(self, text: str, budget: Budget) -> None:
        self.rotations = list(scan(_ROTATION, text, budget)) if "shift" in text else []
        self.accessors = list(scan(_ACCESSOR, text, budget)) if "return" in text else []
        self.references = list(scan(_REFERENCE, text, budget))
        self.names = Counter(found.group() for found in scan(_IDENTIFIER, text, budget))


def _rotation(context: _Text, name: str) -> tuple[int, int] | None:
    """Return (rotations, uses of the name) for the array's rotation IIFE; None if unclear."""
    for match in context.rotations:
        if match.group("target") != name:
            continue
        body = match.group("body")
        if "parseInt" in body or "push" not in body or "shift" not in body:
            return None
        call = search(_CALLED_WITH, body)
        if search(_WHILE, body) is None or call is None or call.group("arg") != match["count"]:
            return None
        count = number(match.group("n"))
        return (count if call.group("inc") else count - 1), 1
    return 0, 0


def _accessors(context: _Text, name: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for match in context.accessors:
        if (match.group("array") or match.group("array2")) == name:
            accessor = match.group("name") or match.group("fname")
            found[accessor] = number(match.group("offset") or "0")
    return found


def _array(context: _Text, match: regex.Match[str], budget: Budget) -> _Array | None:
    strings = [literal_value(item.group()) for item in scan(_ITEM, match.group("items"), budget)]
    rotation = _rotation(context, match.group("name"))
    if rotation is None or any(value is None for value in strings) or not strings:
        return None
    shift = max(rotation[0], 0) % len(strings)
    ordered = [value for value in strings if value is not None]
    ordered = ordered[shift:] + ordered[:shift]
    accessors = _accessors(context, match.group("name"))
    return _Array(match.group("name"), ordered, accessors, 1 + rotation[1] + len(accessors))


def _value(array: _Array, match: regex.Match[str]) -> str | None:
    target = match.group("target")
    if match.group("index") is not None and target == array.name:
        index = number(match.group("index"))
    elif match.group("arg") is not None and target in array.accessors:
        index = number(match.group("arg")) - array.accessors[target]
    else:
        return None
    return array.strings[index] if 0 <= index < len(array.strings) else None


def _edits(context: _Text, array: _Array, opaque: Opaque) -> list[tuple[int, int, str]]:
    """Return the replacements for one array, or none when it is used in unknown ways."""
    edits: list[tuple[int, int, str]] = []
    direct = 0
    for match in context.references:
        value = _value(array, match)
        if value is not None and match.group("store") is not None:
            return []
        if value is not None and not opaque.inside(match.start()):
            edits.append((match.start(), match.end(), quote(value)))
            direct += match.group("target") == array.name
    return edits if context.names[array.name] == array.uses + direct else []


def string_arrays(text: str, budget: Budget) -> list[Decoded]:
    """Replace string-array reads with literal indexes by the strings they read."""
    if "[" not in text:
        return []
    opaque = Opaque(text, budget)
    found: list[regex.Match[str]] = []
    for match in scan(_ARRAY, text, budget):
        if len(found) >= MAX_ARRAYS:
            break
        if not opaque.inside(match.start()):
            found.append(match)
    if not found:
        return []
    context = _Text(text, budget)
    edits: list[tuple[int, int, str]] = []
    for match in found:
        budget.check_time()
        array = _array(context, match, budget)
        if array is not None:
            edits += _edits(context, array, opaque)
    if not edits:
        return []
    edits.sort()
    parts: list[str] = []
    last = 0
    for start, end, value in edits:
        if start >= last:
            parts += [text[last:start], value]
            last = end
    return [Decoded("js_string_array", "".join([*parts, text[last:]]), 0, len(text))]
