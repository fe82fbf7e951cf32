"""JavaScript/JScript peelers: literal string builders, decoders and eval of literals."""

from __future__ import annotations

import base64
import binascii
from dataclasses import replace

import regex

from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.peelers.javascript_access import PEELERS as ACCESS_PEELERS
from wingman.core.scripts.peelers.javascript_arrays import PEELERS as ARRAY_PEELERS
from wingman.core.scripts.peelers.javascript_chains import PEELERS as CHAIN_PEELERS
from wingman.core.scripts.peelers.javascript_chains import join_literals
from wingman.core.scripts.peelers.javascript_constants import PEELERS as CONSTANT_PEELERS
from wingman.core.scripts.peelers.javascript_decoders import PEELERS as DECODER_PEELERS
from wingman.core.scripts.peelers.javascript_helpers import PEELERS as HELPER_PEELERS
from wingman.core.scripts.peelers.javascript_strarray import string_arrays
from wingman.core.scripts.peelers.javascript_strings import PEELERS as STRING_PEELERS
from wingman.core.scripts.peelers.javascript_syntax import (
    CASE,
    JAVASCRIPT,
    LIT,
    MAX_EDITS,
    MAX_HITS,
    Compute,
    Opaque,
    join_units,
    literal_value,
    quote,
    rewriter,
    scan,
    splice,
    unquote,
)
from wingman.core.scripts.peelers.javascript_uri import unescape_text
from wingman.core.scripts.peelers.vbscript_encoded import encoded_scripts
from wingman.core.scripts.safe_regex import compile_pattern
from wingman.core.scripts.types import Budget, Decoded, Lang

_EMPTY = r"(?:''|\"\")"
_SPLIT_REVERSE_JOIN = compile_pattern(
    rf"(?:(?P<units>{LIT})\s*\.\s*split\s*\(\s*{_EMPTY}\s*\)"
    rf"|\[\s*\.\.\.\s*(?P<spread>{LIT})\s*\]|Array\s*\.\s*from\s*\(\s*(?P<from>{LIT})\s*\))"
    rf"\s*\.\s*reverse\s*\(\s*\)\s*\.\s*join\s*\(\s*{_EMPTY}\s*\)",
    CASE,
)
_ATOB = compile_pattern(
    rf"(?<![\w$.])(?:window\s*\.\s*)?atob\s*\(\s*(?P<lit>{LIT})\s*\)"
    rf"|(?<![\w$.])(?:new\s+Buffer|Buffer\s*\.\s*from)\s*\(\s*(?P<blit>{LIT})\s*,\s*"
    r"(?P<enc>'(?:base64|hex)'|\"(?:base64|hex)\")\s*\)\s*\.\s*toString\s*\(\s*"
    r"(?P<out>'[\w-]*'|\"[\w-]*\")?\s*\)",
    CASE,
)
_UNESCAPE = compile_pattern(
    rf"(?<![\w$.])(?P<fn>unescape|decodeURIComponent|decodeURI)\s*\(\s*(?P<lit>{LIT})\s*\)", CASE
)
_EVAL = compile_pattern(
    rf"(?<![\w$.])(?:(?:window|this|globalThis)\s*\.\s*)?eval\s*\(\s*(?P<lit>{LIT})\s*\)"
    rf"|(?<![\w$.])(?:new\s+)?Function\s*\(\s*(?:{LIT}\s*,\s*)*(?P<body>{LIT})\s*\)"
    rf"|(?<![\w$.])(?:window\s*\.\s*)?(?:setTimeout|setInterval|execScript)\s*\(\s*"
    rf"(?P<timer>{LIT})\s*[,)]",
    CASE,
)


# `eval("...")` as a statement, or as the value of `var x = eval("...")`.
_EVAL_STATEMENT = compile_pattern(
    rf"(?:^|(?<=[;{{}})]\s*))[ \t]*(?P<assign>(?:var\s+)?[A-Za-z_$][\w$]*+\s*=\s*)?"
    rf"(?:(?:window|this)\s*\.\s*)?eval\s*\(\s*(?P<lit>{LIT})\s*\)"
    r"(?=\s*(?:;|\r?\n|\}|$))",
    CASE,
)


def _escapes(text: str, budget: Budget) -> list[Decoded]:
    """Write string literals spelled with \\x, \\u or octal escapes in plain characters."""
    if "\\" not in text:
        return []
    edits: list[tuple[int, int, str]] = []
    for start, end in Opaque(text, budget).strings(text):
        if "\\" not in text[start:end] or len(edits) >= MAX_EDITS:
            continue
        decoded = unquote(text[start:end])
        written = None if decoded is None or not decoded[1] else quote(decoded[0])
        if written is not None and written != text[start:end]:
            edits.append((start, end, written))
    budget.check_time()
    if not edits:
        return []
    return [Decoded("js_escapes", splice(text, edits), 0, len(text))]


def _split_reverse_join(match: regex.Match[str]) -> str | None:
    value = literal_value(match.group("units") or match.group("spread") or match.group("from"))
    if value is None:
        return None
    if match.group("units") is None:
        return value[::-1]
    units = value.encode("utf-16-le", "surrogatepass")
    pairs = [units[index : index + 2] for index in range(0, len(units), 2)]
    return join_units(b"".join(reversed(pairs)).decode("utf-16-le", "surrogatepass"))


def _forgiving_base64(value: str) -> bytes | None:
    """Decode as atob does: ASCII whitespace ignored, padding optional, nothing else allowed."""
    data = "".join(value.split())
    if len(data) % 4 == 0:
        data = data[:-2] + data[-2:].rstrip("=")
    if len(data) % 4 == 1 or not data.isascii():
        return None
    try:
        return base64.b64decode(data + "=" * (-len(data) % 4), validate=True)
    except binascii.Error:
        return None


def _buffer(value: str, encoding: str, output: str) -> str | None:
    """Decode Buffer.from(value, 'base64'|'hex').toString(output) for the text encodings."""
    if "hex" in encoding:
        try:
            data = bytes.fromhex(value)
        except ValueError:
            return None
    else:
        data_or_none = _forgiving_base64(value.replace("-", "+").replace("_", "/").rstrip("="))
        if data_or_none is None:
            return None
        data = data_or_none
    if output in ("", "utf8", "utf-8"):
        return data.decode("utf-8", "replace")
    if output in ("latin1", "binary"):
        return data.decode("latin-1")
    return bytes(byte & 0x7F for byte in data).decode("ascii") if output == "ascii" else None


def _atob(match: regex.Match[str]) -> str | None:
    if match.group("lit") is not None:
        value = literal_value(match.group("lit"))
        data = None if value is None else _forgiving_base64(value)
        return None if data is None else data.decode("latin-1")
    value = literal_value(match.group("blit"))
    output = (match.group("out") or "''")[1:-1].lower()
    return None if value is None else _buffer(value, match.group("enc"), output)


def _unescape(match: regex.Match[str]) -> str | None:
    value = literal_value(match.group("lit"))
    return None if value is None else unescape_text(value, match.group("fn"))


def _eval(text: str, budget: Budget) -> list[Decoded]:
    """Unwrap eval('...'), new Function('...') and setTimeout('...') of one string literal."""
    if "(" not in text:
        return []
    opaque = Opaque(text, budget)
    found: list[Decoded] = []
    for match in scan(_EVAL, text, budget):
        budget.check_time()
        if opaque.inside(match.start()) or len(found) >= MAX_HITS:
            continue
        decoded = unquote(match.group("lit") or match.group("body") or match.group("timer"))
        # A literal spelled with \x or \u escapes is js_escapes' layer first.
        content = None if decoded is None or decoded[1] else decoded[0]
        if content and content.strip():
            found.append(Decoded("js_eval", content, *match.span(), Lang.JAVASCRIPT))
    return found


def _eval_inline(text: str, budget: Budget) -> list[Decoded]:
    """Put the code of statement-level eval('...') in place, so it reads with its context."""
    if "eval" not in text:
        return []
    opaque = Opaque(text, budget)
    edits: list[tuple[int, int, str]] = []
    for match in scan(_EVAL_STATEMENT, text, budget):
        if opaque.inside(match.start()) or len(edits) >= MAX_EDITS:
            continue
        decoded = unquote(match.group("lit"))
        if decoded is None or decoded[1] or not decoded[0].strip():
            continue
        # The code runs where the call stood; what the call returned is left unknown.
        assigned = match.group("assign")
        code = decoded[0] if assigned is None else f"{decoded[0]}\n{assigned}undefined"
        edits.append((match.start(), match.end(), code))
    budget.check_time()
    if not edits:
        return []
    return [Decoded("js_eval_inline", splice(text, edits), 0, len(text))]


def _joined(peeler: Peeler, *, tidy: bool = True) -> Peeler:
    """The same rewrite, with the literal `+` chains it leaves behind joined in the same pass.

    Putting constants, bag values or array elements back yields `"WSc" + "ript"`; joining
    those at once (and, with `tidy`, writing `o["Run"]` as `o.Run`) saves a whole layer, and a
    pass of every peeler over it, per step.
    """

    def run(text: str, budget: Budget) -> list[Decoded]:
        found = peeler.run(text, budget)
        return [replace(item, content=_tidy(item.content, budget, tidy)) for item in found]

    return Peeler(peeler.name, peeler.kind, run, peeler.languages, weight=peeler.weight)


def _tidy(text: str, budget: Budget, brackets: bool) -> str:
    if brackets:
        spelled = ACCESS_PEELERS["js_bracket_access"].run(text, budget)
        text = spelled[0].content if spelled else text
    return join_literals(text, budget)


def _rewrite(
    name: str, pattern: regex.Pattern[str], compute: Compute, hint: str, *, weight: int
) -> Peeler:
    return Peeler(
        name, "rewrite", rewriter(name, pattern, compute, hint), JAVASCRIPT, weight=weight
    )


PEELERS = {
    "js_escapes": _joined(Peeler("js_escapes", "rewrite", _escapes, JAVASCRIPT, weight=8)),
    "js_cc_on": _joined(ACCESS_PEELERS["js_cc_on"]),
    "js_property_bag": _joined(ACCESS_PEELERS["js_property_bag"]),
    "js_arithmetic": _joined(ACCESS_PEELERS["js_arithmetic"]),
    **CHAIN_PEELERS,
    **{name: _joined(peeler) for name, peeler in CONSTANT_PEELERS.items()},
    **{name: _joined(peeler) for name, peeler in ARRAY_PEELERS.items()},
    "js_unescape": _rewrite("js_unescape", _UNESCAPE, _unescape, "%", weight=10),
    "js_atob": _rewrite("js_atob", _ATOB, _atob, "(", weight=10),
    "js_split_reverse_join": _rewrite(
        "js_split_reverse_join", _SPLIT_REVERSE_JOIN, _split_reverse_join, "reverse", weight=20
    ),
    "js_split_join": _joined(STRING_PEELERS["js_split_join"]),
    "js_decoder_helper": _joined(STRING_PEELERS["js_decoder_helper"]),
    "js_replace_helper": _joined(HELPER_PEELERS["js_replace_helper"]),
    "js_string_array": _joined(
        Peeler("js_string_array", "rewrite", string_arrays, JAVASCRIPT, weight=20), tidy=False
    ),
    # Last of the rewrites: a cosmetic spelling the others need not wait for.
    "js_bracket_access": ACCESS_PEELERS["js_bracket_access"],
    "js_eval": Peeler("js_eval", "extract", _eval, JAVASCRIPT, weight=15),
    # After js_eval: where both give the same text, the extract's layer is the one kept.
    "js_eval_inline": Peeler("js_eval_inline", "rewrite", _eval_inline, JAVASCRIPT, weight=15),
    "js_eval_variable": STRING_PEELERS["js_eval_variable"],
    "js_char_array": STRING_PEELERS["js_char_array"],
    **DECODER_PEELERS,
    "js_script_encoder": Peeler(
        "js_script_encoder",
        "extract",
        lambda text, budget: encoded_scripts(text, budget, Lang.JAVASCRIPT, "js_script_encoder"),
        JAVASCRIPT,
        weight=20,
    ),
}
