"""JavaScript string constants: names given one literal once, put back where they are joined.

Droppers scatter the words they need over dozens of variables (`a = "WSc"; b = "ript"`) and
glue them together far away (`a + b`). A name assigned exactly once, to a string literal, and
never written again, is replaced by its literal wherever it stands next to a `+`, so the
concatenation peeler can join the pieces.
"""

from __future__ import annotations

from collections import Counter

import regex

from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.peelers.javascript_syntax import (
    CASE,
    IDENT,
    JAVASCRIPT,
    LIT,
    MAX_EDITS,
    Opaque,
    scan,
    splice,
)
from wingman.core.scripts.safe_regex import compile_pattern
from wingman.core.scripts.types import Budget, Decoded

# `name = "literal"` ending the statement or the declarator (`, next = ...`).
# Every write of a name in one pass: `name = "literal"` (the statement or declarator ends
# there), any other plain or compound assignment, and increments.
_WRITE = compile_pattern(
    rf"(?<![\w$.])(?P<name>{IDENT})\s*(?:=(?![=>])(?:\s*(?P<lit>{LIT})\s*(?=[;,\r\n}})]|$))?"
    rf"|[-+*/%&|^]=|\+\+|--)|(?:\+\+|--)\s*(?P<pre>{IDENT})",
    CASE,
)
# A name read as an operand of `+` (before or after one).
_USE = compile_pattern(
    rf"(?<=\+\s*)(?P<after>{IDENT})(?![\w$]|\s*[(\[.=:]|\s*\+\+)"
    rf"|(?<![\w$.]|\+\+\s*)(?P<before>{IDENT})(?=\s*\+(?![+=])"
    r"|\s*\.\s*(?:charAt|substr|substring|slice|split|replace|toLowerCase|toUpperCase)\s*\()",
    CASE,
)
_KEYWORDS = frozenset(
    [
        "var",
        "let",
        "const",
        "new",
        "typeof",
        "void",
        "delete",
        "return",
        "in",
        "of",
        "instanceof",
        "this",
        "null",
        "true",
        "false",
        "undefined",
        "function",
        "if",
        "else",
        "for",
        "while",
        "do",
    ]
)
# Inlining copies text; past this growth the rewrite is no simplification.
MAX_GROWTH = 2


def constants_of(text: str, opaque: Opaque, budget: Budget) -> dict[str, str]:
    """Return the names assigned once to a string literal and written nowhere else."""
    literals: dict[str, str] = {}
    writes: Counter[str] = Counter()
    for match in scan(_WRITE, text, budget):
        if opaque.inside(match.start()):
            continue
        name = match.group("name") or match.group("pre")
        writes[name] += 1
        if match.group("lit") is not None:
            literals[name] = match.group("lit")
    return {
        name: literal
        for name, literal in literals.items()
        if writes[name] == 1 and name not in _KEYWORDS
    }


def _inline(text: str, budget: Budget) -> list[Decoded]:
    """Replace single-assignment string constants by their literal where `+` joins them."""
    if "=" not in text or ("+" not in text and "." not in text):
        return []
    opaque = Opaque(text, budget)
    constants = constants_of(text, opaque, budget)
    if not constants:
        return []
    edits: list[tuple[int, int, str]] = []
    growth = 0
    for match in scan(_USE, text, budget):
        name = match.group("after") or match.group("before")
        literal = constants.get(name)
        if literal is None or opaque.inside(match.start()) or len(edits) >= MAX_EDITS:
            continue
        growth += len(literal) - len(name)
        if growth > MAX_GROWTH * len(text):
            break
        edits.append((match.start(), match.end(), literal))
    budget.check_time()
    if not edits:
        return []
    return [Decoded("js_constants", splice(text, edits), 0, len(text))]


_RETURNS = compile_pattern(
    rf"\bfunction\s+(?P<name>{IDENT})\s*\(\s*\)\s*\{{\s*(?:(?:var|let|const)\s+(?P<var>{IDENT})\s*="
    rf"\s*(?P<held>{LIT})\s*;?\s*return\s+(?P=var)|return\s+(?P<lit>{LIT}))\s*;?\s*\}}",
    CASE,
)
_CALL = compile_pattern(
    rf"(?<![\w$.])(?P<name>{IDENT})\s*\(\s*\)"
    rf"|\(\s*function\s*(?:{IDENT})?\s*\(\s*\)\s*\{{\s*return\s+(?P<lit>{LIT})\s*;?\s*\}}\s*\)"
    r"\s*\(\s*\)",
    CASE,
)
_DEFINED = compile_pattern(rf"\bfunction\s+(?P<name>{IDENT})\s*\(", CASE)


def _calls(text: str, budget: Budget) -> list[Decoded]:
    """Replace calls of functions that only return one string literal by that literal."""
    if "return" not in text:
        return []
    opaque = Opaque(text, budget)
    returns: dict[str, str] = {}
    for match in scan(_RETURNS, text, budget):
        if not opaque.inside(match.start()):
            returns[match.group("name")] = match.group("lit") or match.group("held")
    if not returns and "(function" not in text:
        return []
    # A name defined twice may return something else when called.
    defined = Counter(match.group("name") for match in scan(_DEFINED, text, budget))
    edits: list[tuple[int, int, str]] = []
    for match in scan(_CALL, text, budget):
        if match.group("lit") is not None:
            # An immediately invoked function that only returns a literal is that literal.
            if not opaque.inside(match.start()) and len(edits) < MAX_EDITS:
                edits.append((match.start(), match.end(), match.group("lit")))
            continue
        literal = returns.get(match.group("name"))
        if literal is None or defined[match.group("name")] != 1 or opaque.inside(match.start()):
            continue
        if len(edits) < MAX_EDITS and not _is_definition(text, match.start()):
            edits.append((match.start(), match.end(), literal))
    budget.check_time()
    if not edits:
        return []
    return [Decoded("js_constant_calls", splice(text, edits), 0, len(text))]


_IDENTITY = compile_pattern(
    rf"\bfunction\s+(?P<name>{IDENT})\s*\(\s*(?P<p>{IDENT})\s*\)\s*\{{"
    rf"(?:\s*(?:var|let|const)\s+{IDENT}\s*=\s*(?:{LIT}|\d{{1,12}})\s*;)?"
    rf"\s*return\s*\(?\s*(?:(?:''|\"\")\s*\+\s*)?(?P=p)(?:\s*\+\s*(?:''|\"\"))?\s*\)?\s*;?\s*\}}",
    CASE,
)
_ARGUMENT = rf"(?:{LIT}|{IDENT}|\d{{1,12}})"


def _identities(text: str, budget: Budget) -> list[Decoded]:
    """Replace calls of functions that hand back their argument (`f(x)` is `x`) by the argument."""
    if "return" not in text:
        return []
    opaque = Opaque(text, budget)
    names = {m.group("name") for m in scan(_IDENTITY, text, budget) if not opaque.inside(m.start())}
    if not names:
        return []
    defined = Counter(match.group("name") for match in scan(_DEFINED, text, budget))
    calls = "|".join(regex.escape(name) for name in sorted(names) if defined[name] == 1)
    if not calls:
        return []
    pattern = compile_pattern(rf"(?<![\w$.])(?:{calls})\s*\(\s*(?P<arg>{_ARGUMENT})\s*\)", CASE)
    edits: list[tuple[int, int, str]] = []
    for match in scan(pattern, text, budget):
        inside = opaque.inside(match.start()) or _is_definition(text, match.start())
        if not inside and len(edits) < MAX_EDITS:
            edits.append((match.start(), match.end(), match.group("arg")))
    budget.check_time()
    if not edits:
        return []
    return [Decoded("js_identity_calls", splice(text, edits), 0, len(text))]


def _is_definition(text: str, start: int) -> bool:
    return text[max(0, start - 12) : start].rstrip().endswith("function")


PEELERS = {
    "js_constants": Peeler("js_constants", "rewrite", _inline, JAVASCRIPT, weight=3),
    "js_constant_calls": Peeler("js_constant_calls", "rewrite", _calls, JAVASCRIPT, weight=15),
    "js_identity_calls": Peeler("js_identity_calls", "rewrite", _identities, JAVASCRIPT, weight=15),
}
