"""Rules for what PowerShell malware does once it runs: persistence, mail, offensive modules.

Rule ids are `PSH-NNN` (from PSH-020). Patterns run with IGNORECASE | MULTILINE; every gap
is bounded and stops at the next occurrence of the pattern's leading token (see execution.py).
"""

from __future__ import annotations

from wingman.core.models import Severity
from wingman.core.scripts.rules.engine import Rule
from wingman.core.scripts.types import Lang

PS_HOSTS = frozenset({Lang.POWERSHELL, Lang.BATCH, Lang.VBSCRIPT, Lang.JAVASCRIPT, Lang.PYTHON})
TAGS = frozenset({"powershell", "post-exploitation"})

# User-writable folders that malware installs itself to, as PowerShell and cmd spell them.
_WRITABLE = (
    r"(?:\$env:(?:temp|tmp|appdata|localappdata|public|programdata|userprofile|allusersprofile)"
    r"|%(?:temp|tmp|appdata|localappdata|public|programdata|userprofile)%"
    r"|\\(?:temp|appdata|public|programdata)\\)"
)
_RUNNABLE = r"\.(?:exe|scr|com|pif|bat|cmd|vbs|vbe|js|jse|wsf|hta|ps1|dll|cpl|jar)\b"
# A program or script file in a user-writable folder, within one string or line.
_WRITABLE_RUNNABLE = _WRITABLE + r"(?:(?!" + _WRITABLE + r")[^\n\"']){0,120}?" + _RUNNABLE


def _prefixes(word: str) -> str:
    """Every abbreviation of a PowerShell parameter, from its first letter (w, wi, ..., word)."""
    return word[0] + "".join(f"(?:{char}" for char in word[1:]) + ")?" * (len(word) - 1)


# Interpreters an autostart entry should rarely start, with flags that hide what they run.
_HIDDEN_LAUNCH = (
    r"\b(?:powershell|pwsh)(?:\.exe)?\b(?:(?!\b(?:powershell|pwsh)\b)[^\n]){0,200}?(?<![\w-])-(?:"
    + _prefixes("windowstyle")
    + r"\s{1,3}[\"']?(?:h\w{0,5}|1\b)|"
    + _prefixes("encodedcommand")
    + r"\s{1,3}[A-Za-z0-9+/]{16})"
    r"|\b(?:mshta|wscript|cscript|rundll32|regsvr32)(?:\.exe)?\s"
)
_TASK = (
    r"\bSchedule\.Service\b|\bRegisterTaskDefinition\b|\bRegister-ScheduledTask\b|"
    r"\bNew-ScheduledTaskAction\b|\bschtasks(?:\.exe)?[\"']?\s{1,3}/create\b"
)
_REG_WRITE = (
    r"\breg(?:\.exe)?\s{1,3}add\b|\b(?:New|Set)-ItemProperty\b|\.SetValue\s{0,3}\(|"
    r"\bRegWrite\b|\bSetStringValue\b"
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="PSH-020",
        title="Switches off Outlook's object-model guard (silent mail access and sending)",
        severity=Severity.HIGH,
        attack=("T1562.001", "T1114.001"),
        any_of=(
            r"\bObjectModelGuard\b",
            r"\bPromptOOM(?:Send|AddressBookAccess|AddressInformationAccess|SaveAs|"
            r"CustomAction|FormulaAccess|MeetingTaskRequestResponse)\b",
        ),
        all_of=(r"\boutlook\\{1,2}security\b", _REG_WRITE),
        languages=PS_HOSTS,
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="PSH-021",
        title="Drives Outlook through COM to read or send mail",
        severity=Severity.MEDIUM,
        attack=("T1114.001",),
        any_of=(r"\bGetNamespace\s{0,3}\(\s{0,3}[\"']MAPI[\"']\s{0,3}\)",),
        all_of=(r"\bOutlook\.Application\b",),
        languages=PS_HOSTS,
        weight=12,
        tags=TAGS,
    ),
    Rule(
        id="PSH-022",
        title="Offensive PowerShell module (PowerSploit, Nishang, Empire and the like)",
        severity=Severity.CRITICAL,
        attack=("T1059.001",),
        any_of=(
            r"\bInvoke-(?:Shellcode(?:MSIL)?|ReflectivePEInjection|DllInjection|PSInject|"
            r"CredentialInjection|PowerShell(?:Tcp(?:OneLine)?|Udp|Icmp|Wmi)|PoshRatHttps?|"
            r"WmiCommand|Mimikittenz|SessionGopher|Inveigh|Phant0m|PsUACme|BypassUAC|"
            r"EventVwrBypass|FodHelperBypass|WScriptBypassUAC|CredentialsPhish|SMBAutoBrute|"
            r"DomainPasswordSpray|ADSBackdoor|CradleCrafter|PSGcat|JSRat(?:Rundll|Regsvr)|"
            r"ConPtyShell|SSIDExfil|WCMDump|LoginPrompt|CredentialPhisher)\b",
            r"\bpowercat\s{1,3}-(?:c|l|rep|ep|dns)\b|\bfunction\s{1,3}powercat\b",
            r"\b(?:Get-(?:Keystrokes|TimedScreenshot|MicrophoneAudio|PassHashes|VaultCredential|"
            r"WLAN-Keys|ChromeDump)|Gupt-Backdoor|HTTP-Backdoor|DNS_TXT_Pwnage|Execute-DNSTXT-Code|"
            r"Add-Exfiltration|Do-Exfiltration|New-(?:User|Elevated)PersistenceOption|"
            r"Set-MasterBootRecord|Find-AVSignature)\b",
        ),
        languages=PS_HOSTS,
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="PSH-023",
        title="Contains Invoke-Obfuscation's command encoders",
        severity=Severity.HIGH,
        attack=("T1027.010",),
        any_of=(
            r"\bOut-(?:ObfuscatedStringCommand|ObfuscatedTokenCommand|ObfuscatedAst|"
            r"Encoded(?:Ascii|Hex|Octal|Binary|BXOR|SpecialCharOnly|Whitespace)Command|"
            r"SecureStringCommand|CompressedCommand|StringDelimitedAndConcatenated|"
            r"StringDelimitedConcatenatedAndReordered|StringReversed)\b",
        ),
        languages=PS_HOSTS,
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="PSH-024",
        title="Autostarts a program from a user-writable folder or a hidden interpreter (Run key)",
        severity=Severity.MEDIUM,
        attack=("T1547.001",),
        any_of=(r"CurrentVersion\\{1,2}Run(?:Once)?\b",),
        all_of=(
            _REG_WRITE,
            _WRITABLE_RUNNABLE + r"|\b[a-z]:\\{1,2}Users\\{1,2}[^\\\n\"']{1,64}\\{1,2}AppData"
            r"\\{1,2}(?:(?!\bAppData\b)[^\n\"']){0,120}?" + _RUNNABLE + "|" + _HIDDEN_LAUNCH,
        ),
        languages=PS_HOSTS,
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="PSH-025",
        title="Registers a hidden scheduled task",
        severity=Severity.MEDIUM,
        attack=("T1053.005", "T1564"),
        any_of=(
            r"\.Settings\.Hidden\s{0,3}=\s{0,3}(?:\$true|1|-1)\b",
            r"\bNew-ScheduledTaskSettingsSet\b(?:(?!\bNew-ScheduledTaskSettingsSet\b)[^\n]){0,300}?"
            r"\s-Hidden\b",
        ),
        all_of=(_TASK,),
        languages=PS_HOSTS,
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="PSH-026",
        title="Scheduled task starts a program from a user-writable folder",
        severity=Severity.MEDIUM,
        attack=("T1053.005",),
        any_of=(_TASK,),
        all_of=(
            _WRITABLE_RUNNABLE + r"|\b[a-z]:\\{1,2}(?:ProgramData|Users\\{1,2}Public)\\"
            r"(?:(?!\b[a-z]:\\)[^\n\"']){0,120}?" + _RUNNABLE,
        ),
        languages=PS_HOSTS,
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="PSH-027",
        title="Imports the Credential Manager API to read stored credentials",
        severity=Severity.MEDIUM,
        attack=("T1555.004",),
        any_of=(r"\bCred(?:Enumerate|Read)W?\b",),
        all_of=(r"\bDllImport\s{0,3}\(\s{0,3}[\"']advapi32(?:\.dll)?[\"']",),
        languages=PS_HOSTS,
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="PSH-028",
        title="Splits a file into numbered chunk files (staging for size-limited exfiltration)",
        severity=Severity.LOW,
        attack=("T1030",),
        any_of=(
            r"\bwhile\s{0,3}\(\s{0,3}\$\w{1,64}\s{0,3}=\s{0,3}\$\w{1,64}\.Read\s{0,3}\(\s{0,3}"
            r"\$\w{1,64}\s{0,3},\s{0,3}0\s{0,3},",
        ),
        all_of=(
            r"\bIO\.File\]::OpenRead\s{0,3}\(",
            r"\bIO\.File\]::OpenWrite\s{0,3}\(\s{0,3}\$\w{1,64}",
            r"=\s{0,3}\"\$\w{1,64}\$\w{1,64}\"|\$\w{1,64}\s{0,3}(?:\+=\s{0,3}1\b|\+\+)",
        ),
        languages=PS_HOSTS,
        weight=10,
        tags=TAGS,
    ),
    Rule(
        id="PSH-029",
        title="Saves screen captures to a user-writable folder",
        severity=Severity.MEDIUM,
        attack=("T1113", "T1074.001"),
        any_of=(r"\.CopyFromScreen\s{0,3}\(",),
        all_of=(r"\.Save\s{0,3}\(\s{0,3}[\"(]?\s{0,3}" + _WRITABLE,),
        languages=PS_HOSTS,
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="PSH-030",
        title="Prompts for credentials and writes or sends the plain-text password",
        severity=Severity.MEDIUM,
        attack=("T1056.002",),
        any_of=(r"\.PromptForCredential\s{0,3}\(", r"\bGet-Credential\b"),
        all_of=(
            r"\.GetNetworkCredential\s{0,3}\(\s{0,3}\)\s{0,3}\.Password\b(?:"
            r"(?!\.GetNetworkCredential\b)[^\n]){0,200}?(?:\bOut-File\b|\b(?:Add|Set)-Content\b|"
            r"\.Upload(?:String|Data)\s{0,3}\(|\b(?:Invoke-WebRequest|Invoke-RestMethod|iwr|irm)\b|"
            r"\.Send\s{0,3}\()",
        ),
        languages=PS_HOSTS,
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="PSH-031",
        title="Mails a file from a user-writable folder through SmtpClient",
        severity=Severity.MEDIUM,
        attack=("T1048.003", "T1114"),
        any_of=(
            r"\.Attachments\.Add\s{0,3}\(\s{0,3}[\"(]?\s{0,3}" + _WRITABLE,
            r"\bNet\.Mail\.Attachment\b(?:(?!\bNet\.Mail\.Attachment\b)[^\n]){0,40}?" + _WRITABLE,
        ),
        all_of=(r"\bNet\.Mail\.SmtpClient\b",),
        languages=PS_HOSTS,
        weight=25,
        tags=TAGS,
    ),
)
