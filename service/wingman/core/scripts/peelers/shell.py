"""Bash/sh peelers: pipelines, eval and sh -c, $'...' strings, variables, embedded Python."""

from __future__ import annotations

from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.peelers.shell_embedded import heredocs, python_c
from wingman.core.scripts.peelers.shell_pipes import pipelines
from wingman.core.scripts.peelers.shell_vars import concatenations
from wingman.core.scripts.peelers.shell_words import (
    BASH,
    CASE,
    MAX_HITS,
    WORD,
    ansi_c,
    literal_word,
    quoting,
    scan,
    single_quote,
)
from wingman.core.scripts.safe_regex import compile_pattern, search
from wingman.core.scripts.types import Budget, Decoded, Lang

# `sh -c` is found at its "-c" and the shell looked for behind it: a search starting at every
# letter a shell's name may start with would try most positions of a script.
_EVAL = compile_pattern(
    rf"(?:(?<![\w./$-])(?P<eval>eval)(?P<args>(?:[ \t]+{WORD})+)"
    r"|(?<=(?<![\w./$-])(?P<shell>(?:(?:/usr)?/bin/)?(?:ba|z|k|da)?sh)[ \t]+)-c[ \t]+"
    rf"(?P<arg>{WORD}))(?=[ \t\r]*(?:[;&|)\n`#]|$))",
    CASE,
)
_WORD = compile_pattern(WORD, CASE)
# An eval of more literal words than this is bait, not a script.
MAX_EVAL_WORDS = 4096
_ANSI = compile_pattern(r"\$'(?P<body>(?:[^'\\]++|\\[\s\S])*+)'", CASE)
_OBFUSCATING_ESCAPE = compile_pattern(r"\\(?:[xuU][0-9a-fA-F]|[0-7])", CASE)
_CONTROL = compile_pattern(r"[\x00-\x08\x0b-\x1f\x7f]", CASE)


def _pipeline_peeler(technique: str, weight: int) -> Peeler:
    def run(text: str, budget: Budget) -> list[Decoded]:
        return [found for found in pipelines(text, budget) if found.technique == technique]

    return Peeler(technique, "extract", run, BASH, weight=weight)


def _eval_words(match_text: str) -> str | None:
    values: list[str] = []
    for word in scan(_WORD, match_text):
        value = literal_word(word.group(), ansi=False)
        if value is None or len(values) >= MAX_EVAL_WORDS:
            return None
        values.append(value)
    return " ".join(values)


def _eval(text: str, budget: Budget) -> list[Decoded]:
    """Unwrap `eval '...'`, `sh -c "..."`, `echo '...' | sh` and `bash <<< '...'` of literals."""
    quotes = quoting(text, budget)
    found = [item for item in pipelines(text, budget) if item.technique == "bash_eval"]
    for match in scan(_EVAL, text, budget):
        budget.check_time()
        start = match.start("eval") if match.group("eval") else match.start("shell")
        if quotes.opaque_at(start) or len(found) >= MAX_HITS:
            continue
        content = _eval_words(match.group("args") or match.group("arg"))
        if content and content.strip():
            found.append(Decoded("bash_eval", content, start, match.end(), Lang.BASH))
    return found


def _ansi_c(text: str, budget: Budget) -> list[Decoded]:
    """Rewrite $'\\x63\\x75\\x72\\x6c' strings as plain single-quoted ones."""
    if "$'" not in text:
        return []
    quotes = quoting(text, budget)
    parts: list[str] = []
    last = 0
    for match in scan(_ANSI, text, budget):
        budget.check_time()
        start = match.start()
        if quotes.opaque_at(start) or quotes.double_at(start):
            continue
        body = match.group("body")
        decoded = ansi_c(body) if search(_OBFUSCATING_ESCAPE, body) else None
        if decoded is None or search(_CONTROL, decoded) is not None:
            continue
        parts += [text[last:start], single_quote(decoded)]
        last = match.end()
    if not parts:
        return []
    return [Decoded("bash_ansi_c", "".join([*parts, text[last:]]), 0, len(text))]


PEELERS = {
    "bash_ansi_c": Peeler("bash_ansi_c", "rewrite", _ansi_c, BASH, weight=10),
    "bash_var_concat": Peeler("bash_var_concat", "rewrite", concatenations, BASH, weight=3),
    "bash_eval": Peeler("bash_eval", "extract", _eval, BASH, weight=10),
    # Installers run Python this way too: the layer is for the Python rules, not evidence.
    "bash_python_c": Peeler("bash_python_c", "extract", python_c, BASH, weight=2),
    "bash_heredoc_python": Peeler("bash_heredoc_python", "extract", heredocs, BASH, weight=2),
    **{
        name: _pipeline_peeler(name, weight)
        for name, weight in (
            ("bash_base64_pipe", 20),
            ("bash_rev", 20),
            ("bash_printf", 8),
            ("bash_xxd", 15),
            ("bash_gunzip", 15),
            ("bash_tr", 10),
        )
    },
}
