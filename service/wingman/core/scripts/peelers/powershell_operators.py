"""Where an expression built from literals may be evaluated alone, by operator precedence.

PowerShell binds `,` tighter than `-f`, `-f` tighter than `*`, `*` tighter than `+`, and `+`
tighter than comparisons and -replace/-join; a literal expression may be replaced by its value
only if nothing before or after it binds tighter than its own operator (the `level`).
"""

from __future__ import annotations

from wingman.core.scripts.safe_regex import compile_pattern, search

_FOLLOW = compile_pattern(
    r"\A(?:(?P<close>[)\]};|\r\n])|(?P<add>[+-](?![a-z]))|(?P<mul>[*/%])"
    r"|-(?P<op>[a-z]+)(?![\w-]))"
)
_OPERAND_START = compile_pattern(
    r"(?:-[ci]?(?:eq|ne|gt|ge|lt|le|like|notlike|match|notmatch|contains|notcontains|in|notin"
    r"|join|replace)|-(?:and|or|xor))[ \t]*+\Z"
)
_COMPARISON_WORDS = (
    "eq ne gt ge lt le like notlike match notmatch contains notcontains in notin is isnot as"
    " join split replace and or xor"
)
_COMPARISON = frozenset(_COMPARISON_WORDS.split())
_BITWISE = frozenset({"band", "bor", "bxor", "shl", "shr"})


def previous(mask: str, start: int) -> str:
    """Return the last character before start that is not a blank, or '' at the start."""
    index = start - 1
    while index >= 0 and mask[index] in " \t":
        index -= 1
    return mask[index] if index >= 0 else ""


def following(mask: str, end: int) -> str:
    """Return the first character from end on that is not a blank, or '' at the end."""
    while end < len(mask) and mask[end] in " \t":
        end += 1
    return mask[end : end + 1]


def starts_operand(mask: str, start: int, *, level: str) -> bool:
    """Tell whether an operand may start here without an operator binding tighter before it."""
    if previous(mask, start) in ("", "(", "=", ";", "{", "[", "\n", "\r"):
        return True
    if level == "format" and previous(mask, start) in "+-*/%":
        return True
    window = mask[max(0, start - 24) : start]
    return level != "compare" and search(_OPERAND_START, window) is not None


def ends_operand(mask: str, end: int, *, level: str) -> bool:
    """Tell whether an operand may end here: what follows binds no tighter than `level`."""
    while end < len(mask) and mask[end] in " \t":
        end += 1
    if end == len(mask):
        return True
    match = search(_FOLLOW, mask[end : end + 24])
    if match is None:
        return False
    if match.group("close") is not None:
        return True
    if match.group("add") is not None:
        return level != "compare"
    if match.group("mul") is not None:
        return level == "format"
    operator = match.group("op").lower()
    plain = operator[1:] if operator[:1] in "ci" and operator[1:] in _COMPARISON else operator
    if plain in _COMPARISON:
        return True
    if plain in _BITWISE:
        return level != "compare"
    return plain == "f" and level == "format"


def is_operand(mask: str, start: int, end: int, *, level: str) -> bool:
    """Tell whether start..end can be evaluated alone where it stands (see starts/ends_operand)."""
    return starts_operand(mask, start, level=level) and ends_operand(mask, end, level=level)
