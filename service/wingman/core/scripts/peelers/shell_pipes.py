"""Shell pipelines of literals: `echo <b64> | base64 -d | sh`, `rev <<< '...'`, `printf '\\x..'`.

A pipeline is followed only when its first command prints literals (echo, printf or a
here-string) and every later one is a decoder this module knows; its output is the new layer.
"""

from __future__ import annotations

import base64
import binascii
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import regex

from wingman.core.scripts.peelers.shell_words import (
    CASE,
    MAX_HITS,
    WORD,
    literal_word,
    quoting,
    scan,
    unescape,
)
from wingman.core.scripts.safe_regex import compile_pattern, finditer, search
from wingman.core.scripts.types import Budget, Decoded, Lang

_END = r"(?=[ \t\r]*(?:[;&|)\n`#]|$))"
_PIPE = r"[ \t]*\|[ \t]*"
_FILTERS = {
    "b64": r"base64(?:[ \t]+(?:-[a-zA-Z0-9]+|--decode|--ignore-garbage|--wrap=\d+))+"
    r"|openssl[ \t]+(?:enc[ \t]+)?-?base64[ \t]+-d(?:[ \t]+-A)?",
    "b32": r"base32(?:[ \t]+(?:-[a-zA-Z0-9]+|--decode|--ignore-garbage))+",
    "rev": r"rev",
    "xxd": r"xxd[ \t]+(?:-r[ \t]+-p|-p[ \t]+-r|-rp|-pr|-r[ \t]+-ps|-ps[ \t]+-r)",
    "gunzip": r"gunzip(?:[ \t]+-[cf]+)*|zcat|gzip[ \t]+-c?d[cf]*",
    "tr": rf"tr[ \t]+{WORD}[ \t]+{WORD}",
    "cat": r"cat",
}
_FILTER = "|".join(f"(?:{pattern})" for pattern in _FILTERS.values())
_NAMED = "|".join(f"(?P<{name}>{pattern})" for name, pattern in _FILTERS.items())
_SINK = (
    r"(?:sudo[ \t]+)?(?:(?:/usr)?/bin/)?(?:ba|z|k|da)?sh(?:[ \t]+-s)?"
    r"|(?:source|\.)[ \t]+/dev/stdin|python[23]?(?:\.\d+)?(?:[ \t]+-)?"
)
_TAIL = rf"{_END}(?P<filters>(?:{_PIPE}(?:{_FILTER}){_END})*)(?:{_PIPE}(?P<sink>{_SINK}){_END})?"
# Two searches: one starting at echo/printf, one at a decoder fed a here-string. Together in
# one alternation, the decoders' many first letters would make the engine try every position.
_PRODUCED = compile_pattern(
    r"(?<![\w./$-])(?P<producer>(?P<echo>echo(?P<flags>(?:[ \t]+-[neE]{1,3})*))"
    rf"|printf(?:[ \t]+--)?)(?P<args>(?:[ \t]+{WORD})+){_TAIL}",
    CASE,
)
_HERE = compile_pattern(
    rf"(?<![\w./$-])(?P<head>{_FILTER}|(?P<hsink>{_SINK}))[ \t]*<<<[ \t]*(?P<here>{WORD}){_TAIL}",
    CASE,
)
_RUN_BY_SHELL = compile_pattern(
    r"(?:(?<![\w.-])eval|(?<![\w./-])(?:(?:/usr)?/bin/)?(?:ba|z|k|da)?sh[ \t]+-c|<<<)"
    r"[ \t]*\"?\$\([ \t]*\Z",
    CASE,
)
_ONE_FILTER = compile_pattern(rf"\G(?:{_PIPE})?(?:{_NAMED})", CASE)
_PRINTF_DIRECTIVE = compile_pattern(r"%(?P<d>[%sb])|%", CASE)
_B64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_B32 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_TECHNIQUES = {
    "b64": "bash_base64_pipe",
    "b32": "bash_base64_pipe",
    "rev": "bash_rev",
    "xxd": "bash_xxd",
    "gunzip": "bash_gunzip",
    "tr": "bash_tr",
}


@dataclass(frozen=True, slots=True)
class Stage:
    """One decoder of a pipeline: its kind ('b64', 'rev', ...) and its text."""

    kind: str
    text: str


_WORD = compile_pattern(WORD, CASE)


def _words(text: str) -> list[str] | None:
    values: list[str] = []
    for match in scan(_WORD, text):
        value = literal_word(match.group())
        if value is None:
            return None
        values.append(value)
    return values


def _printf(words: list[str]) -> tuple[bytes, bool] | None:
    """Run printf with %s, %b and %% only; the flag tells if the format held escapes."""
    fmt, args = words[0], words[1:]
    if fmt.startswith("-"):
        return None
    escaped = "\\" in fmt or ("%b" in fmt and any("\\" in arg for arg in args))
    out: list[bytes] = []
    while True:
        last, used = 0, 0
        for match in scan(_PRINTF_DIRECTIVE, fmt):
            out.append(unescape(fmt[last : match.start()], "printf")[0])
            last = match.end()
            directive = match.group("d")
            if directive is None:
                return None
            if directive == "%":
                out.append(b"%")
                continue
            used += 1
            arg = args.pop(0) if args else ""
            out.append(unescape(arg, "echo")[0] if directive == "b" else arg.encode())
        out.append(unescape(fmt[last:], "printf")[0])
        if not args or not used:
            return b"".join(out), escaped


def _group(match: regex.Match[str], name: str) -> str | None:
    """Return a group of either pipeline search; None for one the other search has not."""
    return match.groupdict().get(name)


def _produce(match: regex.Match[str]) -> tuple[bytes, bool] | None:
    """Return what the first command prints and whether it decoded escapes doing so."""
    here = _group(match, "here")
    if here is not None:
        value = literal_word(here)
        return None if value is None else ((value + "\n").encode(), False)
    words = _words(_group(match, "args") or "")
    if not words:
        return None
    if _group(match, "echo") is None:
        return _printf(words)
    flags = _group(match, "flags") or ""
    joined = " ".join(words)
    data, stopped = unescape(joined, "echo") if "e" in flags else (joined.encode(), False)
    newline = b"" if "n" in flags or stopped else b"\n"
    return data + newline, "e" in flags and "\\" in joined


def _stages(match: regex.Match[str]) -> list[Stage]:
    """List the decoders of a pipeline, a here-string's own command first."""
    text = match.group("filters")
    head = _group(match, "head")
    if head is not None and _group(match, "hsink") is None:
        text = head + text
    stages: list[Stage] = []
    for found in finditer(_ONE_FILTER, text):
        kind = next(kind for kind in _FILTERS if found.group(kind) is not None)
        stages.append(Stage(kind, found.group(kind)))
    return stages


def _base64(data: bytes, stage: Stage) -> bytes:
    options = stage.text.split()[1:]
    if not any(option == "--decode" or _is_flag(option, "d") for option in options):
        raise ValueError("base64 without -d encodes")
    b32 = stage.kind == "b32"
    kept = b"".join(data.split())
    if any(option == "--ignore-garbage" or _is_flag(option, "i") for option in options):
        allowed = _B32 if b32 else _B64
        kept = bytes(byte for byte in kept if byte in allowed)
    kept = kept.rstrip(b"=")
    if b32:
        return base64.b32decode(kept + b"=" * (-len(kept) % 8))
    return base64.b64decode(kept + b"=" * (-len(kept) % 4), validate=True)


def _is_flag(option: str, letter: str) -> bool:
    return option.startswith("-") and not option.startswith("--") and letter in option.lower()


def _gunzip(data: bytes, limit: int) -> bytes:
    inflater = zlib.decompressobj(wbits=47)
    out = inflater.decompress(data, limit)
    if inflater.unconsumed_tail:
        raise ValueError("a gzip stream inflated past the layer bound")
    return out


def _translate(data: bytes, stage: Stage) -> bytes:
    sets = _words(stage.text[2:])
    if sets is None or len(sets) != 2 or not all(sets):
        raise ValueError("tr sets are not literal")
    source, target = (_expand_set(one) for one in sets)
    target += target[-1] * max(0, len(source) - len(target))
    table = {ord(a): b for a, b in zip(source, target, strict=False)}
    return (
        data.decode("utf-8", "surrogateescape").translate(table).encode("utf-8", "surrogateescape")
    )


def _expand_set(spec: str) -> str:
    """Expand a tr set of characters and a-z ranges; classes are not followed."""
    if "[" in spec or "\\" in spec:
        raise ValueError("tr classes and escapes are not followed")
    out: list[str] = []
    index = 0
    while index < len(spec):
        if index + 2 < len(spec) and spec[index + 1] == "-" and spec[index] <= spec[index + 2]:
            out.extend(chr(code) for code in range(ord(spec[index]), ord(spec[index + 2]) + 1))
            index += 3
        else:
            out.append(spec[index])
            index += 1
    return "".join(out)


def _reverse_lines(data: bytes) -> bytes:
    text = data.decode("utf-8", "surrogateescape")
    return "\n".join(line[::-1] for line in text.split("\n")).encode("utf-8", "surrogateescape")


def _apply(data: bytes, stage: Stage, budget: Budget) -> bytes:
    """Run one decoder; ValueError (binascii.Error included) when the input does not fit it."""
    steps: dict[str, Callable[[], bytes]] = {
        "b64": lambda: _base64(data, stage),
        "b32": lambda: _base64(data, stage),
        "rev": lambda: _reverse_lines(data),
        "xxd": lambda: binascii.unhexlify(b"".join(data.split())),
        "gunzip": lambda: _gunzip(data, budget.max_layer_chars),
        "tr": lambda: _translate(data, stage),
        "cat": lambda: data,
    }
    out = steps[stage.kind]()
    if len(out) > budget.max_layer_chars:
        raise ValueError("a decoded pipeline passed the layer bound")
    return out


def _technique(stages: list[Stage], escaped: bool, executed: bool) -> str | None:
    for stage in stages:
        if stage.kind in _TECHNIQUES:
            return _TECHNIQUES[stage.kind]
    if escaped:
        return "bash_printf"
    return "bash_eval" if executed else None


def _executed(text: str, match: regex.Match[str]) -> bool:
    """Tell whether a shell runs the output: piped to one, or `eval "$(...)"`, `sh -c "$(...)"`."""
    if match.group("sink") is not None or _group(match, "hsink") is not None:
        return True
    before = text[max(0, match.start() - 64) : match.start()]
    return search(_RUN_BY_SHELL, before) is not None


def _evaluate(text: str, match: regex.Match[str], budget: Budget) -> tuple[str, str] | None:
    """Return (technique, output) of one literal pipeline, or None."""
    stages = _stages(match)
    executed = _executed(text, match)
    if not executed and "\\" not in match.group() and _technique(stages, False, False) is None:
        return None  # a plain echo: nothing decodes or runs it, so its words need no reading
    produced = _produce(match)
    if produced is None:
        return None
    data, escaped = produced
    technique = _technique(stages, escaped, executed)
    if technique is None:
        return None
    try:
        for stage in stages:
            data = _apply(data, stage, budget)
        text = data.decode("utf-8")
    except (ValueError, zlib.error):
        return None
    return technique, text.rstrip("\n")


# Each pipeline peeler asks about the same layer in turn; remember the last answer.
_last: tuple[str, int, list[Decoded]] | None = None


def pipelines(text: str, budget: Budget) -> list[Decoded]:
    """Decode every literal pipeline outside quotes and comments (the caller must not mutate)."""
    global _last
    last = _last
    if last is not None and last[0] is text and last[1] == budget.max_layer_chars:
        return last[2]
    found = _pipelines(text, budget)
    _last = (text, budget.max_layer_chars, found)
    return found


def _pipelines(text: str, budget: Budget) -> list[Decoded]:
    quotes = quoting(text, budget)
    found: list[Decoded] = []
    matches = list(scan(_PRODUCED, text, budget))
    if "<<<" in text:
        matches = sorted([*matches, *scan(_HERE, text, budget)], key=lambda found: found.start())
    for match in matches:
        budget.check_time()
        if quotes.opaque_at(match.start()) or len(found) >= MAX_HITS:
            continue
        evaluated = _evaluate(text, match, budget)
        if evaluated is None or not evaluated[1].strip():
            continue
        sink = match.group("sink") or _group(match, "hsink") or ""
        executed = bool(sink) or _executed(text, match)
        language = None if not executed else Lang.PYTHON if "python" in sink else Lang.BASH
        found.append(Decoded(evaluated[0], evaluated[1], *match.span(), language))
    return found
