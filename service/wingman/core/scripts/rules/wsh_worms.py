"""Windows Script Host worms and viruses: self-copies, file infection, mass mailing, IRC and P2P
spreading, Office macro infection, autostart of the script's own copy, and destruction.

Patterns run with IGNORECASE | MULTILINE. A gap is written `(?:(?!LEAD)[^\\n]){0,N}?`:
bounded, on one line, and stopping at the next occurrence of the pattern's leading token.
"""

from __future__ import annotations

from wingman.core.models import Severity
from wingman.core.scripts.rules.engine import Rule
from wingman.core.scripts.types import Lang

WSH = frozenset({Lang.VBSCRIPT, Lang.JAVASCRIPT})
# Script that came inside HTML or a mail is sometimes read as batch; these behaviours name
# Windows Script Host objects only, so batch text cannot show them by accident.
WSH_ANYWHERE = frozenset({Lang.VBSCRIPT, Lang.JAVASCRIPT, Lang.BATCH})
SPREAD = frozenset({"spreading"})
IMPACT = frozenset({"impact"})
PERSIST = frozenset({"persistence"})
EVADE = frozenset({"defense-evasion"})

# How a script names its own file.
SELF = r"\b(?:WScript\.)?ScriptFullName\b"
# Taking its own file or code to copy: CopyFile of it, GetFile of it, or reading it as text.
_SELF_SOURCE = (
    r"\b(?:CopyFile|Copy)\b(?:(?!\b(?:CopyFile|Copy)\b)[^\n]){0,160}?" + SELF + "|"
    r"\b(?:GetFile|OpenTextFile)\s{0,3}\(\s{0,3}(?:WScript\.)?ScriptFullName\b"
)
# Writing a file through the FileSystemObject or a stream.
_WRITES = (
    r"\b(?:CreateTextFile|SaveToFile|CopyFile|WriteLine|Write)\b|\.Copy\b|"
    r"\bOpenTextFile\s{0,3}\((?:(?!\bOpenTextFile)[^\n]){0,160}?,\s{0,3}(?:2|8|ForWriting|"
    r"ForAppending)\b"
)
# An extension check for the files a script virus infects.
_SCRIPT_EXT = (
    r"(?:=|<>|\bCase|,)\s{0,3}[\"']\.?(?:vbs|vbe|js|jse|wsf|wsh|htm|html|hta|asp|php|mht)[\"']"
)
# Autostart places: Run keys and the Startup folder.
_AUTOSTART = (
    r"\\CurrentVersion\\{1,2}Run(?:Once|Services(?:Once)?)?\b|"
    r"\bSpecialFolders\s{0,3}\(\s{0,3}[\"'](?:All\s?Users\s?)?Startup[\"']|"
    r"\\Start Menu\\{1,2}Programs\\{1,2}Startup\b"
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="WSH-001",
        title="Copies its own script file",
        severity=Severity.MEDIUM,
        attack=("T1570",),
        any_of=(
            r"\b(?:CopyFile|Copy)\b(?:(?!\b(?:CopyFile|Copy)\b)[^\n]){0,160}?" + SELF,
            r"\bGetFile\s{0,3}\(\s{0,3}(?:WScript\.)?ScriptFullName\s{0,3}\)\s{0,3}\.Copy\b",
        ),
        languages=WSH_ANYWHERE,
        weight=25,
        tags=SPREAD,
    ),
    Rule(
        id="WSH-002",
        title="Copies its own file after opening it with GetFile",
        severity=Severity.MEDIUM,
        attack=("T1570",),
        any_of=(r"\bGetFile\s{0,3}\(\s{0,3}(?:WScript\.)?ScriptFullName\s{0,3}\)",),
        all_of=(r"^[^\n']{0,80}\.Copy(?:File)?\b",),
        languages=WSH,
        weight=20,
        tags=SPREAD,
    ),
    Rule(
        id="WSH-003",
        title="Reads its own source code",
        severity=Severity.LOW,
        attack=("T1080",),
        any_of=(
            r"\bOpenTextFile\s{0,3}\(\s{0,3}(?:WScript\.)?ScriptFullName\b",
            r"\bOpenAsTextStream\b(?:(?!\bOpenAsTextStream)[^\n]){0,40}?\b(?:1|ForReading)\b",
        ),
        all_of=(r"\.Read(?:All|Line)?\b",),
        languages=WSH,
        weight=10,
        tags=SPREAD,
    ),
    Rule(
        id="WSH-004",
        title="Infects other script or web files in the folders it walks",
        severity=Severity.CRITICAL,
        attack=("T1080",),
        any_of=(_SCRIPT_EXT, r"\bGetExtensionName\b"),
        all_of=(
            r"\.Files\b|\.SubFolders\b",
            # Its own code: the script file, or the page it lives in.
            SELF + r"|\bdocument\.(?:body\.)?(?:inner|outer)HTML\b|\bdocument\.(?:URL|location)\b"
            r"|\bcreateTextRange\b|\.htmlText\b",
            _WRITES,
        ),
        languages=WSH_ANYWHERE,
        weight=45,
        tags=SPREAD,
    ),
    Rule(
        id="WSH-005",
        title="Spreads through IRC clients (writes mIRC/pIRCh script.ini)",
        severity=Severity.CRITICAL,
        attack=("T1570", "T1080"),
        any_of=(r"\bscript\.ini\b", r"\bevents\.ini\b"),
        all_of=(r"\bm?irc\b|\bpirch\b|\bvirc\b|\[script\]|\bdcc\s{1,3}send\b|\bn\d{1,3}\s{0,3}=",),
        languages=WSH_ANYWHERE,
        weight=45,
        tags=SPREAD,
    ),
    Rule(
        id="WSH-006",
        title="Copies files into peer-to-peer shared folders",
        severity=Severity.HIGH,
        attack=("T1080",),
        any_of=(
            r"\b(?:kazaa|kazaa lite|morpheus|grokster|imesh|bearshare|limewire|edonkey2000|"
            r"emule|shareaza|overnet|winmx|icq\\{1,2}shared files|my shared folder)\b",
        ),
        all_of=(_WRITES,),
        languages=WSH_ANYWHERE,
        weight=40,
        tags=SPREAD,
    ),
    Rule(
        id="WSH-007",
        title="Mails every address-book contact through Outlook",
        severity=Severity.CRITICAL,
        attack=("T1534", "T1114"),
        any_of=(
            r"\.AddressEntries\b",
            r"\.AddressLists\b",
            r"\bGetDefaultFolder\s{0,3}\(\s{0,3}(?:10|olFolderContacts)\s{0,3}\)",
        ),
        all_of=(
            r"\bOutlook\.Application\b",
            r"\.Send\b",
            r"\.Recipients\.Add\b|\.(?:To|BCC|CC)\s{0,3}=",
        ),
        languages=WSH_ANYWHERE,
        weight=45,
        tags=SPREAD,
    ),
    Rule(
        id="WSH-008",
        title="Attaches its own script file to outgoing mail",
        severity=Severity.CRITICAL,
        attack=("T1534",),
        any_of=(r"\.Attachments\.Add\b(?:(?!\.Attachments\.Add)[^\n]){0,120}?" + SELF,),
        languages=WSH_ANYWHERE,
        weight=45,
        tags=SPREAD,
    ),
    Rule(
        id="WSH-009",
        title="Copies itself to every drive or network share",
        severity=Severity.HIGH,
        attack=("T1091", "T1021.002"),
        any_of=(r"\.Drives\b", r"\bEnumNetworkDrives\b", r"\bDriveType\s{0,3}=\s{0,3}3\b"),
        # Naming its own path is common (log files beside the script); taking its code is not.
        all_of=(_SELF_SOURCE, _WRITES),
        languages=WSH,
        weight=35,
        tags=SPREAD,
    ),
    Rule(
        id="WSH-010",
        title="Installs its own copy to start with Windows",
        severity=Severity.HIGH,
        attack=("T1547.001",),
        any_of=(_AUTOSTART,),
        all_of=(_SELF_SOURCE, r"\b(?:RegWrite|CopyFile|CreateTextFile|Copy|Write)\b"),
        languages=WSH_ANYWHERE,
        weight=40,
        tags=PERSIST,
    ),
    Rule(
        id="WSH-045",
        title="Registers its own script to run at logon",
        severity=Severity.MEDIUM,
        attack=("T1547.001",),
        any_of=(
            r"\bRegWrite\b(?:(?!\bRegWrite\b)[^\n]){0,160}?\\CurrentVersion\\{1,2}Run(?:Once)?"
            r"\\{1,2}(?:(?!\bRegWrite\b)[^\n]){0,200}?" + SELF,
        ),
        languages=WSH_ANYWHERE,
        weight=25,
        tags=PERSIST,
    ),
    Rule(
        id="WSH-011",
        title="Turns off Office macro virus protection",
        severity=Severity.CRITICAL,
        attack=("T1562.001",),
        any_of=(
            r"\bOptions\.VirusProtection\s{0,3}=",
            r"\\Security\\{1,2}(?:Level|AccessVBOM)\b(?:(?!\\Security\\)[^\n]){0,80}?[\"',=]"
            r"\s{0,3}[\"']?[01]\b",
            r"\bAccessVBOM\b",
        ),
        languages=WSH_ANYWHERE,
        weight=40,
        tags=EVADE,
    ),
    Rule(
        id="WSH-012",
        title="Writes macro code into Office documents or templates",
        severity=Severity.CRITICAL,
        attack=("T1137.001",),
        # Exporting modules for version control walks VBComponents too; writing code lines into
        # the open document or the Normal template is what macro viruses do.
        any_of=(
            r"\.(?:AddFromString|InsertLines|ReplaceLine)\b",
            r"\.CodeModule\.AddFromFile\b",
            r"\.VBComponents\.Import\b",
        ),
        all_of=(
            r"\b(?:NormalTemplate|ActiveDocument|ThisDocument|ActiveWorkbook|ThisWorkbook|"
            r"ActivePresentation)\b",
        ),
        languages=WSH_ANYWHERE,
        weight=40,
        tags=SPREAD,
    ),
    Rule(
        id="WSH-013",
        # Kiosk lockdowns set these too: strong with other worm traits, not alone.
        title="Disables the registry editor or Task Manager",
        severity=Severity.MEDIUM,
        attack=("T1562.001", "T1112"),
        any_of=(r"\b(?:DisableRegistryTools|DisableTaskMgr|DisableCMD)\b",),
        all_of=(r"\bRegWrite\b|\bSetDWORDValue\b|\breg(?:\.exe)?\s{1,3}add\b",),
        languages=WSH_ANYWHERE,
        weight=25,
        tags=EVADE,
    ),
    Rule(
        id="WSH-014",
        title="Locks down the desktop through Explorer policies",
        severity=Severity.MEDIUM,
        attack=("T1112",),
        any_of=(
            r"\\Policies\\{1,2}(?:Explorer|System)\\{1,2}(?:NoRun|NoFind|NoFolderOptions|"
            r"NoControlPanel|NoDrives|NoViewContextMenu|NoClose|NoLogoff|NoDesktop|NoDispCPL|"
            r"NoSecurityTab|DisableLockWorkstation|DisableChangePassword)\b",
        ),
        all_of=(r"\bRegWrite\b",),
        languages=WSH_ANYWHERE,
        weight=15,
        tags=EVADE,
    ),
    Rule(
        id="WSH-015",
        title="Overwrites the hosts file",
        severity=Severity.HIGH,
        attack=("T1565.001",),
        # Appending an entry is an admin chore; replacing the whole file is what hijackers do.
        any_of=(
            r"\bCreateTextFile\s{0,3}\(?\s{0,3}(?:[\w.]{1,40}\s{0,3}&\s{0,3})?"
            r"[\"'][^\"'\n]{0,60}\\(?:drivers\\{1,2}etc\\{1,2})?hosts[\"']",
            r"\bOpenTextFile\s{0,3}\(\s{0,3}(?:[\w.]{1,40}\s{0,3}&\s{0,3})?"
            r"[\"'][^\"'\n]{0,60}\\(?:drivers\\{1,2}etc\\{1,2})?hosts[\"']\s{0,3},\s{0,3}"
            r"(?:2|ForWriting)\b",
        ),
        languages=WSH_ANYWHERE,
        weight=35,
        tags=IMPACT,
    ),
    Rule(
        id="WSH-016",
        title="Deletes Windows system files or whole drives",
        severity=Severity.CRITICAL,
        attack=("T1485",),
        any_of=(
            r"\b(?:DeleteFile|DeleteFolder)\s{0,3}\(?\s{0,3}[\"'][a-z]:\\{1,2}(?:windows|winnt)?"
            r"(?:\\{1,2}system32)?(?:\\{1,2})?\*?(?:\.\*)?[\"']",
            r"\b(?:DeleteFile|DeleteFolder)\s{0,3}\(?\s{0,3}\w{1,30}+\.GetSpecialFolder\s{0,3}"
            r"\(\s{0,3}[01]\s{0,3}\)\s{0,3}&\s{0,3}[\"']\\{1,2}\*",
        ),
        languages=WSH_ANYWHERE,
        weight=45,
        tags=IMPACT,
    ),
    Rule(
        id="WSH-017",
        title="Deletes or overwrites every file it walks",
        severity=Severity.MEDIUM,
        attack=("T1485",),
        any_of=(
            # Anchored on `.Delete` (the line's object before it is a lookbehind): scanning from
            # every line start for a 60-character object name cost more than the rest together.
            r"(?<=^[ \t]{0,40}[\w.()]{1,60})\.Delete\b(?:\s{0,3}\(?\s{0,3}True\s{0,3}\)?)?\s{0,3}$",
            r"\bDeleteFile\b(?:(?!\bDeleteFile)[^\n]){0,80}?\.(?:Path|Name)\b",
        ),
        all_of=(r"\bFor\s{1,3}Each\b(?:(?!\bFor\s)[^\n]){0,80}?\.Files\b",),
        languages=WSH,
        weight=15,
        tags=IMPACT,
    ),
    Rule(
        id="WSH-018",
        title="Changes the browser start or search page",
        severity=Severity.LOW,
        attack=("T1112",),
        any_of=(r"\\Internet Explorer\\{1,2}Main\\{1,2}(?:Start Page|Search Page|Search Bar)\b",),
        all_of=(r"\bRegWrite\b",),
        languages=WSH_ANYWHERE,
        weight=15,
        tags=PERSIST,
    ),
    Rule(
        id="WSH-019",
        title="Stops security software processes",
        severity=Severity.HIGH,
        attack=("T1562.001",),
        any_of=(
            r"\b(?:taskkill|tskill|\.Terminate)\b(?:(?!\b(?:taskkill|tskill)\b)[^\n]){0,120}?"
            r"\b(?:avp|avgnt|avguard|ashserv|nod32\w{0,6}|kav\w{0,6}|mcshield|vsmon|zonealarm|"
            r"bdagent|msmpeng|navapsvc|rtvscan|ccapp|symantec|norton|mcafee)\b",
            r"\bWin32_Process\b(?:(?!\bWin32_Process)[^\n]){0,160}?\b(?:avp|nod32\w{0,6}|kav\w{0,6}|"
            r"mcshield|zonealarm|norton|mcafee|msmpeng)\b",
        ),
        languages=WSH_ANYWHERE,
        weight=35,
        tags=EVADE,
    ),
)
