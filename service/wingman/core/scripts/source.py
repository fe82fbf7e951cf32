"""Read the script text from a request: text as given, bytes decoded without ever failing."""

from __future__ import annotations

import codecs

from wingman.core.models import AnalyzeScriptRequest


def read_source(request: AnalyzeScriptRequest) -> tuple[str, list[str]]:
    """Return the text to analyze and warnings about how it was decoded."""
    if request.content is not None:
        return request.content.replace("\x00", ""), []
    raw = request.content_base64 or b""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if raw.startswith(bom):
            return raw[len(bom) :].decode(encoding, "replace"), [f"decoded as {encoding} (BOM)"]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError:
        text = raw.decode("utf-8", "replace").replace("\x00", "")
        return text, ["content_base64: bytes that are not UTF-8 were replaced with U+FFFD"]
