"""Batch payloads that do damage: wiping folders and drives, deleting the user's files, killing
security software, locking the user out, and floods that keep a machine busy.

Deletion rules name whole folders only (the Windows folder itself, a drive root, a profile),
never a subfolder: clean-up scripts empty TEMP, Prefetch and caches every day.
"""

from __future__ import annotations

from wingman.core.models import Severity
from wingman.core.scripts.rules.batch_syntax import (
    BOL,
    DATA_EXT,
    END,
    LOOP_VAR,
    SELF,
    file_loop,
    repeated,
)
from wingman.core.scripts.rules.engine import Rule
from wingman.core.scripts.types import Lang

BATCH = frozenset({Lang.BATCH})
TAGS = frozenset({"impact", "batch"})

# A whole drive, the Windows or program folders, or a profile: never a subfolder of them.
_WHOLE = (
    r"\"?(?:(?:[c-z]:|%(?:systemdrive|homedrive)%)(?:\\(?:windows|winnt|win9[58]|winme|dos|"
    r"progra~[12]|program files(?: \(x86\))?|documents and settings|users|mis documentos|"
    r"my documents)(?:\\system(?:32)?)?)?|%(?:windir|systemroot|winbootdir|programfiles|"
    r"userprofile|appdata|allusersprofile|programdata)%(?:\\system(?:32)?)?)"
    r"(?:\\(?:\*(?:\.(?:\*|exe|dll|sys|com|drv|vxd|ocx))?)?)?\"?(?=[\s>&|]|$)"
)
_WIPE = (
    r"\b(?:deltree(?:\.exe)?\s{0,3}(?:/y\s{0,3})?|(?:rd|rmdir)\s{1,3}(?:/[sq]\s{0,3}){1,2}|"
    r"(?:del|erase)\s{1,3}(?:/[a-z](?::-?\w)?\s{0,3}){0,5})"
)
# Files Windows (or DOS) cannot start or run without.
_CORE_FILES = (
    r"(?:ntldr|boot\.ini|bootmgr|io\.sys|msdos\.sys|command\.com|hal\.dll|ntoskrnl\.exe|"
    r"winload\.exe|ntdetect\.com|win\.com|kernel32\.dll|user32\.dll|explorer\.exe|winlogon\.exe|"
    r"smss\.exe|csrss\.exe|lsass\.exe|userinit\.exe)"
)
# Security products, by folder, service or process name.
_SECURITY = (
    r"(?:norton\w{0,12}|symantec|mcafee|f-prot\w{0,4}|tbav\w{0,4}|thunderbyte|kaspersky|"
    r"\bavp\w{0,6}|\bkav\w{0,6}|avast\w{0,4}|\bavg(?:nt|ui|svc|tray|wdsvc|rsx|emc)\b|\\avg\b|"
    r"nod32\w{0,4}|\begui\b|\bekrn\b|sophos|\bpanda\b|trend ?micro|pc-?cillin|zonealarm|"
    r"\bzlclient\b|bitdefender|\bbdagent\b|"
    r"\bvsserv\b|avira|antivir\w{0,6}|avguard|dr\.?web|f-secure|clamav|malwarebytes|\bmbam\w{0,6}|"
    r"\bccapp\b|\bccevtmgr\b|rtvscan|navapw32|navw32|vshwin32|iamapp|iamserv|\bvsmon\b|"
    r"\bmcshield\b|avconsol|avsynmgr|\bashserv\b|agnitum|msmpeng|windefend|"
    r"s32integ|fpwm32)"
)
_STOP = (
    r"\b(?:taskkill(?:\.exe)?|tskill|pskill(?:\.exe)?|kill|net1?\s{1,3}stop|"
    r"sc(?:\.exe)?\s{1,3}(?:stop|delete|config))\b"
)
# Policy values that take Task Manager, the registry editor or the prompt away from the user.
_LOCKOUT = r"\b(?:DisableTaskMgr|DisableRegistryTools|DisableCMD)\b"

RULES: tuple[Rule, ...] = (
    Rule(
        id="BAT-020",
        title="Deletes the Windows folder, program files, a user profile or a whole drive",
        severity=Severity.CRITICAL,
        attack=("T1485",),
        any_of=(_WIPE + _WHOLE,),
        languages=frozenset({Lang.BATCH, Lang.VBSCRIPT, Lang.JAVASCRIPT}),
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="BAT-021",
        title="Deletes the user's documents, pictures and music by extension",
        severity=Severity.HIGH,
        attack=("T1485",),
        any_of=(
            file_loop(DATA_EXT) + r"(?:(?!\bfor\s)[^\n]){0,120}?\b(?:del|erase)\s",
            r"\b(?:del|erase)\s(?:(?!\b(?:del|erase)\s)[^\n]){0,80}?\*\."
            + DATA_EXT
            + r"\b(?:(?!\b(?:del|erase)\s)[^\n]){0,80}?\*\."
            + DATA_EXT
            + r"\b",
            repeated(r"(?:del|erase)\s[^\n]{0,80}?\*\." + DATA_EXT + r"\b", 3),
        ),
        languages=BATCH,
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="BAT-022",
        title="Renames every program or system file to another extension",
        severity=Severity.HIGH,
        attack=("T1485",),
        any_of=(
            repeated(
                r"ren(?:ame)?\s{1,3}\"?[^\n\"*]{0,60}\*\.(?:exe|com|sys|dll|drv|vxd|inf|ini|bat|cmd)"
                r"\"?\s{1,3}\"?\*\.\w{1,16}",
                2,
            ),
        ),
        languages=BATCH,
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="BAT-023",
        title="Deletes antivirus files or folders",
        severity=Severity.HIGH,
        attack=("T1562.001",),
        any_of=(_WIPE + r"(?:(?!\b(?:del|erase|deltree|rd|rmdir)\s)[^\n]){0,80}?" + _SECURITY,),
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="BAT-024",
        title="Kills or stops antivirus and firewall processes",
        severity=Severity.HIGH,
        attack=("T1562.001",),
        any_of=(
            _STOP + r"(?:(?!" + _STOP + r")[^\n]){0,60}?" + _SECURITY,
            r"\bfor\s{1,3}%%?\w\s{1,3}in\s{0,3}\((?:(?!\bfor\s)[^\n)]){0,200}?"
            + _SECURITY
            + r"(?:(?!\bfor\s)[^\n]){0,200}?"
            + _STOP,
        ),
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="BAT-025",
        title="Formats a drive without asking for confirmation",
        severity=Severity.CRITICAL,
        attack=("T1561.001",),
        any_of=(
            r"\becho\s{1,3}[yjos]\w{0,3}\s{0,3}\|\s{0,3}format(?:\.com)?\s{1,3}[a-z]:",
            r"\bformat(?:\.com)?\s{1,3}[a-z]:\\?\s(?:(?!\bformat)[^\n]){0,40}?(?:/|\b)"
            r"(?:autotest|backup)\b",
            r"\bformat(?:\.com)?\s{1,3}[a-z]:\\?\s(?:(?!\bformat)[^\n]){0,40}?<\s{0,3}\S",
        ),
        languages=BATCH,
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="BAT-026",
        title="Disables Task Manager, the registry editor or the command prompt by policy",
        severity=Severity.HIGH,
        attack=("T1112", "T1562.001"),
        any_of=(
            _LOCKOUT + r"(?:(?!" + _LOCKOUT + r")[^\n]){0,80}?(?:/d\s{1,3}\"?0{0,8}[12]\b|"
            r"=\s{0,3}dword:0{0,7}[12]\b|,\s{0,3}[12]\b)",
        ),
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="BAT-027",
        title="Starts programs in an endless loop (fork bomb)",
        severity=Severity.HIGH,
        attack=("T1499",),
        any_of=(
            r"^:(\w{1,30})[ \t]{0,8}\r?\n(?:(?:(?!\b(?:if|timeout|ping|choice|pause|sleep|waitfor)"
            r"\b|/wait)[^\n]){0,200}\n){0,3}?" + BOL + r"start\b(?:(?!/wait)[^\n]){0,200}\n"
            r"(?:(?:(?!\b(?:if|timeout|ping|choice|pause|sleep|waitfor)\b|/wait)[^\n]){0,200}\n)"
            r"{0,3}?" + BOL + r"goto\s{1,3}:?\1\b",
        ),
        languages=BATCH,
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="BAT-028",
        title="Starts another copy of itself",
        severity=Severity.LOW,
        attack=("T1499",),
        any_of=(r"\bstart\s{1,3}(?:/\w{1,10}\s{1,3}|\"[^\"\n]{0,40}\"\s{1,3}){0,4}\"?" + SELF,),
        languages=BATCH,
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="BAT-029",
        title="Floods the disk or the desktop with randomly named files or folders",
        severity=Severity.HIGH,
        attack=("T1499",),
        any_of=(
            repeated(
                r"(?:(?:md|mkdir)\s{1,3}|(?:echo|type|copy)\b[^\n]{0,80}?[>\s])\s{0,3}\"?"
                r"[^\n%]{0,80}%random%",
                5,
            ),
        ),
        languages=BATCH,
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="BAT-030",
        title="Silences the console with ctty nul (DOS virus idiom)",
        severity=Severity.LOW,
        attack=("T1564.003",),
        any_of=(BOL + r"ctty\s{1,3}nul\b",),
        languages=BATCH,
        weight=10,
        tags=TAGS,
    ),
    Rule(
        id="BAT-031",
        title="Checks the date before running its payload (echo.|date|find)",
        severity=Severity.LOW,
        attack=("T1480",),
        any_of=(r"\becho\.?\s{0,3}\|\s{0,3}date\s{0,3}\|\s{0,3}find\b",),
        languages=BATCH,
        weight=10,
        tags=TAGS,
    ),
    Rule(
        id="BAT-032",
        title="Blocks security vendors' sites through the hosts file",
        severity=Severity.HIGH,
        attack=("T1562.001",),
        any_of=(
            r"\b(?:127\.0\.0\.1|0\.0\.0\.0)\s{1,8}(?:[\w\-]{1,30}+\.){0,3}(?:symantec|norton|mcafee|kaspersky|"
            r"avast|avg|sophos|f-secure|f-prot|bitdefender|eset|nod32|trendmicro|pandasecurity|"
            r"avira|drweb|malwarebytes|clamav|grisoft|virustotal)\.",
        ),
        all_of=(r"\\drivers\\etc\\hosts\b",),
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="BAT-033",
        title="Points program or script file types at another handler (assoc / ftype)",
        severity=Severity.HIGH,
        attack=("T1546.001",),
        any_of=(
            r"\bassoc\s{1,3}\.(?:exe|com|bat|cmd|lnk|scr|pif|reg|msi)\s{0,3}=",
            r"\bftype\s{1,3}(?:exe|com|bat|cmd|lnk|scr|pif|reg|msi)file\s{0,3}=",
        ),
        languages=BATCH,
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="BAT-034",
        title="Deletes boot or core Windows files",
        severity=Severity.CRITICAL,
        attack=("T1485", "T1490"),
        any_of=(
            r"\b(?:del|erase)\s{1,3}(?:/[a-z](?::-?\w)?\s{0,3}){0,5}\"?(?:[^\s\"&|<>]{0,80}[\\/])?"
            + _CORE_FILES
            + r"\"?(?=[\s>&|]|$)",
        ),
        languages=frozenset({Lang.BATCH, Lang.VBSCRIPT, Lang.JAVASCRIPT}),
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="BAT-035",
        title="Overwrites every file a loop finds",
        severity=Severity.CRITICAL,
        attack=("T1485",),
        any_of=(
            r"\bfor\s{1,3}(?:/[rd]\s{1,3}(?:[^\s\"]{1,100}\s{1,3})?)?"
            + LOOP_VAR
            + r"\s{1,3}in\s{0,3}"
            r"\(\s{0,3}(?:[^\s)]{0,60}\\)?\*(?:\.\*)?\s{0,3}\)\s{0,3}do\s(?:(?!\bfor\s)[^\n]){0,80}?"
            r"(?:>\s{0,3}\"?"
            + LOOP_VAR
            + END
            + r"|\bcopy\s{1,3}(?:/[a-z]\s{1,3}){0,2}nul\s{1,3}\"?"
            + LOOP_VAR
            + END
            + r")",
        ),
        languages=BATCH,
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="BAT-036",
        title="Disables the keyboard or mouse, or swaps the mouse buttons",
        severity=Severity.MEDIUM,
        attack=("T1499",),
        any_of=(
            r"\brundll32(?:\.exe)?\s{1,3}(?:user32(?:\.dll)?,\s{0,3}SwapMouseButton|"
            r"(?:keyboard|mouse),\s{0,3}disable)\b",
        ),
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="BAT-037",
        title="Deletes the Safe Mode boot configuration",
        severity=Severity.CRITICAL,
        attack=("T1490",),
        any_of=(
            r"\breg(?:\.exe)?\s{1,3}delete\s{1,3}\"?HK(?:LM|EY_LOCAL_MACHINE)\\SYSTEM\\"
            r"(?:CurrentControlSet|ControlSet\d{3})\\Control\\SafeBoot\b",
        ),
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="BAT-038",
        title="Floods a host with oversized pings",
        severity=Severity.MEDIUM,
        attack=("T1498.001",),
        any_of=(
            r"\bping(?:\.exe)?\s(?:(?!\bping)[^\n]){0,60}?-l\s{1,3}(?:[3-9]\d{3}|[1-6]\d{4})\b",
        ),
        languages=BATCH,
        weight=20,
        tags=TAGS,
    ),
)
