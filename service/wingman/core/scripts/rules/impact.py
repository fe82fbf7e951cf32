"""Impact rules: recovery sabotage, mass encryption, ransom notes, wipers, service-stop sprees
and miners.

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
PYTHON = frozenset({Lang.PYTHON})
TAGS = frozenset({"impact"})

# Services whose stopping precedes encryption: databases, backups, mail, security agents.
_TARGET_SERVICES = (
    r"(?:veeam|backup|vss\b|sql|MSExchange|sophos|acronis|AcrSch|wbengine|BackupExec|YooBackup|"
    r"Symantec|McAfee|oracle|postgres|mysql|memtas|mepocs|svc\$)"
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="IMP-001",
        title="Deletes or shrinks volume shadow copies with vssadmin",
        severity=Severity.CRITICAL,
        attack=("T1490",),
        any_of=(
            r"\bvssadmin(?:\.exe)?[\"']?\s(?:(?!\bvssadmin)[^\n]){0,30}?\bdelete\s{1,3}shadows\b",
            r"\bvssadmin(?:\.exe)?[\"']?\s(?:"
            r"(?!\bvssadmin)[^\n]){0,30}?\bresize\s{1,3}shadowstorage\b(?:"
            r"(?!\bvssadmin)[^\n]){0,120}?/maxsize=\s{0,3}(?:401MB|\d{1,3}\s{0,3}(?:MB|KB)\b)",
        ),
        weight=60,
        tags=TAGS,
    ),
    Rule(
        id="IMP-002",
        title="Deletes shadow copies through WMI",
        severity=Severity.CRITICAL,
        attack=("T1490",),
        any_of=(
            r"\bwmic(?:\.exe)?[\"']?\s(?:(?!\bwmic)[^\n]){0,30}?\bshadowcopy\s{1,3}delete\b",
            r"\bWin32_ShadowCopy\b(?:(?!\bWin32_ShadowCopy)[^\n]){0,200}?(?:\.Delete\s{0,3}\(|"
            r"\bRemove-(?:WmiObject|CimInstance)\b)",
            r"\b(?:Remove-WmiObject|Remove-CimInstance)\b(?:(?!\b(?:Remove-WmiObject|"
            r"Remove-CimInstance)\b)[^\n]){0,120}?\bWin32_ShadowCopy\b",
            r"\bdiskshadow(?:\.exe)?\b(?:(?!\bdiskshadow)[^\n]){0,60}?\bdelete\s{1,3}shadows\b",
        ),
        weight=60,
        tags=TAGS,
    ),
    Rule(
        id="IMP-003",
        title="Disables Windows recovery with bcdedit",
        severity=Severity.CRITICAL,
        attack=("T1490",),
        any_of=(
            r"\bbcdedit(?:\.exe)?[\"']?\s(?:(?!\bbcdedit)[^\n]){0,60}?\brecoveryenabled\s{1,3}"
            r"(?:no|off|0)\b",
            r"\bbcdedit(?:\.exe)?[\"']?\s(?:"
            r"(?!\bbcdedit)[^\n]){0,60}?\bbootstatuspolicy\s{1,3}ignoreallfailures\b",
        ),
        weight=55,
        tags=TAGS,
    ),
    Rule(
        id="IMP-004",
        title="Deletes the Windows backup catalog or backups",
        severity=Severity.CRITICAL,
        attack=("T1490",),
        any_of=(
            r"\bwbadmin(?:\.exe)?[\"']?\s(?:(?!\bwbadmin)[^\n]){0,30}?\bdelete\s{1,3}(?:catalog|"
            r"systemstatebackup|backup)\b",
            r"\breagentc(?:\.exe)?\s{1,3}/disable\b",
        ),
        weight=55,
        tags=TAGS,
    ),
    Rule(
        id="IMP-005",
        title="Encrypts files while walking directories and removes the originals (PowerShell)",
        severity=Severity.CRITICAL,
        attack=("T1486",),
        any_of=(
            r"\.CreateEncryptor\s{0,3}\(",
            r"\bTransformFinalBlock\b",
            r"\bSecurity\.Cryptography\.CryptoStream\b",
            r"\.Encrypt\s{0,3}\(\s{0,3}\)",
        ),
        all_of=(
            r"\b(?:Get-ChildItem|gci|ls|dir)\b(?:(?!\b(?:Get-ChildItem|gci|ls|"
            r"dir)\b)[^\n]){0,200}?-r(?:ecurse)?\b",
            r"\b(?:Remove-Item|Rename-Item|Move-Item)\b|\.Delete\s{0,3}\(\s{0,3}\)|\."
            r"(?:encrypted|locked|crypt)\b|\bransom\b|\bbitcoin\b",
        ),
        languages=PS_HOSTS,
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="IMP-006",
        title="Encrypts files while walking directories and removes the originals (Python)",
        severity=Severity.CRITICAL,
        attack=("T1486",),
        any_of=(
            r"\bFernet\s{0,3}\(",
            r"\bAES\.new\s{0,3}\(",
            r"\bChaCha20(?:_Poly1305)?\.new\s{0,3}\(",
            r"\bCipher\s{0,3}\(\s{0,3}algorithms\.AES\b",
        ),
        all_of=(
            r"\bos\.walk\s{0,3}\(|\.rglob\s{0,3}\(|\bglob\.glob\s{0,3}\((?:"
            r"(?!\bos\.walk\s{0,3}\(|\.rglob\s{0,3}\(|"
            r"\bglob\.glob\s{0,3}\()[^\n]){0,120}?recursive",
            r"\bos\.(?:remove|unlink|rename|replace)\s{0,3}\(|\.unlink\s{0,3}\(|\bshutil\.move\b"
            r"|\.(?:encrypted|locked|crypt)[\"']|\bransom\b|\bbitcoin\b",
        ),
        languages=PYTHON,
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="IMP-007",
        title="Encrypts files found with find/for and deletes the originals (shell)",
        severity=Severity.HIGH,
        attack=("T1486",),
        any_of=(
            r"\bopenssl\s{1,3}(?:enc\b|aes-\d{3}-\w{3}\b)",
            r"\bgpg\b(?:(?!\bgpg\b)[^\n]){0,60}?\s(?:--symmetric|-c)\b",
            r"\bccrypt\s{1,3}-e\b",
        ),
        all_of=(
            r"\bfind\s|\bfor\s{1,3}\w{1,20}\s{1,3}in\b",
            r"\b(?:rm|shred)\s{1,3}-|\bshred\s|\brm\s{1,3}[\"']?\$",
        ),
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="IMP-008",
        title="Writes a ransom note",
        severity=Severity.CRITICAL,
        attack=("T1486",),
        any_of=(
            r"\b(?:your|all)\s{1,3}(?:important\s{1,3}|personal\s{1,3})?files\s{1,3}"
            r"(?:have\s{1,3}been|are|were)\s{1,3}(?:encrypted|locked)\b",
            r"\bdecrypt(?:ion)?\s{1,3}(?:key|tool|software)\b(?:(?!\bdecrypt(?:ion)?\s{1,3}"
            r"(?:key|tool|software)\b)[^\n]){0,100}?\b(?:bitcoin|btc|monero|xmr)\b",
            r"\b(?:bitcoin|btc|monero|xmr)\b(?:(?!\b(?:bitcoin|btc|monero|"
            r"xmr)\b)[^\n]){0,100}?\bdecrypt(?:ion)?\s{1,3}(?:key|tool|software)\b",
            r"\bransom\s{1,3}note\b",
        ),
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="IMP-009",
        title="Overwrites free disk space (cipher /w)",
        severity=Severity.MEDIUM,
        attack=("T1485",),
        any_of=(r"\bcipher(?:\.exe)?[\"']?\s{1,3}/w:",),
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="IMP-010",
        title="Overwrites a raw disk device",
        severity=Severity.CRITICAL,
        attack=("T1561.001",),
        any_of=(
            r"\bdd\s(?:(?!\bdd\s)[^\n]){0,40}?\bif=/dev/(?:zero|urandom|random)\b(?:"
            r"(?!\bdd\s)[^\n]){0,40}?\bof=/dev/(?:sd[a-z]|nvme\d|hd[a-z]|xvd[a-z]|vd[a-z]|"
            r"mmcblk\d|disk\d)",
            r"\bshred\s(?:(?!\bshred)[^\n]){0,40}?/dev/(?:sd[a-z]|nvme\d|hd[a-z]|xvd[a-z]|"
            r"vd[a-z]|mmcblk\d)",
            r"\bwipefs\s{1,3}(?:-a|--all)\b",
        ),
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="IMP-011",
        title="Deletes the whole file system (rm -rf /)",
        severity=Severity.CRITICAL,
        attack=("T1485",),
        any_of=(
            r"\brm\s{1,3}(?:-[rRf]{2,3}|-[rR]\s{1,3}-f|-f\s{1,3}-[rR])\s{1,3}"
            r"(?:--no-preserve-root\s{1,3})?[\"']?/(?:\*)?[\"']?(?:\s|;|$)",
        ),
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="IMP-012",
        title="Wipes or formats Windows disks",
        severity=Severity.HIGH,
        attack=("T1561.001",),
        any_of=(
            r"\bClear-Disk\b(?:(?!\bClear-Disk)[^\n]){0,80}?-RemoveData\b",
            r"\bformat(?:\.com)?\s{1,3}[c-z]:\s{0,3}/(?:y|q|fs)\b",
            r"\bdiskpart\b(?:(?!\bdiskpart)[^\n]){0,80}?\bclean\s{1,3}all\b|\bclean\s{1,3}all\b"
            r"(?:(?!\bdiskpart)[^\n]){0,80}?\bdiskpart\b",
        ),
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="IMP-013",
        title="Opens a physical drive for raw writes (MBR wiper)",
        severity=Severity.CRITICAL,
        attack=("T1561.002",),
        any_of=(r"(?<=\\{2,4}\.\\{1,2})PhysicalDrive\d\b",),
        all_of=(
            r"\b(?:WriteFile|\.Write\s{0,3}\(|GENERIC_WRITE|FileAccess\]::(?:Read)?Write|\bwb\b)",
        ),
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="IMP-014",
        title="Stops many services in a row",
        severity=Severity.HIGH,
        attack=("T1489",),
        any_of=(
            r"(?:^[ \t@]{0,8}(?:net1?|sc(?:\.exe)?)\s{1,3}stop\s[^\n]{1,120}\r?\n){4}",
            r"(?:^[ \t]{0,8}(?:Stop-Service|taskkill(?:\.exe)?)\s[^\n]{1,120}\r?\n){4}",
        ),
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="IMP-015",
        title="Stops backup, database or security services",
        severity=Severity.LOW,
        attack=("T1489",),
        any_of=(
            r"\b(?:net1?|sc(?:\.exe)?)\s{1,3}(?:stop|config)\s{1,3}[\"']?\w{0,8}?"
            + _TARGET_SERVICES,
            r"\bStop-Service\b(?:(?!\bStop-Service)[^\n]){0,40}?[\s\"']\w{0,8}?" + _TARGET_SERVICES,
            r"\btaskkill(?:\.exe)?\s(?:(?!\btaskkill)[^\n]){0,40}?/im\s{1,3}[\"']?(?:sqlservr|"
            r"sqlwriter|sqlagent|oracle|mysqld|ocssd|dbsnmp|dbeng50|sqbcoreservice|isqlplussvc|"
            r"xfssvccon|agntsvc|encsvc|ocautoupds|ocomm|synctime|veeam\w{0,20})\b",
        ),
        weight=10,
        tags=TAGS,
    ),
    Rule(
        id="IMP-016",
        title="Cryptocurrency miner markers",
        severity=Severity.HIGH,
        attack=("T1496.001",),
        any_of=(
            r"\bxmrig\b",
            r"\bstratum\+(?:tcp|ssl|tls)://",
            r"\bcryptonight\b",
            r"--donate-level\b",
            r"\bminerd\b",
            r"\bcoinhive\b",
            r"\bcpuminer\b",
            r"\bxmr-stak\b",
            r"\b(?:nanopool\.org|minexmr\.com|supportxmr\.com|moneroocean\.stream|hashvault\.pro"
            r"|c3pool\.com|2miners\.com|f2pool\.com|nicehash\.com)\b",
            r"--randomx-\w{2,20}\b|\brandomx\b",
        ),
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="IMP-017",
        title="Deletes backup files",
        severity=Severity.HIGH,
        attack=("T1490",),
        any_of=(
            r"\b(?:del|erase)\s(?:(?!\b(?:del|erase)\s)[^\n]){0,60}?\*\.(?:vhdx?|bak|bkf|vbk|vib"
            r"|vbm|wbcat|backup|tib|qic)\b",
            r"\b(?:Get-ChildItem|gci)\b(?:(?!\b(?:Get-ChildItem|"
            r"gci)\b)[^\n]){0,200}?-Include\s{1,3}(?:(?!\b(?:Get-ChildItem|"
            r"gci)\b)[^\n]){0,80}?\*\.(?:vhdx?|bak|bkf|vbk|vib|wbcat|tib)\b(?:(?!\b"
            r"(?:Get-ChildItem|gci)\b)[^\n]){0,200}?\|\s{0,3}Remove-Item\b",
        ),
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="IMP-018",
        title="Changes the desktop wallpaper from a script",
        severity=Severity.MEDIUM,
        attack=("T1491.001",),
        any_of=(
            r"\bSystemParametersInfo[AW]?\s{0,3}\(\s{0,3}(?:20|0x14|SPI_SETDESKWALLPAPER)\b",
            r"Control Panel\\{1,2}Desktop[\"']?\s(?:"
            r"(?!Control Panel\\{1,2}Desktop[\"']?\s)[^\n]){0,60}?\bWallpaper\b",
        ),
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="IMP-019",
        title="Fork bomb",
        severity=Severity.HIGH,
        attack=("T1499",),
        any_of=(
            r":\s{0,3}\(\s{0,3}\)\s{0,3}\{\s{0,3}:\s{0,3}\|"
            r"\s{0,3}:\s{0,3}&\s{0,3}\}\s{0,3};\s{0,3}:",
            r"%0\s{0,3}\|\s{0,3}%0",
        ),
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="IMP-020",
        title="Forces an immediate shutdown or reboot",
        severity=Severity.LOW,
        attack=("T1529",),
        any_of=(
            r"\bshutdown(?:\.exe)?\s{1,3}[/-][rsp]\b(?:(?!\bshutdown"
            r"(?:\.exe)?\s{1,3}[/-][rsp]\b)[^\n]){0,40}?[/-]t\s{1,3}0{1,2}\b",
            r"\bStop-Computer\b(?:(?!\bStop-Computer)[^\n]){0,40}?-Force\b|\bRestart-Computer\b"
            r"(?:(?!\bStop-Computer)[^\n]){0,40}?-Force\b",
        ),
        weight=4,
        tags=TAGS,
    ),
)
