"""Persistence rules: autostart registry keys, tasks, services, WMI subscriptions, cron,
systemd, shell profiles, SSH keys, launchd and accessibility hijacks.

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
TAGS = frozenset({"persistence"})

# Registry writers: reg add, PowerShell, .NET, WSH RegWrite, WMI StdRegProv, Python winreg.
_REG_WRITE = (
    r"\breg(?:\.exe)?\s{1,3}(?:add|import)\b|\b(?:New|Set)-ItemProperty\b|\bSet-Item\b|"
    r"\.SetValue\s{0,3}\(|\bRegWrite\b|\bSetValueEx\b|\bSet(?:String|ExpandedString|"
    r"DWORD)Value\b"
)
# A registry path separator as written in scripts: one backslash, or two inside a string.
_S = r"\\{1,2}"
# Interpreters and proxies that a persistence entry should rarely start.
_LAUNCHERS = (
    r"(?:powershell|pwsh|mshta|wscript|cscript|rundll32|regsvr32|certutil|bitsadmin|cmd"
    r"(?:\.exe)?\s{1,3}/c)"
)
# Where systemd units live, and a unit file name.
_UNIT_DIR = (
    r"(?:/etc/systemd/system|/lib/systemd/system|/usr/lib/systemd/system|(?:~|"
    r"\$HOME)/\.config/systemd/user)/[\w@.-]{1,80}\.(?:service|timer)\b"
)
# A user's shell start-up files.
_PROFILE = (
    r"(?:(?:~|\$HOME|\$\{HOME\}|/root|/home/[\w.-]{1,32})/\.(?:bashrc|bash_profile|bash_login|"
    r"profile|zshrc|zprofile|zshenv)|/etc/(?:profile|bash\.bashrc|zsh/zshrc|zshrc|"
    r"profile\.d/[\w.-]{1,64}))\b"
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="PER-001",
        title="Writes a Run / RunOnce autostart registry value",
        severity=Severity.MEDIUM,
        attack=("T1547.001", "T1112"),
        any_of=(
            r"CurrentVersion" + _S + r"(?:Policies" + _S + r"Explorer" + _S + r")?Run(?:Once"
            r"(?:Ex)?|Services"
            r"(?:Once)?)?\b",
        ),
        all_of=(_REG_WRITE,),
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="PER-002",
        title="Changes the Winlogon Shell / Userinit / Notify entries",
        severity=Severity.HIGH,
        attack=("T1547.004", "T1112"),
        any_of=(
            r"Windows NT" + _S + r"CurrentVersion" + _S + r"Winlogon\b(?:"
            r"(?!Windows NT\\{1,2}CurrentVersion\\"
            r"{1,2}Winlogon\b)[^\n]){0,120}?\b"
            r"(?:Shell|Userinit|Notify)\b",
        ),
        all_of=(_REG_WRITE,),
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="PER-003",
        title="Sets an Image File Execution Options debugger or silent-exit monitor",
        severity=Severity.HIGH,
        attack=("T1546.012", "T1112"),
        any_of=(
            r"Image File Execution Options" + _S + r"[\w.-]{1,64}\.exe\b(?:"
            r"(?!Image File Execution Options\\{1,2}"
            r"[\w.-]{1,64}\.exe\b)[^\n]){0,120}?\b"
            r"(?:Debugger|GlobalFlag)\b",
            r"\bSilentProcessExit" + _S + r"[\w.-]{1,64}\.exe\b(?:"
            r"(?!\bSilentProcessExit\\{1,2}[\w.-]{1,64}\.exe\b)"
            r"[^\n]){0,120}?\bMonitorProcess\b",
        ),
        all_of=(_REG_WRITE,),
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="PER-004",
        title="Registers AppInit_DLLs",
        severity=Severity.HIGH,
        attack=("T1546.010", "T1112"),
        any_of=(
            r"\bAppInit_DLLs\b",
            r"\bLoadAppInit_DLLs\b(?:(?!\bLoadAppInit_DLLs)[^\n]){0,60}?(?:/d|-Value|=|"
            r",)\s{0,3}1\b",
        ),
        all_of=(_REG_WRITE,),
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="PER-005",
        title="Sets a logon script (UserInitMprLogonScript)",
        severity=Severity.HIGH,
        attack=("T1037.001",),
        any_of=(r"\bUserInitMprLogonScript\b",),
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="PER-006",
        title="Creates a scheduled task",
        severity=Severity.LOW,
        attack=("T1053.005",),
        any_of=(
            r"\bschtasks(?:\.exe)?[\"']?\s{1,3}/create\b",
            r"\bRegister-ScheduledTask\b",
            r"\bNew-ScheduledTaskAction\b",
            r"\bRegisterTaskDefinition\b",
        ),
        weight=8,
        tags=TAGS,
    ),
    Rule(
        id="PER-007",
        title="Scheduled task starts a script interpreter or proxy binary",
        severity=Severity.MEDIUM,
        attack=("T1053.005",),
        any_of=(
            r"\bschtasks(?:\.exe)?[\"']?\s(?:(?!\bschtasks)[^\n]){0,300}?/tr\s{1,3}[\"']?(?:"
            r"(?!\bschtasks(?:\.exe)?[\"']?\s)[^\n]){0,80}?\b" + _LAUNCHERS,
            r"\bNew-ScheduledTaskAction\b(?:"
            r"(?!\bNew-ScheduledTaskAction)[^\n]){0,80}?-Execute\s{1,3}[\"']?(?:"
            r"(?!\bNew-ScheduledTaskAction)[^\n]){0,60}?\b" + _LAUNCHERS,
        ),
        weight=18,
        tags=TAGS,
    ),
    Rule(
        id="PER-008",
        title="Creates a Windows service",
        severity=Severity.LOW,
        attack=("T1543.003",),
        any_of=(
            r"\bsc(?:\.exe)?\s{1,3}(?:\\\\[\w.-]{1,64}\s{1,3})?create\s",
            r"\bNew-Service\b",
            r"\bCreateService[AW]?\s{0,3}\(",
        ),
        weight=10,
        tags=TAGS,
    ),
    Rule(
        id="PER-009",
        title="Service binary path runs a shell or script interpreter",
        severity=Severity.HIGH,
        attack=("T1543.003", "T1569.002"),
        any_of=(
            r"\bbinpath=\s{0,3}[\"']?(?:(?!\bbinpath=\s{0,3}[\"']?)[^\n]){0,60}?\b" + _LAUNCHERS,
            r"\bNew-Service\b(?:(?!\bNew-Service)[^\n]){0,200}?-BinaryPathName\s{1,3}[\"']?(?:"
            r"(?!\bNew-Service\b)[^\n]){0,60}?\b" + _LAUNCHERS,
        ),
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="PER-010",
        title="Creates a WMI event subscription",
        severity=Severity.CRITICAL,
        attack=("T1546.003",),
        any_of=(
            r"\b__EventFilter\b",
            r"\bCommandLineEventConsumer\b",
            r"\bActiveScriptEventConsumer\b",
            r"\b__FilterToConsumerBinding\b",
        ),
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="PER-011",
        title="Refers to the Startup folder",
        severity=Severity.MEDIUM,
        attack=("T1547.001",),
        any_of=(
            r"Start Menu" + _S + r"Programs" + _S + r"Startup\b",
            r"\bshell:(?:common\s)?startup\b",
            r"\bGetFolderPath\s{0,3}\(\s{0,3}[\"']?(?:\[Environment\+SpecialFolder\]::)?"
            r"(?:Common)?Startup\b",
            r"\bSpecialFolders\s{0,3}\(\s{0,3}[\"'](?:All Users )?Startup[\"']",
        ),
        weight=12,
        tags=TAGS,
    ),
    Rule(
        id="PER-012",
        title="Adds a cron job",
        severity=Severity.LOW,
        attack=("T1053.003",),
        any_of=(
            r"\bcrontab\s{1,3}-l\b(?:(?!\bcrontab\s{1,3}-l\b)[^\n]){0,300}?\|"
            r"\s{0,3}crontab\s{1,3}-(?:\s|$|\))",
            r"(?:>>?|\btee\s{1,3}(?:-a\s{1,3})?)\s{0,3}[\"']?(?:/etc/crontab|/etc/cron\.(?:d|"
            r"hourly|daily|weekly|monthly)/|/var/spool/cron/)",
            r"\b(?:cp|mv|install)\s(?:(?!\b(?:cp|mv|install)\s)[^\n]){0,200}?\s[\"']?"
            r"(?:/etc/cron\.(?:d|hourly|daily|weekly|monthly)/|/var/spool/cron/)",
        ),
        weight=10,
        tags=TAGS,
    ),
    Rule(
        id="PER-013",
        title="Cron entry downloads or opens a shell",
        severity=Severity.HIGH,
        attack=("T1053.003", "T1105"),
        any_of=(
            r"\*\s{1,3}\*\s{1,3}\*\s(?:(?!\*\s{1,3}\*\s{1,3}\*\s)[^\n]){0,150}?\b(?:curl|wget)\b"
            r"(?:(?!\*\s{1,3}\*\s{1,3}\*\s)[^\n]){0,200}?(?:\|\s{0,3}(?:ba|z|da)?sh\b|-O-|"
            r"-o\s{0,3}-)",
            r"\*\s{1,3}\*\s{1,3}\*\s(?:(?!\*\s{1,3}\*\s{1,3}\*\s)[^\n]){0,150}?/dev/tcp/",
            r"\*\s{1,3}\*\s{1,3}\*\s(?:(?!\*\s{1,3}\*\s{1,3}\*\s)[^\n]){0,150}?\bbase64\s{1,3}"
            r"(?:-d|--decode)\b",
        ),
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="PER-014",
        title="Installs a systemd unit",
        severity=Severity.LOW,
        attack=("T1543.002",),
        any_of=(
            r"(?:>>?|\btee\s{1,3}(?:-a\s{1,3})?)\s{0,3}[\"']?" + _UNIT_DIR,
            r"\b(?:cp|mv|install)\s(?:(?!\b(?:cp|mv|install)\s)[^\n]){0,200}?\s[\"']?" + _UNIT_DIR,
        ),
        weight=8,
        tags=TAGS,
    ),
    Rule(
        id="PER-015",
        title="Enables a systemd unit",
        severity=Severity.LOW,
        attack=("T1543.002",),
        any_of=(r"\bsystemctl\s{1,3}(?:--user\s{1,3})?enable\b",),
        weight=3,
        tags=TAGS,
    ),
    Rule(
        id="PER-016",
        title="Appends to a shell start-up file",
        severity=Severity.LOW,
        attack=("T1546.004",),
        any_of=(
            r">>\s{0,3}[\"']?" + _PROFILE,
            r"\btee\s{1,3}-a\s{1,3}[\"']?" + _PROFILE,
        ),
        weight=5,
        tags=TAGS,
    ),
    Rule(
        id="PER-017",
        title="Plants a download or shell in a shell start-up file",
        severity=Severity.HIGH,
        attack=("T1546.004",),
        any_of=(
            r"\b(?:curl|wget|nc|ncat|base64\s{1,3}-d)\b(?:(?!\b(?:curl|wget|nc|ncat|"
            r"base64\s{1,3}-d)\b)[^\n]){0,200}?>>\s{0,3}[\"']?" + _PROFILE,
            r"/dev/tcp/(?:(?!/dev/tcp/)[^\n]){0,200}?>>\s{0,3}[\"']?" + _PROFILE,
            r"\balias\s{1,3}(?:sudo|ssh|su)=",
        ),
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="PER-018",
        title="Writes the PowerShell profile",
        severity=Severity.MEDIUM,
        attack=("T1546.013",),
        any_of=(
            r"\b(?:Add-Content|Set-Content|Out-File)\b(?:(?!\b(?:Add-Content|Set-Content|"
            r"Out-File)\b)[^\n]){0,80}?\$PROFILE\b",
            r">>?\s{0,3}\$PROFILE\b",
        ),
        languages=PS_HOSTS,
        weight=12,
        tags=TAGS,
    ),
    Rule(
        id="PER-019",
        title="Adds an SSH authorized key",
        severity=Severity.MEDIUM,
        attack=("T1098.004",),
        any_of=(
            r"(?:>>|\btee\s{1,3}-a\s)\s{0,3}[\"']?[^\s\"'|;&]{0,80}?\.ssh/authorized_keys2?\b",
        ),
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="PER-020",
        title="Installs a launchd agent or daemon",
        severity=Severity.MEDIUM,
        attack=("T1543.001", "T1543.004"),
        any_of=(
            r"\bLibrary/Launch(?:Agents|Daemons)/[\w.-]{1,100}\.plist\b",
            r"\blaunchctl\s{1,3}(?:load|bootstrap|submit)\b",
        ),
        weight=10,
        tags=TAGS,
    ),
    Rule(
        id="PER-021",
        title="Writes /etc/ld.so.preload",
        severity=Severity.HIGH,
        attack=("T1574.006",),
        any_of=(
            r"(?:>>?|\btee\s{1,3}(?:-a\s{1,3})?)\s{0,3}[\"']?/etc/ld\.so\.preload\b",
            r"\b(?:cp|mv)\s(?:(?!\b(?:cp|mv)\s)[^\n]){0,120}?\s[\"']?/etc/ld\.so\.preload\b",
        ),
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="PER-022",
        title="Creates a local account",
        severity=Severity.LOW,
        attack=("T1136.001",),
        any_of=(
            r"\bnet1?(?:\.exe)?\s{1,3}user\s{1,3}(?:(?!\bnet1?"
            r"(?:\.exe)?\s{1,3}user\s{1,3})[^\n/]){1,80}?/add\b",
            r"\bnet1?(?:\.exe)?\s{1,3}user\s{1,3}/add\s",
            r"\bNew-LocalUser\b",
            r"\b(?:useradd|adduser)\s",
        ),
        weight=8,
        tags=TAGS,
    ),
    Rule(
        id="PER-023",
        title="Grants an account administrator or sudo rights",
        severity=Severity.MEDIUM,
        attack=("T1098",),
        any_of=(
            r"\bnet1?(?:\.exe)?\s{1,3}localgroup\s{1,3}[\"']?(?:administrators|"
            r"Remote Desktop Users)[\"']?\s{1,3}(?:(?!\bnet1?"
            r"(?:\.exe)?\s{1,3}localgroup\s{1,3}[\"']?(?:administrators|"
            r"Remote Desktop Users)[\"']?\s{1,3})[^\n]){1,64}?/add\b",
            r"\bAdd-LocalGroupMember\b(?:(?!\bAdd-LocalGroupMember)[^\n]){0,80}?\bAdministrators\b",
            r"\busermod\s{1,3}-a?G\s{1,3}(?:sudo|wheel|root|admin)\b",
            r">>\s{0,3}[\"']?/etc/sudoers\b",
            r"\bNOPASSWD:\s{0,3}ALL\b",
        ),
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="PER-024",
        title="Registers a BITS job notify command",
        severity=Severity.HIGH,
        attack=("T1197",),
        any_of=(r"\bbitsadmin(?:\.exe)?\b(?:(?!\bbitsadmin)[^\n]){0,80}?/SetNotifyCmdLine\b",),
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="PER-025",
        title="Replaces an accessibility binary (sticky keys backdoor)",
        severity=Severity.CRITICAL,
        attack=("T1546.008",),
        any_of=(
            r"\b(?:copy|move|xcopy|Copy-Item|Move-Item)\b(?:(?!\b(?:copy|move|xcopy|Copy-Item|"
            r"Move-Item)\b)[^\n]){0,120}?\bcmd\.exe\b(?:(?!\b(?:copy|move|xcopy|Copy-Item|"
            r"Move-Item)\b)[^\n]){0,120}?\b(?:sethc|utilman|osk|Magnify|Narrator|DisplaySwitch|"
            r"AtBroker)\.exe\b",
            r"Image File Execution Options" + _S + r"(?:sethc|utilman|osk|Magnify|Narrator|"
            r"DisplaySwitch|AtBroker)\.exe\b",
        ),
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="PER-026",
        title="Registers a netsh helper DLL",
        severity=Severity.HIGH,
        attack=("T1546.007",),
        any_of=(r"\bnetsh(?:\.exe)?\s{1,3}add\s{1,3}helper\b",),
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="PER-027",
        title="Creates a shortcut that starts a script interpreter",
        severity=Severity.MEDIUM,
        attack=("T1547.009",),
        any_of=(
            r"\.TargetPath\s{0,3}=\s{0,3}[\"']?(?:"
            r"(?!\.TargetPath\s{0,3}=\s{0,3}[\"']?)[^\n]){0,80}?\b(?:cmd|powershell|pwsh|wscript"
            r"|cscript|mshta|rundll32)(?:\.exe)?\b",
        ),
        all_of=(r"\bCreateShortcut\s{0,3}\(",),
        weight=15,
        tags=TAGS,
    ),
)
