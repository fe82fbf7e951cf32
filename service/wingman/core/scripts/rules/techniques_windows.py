"""Rules for ATT&CK discovery techniques as Windows command lines show them.

Rule ids are `TWN-NNN`. Nearly every command here is everyday admin work, so weights stay low:
the score climbs only when a script strings several of them together. Gaps are bounded and stop
at the next occurrence of the pattern's leading token (see platforms.near).
"""

from __future__ import annotations

from wingman.core.scripts.rules.platforms import SEP, near, technique

TAGS = frozenset({"technique", "discovery"})
_READ_REG = r"(?:\breg(?:\.exe)?\s{1,3}query|\bGet-ItemProperty(?:Value)?|\bGet-ChildItem|\bgci)\b"
_WMI_GET = r"\bGet-(?:Wmi|Cim)(?:Object|Instance)\b"

RULES = (
    technique(
        "TWN-001",
        "Queries operating system details",
        "T1082",
        2,
        (
            r"\bwmic(?:\.exe)?\s{1,3}(?:/node:\S{1,64}\s{1,3})?os\s{1,3}get\b",
            near(_WMI_GET, r"\bWin32_OperatingSystem\b", 60),
            r"\[(?:System\.)?Environment\]::OSVersion\b",
            r"(?:^|[;&|]\s{0,3})hostname(?:\.exe)?\s{0,3}$",
            near(
                _READ_REG,
                rf"Microsoft{SEP}Cryptography[\"']?\s{{1,3}}(?:/v\s{{1,3}}|-Name\s{{1,3}})?"
                r"[\"']?MachineGuid\b",
                120,
            ),
            r"\bvssadmin(?:\.exe)?\s{1,3}list\s{1,3}shadows\b",
            near(r"\breg(?:\.exe)?\s{1,3}query\b", rf"Windows NT{SEP}CurrentVersion[\"']?(?:\s|$)"),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-002",
        "Queries network adapters, DNS cache or NetBIOS names",
        "T1016",
        2,
        (
            r"\bipconfig(?:\.exe)?\s{1,3}/displaydns\b",
            r"\bGet-(?:DnsClientCache|NetAdapter|NetIPAddress|NetRoute|DnsClientServerAddress)\b",
            r"\bnbtstat(?:\.exe)?\s{1,3}-[nAacrRsS]\b|\bnet1?(?:\.exe)?\s{1,3}config\s{1,3}workstation\b",
            r"\bwmic(?:\.exe)?\s{1,3}nicconfig\b|\bWin32_NetworkAdapterConfiguration\b",
            r"\bnetsh(?:\.exe)?\s{1,3}(?:wlan|advfirewall\s{1,3}firewall)\s{1,3}show\b",
            r"\bGet-NetFirewallRule\b|\bnetsh(?:\.exe)?\s{1,3}firewall\s{1,3}show\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-003",
        "Lists remote hosts (arp cache, net view, domain computers)",
        "T1018",
        4,
        (
            r"\barp(?:\.exe)?\s{1,3}-a\b",
            r"\bnet1?(?:\.exe)?\s{1,3}view\s{1,3}(?:/all|/domain|\\\\)",
            r"\bnet1?(?:\.exe)?\s{1,3}group\s{1,3}[\"']?domain (?:computers|controllers)\b",
            r"\bGet-NetNeighbor\b|\bGet-ADComputer\b|\bWin32_NTDomain\b",
            r"\b_ldap\._tcp\.dc\._msdcs\b|\(objectCategory=computer\)",
            r"\bnltest(?:\.exe)?\s{1,3}/dclist\b|\badidnsdump\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-004",
        "Lists network sessions and mapped connections",
        "T1049",
        2,
        (
            r"\bnet1?(?:\.exe)?\s{1,3}(?:sessions?|use)\s{0,3}(?:$|[|>&])",
            r"\bGet-(?:NetTCPConnection|NetUDPEndpoint|SmbSession|SmbConnection)\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-005",
        "Identifies the logged-on user",
        "T1033",
        2,
        (
            r"\b(?:quser|qwinsta)(?:\.exe)?\b",
            r"\bwhoami(?:\.exe)?\s{0,3}(?:$|[|>&;])",
            r"\bWindowsIdentity\]::GetCurrent\s{0,3}\(",
            r"\bwmic(?:\.exe)?\s{1,3}computersystem\s{1,3}get\s{1,3}username\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-006",
        "Lists running processes",
        "T1057",
        1,
        (
            r"\btasklist(?:\.exe)?\b",
            r"\bGet-Process\b",
            r"\bwmic(?:\.exe)?\s{1,3}process\s{1,3}(?:get|list)\b",
            near(_WMI_GET, r"\bWin32_Process\b", 60),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-007",
        "Lists services",
        "T1007",
        2,
        (
            r"\bsc(?:\.exe)?\s{1,3}(?:\\\\\S{1,64}\s{1,3})?query(?:ex)?\b",
            r"\bGet-Service\b",
            r"\bnet1?(?:\.exe)?\s{1,3}start\s{0,3}(?:$|[|>&])",
            r"\bwmic(?:\.exe)?\s{1,3}service\s{1,3}(?:get|list|where)\b",
            near(r"\btasklist\b", r"\s/svc\b", 40),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-008",
        "Queries the registry with reg query",
        "T1012",
        2,
        r"\breg(?:\.exe)?\s{1,3}query\b",
        tags=TAGS,
    ),
    technique(
        "TWN-009",
        "Searches the registry for stored passwords (autologon, PuTTY, WinSCP, VNC)",
        "T1552.002",
        30,
        (
            near(r"\breg(?:\.exe)?\s{1,3}query\b", r"\s/f\s{1,3}[\"']?pass(?:word|wd)?\b", 100),
            near(
                _READ_REG,
                r"Winlogon[\"']?\s{1,3}(?:/v\s{1,3}|-Name\s{1,3})?[\"']?Default"
                r"Password\b",
                120,
            ),
            near(_READ_REG, rf"SimonTatham{SEP}PuTTY{SEP}Sessions\b", 120),
            near(_READ_REG, rf"Martin Prikryl{SEP}WinSCP 2{SEP}Sessions\b", 120),
            near(_READ_REG, rf"(?:ORL|RealVNC|TightVNC|TigerVNC){SEP}(?:WinVNC\d?|Server)\b", 120),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-010",
        "Lists local groups or their members",
        "T1069.001",
        2,
        (
            r"\bnet1?(?:\.exe)?\s{1,3}localgroup\b(?![^\n]{0,80}\s/(?:add|del))",
            r"\bGet-LocalGroup(?:Member)?\b",
            r"\bwmic(?:\.exe)?\s{1,3}group\s{1,3}(?:get|list)\b|\bWin32_Group\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-011",
        "Lists domain groups or their members",
        "T1069.002",
        4,
        (
            near(r"\bnet1?(?:\.exe)?\s{1,3}group\b", r"\s/do(?:main)?\b(?![^\n]{0,60}/add)", 80),
            r"\bGet-ADGroup(?:Member)?\b",
            r"\bdsquery(?:\.exe)?\s{1,3}group\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-012",
        "Enumerates Group Policy settings",
        "T1615",
        5,
        (
            r"\bgpresult(?:\.exe)?\s{1,3}/[rzvhx]\b",
            r"\bGet-(?:GPResultantSetOfPolicy|GPInheritance|DomainGPO|NetGPO)\b",
            r"\bGet-GPO\s{1,3}-All\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-013",
        "Reads the password policy",
        "T1201",
        4,
        (
            r"\bnet1?(?:\.exe)?\s{1,3}accounts\b(?![^\n]{0,40}/(?:maxpwage|minpwlen|uniquepw))",
            r"\bGet-AD(?:DefaultDomain|FineGrained)PasswordPolicy\b",
            r"\bGet-DomainPolicy(?:Data)?\b",
            near(r"\bsecedit(?:\.exe)?\b", r"/export\b", 80),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-014",
        "Lists local accounts through WMI",
        "T1087.001",
        3,
        r"\bwmic(?:\.exe)?\s{1,3}useraccount\b|\bWin32_UserAccount\b",
        tags=TAGS,
    ),
    technique(
        "TWN-015",
        "Lists domain accounts (PowerView, dsquery user)",
        "T1087.002",
        5,
        (
            r"\bGet-NetLocalGroupMember\b",
            r"\bdsquery(?:\.exe)?\s{1,3}user\b",
            r"\bGet-ADUser\s{1,3}-Filter\s{1,3}[\"'{(]?\*",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-016",
        "Lists installed software",
        "T1518",
        2,
        (
            r"\bwmic(?:\.exe)?\s{1,3}product\s{1,3}(?:get|list)\b",
            near(_WMI_GET, r"\bWin32_Product\b", 60),
            near(_READ_REG, rf"CurrentVersion{SEP}Uninstall\b", 120),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-017",
        "Looks for security tools, drivers and Defender settings",
        "T1518.001",
        6,
        (
            r"\bfltmc(?:\.exe)?(?:\s{1,3}(?:filters|instances))?\s{0,3}(?:$|[|>&])",
            r"\bsc(?:\.exe)?\s{1,3}query(?:ex)?\s{1,3}[\"']?(?:WinDefend|Sense|Sysmon\d{0,2}|CSFalcon"
            r"Service|SentinelAgent|CbDefense|MBAMService)\b",
            near(
                r"\bGet-Service\b", r"\b(?:WinDefend|Sense|Sysmon|CSFalcon|Sentinel|CbDefense)", 60
            ),
            r"\bGet-MpPreference\b",
            near(
                r"\breg(?:\.exe)?\s{1,3}query\b",
                rf"SOFTWARE{SEP}(?:Policies{SEP})?Microsoft{SEP}"
                r"Windows Defender\b",
                80,
            ),
        ),
        tags=TAGS,
    ),
)
"""Discovery: accounts, groups, processes, services and installed software."""
