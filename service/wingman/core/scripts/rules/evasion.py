"""Defense-evasion rules: AMSI/ETW tampering, disabled defenses, cleared logs, hidden artifacts.

Obfuscation markers live in obfuscation.py.

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
WSH = frozenset({Lang.VBSCRIPT, Lang.JAVASCRIPT})
TAGS = frozenset({"evasion"})

# How scripts write a registry value: reg add, PowerShell cmdlets, WSH RegWrite, winreg.
_REG_SET = (
    r"(?:\breg(?:\.exe)?\s{1,3}add\b|\b(?:New|Set)-ItemProperty\b|\bRegWrite\b|\bSetValueEx\b)"
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="EVA-001",
        title="AMSI bypass through AmsiUtils / amsiInitFailed",
        severity=Severity.CRITICAL,
        attack=("T1562.001",),
        any_of=(r"\bAmsiUtils\b", r"\bamsiInitFailed\b", r"\bamsiContext\b", r"\bamsiSession\b"),
        weight=60,
        tags=TAGS,
    ),
    Rule(
        id="EVA-002",
        title="Patches the AMSI scan functions in memory",
        severity=Severity.CRITICAL,
        attack=("T1562.001",),
        any_of=(r"\bAmsiScanBuffer\b", r"\bAmsiScanString\b", r"\bAmsiOpenSession\b"),
        weight=55,
        tags=TAGS,
    ),
    Rule(
        id="EVA-003",
        title="Blinds Event Tracing for Windows (ETW patch or provider switch-off)",
        severity=Severity.CRITICAL,
        attack=("T1562.006",),
        any_of=(
            r"\bEtwEventWrite\b",
            r"\bPSEtwLogProvider\b",
            r"\betwProvider\b(?:(?!\betwProvider)[^\n]){0,120}?\bm_enabled\b",
        ),
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="EVA-004",
        title="Turns off PowerShell script-block logging",
        severity=Severity.HIGH,
        attack=("T1562.002",),
        any_of=(
            r"\bcachedGroupPolicySettings\b",
            r"\bEnableScriptBlock(?:Invocation)?Logging\b[\"']?(?:(?!\bEnableScriptBlock"
            r"(?:Invocation)?Logging\b[\"']?)[^\n]){0,60}?(?:/d|-Value|=|,)\s{0,3}[\"']?0\b",
        ),
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="EVA-005",
        title="Runs PowerShell with the execution policy bypassed",
        severity=Severity.LOW,
        attack=("T1059.001",),
        any_of=(
            r"(?<![\w-])-(?:ep|ex\w{0,13})\s{1,3}[\"']?(?:bypass|unrestricted)\b",
            r"\bSet-ExecutionPolicy\s{1,3}(?:-ExecutionPolicy\s{1,3})?[\"']?(?:bypass|"
            r"unrestricted)\b",
        ),
        weight=8,
        tags=TAGS,
    ),
    Rule(
        id="EVA-006",
        title="Starts a process with a hidden window",
        severity=Severity.MEDIUM,
        attack=("T1564.003",),
        any_of=(r"(?<![\w-])-w(?:in\w{0,9})?\s{1,3}[\"']?hidden\b",),
        weight=10,
        tags=TAGS,
    ),
    Rule(
        id="EVA-007",
        title="Script host runs a command with its window hidden (.Run ..., 0)",
        severity=Severity.MEDIUM,
        attack=("T1564.003",),
        any_of=(
            r"\.Run\b(?:(?!\.Run\b)[^\n]){1,300}?,\s{0,3}0\s{0,3}"
            r"(?:,\s{0,3}\w{1,6}\s{0,3})?\)?\s{0,3};?\r?$",
        ),
        languages=WSH,
        weight=8,
        tags=TAGS,
    ),
    Rule(
        id="EVA-008",
        title="Starts a .NET process without a window",
        severity=Severity.LOW,
        attack=("T1564.003",),
        any_of=(
            r"\bCreateNoWindow\s{0,3}=\s{0,3}\$?true\b",
            r"\bProcessWindowStyle\]::Hidden\b",
            r"\.WindowStyle\s{0,3}=\s{0,3}[\"']?Hidden\b",
        ),
        languages=PS_HOSTS,
        weight=5,
        tags=TAGS,
    ),
    Rule(
        id="EVA-009",
        title="Switches off Microsoft Defender protection (Set-MpPreference)",
        severity=Severity.CRITICAL,
        attack=("T1562.001",),
        any_of=(
            r"\bSet-MpPreference\b(?:(?!\bSet-MpPreference)[^\n]){0,200}?-Disable\w{3,40}"
            r"(?:\s{1,3}|:)[\"']?(?:\$true|1|true)\b",
        ),
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="EVA-010",
        title="Disables Microsoft Defender through the registry",
        severity=Severity.CRITICAL,
        attack=("T1562.001", "T1112"),
        any_of=(
            _REG_SET
            + r"(?:(?!(?:\breg(?:\.exe)?\s{1,3}add\b|\b(?:New|Set)-ItemProperty\b|\bRegWrite\b|"
            r"\bSetValueEx\b))[^\n]){0,250}?\bDisable(?:AntiSpyware|AntiVirus|"
            r"RealtimeMonitoring|BehaviorMonitoring|OnAccessProtection|ScanOnRealtimeEnable|"
            r"IOAVProtection)\b",
        ),
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="EVA-011",
        title="Stops or removes the Microsoft Defender service or signatures",
        severity=Severity.CRITICAL,
        attack=("T1562.001",),
        any_of=(
            r"\b(?:sc(?:\.exe)?|net1?)\s{1,3}(?:stop|config|delete)\s{1,3}[\"']?(?:WinDefend|"
            r"WdNisSvc|Sense|WdBoot|WdFilter)\b",
            r"\b(?:Stop|Set)-Service\b(?:(?!\b(?:Stop|Set)-Service\b)[^\n]){0,60}?\bWinDefend\b",
            r"\bMpCmdRun(?:\.exe)?[\"']?\s{1,3}-RemoveDefinitions\b",
        ),
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="EVA-012",
        title="Adds a Microsoft Defender exclusion",
        severity=Severity.MEDIUM,
        attack=("T1562.001",),
        any_of=(
            r"\bAdd-MpPreference\b(?:(?!\bAdd-MpPreference)[^\n]){0,200}?-Exclusion(?:Path|"
            r"Process|Extension|IpAddress)\b",
            r"\\Windows Defender\\{1,2}Exclusions\\{1,2}(?:Paths|Processes|Extensions)\b",
        ),
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="EVA-013",
        title="Clears Windows event logs",
        severity=Severity.HIGH,
        attack=("T1070.001",),
        any_of=(
            r"\bwevtutil(?:\.exe)?[\"']?\s{1,3}(?:cl|clear-log)\b",
            r"\bClear-EventLog\b",
            r"\bRemove-EventLog\b",
            r"\.ClearEventLog\s{0,3}\(",
            r"\bEventLogSession\]::GlobalSession\.ClearLog\b",
        ),
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="EVA-014",
        title="Stops or disables the Windows event log service",
        severity=Severity.HIGH,
        attack=("T1562.002",),
        any_of=(
            r"\b(?:sc(?:\.exe)?|net1?)\s{1,3}(?:stop|config)\s{1,3}[\"']?eventlog\b",
            r"\b(?:Stop|Set)-Service\b(?:(?!\b(?:Stop|Set)-Service\b)[^\n]){0,40}?\bEventLog\b",
            r"\bwevtutil(?:\.exe)?[\"']?\s{1,3}(?:sl|set-log)\b(?:(?!\bwevtutil"
            r"(?:\.exe)?[\"']?\s{1,3}(?:sl|set-log)\b)[^\n]){0,120}?/(?:e|enabled):false\b",
            r"\bauditpol(?:\.exe)?\s{1,3}/(?:clear|remove)\b",
        ),
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="EVA-015",
        title="Erases or disables shell command history",
        severity=Severity.HIGH,
        attack=("T1070.003", "T1562.003"),
        any_of=(
            r"\bhistory\s{1,3}-c\b",
            r"\bunset\s{1,3}HISTFILE\b",
            r"\bHISTFILE=\s{0,3}[\"']?/dev/null\b",
            r"\bexport\s{1,3}HIST(?:FILE)?SIZE=\s{0,3}0\b",
            r"\bset\s{1,3}\+o\s{1,3}history\b",
            r"\b(?:rm|shred)\s(?:(?!\b(?:rm|shred)\s)[^\n;|&]){0,60}?\.(?:bash|zsh|sh)_history\b",
            r"\bln\s{1,3}-sf?\s{1,3}/dev/null\s{1,3}(?:"
            r"(?!\bln\s{1,3}-sf?\s{1,3}/dev/null\s{1,3})[^\n]){0,40}?\.(?:bash|zsh)_history\b",
            r">\s{0,3}[\"']?(?:~|\$HOME|/root)/\.(?:bash|zsh)_history\b",
        ),
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="EVA-016",
        title="Erases PowerShell command history",
        severity=Severity.HIGH,
        attack=("T1070.003",),
        any_of=(
            r"\bRemove-Item\b(?:"
            r"(?!\bRemove-Item)[^\n]){0,60}?\(\s{0,3}Get-PSReadLineOption\s{0,3}\)\.HistorySaveP"
            r"ath\b",
            r"\bSet-PSReadLineOption\b(?:"
            r"(?!\bSet-PSReadLineOption)[^\n]){0,60}?-HistorySaveStyle\s{1,3}SaveNothing\b",
            r"\bConsoleHost_history\.txt\b(?:(?!\bConsoleHost_history\.txt\b)[^\n]){0,60}?\b"
            r"(?:Remove-Item|del|rm|Clear-Content)\b",
            r"\b(?:Remove-Item|del|rm|Clear-Content)\b(?:(?!\b(?:Remove-Item|del|rm|"
            r"Clear-Content)\b)[^\n]){0,120}?\bConsoleHost_history\.txt\b",
        ),
        languages=PS_HOSTS,
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="EVA-017",
        title="Wipes Linux system logs",
        severity=Severity.HIGH,
        attack=("T1070.002",),
        any_of=(
            r"\b(?:rm|shred|truncate)\s(?:(?!\b(?:rm|shred|truncate)\s)[^\n;|&]){0,60}?/var/log/"
            r"(?:wtmp|btmp|lastlog|auth\.log|secure|syslog|messages|audit/audit\.log)\b",
            r"(?:^|[;&|]|\becho|\bcat\s{1,3}/dev/null)\s{0,3}>\s{0,3}/var/log/(?:wtmp|btmp|"
            r"lastlog|auth\.log|secure|syslog|messages)\b",
            r"\bjournalctl\s{1,3}--vacuum-(?:time|size)=\s{0,3}(?:1s|1|0)\b",
        ),
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="EVA-018",
        title="Turns off the Windows firewall",
        severity=Severity.HIGH,
        attack=("T1562.004",),
        any_of=(
            r"\bnetsh(?:\.exe)?\s{1,3}advfirewall\s{1,3}set\s{1,3}\w{1,20}\s{1,3}state\s{1,3}off\b",
            r"\bnetsh(?:\.exe)?\s{1,3}firewall\s{1,3}set\s{1,3}opmode\s{1,3}(?:mode=)?disable\b",
            r"\bSet-NetFirewallProfile\b(?:"
            r"(?!\bSet-NetFirewallProfile)[^\n]){0,100}?-Enabled\s{1,3}(?:False|\$false|0)\b",
            r"\b(?:sc(?:\.exe)?|net1?)\s{1,3}stop\s{1,3}[\"']?(?:MpsSvc|SharedAccess)\b",
        ),
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="EVA-019",
        title="Opens the Windows firewall for a program or port",
        severity=Severity.LOW,
        attack=("T1562.004",),
        any_of=(
            r"\bnetsh(?:\.exe)?\s{1,3}firewall\s{1,3}add\s{1,3}(?:allowedprogram|portopening)\b",
            r"\bnetsh(?:\.exe)?\s{1,3}advfirewall\s{1,3}firewall\s{1,3}add\s{1,3}rule\b",
            r"\bNew-NetFirewallRule\b",
        ),
        weight=6,
        tags=TAGS,
    ),
    Rule(
        id="EVA-020",
        title="Flushes or disables the Linux firewall",
        severity=Severity.MEDIUM,
        attack=("T1562.004",),
        any_of=(
            r"\biptables\s{1,3}(?:-t\s{1,3}\w{1,10}\s{1,3})?(?:-F|--flush)\b",
            r"\bufw\s{1,3}disable\b",
            r"\bsystemctl\s{1,3}(?:stop|disable|mask)\s{1,3}(?:firewalld|ufw|iptables|nftables)\b",
            r"\bservice\s{1,3}(?:firewalld|iptables|ufw)\s{1,3}stop\b",
        ),
        weight=12,
        tags=TAGS,
    ),
    Rule(
        id="EVA-021",
        title="Disables SELinux, AppArmor or the audit daemon",
        severity=Severity.MEDIUM,
        attack=("T1562.001", "T1562.012"),
        any_of=(
            r"\bsetenforce\s{1,3}0\b",
            r"\bSELINUX=disabled\b",
            r"\bsystemctl\s{1,3}(?:stop|disable|mask)\s{1,3}(?:apparmor|auditd)\b",
            r"\bservice\s{1,3}(?:apparmor|auditd)\s{1,3}stop\b",
            r"\bauditctl\s{1,3}-(?:D|e\s{0,3}0)\b",
        ),
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="EVA-022",
        title="Removes cloud or host security agents",
        severity=Severity.HIGH,
        attack=("T1562.001",),
        any_of=(
            r"\baegis_uninstall\b|\bquartz_uninstall\b",
            r"/usr/local/(?:aegis|qcloud/(?:stargate|YunJing|monitor))\b(?:(?!/usr/local/"
            r"(?:aegis|qcloud/(?:stargate|YunJing|monitor))\b)[^\n]){0,80}?(?:uninstall|stop|"
            r"rm\s)",
            r"\b(?:pkill|killall)\s{1,3}(?:-9\s{1,3})?(?:-f\s{1,3})?[\"']?(?:AliYunDun|"
            r"aliyun-service|YDService|YDLive|falcon-sensor|osqueryd|wazuh-agent)\b",
            r"\b(?:systemctl|service)\s{1,3}(?:stop|disable)\s{1,3}(?:falcon-sensor|aegis|"
            r"wazuh-agent|osqueryd|ds_agent|qualys-cloud-agent)\b",
        ),
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="EVA-023",
        title="Changes a file's timestamps (.NET timestomping)",
        severity=Severity.MEDIUM,
        attack=("T1070.006",),
        any_of=(r"\.(?:CreationTime|LastWriteTime|LastAccessTime)(?:Utc)?\s{0,3}=(?!=)",),
        languages=PS_HOSTS,
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="EVA-024",
        title="Copies or sets a file's timestamps with touch",
        severity=Severity.MEDIUM,
        attack=("T1070.006",),
        any_of=(
            r"\btouch\s{1,3}(?:-[acm]{1,3}\s{1,3}){0,2}(?:-r|--reference(?:=|\s))\s{0,3}\S",
            r"\btouch\s{1,3}(?:-[acm]{1,3}\s{1,3}){0,2}-t\s{1,3}\d{8,12}\b",
            r"\btouch\s{1,3}(?:-[acm]{1,3}\s{1,3}){0,2}(?:-d|--date(?:=|\s))\s{0,3}\S",
        ),
        weight=12,
        tags=TAGS,
    ),
    Rule(
        id="EVA-025",
        title="Hides files with system/hidden attributes",
        severity=Severity.MEDIUM,
        attack=("T1564.001",),
        any_of=(
            r"\battrib(?:\.exe)?\s{1,3}(?:(?!\battrib)[^\n]){0,40}?\+[hs]\b",
            r"\.Attributes\s{0,3}=\s{0,3}(?:(?!\.Attributes\s{0,3}=\s{0,3})[^\n]){0,60}?\bHidden\b",
            r"\.Attributes\s{0,3}=\s{0,3}[\w.]{0,30}\s{0,3}(?:\+|Or)\s{0,3}[26]\b",
        ),
        weight=10,
        tags=TAGS,
    ),
    Rule(
        id="EVA-026",
        title="Disables User Account Control",
        severity=Severity.HIGH,
        attack=("T1548.002", "T1112"),
        any_of=(
            r"\b(?:EnableLUA|ConsentPromptBehaviorAdmin|PromptOnSecureDesktop)\b[\"']?(?:(?!\b"
            r"(?:EnableLUA|ConsentPromptBehaviorAdmin|"
            r"PromptOnSecureDesktop)\b[\"']?)[^\n]){0,60}?(?:/d|-Value|=|,)\s{0,3}[\"']?0\b",
            r"\bLocalAccountTokenFilterPolicy\b[\"']?(?:"
            r"(?!\bLocalAccountTokenFilterPolicy)[^\n]){0,60}?(?:/d|-Value|=|,)\s{0,3}[\"']?1\b",
        ),
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="EVA-027",
        title="Makes files immutable with chattr (locks persistence in place)",
        severity=Severity.MEDIUM,
        attack=("T1222.002",),
        any_of=(
            r"\bchattr\s{1,3}(?:-R\s{1,3})?[+][ia]{1,2}\s(?:(?!\bchattr\s{1,3}"
            r"(?:-R\s{1,3})?[+][ia]{1,2}\s)[^\n]){0,80}?(?:authorized_keys|/etc/cron|crontab|"
            r"/etc/passwd|/etc/shadow|ld\.so\.preload|/etc/hosts|/var/spool/cron)",
        ),
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="EVA-028",
        title="Deletes its own script file",
        severity=Severity.MEDIUM,
        attack=("T1070.004",),
        any_of=(
            r"\bdel(?:ete)?\s{1,3}(?:/[fqs]\s{1,3}){0,3}[\"']?%~(?:f|dpnx|dp0%~nx)0\b",
            r"\bRemove-Item\b(?:(?!\bRemove-Item)[^\n]){0,40}?(?:\$PSCommandPath|"
            r"\$MyInvocation\.MyCommand\.(?:Path|Definition))",
            r"\bDeleteFile\s{0,3}\(?\s{0,3}WScript\.ScriptFullName\b",
            r"\brm\s{1,3}(?:-[rf]{1,2}\s{1,3})?(?:--\s{1,3})?[\"']?\$0\b",
            r"\bos\.(?:remove|unlink)\s{0,3}\(\s{0,3}(?:__file__|sys\.argv\[0\])",
        ),
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="EVA-029",
        title="Checks for a virtual machine or sandbox",
        severity=Severity.MEDIUM,
        attack=("T1497.001",),
        any_of=(
            r"\b(?:Model|Manufacturer|SerialNumber|SMBIOSBIOSVersion|SystemManufacturer|"
            r"product_name|sys_vendor)\b(?:(?!\b(?:Model|Manufacturer|SerialNumber|"
            r"SMBIOSBIOSVersion|SystemManufacturer|product_name|sys_vendor)\b)[^\n]){0,120}?\b"
            r"(?:VMware|VirtualBox|VBOX|QEMU|KVM|Xen|Parallels)\b",
            r"\b(?:VBoxService|VBoxTray|vmtoolsd|vmwaretray|vmsrvc|prl_tools|SbieDll|"
            r"joeboxserver)(?:\.exe|\.dll)?\b",
        ),
        weight=12,
        tags=TAGS,
    ),
    Rule(
        id="EVA-030",
        title="Starts PowerShell version 2 (downgrade around logging and AMSI)",
        severity=Severity.HIGH,
        attack=("T1562.010",),
        any_of=(
            r"\b(?:powershell|pwsh)(?:\.exe)?[\"']?\s(?:(?!\b(?:powershell|pwsh)"
            r"(?:\.exe)?[\"']?\s)[^\n]){0,60}?(?<![\w-])-v(?:ersion)?\s{1,3}2(?:\.0)?\b",
        ),
        weight=30,
        tags=TAGS,
    ),
)
