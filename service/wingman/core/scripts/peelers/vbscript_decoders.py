"""VBScript decoder loops with literal keys: hex pairs and shifted characters fed to Execute.

Handled: `Chr("&H" & Mid(s, i, 2))`, `Chr(CInt("&H" & Mid(s, i, 2)) - 7)` and
`Chr(Asc(Mid(s, i, 1)) Xor 5)` (also `+` / `-`), where `s` is built only from literals
(`s = "..."` then `s = s & "..."`). The loop itself is not run: the same arithmetic is applied
to the literal text, and the result is kept when it reads as text.
"""

from __future__ import annotations

import regex

from wingman.core.scripts.peelers.vbscript_syntax import CHAIN, chain_value, scan
from wingman.core.scripts.safe_regex import compile_pattern
from wingman.core.scripts.types import Budget, Decoded, Lang

MAX_LOOPS = 8
PRINTABLE = 0.9
_KEYED = r"(?:\s*(?P<op>[-+]|\bXor\b)\s*(?P<key>\d{1,5}))?"
_LOOP = compile_pattern(
    r"\bChrW?\s*\(\s*(?:(?P<conv>(?:CLng|CInt|Int|Val|CByte)\s*\(\s*)?\"&H\"\s*[&+]\s*"
    r"Mid\s*\(\s*(?P<hex>\w{1,60}+)\s*,\s*\w{1,60}+\s*,\s*2\s*\)\s*(?(conv)\)\s*)"
    r"|AscW?\s*\(\s*Mid\s*\(\s*(?P<text>\w{1,60}+)\s*,\s*\w{1,60}+\s*,\s*1\s*\)\s*\)\s*)"
    rf"{_KEYED}\s*\)"
)


def _assignments(name: str) -> regex.Pattern[str]:
    escaped = regex.escape(name)
    return compile_pattern(
        rf"^[ \t]*(?:Const[ \t]+)?{escaped}[ \t]*=[ \t]*(?P<self>{escaped}[ \t]*[&+][ \t]*)?"
        rf"(?P<chain>{CHAIN})?[ \t]*(?:'[^\r\n]*)?\r?$"
    )


def _value(text: str, name: str, budget: Budget) -> tuple[str, int] | None:
    """Join what a variable is given, in order; None if any assignment is not a literal."""
    value: list[str] = []
    start = -1
    for match in scan(_assignments(name), text, budget):
        chain = match.group("chain")
        resolved = None if chain is None else chain_value(chain, chars=True)
        if match.group("self") is None:
            value, start = [], match.start()
        if resolved is None:
            if chain is not None or match.group("self") is not None:
                return None
            continue
        value.append(resolved.value)
    joined = "".join(value)
    return (joined, start) if joined else None


def _apply(code: int, op: str | None, key: int) -> int:
    if op is None:
        return code
    operator = op.lower()
    return code ^ key if operator == "xor" else code + key if operator == "+" else code - key


def _decode(value: str, match: regex.Match[str]) -> str | None:
    op, key = match.group("op"), int(match.group("key") or "0")
    if match.group("hex") is not None:
        digits = "".join(value.split())
        if len(digits) % 2 or regex.fullmatch(r"[0-9A-Fa-f]*", digits) is None:
            return None
        codes = [int(digits[index : index + 2], 16) for index in range(0, len(digits), 2)]
    else:
        codes = [ord(char) for char in value]
    decoded = [_apply(code, op, key) for code in codes]
    if any(code < 0 or code > 0xFFFF for code in decoded):
        return None
    text = "".join(map(chr, decoded))
    good = sum(char.isprintable() or char in "\r\n\t" for char in text)
    return text if text and good >= PRINTABLE * len(text) else None


def decoder_loops(text: str, budget: Budget) -> list[Decoded]:
    """Decode the literal a hex or shifted-character Chr() loop reads."""
    if '"&h"' not in text.lower() and "asc" not in text.lower():
        return []
    found: list[Decoded] = []
    seen: set[str] = set()
    for match in scan(_LOOP, text, budget):
        budget.check_time()
        name = match.group("hex") or match.group("text")
        if name.lower() in seen or len(found) >= MAX_LOOPS:
            continue
        seen.add(name.lower())
        resolved = _value(text, name, budget)
        decoded = None if resolved is None else _decode(resolved[0], match)
        if resolved is not None and decoded is not None:
            start, end = sorted((max(resolved[1], 0), match.end()))
            found.append(Decoded("vbs_decoder_loop", decoded, start, end, Lang.VBSCRIPT))
    return found
