"""Privilege-escalation rules: UAC bypasses, SUID abuse, token theft and known exploits.

Patterns run with IGNORECASE | MULTILINE. A gap is written `(?:(?!LEAD)[^\\n]){0,N}?`:
bounded, on one line, and stopping at the next occurrence of the pattern's leading token,
so an input that repeats that token cannot make a search quadratic.
"""

from __future__ import annotations

from wingman.core.models import Severity
from wingman.core.scripts.rules.engine import Rule

TAGS = frozenset({"privilege-escalation"})

# A registry path separator as written in scripts: one backslash, or two inside a string.
_S = r"\\{1,2}"

RULES: tuple[Rule, ...] = (
    Rule(
        id="PRV-001",
        title="Hijacks a shell open command for an auto-elevating binary (UAC bypass)",
        severity=Severity.CRITICAL,
        attack=("T1548.002",),
        any_of=(
            r"Classes" + _S + r"(?:ms-settings|mscfile|exefile|Folder|Launcher\.SystemSettings|"
            r"AppX82a6gwre4fdg3bt635tn5ctqjf8msdd2)"
            + _S
            + r"shell"
            + _S
            + r"(?:open|runas)"
            + _S
            + r"command\b",
        ),
        weight=55,
        tags=TAGS,
    ),
    Rule(
        id="PRV-002",
        title="Abuses a mock trusted directory or windir variable (UAC bypass)",
        severity=Severity.CRITICAL,
        attack=("T1548.002",),
        any_of=(
            r"\b[a-z]:" + _S + r"Windows " + _S + r"System32\b",
            r"\bEnvironment\b[\"']?(?:(?!\bEnvironment)[^\n]){0,60}?\bwindir\b(?:"
            r"(?!\bEnvironment)[^\n]){0,120}?(?:cmd|powershell)(?:\.exe)?\b",
        ),
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="PRV-003",
        title="Starts an auto-elevating binary used in UAC bypasses",
        severity=Severity.MEDIUM,
        attack=("T1548.002",),
        any_of=(
            r"\b(?:Start-Process|start|\.Run|\.ShellExecute|os\.system|subprocess\.\w{3,12})\b"
            r"(?:(?!\b(?:Start-Process|start|\.Run|\.ShellExecute|os\.system|"
            r"subprocess\.\w{3,12})\b)[^\n]){0,40}?\b(?:fodhelper|computerdefaults|sdclt|slui|"
            r"wsreset|eventvwr|changepk)(?:\.exe)?\b",
        ),
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="PRV-004",
        title="Looks for SUID binaries or sudo rights",
        severity=Severity.LOW,
        attack=("T1548.001", "T1548.003"),
        any_of=(
            r"\bfind\s(?:(?!\bfind)[^\n]){0,80}?-perm\s{1,3}(?:-|/|\+)?(?:u=s|g=s|[2467]000)\b",
            r"\bsudo\s{1,3}-l\b",
        ),
        weight=10,
        tags=TAGS,
    ),
    Rule(
        id="PRV-005",
        title="Sets the SUID bit on a shell, interpreter or temporary file",
        severity=Severity.CRITICAL,
        attack=("T1548.001",),
        any_of=(
            r"\bchmod\s{1,3}(?:[ugoa]{0,3}\+s|[2467][0-7]{3})\s{1,3}[\"']?(?:/tmp/|/dev/shm/|"
            r"/var/tmp/|/bin/(?:ba|da|z)?sh\b|/usr/bin/(?:ba|da|z)?sh\b|/usr/bin/(?:python\d?"
            r"(?:\.\d{1,2})?|perl|find|vim?|env|nmap)\b)",
        ),
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="PRV-006",
        title="Manipulates access tokens (impersonation, SeDebugPrivilege)",
        severity=Severity.HIGH,
        attack=("T1134.001", "T1134.002"),
        any_of=(
            r"\b(?:ImpersonateLoggedOnUser|DuplicateTokenEx|CreateProcessWithTokenW?|"
            r"SetThreadToken|ImpersonateNamedPipeClient)\b",
            r"\bInvoke-TokenManipulation\b",
            r"\bAdjustTokenPrivileges\b(?:"
            r"(?!\bAdjustTokenPrivileges)[^\n]){0,200}?\bSeDebugPrivilege\b",
            r"\bSeDebugPrivilege\b(?:(?!\bSeDebugPrivilege)[^\n]){0,200}?\bAdjustTokenPrivileges\b",
        ),
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="PRV-007",
        title="Potato-family privilege escalation tools",
        severity=Severity.CRITICAL,
        attack=("T1134.001",),
        any_of=(
            r"\b(?:JuicyPotato(?:NG)?|RoguePotato|SweetPotato|GodPotato|EfsPotato|RottenPotato|"
            r"PrintSpoofer|LocalPotato|GenericPotato)(?:\.exe)?\b",
        ),
        weight=55,
        tags=TAGS,
    ),
    Rule(
        id="PRV-008",
        title="Points a service binary at a shell or new admin account",
        severity=Severity.HIGH,
        attack=("T1543.003", "T1574.011"),
        any_of=(
            r"\bsc(?:\.exe)?\s{1,3}config\s{1,3}\S{1,60}\s{1,3}binpath=\s{0,3}[\"']?(?:(?!\bsc"
            r"(?:\.exe)?\s{1,3}config\s{1,3}\S{1,60}\s{1,3}binpath=\s{0,3}[\"']?)[^\n]){0,100}?"
            r"(?:cmd(?:\.exe)?\s{1,3}/c|powershell|net1?\s{1,3}(?:user|localgroup))\b",
        ),
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="PRV-009",
        title="Names a well-known privilege-escalation exploit",
        severity=Severity.HIGH,
        attack=("T1068",),
        any_of=(
            r"\b(?:dirtycow|dirty_cow|pwnkit|dirtypipe|dirty_pipe|PrintNightmare|HiveNightmare|"
            r"SeriousSAM|CVE-2021-4034|CVE-2016-5195|CVE-2022-0847|CVE-2021-34527|CVE-2021-1675|"
            r"CVE-2021-36934|CVE-2021-3156|CVE-2023-2640|CVE-2023-32629|CVE-2024-1086)\b",
        ),
        weight=40,
        tags=TAGS,
    ),
)
