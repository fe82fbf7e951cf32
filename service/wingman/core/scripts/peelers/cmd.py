"""Batch (cmd.exe) peelers: caret escapes, variables, nested `cmd /c`, PowerShell launches and
files written with echo."""

from __future__ import annotations

from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.peelers.cmd_echo import PEELERS as ECHO_PEELERS
from wingman.core.scripts.peelers.cmd_rewrites import PEELERS as REWRITE_PEELERS
from wingman.core.scripts.peelers.cmd_syntax import (
    BATCH,
    MAX_HITS,
    commands,
    inside,
    quoted_spans,
    scan,
    unescape_carets,
)
from wingman.core.scripts.safe_regex import compile_pattern, search
from wingman.core.scripts.types import Budget, Decoded, Lang

_CMD_CALL = compile_pattern(
    r"(?<![\w.\-])(?:cmd(?:\.exe)?|%comspec%)"
    r"(?:\s*/(?:[vef]:(?:on|off)|t:[0-9a-f]{1,2}|[adqsuvx]))*\s*/[ckr](?=[\s\"^]|$)"
)
_PS_PATH = r"(?:\"?[a-z]:\\[^\"\r\n&|]*\\)?(?:powershell|pwsh)(?:\.exe)?\"?(?=\s|$)"
_PS_START = compile_pattern(rf"^\s*{_PS_PATH}")
_PS_COMMAND = compile_pattern(
    rf"^[\s@(]*(?:(?:start(?:\s+/\w+)*\s+(?:\"[^\"\r\n]*\"\s+)?|call\s+))?(?P<ps>{_PS_PATH})"
)


def _nested_body(text: str, start: int, end: int, budget: Budget) -> tuple[str, int, int] | None:
    """Return what a `cmd /c` runs: the rest of its command, carets applied, outer quotes off."""
    raw = text[start:end]
    start += len(raw) - len(raw.lstrip())
    end -= len(raw) - len(raw.rstrip())
    # The calling cmd.exe applies its own carets before the inner one sees the line.
    body = unescape_carets(text[start:end], budget) or text[start:end]
    if body.startswith('"'):
        close = body.rfind('"')
        body = body[1:close] if close > 0 else body[1:]
    return (body, start, end) if body.strip() else None


def _nested(text: str, budget: Budget) -> list[Decoded]:
    """Extract what `cmd /c "..."`, `cmd /k` and `cmd /r` run, as a layer of its own."""
    folded = text.lower()
    if "cmd" not in folded and "%comspec%" not in folded:
        return []
    found: list[Decoded] = []
    for begin, end in commands(text, budget):
        command = text[begin:end]
        lowered = command.lower()
        if "cmd" not in lowered and "%comspec%" not in lowered:
            continue
        spans: list[tuple[int, int]] | None = None
        for match in scan(_CMD_CALL, command, budget):
            if len(found) >= MAX_HITS:
                return found
            spans = quoted_spans(command) if spans is None else spans
            if inside(spans, match.start()):
                continue
            body = _nested_body(text, begin + match.end(), end, budget)
            if body is None:
                continue
            content, start, stop = body
            language = Lang.POWERSHELL if search(_PS_START, content) else None
            found.append(Decoded("cmd_nested", content, start, stop, language))
            break
    return found


def _powershell(text: str, budget: Budget) -> list[Decoded]:
    """Extract a command that starts PowerShell as a PowerShell layer."""
    folded = text.lower()
    if "powershell" not in folded and "pwsh" not in folded:
        return []
    found: list[Decoded] = []
    for begin, end in commands(text, budget):
        command = text[begin:end]
        lowered = command.lower()
        if "powershell" not in lowered and "pwsh" not in lowered:
            continue
        match = search(_PS_COMMAND, command)
        if match is None:
            continue
        start = begin + match.start("ps")
        content = text[start:end].rstrip()
        found.append(
            Decoded("cmd_powershell", content, start, start + len(content), Lang.POWERSHELL)
        )
        if len(found) >= MAX_HITS:
            break
    return found


PEELERS = {
    **REWRITE_PEELERS,
    "cmd_nested": Peeler("cmd_nested", "extract", _nested, BATCH, weight=5),
    "cmd_powershell": Peeler("cmd_powershell", "extract", _powershell, BATCH, weight=5),
    **ECHO_PEELERS,
}
