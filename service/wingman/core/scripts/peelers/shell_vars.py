"""Shell variables: substitute $NAME, ${NAME} and ${NAME:x:y} for variables set once to literals.

A variable qualifies when the script assigns it exactly once, unconditionally, to a literal
word (quotes and earlier qualifying variables allowed), and never reads it, loops over it or
unsets it. References before the assignment, inside single quotes or unquoted with a value
that would split or glob are left alone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from wingman.core.scripts.peelers.shell_words import (
    CASE,
    CHECK_EVERY,
    WORD,
    Quoting,
    double_quote_body,
    literal_word,
    quoting,
    scan,
)
from wingman.core.scripts.safe_regex import compile_pattern, search
from wingman.core.scripts.types import Budget, Decoded

# Both searches start at the "=" and look back for the name: starting at every identifier
# would try most positions of a script.
_ASSIGN = compile_pattern(
    r"(?<=(?:^|(?<=[;&|({]))[ \t]*(?:(?:export|local|readonly|declare(?:[ \t]+-[a-zA-Z]+)*)"
    rf"[ \t]+)?(?P<name>[A-Za-z_]\w*))=(?P<value>{WORD})?(?=[ \t\r]*(?:[;&|)\n#]|$))",
    CASE,
)
_ANY_ASSIGN = compile_pattern(
    r"(?<=(?<![\w$.\-])(?P<name>[A-Za-z_]\w*)(?:\[[^\]\n]*\])?\+?)=(?!=)", CASE
)
_OTHER_WRITES = compile_pattern(
    r"\b(?:read|unset|getopts|mapfile|readarray|let|select|for|printf[ \t]+-v)\b(?P<rest>[^;&|\n]*)"
    r"|\(\((?P<arith>[^)\n]*)\)\)",
    CASE,
)
_IDENTIFIER = compile_pattern(r"[A-Za-z_]\w*", CASE)
_REF = compile_pattern(
    r"(?<!\\)\$(?:(?P<plain>[A-Za-z_]\w*)|\{(?P<name>[A-Za-z_]\w*)"
    r"(?::[ \t]*(?P<offset>-?\d{1,9})(?::[ \t]*(?P<length>-?\d{1,9}))?"
    r"|(?P<op>//?|\#\#?|%%?|\^\^?|,,?)(?P<arg>[^}\n]{0,128}))?\})",
    CASE,
)
# Characters that make a ${name/pattern/...} pattern more than a literal.
_GLOB = frozenset("*?[\\")
_SAFE = compile_pattern(r"^[A-Za-z0-9_./:@%+,=\-]+$", CASE)
# Lines whose text becomes code: eval, sh -c, or a pipe into a shell or a decoder.
_RUNS_CODE = compile_pattern(
    r"\beval\b|\b(?:ba|z|k|da)?sh[ \t]+-c\b|<<<|\|[ \t]*(?:sudo[ \t]+)?(?:(?:/usr)?/bin/)?"
    r"(?:(?:ba|z|k|da)?sh|base64|base32|xxd|rev|tr|gunzip|zcat|openssl|python[23]?|perl)\b",
    CASE,
)
# What ends the text before a word that starts a command.
_COMMAND_MARKS = (";", "&", "|", "(", "{", "`", "!")
_COMMAND_WORDS = frozenset({"then", "do", "else", "elif", "if", "while", "until"})


@dataclass
class _Scan:
    """One top-to-bottom read of a script."""

    text: str
    budget: Budget
    quotes: Quoting
    qualified: set[str]
    env: dict[str, str] = field(default_factory=dict)
    edits: list[tuple[int, int, str]] = field(default_factory=list)
    size: int = 0
    # Whether some substitution builds code (see _reveals); only then is a layer worth it.
    revealing: bool = False
    code_lines: dict[int, bool] = field(default_factory=dict)


def _qualified(text: str, budget: Budget) -> set[str]:
    """Names assigned exactly once and written no other way."""
    counts: Counter[str] = Counter()
    for count, match in enumerate(scan(_ANY_ASSIGN, text, budget)):
        if count % CHECK_EVERY == 0:
            budget.check_time()
        counts[match.group("name")] += 1
    names = {name for name, seen in counts.items() if seen == 1}
    for match in scan(_OTHER_WRITES, text, budget):
        budget.check_time()
        written = match.group("rest") or match.group("arith") or ""
        names.difference_update(found.group() for found in scan(_IDENTIFIER, written, budget))
    return names


def substring(value: str, offset: int, length: int | None) -> str | None:
    """Apply ${NAME:offset:length} as bash does; None where bash reports an error."""
    size = len(value)
    start = offset if offset >= 0 else size + offset
    if start < 0 or start > size:
        return ""
    if length is None:
        return value[start:]
    end = start + length if length >= 0 else size + length
    return None if end < start else value[start:end]


def _value(match: regex.Match[str], env: dict[str, str]) -> str | None:
    name = match.group("plain") or match.group("name")
    value = env.get(name)
    if value is None:
        return None
    if match.group("op") is not None:
        return expand(value, match.group("op"), match.group("arg"))
    if match.group("offset") is None:
        return value
    length = match.group("length")
    return substring(value, int(match.group("offset")), None if length is None else int(length))


def expand(value: str, op: str, arg: str) -> str | None:
    """Apply ${name/a/b}, ${name//a/b}, ${name#a}, ${name%a}, ${name^^}, ${name,,} to a value.

    Only literal patterns are followed; None for globs, anchors and case patterns.
    """
    if op in ("^", "^^", ",", ",,"):
        if arg:
            return None
        change = str.upper if op[0] == "^" else str.lower
        return change(value) if len(op) == 2 else change(value[:1]) + value[1:]
    if _GLOB.intersection(arg):
        return None
    if op[0] == "/":
        pattern, _, replacement = arg.partition("/")
        if not pattern or pattern[0] in "#%":
            return None
        return value.replace(pattern, replacement, -1 if op == "//" else 1)
    if op[0] == "#":
        return value.removeprefix(arg)
    return value.removesuffix(arg)


def _reference(state: _Scan, match: regex.Match[str]) -> None:
    if state.quotes.literal_at(match.start()):
        return
    value = _value(match, state.env)
    if value is None:
        return
    if state.quotes.double_at(match.start()):
        value = double_quote_body(value)
    elif value and not _safe(value):
        return
    if not state.revealing:
        state.revealing = _reveals(state, match)
    state.edits.append((match.start(), match.end(), value))
    state.size += len(value)


def _reveals(state: _Scan, match: regex.Match[str]) -> bool:
    """Tell whether a substitution builds code rather than feed a message or a test.

    It does when it starts a command, joins another substitution, cuts or edits the value, or sits
    on a line that runs its text (eval, sh -c, a pipe into a shell or a decoder).
    """
    start = match.start()
    cut = match.group("offset") is not None or match.group("op") is not None
    if cut or (state.edits and state.edits[-1][1] == start):
        return True
    line = state.text.rfind("\n", 0, start) + 1
    if _starts_command(state.text[max(line, start - 64) : start]):
        return True
    if line not in state.code_lines:
        end = state.text.find("\n", start)
        body = state.text[line : end if end >= 0 else len(state.text)]
        state.code_lines[line] = search(_RUNS_CODE, body) is not None
    return state.code_lines[line]


def _starts_command(before: str) -> bool:
    """Tell whether a word after this text on its line starts a command."""
    before = before.rstrip(" \t").removesuffix('"').rstrip(" \t")
    if not before or before.endswith(_COMMAND_MARKS):
        return True
    return before.rsplit(None, 1)[-1] in _COMMAND_WORDS


@lru_cache(maxsize=1024)
def _safe(value: str) -> bool:
    """Tell whether a value can stand unquoted without splitting, globbing or operators."""
    return search(_SAFE, value) is not None


def _assignment(state: _Scan, match: regex.Match[str]) -> None:
    name = match.group("name")
    position = match.start("name")
    if name not in state.qualified or state.quotes.opaque_at(position):
        return
    if state.quotes.double_at(position):
        return
    word = match.group("value")
    value = "" if word is None else literal_word(word, state.env)
    if value is not None and len(value) <= state.budget.max_layer_chars:
        state.env[name] = value


def _events(state: _Scan) -> list[tuple[int, bool, regex.Match[str]]]:
    events = [
        (found.start("name"), True, found) for found in scan(_ASSIGN, state.text, state.budget)
    ]
    events += [(found.start(), False, found) for found in scan(_REF, state.text, state.budget)]
    events.sort(key=lambda event: (event[0], not event[1]))
    return events


def concatenations(text: str, budget: Budget) -> list[Decoded]:
    """Substitute qualifying variables (a='cu'; b='rl'; $a$b ...)."""
    if "$" not in text or "=" not in text:
        return []
    state = _Scan(text, budget, quoting(text, budget), _qualified(text, budget))
    if not state.qualified:
        return []
    for count, (_, is_assignment, match) in enumerate(_events(state)):
        if count % CHECK_EVERY == 0:
            budget.check_time()
        if is_assignment:
            _assignment(state, match)
        else:
            _reference(state, match)
        if state.size > budget.max_layer_chars:
            return []
    if not state.edits or not state.revealing:
        return []
    parts: list[str] = []
    last = 0
    for start, end, value in state.edits:
        parts += [text[last:start], value]
        last = end
    return [Decoded("bash_var_concat", "".join([*parts, text[last:]]), 0, len(text))]
