"""Batch variables: follow the script's own `set` commands and expand %VAR% and %VAR:~x,y%.

The script is read top to bottom, one command at a time, as delayed expansion or `call` would
see it. A variable set inside a block, a loop or a condition, or by `set /a` or `set /p`, is
unknown until the next plain `set`, and a reference to an unknown variable is left untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from wingman.core.scripts.peelers.cmd_syntax import commands, scan, unescape_carets
from wingman.core.scripts.safe_regex import compile_pattern, finditer, search
from wingman.core.scripts.types import Budget

# cmd.exe accepts nearly any character in a name; DOSfuscation likes names made of punctuation.
_FIRST = r"[a-zA-Z_$#@{}\[\].?\-"
_REST = r"[\w$#@{}\[\].?\-"


def _reference(delimiter: str, prefix: str) -> str:
    """Build the pattern of one %VAR%-style reference with its optional :~x,y or :a=b part."""
    d, p = delimiter, prefix
    bang = "" if d == "!" else "!"
    return (
        f"{d}(?P<{p}name>{_FIRST}{bang}]{_REST}{bang}]{{0,63}})"
        rf"(?::~(?P<{p}start>-?\d{{1,9}})(?:,(?P<{p}len>-?\d{{1,9}}))?"
        rf"|:(?P<{p}old>[^{d}=\r\n]*)=(?P<{p}new>[^{d}\r\n]*))?{d}"
    )


# Case does not matter to any part of a reference, and matching without folding is faster.
_REF = compile_pattern(f"(?P<pct>%%)|{_reference('%', '')}|{_reference('!', 'd')}", 0)
_SET = compile_pattern(
    r"^[\s@(]*set(?P<opt>\s*/[ap])?(?:\s+|(?=\"))(?P<arg>.*)$", regex.I | regex.S
)
_ANY_SET = compile_pattern(r"\bset\s*(?:/[ap]\s*)?\"?(?P<name>[^=\s\"&|]+)\s*=")
# `cmd /v` turns delayed expansion on too; read where the text names cmd.
_CMD_V = compile_pattern(r"^cmd(?:\.exe)?(?:\s*/[a-uw-z](?::\w+)?)*\s*/v\b")
_BLOCK_OPEN = compile_pattern(r"^\s*@?\s*(?:if|for)\b.*\(\s*$", regex.I | regex.S)

# Stock Windows values, used only for substrings (DOSfuscation builds words from %COMSPEC:~x,1%).
_DEFAULTS = {
    "COMSPEC": r"C:\WINDOWS\system32\cmd.exe",
    "WINDIR": r"C:\WINDOWS",
    "SYSTEMROOT": r"C:\WINDOWS",
    "PUBLIC": r"C:\Users\Public",
    "PROGRAMDATA": r"C:\ProgramData",
    "ALLUSERSPROFILE": r"C:\ProgramData",
    "PROGRAMFILES": r"C:\Program Files",
    "COMMONPROGRAMFILES": r"C:\Program Files\Common Files",
    "PATHEXT": ".COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC",
}


# A reference found by a scan, with the offset of the text the scan read.
_Ref = tuple[int, regex.Match[str]]


@dataclass(frozen=True, slots=True)
class Edit:
    """One resolved reference: where it is, what it expands to, and its kind."""

    start: int
    end: int
    value: str
    # 'plain' (%VAR%) or 'substring' (%VAR:~x,y% and %VAR:a=b%).
    kind: str
    # The reference is part of the first word of its command (the program cmd.exe runs).
    in_word: bool
    # Where its command starts and ends.
    command: tuple[int, int]


@dataclass
class _Scan:
    """The state of one read of the script."""

    budget: Budget
    delayed: bool
    env: dict[str, str] = field(default_factory=dict)
    opaque: set[str] = field(default_factory=set)
    edits: list[Edit] = field(default_factory=list)
    depth: int = 0
    size: int = 0


def substring(value: str, start: int, length: int | None) -> str:
    """Apply %VAR:~start,length% the way cmd.exe does, negative numbers included."""
    size = len(value)
    begin = max(0, size + start) if start < 0 else min(start, size)
    if length is None:
        return value[begin:]
    end = size + length if length < 0 else begin + length
    return value[begin:end] if end > begin else ""


def _replace(value: str, old: str, new: str) -> str | None:
    """Apply %VAR:old=new% (case-insensitive; a leading * replaces through the first match)."""
    folded, target = value.lower(), old.lstrip("*").lower()
    if not target or len(folded) != len(value):
        return None
    if old.startswith("*"):
        found = folded.find(target)
        return None if found < 0 else new + value[found + len(target) :]
    parts: list[str] = []
    last = 0
    found = folded.find(target)
    while found >= 0:
        parts += [value[last:found], new]
        last = found + len(target)
        found = folded.find(target, last)
    return "".join([*parts, value[last:]])


def _lookup(
    match: regex.Match[str], env: dict[str, str], opaque: set[str]
) -> tuple[str, str] | None:
    """Return the value of one reference and its kind ('plain' or 'substring')."""
    d = "" if match.group("name") else "d"
    name = match.group(d + "name").upper()
    start, old = match.group(d + "start"), match.group(d + "old")
    if start is None and old is None:
        return (env[name], "plain") if name in env else None
    if name in opaque:
        return None
    value = env.get(name, _DEFAULTS.get(name))
    if value is None:
        return None
    if start is not None:
        length = match.group(d + "len")
        return substring(value, int(start), None if length is None else int(length)), "substring"
    replaced = _replace(value, old, match.group(d + "new"))
    return None if replaced is None else (replaced, "substring")


def _word_end(command: str) -> int:
    """Return where the first word of a command (the program cmd.exe runs) ends."""
    index, size = 0, len(command)
    while index < size and command[index] in " \t@(":
        index += 1
    while index < size and command[index] not in " \t&|<>()":
        index += 1
    return index


def _expand(state: _Scan, command: str, offset: int, refs: list[_Ref]) -> str | None:
    """Expand one command's references; None when the output would pass the layer bound."""
    word_end = offset + _word_end(command)
    parts: list[str] = []
    last = offset
    for shift, match in refs:
        if match.group("dname") and not state.delayed:
            continue
        found = _lookup(match, state.env, state.opaque)
        if found is None:
            continue
        value, kind = found
        start, end = shift + match.start(), shift + match.end()
        parts += [command[last - offset : start - offset], value]
        last = end
        command_span = (offset, offset + len(command))
        state.edits.append(Edit(start, end, value, kind, start < word_end, command_span))
        state.size += len(value)
        if state.size > state.budget.max_layer_chars or len(state.edits) > 1 << 16:
            return None
    return "".join([*parts, command[last - offset :]]) if parts else command


def _references(text: str, budget: Budget, delayed: bool) -> list[_Ref]:
    """Every %VAR% (and, with delayed expansion, !VAR!) reference in the text, in order."""
    if "%" not in text and not (delayed and "!" in text):
        return []
    return [(0, match) for match in scan(_REF, text, budget) if not match.group("pct")]


def _in_command(
    refs: list[_Ref], at: int, command: str, start: int, budget: Budget
) -> tuple[list[_Ref], int]:
    """The references inside one command, and where the next command's start in the list."""
    end = start + len(command)
    inside: list[_Ref] = []
    while at < len(refs) and refs[at][1].start() < end:
        if refs[at][1].start() >= start:
            inside.append(refs[at])
        at += 1
    if inside and inside[-1][1].end() > end:
        # A reference read across a command separator: read this command on its own.
        inside = [(start, m) for m in scan(_REF, command, budget) if not m.group("pct")]
    return inside, at


def _parse_set(argument: str) -> tuple[str, str, bool] | None:
    """Split a set argument into (name, value, quoted); None when it assigns nothing."""
    quoted = argument.startswith('"')
    if quoted:
        close = argument.rfind('"')
        argument = argument[1:close] if close > 0 else argument[1:]
    name, equals, value = argument.partition("=")
    if not equals or not name.strip():
        return None
    return name.lstrip().upper(), value, quoted


def _assign(state: _Scan, command: str) -> None:
    """Apply a plain set command to the environment; forget variables set any other way."""
    match = search(_SET, command)
    conditional = state.depth > 0 or match is None or match.group("opt") is not None
    parsed = None if match is None else _parse_set(match.group("arg"))
    if conditional or parsed is None:
        for other in finditer(_ANY_SET, command):
            state.env.pop(other.group("name").upper(), None)
        return
    name, value, quoted = parsed
    if not quoted:
        value = unescape_carets(value, state.budget) or value
        if command.lstrip(" \t@").startswith("(") and value.endswith(")"):
            value = value[:-1]
    # A value that still holds a reference we could not resolve (%TEMP%) reads back as written,
    # but cutting it would cut the reference, not its value.
    if "%" in value and any(not m.group("pct") for m in finditer(_REF, value)):
        state.opaque.add(name)
    else:
        state.opaque.discard(name)
    if value and len(value) <= state.budget.max_layer_chars:
        state.env[name] = value
    else:
        state.env.pop(name, None)


def _track_blocks(state: _Scan, command: str) -> None:
    stripped = command.strip()
    if stripped.startswith(")"):
        state.depth = max(0, state.depth - 1)
    opens = stripped.endswith("(") and (
        stripped.startswith(")") or search(_BLOCK_OPEN, stripped) is not None
    )
    if opens:
        state.depth += 1


def _delayed(folded: str) -> bool:
    """Tell whether the script turns delayed expansion (!VAR!) on."""
    if "enabledelayedexpansion" in folded or "/v:on" in folded:
        return True
    if "/v" not in folded:
        return False
    at = folded.find("cmd")
    while at >= 0:
        before = folded[at - 1 : at]
        if not (before.isalnum() or before in "_.") and search(_CMD_V, folded[at : at + 80]):
            return True
        at = folded.find("cmd", at + 3)
    return False


def resolve(text: str, budget: Budget) -> list[Edit]:
    """Return an edit for every reference the script's own `set` commands let us resolve."""
    delayed = _delayed(text.lower())
    refs = _references(text, budget, delayed)
    if not refs:
        return []
    state = _Scan(budget, delayed=delayed)
    at = 0
    for start, end in commands(text, budget):
        command = text[start:end]
        inside, at = _in_command(refs, at, command, start, budget)
        # Most commands hold no reference, set no variable and open no block.
        if inside:
            expanded = _expand(state, command, start, inside)
            if expanded is None:
                return []
            command = expanded
        if "(" in command or ")" in command:
            _track_blocks(state, command)
        if "=" in command and "set" in command.lower():
            _assign(state, command)
    return state.edits
