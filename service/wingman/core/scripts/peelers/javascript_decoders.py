"""JavaScript custom decoders with literal keys: repeating-key XOR of hex text, and token tables.

XOR: a hex string decoded pair by pair as `String.fromCharCode(parseInt(h, 16) ^ key[j])`
with the key a literal array of byte values. Token tables: an object mapping short tokens to
one character each (`{"Du": [3, "k"], ...}` or `{"Du": "k"}`) and a long run of those tokens
(`"Nc-Tb-..."`.split("-")) that a loop maps back to text. Both are decoded only when every
piece is a literal in the text, and kept only when the result reads as text.
"""

from __future__ import annotations

import regex

from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.peelers.javascript_syntax import (
    CASE,
    JAVASCRIPT,
    LIT,
    literal_value,
    scan,
)
from wingman.core.scripts.safe_regex import compile_pattern, search
from wingman.core.scripts.types import Budget, Decoded, Lang

MAX_CANDIDATES = 4
MIN_TOKENS = 64
PRINTABLE = 0.95
_ARGUMENT = r"(?:[^()\r\n]|\([^()\r\n]{0,40}\)){1,80}?"
_XOR_USE = compile_pattern(
    rf"fromCharCode\s*\(\s*parseInt\s*\({_ARGUMENT},\s*16\s*\)\s*\^"
    rf"|\^\s*parseInt\s*\({_ARGUMENT},\s*16\s*\)",
    CASE,
)
_KEY = compile_pattern(
    r"(?:new\s+Array\s*\(|\[)\s*(?P<bytes>\d{1,3}(?:\s*,\s*\d{1,3}){3,255})\s*[\])]", CASE
)
_HEX = compile_pattern(r"(?<!\\)(?P<q>['\"])(?P<hex>(?:[0-9a-fA-F]{2}){32,})(?P=q)", CASE)
_ENTRY = rf"(?:{LIT}|[A-Za-z_$][\w$]{{0,8}})\s*:\s*(?:\[\s*-?\d{{1,6}}\s*,\s*{LIT}\s*\]|{LIT})"
_TABLE = compile_pattern(rf"\{{\s*(?P<entries>{_ENTRY}(?:\s*,\s*{_ENTRY}){{15,400}}+)\s*\}}", CASE)
_PAIR = compile_pattern(
    rf"(?P<key>{LIT}|[A-Za-z_$][\w$]{{0,8}})\s*:\s*(?:\[\s*-?\d{{1,6}}\s*,\s*(?P<inner>{LIT})\s*\]"
    rf"|(?P<value>{LIT}))",
    CASE,
)
_TOKENS = compile_pattern(
    rf"(?P<run>{LIT})\s*(?:\.\s*split|\[\s*['\"]split['\"]\s*\])\s*\(\s*(?P<sep>{LIT})\s*\)", CASE
)


def _readable(text: str) -> bool:
    if not text:
        return False
    good = sum(char.isprintable() or char in "\r\n\t" for char in text)
    return good >= PRINTABLE * len(text)


def _xor(text: str, budget: Budget) -> list[Decoded]:
    """Decode hex literals XORed with a literal byte key, where the text shows that decoder."""
    if "fromCharCode" not in text or "^" not in text or search(_XOR_USE, text) is None:
        return []
    keys: list[list[int]] = []
    for match in scan(_KEY, text, budget):
        values = [int(number) for number in match.group("bytes").split(",")]
        if max(values) < 256 and len(keys) < MAX_CANDIDATES:
            keys.append(values)
    payloads = list(scan(_HEX, text, budget))[:MAX_CANDIDATES]
    found: list[Decoded] = []
    for payload in payloads:
        data = bytes.fromhex(payload.group("hex"))
        for key in keys:
            budget.check_time()
            decoded = "".join(chr(byte ^ key[index % len(key)]) for index, byte in enumerate(data))
            if _readable(decoded):
                found.append(Decoded("js_xor_decoder", decoded, *payload.span(), Lang.JAVASCRIPT))
                break
    return found


def _table(match: regex.Match[str]) -> dict[str, str]:
    table: dict[str, str] = {}
    for pair in scan(_PAIR, match.group("entries")):
        key = pair.group("key")
        name = literal_value(key) if key[0] in "'\"" else key
        value = literal_value(pair.group("inner") or pair.group("value"))
        if name is None or value is None or len(value) != 1:
            return {}
        table[name] = value
    return table


def _tokens(text: str, budget: Budget) -> list[Decoded]:
    """Map a long run of table tokens back to the characters the table gives them."""
    if "split" not in text or ":" not in text:
        return []
    tables = [_table(match) for match in scan(_TABLE, text, budget)]
    tables = [table for table in tables if table]
    if not tables:
        return []
    found: list[Decoded] = []
    for run in scan(_TOKENS, text, budget):
        budget.check_time()
        value, sep = literal_value(run.group("run")), literal_value(run.group("sep"))
        if not value or not sep or len(found) >= MAX_CANDIDATES:
            continue
        tokens = value.split(sep)
        for table in tables[:MAX_CANDIDATES]:
            if len(tokens) >= MIN_TOKENS and all(token in table for token in tokens):
                decoded = "".join(table[token] for token in tokens)
                found.append(Decoded("js_token_table", decoded, *run.span(), Lang.JAVASCRIPT))
                break
    return found


PEELERS = {
    "js_xor_decoder": Peeler("js_xor_decoder", "extract", _xor, JAVASCRIPT, weight=30),
    "js_token_table": Peeler("js_token_table", "extract", _tokens, JAVASCRIPT, weight=30),
}
