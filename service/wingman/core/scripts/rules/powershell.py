"""Rules for PowerShell malware: loaders, shellcode runners, post-exploitation tooling.

Rule ids are `PSH-NNN`. Patterns run with IGNORECASE | MULTILINE; every gap is bounded and
stops at the next occurrence of the pattern's leading token (see execution.py). Most rules
here combine behaviours that are common on their own (a download, a process start) into the
chain that malware needs: the file that was downloaded is the one that is started.
"""

from __future__ import annotations

from wingman.core.models import Severity
from wingman.core.scripts.rules.engine import Rule
from wingman.core.scripts.rules.powershell_memory import RULES as MEMORY
from wingman.core.scripts.rules.powershell_post import RULES as POST_EXPLOITATION
from wingman.core.scripts.types import Lang

# PowerShell text, and the languages that carry PowerShell one-liners on a command line.
PS_HOSTS = frozenset({Lang.POWERSHELL, Lang.BATCH, Lang.VBSCRIPT, Lang.JAVASCRIPT, Lang.PYTHON})
TAGS = frozenset({"powershell", "execution"})

# Where a downloaded file is written: one path or variable, quoted or not.
_DEST = r"(?P<q>[\"']?)(?P<dest>[^\"'\s(),;|]{2,200}+)(?P=q)"
# Ways PowerShell starts a file it was given by name.
_RUN = (
    r"(?:Start-Process|saps|start|Invoke-Item|ii|&|\.|cmd(?:\.exe)?\s{1,3}/[ck]|"
    r"(?:rundll32|regsvr32|wscript|cscript|mshta|explorer)(?:\.exe)?|msiexec(?:\.exe)?\s{1,3}/i|"
    r"(?:powershell|pwsh)(?:\.exe)?(?:\s{1,3}-\w{1,20}(?:\s{1,3}\w{1,12})?){0,5}\s{1,3}-f\w{0,3}|"
    r"\[(?:System\.)?Diagnostics\.Process\]::Start|\.(?:ShellExecute|Run|Create)|"
    r"Win32_Process\s{1,3}-Name\s{1,3}Create\s{1,3}-ArgumentList)"
)
# The same destination again, as the argument of the start (quotes and parentheses optional).
_SAME = r"\s{0,3}(?:-FilePath\s{1,3})?\(?\s{0,3}[\"']?(?:\.?\\)?(?P=dest)(?![\w.])"
# A program named alone as a statement runs (PowerShell starts a path it is given as a command).
_BARE = (
    r"(?<=[\n;])\s{0,3}[\"']?(?:\.?\\)?(?P=dest)(?<=\.exe|\.com|\.bat|\.cmd|\.scr)[\"']?"
    r"\s{0,3}(?:$|;)"
)
# Silent-install switches, waiting for the end, arguments kept in a variable: an installer run
# the documented way, not a payload.
_NOT_INSTALLER = (
    r"(?!(?:(?!\n)[^\n]){0,200}?(?:[\s\"',](?:/|--?)(?:S|silent|verysilent|quiet|qn|qb|passive|"
    r"norestart|install)\b|\s-Wait\b|\s-ArgumentList\s{1,3}\$))"
)


def _dropper(lead: str, to_dest: str, after_dest: str = "") -> str:
    """A download (lead, then what leads to its destination) whose destination is started.

    The start may follow on the same line or on one of the next eight, each line's gap bounded
    and stopping at the next download, so the start is tied to the nearest download before it.
    """
    gap = r"(?:(?!" + lead + r")[^\n]){0,300}?"
    return (
        lead
        + to_dest
        + _DEST
        + after_dest
        + gap
        + r"(?:\n"
        + gap
        + r"){0,8}?(?:(?<![\w$-])"
        + _RUN
        + _SAME
        + r"|"
        + _BARE
        + r")"
        + _NOT_INSTALLER
    )


# User-writable folders that droppers write to, as PowerShell and cmd spell them.
WRITABLE = (
    r"(?:\$env:(?:temp|tmp|appdata|localappdata|public|programdata|userprofile|allusersprofile)"
    r"|%(?:temp|tmp|appdata|localappdata|public|programdata|userprofile)%"
    r"|\\(?:temp|appdata|public|programdata)\\"
    r"|\[(?:System\.)?IO\.Path\]::GetTempPath\(\))"
)
# File types that run when started.
RUNNABLE = r"\.(?:exe|scr|com|pif|bat|cmd|vbs|vbe|js|jse|wsf|hta|ps1|dll|cpl|jar)\b"
_WRITABLE_RUNNABLE = WRITABLE + r"(?:(?!" + WRITABLE + r")[^\n\"']){0,120}?" + RUNNABLE

_DOWNLOADS_TO_FILE = (
    r"\.DownloadFile(?:Async)?\s{0,3}\(",
    r"\b(?:Invoke-WebRequest|iwr|wget|curl)\b(?:(?!\b(?:Invoke-WebRequest|iwr|wget|curl)\b)"
    r"[^\n]){0,300}?\s-o(?:u(?:t(?:f(?:i(?:l(?:e)?)?)?)?)?)?\s",
    r"\bStart-BitsTransfer\b",
)

LOADERS: tuple[Rule, ...] = (
    Rule(
        id="PSH-001",
        title="Downloads a file and starts it (dropper)",
        severity=Severity.HIGH,
        attack=("T1105", "T1204.002"),
        any_of=(
            _dropper(
                r"\.DownloadFile(?:Async)?\s{0,3}\(",
                r"\s{0,3}(?:(?!\.DownloadFile)[^\n,]){1,300}?,\s{0,3}",
                r"\s{0,3}\)",
            ),
            _dropper(
                r"\b(?:Invoke-WebRequest|iwr|wget|curl)\b",
                r"(?:(?!\b(?:Invoke-WebRequest|iwr|wget|curl)\b)[^\n]){0,300}?"
                r"\s-o(?:u(?:t(?:f(?:i(?:l(?:e)?)?)?)?)?)?\s{1,3}",
            ),
            _dropper(
                r"\bStart-BitsTransfer\b",
                r"(?:(?:(?!\bStart-BitsTransfer\b)[^\n]){0,300}?\s-Destination"
                r"|\s{1,3}(?:-Source\s{1,3})?[^\s;|-][^\s;|]{0,300})\s{1,3}",
            ),
        ),
        languages=PS_HOSTS,
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="PSH-002",
        title="Downloads a file and starts a program from a user-writable folder",
        severity=Severity.MEDIUM,
        attack=("T1105", "T1204.002"),
        any_of=_DOWNLOADS_TO_FILE,
        all_of=(
            # The lookahead on the first letters lets the search skip ahead: with the
            # lookbehind alone every position of a long text is tried (4x slower).
            r"(?=[sirwc])(?<![\w$-])(?:Start-Process|saps|Invoke-Item|ii|start|rundll32(?:\.exe)?|"
            r"regsvr32(?:\.exe)?|wscript(?:\.exe)?|cscript(?:\.exe)?)\s{1,3}(?:-FilePath\s{1,3})?"
            r"\(?\s{0,3}[\"']?" + _WRITABLE_RUNNABLE,
        ),
        languages=PS_HOSTS,
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="PSH-003",
        title="Dresses a WebClient as a browser behind the system proxy (stager set-up)",
        severity=Severity.HIGH,
        attack=("T1071.001", "T1105"),
        any_of=(
            r"\.Headers\.Add\s{0,3}\(\s{0,3}[\"']User-Agent[\"']",
            r"\.Headers\s{0,3}\[\s{0,3}[\"']User-Agent[\"']\s{0,3}\]\s{0,3}=",
        ),
        all_of=(
            r"\bNet\.WebClient\b",
            r"\b(?:DefaultWebProxy|GetSystemWebProxy)\b",
            r"\bDefault(?:Network)?Credentials\b",
        ),
        languages=PS_HOSTS,
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="PSH-004",
        title="Decrypts downloaded bytes with a key and runs the result (XOR / RC4 stager)",
        severity=Severity.CRITICAL,
        attack=("T1059.001", "T1105", "T1140"),
        any_of=(
            r"\bDownload(?:String|Data)\s{0,3}\((?:(?!\bDownload(?:String|Data)\b)[^\n]){0,300}?"
            r"-bxor\b",
            r"\bDownloadData\s{0,3}\((?:(?!\bDownloadData\b)[^\n]){0,300}?-join\s{0,3}"
            r"\[char\[\]\]\s{0,3}\((?:(?!\bDownloadData\b)[^\n]){0,100}?\)\s{0,3}\|\s{0,3}"
            r"(?:iex|Invoke-Expression)\b",
        ),
        all_of=(r"\b(?:iex|Invoke-Expression)\b",),
        languages=PS_HOSTS,
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="PSH-014",
        title="Implements RC4 by hand (key schedule over 0..255 with -bxor)",
        severity=Severity.MEDIUM,
        attack=("T1573.001", "T1027"),
        any_of=(r"\b0\s{0,3}\.\.\s{0,3}255\b",),
        all_of=(r"-bxor\b", r"%\s{0,3}256\b"),
        languages=PS_HOSTS,
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="PSH-015",
        title="Accepts any TLS certificate (ServerCertificateValidationCallback returns true)",
        severity=Severity.LOW,
        attack=("T1071.001",),
        any_of=(r"\bServerCertificateValidationCallback\s{0,3}=\s{0,3}\{\s{0,3}\$true\s{0,3}\}",),
        languages=PS_HOSTS,
        weight=8,
        tags=TAGS,
    ),
    Rule(
        id="PSH-005",
        title="Stores downloaded text in a variable and runs it with Invoke-Expression",
        severity=Severity.HIGH,
        attack=("T1059.001", "T1105"),
        any_of=(
            r"\$(?P<var>\w{1,64})\s{0,3}=\s{0,3}(?:(?!\bDownloadString\b)[^\n=]){0,120}?"
            r"\bDownloadString\s{0,3}\((?:(?!\bDownloadString\b)[^\n]){0,400}?"
            r"\b(?:iex|Invoke-Expression)\s{1,3}(?:-Command\s{1,3})?\(?\s{0,3}\$(?P=var)\b",
        ),
        languages=PS_HOSTS,
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="PSH-006",
        title="Puts the user or computer name into the address it fetches (victim check-in)",
        severity=Severity.MEDIUM,
        attack=("T1033", "T1071.001"),
        any_of=(
            r"[\"']https?://[^\s\"'?]{1,200}\?[^\s\"']{0,100}=[\"']\s{0,3}\+\s{0,3}"
            r"(?:\$env:(?:username|computername|userdomain)\b|\$\w{1,40}\s{0,3};)",
            r"[\"']https?://[^\s\"'?]{1,200}\?[^\s\"']{0,100}=\$env:(?:username|computername)\b",
        ),
        all_of=(
            r"\$env:(?:username|computername|userdomain)\b",
            r"\.Download(?:String|Data|File)\s{0,3}\(|\b(?:Invoke-WebRequest|Invoke-RestMethod|"
            r"iwr|irm)\b",
        ),
        languages=PS_HOSTS,
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="PSH-007",
        title="Writes decoded base64 to a script or program file (embedded payload dropped)",
        severity=Severity.MEDIUM,
        attack=("T1027", "T1140", "T1105"),
        any_of=(
            r"\b(?:Set-Content|Out-File|Add-Content|WriteAll(?:Bytes|Text))\b(?:"
            r"(?!\b(?:Set-Content|Out-File|Add-Content|WriteAll(?:Bytes|Text))\b)[^\n]){0,200}?"
            + RUNNABLE,
            r"\$\w{1,64}\s{0,3}=\s{0,3}[\"'][^\"'\n]{1,200}?" + RUNNABLE + r"[\"']",
        ),
        all_of=(
            r"\bFromBase64String\s{0,3}\(",
            r"\b(?:Set-Content|Out-File|Add-Content|WriteAll(?:Bytes|Text))\b",
        ),
        languages=PS_HOSTS,
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="PSH-013",
        title="Writes downloaded or decoded bytes to a file and starts it",
        severity=Severity.HIGH,
        attack=("T1105", "T1204.002", "T1140"),
        any_of=(
            _dropper(
                r"\bWriteAllBytes\s{0,3}\(",
                r"\s{0,3}",
                r"\s{0,3},",
            ),
        ),
        all_of=(r"\bDownloadData\b|\bFromBase64String\b|-bxor\b|\.Content\b",),
        languages=PS_HOSTS,
        weight=40,
        tags=TAGS,
    ),
)

RULES: tuple[Rule, ...] = LOADERS + MEMORY + POST_EXPLOITATION
