"""Rules for ATT&CK command-and-control, exfiltration and lateral-movement command lines.

Rule ids are `TWN-NNN` (050-099). Most patterns name a tool or a switch that only makes sense
for the technique, so they run on every language (short command lines are often guessed as
another shell). Gaps are bounded (see platforms.near).
"""

from __future__ import annotations

from wingman.core.scripts.rules.platforms import POWERSHELL, REG_WRITE, SEP, near, technique

TAGS = frozenset({"technique", "command-and-control"})
_FETCH = r"\b(?:curl|wget|Invoke-WebRequest|Invoke-RestMethod|iwr|irm)\b"
_PASTE = (
    r"\b(?:pastebin\.com|paste\.rs|hastebin\.com|paste\.ee|dpaste\.(?:com|org)|termbin\.com"
    r"|rentry\.co|ix\.io|sprunge\.us|clbin\.com|paste\.c-net\.org)\b"
)
_USER_AGENT = r"(?:\s-A|\s-U|--user-agent|-UserAgent)\s{1,3}[\"']"
_RAT = (
    r"\b(?:AnyDesk|TeamViewer|ScreenConnect|RustDesk|UltraViewer|AmmyyAdmin|AteraAgent"
    r"|SplashtopStreamer|LogMeIn|GoToAssist|NetSupport|RemotePC|MeshAgent|Supremo|SimpleHelp"
    r"|TacticalAgent)"
)

RULES = (
    technique(
        "TWN-050",
        "Forwards a local port to another host (netsh portproxy)",
        "T1090.001",
        35,
        (
            r"\bnetsh(?:\.exe)?\s{1,3}interface\s{1,3}portproxy\s{1,3}(?:add|set)\b",
            near(REG_WRITE, rf"PortProxy{SEP}v4tov4\b", 200),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-051",
        "Points the system proxy at a chosen server",
        "T1090",
        12,
        (
            r"\bnetsh(?:\.exe)?\s{1,3}winhttp\s{1,3}set\s{1,3}proxy\b",
            near(
                REG_WRITE,
                rf"Internet Settings[\"']?\s(?:(?!{SEP})[^\n]){{0,40}}?\b(?:ProxyServer"
                r"|AutoConfigURL)\b",
                200,
            ),
            r"\bnetworksetup\s{1,3}-set(?:web|secureweb|socksfirewall)proxy\b",
            r"\bgsettings\s{1,3}set\s{1,3}org\.gnome\.system\.proxy\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-052",
        "Routes a shell's web traffic through a proxy variable",
        "T1090.001",
        3,
        r"\bexport\s{1,3}(?:https?|all|ftp)_proxy\s{0,3}=",
        tags=TAGS,
    ),
    technique(
        "TWN-053",
        "Starts Tor or another anonymising proxy",
        "T1090.003",
        30,
        (
            r"\b(?:systemctl|rc-service|brew\s{1,3}services)\s{1,3}(?:start|restart|enable)\s{1,3}"
            r"tor\b",
            r"\bservice\s{1,3}tor\s{1,3}(?:start|restart)\b",
            r"\btor\.exe\b|\bdo\s{1,3}script\s{1,3}[\"']tor\b",
            r"\bpsiphon\d?(?:\.exe)?\b|\b(?:torify|torsocks)\s",
        ),
        all_of=(r"\b(?:tor(?:\.exe)?|psiphon\d?(?:\.exe)?|torify|torsocks)\b",),
        tags=TAGS,
    ),
    technique(
        "TWN-054",
        "Resolves names over DNS-over-HTTPS",
        ("T1572", "T1071.004"),
        20,
        (
            r"\b(?:dns\.google|cloudflare-dns\.com|dns\.quad9\.net|doh\.opendns\.com)"
            r"(?::\d{2,5})?/(?:resolve|dns-query)\b",
            r"https://(?:8\.8\.8\.8|1\.1\.1\.1|9\.9\.9\.9)/(?:resolve|dns-query)\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-055",
        "Opens a developer tunnel to the internet (devtunnel, VS Code, bore, localtunnel)",
        "T1572",
        20,
        (
            r"\bdevtunnel(?:\.exe)?\s{1,3}(?:host|create|port)\b",
            r"\bcode(?:\.exe|\.cmd)?\s{1,3}tunnel\b(?!\s{1,3}(?:--help|status))",
            r"\bbore\s{1,3}local\s{1,3}\d{2,5}\b|\blt\s{1,3}--port\s{1,3}\d{2,5}\b",
            r"\b(?:serveo\.net|localhost\.run|a\.pinggy\.io)\b",
        ),
        all_of=(
            r"\b(?:devtunnel|tunnel|bore local|lt --port|serveo\.net|localhost\.run"
            r"|a\.pinggy\.io)\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-056",
        "Sends requests with a spoofed non-browser user agent",
        "T1071.001",
        10,
        near(r"\b(?:curl|wget)(?:\.exe)?\b", rf"{_USER_AGENT}(?!Mozilla/)", 120),
        tags=TAGS,
    ),
    technique(
        "TWN-057",
        "Cycles through several user agents in a row",
        "T1071.001",
        25,
        rf"{_USER_AGENT}[^\"'\n]{{1,160}}[\"'](?:[^\n]{{0,200}}\n){{1,4}}?[^\n]{{0,200}}?"
        rf"{_USER_AGENT}",
        all_of=(r"\b(?:curl|wget|Invoke-WebRequest|Invoke-RestMethod|iwr|irm)\b",),
        tags=TAGS,
    ),
    technique(
        "TWN-058",
        "Posts data to a paste site (two-way web-service channel)",
        "T1102.002",
        25,
        (near(_FETCH, _PASTE, 200), r"\bnc\s{1,3}termbin\.com\s{1,3}9999\b"),
        all_of=(
            r"(?:\s-X\s{0,3}POST\b|\s--data\b|\s-d\s|-Method\s{1,3}[\"']?Post\b|--post-"
            r"(?:data|file)\b|\s-F\s|\btermbin\.com\s{1,3}9999\b|--data-binary\b)",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-059",
        "Uses a cloud file API as a channel (Dropbox, GitHub contents)",
        "T1567.002",
        20,
        (
            r"\b(?:content|api)\.dropboxapi\.com/2/files/(?:upload|download)\b",
            near(_FETCH, r"api\.github\.com/repos/[\w.-]{1,60}/[\w.-]{1,60}/contents/", 200),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-060",
        "Runs a PowerShell raw-socket or ICMP shell (powercat, Nishang)",
        "T1095",
        45,
        r"\b(?:powercat|Invoke-PowerShell(?:Tcp(?:OneLine)?|Udp|Icmp)|icmpsh)\b",
        tags=TAGS,
    ),
    technique(
        "TWN-061",
        "Connects to a host and port with a Windows netcat binary",
        "T1095",
        15,
        r"\bn(?:c|cat)\.exe[\"']?\s{1,3}(?:-[a-z]{1,4}\s{1,3}){0,3}(?!n(?:c|cat)\.exe)[\w.-]{3,64}\s{1,3}"
        r"\d{2,5}\b",
        tags=TAGS,
    ),
    technique(
        "TWN-062",
        "Hides data in ICMP echo payloads",
        "T1048.003",
        30,
        near(r"\bping\b", r"\s-p\s{1,3}[\"']?(?:\$\(|`|[0-9a-f]{16})", 80),
        tags=TAGS,
    ),
    technique(
        "TWN-063",
        "Runs a DNS exfiltration tool",
        ("T1048", "T1048.003"),
        45,
        r"\b(?:Invoke-DNSExfiltrator|DNSExfiltrator|dnsteal|DNSlivery|PacketWhisper)\b",
        tags=TAGS,
    ),
    technique(
        "TWN-064",
        "Streams an archive to another host over SSH",
        "T1048",
        15,
        (
            near(r"\btar\s", r"\|\s{0,3}ssh\s", 120),
            near(
                r"\bssh\s",
                r"[\"']\(?\s{0,3}(?:cd\s[^\n\"']{1,80}&&\s{0,3})?tar\s{1,3}-?[a-z]{0,4}c"
                r"[a-z]{0,4}f?\s{1,3}-\s",
                120,
            ),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-065",
        "Uploads a file with an HTTP or FTP PUT request",
        ("T1020", "T1048"),
        20,
        near(
            r"\b(?:Invoke-WebRequest|Invoke-RestMethod|iwr|irm)\b",
            r"-Method\s{1,3}[\"']?Put\b",
            200,
        ),
        all_of=(r"-InFile\b",),
        languages=POWERSHELL,
        tags=TAGS,
    ),
    technique(
        "TWN-066",
        "Uploads to an FTP URL from PowerShell or curl",
        "T1048.003",
        15,
        (
            near(r"\b(?:Invoke-WebRequest|Invoke-RestMethod|iwr|irm)\b", r"-InFile\b", 200),
            near(
                r"\bcurl(?:\.exe)?\b",
                r"\s(?:-T|--upload-file)\s{1,3}\S{1,200}\s{1,3}[\"']?"
                r"s?ftps?://",
                200,
            ),
        ),
        all_of=(r"[\"'\s=]s?ftps?://",),
        tags=TAGS,
    ),
    technique(
        "TWN-067",
        "Copies data to cloud storage with rclone or MEGA tools",
        "T1567.002",
        25,
        (
            r"\brclone(?:\.exe)?\s{1,3}(?:copy|sync|move|copyto)\b",
            r"\brclone(?:\.exe)?\s{1,3}config\s{1,3}create\b",
            r"\bmega-(?:put|login)\b|\bMEGAcmd(?:Shell)?\b|\bmegatools\s{1,3}put\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-068",
        "Connects to a host over Remote Desktop",
        "T1021.001",
        3,
        r"\bmstsc(?:\.exe)?\s{1,3}(?:/[a-z]{1,10}\s{1,3}){0,3}/v:",
        tags=TAGS,
    ),
    technique(
        "TWN-069",
        "Stores credentials for a Remote Desktop target (cmdkey TERMSRV)",
        "T1021.001",
        25,
        r"\bcmdkey(?:\.exe)?\s{1,3}/(?:generic|add):[\"']?TERMSRV/",
        tags=TAGS,
    ),
    technique(
        "TWN-070",
        "Changes the Remote Desktop port or session limits",
        ("T1021.001", "T1112"),
        30,
        (
            near(REG_WRITE, rf"RDP-Tcp[\"']?\s(?:(?!{SEP})[^\n]){{0,40}}?\bPortNumber\b", 200),
            near(
                REG_WRITE,
                r"\bfSingleSessionPerUser\b(?:(?!\bfSingleSessionPerUser\b)[^\n]){0,60}?"
                r"(?:/d\s{1,3}|-Value\s{1,3})0\b",
                200,
            ),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-071",
        "Shadows or takes over a Remote Desktop session",
        ("T1563.002", "T1021.001"),
        40,
        (
            near(
                r"\bmstsc(?:\.exe)?\b",
                r"/shadow:\d{1,4}\b(?:(?!\bmstsc)[^\n]){0,60}?/noconsent"
                r"prompt\b",
                40,
            ),
            r"\bSharpRDP(?:\.exe)?\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-072",
        "Enables PowerShell remoting or WinRM",
        "T1021.006",
        5,
        (r"\bEnable-PSRemoting\b", r"\bwinrm(?:\.cmd)?\s{1,3}(?:quickconfig|qc)\b"),
        tags=TAGS,
    ),
    technique(
        "TWN-073",
        "Trusts every host for WinRM (TrustedHosts *)",
        "T1021.006",
        20,
        near(r"\bTrustedHosts\b", r"[\"']\*[\"']", 60),
        tags=TAGS,
    ),
    technique(
        "TWN-075",
        "Reaches another host through a DCOM application object",
        "T1021.003",
        35,
        (
            r"\bGetTypeFromProgID\s{0,3}\(\s{0,3}[\"'](?:ShellBrowserWindow|ShellWindows"
            r"|Excel\.Application|Outlook\.Application|Visio\.InvisibleApp|Word\.Application)"
            r"[\"']\s{0,3},\s{0,3}[\"'$]",
            r"\.(?:DDEInitiate|RegisterXLL)\s{0,3}\(",
            r"\.Document\.Application\.ShellExecute\s{0,3}\(",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-076",
        "Copies a file into a remote PowerShell session",
        "T1570",
        15,
        near(r"\bCopy-Item\b", r"\s-ToSession\b", 200),
        tags=TAGS,
    ),
    technique(
        "TWN-077",
        "Runs SMB or WMI remote-execution PowerShell and C# tools",
        ("T1021.002", "T1569.002"),
        45,
        r"\b(?:Invoke-SMBClient|SharpWMI|SharpExec"
        r"|CsExec|PAExec|RemCom)\b",
        tags=TAGS,
    ),
    technique(
        "TWN-078",
        "Fetches or starts a remote-access tool installer",
        ("T1219", "T1219.002"),
        20,
        rf"{_RAT}[\w.-]{{0,24}}\.(?:exe|msi)\b",
        tags=TAGS,
    ),
)
"""Command and control, exfiltration and lateral movement."""
