"""How PowerShell reads a script, as far as the rewrites need: strings, comments and a mask.

The mask has the text's length, so offsets carry over: a string whose value is known becomes
`'` + U+0001 fill + `'`, any other string `"` + U+0002 fill, a comment blanks. Patterns run on
the mask, where a literal cannot be confused with code, and read values by offset.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

import regex

from wingman.core.scripts.peelers.scanning import match_at, scan_text, timeout_for
from wingman.core.scripts.safe_regex import compile_pattern
from wingman.core.scripts.types import Budget, Decoded, Lang

POWERSHELL = frozenset({Lang.POWERSHELL})
SQ = "'\u2018\u2019\u201a\u201b"
DQ = '"\u201c\u201d\u201e'
# A string literal of known value, an integer and a [char] code, as patterns on the mask.
LIT = r"'\x01*+'"
NUM = r"(?:0x[0-9a-f]{1,6}|[0-9]{1,7})"
CHAR = rf"\[char\]\s*+(?:{NUM}|\(\s*+{NUM}\s*+\))"
MAX_PASSES = 24
MAX_HITS = 4096
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "e": "\x1b", "f": "\f", "n": "\n", "r": "\r"}
_ESCAPES |= {"t": "\t", "v": "\v"}
_CODE_MASK = str.maketrans(dict.fromkeys(SQ + DQ, "\x04") | {"\x01": "\x03", "\x02": "\x03"})

# Unicode White_Space, which is what `regex` reads as \s (the standard `re` also counts
# \x1c-\x1f, which PowerShell does not).
_BLANK = "\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# Every token but a double-quoted string: none has nested parts, so the standard `re` can read
# them, several times faster than `regex` (possessive, linear; see scanning).
_PLAIN_TOKEN_SYNTAX = (
    r"`[\s\S]?"
    r"|(?P<here>@(?P<hq>['\"])[ \t]*+\r?\n(?P<hbody>(?:(?!\r?\n(?P=hq)@)[\s\S])*+)"
    r"(?P<hclose>\r?\n(?P=hq)@)?)"
    rf"|(?P<comment><\#(?:[^#]|\#(?!>))*+(?:\#>)?|\#(?<![^{_BLANK};(){{}}|&,=]\#)[^\r\n]*+)"
    rf"|(?P<sq>[{SQ}](?:[^{SQ}]|[{SQ}]{{2}})*+(?P<sqc>[{SQ}])?)"
)
_PLAIN_TOKEN = re.compile(_PLAIN_TOKEN_SYNTAX)
# A double-quoted string up to its end or to its first $( subexpression, which only `regex`
# reads (it nests); up to there both read the same.
_PLAIN_DQ = re.compile(rf"[{DQ}](?:[^{DQ}`$]++|`[\s\S]|[{DQ}]{{2}}|\$(?!\())*+(?P<dqc>[{DQ}])?")
_TOKEN = compile_pattern(
    _PLAIN_TOKEN_SYNTAX
    + rf"|(?P<dq>[{DQ}](?:[^{DQ}`$]|`[\s\S]|[{DQ}]{{2}}|\$(?P<sub>\((?:[^(){SQ}{DQ}]|(?&sq)|(?&dq)"
    rf"|(?&sub))*+\)?)|\$)*+(?P<dqc>[{DQ}])?)"
)
# Hints that a pattern can match at all, for the standard `re` (see scanning): text piped into
# Invoke-Expression, and a call (& or .) of a parenthesis, quote or variable.
PIPE_IEX = re.compile(r"\|\s*(?:iex|invoke-expression)(?![\w-])", re.IGNORECASE)
CALL = re.compile(f"[&.][ \\t]*[($\"'{SQ[1:]}{DQ[1:]}]")
_NESTS = re.compile(r"\$\(")
# Where a token can start (standard `re`, see scanning).
# Leading with one character class lets re skip to candidates; the lookarounds then keep @ and <
# only before a quote and a #.
_TOKEN_STARTS = re.compile(f"[`#@<{SQ}{DQ}](?:(?<=[`#{SQ}{DQ}])|(?<=@)(?=['\"])|(?<=<)(?=#))")
_DQ_PIECE = compile_pattern(
    rf"`(?:u\{{(?P<code>[0-9a-f]{{1,6}})\}}|(?P<escaped>[\s\S]))|[{DQ}](?P<pair>[{DQ}])"
    r"|(?P<dollar>\$[\w{(?^$:])"
)
Edit = tuple[int, int, str]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Source:
    """One script: the text, its mask and the value of every literal by start offset."""

    text: str
    mask: str
    values: dict[int, str]
    spans: dict[int, int]
    # Single-quoted strings and comments, where a backtick is an ordinary character.
    verbatim: list[tuple[int, int]]

    def value(self, match: regex.Match[str], group: str | int = 0) -> str:
        """Return the value of the literal a match group starts at."""
        return self.values[match.start(group)]


class Recent(Generic[T]):
    """What was derived from the last few texts: every peeler of a layer reads the same text."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[str, T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, text: str) -> T | None:
        with self._lock:
            item = self._items.get(text)
            if item is not None:
                self._items.move_to_end(text)
            return item

    def put(self, text: str, item: T) -> None:
        with self._lock:
            self._items[text] = item
            while len(self._items) > self._size:
                self._items.popitem(last=False)


_RECENT: Recent[Source] = Recent(4)


def parse(text: str, budget: Budget) -> Source:
    """Return the text's tokens and mask, parsing only texts not seen lately."""
    budget.check_time()
    source = _RECENT.get(text)
    if source is None:
        source = _tokenize(text, budget)
        _RECENT.put(text, source)
    return source


def _tokenize(text: str, budget: Budget) -> Source:
    """Tokenize strings and comments and build the mask."""
    parts: list[str] = []
    values: dict[int, str] = {}
    spans: dict[int, int] = {}
    verbatim: list[tuple[int, int]] = []
    # Code between tokens is masked by slicing one translation of the whole text.
    code = text.translate(_CODE_MASK)
    last = 0
    for count, match in enumerate(_tokens(text, budget)):
        if count % 1024 == 0:
            budget.check_time()
        token = match.group()
        if token[0] == "`":
            continue
        start, end = match.span()
        parts.append(code[last:start])
        last = end
        kind = "here" if token[0] == "@" else "sq" if token[0] in SQ else "dq"
        if token[0] in "<#" or (kind == "sq" or token[:2] == "@'"):
            verbatim.append((start, end))
        if token[0] in "<#":
            parts.append(" " * (end - start))
            continue
        spans[start] = end
        value = _literal(match, kind, budget)
        if value is None:
            parts.append('"' + "\x02" * (end - start - 1))
        else:
            values[start] = value
            parts.append("'" + "\x01" * (end - start - 2) + "'")
    parts.append(code[last:])
    return Source(text, "".join(parts), values, spans, verbatim)


def _tokens(text: str, budget: Budget) -> Iterator[re.Match[str] | regex.Match[str]]:
    """Yield the tokens as finditer over _TOKEN would; `regex` reads double-quoted ones only."""
    position = 0
    timeout = timeout_for(budget)
    while True:
        start = _TOKEN_STARTS.search(text, position)
        if start is None:
            return
        at = start.start()
        match: re.Match[str] | regex.Match[str] | None
        if text[at] in DQ:
            match = _PLAIN_DQ.match(text, at)
            if match is not None and match.group("dqc") is None and _NESTS.match(text, match.end()):
                match = match_at(_TOKEN, text, at, timeout)
        else:
            match = _PLAIN_TOKEN.match(text, at)
        if match is None:
            position = at + 1
            continue
        yield match
        position = max(match.end(), at + 1)


def _literal(match: re.Match[str] | regex.Match[str], kind: str, budget: Budget) -> str | None:
    """Return the value of a string token, or None if it is unterminated or expands."""
    if kind == "here":
        if match.start("hclose") < 0:
            return None
        body = match.group("hbody")
        return body if match.group("hq") == "'" else expand(body, budget, doubled=False)
    if match.start(f"{kind}c") < 0:
        return None
    body = match.group()[1:-1]
    ascii = body.isascii()
    if kind == "sq":
        quoted = "'" in body if ascii else any(quote in body for quote in SQ)
        return _collapse(body) if quoted else body
    if "`" in body or "$" in body or ('"' in body if ascii else any(q in body for q in DQ)):
        return expand(body, budget, doubled=True)
    return body


def _collapse(body: str) -> str:
    """Turn each pair of single quotes into its second one, as the tokenizer does."""
    out: list[str] = []
    index = 0
    while index < len(body):
        if body[index] in SQ and index + 1 < len(body) and body[index + 1] in SQ:
            index += 1
        out.append(body[index])
        index += 1
    return "".join(out)


def expand(body: str, budget: Budget, *, doubled: bool) -> str | None:
    """Return a double-quoted body's value: escapes applied, None if it interpolates."""
    parts: list[str] = []
    last = 0
    for match in scan_text(_DQ_PIECE, body, budget):
        code, escaped, pair, dollar = match.group("code", "escaped", "pair", "dollar")
        if dollar is not None:
            return None
        if pair is not None and not doubled:
            continue
        parts.append(body[last : match.start()])
        last = match.end()
        if code is not None:
            if int(code, 16) > 0x10FFFF:
                return None
            parts.append(chr(int(code, 16)))
        else:
            parts.append(pair or _ESCAPES.get(escaped, escaped))
    parts.append(body[last:])
    return "".join(parts)


def render(value: str) -> str:
    """Write a value as a single-quoted literal (every kind of single quote doubled)."""
    for quote in SQ:
        value = value.replace(quote, quote * 2)
    return "'" + value + "'"


def number(token: str) -> int:
    """Read a NUM token (decimal or 0x hex)."""
    token = token.strip().lower()
    return int(token[2:], 16) if token.startswith("0x") else int(token)


def char_code(token: str) -> str | None:
    """Return the character of a CHAR token ([char]73), or None outside UTF-16 code units."""
    digits = token[token.index("]") + 1 :].strip(" \t\r\n()")
    code = number(digits)
    return chr(code) if code <= 0xFFFF and not 0xD800 <= code <= 0xDFFF else None


def splice(text: str, edits: list[Edit]) -> str:
    """Replace sorted, non-overlapping (start, end) regions of a text."""
    parts: list[str] = []
    last = 0
    for start, end, replacement in edits:
        parts.append(text[last:start])
        parts.append(replacement)
        last = end
    parts.append(text[last:])
    return "".join(parts)


def disjoint(edits: list[Edit]) -> list[Edit]:
    """Keep edits in order of position, dropping any that overlaps one already kept."""
    kept: list[Edit] = []
    for edit in sorted(edits, key=lambda edit: (edit[0], -edit[1])):
        if not kept or edit[0] >= kept[-1][1]:
            kept.append(edit)
    return kept


def rewrite(
    name: str, text: str, budget: Budget, find: Callable[[Source, Budget], Iterable[Edit]]
) -> list[Decoded]:
    """Apply one technique's edits until nothing changes; the whole text is the new layer."""
    current = text
    for _ in range(MAX_PASSES):
        edits = _bounded(find(parse(current, budget), budget), len(current), budget)
        changed = splice(current, disjoint(edits)) if edits else current
        if changed == current:
            break
        current = changed
    return [] if current == text else [Decoded(name, current, 0, len(text))]


def _bounded(edits: Iterable[Edit], length: int, budget: Budget) -> list[Edit] | None:
    """Collect edits, or None once they could grow the text past the layer bound."""
    kept: list[Edit] = []
    for start, end, replacement in edits:
        length += max(0, len(replacement) - (end - start))
        if length > budget.max_layer_chars:
            return None
        kept.append((start, end, replacement))
    return kept


def scan(pattern: regex.Pattern[str], source: Source, budget: Budget) -> list[regex.Match[str]]:
    """Return up to MAX_HITS matches of a pattern on the mask, checking the clock."""
    found: list[regex.Match[str]] = []
    for match in scan_text(pattern, source.mask, budget):
        found.append(match)
        if len(found) % 64 == 0:
            budget.check_time()
        if len(found) >= MAX_HITS:
            break
    return found
