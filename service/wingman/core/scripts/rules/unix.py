"""Rules for Unix shell malware: self-replicating scripts, rootkit installers, exploits, bots.

Rule ids are `UNX-NNN`. Patterns run with IGNORECASE | MULTILINE; every gap is bounded and
stops at the next occurrence of the pattern's leading token (see execution.py). Exploit
launchers, rootkit installers, scanners and bots live in their own modules, merged in here.
"""

from __future__ import annotations

from wingman.core.models import Severity
from wingman.core.scripts.rules.engine import Rule
from wingman.core.scripts.rules.unix_attacks import RULES as ATTACK_RULES
from wingman.core.scripts.rules.unix_attacks import SH
from wingman.core.scripts.rules.unix_exploits import RULES as EXPLOIT_RULES
from wingman.core.scripts.rules.unix_rootkit import RULES as ROOTKIT_RULES

TAGS = frozenset({"unix", "spreading"})

# The script's own file: $0 or ${0}, maybe quoted.
_SELF = r"[\"']?\$(?:0|\{0\})(?!\w)[\"']?"
# A file the script names through a variable, or `{}` (each file `find -exec` runs on).
_HOST = r"[\"']?(?:\$\{?[A-Za-z_]\w{0,30}\}?|\{\})[\"']?"
# Commands that read a file's text.
_READERS = r"(?:head|tail|cat|sed|awk|grep|dd)"
# The script reads its own text and redirects it somewhere.
_SELF_READ = rf"\b{_READERS}\b(?:(?!\b{_READERS}\b)[^\n|;&]){{0,40}}?{_SELF}[^\n|;&<>]{{0,20}}?>"
# The script walks files: a loop over a glob or a listing, or find -exec.
_WALK = (
    r"(?:\bfor\s{1,3}\w{1,30}\s{1,3}in\s{1,3}(?:(?!\bfor\s)[^\n;]){0,60}?\*"
    r"|\bfor\s{1,3}\w{1,30}\s{1,3}in\s{1,3}(?:`|\$\()\s{0,3}(?:ls|find)\b"
    r"|\bfind\s(?:(?!\bfind\s)[^\n]){0,160}?\s-exec(?:dir)?\s"
    r"|\b(?:ls|find)\b(?:(?!\b(?:ls|find)\b)[^\n]){0,80}?\|\s{0,3}while\s{1,3}read\b"
    r"|\bforeach\s{1,3}\w{1,30}\s{0,3}\(\s{0,3}\*)"
)

_SPREAD_RULES: tuple[Rule, ...] = (
    Rule(
        id="UNX-001",
        title="Writes its own script text ($0) into the files it walks (script virus)",
        severity=Severity.CRITICAL,
        attack=("T1080", "T1059.004"),
        any_of=(
            rf"\b{_READERS}\b(?:(?!\b{_READERS}\b)[^\n|;&]){{0,40}}?{_SELF}[^\n|;&<>]{{0,20}}?"
            rf">{{1,2}}\s{{0,3}}{_HOST}",
            rf"\bcp\s{{1,3}}(?:-\w{{1,4}}\s{{1,3}}){{0,3}}{_SELF}\s{{1,3}}"
            r"(?:[\"']?(?:\$\{?[A-Za-z_]\w{0,30}\}?|\{\})[\"']?|[A-Za-z_][\w.]{0,30})"
            r"\s{0,3}(?:$|[;&|#)])",
            # Joins its own text and a host's into one file: prepending or appending itself.
            rf"\bcat\s{{1,3}}(?:{_SELF}\s{{1,3}}{_HOST}|{_HOST}\s{{1,3}}{_SELF})\s{{0,3}}>",
        ),
        all_of=(_WALK,),
        languages=SH,
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="UNX-002",
        title="Copies its own text aside, then puts that copy into the files it walks",
        severity=Severity.CRITICAL,
        attack=("T1080", "T1059.004"),
        any_of=(
            r"\bcat\s{1,3}[\"']?[^\s;|&<>\"']{1,80}[\"']?\s{0,3}>>\s{0,3}" + _HOST,
            r"\b(?:cp|mv)\s{1,3}(?:-\w{1,4}\s{1,3}){0,3}[\"']?/(?:tmp|var/tmp|dev/shm)/[^\s;|&<>\"']{1,60}"
            r"[\"']?\s{1,3}" + _HOST + r"\s{0,3}(?:$|[;&|#)])",
        ),
        all_of=(_SELF_READ, _WALK),
        languages=SH,
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="UNX-003",
        title="Picks shell scripts to infect by their file type or #! line",
        severity=Severity.MEDIUM,
        attack=("T1080", "T1083"),
        any_of=(
            r"\bfile\s{1,3}(?:-\w{1,3}\s{1,3})?" + _HOST + r"\s{0,3}\|\s{0,3}grep\b"
            r"(?:(?!\bgrep\b)[^\n]){0,30}?(?:Bourne|shell\s{1,3}script|POSIX\s{1,3}shell)",
            r"\bhead\s{1,3}-(?:c\s{0,2}\d{1,2}|n\s{0,2}1|1)\s{1,3}" + _HOST + r"(?:(?!\bhead\s)"
            r"[^\n]){0,60}?[\"']#!\s{0,2}/bin/(?:ba)?sh",
        ),
        all_of=(_WALK, r"\$(?:0|\{0\})(?!\w)"),
        languages=SH,
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="UNX-004",
        title="Greps each file for a marker before writing its own text into it",
        severity=Severity.MEDIUM,
        attack=("T1080",),
        any_of=(
            r"\[\s{1,3}(?:!\s{1,3})?-[zn]\s{1,3}\"?(?:`|\$\()\s{0,3}(?:cat\s[^\n|`)]{1,60}\|"
            r"\s{0,3})?grep\b(?:(?!\bgrep\b)[^\n]){0,60}?(?:\$\{?[A-Za-z_]\w{0,30}\}?|\{\})",
            r"\bif\s{1,3}(?:!\s{1,3})?grep\s{1,3}(?:-\w{1,4}\s{1,3}){0,3}[^\s;|&]{1,60}\s{1,3}"
            r"[\"']?(?:\$\{?[A-Za-z_]\w{0,30}\}?|\{\}|\.[\w.]{1,20})[\"']?",
        ),
        all_of=(_SELF_READ, _WALK),
        languages=SH,
        weight=15,
        tags=TAGS,
    ),
)

RULES: tuple[Rule, ...] = _SPREAD_RULES + ROOTKIT_RULES + EXPLOIT_RULES + ATTACK_RULES
