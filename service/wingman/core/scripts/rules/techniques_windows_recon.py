"""Rules for ATT&CK discovery techniques in command lines: network reach, locale, time,
devices, logs, scanning, sniffing and sandbox checks.

Rule ids are `TWN-NNN` (018-049). Most commands here are everyday admin work and weigh little;
scanners, captures and sandbox probes weigh more. Gaps are bounded (see platforms.near).
"""

from __future__ import annotations

from wingman.core.scripts.rules.platforms import POWERSHELL, SEP, near, technique

TAGS = frozenset({"technique", "discovery"})
_READ_REG = r"(?:\breg(?:\.exe)?\s{1,3}query|\bGet-ItemProperty(?:Value)?|\bGet-ChildItem|\bgci)\b"
_WMI_GET = r"\bGet-(?:Wmi|Cim)(?:Object|Instance)\b"

RULES = (
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
            r"\bfsutil(?:\.exe)?\s{1,3}fsinfo\s{1,3}drives\b|\bsystem_profiler\s{1,3}SPUSBDataType\b",
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
    technique(
        "TWN-031",
        "Runs an Active Directory reconnaissance tool (ADRecon, ADExplorer snapshot, PingCastle)",
        ("T1087.002", "T1482"),
        35,
        (
            r"\b(?:ADRecon(?:\.ps1)?|Invoke-ADRecon|PingCastle(?:\.exe)?|adalanche|ADFind\.bat)\b",
            near(r"\bADExplorer(?:64)?(?:\.exe)?\b", r"\s-snapshot\b", 120),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-032",
        "Lists the contents of another host's share",
        "T1135",
        5,
        r"\b(?:dir|ls|Get-ChildItem|gci)\s{1,3}[\"']?\\\\[\w.-]{1,64}\\[\w$]{1,40}",
        tags=TAGS,
    ),
    technique(
        "TWN-033",
        "Tests an outbound connection to an internet host on an unusual port",
        "T1571",
        5,
        (
            near(
                r"\bTest-NetConnection\b",
                r"-ComputerName\s{1,3}[\"']?[a-z][\w-]{0,62}\.[a-z][\w.-]"
                r"{1,60}[\"']?\s{1,3}-Port\s{1,3}(?!(?:80|443|22|21|25|53|445|3389|135|139|5985|5986)\b)"
                r"\d{2,5}\b",
                200,
            ),
            # Possessive runs: neither class holds what follows it, so giving characters back
            # could never help, and a text of repeated "telnet " stays linear.
            r"\btelnet\s{1,3}+[a-z][\w-]{0,62}+\.[a-z][\w.-]{1,60}+\s{1,3}+(?!(?:80|443|22|21|23|25)\b)"
            r"\d{2,5}\b",
        ),
        tags=TAGS,
    ),
)
"""Discovery: network reach, locale, devices, logs, scans, captures and sandboxes."""
