"""Lateral-movement rules: PsExec and impacket, remote WMI/WinRM/DCOM, admin shares, SSH.

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
TAGS = frozenset({"lateral-movement"})

# A UNC host: \\name or \\1.2.3.4 (two backslashes, or four inside a string literal).
_UNC = r"\\{2,4}[\w.$-]{1,255}"

RULES: tuple[Rule, ...] = (
    Rule(
        id="LAT-001",
        title="Runs a command on another host with PsExec",
        severity=Severity.MEDIUM,
        attack=("T1569.002", "T1021.002"),
        any_of=(
            r"\b(?:psexec(?:64)?|paexec|csexec|remcom)(?:\.exe)?[\"']?\s(?:(?!\b(?:psexec(?:64)?"
            r"|paexec|csexec|remcom)(?:\.exe)?[\"']?\s)[^\n]){0,100}?" + _UNC,
        ),
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="LAT-002",
        title="Uses impacket-style remote execution tools",
        severity=Severity.CRITICAL,
        attack=("T1021.002", "T1047", "T1569.002"),
        any_of=(
            r"\b(?:wmiexec|smbexec|atexec|dcomexec|psexec)\.py\b",
            r"\bimpacket-(?:wmiexec|smbexec|atexec|dcomexec|psexec)\b",
            r"\bInvoke-(?:PsExec|SMBExec|WMIExec|TheHash)\b",
        ),
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="LAT-003",
        title="Starts a process on another host with wmic /node",
        severity=Severity.HIGH,
        attack=("T1047",),
        any_of=(
            r"\bwmic(?:\.exe)?\b(?:(?!\bwmic)[^\n]){0,100}?/node:(?:"
            r"(?!\bwmic)[^\n]){0,200}?\bprocess\s{1,3}call\s{1,3}create\b",
        ),
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="LAT-004",
        title="Starts a process on another host through WMI / CIM",
        severity=Severity.MEDIUM,
        attack=("T1047",),
        any_of=(
            r"\b(?:Invoke-WmiMethod|Invoke-CimMethod)\b(?:(?!\b(?:Invoke-WmiMethod|"
            r"Invoke-CimMethod)\b)[^\n]){0,200}?\bWin32_Process\b",
            r"\bWin32_Process\b(?:(?!\bWin32_Process)[^\n]){0,200}?\b(?:Invoke-WmiMethod|"
            r"Invoke-CimMethod)\b",
        ),
        all_of=(r"-(?:ComputerName|CimSession)\b",),
        languages=PS_HOSTS,
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="LAT-005",
        title="Runs commands over PowerShell remoting / WinRM",
        severity=Severity.LOW,
        attack=("T1021.006",),
        any_of=(
            r"\bInvoke-Command\b(?:(?!\bInvoke-Command)[^\n]){0,200}?-ComputerName\b",
            r"\bEnter-PSSession\b",
            r"\bNew-PSSession\b(?:(?!\bNew-PSSession)[^\n]){0,100}?-ComputerName\b",
            r"\bwinrs(?:\.exe)?\s{1,3}-r(?:emote)?:",
        ),
        weight=6,
        tags=TAGS,
    ),
    Rule(
        id="LAT-006",
        title="Logs in over SSH with a password on the command line (sshpass)",
        severity=Severity.MEDIUM,
        attack=("T1021.004", "T1552.001"),
        any_of=(r"\bsshpass\s{1,3}-[pf]\b",),
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="LAT-007",
        title="Runs a remote command over SSH",
        severity=Severity.LOW,
        attack=("T1021.004",),
        any_of=(r"\bssh\s(?:(?!\bssh\b)[^\n@]){0,200}@[\w.-]{1,255}\s{1,3}[\"']",),
        weight=4,
        tags=TAGS,
    ),
    Rule(
        id="LAT-008",
        title="Spreads over SSH to hosts taken from known_hosts",
        severity=Severity.HIGH,
        attack=("T1021.004", "T1570"),
        any_of=(r"\bknown_hosts\b",),
        all_of=(
            r"StrictHostKeyChecking\s{0,3}=?\s{0,3}no\b",
            r"\bssh\s",
            r"\b(?:curl|wget|scp)\b",
        ),
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="LAT-009",
        title="Connects to an administrative share (ADMIN$, C$, IPC$)",
        severity=Severity.MEDIUM,
        attack=("T1021.002",),
        any_of=(
            r"\bnet1?(?:\.exe)?\s{1,3}use\s{1,3}(?:[a-z]:\s{1,3})?"
            + _UNC
            + r"\\{1,2}(?:admin|ipc|[a-z])\$",
        ),
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="LAT-010",
        title="Copies a file to an administrative share",
        severity=Severity.MEDIUM,
        attack=("T1021.002", "T1570"),
        any_of=(
            r"\b(?:copy|xcopy|robocopy|Copy-Item|move)\b(?:(?!\b(?:copy|xcopy|robocopy|Copy-Item"
            r"|move)\b)[^\n]){0,200}?" + _UNC + r"\\{1,2}(?:admin|[a-z])\$",
        ),
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="LAT-011",
        title="Copies files to a remote host with scp",
        severity=Severity.LOW,
        attack=("T1570",),
        any_of=(r"\bscp\s(?:(?!\bscp\s)[^\n]){0,200}?\s[\w.-]{1,64}@[\w.-]{1,255}:",),
        weight=3,
        tags=TAGS,
    ),
    Rule(
        id="LAT-012",
        title="Enables Remote Desktop",
        severity=Severity.MEDIUM,
        attack=("T1021.001", "T1112"),
        any_of=(
            r"\bfDenyTSConnections\b[\"']?(?:(?!\bfDenyTSConnections)[^\n]){0,60}?(?:/d|-Value|="
            r"|,)\s{0,3}[\"']?0\b",
            r"\bEnable-NetFirewallRule\b(?:"
            r"(?!\bEnable-NetFirewallRule)[^\n]){0,40}?[\"']?Remote Desktop\b",
        ),
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="LAT-013",
        title="Hijacks another user's RDP session (tscon)",
        severity=Severity.HIGH,
        attack=("T1563.002",),
        any_of=(r"\btscon(?:\.exe)?\s{1,3}\d{1,5}\s{1,3}/dest:",),
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="LAT-014",
        title="Uses pass-the-hash tooling",
        severity=Severity.CRITICAL,
        attack=("T1550.002",),
        any_of=(
            r"\bsekurlsa::pth\b",
            r"\bcrackmapexec\b",
            r"\b(?:cme|nxc|netexec)\s{1,3}(?:smb|winrm|ldap|mssql|ssh)\b",
            r"\bevil-winrm\b",
            r"\bpth-winexe\b",
        ),
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="LAT-015",
        title="Executes through DCOM objects (MMC20, ShellWindows)",
        severity=Severity.HIGH,
        attack=("T1021.003",),
        any_of=(
            r"\bGetTypeFromProgID\s{0,3}\(\s{0,3}[\"']MMC20\.Application[\"']\s{0,3},",
            r"\bGetTypeFromCLSID\s{0,3}\(\s{0,3}[\"']?\{?(?:9BA05972-F6A8-11CF-A442-00A0C90A8F39"
            r"|C08AFD90-F2A1-11D1-8455-00A0C91F3880)",
            r"\.Document\.ActiveView\.ExecuteShellCommand\s{0,3}\(",
        ),
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="LAT-016",
        title="Creates or starts a service on another host",
        severity=Severity.HIGH,
        attack=("T1021.002", "T1569.002"),
        any_of=(r"\bsc(?:\.exe)?\s{1,3}" + _UNC + r"\s{1,3}(?:create|config|start)\b",),
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="LAT-017",
        title="Creates a scheduled task on another host",
        severity=Severity.MEDIUM,
        attack=("T1053.005",),
        any_of=(
            r"\bschtasks(?:\.exe)?[\"']?\s(?=(?:(?!\bschtasks\b)[^\n]){0,300}/create\b)(?:"
            r"(?!\bschtasks\b)[^\n]){0,300}?\s/s\s{1,3}[\"']?[\w\\.-]{1,64}",
        ),
        weight=20,
        tags=TAGS,
    ),
)
