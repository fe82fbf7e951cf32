"""Language-independent peelers: base64, hex, compressed streams and percent-encoding.

Decoded bytes become a layer through `encoding_bytes.recover`: text as it is, compressed
streams inflated (technique `base64+gzip` and the like), other binary data as its strings
(technique `binary_strings`). Candidate blobs are found with `scanning.scan_at`, which lets the
standard `re` module skip to the few places where a blob can begin.
"""

from __future__ import annotations

import base64
import binascii
import re
from urllib.parse import unquote

import regex

from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.peelers.encoding_bytes import (
    bytes_to_text,
    compression_of,
    inflate,
    is_text,
    recover,
    technique,
)
from wingman.core.scripts.peelers.scanning import gated, scan_at, scan_text
from wingman.core.scripts.safe_regex import compile_pattern, finditer, search
from wingman.core.scripts.types import Budget, Decoded

MIN_BASE64 = 24
# Bytes of an ambiguous blob (plain base64 or hex) that is not text before its strings count.
MIN_BINARY_BYTES = 96
# Bytes of an explicit byte notation (\x41 escapes, 0x41 arrays) before its strings count.
MIN_ARRAY_BYTES = 16
MAX_HITS = 64
# Case-sensitive on purpose: with IGNORECASE, [A-Za-z] also matches the Kelvin sign.
_EXACT = regex.MULTILINE

_BASE64 = compile_pattern(
    r"(?<![A-Za-z0-9+/=_-])(?:"
    r"(?:(?:[A-Za-z0-9+/]{4}){10,}+\r?\n)++(?:[A-Za-z0-9+/]{4})*+(?:[A-Za-z0-9+/]{2,3}=*+)?"
    rf"|[A-Za-z0-9+/_-]{{{MIN_BASE64},}}+=*+"
    r")(?![A-Za-z0-9+/=_-])",
    _EXACT,
)
_HEX = compile_pattern(
    r"(?P<plain>(?<![0-9A-Za-z])(?:[0-9A-Fa-f]{2}){16,}+(?![0-9A-Za-z]))"
    r"|(?P<escaped>(?<!\\x[0-9A-Fa-f]{2})(?:\\x[0-9A-Fa-f]{2}){8,}+)"
    r"|(?P<array>(?<![0-9A-Za-z,]\s*+)0x[0-9A-Fa-f]{1,2}(?:\s*+,\s*+0x[0-9A-Fa-f]{1,2}){7,}+"
    r"(?![0-9A-Za-z]))",
    _EXACT,
)
# Where a blob can begin (standard `re`, see scanning): far fewer places than characters.
_BASE64_STARTS = re.compile(rf"(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{{{MIN_BASE64}}}")
# Leading with one character class lets re skip to candidates; the lookbehinds then tell the
# form, and keep the inside of a long run of digits from being tried at every position.
_HEX_STARTS = re.compile(
    r"[0-9A-Fa-f\\](?:(?<![0-9A-Za-z].)(?:(?<=[0-9A-Fa-f])[0-9A-Fa-f]{31}|(?<=0)x)"
    r"|(?<=\\)x[0-9A-Fa-f]{2})"
)
_HEX_BYTE = compile_pattern(r"(?:\\x|0x)([0-9A-Fa-f]{1,2})", _EXACT)
_PURE_HEX = compile_pattern(r"\A(?:[0-9A-Fa-f]{2}){16,}\Z", _EXACT)
_URL_CHARS = r"\-A-Za-z0-9._~:/?#\[\]@!$&'()*+,;="
_PERCENT = compile_pattern(
    rf"(?<![{_URL_CHARS}%])(?:[{_URL_CHARS}]*+%(?:u[0-9A-Fa-f]{{4}}|[0-9A-Fa-f]{{2}})){{3,}}+"
    rf"[{_URL_CHARS}]*+",
    _EXACT,
)
# Three escapes in one run of URL characters, which every percent match holds (standard `re`:
# the class excludes %, so the search is linear; see scanning).
_ESCAPE = r"%(?:u[0-9A-Fa-f]{4}|[0-9A-Fa-f]{2})"
_PERCENT_RUN = re.compile(rf"{_ESCAPE}[{_URL_CHARS}]*{_ESCAPE}[{_URL_CHARS}]*{_ESCAPE}")
_PERCENT_ESCAPE = compile_pattern(r"%(?:u([0-9A-Fa-f]{4})|([0-9A-Fa-f]{2}))", _EXACT)
# A gzip or zlib stream starts with one of these (lowercased).
_STREAM_WORDS = ("\x1f\x8b\x08", "x\x01", "x\x9c", "x\xda")
_STREAM = compile_pattern(r"(?:\x1f\x8b\x08|x[\x01\x9c\xda])[\x00-\xff]*+", _EXACT)


def _abbreviations(word: str, shortest: int) -> str:
    """Return a pattern for every prefix of word at least `shortest` characters long."""
    tail = "".join(f"(?:{char}" for char in word[shortest:]) + ")?" * (len(word) - shortest)
    return word[:shortest] + tail


# -EncodedCommand and every abbreviation PowerShell accepts (-e, -ec, -en, -enc, ...).
ENCODED_COMMAND_FLAG = rf"[-/\u2013\u2014\u2015](?:ec|{_abbreviations('encodedcommand', 1)})"
_CLAIM_WINDOW = 32
_QUOTES = "[\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e]"
# A blob right after -EncodedCommand or inside [Convert]::FromBase64String( belongs to the
# PowerShell peelers, which know its encoding and language.
_CLAIMED = compile_pattern(
    rf"(?:(?:^|[\s\"'^]){ENCODED_COMMAND_FLAG}(?:\s++|:)[\"']?"
    rf"|\]::frombase64string\(\s*+(?:\\|{_QUOTES})?{_QUOTES})\Z"
)


def decode_base64(blob: str) -> bytes | None:
    """Decode standard or URL-safe base64 (line breaks and missing padding allowed)."""
    blob = "".join(blob.split()).rstrip("=")
    urlsafe = "-" in blob or "_" in blob
    if urlsafe and ("+" in blob or "/" in blob):
        return None
    if len(blob) % 4 == 1:
        blob = blob[:-1]
    blob += "=" * (-len(blob) % 4)
    try:
        if urlsafe:
            return base64.b64decode(blob.replace("-", "+").replace("_", "/"), validate=True)
        return base64.b64decode(blob, validate=True)
    except (binascii.Error, ValueError):
        return None


def _random_looking(blob: str) -> bool:
    """Tell whether a blob has the mix of classes random base64 has (paths and words do not)."""
    separators = sum(blob.count(char) for char in "/-_")
    return (
        separators * 16 <= len(blob)
        and any(char.isdigit() for char in blob)
        and any(char.islower() for char in blob)
        and any(char.isupper() for char in blob)
    )


def _base64(text: str, budget: Budget) -> list[Decoded]:
    """Decode base64 blobs of 24 characters or more."""
    found: list[Decoded] = []
    for match in scan_at(_BASE64_STARTS, _BASE64, text, budget):
        budget.check_time()
        before = text[max(0, match.start() - _CLAIM_WINDOW) : match.start()]
        if search(_CLAIMED, before) or search(_PURE_HEX, match.group()):
            continue
        result = _blob(match.group(), budget)
        if result is None and "\n" in match.group():
            # A short last line may be a word that only looks like base64.
            result = _blob(match.group().rstrip().rsplit("\n", 1)[0], budget)
        if result is not None:
            found.append(Decoded(technique("base64", result[1]), result[0], *match.span()))
        if len(found) >= MAX_HITS:
            break
    return found


def _blob(blob: str, budget: Budget) -> tuple[str, str] | None:
    """Recover one base64 blob; binary data counts only when long and random-looking."""
    data = decode_base64(blob)
    if data is None:
        return None
    binary_ok = len(data) >= MIN_BINARY_BYTES and _random_looking(blob)
    return recover(data, budget, binary_ok=binary_ok)


def _hex(text: str, budget: Budget) -> list[Decoded]:
    """Decode hex blobs: plain runs of 32+ digits, \\x41 escapes and 0x41 arrays."""
    found: list[Decoded] = []
    for match in scan_at(_HEX_STARTS, _HEX, text, budget):
        budget.check_time()
        if match.group("plain"):
            data = bytes.fromhex(match.group())
            binary_ok = len(data) >= MIN_BINARY_BYTES
        else:
            digits = (byte.group(1) for byte in finditer(_HEX_BYTE, match.group()))
            data = bytes(int(digit, 16) for digit in digits)
            binary_ok = len(data) >= MIN_ARRAY_BYTES
        result = recover(data, budget, binary_ok=binary_ok)
        if result is not None:
            found.append(Decoded(technique("hex", result[1]), result[0], *match.span()))
        if len(found) >= MAX_HITS:
            break
    return found


def _streams(text: str, budget: Budget) -> list[Decoded]:
    """Inflate gzip and zlib streams carried in the text as Latin-1 characters."""
    found: list[Decoded] = []
    for count, match in enumerate(scan_text(_STREAM, text, budget)):
        if count >= MAX_HITS:
            break
        budget.check_time()
        data = match.group()[: budget.max_layer_chars].encode("latin-1")
        codec = compression_of(data)
        inflated = None if codec is None else inflate(data, codec, budget)
        content = None if inflated is None else bytes_to_text(inflated)
        if codec is not None and content is not None:
            found.append(Decoded(codec, content, match.start(), match.start() + len(data)))
    return found


def _percent(text: str, budget: Budget) -> list[Decoded]:
    """Decode runs of three or more percent escapes (`%41`, or `%u` and four hex digits)."""
    found: list[Decoded] = []
    if _PERCENT_RUN.search(text) is None:
        return found
    for match in scan_text(_PERCENT, text, budget):
        budget.check_time()
        content = _unescape(match.group(), budget)
        if content is not None:
            found.append(Decoded("percent", content, *match.span()))
        if len(found) >= MAX_HITS:
            break
    return found


def _unescape(run: str, budget: Budget) -> str | None:
    """Decode one percent-encoded run when it hides something (letters, digits or a URL)."""
    escapes = list(finditer(_PERCENT_ESCAPE, run))
    if any(escape.group(1) for escape in escapes):
        return _unescape_unicode(run, escapes, budget)
    decoded = unquote(run, errors="replace")
    hidden = any(chr(int(escape.group(2), 16)).isalnum() for escape in escapes)
    if decoded == run or not is_text(decoded) or not (hidden or "://" in decoded):
        return None
    return decoded


def _unescape_unicode(run: str, escapes: list[regex.Match[str]], budget: Budget) -> str | None:
    """Decode `%u` runs (four hex digits each) as JavaScript unescape() does.

    Such runs alone may be shellcode rather than text.
    """
    pure = sum(len(escape.group()) for escape in escapes) == len(run)
    if pure and all(escape.group(1) for escape in escapes):
        data = b"".join(int(escape.group(1), 16).to_bytes(2, "little") for escape in escapes)
        result = recover(data, budget, binary_ok=len(data) >= MIN_ARRAY_BYTES)
        return None if result is None else result[0]
    parts: list[str] = []
    last = 0
    for escape in escapes:
        parts.append(run[last : escape.start()])
        parts.append(chr(int(escape.group(1) or escape.group(2), 16)))
        last = escape.end()
    parts.append(run[last:])
    decoded = "".join(parts)
    return decoded if is_text(decoded) else None


PEELERS = {
    "base64": Peeler("base64", "extract", _base64, weight=10),
    "hex": Peeler("hex", "extract", _hex, weight=10),
    "gzip": Peeler("gzip", "extract", gated(_STREAM_WORDS, _streams), weight=15),
    "percent": Peeler("percent", "extract", _percent, weight=5),
}
