"""Discovery rules: who am I, which domain, which hosts and ports.

Most of these are everyday admin commands, so they carry low weights; offensive enumeration
tools carry more.

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
TAGS = frozenset({"discovery"})

RULES: tuple[Rule, ...] = (
    Rule(
        id="DSC-001",
        title="Lists the current user's privileges and groups (whoami /all)",
        severity=Severity.LOW,
        attack=("T1033",),
        any_of=(r"\bwhoami(?:\.exe)?\s{1,3}/(?:all|priv|groups|user|fqdn)\b",),
        weight=4,
        tags=TAGS,
    ),
    Rule(
        id="DSC-002",
        title="Lists domain accounts or groups with net /domain",
        severity=Severity.LOW,
        attack=("T1087.002",),
        any_of=(
            r"\bnet1?(?:\.exe)?\s{1,3}(?:user|group|accounts)\b(?:(?!\bnet1?(?:\.exe)?\s{1,3}"
            r"(?:user|group|accounts)\b)[^\n]){0,80}?\s/do(?:main)?\b",
        ),
        weight=6,
        tags=TAGS,
    ),
    Rule(
        id="DSC-003",
        title="Lists privileged groups (domain / enterprise admins)",
        severity=Severity.MEDIUM,
        attack=("T1069.002", "T1069.001"),
        any_of=(
            r"\bnet1?(?:\.exe)?\s{1,3}(?:group|localgroup)\s{1,3}[\"']?(?:domain admins|"
            r"enterprise admins|domain controllers|schema admins|administrators)\b"
            r"(?![^\n]{0,80}/add)",
            r"\bGet-ADGroupMember\b(?:(?!\bGet-ADGroupMember)[^\n]){0,40}?[\"']?(?:domain|"
            r"enterprise|schema) admins\b",
        ),
        weight=10,
        tags=TAGS,
    ),
    Rule(
        id="DSC-004",
        title="Discovers domain controllers",
        severity=Severity.MEDIUM,
        attack=("T1018",),
        any_of=(r"\bnltest(?:\.exe)?\s{1,3}/(?:dclist|dsgetdc|parentdomain)\b",),
        weight=12,
        tags=TAGS,
    ),
    Rule(
        id="DSC-018",
        title="Enumerates domain and forest trusts",
        # Mapping trusts is how intruders plan their way out of one domain; administrators
        # seldom script it.
        severity=Severity.HIGH,
        attack=("T1482",),
        any_of=(
            r"\bnltest(?:\.exe)?\s{1,3}/(?:domain_trusts|trusted_domains|all_trusts)\b",
            r"\bGet-(?:ADTrust|DomainTrust|ForestTrust|NetDomainTrust|NetForestTrust)\b",
            r"\.GetAllTrustRelationships\s{0,3}\(",
            r"\bdsquery(?:\.exe)?\s{1,3}\*?(?:(?!\bdsquery"
            r"(?:\.exe)?\s{1,3}\*?)[^\n]){0,60}?trustedDomain\b",
        ),
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="DSC-005",
        title="Collects system information (systeminfo)",
        severity=Severity.LOW,
        attack=("T1082",),
        any_of=(r"\bsysteminfo(?:\.exe)?\b", r"\bGet-ComputerInfo\b"),
        weight=3,
        tags=TAGS,
    ),
    Rule(
        id="DSC-006",
        title="Collects network configuration (ipconfig /all, arp -a, route print)",
        severity=Severity.LOW,
        attack=("T1016",),
        any_of=(
            r"\bipconfig(?:\.exe)?\s{1,3}/all\b",
            r"\barp(?:\.exe)?\s{1,3}-a\b",
            r"\broute(?:\.exe)?\s{1,3}print\b",
            r"\bGet-NetIPConfiguration\b",
            r"\bnetsh(?:\.exe)?\s{1,3}interface\s{1,3}(?:ip\s{1,3})?show\b",
        ),
        weight=3,
        tags=TAGS,
    ),
    Rule(
        id="DSC-007",
        title="Lists network connections (netstat)",
        severity=Severity.LOW,
        attack=("T1049",),
        any_of=(
            r"\bnetstat(?:\.exe)?\s{1,3}-[a-z]{1,6}\b",
            r"\bGet-NetTCPConnection\b",
            r"\bss\s{1,3}-[a-z]{2,6}\b",
        ),
        weight=3,
        tags=TAGS,
    ),
    Rule(
        id="DSC-008",
        title="Queries Active Directory objects",
        severity=Severity.LOW,
        attack=("T1087.002",),
        any_of=(
            r"\bGet-AD(?:User|Computer|Group|GroupMember|Domain|DomainController|"
            r"OrganizationalUnit)\b",
            r"\[adsisearcher\]",
            r"\bDirectoryServices\.DirectorySearcher\b",
            r"\bdsquery(?:\.exe)?\s{1,3}(?:user|computer|group|\*)\b",
        ),
        weight=4,
        tags=TAGS,
    ),
    Rule(
        id="DSC-009",
        title="Runs Active Directory attack-path enumeration tools",
        severity=Severity.HIGH,
        attack=("T1087.002", "T1069.002", "T1482"),
        any_of=(
            r"\bAdFind(?:\.exe)?\b",
            r"\b(?:SharpHound|BloodHound|AzureHound)\b",
            r"\bInvoke-BloodHound\b",
            r"\bPowerView(?:\.ps1)?\b",
            r"\bGet-Domain(?:User|Computer|Group|Controller|GroupMember|ObjectAcl)\b",
            r"\bGet-Net(?:User|Computer|Group|Domain|Session|LoggedOn)\b",
            r"\b(?:Find-LocalAdminAccess|Invoke-ShareFinder|Invoke-UserHunter|Find-DomainShare)\b",
            r"\bldapdomaindump\b",
        ),
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="DSC-010",
        title="Enumerates Linux host and accounts (uname, id, /etc/passwd)",
        severity=Severity.LOW,
        attack=("T1082", "T1087.001"),
        any_of=(
            r"\bcat\s{1,3}/etc/passwd\b",
            r"\bgetent\s{1,3}passwd\b",
            r"\b(?:cut|awk)\s(?:(?!\b(?:cut|awk)\s)[^\n]){0,40}?/etc/passwd\b",
        ),
        all_of=(r"\buname\s{1,3}-[a-z]{0,3}a\b|\bwhoami\b|\bid\s{0,3}(?:;|&&|\||$)",),
        weight=6,
        tags=TAGS,
    ),
    Rule(
        id="DSC-011",
        title="Scans ports in a loop",
        severity=Severity.MEDIUM,
        attack=("T1046",),
        any_of=(
            r"\bfor\s{1,3}\w{1,20}\s{1,3}in\s(?:"
            r"(?!\bfor\s{1,3}\w{1,20}\s{1,3}in\s)[^\n]){0,80}?\{?\d{1,5}\.\.\d{1,5}(?:"
            r"(?!\bfor\s{1,3}\w{1,20}\s{1,3}in\s)[^\n]){0,200}?(?:/dev/tcp/|"
            r"\bnc\s{1,3}-[a-z]{0,5}z)",
            r"\b\d{1,5}\s{0,3}\.\.\s{0,3}\d{1,5}\s{0,3}\|\s{0,3}(?:%|ForEach-Object\b)(?:"
            r"(?!\b\d{1,5}\s{0,3}\.\.\s{0,3}\d{1,5}\s{0,3}\|\s{0,3}(?:%|"
            r"ForEach-Object\b))[^\n]){0,200}?(?:TcpClient|Test-NetConnection|\.Connect"
            r"(?:Async)?\s{0,3}\()",
            r"\bnc\s{1,3}-[a-z]{0,4}z[a-z]{0,4}\s(?:"
            r"(?!\bnc\s{1,3}-[a-z]{0,4}z[a-z]{0,4}\s)[^\n]){0,80}?\s\d{1,5}-\d{1,5}\b",
            r"\bfor\s{1,3}\w{1,20}\s{1,3}in\s{1,3}range\s{0,3}\(\s{0,3}\d{1,5}\s{0,3},\s{0,3}\d"
            r"{2,5}\s{0,3}\)[^\n]{0,10}\n(?:"
            r"(?!\bfor\s{1,3}\w{1,20}\s{1,3}in\s{1,3}range\s{0,3}\(\s{0,3}\d{1,5}\s{0,3},\s{0,3}"
            r"\d{2,5}\s{0,3}\)[^\n]{0,10}\n)[^\n]){0,200}?\.connect_ex\s{0,3}\(",
        ),
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="DSC-012",
        title="Runs a network scanner (nmap, masscan, zmap)",
        severity=Severity.MEDIUM,
        attack=("T1046",),
        any_of=(r"\b(?:nmap|masscan|zmap|rustscan|naabu)\s{1,3}-", r"\bInvoke-Portscan\b"),
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="DSC-019",
        title="Scans a whole network range for open ports",
        severity=Severity.HIGH,
        attack=("T1046",),
        any_of=(
            r"\b(?:nmap|masscan|zmap|rustscan|naabu)\b(?:(?!\b(?:nmap|masscan|zmap)\b)[^\n]){0,80}?"
            r"(?<![\d.])\d{1,3}\.\d{1,3}\.\d{1,3}\.(?:\d{1,3}/(?:1[6-9]|2\d|30)|\d{1,3}-\d{1,3}|\*)\b",
        ),
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="DSC-013",
        title="Looks for installed security products",
        severity=Severity.MEDIUM,
        attack=("T1518.001",),
        any_of=(
            r"\bSecurityCenter2\b(?:(?!\bSecurityCenter2)[^\n]){0,80}?\bAntiVirusProduct\b",
            r"\bAntiVirusProduct\b(?:(?!\bAntiVirusProduct)[^\n]){0,80}?\bSecurityCenter2\b",
            r"\bGet-MpComputerStatus\b",
            r"\btasklist\b(?:(?!\btasklist)[^\n]){0,80}?\bfindstr\b(?:"
            r"(?!\btasklist)[^\n]){0,60}?\b(?:defender|MsMpEng|mcafee|kaspersky|sophos|"
            r"crowdstrike|csfalcon|sentinel|carbonblack|cylance|eset)\b",
        ),
        weight=10,
        tags=TAGS,
    ),
    Rule(
        id="DSC-014",
        title="Lists network shares",
        severity=Severity.LOW,
        attack=("T1135",),
        any_of=(
            r"\bnet1?(?:\.exe)?\s{1,3}(?:view|share)\b",
            r"\bGet-SmbShare\b",
            r"\bWin32_Share\b",
        ),
        weight=4,
        tags=TAGS,
    ),
    Rule(
        id="DSC-015",
        title="Lists local accounts or sessions (net user, query user)",
        severity=Severity.LOW,
        attack=("T1087.001",),
        any_of=(
            r"\bnet1?(?:\.exe)?\s{1,3}(?:user|localgroup)\b",
            r"\bGet-Local(?:User|Group|GroupMember)\b",
            r"\bquery\s{1,3}(?:user|session)\b",
        ),
        weight=2,
        tags=TAGS,
    ),
    Rule(
        id="DSC-016",
        title="Sweeps a subnet with ping",
        severity=Severity.MEDIUM,
        attack=("T1018",),
        any_of=(
            r"\bfor\s{1,3}/L\s{1,3}%%?\w\s{1,3}in\s{1,3}\(\s{0,3}\d{1,3}\s{0,3},\s{0,3}1\s{0,3},"
            r"\s{0,3}\d{1,3}\s{0,3}\)\s{1,3}do\b(?:"
            r"(?!\bfor\s{1,3}/L\s{1,3}%%?\w\s{1,3}in\s{1,3}\(\s{0,3}\d{1,3}\s{0,3},\s{0,3}1\s"
            r"{0,3},\s{0,3}\d{1,3}\s{0,3}\)\s{1,3}do\b)[^\n]){0,80}?\bping\b",
            r"\bfor\s{1,3}\w{1,20}\s{1,3}in\s{1,3}(?:\{1\.\.25[45]\}|"
            r"\$\(seq\s{1,3}1\s{1,3}25[45]\))(?:(?!\bfor\s{1,3}\w{1,20}\s{1,3}in\s{1,3}"
            r"(?:\{1\.\.25[45]\}|\$\(seq\s{1,3}1\s{1,3}25[45]\)))[^\n]){0,120}?\bping\b",
            r"\b1\.\.25[45]\s{0,3}\|\s{0,3}(?:%|ForEach-Object\b)(?:(?!\b1\.\.25[45]\s{0,3}\|"
            r"\s{0,3}(?:%|ForEach-Object\b))[^\n]){0,120}?(?:Test-Connection|\.Send\s{0,3}\(|"
            r"\bping\b)",
        ),
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="DSC-017",
        title="Runs privilege-escalation enumeration scripts",
        severity=Severity.HIGH,
        attack=("T1082", "T1083"),
        any_of=(
            r"\b(?:linpeas|winpeas)(?:\.sh|\.exe|\.bat|\.ps1)?\b",
            r"\bLinEnum(?:\.sh)?\b",
            r"\blinux-exploit-suggester\b",
            r"\bpspy(?:32|64)\b",
            r"\b(?:PowerUp|PrivescCheck|SharpUp|Sherlock)\.ps1\b",
            r"\bInvoke-(?:AllChecks|PrivescCheck)\b",
            r"\bSeatbelt(?:\.exe)?\b",
        ),
        weight=35,
        tags=TAGS,
    ),
)
