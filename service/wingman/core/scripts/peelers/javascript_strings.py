"""JavaScript string transforms on literals: split/join, replace, slices, decoder helpers, arrays.

Droppers hide code as `"f?u?n?c".split("?").join("")`, behind one-line helpers that do the same
(`function d(s){return s.split(",").join("")}`, `String.prototype.x = function(){...}`), or as
arrays of single characters. Each is undone here when every operand is a literal.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from wingman.core.scripts.peelers import Peeler
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
from wingman.core.scripts.peelers.javascript_uri import unescape_text
from wingman.core.scripts.safe_regex import SEARCH_TIMEOUT_S, compile_pattern, search
from wingman.core.scripts.types import Budget, Decoded, Lang

_REGEX_LIT = (
    r"/(?P<re>(?:[^/\\\[\r\n*]|\\[^\r\n])(?:[^/\\\[\r\n]|\\[^\r\n]){0,200})"
    r"/(?P<flags>[gimsuy]{0,6})"
)
_SPLIT = rf"\.\s*split\s*\(\s*(?P<sep>{LIT})\s*\)"
_JOIN = rf"\.\s*join\s*\(\s*(?P<glue>{LIT})\s*\)"
_REVERSE = r"(?P<reverse>\.\s*reverse\s*\(\s*\))?"
_INT = r"\d{1,9}"
# What may follow a string literal: split/join, replace, a slice, an index or a case change.
_TRANSFORM = compile_pattern(
    rf"\s*(?:{_SPLIT}\s*{_REVERSE}\s*{_JOIN}"
    rf"|\.\s*replace\s*\(\s*(?:{_REGEX_LIT}|(?P<find>{LIT}))\s*,\s*(?P<with>{LIT})\s*\)"
    rf"|\.\s*(?P<method>charAt|substr|substring|slice)\s*\(\s*(?P<a>{_INT})\s*"
    rf"(?:,\s*(?P<b>{_INT})\s*)?\)|\[\s*(?P<at>{_INT})\s*\]"
    r"|\.\s*(?P<case>toLowerCase|toUpperCase)\s*\(\s*\))",
    CASE,
)
# A helper: a function of one parameter whose body splits it and joins the pieces back.
_HELPER = compile_pattern(
    rf"(?:function\s+(?P<fname>{IDENT})\s*\(\s*(?P<fp>{IDENT})\s*\)\s*\{{"
    rf"|(?<![\w$.])(?:var\s+)?(?P<vname>{IDENT})\s*=\s*function\s*(?:{IDENT})?\s*\(\s*(?P<vp>{IDENT})\s*\)\s*\{{"
    rf"|String\s*\.\s*prototype\s*(?:\.\s*(?P<mname>{IDENT})|\[\s*(?P<mlit>{LIT})\s*\])\s*=\s*"
    rf"function\s*(?:{IDENT})?\s*\(\s*\)\s*\{{"
    rf"|(?<![\w$.])(?:var\s+)?(?P<nname>{IDENT})\s*=\s*new\s+Function\s*\(\s*(?P<np>{LIT})\s*,\s*(?P<nq>['\"]))"
    r"(?P<body>[\s\S]{0,600}?)(?:\}\s*;?\s*(?P=nq)\s*\)|\}\s*;?\s*$|\}\s*;)",
    CASE,
)
_BODY_SPLIT = compile_pattern(rf"(?<![\w$])(?P<target>{IDENT})\s*{_SPLIT}", CASE)
_BODY_JOIN = compile_pattern(rf"{_REVERSE}\s*{_JOIN}", CASE)
_BODY_DECODE = compile_pattern(
    rf"^\s*return\s*\(?\s*(?P<fn>unescape|decodeURIComponent|decodeURI)\s*\(\s*(?P<arg>{IDENT})"
    r"\s*\)\s*\)?\s*;?\s*$",
    CASE,
)
_CHAR = r"(?:'(?:[^'\\\r\n]|\\.){1,12}'|\"(?:[^\"\\\r\n]|\\.){1,12}\")"
_GAP = r"\s*(?:/\*[^*]{0,40}\*/\s*)?"
# Arrays of one-to-twelve-character pieces; the closing bracket is optional, so a script cut
# short still shows its code.
_CHARS = compile_pattern(
    rf"\[{_GAP}(?P<items>(?:{_CHAR}{_GAP},{_GAP}){{15,}}+{_CHAR}?)\s*\]?"
    r"(?P<after>\s*(?:\.\s*|\[\s*['\"])reverse)?",
    CASE,
)
_CHAR_ITEM = compile_pattern(_CHAR, CASE)
MIN_CHAR_ARRAY = 16
_CODE_WORDS = ("var ", "let ", "const ", "function", "return", "eval", "new ", "this.")
MAX_HELPERS = 16


@dataclass(frozen=True, slots=True)
class _Helper:
    """How a helper rebuilds its argument: split on `sep`, maybe reverse, join with `glue`;
    or, when `decoder` names one, percent-decode it as unescape / decodeURIComponent do."""

    sep: str
    glue: str
    reverse: bool
    method: bool
    decoder: str | None = None

    def apply(self, value: str) -> str | None:
        if self.decoder is not None:
            return unescape_text(value, self.decoder)
        return _split_join(value, self.sep, self.glue, self.reverse)


def _split_join(value: str, sep: str, glue: str, reverse: bool) -> str:
    pieces = list(value) if sep == "" else value.split(sep)
    return glue.join(reversed(pieces) if reverse else pieces)


def _replace(value: str, match: regex.Match[str]) -> str | None:
    replacement = literal_value(match.group("with"))
    if replacement is None or "$" in replacement:
        return None
    if match.group("find") is not None:
        find = literal_value(match.group("find"))
        return None if find is None else value.replace(find, replacement, 1)
    pattern, flags = match.group("re"), match.group("flags")
    # Only a plain word of text: anything with regex syntax is left to a reader.
    if regex.fullmatch(r"[\w ,;:#@!%&=~-]{1,200}", pattern) is None or set(flags) - set("gi"):
        return None
    count = 0 if "g" in flags else 1
    return regex.sub(
        regex.escape(pattern),
        lambda _: replacement,
        value,
        count=count,
        flags=regex.IGNORECASE if "i" in flags else 0,
    )


def _slice(value: str, match: regex.Match[str]) -> str | None:
    """Apply charAt / substr / substring / slice / [n] with literal positions."""
    if match.group("at") is not None:
        index = int(match.group("at"))
        return value[index] if index < len(value) else None
    method, start = match.group("method"), int(match.group("a"))
    end = None if match.group("b") is None else int(match.group("b"))
    if method == "charAt":
        return value[start : start + 1]
    if method == "substr":
        return value[start:] if end is None else value[start : start + end]
    if method == "substring" and end is not None and end < start:
        start, end = end, start
    return value[start:end]


def _transform(literal: str, match: regex.Match[str]) -> str | None:
    value = literal_value(literal)
    if value is None:
        return None
    if match.group("case") is not None:
        return value.lower() if match.group("case") == "toLowerCase" else value.upper()
    if match.group("method") is not None or match.group("at") is not None:
        return _slice(value, match)
    if match.group("sep") is not None:
        sep, glue = literal_value(match.group("sep")), literal_value(match.group("glue"))
        if sep is None or glue is None:
            return None
        return _split_join(value, sep, glue, match.group("reverse") is not None)
    return _replace(value, match)


def _transforms(text: str, budget: Budget) -> list[Decoded]:
    """Resolve `'...'.split(a).join(b)` and `'...'.replace(x, y)` on literals."""
    edits: list[tuple[int, int, str]] = []
    # Only literals the lexer found can start a match, so no search restarts inside one.
    for start, end in Opaque(text, budget).strings(text):
        match = _TRANSFORM.match(text, end, timeout=SEARCH_TIMEOUT_S)
        if match is None or len(edits) >= MAX_EDITS:
            continue
        value = _transform(text[start:end], match)
        if value is not None:
            edits.append((start, match.end(), quote(value)))
    budget.check_time()
    if not edits:
        return []
    return [Decoded("js_split_join", splice(text, edits), 0, len(text))]


def _helper(match: regex.Match[str]) -> tuple[str, _Helper] | None:
    """Read one helper definition: its name and how it rebuilds its argument."""
    body = match.group("body")
    method = match.group("mname") is not None or match.group("mlit") is not None
    name = match.group("fname") or match.group("vname") or match.group("nname")
    param = match.group("fp") or match.group("vp") or literal_value(match.group("np") or "''")
    if method:
        name, param = match.group("mname") or literal_value(match.group("mlit")), "this"
    decoder = search(_BODY_DECODE, body)
    if name and decoder is not None and decoder.group("arg") == param:
        return name, _Helper("", "", False, method, decoder.group("fn"))
    splits = list(scan(_BODY_SPLIT, body))
    joins = list(scan(_BODY_JOIN, body))
    if not name or len(splits) != 1 or len(joins) != 1 or splits[0].group("target") != param:
        return None
    sep, glue = literal_value(splits[0].group("sep")), literal_value(joins[0].group("glue"))
    if sep is None or glue is None:
        return None
    reverse = joins[0].group("reverse") is not None
    return name, _Helper(sep, glue, reverse, method)


def _call_pattern(names: list[str], methods: list[str]) -> regex.Pattern[str]:
    calls = "|".join(regex.escape(name) for name in names) or "(?!)"
    members = "|".join(regex.escape(name) for name in methods) or "(?!)"
    return compile_pattern(
        rf"(?<![\w$.])(?P<name>{calls})\s*\(\s*(?P<arg>{LIT})\s*\)"
        rf"|(?P<lit>{LIT})\s*(?:\.\s*(?P<method>{members})|\[\s*['\"](?P<mlit>{members})['\"]\s*\])"
        r"\s*\(\s*\)",
        CASE,
    )


def _helpers(text: str, budget: Budget) -> list[Decoded]:
    """Inline calls of split/join helper functions and String methods on literal arguments."""
    if "split" not in text and "unescape" not in text and "decodeURI" not in text:
        return []
    helpers: dict[str, _Helper] = {}
    for match in scan(_HELPER, text, budget):
        found = _helper(match)
        if found is not None and len(helpers) < MAX_HELPERS:
            helpers[found[0]] = found[1]
    if not helpers:
        return []
    plain = [name for name, helper in helpers.items() if not helper.method]
    methods = [name for name, helper in helpers.items() if helper.method]
    opaque = Opaque(text, budget)
    edits: list[tuple[int, int, str]] = []
    for match in scan(_call_pattern(plain, methods), text, budget):
        if opaque.inside(match.start()) or len(edits) >= MAX_EDITS:
            continue
        helper = helpers[match.group("name") or match.group("method") or match.group("mlit")]
        value = literal_value(match.group("arg") or match.group("lit"))
        joined = None if value is None else helper.apply(value)
        if joined is not None:
            edits.append((match.start(), match.end(), quote(joined)))
    budget.check_time()
    if not edits:
        return []
    return [Decoded("js_decoder_helper", splice(text, edits), 0, len(text))]


def _char_arrays(text: str, budget: Budget) -> list[Decoded]:
    """Join arrays of single characters (code spelled one letter at a time) into text."""
    if text.count(",") < MIN_CHAR_ARRAY:
        return []
    opaque = Opaque(text, budget)
    found: list[Decoded] = []
    for match in scan(_CHARS, text, budget):
        if opaque.inside(match.start()) or len(found) >= 16:
            continue
        chars = [literal_value(item.group()) or "" for item in scan(_CHAR_ITEM, match["items"])]
        joined = "".join(reversed(chars) if match.group("after") else chars)
        # Code spelled backwards is often reversed out of sight (or past a cut): read it both ways.
        if not _looks_like_code(joined) and _looks_like_code(joined[::-1]):
            joined = joined[::-1]
        if _looks_like_code(joined):
            found.append(Decoded("js_char_array", joined, *match.span(), Lang.JAVASCRIPT))
    budget.check_time()
    return found


def _looks_like_code(text: str) -> bool:
    """Tell code spelled in pieces from a table of words or letters (an alphabet, names)."""
    punctuation = sum(text.count(char) for char in "();=")
    statements = ";" in text or "=" in text
    keywords = any(word in text for word in _CODE_WORDS)
    return "(" in text and punctuation >= 4 and statements and keywords


def eval_of_variable(text: str, budget: Budget) -> list[Decoded]:
    """Unwrap eval(name) where the name is given one string literal and nothing else."""
    if "eval" not in text:
        return []
    # Each name costs a pass over the text: a few distinct ones, however often they are called.
    names = list(dict.fromkeys(call.group("name") for call in scan(_EVAL_NAME, text, budget)))
    found: list[Decoded] = []
    for name in names[:MAX_EVAL_NAMES]:
        budget.check_time()
        assigned = list(scan(_assignment(name), text, budget))
        if len(assigned) != 1:
            continue
        value = literal_value(assigned[0].group("lit"))
        if value and value.strip() and search(_other_write(name), text) is None:
            found.append(Decoded("js_eval_variable", value, *assigned[0].span(), Lang.JAVASCRIPT))
    return found


MAX_EVAL_NAMES = 16
_EVAL_NAME = compile_pattern(rf"(?<![\w$.])eval\s*\(\s*(?P<name>{IDENT})\s*\)", CASE)


def _assignment(name: str) -> regex.Pattern[str]:
    return compile_pattern(
        rf"(?<![\w$.])(?:var\s+|let\s+|const\s+)?{regex.escape(name)}\s*=(?![=>])\s*(?P<lit>{LIT})"
        r"\s*(?=[;,\r\n]|$)",
        CASE,
    )


def _other_write(name: str) -> regex.Pattern[str]:
    """A second write of the name: +=, ++, or an assignment of something else."""
    escaped = regex.escape(name)
    return compile_pattern(
        rf"(?<![\w$.]){escaped}\s*(?:[-+*/|&]=|\+\+|--)|(?<![\w$.]){escaped}\s*=(?![=>])\s*+(?!['\"])",
        CASE,
    )


PEELERS = {
    "js_split_join": Peeler("js_split_join", "rewrite", _transforms, JAVASCRIPT, weight=15),
    "js_decoder_helper": Peeler("js_decoder_helper", "rewrite", _helpers, JAVASCRIPT, weight=25),
    "js_char_array": Peeler("js_char_array", "extract", _char_arrays, JAVASCRIPT, weight=20),
    "js_eval_variable": Peeler(
        "js_eval_variable", "extract", eval_of_variable, JAVASCRIPT, weight=15
    ),
}
