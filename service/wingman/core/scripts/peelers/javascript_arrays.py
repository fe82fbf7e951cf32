"""JavaScript constant arrays: elements read with a literal index put back in place.

Handled: `var a = ["nd", -96, 7]` read as `a[0]`, functions of no parameter returning such an
array (`function f() { return [ , "em", ]; }` read as `f()[1]`), and array literals indexed
on the spot (`[ , , 2][2]`). Holes and block comments between elements are allowed. An array
that is written anywhere (element stores, push, a second assignment) is left alone.
"""

from __future__ import annotations

from collections import Counter

import regex

from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.peelers.javascript_chains import number
from wingman.core.scripts.peelers.javascript_syntax import (
    CASE,
    IDENT,
    JAVASCRIPT,
    LIT,
    MAX_EDITS,
    Opaque,
    literal_value,
    quote,
    scan,
    splice,
)
from wingman.core.scripts.safe_regex import compile_pattern, search
from wingman.core.scripts.types import Budget, Decoded

_NUMBER = r"-?(?:0[xX][0-9a-fA-F]{1,12}|\d{1,12})(?![\w$.])"
# Possessive throughout: an array that fails to match must fail at once, whatever its size.
_GAP = r"(?:\s++|/\*(?:[^*]|\*(?!/)){0,200}+\*/){0,64}+"
_ELEMENT = rf"(?:{LIT}|{_NUMBER})"
_BODY = rf"{_GAP}(?:{_ELEMENT}{_GAP})?+(?:,{_GAP}(?:{_ELEMENT}{_GAP})?+){{0,4096}}+"
_DEFINITION = compile_pattern(
    rf"(?<![\w$.])(?:var\s+|let\s+|const\s+)?(?P<name>{IDENT})\s*=\s*\[(?P<items>{_BODY})\]"
    rf"(?=\s*[;,\r\n])"
    rf"|\bfunction\s+(?P<fname>{IDENT})\s*\(\s*\)\s*\{{\s*return\s*\[(?P<fitems>{_BODY})\]\s*;?\s*\}}",
    CASE,
)
_READ = compile_pattern(
    rf"(?<![\w$.])(?P<name>{IDENT})\s*(?P<call>\(\s*\))?\s*\[\s*(?P<index>\d{{1,6}})\s*\]"
    rf"|(?<=[\[(,=+:?&|!]\s*)\[(?P<items>{_BODY})\]\s*\[\s*(?P<at>\d{{1,6}})\s*\]",
    CASE,
)
_INLINE_HINT = compile_pattern(r"\]\s*\[\s*\d", CASE)
_DEFINE_HINT = compile_pattern(r"(?:=|\breturn)\s*\[", CASE)
_TOKEN = compile_pattern(rf"(?P<lit>{LIT})|(?P<num>{_NUMBER})|(?P<comma>,)", CASE)
_CHANGED = compile_pattern(
    rf"(?<![\w$.])(?P<name>{IDENT})\s*(?:\[[^\]\r\n]{{1,80}}\]\s*=(?![=>])|=(?![=>])"
    r"|\.\s*(?:push|pop|shift|unshift|splice|reverse|sort|fill|copyWithin)\b)",
    CASE,
)
Element = str | int | None


def elements(items: str) -> list[Element] | None:
    """Read the elements of an array body: strings, integers, or None for a hole."""
    slots: list[Element] = [None]
    for token in scan(_TOKEN, items):
        if token.group("comma") is not None:
            slots.append(None)
        elif token.group("lit") is not None:
            value = literal_value(token.group("lit"))
            if value is None:
                return None
            slots[-1] = value
        else:
            text = token.group("num")
            sign = -1 if text.startswith("-") else 1
            slots[-1] = sign * number(text.lstrip("-"))
    return slots


def _written(element: Element) -> str | None:
    if element is None:
        return None
    if isinstance(element, str):
        return quote(element)
    return str(element) if element >= 0 else f"({element})"


def _tables(text: str, opaque: Opaque, budget: Budget) -> tuple[dict[str, list[Element]], ...]:
    """Return the arrays held by variables and the arrays returned by functions."""
    variables: dict[str, list[Element]] = {}
    functions: dict[str, list[Element]] = {}
    for match in scan(_DEFINITION, text, budget):
        if opaque.inside(match.start()):
            continue
        found = elements(match.group("items") or match.group("fitems") or "")
        if found is not None and match.group("name"):
            variables[match.group("name")] = found
        elif found is not None and match.group("fname"):
            functions[match.group("fname")] = found
    if variables:
        changes = Counter(m.group("name") for m in scan(_CHANGED, text, budget))
        # The definition is one assignment; any other write makes the array unknown.
        variables = {name: found for name, found in variables.items() if changes[name] <= 1}
    return variables, functions


def _value(
    match: regex.Match[str],
    variables: dict[str, list[Element]],
    functions: dict[str, list[Element]],
) -> str | None:
    if match.group("items") is not None:
        found = elements(match.group("items"))
        index = int(match.group("at"))
    else:
        table = functions if match.group("call") else variables
        found = table.get(match.group("name"))
        index = int(match.group("index"))
    if found is None or index >= len(found):
        return None
    return _written(found[index])


def _arrays(text: str, budget: Budget) -> list[Decoded]:
    """Replace literal-index reads of constant arrays by the element they read."""
    if "[" not in text:
        return []
    defines = search(_DEFINE_HINT, text) is not None
    if not defines and search(_INLINE_HINT, text) is None:
        return []
    opaque = Opaque(text, budget)
    variables, functions = _tables(text, opaque, budget) if defines else ({}, {})
    if not variables and not functions and search(_INLINE_HINT, text) is None:
        return []
    edits: list[tuple[int, int, str]] = []
    for match in scan(_READ, text, budget):
        if opaque.inside(match.start()) or len(edits) >= MAX_EDITS:
            continue
        value = _value(match, variables, functions)
        if value is not None:
            edits.append((match.start(), match.end(), value))
    budget.check_time()
    if not edits:
        return []
    return [Decoded("js_array_constants", splice(text, edits), 0, len(text))]


PEELERS = {
    "js_array_constants": Peeler("js_array_constants", "rewrite", _arrays, JAVASCRIPT, weight=15),
}
