"""Obfuscation markers: encoded commands, char-code arrays, split keywords, reversed strings.

These are lower-weight signals: the peelers decode most of them, and whatever the decoded layer
does is judged by the other families.

Patterns run with IGNORECASE | MULTILINE. A gap is written `(?:(?!LEAD)[^\\n]){0,N}?`:
bounded, on one line, and stopping at the next occurrence of the pattern's leading token,
so an input that repeats that token cannot make a search quadratic.
"""

from __future__ import annotations

from wingman.core.models import Severity
from wingman.core.scripts.rules.engine import Rule
from wingman.core.scripts.types import Lang

# PowerShell text, and the languages that carry PowerShell one-liners on a command line.
PS_HOSTS = frozenset({Lang.POWERSHELL, Lang.BATCH, Lang.VBSCRIPT, Lang.JAVASCRIPT, Lang.PYTHON})
PS = frozenset({Lang.POWERSHELL})
JS = frozenset({Lang.JAVASCRIPT})
VBS = frozenset({Lang.VBSCRIPT})
PYTHON = frozenset({Lang.PYTHON, Lang.BASH})
TAGS = frozenset({"obfuscation"})

# A PowerShell escape letter is one of 0 a b e f n r t u v; a backtick before any other letter
# only splits a word.
_SPLIT_TICK = r"`[cdg-mo-qsw-z]"

# A batch file that runs itself through the script host (%~f0, %0) is a batch/JScript hybrid,
# the standard way utilities ship both halves in one file; running another file is the signal.
_NOT_SELF = (
    r"(?!(?:(?!\b[wc]script)[^\n]){0,160}?%(?:~(?=[a-z]{0,8}?(?:f|nx))[a-z]{1,8})?0"
    r"(?![\w.\\%]))"
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="OBF-001",
        title="Passes PowerShell a base64-encoded command",
        severity=Severity.MEDIUM,
        attack=("T1027", "T1059.001"),
        any_of=(r"(?<![\w-])-(?:e|ec|en\w{0,12})\s{1,3}[\"']?[a-z0-9+/]{16}",),
        all_of=(r"\b(?:powershell|pwsh)\b",),
        languages=PS_HOSTS,
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="OBF-002",
        title="Decodes base64 text with FromBase64String",
        severity=Severity.LOW,
        attack=("T1140",),
        any_of=(r"\[(?:System\.)?Convert\]::FromBase64String\s{0,3}\(",),
        languages=PS_HOSTS,
        weight=5,
        tags=TAGS,
    ),
    Rule(
        id="OBF-003",
        title="Runs decoded or decompressed text with Invoke-Expression",
        severity=Severity.HIGH,
        attack=("T1027", "T1140", "T1059.001"),
        any_of=(
            r"\b(?:iex|Invoke-Expression)\b(?:(?!\b(?:iex|Invoke-Expression)\b)[^\n]){0,60}?\b"
            r"(?:FromBase64String|GZipStream|DeflateStream|Encoding\]::\w{2,10}\.GetString)\b",
            r"\b(?:GZipStream|DeflateStream|FromBase64String)\b(?:(?!\b(?:GZipStream|"
            r"DeflateStream|FromBase64String)\b)[^\n|]){0,300}\|\s{0,3}(?:iex|"
            r"Invoke-Expression)\b",
        ),
        languages=PS_HOSTS,
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="OBF-004",
        title="Builds 'iex' from environment strings (Invoke-Obfuscation)",
        severity=Severity.HIGH,
        attack=("T1027.010",),
        any_of=(
            r"\$(?:ShellId|PSHome|env:ComSpec|env:Public)\s{0,3}\[\s{0,3}\d{1,2}\s{0,3}[,\]]",
            r"\(\s{0,3}\$VerbosePreference\.ToString\(\s{0,3}\)\s{0,3}\)\s{0,3}\[\s{0,3}\d",
            r"\.\(\s{0,3}\$(?:ShellId|PSHome|env:ComSpec)\[",
        ),
        languages=PS_HOSTS,
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="OBF-005",
        title="Unpacks compressed base64 data in PowerShell",
        severity=Severity.MEDIUM,
        attack=("T1027", "T1140"),
        any_of=(r"\bIO\.Compression\.(?:GZipStream|DeflateStream)\b",),
        all_of=(r"\bFromBase64String\b",),
        languages=PS_HOSTS,
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="OBF-006",
        title="Builds text from character codes in PowerShell",
        severity=Severity.MEDIUM,
        attack=("T1027",),
        any_of=(
            r"\[char\]\s{0,3}\(?\s{0,3}0?x?[0-9a-f]{2,3}\s{0,3}\)?\s{0,3}\+\s{0,3}\[char\]\s"
            r"{0,3}\(?\s{0,3}0?x?[0-9a-f]{2,3}\s{0,3}\)?\s{0,3}\+\s{0,3}\[char\]",
            r"\[char\[\]\]\s{0,3}\(?\s{0,3}\d{2,3}(?:\s{0,3},\s{0,3}\d{2,3}){5}",
            r"\(\s{0,3}\d{2,3}(?:\s{0,3},\s{0,3}\d{2,3}){7}\s{0,3}\)\s{0,3}\|\s{0,3}(?:%|"
            r"ForEach-Object)\s{0,3}\{\s{0,3}\[char\]",
        ),
        languages=PS_HOSTS,
        weight=10,
        tags=TAGS,
    ),
    Rule(
        id="OBF-007",
        title="Splits PowerShell keywords with backticks",
        severity=Severity.MEDIUM,
        attack=("T1027.010",),
        any_of=(r"[a-z]" + _SPLIT_TICK + r"[a-z]{0,12}" + _SPLIT_TICK,),
        languages=PS,
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="OBF-008",
        title="Reverses strings to hide them",
        severity=Severity.LOW,
        attack=("T1027",),
        any_of=(
            r"\[(?:System\.)?Array\]::Reverse\s{0,3}\(",
            r"\[\s{0,3}-1\s{0,3}\.\.\s{0,3}-?\(?\s{0,3}\$\w{1,30}\.Length",
            r"\.split\s{0,3}\(\s{0,3}(?:\"\"|''|"
            r"``)\s{0,3}\)\s{0,3}\.reverse\s{0,3}\(\s{0,3}\)\s{0,3}\.join\s{0,3}\(",
            r"\bStrReverse\s{0,3}\(",
        ),
        languages=frozenset({Lang.POWERSHELL, Lang.JAVASCRIPT, Lang.VBSCRIPT}),
        weight=8,
        tags=TAGS,
    ),
    Rule(
        id="OBF-009",
        title="Builds text with String.fromCharCode",
        severity=Severity.MEDIUM,
        attack=("T1027",),
        any_of=(
            r"\bString\.fromCharCode\s{0,3}\(\s{0,3}(?:0x)?[0-9a-f]{1,4}(?:\s{0,3},\s{0,3}"
            r"(?:0x)?[0-9a-f]{1,4}){5}",
            r"\bfromCharCode\b(?:(?!\bfromCharCode)[^\n]){0,80}?\beval\b|"
            r"\beval\s{0,3}\(\s{0,3}String\.fromCharCode\b",
        ),
        languages=JS,
        weight=10,
        tags=TAGS,
    ),
    Rule(
        id="OBF-010",
        title="Builds text from chained Chr() calls",
        severity=Severity.MEDIUM,
        attack=("T1027",),
        any_of=(
            r"\bChrW?\s{0,3}\(\s{0,3}\d{1,3}\s{0,3}\)\s{0,3}&\s{0,3}ChrW?\s{0,3}\(\s{0,3}\d{1,3}"
            r"\s{0,3}\)\s{0,3}&\s{0,3}ChrW?\s{0,3}\(",
            r"\bChr\s{0,3}\(\s{0,3}\d{1,3}\s{0,3}"
            r"(?:[-+*]\s{0,3}\d{1,5}\s{0,3})?\)\s{0,3}&\s{0,3}Chr\s{0,3}\(\s{0,3}\d{1,3}\s{0,3}"
            r"[-+*]",
        ),
        languages=VBS,
        weight=10,
        tags=TAGS,
    ),
    Rule(
        id="OBF-011",
        title="Python builds text from chained chr() calls",
        severity=Severity.MEDIUM,
        attack=("T1027",),
        any_of=(
            r"\bchr\s{0,3}\(\s{0,3}\d{1,3}\s{0,3}\)\s{0,3}\+\s{0,3}chr\s{0,3}\(\s{0,3}\d{1,3}\s"
            r"{0,3}\)\s{0,3}\+\s{0,3}chr\s{0,3}\(",
            r"[\"']{2}\.join\s{0,3}\(\s{0,3}(?:map\s{0,3}\(\s{0,3}chr\s{0,3},|"
            r"\[?\s{0,3}chr\s{0,3}\()",
        ),
        languages=PYTHON,
        weight=10,
        tags=TAGS,
    ),
    Rule(
        id="OBF-012",
        title="Python executes decoded or decompressed data",
        severity=Severity.HIGH,
        attack=("T1027", "T1140", "T1059.006"),
        any_of=(
            r"\b(?:exec|eval)\s{0,3}\(\s{0,3}(?:compile\s{0,3}\(\s{0,3})?(?:base64\.b(?:64|32|16"
            r"|85)decode|zlib\.decompress|marshal\.loads|codecs\.decode|bytes\.fromhex|"
            r"lzma\.decompress|bz2\.decompress|binascii\.(?:a2b_base64|unhexlify)|"
            r"__import__\s{0,3}\(\s{0,3}[\"'](?:base64|zlib|marshal|codecs|lzma|"
            r"bz2)[\"']\s{0,3}\))",
            r"\bexec\s{0,3}\(\s{0,3}marshal\.loads\b",
        ),
        languages=PYTHON,
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="OBF-013",
        title="Decodes base64 straight into a shell",
        severity=Severity.HIGH,
        attack=("T1140", "T1059.004"),
        any_of=(
            r"\bbase64\s{1,3}(?:-d|--decode|-D)\b(?:(?!\bbase64\s{1,3}(?:-d|--decode|"
            r"-D)\b)[^\n|]){0,80}\|\s{0,3}(?:sudo\s{1,3})?(?:/bin/|/usr/bin/)?(?:ba|z|da|k)?sh\b",
            r"\bbase64\s{1,3}(?:-d|--decode|-D)\b(?:(?!\bbase64\s{1,3}(?:-d|--decode|"
            r"-D)\b)[^\n|]){0,80}\|\s{0,3}(?:python[23]?|perl)\b",
            r"\beval\s{1,3}[\"']?\$\(\s{0,3}(?:echo|printf)\b(?:"
            r"(?!\beval\s{1,3}[\"']?\$\(\s{0,3}(?:echo|printf)\b)[^\n]){0,4000}?\|"
            r"\s{0,3}base64\s{1,3}(?:-d|--decode|-D)\b",
        ),
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="OBF-014",
        title="Contains a script-encoder (JScript.Encode / VBScript.Encode) payload",
        severity=Severity.MEDIUM,
        attack=("T1027",),
        any_of=(
            r"#@~\^[a-z0-9+/]{6}==",
            r"\b(?:JScript|VBScript)\.Encode\b",
        ),
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="OBF-015",
        title="Runs a script with an overridden script engine (//E:jscript)",
        severity=Severity.MEDIUM,
        attack=("T1059.005", "T1059.007", "T1027"),
        any_of=(
            r"\b[wc]script(?:\.exe)?[\"']?\s" + _NOT_SELF + r"(?:(?!\b[wc]script"
            r"(?:\.exe)?[\"']?\s)[^\n]){0,60}?//e:\s{0,3}[\"']?(?:jscript|vbscript)"
            r"(?:\.encode)?\b",
        ),
        weight=20,
        tags=TAGS,
    ),
)
