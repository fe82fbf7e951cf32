"""PowerShell byte payloads: -EncodedCommand, [Convert]::FromBase64String chains and -bxor.

The first two read the raw text, since droppers in every language launch `powershell -enc` and
embed `[Convert]::FromBase64String(...)` in a command line; -bxor needs PowerShell's tokens.
"""

from __future__ import annotations

import re

import regex

from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.peelers.encoding import (
    ENCODED_COMMAND_FLAG,
    MIN_ARRAY_BYTES,
    MIN_BASE64,
    decode_base64,
)
from wingman.core.scripts.peelers.encoding_bytes import is_text, recover, technique
from wingman.core.scripts.peelers.powershell_syntax import (
    LIT,
    NUM,
    POWERSHELL,
    Source,
    number,
    parse,
    scan,
)
from wingman.core.scripts.peelers.powershell_variables import (
    Assignment,
    assignments,
    rhs_match,
)
from wingman.core.scripts.peelers.scanning import gated, scan_at, scan_text
from wingman.core.scripts.safe_regex import compile_pattern, finditer, search
from wingman.core.scripts.types import Budget, Decoded, Lang

MAX_HITS = 64
_QUOTE = "['\"\u2018\u2019\u201a\u201b\u201c\u201d\u201e]"
_NAME = r"[a-z_][a-z0-9_]*"
# A quote, escaped (\" in a command line) or doubled ('' inside an outer literal).
_OPEN = rf"(?:\\|{_QUOTE})?{_QUOTE}"
_ENCODED = compile_pattern(
    rf"(?:^|(?<=[\s\"'^])){ENCODED_COMMAND_FLAG}(?:\s++|:)[\"']?"
    r"(?P<blob>[A-Za-z0-9+/]{8,}+=*+)(?![A-Za-z0-9+/=])"
)
# Every spelling of the -EncodedCommand flag starts with one of these (standard `re`, see
# scanning).
_FLAG_STARTS = re.compile("[-/\u2013\u2014\u2015][eE]")
_FROM_BASE64 = compile_pattern(
    r"(?P<get>\[(?:system\.)?text\.encoding\]::(?P<enc>[a-z0-9]+)\.getstring\(\s*+)?"
    rf"\[(?:system\.)?convert\]::frombase64string\(\s*+(?:{_OPEN}(?P<blob>[A-Za-z0-9+/=\s]*+)"
    rf"{_OPEN}|\$(?P<var>{_NAME}))\s*+\)(?(get)\s*+\))"
)
_CODECS = {
    "utf8": "utf-8",
    "unicode": "utf-16-le",
    "bigendianunicode": "utf-16-be",
    "ascii": "ascii",
    "utf32": "utf-32-le",
    "utf7": "utf-7",
    "default": "utf-8",
    "latin1": "latin-1",
}
_NUMS = rf"{NUM}(?:\s*+,\s*+{NUM})*+"
_BYTES = (
    rf"(?:\[byte\[\]\]\s*+)?@?\(\s*+(?P<nums>{_NUMS})\s*+\)"
    rf"|\[(?:system\.)?convert\]::frombase64string\(\s*+(?P<b64>{LIT})\s*+\)"
    rf"|\[(?:system\.)?text\.encoding\]::(?:utf8|ascii)\.getbytes\(\s*+(?P<text>{LIT})\s*+\)"
)
_HELD = compile_pattern(rf"\A\s*+(?:{_BYTES}|(?P<lit>{LIT})|(?P<bare>{_NUMS}))\s*+\Z")
_KEY = (
    rf"(?:(?P<key>{NUM})|(?P<keylit>{LIT})"
    rf"|\$(?P<keyvar>{_NAME})\[\s*+\${_NAME}\s*+%\s*+\$(?P=keyvar)\.(?:length|count)\s*+\])"
)
# A ForEach-Object body that XORs, which every _PIPELINE match holds (standard `re`: a literal,
# then one bounded class run; see scanning).
_XOR_EACH = re.compile(r"\|\s*(?:%|foreach(?:-object)?)\s*\{[^{}]{0,200}-bxor", re.IGNORECASE)
_PIPELINE = compile_pattern(
    rf"(?:{_BYTES}|\$(?P<var>{_NAME})|\(\s*+(?:{_BYTES}|\$(?P<var2>{_NAME}))\s*+\))"
    r"\s*+\|\s*+(?:%|foreach(?:-object)?)\s*+\{(?P<body>[^{}]{0,200}+)\}"
)
_XOR_BODY = compile_pattern(rf"\$_\s*+-bxor\s*+{_KEY}|{_KEY}\s*+-bxor\s*+\$_")
_LOOP = compile_pattern(rf"\$(?P<var>{_NAME})\[\s*+\${_NAME}\s*+\]\s*+-bxor\s*+{_KEY}")
_NUMBER = compile_pattern(NUM)
_KEY_TEXT = compile_pattern(r"\A\s*+(?:0x[0-9a-f]{1,6}|[0-9]{1,7})\s*+\Z")


def _encoded_command(text: str, budget: Budget) -> list[Decoded]:
    """Decode the base64 (UTF-16LE) argument of -EncodedCommand and its abbreviations."""
    found: list[Decoded] = []
    for match in scan_at(_FLAG_STARTS, _ENCODED, text, budget):
        budget.check_time()
        decoded = _command(match.group("blob"), *match.span("blob"), budget)
        if decoded is not None:
            found.append(decoded)
        if len(found) >= MAX_HITS:
            break
    return found


def _command(blob: str, start: int, end: int, budget: Budget) -> Decoded | None:
    """Read an encoded command: UTF-16LE script, else (a long blob) plain base64 content."""
    data = decode_base64(blob)
    if data is None:
        return None
    try:
        text = data.decode("utf-16-le")
    except UnicodeDecodeError:
        text = ""
    if is_text(text) and sum(char.isascii() for char in text) * 2 >= len(text):
        return Decoded("powershell_encoded_command", text, start, end, Lang.POWERSHELL)
    # Not what PowerShell would run (echo -e, grep -e): what the bytes hold, as base64 would.
    result = recover(data, budget, binary_ok=False) if len(blob) >= MIN_BASE64 else None
    return (
        None if result is None else Decoded(technique("base64", result[1]), result[0], start, end)
    )


def _from_base64(text: str, budget: Budget) -> list[Decoded]:
    """Decode [Convert]::FromBase64String('...'), with its GetString encoding or inflated."""
    found: list[Decoded] = []
    for match in scan_text(_FROM_BASE64, text, budget):
        budget.check_time()
        blob = match.group("blob")
        if blob is None:
            blob = _literal_variable(parse(text, budget), match.group("var"), match.start(), budget)
        data = None if blob is None else decode_base64(blob)
        result = None if data is None else _decoded(data, match.group("enc"), budget)
        if result is not None:
            content, codec = result
            language = None if codec == "binary_strings" else Lang.POWERSHELL
            name = technique("powershell_from_base64", codec)
            found.append(Decoded(name, content, *match.span(), language))
        if len(found) >= MAX_HITS:
            break
    return found


def _literal_variable(source: Source, name: str, position: int, budget: Budget) -> str | None:
    """Return the literal a variable holds at a position, if it was assigned once before it."""
    assigned = assignments(source, budget).get(name.lower())
    if assigned is None or assigned.end > position:
        return None
    return assigned.value


def _decoded(data: bytes, encoding: str | None, budget: Budget) -> tuple[str, str] | None:
    """Decode bytes with the encoding GetString names, else recover them (inflate, strings)."""
    codec = _CODECS.get((encoding or "").lower())
    if codec is not None:
        text = data.decode(codec, "replace")
        if is_text(text):
            return text, ""
    return recover(data, budget, binary_ok=True)


def _bxor(text: str, budget: Budget) -> list[Decoded]:
    """Undo -bxor with a literal key over a literal byte array or base64 bytes."""
    if "-bxor" not in text.lower():
        return []
    source = parse(text, budget)
    known = assignments(source, budget)
    found: list[Decoded] = []
    pipelines = scan(_PIPELINE, source, budget) if _XOR_EACH.search(source.mask) else []
    for match in pipelines:
        key_match = search(_XOR_BODY, match.group("body"))
        if key_match is None:
            continue
        data = _data(source, match, known)
        key = _key(source, key_match, match.start("body"), known)
        found.extend(_xored(data, key, match.span(), budget))
    for match in scan(_LOOP, source, budget):
        data = _data(source, match, known)
        found.extend(_xored(data, _key(source, match, 0, known), match.span(), budget))
    return found[:MAX_HITS]


def _data(
    source: Source, match: regex.Match[str], known: dict[str, Assignment]
) -> list[int] | None:
    """Return the numbers a byte source holds, following one variable assigned once."""
    groups = match.groupdict()
    name = groups.get("var") or groups.get("var2")
    if name is None:
        return _held(source, match, 0)
    assigned = known.get(name.lower())
    if assigned is None or assigned.end > match.start():
        return None
    held = rhs_match(_HELD, source, assigned)
    return None if held is None else _held(source, held, assigned.value_start)


def _held(source: Source, match: regex.Match[str], offset: int) -> list[int] | None:
    """Read the numbers of a matched byte source (offset: where the match's text starts)."""
    groups = match.groupdict()
    for group in ("nums", "bare"):
        if groups.get(group) is not None:
            return [number(item.group()) for item in finditer(_NUMBER, match[group])]
    if groups.get("b64") is not None:
        data = decode_base64(source.values[offset + match.start("b64")])
        return None if data is None else list(data)
    if groups.get("text") is not None:
        return list(source.values[offset + match.start("text")].encode("utf-8"))
    if groups.get("lit") is not None:
        return [ord(char) for char in source.values[offset + match.start("lit")]]
    return None


def _key(
    source: Source, match: regex.Match[str], offset: int, known: dict[str, Assignment]
) -> list[int] | None:
    """Return the key of a -bxor: one number, or the bytes of a variable indexed modulo."""
    if match.group("key") is not None:
        return [number(match.group("key"))]
    if match.group("keylit") is not None:
        value = source.values[offset + match.start("keylit")]
        return [number(value)] if search(_KEY_TEXT, value) else None
    assigned = known.get(match.group("keyvar").lower())
    if assigned is None or assigned.end > offset + match.start():
        return None
    held = rhs_match(_HELD, source, assigned)
    return None if held is None else _held(source, held, assigned.value_start)


def _xored(
    data: list[int] | None, key: list[int] | None, span: tuple[int, int], budget: Budget
) -> list[Decoded]:
    """XOR the data with the (repeating) key and recover what it hides."""
    if not data or not key:
        return []
    plain = [value ^ key[index % len(key)] for index, value in enumerate(data)]
    if any(value > 0xFF for value in plain):
        return []
    result = recover(bytes(plain), budget, binary_ok=len(plain) >= MIN_ARRAY_BYTES)
    if result is None:
        return []
    return [Decoded(technique("powershell_bxor", result[1]), result[0], *span)]


PEELERS = {
    "powershell_encoded_command": Peeler(
        "powershell_encoded_command", "extract", _encoded_command, weight=20
    ),
    "powershell_from_base64": Peeler(
        "powershell_from_base64",
        "extract",
        gated(("frombase64string",), _from_base64),
        weight=15,
    ),
    "powershell_bxor": Peeler("powershell_bxor", "extract", _bxor, POWERSHELL, weight=25),
}
