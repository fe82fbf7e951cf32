"""Rules for PowerShell that runs code from memory: shellcode, reflective PE loading, injection.

Rule ids are `PSH-NNN`. Patterns run with IGNORECASE | MULTILINE; every gap is bounded and
stops at the next occurrence of the pattern's leading token (see execution.py).
"""

from __future__ import annotations

from wingman.core.models import Severity
from wingman.core.scripts.rules.engine import Rule
from wingman.core.scripts.types import Lang

PS_HOSTS = frozenset({Lang.POWERSHELL, Lang.BATCH, Lang.VBSCRIPT, Lang.JAVASCRIPT, Lang.PYTHON})
TAGS = frozenset({"powershell", "execution"})

RULES: tuple[Rule, ...] = (
    Rule(
        id="PSH-008",
        title="Holds shellcode in a [Byte[]] array and hands it to memory APIs",
        severity=Severity.CRITICAL,
        attack=("T1620", "T1106"),
        any_of=(
            r"\[Byte\[\]\]\s{0,3}\$\w{1,64}\s{0,3}=\s{0,3}\(?\s{0,3}0x[0-9a-f]{1,2}"
            r"(?:\s{0,3},\s{0,3}0x[0-9a-f]{1,2}){31}",
        ),
        all_of=(
            r"\b(?:VirtualAlloc(?:Ex)?|VirtualProtect(?:Ex)?|memset|CreateThread|RtlMoveMemory|"
            r"WriteProcessMemory)\b",
        ),
        languages=PS_HOSTS,
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="PSH-009",
        title="Declares memory-allocation and thread APIs for PowerShell (shellcode runner)",
        severity=Severity.HIGH,
        attack=("T1106", "T1620"),
        any_of=(
            r"\bextern\b(?:(?!\bextern\b)[^\n]){0,80}?\bVirtualAlloc(?:Ex)?\s{0,3}\(",
            r"\bextern\b(?:(?!\bextern\b)[^\n]){0,80}?\bVirtualProtect(?:Ex)?\s{0,3}\(",
        ),
        all_of=(
            r"\bextern\b(?:(?!\bextern\b)[^\n]){0,80}?\b(?:CreateThread|CreateRemoteThread|"
            r"memset|RtlMoveMemory|WriteProcessMemory|EnumSystemLocalesA?|CallWindowProc[AW]?|"
            r"QueueUserAPC)\s{0,3}\(",
            r"\bAdd-Type\b",
        ),
        languages=PS_HOSTS,
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="PSH-010",
        title="Reaches GetProcAddress without Add-Type (UnsafeNativeMethods or PInvoke builder)",
        severity=Severity.MEDIUM,
        attack=("T1106", "T1620"),
        any_of=(
            r"\bGetMethod\s{0,3}\(\s{0,3}[\"']GetProcAddress[\"']",
            r"\bDefinePInvokeMethod\s{0,3}\(\s{0,3}[\"'](?:VirtualAlloc|VirtualProtect|CreateThread"
            r"|WriteProcessMemory|CreateRemoteThread|OpenProcess)",
        ),
        languages=PS_HOSTS,
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="PSH-011",
        title="Maps a PE image in memory by hand (reflective PE / DLL loader)",
        severity=Severity.CRITICAL,
        attack=("T1620", "T1106"),
        any_of=(
            r"\bIMAGE_(?:NT_HEADERS|DOS_HEADER|BASE_RELOCATION|IMPORT_DESCRIPTOR)\b",
            r"\be_lfanew\b",
        ),
        all_of=(
            r"\bVirtualAlloc(?:Ex)?\b",
            r"\b(?:GetProcAddress|LoadLibrary[AW]?)\b",
        ),
        languages=PS_HOSTS,
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="PSH-012",
        title="Writes code into another process and starts a thread there (process injection)",
        severity=Severity.CRITICAL,
        attack=("T1055.002",),
        any_of=(r"\b(?:CreateRemoteThread|NtCreateThreadEx|RtlCreateUserThread|QueueUserAPC)\b",),
        all_of=(r"\bVirtualAllocEx\b", r"\bWriteProcessMemory\b", r"\bOpenProcess\b"),
        languages=PS_HOSTS,
        weight=50,
        tags=TAGS,
    ),
)
