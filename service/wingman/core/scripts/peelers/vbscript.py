"""VBScript peelers: Chr() chains, StrReverse, Replace, literal concatenation and Execute."""

from __future__ import annotations

from collections.abc import Callable

import regex

from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.peelers.vbscript_decoders import decoder_loops
from wingman.core.scripts.peelers.vbscript_encoded import encoded_scripts
from wingman.core.scripts.peelers.vbscript_syntax import (
    CHAIN,
    CHR,
    MAX_HITS,
    VBSCRIPT,
    Opaque,
    chain_value,
    expression,
    free_after,
    free_before,
    scan,
)
from wingman.core.scripts.safe_regex import compile_pattern
from wingman.core.scripts.types import Budget, Decoded, Lang

_CHAIN = compile_pattern(CHAIN)
_STRREVERSE = compile_pattern(rf"(?<![\w.])strreverse\s*\(\s*(?P<arg>{CHAIN})\s*\)")
_COMPARE = r"[01]|vbBinaryCompare|vbTextCompare"
_REPLACE = compile_pattern(
    rf"(?<![\w.])replace\s*\(\s*(?P<s>{CHAIN})\s*,\s*(?P<find>{CHAIN})\s*,\s*(?P<with>{CHAIN})"
    rf"(?:\s*,\s*(?P<start>\d{{1,9}})(?:\s*,\s*(?P<count>-?\d{{1,9}})"
    rf"(?:\s*,\s*(?P<compare>{_COMPARE}))?)?)?\s*\)"
)
_EXECUTE = compile_pattern(
    rf"(?<![\w.])(?:executeglobal|execute|eval)\b[ \t]*(?:\([ \t]*(?P<paren>{CHAIN})[ \t]*\)"
    rf"|(?P<bare>{CHAIN}))"
)
Edit = tuple[int, int, str]
Resolve = Callable[[str, regex.Match[str]], list[Edit]]
_ONE_CHR = compile_pattern(CHR)


def _replacement(text: str, match: regex.Match[str], value: str) -> list[Edit]:
    """Write a value in place of a match, in parentheses when several items need them."""
    written = expression(value)
    if " & " in written and not (
        free_before(text, match.start()) and free_after(text, match.end())
    ):
        written = f"({written})"
    return [(match.start(), match.end(), written)]


def _chr_chain(text: str, match: regex.Match[str]) -> list[Edit]:
    """Join a chain holding Chr() calls; where its neighbours bind tighter, only the calls."""
    chain = chain_value(match.group(), chars=True)
    if chain is None or chain.calls == 0:
        return []
    if free_before(text, match.start()) and free_after(text, match.end()):
        return _replacement(text, match, chain.value)
    edits: list[Edit] = []
    for call in scan(_ONE_CHR, match.group()):
        single = chain_value(call.group(), chars=True)
        if single is not None:
            start = match.start() + call.start()
            edits.append((start, start + len(call.group()), expression(single.value)))
    return edits


def _concat(text: str, match: regex.Match[str]) -> list[Edit]:
    chain = chain_value(match.group(), chars=False)
    if chain is None or chain.items < 2:
        return []
    shorter = chain_value(expression(chain.value), chars=True)
    if shorter is None or shorter.items >= chain.items:
        return []
    if not (free_before(text, match.start()) and free_after(text, match.end())):
        return []
    return _replacement(text, match, chain.value)


def _literal(chain: str) -> str | None:
    resolved = chain_value(chain, chars=False)
    return None if resolved is None else resolved.value


def _strreverse(text: str, match: regex.Match[str]) -> list[Edit]:
    value = _literal(match.group("arg"))
    return [] if value is None else _replacement(text, match, value[::-1])


def _replace(text: str, match: regex.Match[str]) -> list[Edit]:
    values = [_literal(match.group(name)) for name in ("s", "find", "with")]
    if any(value is None for value in values):
        return []
    source, find, replacement = (value or "" for value in values)
    start = int(match.group("start") or "1")
    count = int(match.group("count") or "-1")
    text_compare = (match.group("compare") or "0").lower() in ("1", "vbtextcompare")
    if start < 1:
        return []
    result = _replaced(source[start - 1 :], find, replacement, count, fold=text_compare)
    return [] if result is None else _replacement(text, match, result)


def _replaced(source: str, find: str, replacement: str, count: int, *, fold: bool) -> str | None:
    """Replace like VBScript's Replace; None where case folding would change lengths."""
    if not find or count == 0:
        return source
    haystack, needle = (source.lower(), find.lower()) if fold else (source, find)
    if len(haystack) != len(source) or len(needle) != len(find):
        return None
    parts: list[str] = []
    last = 0
    found = haystack.find(needle)
    while found >= 0 and count != 0:
        parts += [source[last:found], replacement]
        last = found + len(find)
        count -= 1
        found = haystack.find(needle, last)
    return "".join([*parts, source[last:]])


def _rewriter(
    technique: str, pattern: regex.Pattern[str], resolve: Resolve, hint: str, *, weight: int
) -> Peeler:
    def run(text: str, budget: Budget) -> list[Decoded]:
        if hint not in text.lower():
            return []
        opaque = Opaque(text, budget)
        edits: list[Edit] = []
        for match in scan(pattern, text, budget):
            budget.check_time()
            if opaque.inside(match.start()) or len(edits) >= MAX_HITS:
                continue
            edits += [edit for edit in resolve(text, match) if edit[2] != text[edit[0] : edit[1]]]
        if not edits:
            return []
        parts: list[str] = []
        last = 0
        for start, end, value in edits:
            parts += [text[last:start], value]
            last = end
        return [Decoded(technique, "".join([*parts, text[last:]]), 0, len(text))]

    return Peeler(technique, "rewrite", run, VBSCRIPT, weight=weight)


def _execute(text: str, budget: Budget) -> list[Decoded]:
    """Unwrap Execute, ExecuteGlobal and Eval of a literal (newline constants allowed)."""
    opaque = Opaque(text, budget)
    found: list[Decoded] = []
    for match in scan(_EXECUTE, text, budget):
        budget.check_time()
        if opaque.inside(match.start()) or len(found) >= MAX_HITS:
            continue
        chain = chain_value(match.group("paren") or match.group("bare"), chars=False)
        # Literals still written side by side are vbs_concat's layer first.
        if chain is not None and chain.adjacent == 0 and chain.value.strip():
            found.append(Decoded("vbs_execute", chain.value, *match.span(), Lang.VBSCRIPT))
    return found


PEELERS = {
    "vbs_chr": _rewriter("vbs_chr", _CHAIN, _chr_chain, "chr", weight=10),
    "vbs_strreverse": _rewriter(
        "vbs_strreverse", _STRREVERSE, _strreverse, "strreverse", weight=20
    ),
    "vbs_replace": _rewriter("vbs_replace", _REPLACE, _replace, "replace", weight=8),
    "vbs_concat": _rewriter("vbs_concat", _CHAIN, _concat, '"', weight=3),
    "vbs_execute": Peeler("vbs_execute", "extract", _execute, VBSCRIPT, weight=15),
    "vbs_decoder_loop": Peeler("vbs_decoder_loop", "extract", decoder_loops, VBSCRIPT, weight=25),
    "vbs_script_encoder": Peeler(
        "vbs_script_encoder",
        "extract",
        lambda text, budget: encoded_scripts(text, budget, Lang.VBSCRIPT, "vbs_script_encoder"),
        VBSCRIPT,
        weight=20,
    ),
}
