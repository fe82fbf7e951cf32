"""Microsoft Script Encoder (VBScript.Encode / JScript.Encode, `#@~^...^#~@`): decode the blob.

The encoder is a fixed substitution: each printable character maps through one of three
tables, chosen by its position in a 64-step cycle; `@&`, `@#`, `@*`, `@!` and `@$` stand for
newline, carriage return, `>`, `<` and `@`. Decoding is a table lookup per character.
"""

from __future__ import annotations

from wingman.core.scripts.peelers.vbscript_syntax import scan
from wingman.core.scripts.safe_regex import compile_pattern
from wingman.core.scripts.types import Budget, Decoded, Lang

# What characters 0x20-0x7F decode to under each of the three tables (0x7F stays last).
_TABLES = (
    '.GzVBj/&IA42[vrC89pEhqO\tbD#uJ~J^@wJa]"KoN;LPg*}tT+-,0nkf5%!dMRc?{x)(sY3\x7fmUS|:_eFX1il'
    "ZH'\\=$y7`Q 6",
    "-uR`q^I\\b})6 |z\x7fkc3+hQfv1dTCL:L~LE,*t'7DyY/o&rj9{?8wgSG4x]0#Z[lHUpi.L!$NP\tVs5aKX;W\"m"
    "M%(FJ2A=_OBe",
    "20!)[83=X:5e9\\VsfNEkbYx^}JmqA`AS@B'Hru17MR\"TjGd- \x7f.L]~loytC&v%$+(#A4\t*D?w;UiacPgQIOFh"
    "|6pnz/_KZ,W",
)
_TAB = "Wn{"
# Which table each position of the 64-step cycle uses.
_CYCLE = "0120121221210212021200122102122100212120200120210212001220012021"
_ESCAPES = {"&": "\n", "#": "\r", "*": ">", "!": "<", "$": "@"}
# A raw '@' never occurs inside the encoded text (it is written '@$'), so the body runs to
# the '@' that closes the blob: one possessive scan, no backtracking.
_BLOB = compile_pattern(
    r"#@~\^[A-Za-z0-9+/]{6}==(?P<body>(?:[^\n@]++|@[&#*!$])*+)(?<=[A-Za-z0-9+/]{6}==\^#~)@", 0
)
_TRAILER = len("AAAAAA==^#~")
_ENGINE = compile_pattern(r"(?:language|type)\s*=\s*[\"']?(?:text/)?(?P<engine>j|vb)script")
MAX_BLOBS = 16


def decode(body: str) -> str:
    """Decode the characters between the length and checksum fields of an encoded script."""
    out: list[str] = []
    position = -1
    index = 0
    while index < len(body):
        char = body[index]
        if char == "@" and index + 1 < len(body) and body[index + 1] in _ESCAPES:
            char = _ESCAPES[body[index + 1]]
            index += 1
        index += 1
        code = ord(char)
        if code < 0x80:
            position += 1
        if (code == 9 or 0x20 <= code < 0x80) and char not in "<>@":
            table = int(_CYCLE[position % 64])
            char = _TAB[table] if code == 9 else _TABLES[table][code - 0x20]
        out.append(char)
    return "".join(out)


def _language(text: str, start: int, default: Lang) -> Lang:
    """The engine a page names just before the blob, else the layer's own language."""
    found = list(scan(_ENGINE, text[max(0, start - 200) : start]))
    if not found:
        return default
    return Lang.JAVASCRIPT if found[-1].group("engine").lower() == "j" else Lang.VBSCRIPT


def encoded_scripts(text: str, budget: Budget, default: Lang, technique: str) -> list[Decoded]:
    """Decode every `#@~^...^#~@` blob of the text."""
    if "#@~^" not in text:
        return []
    found: list[Decoded] = []
    for match in scan(_BLOB, text, budget):
        budget.check_time()
        if len(found) >= MAX_BLOBS:
            break
        content = decode(match.group("body")[:-_TRAILER])
        language = _language(text, match.start(), default)
        found.append(Decoded(technique, content, *match.span(), language))
    return found
