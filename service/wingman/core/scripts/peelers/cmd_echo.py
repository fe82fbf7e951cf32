"""Files a batch script writes line by line with echo, recovered as layers of their own.

Droppers carry a VBScript, a JScript or another batch file as `echo ... >> file` lines; joined,
the script is judged in its own language (registry, FTP and IRC files written the same way are
judged on the echo lines themselves: the batch rules read them there). The script is read top to
bottom: `>` starts a file over, `>>` appends, `>file echo ...` counts too, and a parenthesised
block redirected as a whole (`( echo a & echo b ) > file`) writes every echo inside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.peelers.cmd_syntax import BATCH, commands, unescape_carets
from wingman.core.scripts.safe_regex import compile_pattern, search
from wingman.core.scripts.types import Budget, Decoded, Lang

# Files one script writes that are followed; the rest are ignored.
MAX_FILES = 16

_LANGUAGES = {
    "vbs": Lang.VBSCRIPT, "vbe": Lang.VBSCRIPT, "vba": Lang.VBSCRIPT, "wsf": Lang.VBSCRIPT,
    "hta": Lang.VBSCRIPT, "js": Lang.JAVASCRIPT, "jse": Lang.JAVASCRIPT, "bat": Lang.BATCH,
    "cmd": Lang.BATCH, "btm": Lang.BATCH, "ps1": Lang.POWERSHELL, "psm1": Lang.POWERSHELL,
    "sh": Lang.BASH, "py": Lang.PYTHON,
}  # fmt: skip

_FILE = r"(?P<file>\"[^\"\r\n]+\"|[^\s\"&|<>()]+)"
_REDIRECT = r"(?<![\d^])1?(?P<op>>>?)\s*" + _FILE
# An echo and what it writes: `echo.` and `echo(` write an empty line.
_ECHO = compile_pattern(r"^[\s@]*echo(?P<body>[\s.(:;,=+/\[\]\\].*)?$", regex.I | regex.S)
# `... > file` at the end of a command, `>file ...` at its start.
_TRAILING = compile_pattern(r"\s*" + _REDIRECT + r"\s*$")
_LEADING = compile_pattern(r"^[\s@]*" + _REDIRECT + r"(?:\s+|\s*$)")
# The `)` that closes a block, after an optional echo on the same command (`echo b) > f`).
_CLOSE = compile_pattern(r"(?<!\^)\)\s*(?:" + _REDIRECT + r")?\s*$")


@dataclass
class _File:
    """One file being written: its lines and where in the script they came from."""

    lines: list[str] = field(default_factory=list)
    start: int = -1
    end: int = -1


@dataclass
class _Read:
    """The state of one read of the script."""

    budget: Budget
    files: dict[str, _File] = field(default_factory=dict)
    # Echo lines of every open block, innermost last, waiting for a redirect of the block.
    blocks: list[tuple[int, list[str]]] = field(default_factory=list)


def _line(body: str | None, budget: Budget) -> str:
    """What one echo writes, carets and doubled percent signs applied."""
    if not body:
        return ""
    text = body[1:].rstrip()
    text = unescape_carets(text, budget) or text
    return text.replace("%%", "%")


def _write(read: _Read, name: str, op: str, lines: list[str], start: int, end: int) -> None:
    key = name.strip('"').lower()
    target = read.files.get(key)
    if target is None:
        if len(read.files) >= MAX_FILES:
            return
        target = read.files[key] = _File(start=start)
    if op == ">":
        target.lines = []
    target.lines.extend(lines)
    target.end = end


def _redirect(command: str) -> tuple[str, str, str] | None:
    """Split `echo x > f` or `>f echo x` into (command, operator, file)."""
    match = search(_TRAILING, command)
    if match is not None:
        return command[: match.start()], match.group("op"), match.group("file")
    match = search(_LEADING, command)
    if match is not None:
        return command[match.end() :], match.group("op"), match.group("file")
    return None


def _echo(read: _Read, command: str, start: int, end: int) -> None:
    """Apply one command that may echo, into a file or into the innermost open block."""
    redirect = _redirect(command) if ">" in command else None
    if redirect is None and not read.blocks:
        # An echo to the console.
        return
    body = command if redirect is None else redirect[0]
    match = search(_ECHO, body)
    if match is None:
        return
    line = _line(match.group("body"), read.budget)
    if redirect is not None:
        _write(read, redirect[2], redirect[1], [line], start, end)
    elif read.blocks:
        read.blocks[-1][1].append(line)


def _close(read: _Read, op: str | None, name: str | None, start: int, end: int) -> None:
    """Close the innermost block: its lines go to its redirect, else to the block around it."""
    opened, lines = read.blocks.pop()
    if op and name:
        _write(read, name, op, lines, opened, end)
    elif read.blocks:
        read.blocks[-1][1].extend(lines)


def _command(read: _Read, command: str, start: int, end: int) -> None:
    """Follow one command: block openings and closings, and what it echoes where."""
    stripped = command.lstrip(" \t@")
    if stripped.startswith(")") and read.blocks:
        rest = stripped[1:]
        leading = search(_LEADING, rest)
        if leading is None:
            _close(read, None, None, start, end)
        else:
            _close(read, leading.group("op"), leading.group("file"), start, end)
            rest = rest[leading.end() :]
        stripped = rest.lstrip(" \t@")
    if stripped.startswith("("):
        read.blocks.append((start, []))
        stripped = stripped[1:]
    closing = search(_CLOSE, stripped) if read.blocks and ")" in stripped else None
    if closing is not None:
        _echo(read, stripped[: closing.start()], start, end)
        _close(read, closing.group("op"), closing.group("file"), start, end)
        return
    _echo(read, stripped, start, end)
    if stripped.rstrip().endswith("(") and not stripped.rstrip().endswith("^("):
        read.blocks.append((start, []))


def _relevant(command: str, *, open_blocks: bool) -> bool:
    """Tell whether a command may echo into a file or open or close a block (most do not)."""
    head = command.lstrip(" \t@")[:5].lower()
    if head.startswith(("echo", "(", ")", ">", "1>")):
        return True
    tail = command.rstrip()
    return tail.endswith("(") or (open_blocks and ")" in tail and "echo" in command.lower())


def _language(name: str) -> Lang | None:
    """Return the language of a script by its file name; None when it is not a script."""
    extension = name.strip('"').rsplit(".", 1)[-1].lower() if "." in name else ""
    return _LANGUAGES.get(extension)


def _files(text: str, budget: Budget) -> list[Decoded]:
    """Extract every file the script writes with echo, in the order first written."""
    lowered = text.lower()
    if "echo" not in lowered or ">" not in text:
        return []
    read = _Read(budget)
    for start, end in commands(text, budget):
        command = text[start:end]
        if _relevant(command, open_blocks=bool(read.blocks)):
            _command(read, command, start, end)
    found: list[Decoded] = []
    for name, written in read.files.items():
        language = _language(name)
        content = "\n".join(written.lines)
        if language is None or not content.strip():
            continue
        found.append(Decoded("cmd_echo_file", content + "\n", written.start, written.end, language))
    return found


PEELERS = {"cmd_echo_file": Peeler("cmd_echo_file", "extract", _files, BATCH, weight=0)}
