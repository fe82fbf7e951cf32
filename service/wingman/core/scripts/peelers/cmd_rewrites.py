"""Batch rewrites in pairs: the everyday use of a trick, and the use only hiding explains.

Batch utilities escape characters with carets, cut strings with %VAR:~x,y% and keep commands in
variables; that is how the language is written, and it weighs next to nothing. Dozens of carets
inside words, words spelled one substring at a time, and commands assembled from variables are
another matter. Each pair runs the heavy peeler first: it rewrites only when the use is unusual,
and the everyday peeler rewrites what is left. Both read the same resolution of the script.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.peelers.cmd_syntax import (
    BATCH,
    hiding_carets,
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


def _carets(heavy: bool) -> Callable[[str, Budget], list[Decoded]]:
    def run(text: str, budget: Budget) -> list[Decoded]:
        """Apply caret escapes outside quotes when they hide something (p^o^w^e^r^s^h^e^l^l)."""
        if "^" not in text:
            return []
        letters, continuations = hiding_carets(text, budget)
        if (heavy and letters < SPLIT_CARETS) or letters + continuations == 0:
            return []
        rewritten = unescape_carets(text, budget)
        name = "cmd_caret_split" if heavy else "cmd_caret"
        return [] if rewritten is None else [Decoded(name, rewritten, 0, len(text))]

    return run


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
    technique: str, kind: str, unusual: Callable[[tuple[Edit, ...]], bool] | None
) -> Callable[[str, Budget], list[Decoded]]:
    def run(text: str, budget: Budget) -> list[Decoded]:
        """Expand the references of one kind that the script's own `set` commands resolve."""
        if "%" not in text and "!" not in text:
            return []
        edits = _resolved(text, budget)
        if not edits or (unusual is not None and not unusual(edits)):
            return []
        chosen = [(edit.start, edit.end, edit.value) for edit in edits if edit.kind == kind]
        if not chosen:
            return []
        return [Decoded(technique, splice(text, chosen), 0, len(text))]

    return run


def _peeler(name: str, run: Callable[[str, Budget], list[Decoded]], weight: int) -> Peeler:
    return Peeler(name, "rewrite", run, BATCH, weight=weight)


PEELERS = {
    "cmd_caret_split": _peeler("cmd_caret_split", _carets(heavy=True), 25),
    "cmd_caret": _peeler("cmd_caret", _carets(heavy=False), 3),
    "cmd_substring_spelled": _peeler(
        "cmd_substring_spelled", _variables("cmd_substring_spelled", "substring", _spelled), 30
    ),
    "cmd_substring": _peeler("cmd_substring", _variables("cmd_substring", "substring", None), 3),
    "cmd_set_command": _peeler(
        "cmd_set_command", _variables("cmd_set_command", "plain", _commands_hidden), 25
    ),
    "cmd_set_concat": _peeler("cmd_set_concat", _variables("cmd_set_concat", "plain", None), 1),
}
