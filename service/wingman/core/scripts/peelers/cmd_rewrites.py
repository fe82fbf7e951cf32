"""Batch rewrites in pairs: the everyday use of a trick, and the use only hiding explains.

Batch utilities escape characters with carets, cut strings with %VAR:~x,y% and keep commands in
variables; that is how the language is written, and it weighs next to nothing. Dozens of carets
inside words, words spelled one substring at a time, and commands assembled from variables are
another matter. Each pair has a heavy peeler that rewrites the whole text when the use is
unusual, and an everyday one that otherwise extracts just the commands it changes (a copy of the
whole script would cost a layer for nothing). Both read the same resolution of the script.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.peelers.cmd_syntax import (
    BATCH,
    hiding_carets,
    lines_around,
    splice,
    unescape_carets,
)
from wingman.core.scripts.peelers.cmd_vars import Edit, resolve
from wingman.core.scripts.types import Budget, Decoded

# Carets before letters or digits that make a text obfuscated rather than escaped.
SPLIT_CARETS = 3
# Substrings of at most this many characters spell a word letter by letter.
SPELLING_CHARS = 2
# Glued letter-by-letter substrings, or such substrings in all, that make a text obfuscated.
SPELLED_RUN = 3
SPELLED_TOTAL = 8
# Commands whose program name comes out of variables that make a text obfuscated.
HIDDEN_COMMANDS = 3


@dataclass(frozen=True, slots=True)
class _Resolution:
    """What the variable peelers found in one text, shared by both peelers of each pair."""

    text: str
    edits: tuple[Edit, ...]


class _LastResolution:
    """The last text resolved: the heavy and the everyday peeler of a pair read the same one."""

    def __init__(self) -> None:
        self._last: _Resolution | None = None

    def __call__(self, text: str, budget: Budget) -> tuple[Edit, ...]:
        last = self._last
        if last is not None and last.text is text:
            return last.edits
        found = _Resolution(text, tuple(resolve(text, budget)))
        self._last = found
        return found.edits


_resolved = _LastResolution()


class _LastCarets:
    """The carets of the last text read: both caret peelers of a layer look at them."""

    def __init__(self) -> None:
        self._last: tuple[str, tuple[int, list[int]]] | None = None

    def __call__(self, text: str, budget: Budget) -> tuple[int, list[int]]:
        last = self._last
        if last is not None and last[0] is text:
            return last[1]
        found = hiding_carets(text, budget)
        self._last = (text, found)
        return found


_carets = _LastCarets()


def _split_carets(text: str, budget: Budget) -> list[Decoded]:
    """Apply caret escapes outside quotes when carets split words (p^o^w^e^r^s^h^e^l^l)."""
    if "^" not in text:
        return []
    letters, _ = _carets(text, budget)
    if letters < SPLIT_CARETS:
        return []
    rewritten = unescape_carets(text, budget)
    return [] if rewritten is None else [Decoded("cmd_caret_split", rewritten, 0, len(text))]


def _few_carets(text: str, budget: Budget) -> list[Decoded]:
    """Extract the lines where a few carets hide something, with the carets applied."""
    if "^" not in text:
        return []
    letters, positions = _carets(text, budget)
    if not positions or letters >= SPLIT_CARETS:
        return []
    regions = lines_around(text, positions)
    lines = [unescape_carets(text[start:end], budget) or text[start:end] for start, end in regions]
    content = "\n".join(line.strip() for line in lines) + "\n"
    return [Decoded("cmd_caret", content, regions[0][0], regions[-1][1])]


def _spelled(edits: tuple[Edit, ...]) -> bool:
    """Tell whether substrings spell words letter by letter."""
    total = run = 0
    last_end = -1
    for edit in edits:
        if edit.kind != "substring" or len(edit.value) > SPELLING_CHARS:
            last_end = -1
            continue
        total += 1
        run = run + 1 if edit.start == last_end else 1
        last_end = edit.end
        if run >= SPELLED_RUN or total >= SPELLED_TOTAL:
            return True
    return False


def _commands_hidden(edits: tuple[Edit, ...]) -> bool:
    """Tell whether the programs a script runs are assembled from its variables."""
    hidden = 0
    last_end = -1
    for edit in edits:
        # A path in a variable (%JAVA_HOME%\bin\java) is how scripts find their tools.
        if edit.kind != "plain" or not edit.in_word or any(c in edit.value for c in "\\/:"):
            last_end = -1
            continue
        if edit.start == last_end:
            return True
        hidden += edit.start != last_end
        last_end = edit.end
        if hidden >= HIDDEN_COMMANDS:
            return True
    return False


def _variables(
    technique: str, kind: str, unusual: Callable[[tuple[Edit, ...]], bool]
) -> Callable[[str, Budget], list[Decoded]]:
    def run(text: str, budget: Budget) -> list[Decoded]:
        """Expand, in the whole text, the references of one kind when their use is unusual."""
        if "%" not in text and "!" not in text:
            return []
        edits = _resolved(text, budget)
        if not edits or not unusual(edits):
            return []
        chosen = [(edit.start, edit.end, edit.value) for edit in edits if edit.kind == kind]
        if not chosen:
            return []
        return [Decoded(technique, splice(text, chosen), 0, len(text))]

    return run


def _assigns(command: str) -> bool:
    """Tell whether a command only assigns a variable (`set x=...`, `@set "y=..."`)."""
    stripped = command.lstrip(" \t@(")
    return stripped[:3].lower() == "set" and stripped[3:4] in ("", " ", "\t", '"', "/")


def _filled_in(
    technique: str, kind: str, unusual: Callable[[tuple[Edit, ...]], bool]
) -> Callable[[str, Budget], list[Decoded]]:
    def run(text: str, budget: Budget) -> list[Decoded]:
        """Extract the commands that use references of one kind, with the values filled in.

        Everyday expansion needs no copy of the whole script: the commands it changes are
        what a reader (and a rule) needs to see, and `set` commands only carry values along.
        """
        if "%" not in text and "!" not in text:
            return []
        resolved = _resolved(text, budget)
        if not resolved or unusual(resolved):
            # The heavy peeler of the pair rewrites the whole text instead.
            return []
        by_command: dict[tuple[int, int], list[Edit]] = {}
        for edit in resolved:
            if edit.kind == kind:
                by_command.setdefault(edit.command, []).append(edit)
        lines: list[str] = []
        spans: list[tuple[int, int]] = []
        for (start, end), edits in by_command.items():
            command = text[start:end]
            if _assigns(command):
                continue
            shifted = [(e.start - start, e.end - start, e.value) for e in edits]
            lines.append(splice(command, shifted).strip())
            spans.append((start, end))
        if not lines:
            return []
        content = "\n".join(lines) + "\n"
        return [Decoded(technique, content, spans[0][0], spans[-1][1])]

    return run


def _peeler(name: str, run: Callable[[str, Budget], list[Decoded]], weight: int) -> Peeler:
    return Peeler(name, "rewrite", run, BATCH, weight=weight)


def _extract(name: str, run: Callable[[str, Budget], list[Decoded]], weight: int) -> Peeler:
    return Peeler(name, "extract", run, BATCH, weight=weight)


PEELERS = {
    "cmd_caret_split": _peeler("cmd_caret_split", _split_carets, 25),
    "cmd_caret": _extract("cmd_caret", _few_carets, 3),
    "cmd_substring_spelled": _peeler(
        "cmd_substring_spelled", _variables("cmd_substring_spelled", "substring", _spelled), 30
    ),
    "cmd_substring": _extract(
        "cmd_substring", _filled_in("cmd_substring", "substring", _spelled), 3
    ),
    "cmd_set_command": _peeler(
        "cmd_set_command", _variables("cmd_set_command", "plain", _commands_hidden), 25
    ),
    "cmd_set_concat": _extract(
        "cmd_set_concat", _filled_in("cmd_set_concat", "plain", _commands_hidden), 1
    ),
}
