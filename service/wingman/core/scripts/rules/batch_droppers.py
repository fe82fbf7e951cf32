"""Batch droppers, downloaders and start-up persistence.

Writing a helper script with echo and running it is everyday batch practice, so that alone
weighs little: the written script becomes a layer of its own and is judged on what it does.
Machine code assembled through DEBUG, programs written with echo, and FTP scripts that fetch
programs are another matter.
"""

from __future__ import annotations

from wingman.core.models import Severity
from wingman.core.scripts.rules.batch_syntax import BOL, COPY, SELF, SELF_ANY
from wingman.core.scripts.rules.engine import Rule
from wingman.core.scripts.types import Lang

BATCH = frozenset({Lang.BATCH})
TAGS = frozenset({"batch"})

# What an echo writes, up to its redirect: an unescaped > ends it.
_ECHOED = r"\becho\s(?:(?!\becho\s)(?:[^\n>^]|\^[^\n])){1,300}+"
# A file name at the end of an echo redirect.
_REDIRECT = r">>?\s{0,3}\"?[^\s\"<>|&]{1,120}\."
# Files that run a program at DOS or Windows start-up.
_BOOT_FILES = r"(?:autoexec\.bat|winstart\.bat|dosstart\.bat|config\.sys)"
# The Startup folder in English and in the localized names old Windows versions used.
_STARTUP = (
    r"(?:Start Menu\\{1,2}Programs\\{1,2}Start ?Up|\\Start ?Up(?:\\|\"|\s|$)|shell:startup|"
    r"\\Autostart\b|\\D[ée]marrage\b|\\Inicio\b)"
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="BAT-040",
        title="Assembles machine code with a DEBUG script and runs or writes it",
        severity=Severity.CRITICAL,
        attack=("T1027.004", "T1059.003"),
        any_of=(
            r"\becho\s{1,3}e\s{0,2}[0-9a-f]{3,4}(?::[0-9a-f]{4})?(?:\s{1,3}[0-9a-f]{2}){4,32}",
            r"\becho\s{1,3}n\s{1,3}[^\s<>|&]{1,60}\.(?:com|exe)\s{0,3}>",
        ),
        all_of=(r"\bdebug(?:\.exe)?\s{0,3}<",),
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="BAT-041",
        title="Writes a program file with echo",
        severity=Severity.HIGH,
        attack=("T1027.004", "T1105"),
        any_of=(_ECHOED + _REDIRECT + r"(?:com|exe|scr|pif)\"?\s{0,3}$",),
        languages=BATCH,
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="BAT-042",
        title="Writes a script with echo and runs it",
        severity=Severity.LOW,
        attack=("T1059.005", "T1059.007"),
        any_of=(_ECHOED + _REDIRECT + r"(?:vbs|vbe|js|jse|wsf|hta|ps1)\b",),
        all_of=(
            r"\b(?:start|cscript|wscript|mshta|call)\b(?:(?!\b(?:start|cscript|wscript|mshta"
            r"|call)\b)[^\n>]){0,80}?\.(?:vbs|vbe|js|jse|wsf|hta)\b\"?(?=\s|$)|"
            r"^[ \t@]{0,8}\"?[^\s\"<>|&]{1,120}\.(?:vbs|vbe|js|jse|wsf|hta)\"?(?=\s|$)",
        ),
        languages=BATCH,
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="BAT-043",
        title="FTP script logs in and downloads a program",
        severity=Severity.HIGH,
        attack=("T1105", "T1071.002"),
        any_of=(
            BOL + r"(?:echo\s{1,3})?(?:get|mget|recv)\s{1,3}[^\n]{0,100}?\.(?:exe|com|scr|pif|dll"
            r"|bat|cmd|vbs|js)\b",
        ),
        all_of=(BOL + r"(?:echo\s{1,3})?open\s{1,3}[\w.\-]{3,100}",),
        languages=BATCH,
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="BAT-044",
        title="Runs an FTP command script (ftp -s)",
        severity=Severity.LOW,
        attack=("T1105", "T1071.002"),
        any_of=(r"\bftp(?:\.exe)?\s{1,3}(?:-[a-z]{1,2}(?::\d{1,6})?\s{1,3}){0,4}-s:\S",),
        languages=BATCH,
        weight=10,
        tags=TAGS,
    ),
    Rule(
        id="BAT-045",
        title="Starts a cryptocurrency miner against a mining pool",
        severity=Severity.CRITICAL,
        attack=("T1496.001",),
        any_of=(
            r"\s(?:-o|--url)[\s=]{1,3}(?:stratum\+\w{1,8}|https?)://[^\s\"/]{1,100}:\d{2,5}\b",
            r"\b(?:cgminer|bfgminer|ccminer|sgminer|ethminer|nheqminer|nbminer|lolminer|"
            r"phoenixminer|bitcoin-miner|nsgminer|claymore)(?:\.exe)?\s",
        ),
        all_of=(r"\s(?:-u|--user|-O|--userpass)[\s=]{1,3}\S",),
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="BAT-046",
        title="Adds a program to the load= / run= lines of win.ini or the shell of system.ini",
        severity=Severity.HIGH,
        attack=("T1547",),
        any_of=(
            r"\becho\s{1,3}(?:load|run)\s{0,3}=\s{0,3}[^\s=]",
            r"\becho\s{1,3}shell\s{0,3}=\s{0,3}explorer\.exe\s{1,3}\S",
            r"\bPrivateProfileString\s{0,3}\((?:(?!\bPrivateProfileString)[^\n]){0,60}?"
            r"[\"'](?:load|run|shell)[\"']",
        ),
        all_of=(r"\b(?:win|system)\.ini\b",),
        weight=40,
        tags=frozenset({"persistence", "batch"}),
    ),
    Rule(
        id="BAT-047",
        title="Plants commands in autoexec.bat, winstart.bat or config.sys",
        severity=Severity.HIGH,
        attack=("T1037",),
        any_of=(
            r">>?\s{0,3}\"?(?:[a-z]:[\\/]|%\w{1,20}%\\)?" + _BOOT_FILES + r"\b",
            r"\bcopy\s(?:(?!\bcopy\s)[^\n]){0,120}?\s\"?(?:[a-z]:\\)?"
            + _BOOT_FILES
            + r"\"?\s{0,3}$",
            r"\b(?:CreateTextFile|OpenTextFile)\s{0,3}\(\s{0,3}[^\n,]{0,60}" + _BOOT_FILES,
        ),
        weight=30,
        tags=frozenset({"persistence", "batch"}),
    ),
    Rule(
        id="BAT-048",
        title="Copies itself into the Startup folder",
        severity=Severity.CRITICAL,
        attack=("T1547.001",),
        any_of=(
            COPY + SELF + r"(?:\.bat)?\"?\s{1,3}(?:(?!\b(?:copy|xcopy)\b)[^\n]){0,160}?" + _STARTUP,
            r"\b(?:CopyFile|\.Copy)\b(?:(?!\b(?:CopyFile|Copy)\b)[^\n]){0,160}?(?:Startup|"
            r"Autostart)\b",
        ),
        all_of=(SELF_ANY,),
        weight=40,
        tags=frozenset({"persistence", "batch"}),
    ),
    Rule(
        id="BAT-049",
        title="Writes a registry file that adds a Run entry",
        severity=Severity.MEDIUM,
        attack=("T1547.001", "T1112"),
        any_of=(
            BOL + r"(?:echo\s{1,3})?\[HKEY_(?:LOCAL_MACHINE|CURRENT_USER)\\Software\\Microsoft"
            r"\\Windows\\CurrentVersion\\Run(?:Once|Services(?:Once)?)?\]",
        ),
        weight=15,
        tags=frozenset({"persistence", "batch"}),
    ),
    Rule(
        id="BAT-050",
        title="Imports a registry file silently (regedit /s)",
        severity=Severity.LOW,
        attack=("T1112",),
        any_of=(r"\bregedit(?:\.exe)?\s{1,3}(?:/\w\s{1,3}){0,2}/s\s{1,3}\"?[^\n\"]{1,120}\.reg\b",),
        languages=BATCH,
        weight=5,
        tags=frozenset({"persistence", "batch"}),
    ),
    Rule(
        id="BAT-051",
        title="Installs a program as a service with instsrv / srvany",
        severity=Severity.MEDIUM,
        attack=("T1543.003",),
        any_of=(r"\binstsrv(?:\.exe)?\s{1,3}\S{1,60}\s{1,3}\S", r"\bsrvany(?:\.exe)?\b"),
        languages=BATCH,
        weight=15,
        tags=frozenset({"persistence", "batch"}),
    ),
    Rule(
        id="BAT-052",
        title="Clears the event logs with a log-wiping tool",
        severity=Severity.CRITICAL,
        attack=("T1070.001",),
        any_of=(r"\bclearlogs?(?:\.exe)?\s{1,3}-(?:app|sys|sec|all)\b",),
        weight=40,
        tags=frozenset({"evasion", "batch"}),
    ),
    Rule(
        id="BAT-053",
        title="Guesses passwords for administrative shares",
        severity=Severity.CRITICAL,
        attack=("T1110.001", "T1021.002"),
        any_of=(
            r"(?:"
            + BOL
            + r"net1?\s{1,3}use\s{1,3}[^\n]{0,40}?\\\\[^\s\\]{1,80}\\(?:ipc|admin|[a-z])"
            r"\$[^\n]{0,80}?/u(?:ser)?:[^\n]{0,80}(?:\n|\Z)(?:[^\n]{0,200}\n){0,2}?){4}",
        ),
        languages=BATCH,
        weight=40,
        tags=frozenset({"credential-access", "batch"}),
    ),
)
