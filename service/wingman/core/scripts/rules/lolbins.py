"""Living-off-the-land rules: signed Windows binaries used to download, decode or proxy code.

These are command lines, so they apply to every language.

Patterns run with IGNORECASE | MULTILINE. A gap is written `(?:(?!LEAD)[^\\n]){0,N}?`:
bounded, on one line, and stopping at the next occurrence of the pattern's leading token,
so an input that repeats that token cannot make a search quadratic.
"""

from __future__ import annotations

from wingman.core.models import Severity
from wingman.core.scripts.rules.engine import Rule

TAGS = frozenset({"lolbin"})

# Optional ".exe" and closing quote after a binary name: certutil, "certutil.exe".
_EXE = r"(?:\.exe)?[\"']?"
# User-writable staging directories, as environment variables or expanded paths.
_STAGING = (
    r"(?:%(?:temp|tmp|appdata|localappdata|public|programdata)%|\$env:(?:temp|tmp|appdata|"
    r"localappdata|public|programdata)\b|\\(?:temp|appdata|users\\public|programdata)\\)"
)

# mshta running script given on its command line; batch utilities use it for dialogs and
# clipboard access, so only inline code that launches or downloads something weighs heavily.
_MSHTA_INLINE = r"\bmshta" + _EXE + r"\s{1,3}[\"']?(?:javascript|vbscript|about):"
_LAUNCH = (
    r"(?:\.Run\b|ShellExecute|\.Exec\b|\bpowershell\b|\bcmd(?:\.exe)?\s{0,3}/c\b|https?:|"
    r"GetObject\s{0,3}\(\s{0,3}[\"']{1,2}script:|XMLHTTP|WinHttp|ADODB\.Stream)"
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="LOL-001",
        title="Downloads a file with certutil -urlcache",
        severity=Severity.HIGH,
        attack=("T1105",),
        any_of=(
            r"\bcertutil" + _EXE + r"\s(?:(?!\bcertutil)[^\n]){0,60}?[-/](?:urlcache|verifyctl)\b",
        ),
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="LOL-002",
        title="Decodes a file with certutil -decode",
        severity=Severity.MEDIUM,
        attack=("T1140",),
        any_of=(r"\bcertutil" + _EXE + r"\s(?:(?!\bcertutil)[^\n]){0,60}?[-/]decode(?:hex)?\b",),
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="LOL-003",
        title="Runs remote script with mshta, or inline script that starts or fetches code",
        severity=Severity.CRITICAL,
        attack=("T1218.005",),
        any_of=(
            r"\bmshta" + _EXE + r"\s{1,3}[\"']?(?:https?:|ftp:|\\\\)",
            _MSHTA_INLINE + r"(?:(?!\bmshta)[^\n]){0,400}?" + _LAUNCH,
        ),
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="LOL-023",
        title="Runs inline script with mshta (javascript:, vbscript:, about:)",
        severity=Severity.MEDIUM,
        attack=("T1218.005",),
        any_of=(_MSHTA_INLINE,),
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="LOL-004",
        title="Runs an HTA application with mshta",
        severity=Severity.MEDIUM,
        attack=("T1218.005",),
        any_of=(r"\bmshta" + _EXE + r"\s{1,3}[\"']?(?:(?!\bmshta)[^\n\"']){1,200}\.hta\b",),
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="LOL-005",
        title="Runs a remote scriptlet with regsvr32 (Squiblydoo)",
        severity=Severity.CRITICAL,
        attack=("T1218.010",),
        any_of=(
            r"\bregsvr32"
            + _EXE
            + r"\s(?:(?!\bregsvr32)[^\n]){0,120}?/i:\s{0,3}[\"']?(?:https?|ftp|\\\\)",
            r"\bregsvr32" + _EXE + r"\s(?:(?!\bregsvr32)[^\n]){0,200}?\bscrobj(?:\.dll)?\b",
        ),
        weight=55,
        tags=TAGS,
    ),
    Rule(
        id="LOL-006",
        title="Runs script through rundll32 (javascript:, mshtml RunHTMLApplication)",
        severity=Severity.CRITICAL,
        attack=("T1218.011",),
        any_of=(
            r"\brundll32" + _EXE + r"\s(?:(?!\brundll32)[^\n]){0,60}?(?:javascript:|vbscript:)",
            r"\brundll32"
            + _EXE
            + r"\s(?:(?!\brundll32)[^\n]){0,60}?\bmshtml(?:\.dll)?\s{0,3},\s{0,3}#?"
            r"(?:RunHTMLApplication|135)\b",
        ),
        weight=55,
        tags=TAGS,
    ),
    Rule(
        id="LOL-007",
        title="Proxies execution through a rundll32 export (url.dll, shell32, advpack...)",
        severity=Severity.MEDIUM,
        attack=("T1218.011",),
        any_of=(
            r"\brundll32"
            + _EXE
            + r"\s(?:(?!\brundll32)[^\n]){0,60}?\b(?:url\.dll\s{0,3},\s{0,3}(?:OpenURL|"
            r"FileProtocolHandler)|ieframe\.dll\s{0,3},\s{0,3}OpenURL|shell32"
            r"(?:\.dll)?\s{0,3},\s{0,3}ShellExec_RunDLL|advpack\.dll\s{0,3},\s{0,3}"
            r"(?:LaunchINFSection|RegisterOCX)|zipfldr\.dll\s{0,3},\s{0,3}RouteTheCall|"
            r"pcwutl\.dll\s{0,3},\s{0,3}LaunchApplication|"
            r"setupapi\.dll\s{0,3},\s{0,3}InstallHinfSection)\b",
        ),
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="LOL-008",
        title="Runs a DLL from a user-writable folder with rundll32",
        severity=Severity.MEDIUM,
        attack=("T1218.011",),
        any_of=(r"\brundll32" + _EXE + r"\s{1,3}[\"']?(?:(?!\brundll32)[^\n,]){0,40}?" + _STAGING,),
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="LOL-009",
        title="Downloads a file with bitsadmin",
        severity=Severity.MEDIUM,
        attack=("T1197", "T1105"),
        any_of=(
            r"\bbitsadmin" + _EXE + r"\s(?:(?!\bbitsadmin)[^\n]){0,40}?/(?:transfer|addfile)\b",
        ),
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="LOL-010",
        title="Installs an MSI package straight from a URL",
        severity=Severity.MEDIUM,
        attack=("T1218.007",),
        any_of=(
            r"\bmsiexec"
            + _EXE
            + r"\s(?:(?!\bmsiexec)[^\n]){0,60}?/(?:i|package|y|z|j)\s{0,3}[\"']?https?://",
        ),
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="LOL-011",
        title="Creates a process with wmic process call create",
        severity=Severity.MEDIUM,
        attack=("T1047",),
        any_of=(
            r"\bwmic" + _EXE + r"\s(?:(?!\bwmic)[^\n]){0,100}?\bprocess\s{1,3}call\s{1,3}create\b",
        ),
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="LOL-012",
        title="Runs an XSL script with wmic /format",
        severity=Severity.CRITICAL,
        attack=("T1220",),
        any_of=(
            r"\bwmic" + _EXE + r"\s(?:(?!\bwmic)[^\n]){0,200}?/format:\s{0,3}[\"']?(?:https?:|"
            r"\\\\|[^\s\"']{1,200}\.xsl\b)",
        ),
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="LOL-013",
        title="Proxies execution through InstallUtil",
        severity=Severity.HIGH,
        attack=("T1218.004",),
        any_of=(
            r"\binstallutil" + _EXE + r"\s(?:(?!\binstallutil)[^\n]){0,120}?/LogToConsole=false\b",
            r"\binstallutil" + _EXE + r"\s(?:(?!\binstallutil)[^\n]){0,120}?/logfile=\s{1,3}/",
            r"\binstallutil" + _EXE + r"\s(?:(?!\binstallutil)[^\n]){0,60}?" + _STAGING,
        ),
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="LOL-014",
        title="Proxies execution through RegAsm / RegSvcs",
        severity=Severity.MEDIUM,
        attack=("T1218.009",),
        any_of=(
            r"\b(?:regasm|regsvcs)"
            + _EXE
            + r"\s(?:(?!\b(?:regasm|regsvcs)(?:\.exe)?[\"']?\s)[^\n]){0,60}?/u\b",
            r"\b(?:regasm|regsvcs)"
            + _EXE
            + r"\s(?:(?!\b(?:regasm|regsvcs)(?:\.exe)?[\"']?\s)[^\n]){0,60}?"
            + _STAGING,
        ),
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="LOL-015",
        title="Loads a DLL through odbcconf",
        severity=Severity.HIGH,
        attack=("T1218.008",),
        any_of=(
            r"\bodbcconf" + _EXE + r"\s(?:(?!\bodbcconf)[^\n]){0,100}?(?:\bREGSVR\s|[-/]f\s{1,3}"
            r"(?:(?!\bodbcconf)[^\n]){1,200}?\.rsp\b|"
            r"/a\s{1,3}\{\s{0,3}REGSVR\b)",
        ),
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="LOL-016",
        title="Installs a connection profile silently with cmstp",
        severity=Severity.HIGH,
        attack=("T1218.003",),
        any_of=(
            r"\bcmstp"
            + _EXE
            + r"\s(?:(?!\bcmstp)[^\n]){0,60}?/(?:s|au|ni)\b(?:(?!\bcmstp)[^\n]){0,100}?\.inf\b",
        ),
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="LOL-017",
        title="Runs a command indirectly through forfiles",
        severity=Severity.MEDIUM,
        attack=("T1202",),
        any_of=(
            r"\bforfiles"
            + _EXE
            + r"\s(?:(?!\bforfiles)[^\n]){0,200}?/c\s{1,3}[\"']?(?:(?!\bforfiles)[^\n\"]){0,40}?"
            r"(?:powershell|pwsh|mshta|rundll32|regsvr32|certutil|0x[0-9a-f]{2})",
        ),
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="LOL-018",
        title="Runs a program through pcalua or SyncAppvPublishingServer",
        severity=Severity.HIGH,
        attack=("T1202", "T1216.002"),
        any_of=(
            r"\bpcalua" + _EXE + r"\s(?:(?!\bpcalua)[^\n]){0,40}?-a\s",
            r"\bSyncAppvPublishingServer(?:\.exe|\.vbs)?[\"']?\s(?:"
            r"(?!\bSyncAppvPublishingServer)[^\n]){0,40}?[\"']?\s{0,3}[;&]",
        ),
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="LOL-019",
        title="Builds inline code with MSBuild from a staging folder",
        severity=Severity.MEDIUM,
        attack=("T1127.001",),
        any_of=(
            r"\bmsbuild" + _EXE + r"\s{1,3}[\"']?(?:(?!\bmsbuild)[^\n]){0,60}?" + _STAGING,
            r"\bmsbuild" + _EXE + r"\s{1,3}[\"']?[^\s\"']{1,200}\.(?:xml|txt|log|dat)\b",
        ),
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="LOL-020",
        title="Compiles code in a staging folder with csc",
        severity=Severity.MEDIUM,
        attack=("T1027.004",),
        any_of=(
            r"\bcsc"
            + _EXE
            + r"\s(?:(?!\bcsc(?:\.exe)?[\"']?\s)[^\n]){0,120}?/(?:out|target)(?:(?!\bcsc"
            r"(?:\.exe)?[\"']?\s)[^\n]){0,200}?" + _STAGING,
        ),
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="LOL-021",
        title="Copies a file from a WebDAV path with a signed utility",
        severity=Severity.MEDIUM,
        attack=("T1105",),
        any_of=(
            r"\b(?:esentutl|expand|extrac32|replace|xcopy)"
            + _EXE
            + r"\s(?:(?!\b(?:esentutl|expand|extrac32|replace|xcopy)"
            r"(?:\.exe)?[\"']?\s)[^\n]){0,80}?\\\\[\w.-]{1,255}@(?:ssl|\d{2,5})\\",
            r"(?<=\\\\[\w.-]{1,255})@ssl\\DavWWWRoot\\",
        ),
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="LOL-022",
        title="Opens remote content with hh.exe or a Control Panel item",
        severity=Severity.MEDIUM,
        attack=("T1218.001", "T1218.002"),
        any_of=(
            r"\bhh" + _EXE + r"\s{1,3}[\"']?https?://",
            r"\bcontrol"
            + _EXE
            + r"\s{1,3}[\"']?(?:(?!\bcontrol)[^\n\"']){0,60}?"
            + _STAGING
            + r"(?:(?!\bcontrol)[^\n\"']){0,80}?\.cpl\b",
        ),
        weight=25,
        tags=TAGS,
    ),
)
