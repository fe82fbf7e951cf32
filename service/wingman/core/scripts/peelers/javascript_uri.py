"""JavaScript percent-decoding: unescape, decodeURIComponent and decodeURI of a literal's value."""

from __future__ import annotations

import regex

from wingman.core.scripts.peelers.javascript_syntax import CASE, join_units, scan
from wingman.core.scripts.safe_regex import compile_pattern

_PERCENT = compile_pattern(r"%u(?P<u>[0-9a-fA-F]{4})|(?P<bytes>(?:%[0-9a-fA-F]{2})+)|%", CASE)
_URI_RESERVED = frozenset(";/?:@&=+$,#")
DECODERS = frozenset({"unescape", "decodeURIComponent", "decodeURI"})


def unescape_text(value: str, function: str) -> str | None:
    """Decode a string as the named function does; None where that function would throw."""
    parts: list[str] = []
    last = 0
    for found in scan(_PERCENT, value):
        parts.append(value[last : found.start()])
        last = found.end()
        decoded = _percent(found, function)
        if decoded is None:
            return None
        parts.append(decoded)
    return join_units("".join([*parts, value[last:]]))


def _percent(found: regex.Match[str], function: str) -> str | None:
    """Decode one %uHHHH, run of %XX or stray % the way the given function does."""
    if function == "unescape":
        if found.group("u"):
            return chr(int(found.group("u"), 16))
        run = found.group("bytes")
        return "%" if run is None else bytes.fromhex(run.replace("%", "")).decode("latin-1")
    run = found.group("bytes")
    if run is None:
        return None
    try:
        text = bytes.fromhex(run.replace("%", "")).decode("utf-8")
    except UnicodeDecodeError:
        return None
    keep_reserved = function == "decodeURI" and any(char in _URI_RESERVED for char in text)
    return None if keep_reserved else text
