"""Windows Script Host droppers and downloaders: fetch, save and run; embedded executables;
drive-by pages; sandbox checks; and the decoders that feed `eval` / `Execute`.

Patterns run with IGNORECASE | MULTILINE. A gap is written `(?:(?!LEAD)[^\\n]){0,N}?`:
bounded, on one line, and stopping at the next occurrence of the pattern's leading token.
"""

from __future__ import annotations

from wingman.core.models import Severity
from wingman.core.scripts.rules.engine import Rule
from wingman.core.scripts.types import Lang

WSH = frozenset({Lang.VBSCRIPT, Lang.JAVASCRIPT})
WSH_ANYWHERE = frozenset({Lang.VBSCRIPT, Lang.JAVASCRIPT, Lang.BATCH})
JS = frozenset({Lang.JAVASCRIPT})
VBS = frozenset({Lang.VBSCRIPT})
EXEC = frozenset({"execution"})
EVADE = frozenset({"defense-evasion"})
OBFUSCATION = frozenset({"obfuscation"})

# COM objects that fetch a URL.
_FETCH = r"\b(?:(?:Msxml2|Microsoft)\.(?:Server)?XMLHTTP(?:\.\d\.\d)?|WinHttp\.WinHttpRequest)\b"
# Ways a script host starts a program.
_RUN = (
    r"\.(?:Run|Exec|ShellExecute)\s{0,3}\(?|"
    r"\bWin32_Process\b(?:(?!\bWin32_Process)[^\n]){0,80}?\.Create\b"
)
# Text that starts a Windows executable, as hex, byte lists, base64 or the letters themselves.
_MZ = (
    r"[\"'](?:4d5a(?:90|50|00|[0-9a-f]{2}00)|4d,5a,|77,90,|TVqQ|TVpQ|TVoA|TVro)|"
    r"[\"']MZ(?:[\"']\s{0,3}&|\x90)|\bChrB?\s{0,3}\(\s{0,3}77\s{0,3}\)\s{0,3}&\s{0,3}ChrB?\s{0,3}"
    r"\(\s{0,3}90\s{0,3}\)"
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="WSH-020",
        title="Downloads a file, saves it and runs it",
        severity=Severity.CRITICAL,
        attack=("T1105", "T1204.002"),
        any_of=(_FETCH,),
        all_of=(r"\.SaveToFile\b|\.ResponseBody\b", _RUN),
        languages=WSH_ANYWHERE,
        weight=40,
        tags=EXEC,
    ),
    Rule(
        id="WSH-021",
        title="Runs script text fetched over HTTP",
        severity=Severity.HIGH,
        attack=("T1105", "T1059.007", "T1059.005"),
        any_of=(r"\.responseText\b",),
        all_of=(_FETCH, r"\beval\s{0,3}\(|\bExecute(?:Global)?\b|\bnew\s{1,3}Function\s{0,3}\("),
        languages=WSH,
        weight=35,
        tags=EXEC,
    ),
    Rule(
        id="WSH-022",
        title="Drops an embedded Windows executable to disk",
        severity=Severity.CRITICAL,
        attack=("T1027.009", "T1105"),
        any_of=(_MZ,),
        all_of=(r"\b(?:CreateTextFile|SaveToFile|OpenTextFile|WriteText|Write)\b",),
        languages=WSH_ANYWHERE,
        weight=40,
        tags=EXEC,
    ),
    Rule(
        id="WSH-023",
        title="Runs a program it wrote to the temp folder",
        severity=Severity.HIGH,
        attack=("T1204.002",),
        any_of=(
            r"\bExpandEnvironmentStrings\s{0,3}\(\s{0,3}[\"']%(?:TEMP|TMP|APPDATA)%[^\"'\n]{0,40}[\"']"
            r"\s{0,3}\)(?:(?!\bExpandEnvironmentStrings\b)[^\n]){0,100}?\.(?:exe|scr|pif|com|cpl)[\"']",
            r"\bGetSpecialFolder\s{0,3}\(\s{0,3}2\s{0,3}\)(?:(?!\bGetSpecialFolder\b)[^\n]){0,100}?"
            r"\.(?:exe|scr|pif|com|cpl)[\"']",
            r"[\"']%(?:TEMP|TMP|APPDATA)%[\\/]{1,2}[^\"'\n]{1,60}\.(?:exe|scr|pif|com|cpl)[\"']",
        ),
        all_of=(_RUN, r"\b(?:SaveToFile|CreateTextFile|CopyFile|WriteText)\b"),
        languages=WSH_ANYWHERE,
        weight=30,
        tags=EXEC,
    ),
    Rule(
        id="WSH-024",
        title="Tries a list of download URLs in turn",
        severity=Severity.MEDIUM,
        attack=("T1105",),
        any_of=(
            r"\.open\s{0,3}\(?\s{0,3}[\"']GET[\"']\s{0,3},\s{0,3}[\w$]{1,40}+\s{0,3}\[\s{0,3}"
            r"[\w$]{1,40}+\s{0,3}\]",
        ),
        all_of=(r"\bfor\b",),
        languages=WSH,
        weight=20,
        tags=EXEC,
    ),
    Rule(
        id="WSH-025",
        title="Checks that a download is a Windows executable (MZ header)",
        severity=Severity.MEDIUM,
        attack=("T1105",),
        any_of=(
            r"\[\s{0,3}0\s{0,3}\]\s{0,3}!==?\s{0,3}77\b",
            r"\[\s{0,3}1\s{0,3}\]\s{0,3}!==?\s{0,3}90\b",
            r"\bAscB?\s{0,3}\(\s{0,3}MidB?\s{0,3}\((?:(?!\bAscB?\s{0,3}\()[^\n]){1,40}?,\s{0,3}1"
            r"\s{0,3},\s{0,3}1\s{0,3}\)\s{0,3}\)\s{0,3}<>\s{0,3}77\b",
        ),
        languages=WSH,
        weight=25,
        tags=EXEC,
    ),
    Rule(
        id="WSH-026",
        # HTA admin tools do this too; droppers show it alongside what they write and run.
        title="Web page script uses the local file system or shell",
        severity=Severity.MEDIUM,
        attack=("T1189", "T1059.005"),
        any_of=(r"<script\b(?:(?!<script\b)[^\n>]){0,80}?\b(?:vbscript|vbs|jscript|javascript)\b",),
        all_of=(
            r"\b(?:CreateObject|ActiveXObject)\s{0,3}\(\s{0,3}[\"'](?:Scripting\.FileSystemObject|"
            r"WScript\.Shell|ADODB\.Stream|Shell\.Application)[\"']",
        ),
        languages=WSH_ANYWHERE,
        weight=15,
        tags=EXEC,
    ),
    Rule(
        id="WSH-027",
        title="Web page instantiates an ActiveX object known for code-execution abuse",
        severity=Severity.CRITICAL,
        attack=("T1189", "T1203"),
        any_of=(
            r"\bcom\.ms\.activeX\.ActiveXComponent\b",
            r"\.SetClsId\s{0,3}\(",
            r"\bcodebase\s{0,3}=\s{0,3}[\"']?(?:file|https?|ftp):[^\s\"'>]{1,200}\.exe\b",
            # The HTML Help control's ShortCut command runs any program the page names.
            r"\bname\s{0,3}=\s{0,3}[\"']?Command[\"']?\s{1,3}value\s{0,3}=\s{0,3}[\"']?ShortCut\b",
            r"\bclsid:\s{0,3}(?:11111111-1111-1111-1111-111111111111|"
            r"D27CDB6E-AE6D-11CF-96B8-444553540000|6BF52A52-394A-11D3-B153-00C04F79FAA6)\b"
            r"(?:(?!\bclsid:)[^\n]){0,200}?\bcodebase\b",
        ),
        languages=WSH_ANYWHERE,
        weight=40,
        tags=EXEC,
    ),
    Rule(
        id="WSH-028",
        title="Checks that it runs under a real Windows Script Host before acting",
        severity=Severity.MEDIUM,
        attack=("T1497.001",),
        any_of=(
            r"\bWScript\.Path\b(?:(?!\bWScript\.Path\b)[^\n]){0,40}?\b(?:charAt|length|substr)\b",
            r"\bset(?:UTC)?FullYear\s{0,3}\(\s{0,3}[\"']?\d{4}[\"']?\s{0,3}\)",
            r"\bEnvironment\s{0,3}\(\s{0,3}[\"']SYSTEM[\"']\s{0,3}\)",
        ),
        all_of=(
            r"\bWScript\.Quit\b|\.Quit\s{0,3}\(|\bget(?:UTC)?(?:FullYear|Milliseconds|Seconds)\b",
            r"\bWScript\b|\bnew\s{1,3}Date\b",
        ),
        languages=WSH,
        weight=20,
        tags=EVADE,
    ),
    Rule(
        id="WSH-034",
        title="Creates Windows Script Host objects from JScript",
        severity=Severity.LOW,
        attack=("T1059.007",),
        any_of=(
            r"\b(?:WScript\.CreateObject|new\s{1,3}ActiveXObject)\s{0,3}\(\s{0,3}[\"'](?:WScript\."
            r"Shell|Shell\.Application|Scripting\.FileSystemObject|ADODB\.Stream)[\"']",
        ),
        languages=JS,
        weight=10,
        tags=EXEC,
    ),
    Rule(
        id="WSH-035",
        title="Writes a file with ADODB.Stream and runs it hidden",
        severity=Severity.HIGH,
        attack=("T1564.003", "T1204.002"),
        any_of=(
            r"\.(?:Run|ShellExecute)\b(?:(?!\.(?:Run|ShellExecute)\b)[^\n]){1,200}?,\s{0,3}"
            r"(?:0|false|[\"']open[\"']\s{0,3},\s{0,3}0)\s{0,3}(?:,\s{0,3}\w{1,6}\s{0,3})?\)?\s{0,3}"
            r";?\s{0,3}$",
        ),
        all_of=(r"\bADODB\.Stream\b", r"\.SaveToFile\b"),
        languages=WSH_ANYWHERE,
        weight=25,
        tags=EXEC,
    ),
    Rule(
        id="WSH-036",
        title="Writes a program byte by byte with Chr() and runs it",
        severity=Severity.HIGH,
        attack=("T1027.009", "T1204.002"),
        any_of=(r"\.Write\s{0,3}\(?\s{0,3}ChrB?W?\s{0,3}\(",),
        all_of=(
            r"\bCreateTextFile\b|\bOpenTextFile\b",
            r"\.(?:exe|scr|pif|com)\b",
            r"\.(?:Run|Exec|ShellExecute)\b",
        ),
        languages=WSH_ANYWHERE,
        weight=35,
        tags=EXEC,
    ),
    Rule(
        id="WSH-037",
        title="Carries a Windows executable as hex or a byte list",
        severity=Severity.HIGH,
        attack=("T1027.009",),
        any_of=(
            r"[\"'](?:4d5a90000300000004000000ffff|4d,5a,90,0,3,0,0,0,4,0|77,90,144,0,3,0,0,0,4,0)",
            r"[\"']TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQ",
        ),
        languages=WSH_ANYWHERE,
        weight=30,
        tags=EXEC,
    ),
    Rule(
        id="WSH-038",
        title="Writes over a Windows system program",
        severity=Severity.HIGH,
        attack=("T1036.005",),
        any_of=(
            r"\b(?:SaveToFile|CopyFile|CreateTextFile)\b(?:(?!\b(?:SaveToFile|CopyFile|"
            r"CreateTextFile)\b)[^\n]){0,120}?[a-z]:\\{1,2}(?:windows|winnt)\\{1,2}(?:system32"
            r"\\{1,2})?(?:notepad|explorer|calc|regedit|taskmgr|svchost|winlogon|userinit|"
            r"rundll32|cmd)\.exe\b",
            r"^\s{0,20}\w{1,40}\s{0,3}=\s{0,3}[\"'][a-z]:\\(?:windows|winnt)\\(?:system32\\)?"
            r"(?:notepad|explorer|calc|regedit|taskmgr|svchost|winlogon|userinit)\.exe\s{0,3}[\"']",
        ),
        all_of=(r"\.SaveToFile\b|\bCopyFile\b|\bCreateTextFile\b",),
        languages=WSH_ANYWHERE,
        weight=35,
        tags=EXEC,
    ),
    Rule(
        id="WSH-040",
        title="Fetches content through a hidden Internet Explorer and runs it",
        severity=Severity.HIGH,
        attack=("T1105", "T1059.005"),
        any_of=(r"\bInternetExplorer\.Application\b",),
        all_of=(
            r"\.Navigate2?\b",
            r"\.Visible\s{0,3}=\s{0,3}(?:false|0)\b",
            r"(?<![\w.])(?:Execute(?:Global)?|eval)\b|\.SaveToFile\b|\.Run\b",
        ),
        languages=WSH,
        weight=35,
        tags=EXEC,
    ),
    Rule(
        id="WSH-041",
        title="Writes a script file and registers it to run at logon",
        severity=Severity.HIGH,
        attack=("T1547.001",),
        any_of=(
            r"\\CurrentVersion\\{1,2}Run(?:Once)?\\{1,2}(?:(?!\\CurrentVersion)[^\n]){0,160}?"
            r"\.(?:vbs|vbe|js|jse|wsf|hta)\b",
        ),
        all_of=(
            r"\bCreateTextFile\s{0,3}\(?(?:(?!\bCreateTextFile)[^\n]){0,120}?\.(?:vbs|vbe|js|jse|wsf|hta)\b",
        ),
        languages=WSH_ANYWHERE,
        weight=30,
        tags=frozenset({"persistence"}),
    ),
)
