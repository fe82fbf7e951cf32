"""Credential-access rules: LSASS and hive dumps, mimikatz, Kerberos attacks, browser and
password stores, credential prompts and keyloggers.

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
PYTHON = frozenset({Lang.PYTHON, Lang.BASH})
TAGS = frozenset({"credential-access"})

RULES: tuple[Rule, ...] = (
    Rule(
        id="CRD-001",
        title="Dumps LSASS memory (procdump, comsvcs MiniDump, Out-Minidump)",
        severity=Severity.CRITICAL,
        attack=("T1003.001",),
        any_of=(
            r"\bprocdump(?:64)?(?:\.exe)?[\"']?\s(?:(?!\bprocdump(?:64)?"
            r"(?:\.exe)?[\"']?\s)[^\n]){0,80}?\blsass\b",
            r"\bcomsvcs(?:\.dll)?[\"']?\s{0,3},?\s{0,3}(?:MiniDumpW?|#\s{0,2}24)\b",
            r"\bOut-Minidump\b",
            r"\brundll32(?:\.exe)?\b(?:(?!\brundll32)[^\n]){0,80}?\bcomsvcs\b",
        ),
        weight=60,
        tags=TAGS,
    ),
    Rule(
        id="CRD-002",
        title="Calls MiniDumpWriteDump on LSASS",
        severity=Severity.CRITICAL,
        attack=("T1003.001",),
        any_of=(r"\bMiniDumpWriteDump\b",),
        all_of=(r"\blsass\b",),
        weight=55,
        tags=TAGS,
    ),
    Rule(
        id="CRD-003",
        title="Mimikatz commands or loader",
        severity=Severity.CRITICAL,
        attack=("T1003.001",),
        any_of=(
            r"\bsekurlsa::\w{2,20}",
            r"\bInvoke-Mimikatz\b",
            r"\bmimikatz\b",
            r"\bprivilege::debug\b",
            r"\b(?:token::elevate|vault::cred|dpapi::\w{2,20}|crypto::capi|misc::memssp)\b",
            r"\bgentilkiwi\b",
        ),
        weight=60,
        tags=TAGS,
    ),
    Rule(
        id="CRD-004",
        title="Dumps SAM or LSA secrets (lsadump::sam/secrets, Invoke-PowerDump)",
        severity=Severity.CRITICAL,
        attack=("T1003.002", "T1003.004"),
        any_of=(
            r"\blsadump::(?:sam|secrets|cache|lsa|trust)\b",
            r"\bInvoke-PowerDump\b",
            r"\bGet-LSASecret\b",
        ),
        weight=60,
        tags=TAGS,
    ),
    Rule(
        id="CRD-005",
        title="Replicates domain secrets (DCSync)",
        severity=Severity.CRITICAL,
        attack=("T1003.006",),
        any_of=(
            r"\blsadump::dcsync\b",
            r"\bInvoke-DCSync\b",
            r"\bsecretsdump(?:\.py)?\b",
        ),
        weight=60,
        tags=TAGS,
    ),
    Rule(
        id="CRD-006",
        title="Forges or injects Kerberos tickets (golden/silver ticket, pass-the-ticket)",
        severity=Severity.CRITICAL,
        attack=("T1558.001",),
        any_of=(
            r"\bkerberos::(?:golden|ptt|silver|list|tgt)\b",
            r"\bInvoke-(?:Golden|Silver)Ticket\b",
            r"\bticketer\.py\b",
        ),
        weight=55,
        tags=TAGS,
    ),
    Rule(
        id="CRD-007",
        title="Exports the SAM, SECURITY or SYSTEM registry hive",
        severity=Severity.CRITICAL,
        attack=("T1003.002",),
        any_of=(
            r"\breg(?:\.exe)?\s{1,3}(?:save|export)\s{1,3}[\"']?(?:HKLM|HKEY_LOCAL_MACHINE)\\"
            r"(?:SAM|SECURITY|SYSTEM)\b",
            r"\besentutl(?:\.exe)?\b(?:(?!\besentutl)[^\n]){0,80}?\\config\\(?:SAM|SECURITY|"
            r"SYSTEM)\b",
            r"\b(?:copy|Copy-Item)\b(?:(?!\b(?:copy|"
            r"Copy-Item)\b)[^\n]){0,120}?GLOBALROOT\\Device\\HarddiskVolumeShadowCopy\d{1,3}\\Wi"
            r"ndows\\System32\\config\\(?:SAM|SECURITY|SYSTEM)\b",
        ),
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="CRD-008",
        title="Copies the Active Directory database (NTDS.dit)",
        severity=Severity.CRITICAL,
        attack=("T1003.003",),
        any_of=(
            r"\bntdsutil(?:\.exe)?\b(?:(?!\bntdsutil)[^\n]){0,80}?\b(?:ifm|ac\s{1,3}i(?:n|"
            r"nstance)?\s{1,3}ntds)\b",
            r"\b(?:copy|Copy-Item|esentutl|xcopy|robocopy)\b(?:(?!\b(?:copy|Copy-Item|esentutl|"
            r"xcopy|robocopy)\b)[^\n]){0,160}?\bntds\.dit\b",
            r"\bInvoke-NinjaCopy\b",
        ),
        weight=55,
        tags=TAGS,
    ),
    Rule(
        id="CRD-009",
        title="Reads or copies /etc/shadow",
        severity=Severity.HIGH,
        attack=("T1003.008",),
        any_of=(
            r"\b(?:cat|cp|scp|tar|base64|less|more|head|tail|strings|xxd|curl|nc|dd)\b(?:(?!\b"
            r"(?:cat|cp|scp|tar|base64|less|more|head|tail|strings|xxd|curl|nc|"
            r"dd)\b)[^\n|;&]){0,60}?/etc/(?:g?shadow|security/opasswd)\b",
            r"\bunshadow\b",
            r"\bopen\s{0,3}\(\s{0,3}[\"']/etc/shadow[\"']",
        ),
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="CRD-010",
        title="Reads browser password stores or their master key",
        severity=Severity.HIGH,
        attack=("T1555.003",),
        any_of=(
            r"User Data\\{1,2}(?:Default|Profile \d{1,2})\\{1,2}Login Data\b",
            r"/(?:Default|Profile \d{1,2})/Login Data\b",
            r"[\"']Login Data[\"']",
            r"\blogins\.json\b",
            r"\bkey[34]\.db\b",
            r"\bsignons\.sqlite\b",
            r"\bos_crypt[\"']?\s{0,3}\]\s{0,3}\[\s{0,3}[\"']encrypted_key\b",
        ),
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="CRD-011",
        title="Reads browser cookie stores",
        severity=Severity.HIGH,
        attack=("T1539",),
        any_of=(
            r"User Data\\{1,2}(?:Default|Profile \d{1,2})\\{1,2}(?:Network\\{1,2})?Cookies\b",
            r"/(?:Default|Profile \d{1,2})/(?:Network/)?Cookies\b",
            r"\bcookies\.sqlite\b",
        ),
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="CRD-012",
        title="Reads Windows Credential Manager or the password vault",
        severity=Severity.MEDIUM,
        attack=("T1555.004",),
        any_of=(
            r"\bvaultcmd(?:\.exe)?\s{1,3}/list(?:creds)?\b",
            r"\bWindows\.Security\.Credentials\.PasswordVault\b(?:"
            r"(?!\bWindows\.Security\.Credentials\.PasswordVault\b)[^\n]){0,200}?\bRetrieveAll\b",
            r"\bRetrieveAll\s{0,3}\(\s{0,3}\)(?:"
            r"(?!\bRetrieveAll\s{0,3}\(\s{0,3}\))[^\n]){0,80}?\bRetrievePassword\b",
            r"\bCredEnumerate[AW]?\b",
        ),
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="CRD-013",
        title="Shows saved Wi-Fi passwords",
        severity=Severity.MEDIUM,
        attack=("T1555",),
        any_of=(
            r"\bnetsh(?:\.exe)?\s{1,3}wlan\s{1,3}show\s{1,3}profiles?\b(?:(?!\bnetsh"
            r"(?:\.exe)?\s{1,3}wlan\s{1,3}show\s{1,3}profiles?\b)[^\n]){0,120}?\bkey\s{0,3}=\s"
            r"{0,3}clear\b",
        ),
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="CRD-014",
        title="Requests service tickets for cracking (Kerberoasting)",
        severity=Severity.CRITICAL,
        attack=("T1558.003",),
        any_of=(
            r"\bInvoke-Kerberoast\b",
            r"\bRubeus(?:\.exe)?\b",
            r"\bGetUserSPNs(?:\.py)?\b",
            r"\bKerberosRequestorSecurityToken\b",
            r"\bGet-DomainSPNTicket\b",
            r"\bkerberoast\b",
        ),
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="CRD-015",
        title="Requests AS-REP hashes for cracking (AS-REP roasting)",
        severity=Severity.CRITICAL,
        attack=("T1558.004",),
        any_of=(r"\basreproast\b", r"\bGet-ASREPHash\b", r"\bGetNPUsers(?:\.py)?\b"),
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="CRD-016",
        title="Shows a fake credential prompt",
        severity=Severity.MEDIUM,
        attack=("T1056.002",),
        any_of=(
            r"\.PromptForCredential\s{0,3}\(",
            r"\bCredUIPromptFor(?:Windows)?Credentials[AW]?\b",
            r"\bdisplay\s{1,3}dialog\b(?:"
            r"(?!\bdisplay\s{1,3}dialog\b)[^\n]){0,200}?\bhidden\s{1,3}answer\b",
            r"\bGet-Credential\b(?:"
            r"(?!\bGet-Credential)[^\n]){0,200}?-Message\s{1,3}[\"'][^\"'\n]{0,80}?\b(?:expired|"
            r"verify|re-?enter|security|session|Microsoft|Outlook|Windows)\b",
        ),
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="CRD-017",
        title="Polls or hooks the keyboard (keylogger)",
        severity=Severity.HIGH,
        attack=("T1056.001",),
        any_of=(
            r"\bGetAsyncKeyState\b",
            r"\bSetWindowsHookEx[AW]?\b",
            r"\bWH_KEYBOARD_LL\b",
            r"\bGetKeyboardState\b(?:(?!\bGetKeyboardState)[^\n]){0,120}?\bToUnicode(?:Ex)?\b",
        ),
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="CRD-018",
        title="Python listens to keystrokes",
        severity=Severity.MEDIUM,
        attack=("T1056.001",),
        any_of=(
            r"\bfrom\s{1,3}pynput(?:\.keyboard)?\s{1,3}import\b",
            r"\bpynput\.keyboard\.Listener\b",
            r"\bkeyboard\.(?:on_press|on_release|hook)\s{0,3}\(",
            r"\bpyxhook\b|\bpyHook\b",
        ),
        languages=PYTHON,
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="CRD-019",
        title="Searches files for passwords",
        severity=Severity.LOW,
        attack=("T1552.001",),
        any_of=(
            r"\bfindstr(?:\.exe)?\s{1,3}(?:/[a-z]{1,3}\s{1,3}){0,4}[\"']?(?:password|passwd|pwd|"
            r"cpassword)\b",
            r"\bSelect-String\b(?:(?!\bSelect-String)[^\n]){0,80}?-Pattern\s{1,3}[\"']?"
            r"(?:password|passwd|pwd)\b",
            r"\bgrep\s{1,3}(?:-[a-z]{1,5}\s{1,3}){0,4}[\"']?(?:password|passwd|pwd)\b(?:"
            r"(?!\bgrep)[^\n]){0,60}?\s(?:/|~|\$HOME|\.)",
        ),
        weight=10,
        tags=TAGS,
    ),
    Rule(
        id="CRD-020",
        title="Recovers Group Policy Preferences passwords (cpassword)",
        severity=Severity.HIGH,
        attack=("T1552.006",),
        any_of=(r"\bGet-GPPPassword\b", r"\bcpassword\b", r"\bgpp-decrypt\b"),
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="CRD-021",
        title="Queries the cloud instance metadata service",
        severity=Severity.LOW,
        attack=("T1552.005",),
        any_of=(
            r"\b169\.254\.169\.254\b",
            r"\bmetadata\.google\.internal\b",
            r"\b100\.100\.100\.200\b",
            r"\bfd00:ec2::254\b",
        ),
        weight=8,
        tags=TAGS,
    ),
    Rule(
        id="CRD-022",
        title="Runs an off-the-shelf credential stealer or dumper",
        severity=Severity.CRITICAL,
        attack=("T1003.001", "T1555"),
        any_of=(
            r"\blazagne\b",
            r"\bpypykatz\b",
            r"\bnanodump\b",
            r"\bSharpDump\b",
            r"\bSafetyKatz\b",
            r"\bSharpChrom(?:e|ium)\b",
            r"\bHackBrowserData\b",
        ),
        weight=55,
        tags=TAGS,
    ),
    Rule(
        id="CRD-023",
        title="Steals chat or developer access tokens",
        severity=Severity.HIGH,
        attack=("T1528",),
        any_of=(
            r"discord(?:canary|ptb)?[\\/]{1,2}Local Storage[\\/]{1,2}leveldb\b",
            r"Local Storage[\\/]{1,2}leveldb\b(?:"
            r"(?!Local Storage[\\/]{1,2}leveldb\b)[^\n]){0,120}?\bdiscord\b",
            r"\[\\w-\]\{24\}\\\.\[\\w-\]\{6\}\\\.\[\\w-\]\{27\}",
            r"\bmfa\\\.\[\\w-\]\{84\}",
        ),
        weight=40,
        tags=TAGS,
    ),
)
