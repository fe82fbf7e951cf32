"""Spreading rules: worms that copy themselves to removable drives or mail themselves out.

Patterns run with IGNORECASE | MULTILINE. A gap is written `(?:(?!LEAD)[^\\n]){0,N}?`:
bounded, on one line, and stopping at the next occurrence of the pattern's leading token,
so an input that repeats that token cannot make a search quadratic.
"""

from __future__ import annotations

from wingman.core.models import Severity
from wingman.core.scripts.rules.engine import Rule
from wingman.core.scripts.types import Lang

WSH = frozenset({Lang.VBSCRIPT, Lang.JAVASCRIPT, Lang.POWERSHELL})
TAGS = frozenset({"spreading"})

# How a script names its own file.
_SELF = (
    r"(?:WScript\.ScriptFullName|WScript\.ScriptName|%~f0|%~dpnx0|\$PSCommandPath|"
    r"\$MyInvocation\.MyCommand\.(?:Path|Definition)|sys\.argv\[0\]|__file__)"
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="SPR-001",
        title="Copies itself to removable drives",
        severity=Severity.CRITICAL,
        attack=("T1091",),
        any_of=(
            r"\b(?:CopyFile|Copy-Item|copy|xcopy|\.Copy)\b(?:(?!\b(?:CopyFile|Copy-Item|copy|"
            r"xcopy|\.Copy)\b)[^\n]){0,200}?" + _SELF,
        ),
        all_of=(r"\bDriveType\s{0,3}(?:=|-eq)\s{0,3}[\"']?(?:1|2|Removable)\b|\bRemovable\b",),
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="SPR-002",
        title="Writes an autorun.inf file",
        severity=Severity.HIGH,
        attack=("T1091",),
        any_of=(r"\[autorun\]", r"\bautorun\.inf\b"),
        all_of=(r"\b(?:open|shellexecute|shell\\{1,2}\w{1,20}\\{1,2}command)\s{0,3}=",),
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="SPR-003",
        title="Mails itself to the address book through Outlook",
        severity=Severity.CRITICAL,
        attack=("T1534",),
        any_of=(
            r"\bAddressLists\b",
            r"\bAddressEntries\b",
            r"\bGetDefaultFolder\s{0,3}\(\s{0,3}(?:10|olFolderContacts)\s{0,3}\)",
            r"\bGlobalAddressList\b",
        ),
        all_of=(r"\bOutlook\.Application\b", r"\.Attachments\.Add\b"),
        languages=WSH,
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="SPR-004",
        title="Infects other scripts by appending its own code",
        severity=Severity.HIGH,
        attack=("T1080",),
        any_of=(
            r"\.OpenTextFile\s{0,3}\((?:(?!\.OpenTextFile\s{0,3}\()[^\n]){0,120}?,\s{0,3}8\b",
            r"\bAdd-Content\b(?:(?!\bAdd-Content)[^\n]){0,120}?\*\.(?:ps1|vbs|js|bat)\b",
        ),
        all_of=(_SELF, r"\*?\.(?:vbs|js|bat|ps1|hta)[\"']"),
        languages=WSH,
        weight=35,
        tags=TAGS,
    ),
)
