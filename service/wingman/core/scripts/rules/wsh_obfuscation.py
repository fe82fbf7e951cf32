"""Windows Script Host obfuscation: decoders that feed `eval` / `Execute`, eval wrappers,
character tables, radix and hex decoders, and token streams only a decoder loop can read.

Patterns run with IGNORECASE | MULTILINE. A gap is written `(?:(?!LEAD)[^\\n]){0,N}?`:
bounded, on one line, and stopping at the next occurrence of the pattern's leading token.
"""

from __future__ import annotations

from wingman.core.models import Severity
from wingman.core.scripts.rules.engine import Rule
from wingman.core.scripts.types import Lang

WSH = frozenset({Lang.VBSCRIPT, Lang.JAVASCRIPT})
WSH_ANYWHERE = frozenset({Lang.VBSCRIPT, Lang.JAVASCRIPT, Lang.BATCH})
JS = frozenset({Lang.JAVASCRIPT})
OBFUSCATION = frozenset({"obfuscation"})

RULES: tuple[Rule, ...] = (
    Rule(
        id="WSH-029",
        title="Passes the output of a decoding function to eval / Execute",
        severity=Severity.MEDIUM,
        attack=("T1027", "T1140"),
        any_of=(
            r"(?<![\w$.])eval\s{0,3}\(\s{0,3}[\w$]{1,60}+\s{0,3}\(\s{0,3}[\w$\"'\[]",
            r"(?<![\w.])Execute(?:Global)?\b[ \t]{0,3}\(?[ \t]{0,3}\w{1,60}[ \t]{0,3}\(",
        ),
        languages=WSH,
        weight=20,
        tags=OBFUSCATION,
    ),
    Rule(
        id="WSH-030",
        title="Wraps eval in a helper function",
        severity=Severity.MEDIUM,
        attack=("T1027",),
        any_of=(
            r"\bfunction\s{1,3}[\w$]{1,60}+\s{0,3}\(\s{0,3}([\w$]{1,60}+)\s{0,3}"
            r"(?:,\s{0,3}[\w$]{1,60}+\s{0,3}){0,4}\)\s{0,3}\{\s{0,3}"
            r"(?:return\s{1,3})?eval\s{0,3}\(\s{0,3}\1\s{0,3}\)",
        ),
        languages=JS,
        weight=20,
        tags=OBFUSCATION,
    ),
    Rule(
        id="WSH-031",
        title="Builds a character table with String.fromCharCode in a loop",
        severity=Severity.MEDIUM,
        attack=("T1027",),
        any_of=(
            r"\[\s{0,3}([\w$]{1,60})\s{0,3}\]\s{0,3}=\s{0,3}String\.fromCharCode\s{0,3}\(\s{0,3}"
            r"\1\s{0,3}\)",
        ),
        languages=JS,
        weight=15,
        tags=OBFUSCATION,
    ),
    Rule(
        id="WSH-032",
        title="Decodes text character by character and executes it",
        severity=Severity.HIGH,
        attack=("T1027", "T1140"),
        any_of=(
            r"\bChrW?\s{0,3}\(\s{0,3}(?:AscW?|CLng|CInt|Int|Val)\s{0,3}\((?:(?!\bChrW?\s{0,3}\()"
            r"[^\n]){0,80}?(?:\bXor\b|[-+*]\s{0,3}\w{1,20}\s{0,3}\))",
            r"\bChrW?\s{0,3}\(\s{0,3}(?:CLng|CInt|Int|Val)?\s{0,3}\(?\s{0,3}[\"']&H[\"']\s{0,3}[&+]"
            r"\s{0,3}Mid\b",
            r"\bfromCharCode\s{0,3}\((?:(?!\bfromCharCode)[^\n]){0,80}?\b(?:charCodeAt|parseInt)"
            r"\s{0,3}\(",
        ),
        all_of=(r"(?<![\w.])(?:Execute(?:Global)?|eval)\b",),
        languages=WSH,
        weight=30,
        tags=OBFUSCATION,
    ),
    Rule(
        id="WSH-033",
        title="Reaches WScript or ActiveXObject through the global object",
        severity=Severity.LOW,
        attack=("T1027",),
        any_of=(r"(?<![\w$.])(?:this|globalThis|self)\s{0,3}\.\s{0,3}(?:WScript|ActiveXObject)\b",),
        languages=JS,
        weight=15,
        tags=OBFUSCATION,
    ),
    Rule(
        id="WSH-039",
        title="Turns hex text into binary through ADODB.Recordset and writes it out",
        severity=Severity.HIGH,
        attack=("T1140", "T1027"),
        any_of=(r"\.GetChunk\s{0,3}\(",),
        all_of=(
            r"\bADODB\.Recordset\b",
            r"\.Fields\.Append\b",
            r"\.SaveToFile\b",
        ),
        languages=WSH_ANYWHERE,
        weight=35,
        tags=OBFUSCATION,
    ),
    Rule(
        id="WSH-042",
        title="Decodes numbers through a radix-conversion helper and evaluates the result",
        severity=Severity.MEDIUM,
        attack=("T1027", "T1140"),
        any_of=(
            r"\bparseInt\s{0,3}\(\s{0,3}[\w$]{1,60}+\s{0,3},\s{0,3}[\w$]{1,60}+\s{0,3}\)"
            r"(?:(?!\bparseInt\b)[^\n]){0,80}?\.toString\s{0,3}\(\s{0,3}[A-Za-z_$][\w$]{0,60}\s{0,3}\)",
            r"=\s{0,3}[\w$]{1,60}+\s{0,3}\.toString\s{0,3}\(\s{0,3}[A-Za-z_$][\w$]{0,60}+\s{0,3}\)"
            r"\s{0,3};\s{0,3}return\b",
        ),
        all_of=(
            r"(?<![\w$.])eval\s{0,3}\(",
            r"\bparseInt\s{0,3}\(\s{0,3}[\w$]{1,60}+\s{0,3},\s{0,3}[A-Za-z_$]",
        ),
        languages=JS,
        weight=20,
        tags=OBFUSCATION,
    ),
    Rule(
        id="WSH-043",
        title="Obfuscated with a self-checking rotating string array (javascript-obfuscator)",
        severity=Severity.MEDIUM,
        attack=("T1027",),
        any_of=(
            r"\bwhile\s{0,3}\(\s{0,3}!!\[\]\s{0,3}\)\s{0,3}\{\s{0,3}try\s{0,3}\{(?:(?!\bwhile\b)[^\n])"
            r"{0,80}?parseInt\s{0,3}\(",
        ),
        all_of=(r"\[\s{0,3}['\"]push['\"]\s{0,3}\]\s{0,3}\(|\.push\s{0,3}\(", r"\bshift\b"),
        languages=JS,
        weight=20,
        tags=OBFUSCATION,
    ),
    Rule(
        id="WSH-044",
        title="Carries a long stream of short cipher tokens",
        severity=Severity.HIGH,
        attack=("T1027",),
        any_of=(
            r"(?:[\"'][A-Z][A-Za-z]?[a-z][\"']\s{0,3},\s{0,3}){200}",
            r"[\"'](?:[A-Z][A-Za-z]?[a-z]-){200}",
            r"(?:[\"'][\"']\s{0,3}\+\s{0,3}[\"'][A-Z][A-Za-z]?[a-z][\"']\s{0,3},\s{0,3}){200}",
        ),
        languages=JS,
        weight=30,
        tags=OBFUSCATION,
    ),
)
