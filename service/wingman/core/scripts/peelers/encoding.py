"""Language-independent peelers: base64, hex, compressed streams and percent-encoding.

Recovered bytes become a layer when they are text (UTF-8 or UTF-16LE); a gzip, zlib or raw
deflate stream is inflated first (technique `base64+gzip` and the like); other binary data gives
up its printable ASCII and UTF-16 strings instead (technique `binary_strings`), since IOCs hide
in shellcode that way. Inflating is bounded by the budget, so a decompression bomb is cut off.
"""

from __future__ import annotations

import base64
import binascii
import time
import zlib
from collections.abc import Iterator
from urllib.parse import unquote

import regex

from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.safe_regex import SEARCH_TIMEOUT_S, compile_pattern, finditer, search
from wingman.core.scripts.types import Budget, Decoded

BINARY_STRINGS = "binary_strings"
MIN_BASE64 = 24
MIN_STRING = 6
# Bytes of an ambiguous blob (plain base64 or hex) that is not text before its strings count.
MIN_BINARY_BYTES = 96
# Bytes of an explicit byte notation (\x41 escapes, 0x41 arrays) before its strings count.
MIN_ARRAY_BYTES = 16
MAX_HITS = 64
MAX_STRINGS = 4096
PRINTABLE_RATIO = 0.9
INFLATE_CHUNK = 64 * 1024
GZIP, ZLIB, DEFLATE = "gzip", "zlib", "deflate"
_WBITS = {GZIP: 31, ZLIB: 15, DEFLATE: -15}
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
_HEX_BYTE = compile_pattern(r"(?:\\x|0x)([0-9A-Fa-f]{1,2})", _EXACT)
_PURE_HEX = compile_pattern(r"\A(?:[0-9A-Fa-f]{2}){16,}\Z", _EXACT)
_URL_CHARS = r"\-A-Za-z0-9._~:/?#\[\]@!$&'()*+,;="
_PERCENT = compile_pattern(
    rf"(?<![{_URL_CHARS}%])(?:[{_URL_CHARS}]*+%(?:u[0-9A-Fa-f]{{4}}|[0-9A-Fa-f]{{2}})){{3,}}+"
    rf"[{_URL_CHARS}]*+",
    _EXACT,
)
_PERCENT_ESCAPE = compile_pattern(r"%(?:u([0-9A-Fa-f]{4})|([0-9A-Fa-f]{2}))", _EXACT)
_STREAM = compile_pattern(r"(?:\x1f\x8b\x08|x[\x01\x9c\xda])[\x00-\xff]*+", _EXACT)
_STRINGS = compile_pattern(r"[\x20-\x7e\t]{6,}+|(?:[\x20-\x7e]\x00){6,}+", _EXACT)


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


def scan_text(pattern: regex.Pattern[str], text: str, budget: Budget) -> Iterator[regex.Match[str]]:
    """Yield matches within the budget's time: the loop's own work counts against the limit."""
    left = budget.deadline - time.monotonic()
    return finditer(pattern, text, timeout=max(SEARCH_TIMEOUT_S, left))


def inflate(data: bytes, codec: str, budget: Budget, *, partial: bool = True) -> bytes | None:
    """Inflate a stream to at most min(max_layer_chars, max_inflate_ratio x input) bytes."""
    limit = min(budget.max_layer_chars, budget.max_inflate_ratio * max(len(data), 1))
    stream = zlib.decompressobj(_WBITS[codec])
    out = bytearray()
    pending = data
    try:
        while pending and len(out) < limit and not stream.eof:
            budget.check_time()
            out += stream.decompress(pending, min(INFLATE_CHUNK, limit - len(out)))
            pending = stream.unconsumed_tail
    except zlib.error:
        return bytes(out) if partial and out else None
    if not partial and not stream.eof and len(out) < limit:
        return None
    return bytes(out) if out else None


def compression_of(data: bytes) -> str | None:
    """Name the container a byte string starts with: gzip, zlib or nothing known."""
    if data[:3] == b"\x1f\x8b\x08":
        return GZIP
    if len(data) > 2 and data[0] & 0x0F == 8 and data[0] >> 4 <= 7:
        return ZLIB if (data[0] << 8 | data[1]) % 31 == 0 else None
    return None


def bytes_to_text(data: bytes) -> str | None:
    """Decode bytes that are text (UTF-8, or UTF-16LE with NULs at odd offsets), else None."""
    if data.startswith(b"\xff\xfe") or _looks_utf16(data):
        text = data.removeprefix(b"\xff\xfe").decode("utf-16-le", "replace")
    else:
        try:
            text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        except UnicodeDecodeError:
            return None
    return text if is_text(text) else None


def is_text(text: str) -> bool:
    """Tell whether a string is mostly printable (whitespace counts as printable)."""
    if not text:
        return False
    shown = sum(1 for char in text if char.isprintable() or char in "\t\r\n")
    return shown >= PRINTABLE_RATIO * len(text) and text.count("\ufffd") * 20 <= len(text)


def _looks_utf16(data: bytes) -> bool:
    pairs = len(data) // 2
    if pairs < 2:
        return False
    odd_nuls = data[1::2].count(0)
    return odd_nuls * 2 >= pairs and data[0::2].count(0) * 10 <= pairs


def binary_strings(data: bytes, budget: Budget) -> str | None:
    """Return the printable ASCII and UTF-16LE strings (length >= 6) of binary data."""
    found: list[str] = []
    text = data.decode("latin-1")
    for count, match in enumerate(scan_text(_STRINGS, text, budget)):
        if count >= MAX_STRINGS:
            break
        if count % 256 == 0:
            budget.check_time()
        found.append(match.group().replace("\x00", ""))
    return "\n".join(found) or None


def recover(
    data: bytes, budget: Budget, *, binary_ok: bool, compression: str | None = None
) -> tuple[str, str] | None:
    """Turn decoded bytes into (content, codec): inflated if compressed, strings if binary."""
    codec = compression or compression_of(data) or ""
    if codec:
        inflated = inflate(data, codec, budget)
        if inflated is None:
            return None
        data = inflated
    text = bytes_to_text(data)
    if text is not None:
        return text, codec
    if not codec:
        inflated = inflate(data, DEFLATE, budget, partial=False)
        text = None if inflated is None else bytes_to_text(inflated)
        if text is not None:
            return text, DEFLATE
    strings = binary_strings(data, budget) if binary_ok or codec else None
    return (strings, BINARY_STRINGS) if strings else None


def technique(name: str, codec: str) -> str:
    """Name what a layer went through: `base64`, `base64+gzip`, or `binary_strings`."""
    if codec == BINARY_STRINGS:
        return BINARY_STRINGS
    return f"{name}+{codec}" if codec else name


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
    for match in scan_text(_BASE64, text, budget):
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
    for match in scan_text(_HEX, text, budget):
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
    """Decode runs with three or more %XX or %uXXXX escapes."""
    found: list[Decoded] = []
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
    """Decode %uXXXX runs as JavaScript unescape() does; escapes alone may be shellcode."""
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
    "gzip": Peeler("gzip", "extract", _streams, weight=15),
    "percent": Peeler("percent", "extract", _percent, weight=5),
}
