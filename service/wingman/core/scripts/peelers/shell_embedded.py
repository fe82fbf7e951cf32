"""Python inside shell scripts: `python -c '...'` and here-documents fed to python or a .py file.

The text is in plain sight, but Python rules only read Python layers: giving the embedded
code its own layer lets them see what a shell dropper hands to the interpreter.
"""

from __future__ import annotations

import regex

from wingman.core.scripts.peelers.shell_words import (
    CASE,
    MAX_HITS,
    WORD,
    literal_word,
    quoting,
    scan,
)
from wingman.core.scripts.safe_regex import compile_pattern, search
from wingman.core.scripts.types import Budget, Decoded, Lang

_END = r"(?=[ \t\r]*(?:[;&|)\n`#]|$))"
_PYTHON = r"(?:/usr(?:/local)?/bin/)?python(?:[23](?:\.\d{1,2})?)?"
# Found at its "-c" with the interpreter looked for behind it (see shell._EVAL).
_PYTHON_C = compile_pattern(
    rf"(?<=(?<![\w./$-])(?P<python>{_PYTHON})(?:[ \t]{{1,8}}-[A-Za-z]{{1,3}}){{0,4}}[ \t]{{1,8}})"
    rf"-c[ \t]+(?P<arg>{WORD}){_END}",
    CASE,
)
# `python - <<EOF`, `python3 <<'EOF'`, `cat > x.py <<EOF`, `tee a.py <<-EOF`: the word that ends it.
_HEREDOC = compile_pattern(
    rf"(?<![\w./$-])(?:(?P<python>{_PYTHON})(?:[ \t]{{1,8}}-[A-Za-z]{{0,3}}){{0,4}}"
    r"|(?:cat|tee)[ \t]+(?:-a[ \t]+)?>{0,2}[ \t]*[\"']?[\w./$-]{1,120}\.pyw?[\"']?)"
    r"[ \t]*<<(?P<dash>-?)[ \t]*(?P<quote>[\"']?)(?P<word>[A-Za-z_]\w{0,30})(?P=quote)"
    r"[^\n]{0,200}\n",
    CASE,
)
# A here-document larger than this is data, not a script worth its own layer.
MAX_HEREDOC_CHARS = 1024 * 1024


def python_c(text: str, budget: Budget) -> list[Decoded]:
    """Extract the code of `python -c '<literal>'` as a Python layer."""
    if "python" not in text or "-c" not in text:
        return []
    quotes = quoting(text, budget)
    found: list[Decoded] = []
    for match in scan(_PYTHON_C, text, budget):
        budget.check_time()
        start = match.start("python")
        if quotes.opaque_at(start) or len(found) >= MAX_HITS:
            continue
        code = literal_word(match.group("arg"), ansi=False)
        if code and code.strip():
            found.append(Decoded("bash_python_c", code, start, match.end(), Lang.PYTHON))
    return found


def heredocs(text: str, budget: Budget) -> list[Decoded]:
    """Extract here-documents that python reads or that become .py files, as Python layers."""
    if "<<" not in text or "py" not in text:
        return []
    quotes = quoting(text, budget)
    found: list[Decoded] = []
    # Each here-document is read up to its end word: count the reads, found or not, so that
    # a run of unterminated starts cannot make the scan quadratic.
    reads = 0
    for match in scan(_HEREDOC, text, budget):
        budget.check_time()
        if quotes.opaque_at(match.start()):
            continue
        reads += 1
        if reads > MAX_HITS:
            break
        body = _body(text, match, budget.max_layer_chars)
        if body is not None and body.strip():
            found.append(
                Decoded("bash_heredoc_python", body, match.start(), match.end(), Lang.PYTHON)
            )
    return found


def _body(text: str, match: regex.Match[str], limit: int) -> str | None:
    """Return the lines between a here-document's start and its end word, or None."""
    start = match.end()
    tabs = "\t*" if match.group("dash") else ""
    end_word = compile_pattern(rf"^{tabs}{match.group('word')}\r?$", CASE)
    window = text[start : start + min(limit, MAX_HEREDOC_CHARS)]
    end = search(end_word, window)
    if end is None:
        return None
    lines = window[: end.start()].split("\n")[:-1]
    return "\n".join(
        line.rstrip("\r").lstrip("\t") if tabs else line.rstrip("\r") for line in lines
    )
