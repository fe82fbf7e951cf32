"""Rules for ATT&CK discovery techniques as Windows command lines show them.

Rule ids are `TWN-NNN`. Nearly every command here is everyday admin work, so weights stay low:
the score climbs only when a script strings several of them together. Gaps are bounded and stop
at the next occurrence of the pattern's leading token (see platforms.near).
"""

from __future__ import annotations

from wingman.core.scripts.rules.platforms import POWERSHELL, SEP, near, technique

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
            r"\bnbtstat(?:\.exe)?\s{1,3}-[nAacrRsS]\b",
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
            r"\bGet-NetNeighbor\b",
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
            r"\bnet1?(?:\.exe)?\s{1,3}(?:session|use)\s{0,3}(?:$|[|>&])",
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
    technique(
        "TWN-018",
        "Checks internet access or the public IP address",
        "T1016.001",
        6,
        (
            r"\b(?:ipinfo\.io|api\.ipify\.org|ifconfig\.me|icanhazip\.com|checkip\.amazonaws\.com"
            r"|ip-api\.com|myexternalip\.com|wtfismyip\.com|ipecho\.net|checkip\.dyndns\.org"
            r"|ident\.me|ifconfig\.co)\b",
            r"\b(?:ping(?:\.exe)?|Test-NetConnection|Test-Connection)\s(?:(?!\bping\b)[^\n]){0,60}?"
            r"\b(?:8\.8\.8\.8|8\.8\.4\.4|1\.1\.1\.1|www\.google\.com)\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-019",
        "Queries the system language or keyboard layout",
        "T1614.001",
        4,
        (
            near(_READ_REG, rf"Control{SEP}Nls{SEP}Language\b", 120),
            r"\bchcp(?:\.com)?\s{0,3}(?:$|[|>&])",
            r"\bGet-(?:Culture|UICulture|WinSystemLocale|WinUserLanguageList|WinHomeLocation)\b",
            r"\bInstalledUICulture\b|\bGetKeyboardLayout(?:List)?\b",
            r"\bGet(?:User|System)Default(?:UI)?Lang(?:uage)?ID\b",
            r"\bwmic(?:\.exe)?\s(?:(?!\bwmic)[^\n]){0,40}?\bos\s{1,3}get\s(?:(?!\bwmic)[^\n]){0,20}?"
            r"\b(?:locale|OSLanguage|MUILanguages)\b",
            r"\bdism(?:\.exe)?\s(?:(?!\bdism)[^\n]){0,30}?/get-intl\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-020",
        "Reads the system time or time zone",
        "T1124",
        2,
        (
            r"\bnet1?(?:\.exe)?\s{1,3}time\b",
            r"\bw32tm(?:\.exe)?\s{1,3}/(?:tz|stripchart|query|monitor)\b",
            r"\btzutil(?:\.exe)?\s{1,3}/g\b|\bGet-TimeZone\b|\bTimeZoneInfo\]::Local\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-021",
        "Lists attached devices and drives",
        "T1120",
        2,
        (
            r"\bGet-PnpDevice\b|\bWin32_PnPEntity\b|\bWin32_USBControllerDevice\b",
            r"\bfsutil(?:\.exe)?\s{1,3}fsinfo\s{1,3}drives\b",
            near(_READ_REG, rf"Enum{SEP}USBSTOR\b", 120),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-022",
        "Lists open application windows",
        "T1010",
        6,
        (r"\.MainWindowTitle\b", r"\bEnumWindows\b"),
        tags=TAGS,
    ),
    technique(
        "TWN-023",
        "Lists installed drivers",
        "T1652",
        3,
        r"\bdriverquery(?:\.exe)?\b|\bGet-WindowsDriver\b|\bWin32_(?:PnPSignedDriver|SystemDriver)\b",
        tags=TAGS,
    ),
    technique(
        "TWN-024",
        "Reads the Security event log (logons, accounts)",
        "T1654",
        8,
        (
            near(r"\bwevtutil(?:\.exe)?\s{1,3}(?:qe|query-events)\b", r"\bSecurity\b", 40),
            near(r"\bGet-(?:WinEvent|EventLog)\b", r"\b(?:-LogName\s{1,3})?[\"']?Security\b", 60),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-025",
        "Walks a whole drive's directory tree",
        "T1083",
        2,
        (
            r"\bdir(?:\.exe)?\s{1,3}(?:/[a-z]{1,2}\s{1,3}){0,3}[\"']?[a-z]:\\{0,2}[\"']?\s{1,3}"
            r"(?:/[a-z]{1,2}\s{1,3}){0,3}/s\b",
            r"\bdir(?:\.exe)?\s{1,3}(?:/[a-z]{1,2}\s{1,3}){0,3}/s\s(?:/[a-z]{1,2}\s{1,3}){0,3}[\"']?"
            r"[a-z]:\\",
            r"\btree(?:\.com)?\s{1,3}(?:[\"']?[a-z]:\\{0,2}[\"']?\s{1,3})?/f\b",
            r"\bwhere(?:\.exe)?\s{1,3}/r\s{1,3}[a-z]:\\",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-026",
        "Hunts for network shares and file servers (PowerView)",
        "T1135",
        25,
        r"\b(?:Get-NetShare|Get-DomainFileServer"
        r"|Find-InterestingDomainShareFile)\b",
        tags=TAGS,
    ),
    technique(
        "TWN-027",
        "Runs a port scanner from PowerShell or a Windows scanning tool",
        "T1046",
        30,
        (
            r"\bInvoke-(?:TcpPortScan|PortScan)\b",
            r"\b(?:advanced_ip_scanner|netscan|SoftPerfect)(?:\.exe)?\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-028",
        "Probes a TCP port with Test-NetConnection",
        "T1046",
        3,
        near(r"\bTest-NetConnection\b", r"\s-(?:Port|CommonTCPPort)\b", 100),
        languages=POWERSHELL,
        tags=TAGS,
    ),
    technique(
        "TWN-029",
        "Captures network traffic (netsh trace, pktmon, tcpdump, tshark)",
        "T1040",
        20,
        (
            near(r"\bnetsh(?:\.exe)?\s{1,3}trace\s{1,3}start\b", r"\bcapture\s{0,3}=\s{0,3}yes\b"),
            r"\bpktmon(?:\.exe)?\s{1,3}(?:start\s(?:(?!\bpktmon)[^\n]){0,40}?(?:-c\b|--capture\b)"
            r"|filter\s{1,3}add\b)",
            r"\b(?:tshark|windump|dumpcap|tcpdump)(?:\.exe)?(?:(?!\b(?:tshark|windump|dumpcap|"
            r"tcpdump)\b)[^\n]){0,40}?\s-[a-zA-Z]{0,6}[iwD]\b",
            r"\bip\s{1,3}link\s{1,3}set\s{1,3}\S{1,20}\s{1,3}promisc\s{1,3}on\b",
            r"\bifconfig\s{1,3}\S{1,20}\s{1,3}promisc\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-030",
        "Probes for a virtual machine through hardware the guest lacks",
        "T1497.001",
        15,
        (
            near(
                _WMI_GET,
                r"\b(?:Win32_PortConnector|Win32_Fan|MSAcpi_ThermalZoneTemperature"
                r"|Win32_CacheMemory|Win32_VoltageProbe)\b",
                60,
            ),
            near(
                _READ_REG,
                rf"(?:Services{SEP}Disk{SEP}Enum|HARDWARE{SEP}ACPI{SEP}(?:DSDT|FADT|RSDT))"
                r"\b",
                120,
            ),
            near(
                r"\bsysteminfo\b",
                r"\bfindstr\b(?:(?!\bsysteminfo\b)[^\n]){0,40}?"
                r"\b(?:Hypervisor|VMware|VirtualBox|Virtual Machine)\b",
                60,
            ),
        ),
        tags=TAGS,
    ),
)
"""Discovery: who, where, what runs, what protects the host."""
