"""Decoded bytes back to text: inflated when compressed, decoded when text, strings otherwise.

Recovered bytes are text when they decode as UTF-8, or as UTF-16LE with NULs at odd offsets; a
gzip, zlib or raw deflate stream is inflated first; other binary data gives up its printable
ASCII and UTF-16 strings (technique `binary_strings`), since IOCs hide in shellcode that way.
Inflating is bounded by the budget, so a decompression bomb is cut off.
"""

from __future__ import annotations

import zlib

import regex

from wingman.core.scripts.peelers.scanning import scan_text
from wingman.core.scripts.safe_regex import compile_pattern
from wingman.core.scripts.types import Budget

BINARY_STRINGS = "binary_strings"
MIN_STRING = 6
MAX_STRINGS = 4096
PRINTABLE_RATIO = 0.9
INFLATE_CHUNK = 64 * 1024
GZIP, ZLIB, DEFLATE = "gzip", "zlib", "deflate"
_WBITS = {GZIP: 31, ZLIB: 15, DEFLATE: -15}
# Whitespace that counts as printable in text, dropped before str.isprintable() checks the rest.
_LINE_SPACE = str.maketrans("", "", "\t\r\n")
_STRINGS = compile_pattern(r"[\x20-\x7e\t]{6,}+|(?:[\x20-\x7e]\x00){6,}+", regex.MULTILINE)


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
    if text.translate(_LINE_SPACE).isprintable():
        return "\ufffd" not in text or text.count("\ufffd") * 20 <= len(text)
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
