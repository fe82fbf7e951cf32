"""JavaScript replace-all helpers: `function r(s, a, b) { return s.split(a).join(b); }` inlined.

Droppers route every string through such a helper, often nested
(`r(r(code, sep, "%"), "?", "e")`). A call whose three arguments are literals, or names given
one literal once, is replaced by the result; nested calls resolve from the inside out.
"""

from __future__ import annotations

import regex

from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.peelers.javascript_constants import constants_of
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

_DEFINITION = compile_pattern(
    rf"\bfunction\s+(?P<name>{IDENT})\s*\(\s*(?P<s>{IDENT})\s*,\s*(?P<a>{IDENT})\s*,\s*(?P<b>{IDENT})\s*\)"
    r"\s*\{\s*return\s+(?P=s)\s*\.\s*split\s*\(\s*(?P=a)\s*\)\s*\.\s*join\s*\(\s*(?P=b)\s*\)"
    r"\s*;?\s*\}",
    CASE,
)
_ARGUMENT = rf"(?:{LIT}|{IDENT})"
MAX_HELPERS = 8


def _call_pattern(names: list[str]) -> regex.Pattern[str]:
    alternatives = "|".join(regex.escape(name) for name in names)
    return compile_pattern(
        rf"(?<![\w$.])(?:{alternatives})\s*\(\s*(?P<s>{_ARGUMENT})\s*,\s*(?P<a>{_ARGUMENT})\s*,"
        rf"\s*(?P<b>{_ARGUMENT})\s*\)",
        CASE,
    )


def _argument(token: str, constants: dict[str, str]) -> str | None:
    literal = token if token[0] in "'\"" else constants.get(token)
    return None if literal is None else literal_value(literal)


def replace_helpers(text: str, budget: Budget) -> list[Decoded]:
    """Inline calls of three-argument split/join (replace-all) helpers."""
    if "split" not in text or "join" not in text:
        return []
    names = sorted({match.group("name") for match in scan(_DEFINITION, text, budget)})
    if not names:
        return []
    opaque = Opaque(text, budget)
    constants = constants_of(text, opaque, budget)
    edits: list[tuple[int, int, str]] = []
    for match in scan(_call_pattern(names[:MAX_HELPERS]), text, budget):
        if opaque.inside(match.start()) or len(edits) >= MAX_EDITS:
            continue
        source, find, glue = (_argument(match.group(part), constants) for part in "sab")
        if source is None or find is None or glue is None:
            continue
        value = source.replace(find, glue) if find else glue.join(source)
        edits.append((match.start(), match.end(), quote(value)))
    budget.check_time()
    if not edits:
        return []
    return [Decoded("js_replace_helper", splice(text, edits), 0, len(text))]


PEELERS = {
    "js_replace_helper": Peeler(
        "js_replace_helper", "rewrite", replace_helpers, JAVASCRIPT, weight=25
    ),
}
