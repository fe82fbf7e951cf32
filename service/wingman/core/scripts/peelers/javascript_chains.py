"""JavaScript `+` chains: String.fromCharCode(...) calls and string literals joined into one."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.peelers.javascript_syntax import (
    CASE,
    JAVASCRIPT,
    LIT,
    MAX_EDITS,
    NUM,
    Opaque,
    join_units,
    literal_value,
    quote,
    scan,
    splice,
)
from wingman.core.scripts.safe_regex import compile_pattern
from wingman.core.scripts.types import Budget, Decoded

_NUMS = rf"(?:{NUM}(?:\s*,\s*{NUM})*\s*,?)?"
_THIS = r"(?:null|undefined|this|String)"
_CALL = (
    rf"String\s*\.\s*from(?:CharCode|CodePoint)\s*(?:\(\s*{_NUMS}\s*\)"
    rf"|\.\s*apply\s*\(\s*{_THIS}\s*,\s*\[\s*{_NUMS}\s*\]\s*\))"
)
_CHAIN = compile_pattern(rf"(?:{LIT}|{_CALL})(?:\s*\+\s*(?:{LIT}|{_CALL}))*", CASE)
_ITEM = compile_pattern(rf"(?P<lit>{LIT})|(?P<call>{_CALL})", CASE)
_NUMBER = compile_pattern(NUM, CASE)
_BREAKS_BEFORE = frozenset("-*/%.!~")
_BINDS_AFTER = frozenset(".[(`*/%")
_UNARY_WORDS = frozenset({"typeof", "void", "delete", "new"})


@dataclass(frozen=True, slots=True)
class _Item:
    start: int
    end: int
    value: str
    is_call: bool


def number(token: str) -> int:
    """Read a JavaScript integer literal: 0x, 0o, 0b and legacy 017 octal included."""
    if token[:2].lower() in ("0x", "0o", "0b"):
        return int(token, 0)
    if len(token) > 1 and token.startswith("0") and all(digit in "01234567" for digit in token):
        return int(token, 8)
    return int(token, 10)


def _call_value(call: str) -> str | None:
    codes = [number(found.group()) for found in scan(_NUMBER, call.partition("(")[2])]
    if "CodePoint" in call.partition("(")[0]:
        return None if any(code > 0x10FFFF for code in codes) else "".join(map(chr, codes))
    return join_units("".join(chr(code & 0xFFFF) for code in codes))


def _items(chain: regex.Match[str]) -> list[_Item] | None:
    items: list[_Item] = []
    for found in scan(_ITEM, chain.group()):
        literal = found.group("lit")
        value = literal_value(literal) if literal is not None else _call_value(found.group())
        if value is None:
            return None
        start = chain.start() + found.start()
        items.append(_Item(start, start + len(found.group()), value, literal is None))
    return items


def _free_before(text: str, start: int) -> bool:
    """Tell whether what precedes a chain binds looser than `+` (so joining keeps the value)."""
    index = start - 1
    while index >= 0 and text[index].isspace():
        index -= 1
    if index < 0:
        return True
    char = text[index]
    if char == "+":
        return _binary_plus(text, index)
    if char.isalnum() or char in "_$":
        end = index + 1
        while index >= 0 and (text[index].isalnum() or text[index] in "_$"):
            index -= 1
        return text[index + 1 : end] not in _UNARY_WORDS
    return char not in _BREAKS_BEFORE


def _binary_plus(text: str, plus: int) -> bool:
    index = plus - 1
    if index >= 0 and text[index] == "+":
        return False
    while index >= 0 and text[index].isspace():
        index -= 1
    return index >= 0 and (text[index].isalnum() or text[index] in "_$)]'\"`")


def _free_after(text: str, end: int) -> bool:
    """Tell whether what follows a chain binds looser than `+`."""
    index = end
    while index < len(text) and text[index].isspace():
        index += 1
    ahead = text[index : index + 3]
    if ahead[:2] in ("//", "/*"):
        return True
    if ahead[:2] == "?." and not ahead[2:].isdigit():
        return False
    return not ahead or ahead[0] not in _BINDS_AFTER


def _edits(text: str, chain: regex.Match[str], calls: bool) -> list[tuple[int, int, str]]:
    """Return the replacements for one chain: joined when safe, else call by call."""
    items = _items(chain)
    if not items or any(item.is_call for item in items) != calls:
        return []
    joinable = _free_before(text, chain.start()) and _free_after(text, chain.end())
    if joinable and (calls or len(items) > 1):
        return [(chain.start(), chain.end(), quote("".join(item.value for item in items)))]
    return [(item.start, item.end, quote(item.value)) for item in items if item.is_call]


def _chain_rewriter(technique: str, calls: bool, *, weight: int) -> Peeler:
    def run(text: str, budget: Budget) -> list[Decoded]:
        needle = "fromC" if calls else "+"
        if needle not in text:
            return []
        opaque = Opaque(text, budget)
        edits: list[tuple[int, int, str]] = []
        for chain in scan(_CHAIN, text, budget):
            # Most chains are one plain literal: nothing to join, no call to resolve.
            if (needle not in chain.group()) or opaque.inside(chain.start()):
                continue
            budget.check_time()
            if len(edits) < MAX_EDITS:
                edits += _edits(text, chain, calls)
        if not edits:
            return []
        return [Decoded(technique, splice(text, edits), 0, len(text))]

    return Peeler(technique, "rewrite", run, JAVASCRIPT, weight=weight)


PEELERS = {
    "js_fromcharcode": _chain_rewriter("js_fromcharcode", calls=True, weight=15),
    "js_concat": _chain_rewriter("js_concat", calls=False, weight=5),
}


def join_literals(text: str, budget: Budget) -> str:
    """Join the `'a' + 'b'` chains of a text (what js_concat does), or return it unchanged."""
    joined = PEELERS["js_concat"].run(text, budget)
    return joined[0].content if joined else text
