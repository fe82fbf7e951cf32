"""Command-and-control rules: reverse shells, tunnels, C2 frameworks and beacon loops.

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
JS = frozenset({Lang.JAVASCRIPT})
TAGS = frozenset({"command-and-control"})

_SHELL = r"(?:/bin/|/usr/bin/)?(?:ba|z|da|k)?sh\b"
_PS_FETCH = r"(?:DownloadString|Invoke-WebRequest|Invoke-RestMethod|iwr|irm)"

RULES: tuple[Rule, ...] = (
    Rule(
        id="C2-001",
        title="Reverse shell over /dev/tcp",
        severity=Severity.CRITICAL,
        attack=("T1059.004", "T1095"),
        any_of=(
            r"\b(?:ba|z|k)?sh\s{1,3}-i\b(?:(?!\b(?:ba|z|k)?sh\s{1,3}-i\b)[^\n]){0,40}?/dev/"
            r"(?:tcp|udp)/",
            r"/dev/(?:tcp|udp)/[^\s/]{1,255}/\d{1,5}\s{0,3}0\s{0,3}>&\s{0,3}1\b",
            r"/dev/(?:tcp|udp)/[^\s/]{1,255}/\d{1,5}\s{0,3}<&\s{0,3}\d(?:(?!/dev/(?:tcp|"
            r"udp)/[^\s/]{1,255}/\d{1,5}\s{0,3}<&\s{0,3}\d)[^\n]){0,60}?>&\s{0,3}\d",
        ),
        weight=60,
        tags=TAGS,
    ),
    Rule(
        id="C2-002",
        title="Opens a read-write socket with exec and /dev/tcp",
        severity=Severity.HIGH,
        attack=("T1059.004", "T1095"),
        any_of=(r"\bexec\s{1,3}\d{1,3}\s{0,3}<>\s{0,3}/dev/(?:tcp|udp)/",),
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="C2-003",
        title="Netcat hands a shell to a remote host (nc -e)",
        severity=Severity.CRITICAL,
        attack=("T1059", "T1095"),
        any_of=(
            r"\b(?:nc|ncat|netcat|nc\.traditional|nc\.openbsd)(?:\.exe)?\b(?:(?!\b(?:nc|ncat|"
            r"netcat|nc\.traditional|nc\.openbsd)(?:\.exe)?\b)[^\n]){0,80}?\s(?:-[a-z]{0,4}[ec]|"
            r"--exec|--sh-exec)\s{1,3}[\"']?(?:"
            + _SHELL
            + r"|cmd(?:\.exe)?\b|powershell(?:\.exe)?\b)",
        ),
        weight=60,
        tags=TAGS,
    ),
    Rule(
        id="C2-004",
        title="Reverse shell through a named pipe (mkfifo / mknod + nc)",
        severity=Severity.CRITICAL,
        attack=("T1059.004", "T1095"),
        any_of=(
            r"\b(?:mkfifo|mknod)\s(?:(?!\b(?:mkfifo|mknod)\s)[^\n]){0,200}?\b(?:nc|ncat|netcat|"
            r"telnet|openssl\s{1,3}s_client)\b",
            r"\btelnet\s(?:(?!\btelnet)[^\n]){0,80}?\|\s{0,3}"
            + _SHELL
            + r"(?:(?!\btelnet)[^\n]){0,40}?\|\s{0,3}telnet\b",
        ),
        weight=60,
        tags=TAGS,
    ),
    Rule(
        id="C2-005",
        title="Python reverse shell (socket wired to a shell)",
        severity=Severity.CRITICAL,
        attack=("T1059.006", "T1095"),
        any_of=(
            r"\bpty\.spawn\s{0,3}\(\s{0,3}[\"'](?:/bin/|/usr/bin/)?(?:ba|z)?sh[\"']",
            r"\bos\.dup2\s{0,3}\(\s{0,3}[\w.]{1,30}\.fileno\s{0,3}\(\s{0,3}\)\s{0,3},\s{0,3}"
            r"[012]\s{0,3}\)",
            r"\bsubprocess\.(?:call|Popen|run)\s{0,3}\(\s{0,3}\[\s{0,3}[\"'](?:/bin/)?(?:ba|"
            r"z)?sh[\"']\s{0,3},\s{0,3}[\"']-i[\"']",
            r"\bstd(?:in|out|err)\s{0,3}=\s{0,3}[\w.]{1,30}\.fileno\s{0,3}\(\s{0,3}\)",
        ),
        all_of=(r"\bsocket\b",),
        languages=PYTHON,
        weight=55,
        tags=TAGS,
    ),
    Rule(
        id="C2-006",
        title="PowerShell reverse shell (TCPClient stream fed to Invoke-Expression)",
        severity=Severity.CRITICAL,
        attack=("T1059.001", "T1095"),
        any_of=(
            r"\b(?:iex|Invoke-Expression)\b",
            r"[\"']PS\s[\"']\s{0,3}\+\s{0,3}\(\s{0,3}(?:pwd|Get-Location)\b",
        ),
        all_of=(
            r"\b(?:Net\.Sockets\.TCPClient|TCPClient)\b",
            r"\.GetStream\s{0,3}\(",
        ),
        languages=PS_HOSTS,
        weight=60,
        tags=TAGS,
    ),
    Rule(
        id="C2-007",
        title="socat connects a shell to the network",
        severity=Severity.CRITICAL,
        attack=("T1059.004", "T1095"),
        any_of=(
            r"\bsocat\b(?:(?!\bsocat)[^\n]){0,200}?\b(?:exec|system):[\"']?(?:"
            r"(?!\bsocat)[^\n]){0,60}?(?:sh|bash|cmd|pty)\b",
        ),
        all_of=(r"\btcp[46]?(?:-connect|-listen|-l)?:",),
        weight=55,
        tags=TAGS,
    ),
    Rule(
        id="C2-008",
        title="Reverse shell one-liner in Perl, PHP, Ruby or awk",
        severity=Severity.CRITICAL,
        attack=("T1059", "T1095"),
        any_of=(
            r"\bperl\s{1,3}-e\s(?:(?!\bperl\s{1,3}-e\s)[^\n]){0,300}?\bsocket\s{0,3}\(",
            r"\bphp\s{1,3}-r\s(?:(?!\bphp\s{1,3}-r\s)[^\n]){0,200}?\bfsockopen\s{0,3}\(",
            r"\bruby\s{1,3}-rsocket\b",
            r"/inet/tcp/\d{1,5}/",
            r"\bTCPSocket\.(?:new|open)\s{0,3}\((?:(?!\bTCPSocket\.(?:new|"
            r"open)\s{0,3}\()[^\n]){0,100}?(?:exec|IO\.popen|spawn)\b",
        ),
        weight=55,
        tags=TAGS,
    ),
    Rule(
        id="C2-009",
        title="Node.js reverse shell (socket piped into a shell)",
        severity=Severity.CRITICAL,
        attack=("T1059.007", "T1095"),
        any_of=(
            r"\bspawn\s{0,3}\(\s{0,3}[\"'`](?:/bin/|/usr/bin/)?(?:ba|z)?sh[\"'`]",
            r"\bspawn\s{0,3}\(\s{0,3}[\"'`](?:cmd|powershell)(?:\.exe)?[\"'`]",
        ),
        all_of=(
            r"\bchild_process\b",
            r"\bnet\.(?:Socket|connect|createConnection)\b",
            r"\.pipe\s{0,3}\(",
        ),
        languages=JS,
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="C2-010",
        title="DNS tunnelling tool",
        severity=Severity.HIGH,
        attack=("T1071.004", "T1572"),
        any_of=(
            r"\bdnscat2?(?:\.ps1|\.rb)?\b",
            r"\biodined?\b",
            r"\bdns2tcp[cd]?\b",
            r"\b(?:Invoke-)?DNSExfiltrator\b",
            r"\bdnscat2?-powershell\b",
        ),
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="C2-011",
        title="Fetches commands from DNS TXT records and runs them",
        severity=Severity.HIGH,
        attack=("T1071.004",),
        any_of=(
            r"\bnslookup(?:\.exe)?\s{1,3}-(?:q|querytype|type)=txt\b",
            r"\bResolve-DnsName\b(?:(?!\bResolve-DnsName)[^\n]){0,100}?-Type\s{1,3}TXT\b",
            r"\bdig\s(?:(?!\bdig\s)[^\n]){0,80}?\bTXT\b(?:(?!\bdig\s)[^\n]){0,40}?\+short\b",
        ),
        all_of=(r"\b(?:iex|Invoke-Expression)\b|\|\s{0,3}(?:ba)?sh\b|\bcmd(?:\.exe)?\s{1,3}/c\b",),
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="C2-012",
        title="Cobalt Strike beacon markers",
        severity=Severity.CRITICAL,
        attack=("T1071.001",),
        any_of=(
            r"\bbeacon(?:_x64|\.x64)?\.(?:dll|exe|bin)\b",
            r"(?<=\\{2,4}\.\\{1,2})pipe\\{1,2}(?:MSSE-\d{1,5}-server|postex_|status_|msagent_)",
            r"\bCobalt\s?Strike\b",
            r"%c%c%c%c%c%c%c%c%cMSSE",
            r"\bReflectiveLoader\b",
        ),
        weight=55,
        tags=TAGS,
    ),
    Rule(
        id="C2-013",
        title="PowerShell Empire stager markers",
        severity=Severity.CRITICAL,
        attack=("T1071.001", "T1059.001"),
        any_of=(
            r"\bInvoke-Empire\b",
            r"\bEmpire(?:Project)?\s{1,3}(?:stager|launcher|agent)\b",
            r"\$\w{1,10}\[\$_\]\s{0,3},\s{0,3}\$\w{1,10}\[\$\w{1,10}\]\s{0,3}=\s{0,3}\$\w{1,10}"
            r"\[\$\w{1,10}\]\s{0,3},\s{0,3}\$\w{1,10}\[\$_\]",
        ),
        languages=PS_HOSTS,
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="C2-014",
        title="Metasploit / Meterpreter markers",
        severity=Severity.CRITICAL,
        attack=("T1071",),
        any_of=(
            r"\bmeterpreter\b",
            r"\bmsfvenom\b",
            r"\bmsfconsole\b",
            r"\bexploit/multi/handler\b",
            r"\b(?:windows|linux|python|php|java)(?:/x64|/x86)?/(?:meterpreter|shell)"
            r"(?:_reverse_\w{2,10}|/reverse_\w{2,10})\b",
        ),
        weight=55,
        tags=TAGS,
    ),
    Rule(
        id="C2-015",
        title="Other C2 framework or RAT names",
        severity=Severity.HIGH,
        attack=("T1071", "T1219"),
        any_of=(
            r"\b(?:sliver-(?:client|server)|SliverC2|CovenantGrunt|GruntHTTP|GruntStager|PoshC2|"
            r"HavocFramework|Havoc\s?C2|Koadic|PupyRAT|QuasarRAT|AsyncRAT|AsyncClient|njRAT|"
            r"NanoCore|Remcos|DcRAT|XWorm|Merlin-agent|BruteRatel)\b",
        ),
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="C2-016",
        title="Sends requests with a hard-coded browser user agent",
        severity=Severity.LOW,
        attack=("T1071.001",),
        any_of=(
            r"\bUser-Agent[\"']?\s{0,3}[,:=]\s{0,3}[\"']Mozilla/\d\.\d\s\(",
            r"-UserAgent\s{1,3}[\"']Mozilla/\d",
            r"\bcurl\b(?:(?!\bcurl\b)[^\n]){0,120}?(?:\s-A|--user-agent)(?:\s{1,3}|"
            r"=)[\"']Mozilla/\d",
            r"\bwget\b(?:(?!\bwget\b)[^\n]){0,120}?(?:\s-U|--user-agent)(?:\s{1,3}|"
            r"=)[\"']Mozilla/\d",
            r"\.setRequestHeader\s{0,3}\(\s{0,3}[\"']User-Agent[\"']\s{0,3},\s{0,3}[\"']Mozilla/\d",
        ),
        weight=8,
        tags=TAGS,
    ),
    Rule(
        id="C2-017",
        title="Installs remote-access software and sets its password",
        severity=Severity.HIGH,
        attack=("T1219",),
        any_of=(
            r"\b(?:AnyDesk|RustDesk)(?:\.exe)?[\"']?\s(?:(?!\b(?:AnyDesk|RustDesk)"
            r"(?:\.exe)?[\"']?\s)[^\n]){0,80}?--set-password\b",
            r"--set-password\b(?:(?!--set-password\b)[^\n]){0,80}?\b(?:AnyDesk|RustDesk)\b",
            r"\|\s{0,3}[\"']?(?:(?!\|\s{0,3}[\"']?)[^\n|]){0,80}?(?:AnyDesk|RustDesk)"
            r"(?:\.exe)?[\"']?\s{1,3}--set-password\b",
        ),
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="C2-018",
        title="Opens a tunnel to the internet (ngrok, cloudflared, ssh -R)",
        severity=Severity.MEDIUM,
        attack=("T1572",),
        any_of=(
            r"\bngrok\s{1,3}(?:tcp|http|tls|authtoken|config)\b",
            r"\bcloudflared\s{1,3}tunnel\b",
            r"\bssh\b(?:(?!\bssh\b)[^\n]){0,120}?\s-R\s{0,3}(?:[\w*.]{1,64}:)?\d{1,5}:",
        ),
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="C2-019",
        title="Runs attacker tunnelling / pivoting tools (chisel, ligolo, frp, plink -R)",
        severity=Severity.HIGH,
        attack=("T1572", "T1090"),
        any_of=(
            r"\bchisel(?:\.exe)?\s{1,3}(?:client|server)\b",
            r"\bligolo(?:-ng)?\b",
            r"\brevsocks\b",
            r"\bfrpc(?:\.exe)?\s{1,3}-c\b",
            r"\bplink(?:\.exe)?\b(?:(?!\bplink)[^\n]){0,120}?\s-R\s{0,3}\d{1,5}:",
            r"\bInvoke-SocksProxy\b",
        ),
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="C2-020",
        title="Polls a URL in an endless loop and runs what comes back (PowerShell)",
        severity=Severity.HIGH,
        attack=("T1071.001", "T1059.001"),
        any_of=(
            r"\b(?:iex|Invoke-Expression)\b(?:(?!\b(?:iex|Invoke-Expression)\b)[^\n]){0,60}?\b"
            + _PS_FETCH
            + r"\b",
            r"\b"
            + _PS_FETCH
            + r"\b(?:(?!\b(?:DownloadString|Invoke-WebRequest|Invoke-RestMethod|iwr|"
            r"irm)\b)[^\n|]){0,200}\|\s{0,3}(?:iex|Invoke-Expression)\b",
        ),
        all_of=(
            r"\bwhile\s{0,3}\(\s{0,3}(?:\$true|1)\s{0,3}\)|\bfor\s{0,3}\(\s{0,3};\s{0,3};\s{0,3}\)",
            r"\b(?:Start-Sleep|sleep)\b",
        ),
        languages=PS_HOSTS,
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="C2-021",
        title="Polls a URL in an endless loop and runs what comes back (shell)",
        severity=Severity.HIGH,
        attack=("T1071.001", "T1059.004"),
        any_of=(
            r"\b(?:curl|wget)\b(?:(?!\b(?:curl|wget)\b)[^\n|]){0,200}\|\s{0,3}" + _SHELL,
            r"\beval\s{1,3}[\"']?\$\(\s{0,3}(?:curl|wget)\b",
        ),
        all_of=(r"\bwhile\s{1,3}(?:true|:|\[\s{1,3}1\s{1,3}\])", r"\bsleep\s{1,3}\d"),
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="C2-022",
        title="Fetches content from a paste site (dead-drop resolver)",
        severity=Severity.MEDIUM,
        attack=("T1102.001",),
        any_of=(
            r"\bpastebin\.com/raw/",
            r"\bpaste\.ee/r/",
            r"\bhastebin\.com/raw/",
            r"\brentry\.(?:co|org)/[\w-]{1,40}/raw\b",
            r"\bgist\.githubusercontent\.com/[\w-]{1,40}/[0-9a-f]{20,40}/raw\b",
        ),
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="C2-023",
        title="Talks to a Tor hidden service or local Tor proxy",
        severity=Severity.MEDIUM,
        attack=("T1090.003",),
        any_of=(
            r"\b[a-z2-7]{16}(?:[a-z2-7]{40})?\.onion\b",
            r"\btor2web\b|\.onion\.(?:to|ws|ly|pet)\b",
            r"\bsocks5h?://(?:127\.0\.0\.1|localhost):9050\b",
        ),
        weight=20,
        tags=TAGS,
    ),
)
