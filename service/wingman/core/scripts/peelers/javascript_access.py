"""JavaScript indirection: conditional compilation, property bags, bracket access, arithmetic.

These rewrites turn code that names things indirectly back into the plain spelling the rules
read: `/*@cc_on ... @*/` blocks JScript runs, `{k:'W'}.k` bags holding one character each,
`o["Run"](...)` written as `o.Run(...)`, and `(-409+409)/542` folded to `0`.
"""

from __future__ import annotations

from fractions import Fraction

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
from wingman.core.scripts.safe_regex import compile_pattern
from wingman.core.scripts.types import Budget, Decoded

_KEY = rf"(?:{IDENT}|{LIT}|\d{{1,9}})"
_CONDITION = r"\((?:[^()\r\n]|\([^()\r\n]{0,80}\)){0,200}\)"
_CC_ON = compile_pattern(
    rf"/\*@cc_on\b|/\*@if\s*{_CONDITION}|@(?:if|elif)\s*{_CONDITION}|@else\b|@end\s*@\*/|@end\b"
    r"|@\*/",
    CASE,
)
_BAG = compile_pattern(
    rf"\{{\s*(?P<pairs>{_KEY}\s*:\s*{LIT}(?:\s*,\s*{_KEY}\s*:\s*{LIT}){{0,31}})\s*,?\s*\}}"
    rf"\s*(?:\.\s*(?P<dot>{IDENT})|\[\s*(?P<sub>{LIT})\s*\])",
    CASE,
)
_PAIR = compile_pattern(rf"(?P<key>{_KEY})\s*:\s*(?P<value>{LIT})", CASE)
_BRACKET = compile_pattern(rf"(?<=[\w$)\]'\"`]\s*)\[\s*(?P<name>{LIT})\s*\]", CASE)
_IDENTIFIER = compile_pattern(rf"\A{IDENT}\Z", CASE)
_RESERVED = frozenset(
    [
        "break",
        "case",
        "catch",
        "class",
        "const",
        "continue",
        "debugger",
        "default",
        "delete",
        "do",
        "else",
        "export",
        "extends",
        "false",
        "finally",
        "for",
        "function",
        "if",
        "import",
        "in",
        "instanceof",
        "new",
        "null",
        "return",
        "super",
        "switch",
        "this",
        "throw",
        "true",
        "try",
        "typeof",
        "var",
        "void",
        "while",
        "with",
        "yield",
        "let",
        "static",
        "enum",
        "await",
    ]
)
_OPERAND = r"-?\s*(?:0[xX][0-9a-fA-F]{1,12}|\d{1,12})(?![\w$.])"
_ARITH = compile_pattern(
    rf"\(\s*(?P<paren>{_OPERAND}(?:\s*[-+*/%]\s*{_OPERAND}){{1,8}})\s*\)"
    rf"|(?<![\w$.)\]*/%]\s*)(?<![+\-]\s*[+\-]\s*)"
    rf"(?P<left>\d{{1,12}})\s*(?P<op>[*/%])\s*(?P<right>\d{{1,12}})(?![\w$.(\[]|\s*\*\*)",
    CASE,
)
_TOKEN = compile_pattern(r"0[xX][0-9a-fA-F]+|\d+|[-+*/%]", CASE)
# Folded values stay small: a bigger one is no obfuscated constant.
MAX_FOLDED = 1 << 53


def _cc_on(text: str, budget: Budget) -> list[Decoded]:
    """Remove the markers of JScript conditional compilation so its code reads as code."""
    if "/*@" not in text:
        return []
    opaque = Opaque(text, budget)
    edits = [
        (match.start(), match.end(), "")
        for match in scan(_CC_ON, text, budget)
        if not opaque.inside(match.start())
    ]
    if not any(text.startswith("/*@", start) for start, _, _ in edits):
        return []
    return [Decoded("js_cc_on", splice(text, edits[:MAX_EDITS]), 0, len(text))]


def _bag_value(match: regex.Match[str]) -> str | None:
    """Return the value a `{key: 'v', ...}.key` expression reads, or None when unclear."""
    wanted = match.group("dot") or literal_value(match.group("sub") or "''")
    value: str | None = None
    for pair in scan(_PAIR, match.group("pairs")):
        key = pair.group("key")
        name = literal_value(key) if key[0] in "'\"" else key
        if name == wanted:
            # A repeated key keeps its last value, as in an object literal.
            value = literal_value(pair.group("value"))
    return value


def _bags(text: str, budget: Budget) -> list[Decoded]:
    """Replace one-use object literals read at once (`{a:'x'}.a`) by the value they hold."""
    if "{" not in text or ":" not in text:
        return []
    opaque = Opaque(text, budget)
    edits: list[tuple[int, int, str]] = []
    for match in scan(_BAG, text, budget):
        if opaque.inside(match.start()) or len(edits) >= MAX_EDITS:
            continue
        value = _bag_value(match)
        if value is not None:
            edits.append((match.start(), match.end(), quote(value)))
    budget.check_time()
    if not edits:
        return []
    return [Decoded("js_property_bag", splice(text, edits), 0, len(text))]


def _brackets(text: str, budget: Budget) -> list[Decoded]:
    """Write `o["Name"]` as `o.Name` where the name is an identifier."""
    if "[" not in text:
        return []
    opaque = Opaque(text, budget)
    edits: list[tuple[int, int, str]] = []
    for match in scan(_BRACKET, text, budget):
        if opaque.inside(match.start()) or len(edits) >= MAX_EDITS:
            continue
        name = literal_value(match.group("name"))
        if name and name not in _RESERVED and _IDENTIFIER.match(name) and name.isascii():
            edits.append((match.start(), match.end(), "." + name))
    budget.check_time()
    if not edits:
        return []
    return [Decoded("js_bracket_access", splice(text, edits), 0, len(text))]


def _evaluate(expression: str) -> int | None:
    """Compute integer arithmetic of literals with JavaScript precedence; None unless exact."""
    tokens = [token.group() for token in scan(_TOKEN, expression)]
    terms: list[Fraction] = []
    ops: list[str] = []
    sign = 1
    for token in tokens:
        if token in "+-" and (not terms or len(ops) == len(terms)):
            sign = -sign if token == "-" else sign
            continue
        if token in "+-*/%":
            ops.append(token)
            continue
        value = Fraction(sign * number(token))
        sign = 1
        if ops and ops[-1] in "*/%" and terms:
            product = _product(terms.pop(), ops.pop(), value)
            if product is None:
                return None
            value = product
        terms.append(value)
    total = terms[0] if terms else None
    for op, term in zip(ops, terms[1:], strict=False):
        total = None if total is None else total + term if op == "+" else total - term
    if total is None or total.denominator != 1 or abs(total) > MAX_FOLDED:
        return None
    return int(total)


def _product(left: Fraction, op: str, right: Fraction) -> Fraction | None:
    if op == "*":
        return left * right
    if right == 0:
        return None
    if op == "/":
        return left / right
    # JavaScript's remainder takes the sign of the dividend.
    remainder = abs(left) % abs(right)
    return remainder if left >= 0 else -remainder


def _arith(text: str, budget: Budget) -> list[Decoded]:
    """Fold integer arithmetic of literals, `(-409+409)/542` becoming `0`."""
    if not any(operator in text for operator in "(*/%"):
        return []
    opaque = Opaque(text, budget)
    edits: list[tuple[int, int, str]] = []
    for match in scan(_ARITH, text, budget):
        if opaque.inside(match.start()) or len(edits) >= MAX_EDITS:
            continue
        expression = match.group("paren") or match.group()
        value = _evaluate(expression)
        if value is None:
            continue
        written = str(value) if value >= 0 else f"({value})"
        if match.group("paren") is not None and not _standalone(text, match):
            written = f"({value})"
        edits.append((match.start(), match.end(), written))
    budget.check_time()
    if not edits:
        return []
    return [Decoded("js_arithmetic", splice(text, edits), 0, len(text))]


def _standalone(text: str, match: regex.Match[str]) -> bool:
    """Tell whether parentheses group a value rather than hold a call's arguments."""
    index = match.start() - 1
    while index >= 0 and text[index] in " \t":
        index -= 1
    return index < 0 or not (text[index].isalnum() or text[index] in "_$)]")


PEELERS = {
    "js_cc_on": Peeler("js_cc_on", "rewrite", _cc_on, JAVASCRIPT, weight=15),
    "js_property_bag": Peeler("js_property_bag", "rewrite", _bags, JAVASCRIPT, weight=25),
    "js_arithmetic": Peeler("js_arithmetic", "rewrite", _arith, JAVASCRIPT, weight=10),
    "js_bracket_access": Peeler("js_bracket_access", "rewrite", _brackets, JAVASCRIPT, weight=3),
}
