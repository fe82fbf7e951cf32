"""Execution rules: download cradles and code run from memory.

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
# Windows Script Host COM code (and PowerShell, which reaches the same objects).
WSH = frozenset({Lang.VBSCRIPT, Lang.JAVASCRIPT, Lang.POWERSHELL})
PYTHON = frozenset({Lang.PYTHON, Lang.BASH})
JS = frozenset({Lang.JAVASCRIPT})
VBS = frozenset({Lang.VBSCRIPT})
TAGS = frozenset({"execution"})

# Commands that fetch a URL, as they appear in PowerShell.
_PS_FETCH = r"(?:DownloadString|DownloadData|Invoke-WebRequest|Invoke-RestMethod|iwr|irm)"

RULES: tuple[Rule, ...] = (
    Rule(
        id="EXE-001",
        title="Downloads with System.Net.WebClient",
        severity=Severity.LOW,
        attack=("T1105", "T1059.001"),
        any_of=(r"\.Download(?:String|File|Data)(?:Async|TaskAsync)?\s{0,3}\(",),
        all_of=(r"\bNet\.WebClient\b",),
        languages=PS_HOSTS,
        weight=6,
        tags=TAGS,
    ),
    Rule(
        id="EXE-002",
        title="Runs downloaded text with Invoke-Expression (download cradle)",
        severity=Severity.HIGH,
        attack=("T1059.001", "T1105"),
        any_of=(
            r"\b(?:iex|Invoke-Expression)\b(?:(?!\b(?:iex|Invoke-Expression)\b)[^\n]){0,60}?"
            + _PS_FETCH
            + r"\b",
            r"\b"
            + _PS_FETCH
            + r"\b(?:(?!\b(?:DownloadString|DownloadData|Invoke-WebRequest|Invoke-RestMethod|iwr"
            r"|irm)\b)[^\n|]){0,200}\|\s{0,3}(?:iex|Invoke-Expression)\b",
        ),
        languages=PS_HOSTS,
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="EXE-003",
        title="Downloads a file with Invoke-WebRequest / Invoke-RestMethod",
        severity=Severity.LOW,
        attack=("T1105",),
        any_of=(
            r"\b(?:Invoke-WebRequest|Invoke-RestMethod|iwr|irm)\b(?:(?!\b(?:Invoke-WebRequest|"
            r"Invoke-RestMethod|iwr|irm)\b)[^\n]){0,200}\s-OutFile\b",
        ),
        languages=PS_HOSTS,
        weight=3,
        tags=TAGS,
    ),
    Rule(
        id="EXE-004",
        title="Downloads a file with Start-BitsTransfer",
        severity=Severity.LOW,
        attack=("T1197", "T1105"),
        any_of=(r"\bStart-BitsTransfer\b",),
        languages=PS_HOSTS,
        weight=6,
        tags=TAGS,
    ),
    Rule(
        id="EXE-005",
        title="Pipes a download straight into a shell or interpreter",
        severity=Severity.LOW,
        attack=("T1059.004", "T1105"),
        any_of=(
            r"\b(?:curl|wget)\b(?:(?!\b(?:curl|wget)\b)[^\n|]){0,300}\|\s{0,3}(?:sudo\s{1,3}"
            r"(?:-\w{1,10}\s{1,3}){0,3})?(?:/usr/bin/|/bin/)?(?:ba|z|da|k)?sh\b",
            r"\b(?:curl|wget)\b(?:(?!\b(?:curl|wget)\b)[^\n|]){0,300}\|\s{0,3}(?:sudo\s{1,3})?"
            r"(?:python[23]?|perl|ruby|php)\b",
            r"\b(?:ba|z)?sh\s{1,3}-c\s{1,3}[\"']?\$\(\s{0,3}(?:curl|wget)\b",
            r"\b(?:ba|z)?sh\s{1,3}<\(\s{0,3}(?:curl|wget)\b",
            r"\beval\s{1,3}[\"']?\$\(\s{0,3}(?:curl|wget)\b",
        ),
        weight=8,
        tags=TAGS,
    ),
    Rule(
        id="EXE-006",
        title="Downloads into a temporary directory and makes the file executable",
        severity=Severity.MEDIUM,
        attack=("T1105", "T1059.004"),
        any_of=(
            r"\bcd\s{1,3}[\"']?(?:/tmp|/dev/shm|/var/tmp|/run/shm)\b(?:(?!\bcd\s{1,3}[\"']?"
            r"(?:/tmp|/dev/shm|/var/tmp|/run/shm)\b)[^\n]){0,120}\b(?:wget|curl|tftp|ftpget)\b",
            r"\b(?:wget|curl)\b(?:(?!\b(?:wget|curl)\b)[^\n]){0,200}\s(?:-O|-o|--output|"
            r"--output-document)(?:\s{1,3}|=)[\"']?(?:/tmp|/dev/shm|/var/tmp|/run/shm)/",
        ),
        all_of=(r"\bchmod\s{1,3}(?:-\w{1,3}\s{1,3})?(?:[0-7]{3,4}|[ugoa]{0,3}\+[rw]{0,2}x)\b",),
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="EXE-007",
        title="Downloads with XMLHTTP / WinHttpRequest and writes the file with ADODB.Stream",
        severity=Severity.HIGH,
        attack=("T1105", "T1059.005", "T1059.007"),
        any_of=(
            r"\b(?:Msxml2|Microsoft)\.(?:Server)?XMLHTTP\b",
            r"\bWinHttp\.WinHttpRequest\b",
        ),
        all_of=(r"\bADODB\.Stream\b", r"\.SaveToFile\b"),
        languages=WSH,
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="EXE-008",
        title="Python runs code fetched from the network",
        severity=Severity.HIGH,
        attack=("T1059.006", "T1105"),
        any_of=(
            r"\b(?:exec|eval)\s{0,3}\((?:(?!\b(?:exec|eval)\s{0,3}\()[^\n]){0,120}?\b(?:urlopen|"
            r"requests\.get|urlretrieve)\s{0,3}\(",
            r"\b(?:exec|eval)\s{0,3}\(\s{0,3}\w{1,40}\.(?:text|content)\b",
            r"\b(?:exec|eval)\s{0,3}\(\s{0,3}\w{1,40}\.read\(\)",
        ),
        all_of=(r"\b(?:urllib|requests|urlopen|http\.client)\b",),
        languages=PYTHON,
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="EXE-009",
        title="Loads a .NET assembly from memory (Reflection.Assembly::Load)",
        severity=Severity.MEDIUM,
        attack=("T1620",),
        any_of=(
            r"\[(?:System\.)?Reflection\.Assembly\]::Load\s{0,3}\(",
            r"\[(?:System\.)?AppDomain\]::CurrentDomain\.Load\s{0,3}\(",
        ),
        languages=PS_HOSTS,
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="EXE-010",
        title="Loads a .NET assembly straight from base64 text",
        severity=Severity.CRITICAL,
        attack=("T1620", "T1140"),
        any_of=(
            r"::Load\s{0,3}\(\s{0,3}\[(?:System\.)?Convert\]::FromBase64String\b",
            r"::Load\s{0,3}\(\s{0,3}\(\s{0,3}\[(?:System\.)?Convert\]::FromBase64String\b",
        ),
        languages=PS_HOSTS,
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="EXE-011",
        title="Allocates memory and starts a thread in it (shellcode runner)",
        severity=Severity.CRITICAL,
        attack=("T1106", "T1055"),
        any_of=(
            r"\b(?:CreateThread|CreateRemoteThread|NtCreateThreadEx|QueueUserAPC|"
            r"RtlCreateUserThread)\b",
            r"\b(?:RtlMoveMemory|WriteProcessMemory)\b",
            r"\bMarshal\]::Copy\s{0,3}\(",
            r"\bEnumSystemLocalesA?\b|\bCallWindowProcA?\b",
        ),
        all_of=(r"\bVirtualAlloc(?:Ex)?\b",),
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="EXE-012",
        title="Python calls Windows memory APIs through ctypes (shellcode loader)",
        severity=Severity.CRITICAL,
        attack=("T1106", "T1055", "T1059.006"),
        any_of=(
            r"\bctypes\.(?:windll|WinDLL|cdll|oledll)\b(?:(?!\bctypes\.(?:windll|WinDLL|cdll|"
            r"oledll)\b)[^\n]){0,60}?\b(?:VirtualAlloc(?:Ex)?|VirtualProtect|RtlMoveMemory|"
            r"CreateThread|CreateRemoteThread)\b",
            r"\bkernel32\.(?:VirtualAlloc(?:Ex)?|VirtualProtect|RtlMoveMemory|CreateThread)\b",
            r"\bmmap\.mmap\s{0,3}\((?:(?!\bmmap\.mmap\s{0,3}\()[^\n]){0,120}?\bPROT_EXEC\b",
        ),
        all_of=(r"\bctypes\b",),
        languages=PYTHON,
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="EXE-013",
        title="Compiles code that imports kernel32 functions (Add-Type with DllImport)",
        severity=Severity.MEDIUM,
        attack=("T1106",),
        any_of=(r"\bDllImport\s{0,3}\(\s{0,3}[\"']kernel32(?:\.dll)?[\"']",),
        all_of=(r"\bAdd-Type\b",),
        languages=PS_HOSTS,
        weight=12,
        tags=TAGS,
    ),
    Rule(
        id="EXE-014",
        title="Resolves Win32 functions at run time (GetProcAddress + delegate)",
        severity=Severity.HIGH,
        attack=("T1106", "T1620"),
        any_of=(r"\bGetDelegateForFunctionPointer\b",),
        all_of=(r"\bGetProcAddress\b",),
        languages=PS_HOSTS,
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="EXE-015",
        title="JavaScript evaluates text fetched from the network",
        severity=Severity.HIGH,
        attack=("T1059.007", "T1105"),
        any_of=(
            r"\beval\s{0,3}\((?:(?!\beval\s{0,3}\()[^\n)]){0,80}?\.(?:responseText|ResponseBody)\b",
            r"\bnew\s{1,3}Function\s{0,3}\((?:"
            r"(?!\bnew\s{1,3}Function\s{0,3}\()[^\n)]){0,80}?\.responseText\b",
            r"\.then\s{0,3}\(\s{0,3}eval\s{0,3}\)",
            r"\.then\s{0,3}\(\s{0,3}\(?\s{0,3}\w{1,20}\s{0,3}\)?\s{0,3}=>\s{0,3}eval\s{0,3}\(",
        ),
        languages=JS,
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="EXE-016",
        title="VBScript executes text fetched from the network",
        severity=Severity.HIGH,
        attack=("T1059.005", "T1105"),
        # Literal first, context in a short look-behind: the search skips ahead on the literal.
        any_of=(
            r"\.responseText\b(?<=\b(?:Execute|ExecuteGlobal|Eval)[\s(]{1,6}[\w.]{0,40}\.responseText)",
        ),
        languages=VBS,
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="EXE-017",
        title="Script host starts a shell or script interpreter",
        severity=Severity.MEDIUM,
        attack=("T1059.005", "T1059.007", "T1059.003"),
        any_of=(
            r"\.(?:Run|Exec)\s{0,3}\(?\s{0,3}[\"']\s{0,3}(?:cmd|powershell|pwsh|mshta|wscript|"
            r"cscript|rundll32|regsvr32)(?:\.exe)?\b",
            r"\.ShellExecute\s{0,3}\(?\s{0,3}[\"'](?:cmd|powershell|pwsh|mshta|wscript|cscript|"
            r"rundll32|regsvr32)(?:\.exe)?[\"']",
        ),
        languages=frozenset({Lang.VBSCRIPT, Lang.JAVASCRIPT}),
        weight=10,
        tags=TAGS,
    ),
    Rule(
        id="EXE-018",
        title="Creates a process through WMI Win32_Process",
        severity=Severity.MEDIUM,
        attack=("T1047",),
        any_of=(
            r"\bWin32_Process\b[\"']?\s{0,3}\)?\s{0,3}\.Create\s{0,3}\(",
            r"\bWin32_Process\b(?:(?!\bWin32_Process)[^\n]){0,120}?-(?:Name|"
            r"MethodName)\s{1,3}[\"']?Create\b",
            r"\bGet\s{0,3}\(\s{0,3}[\"']Win32_Process[\"']\s{0,3}\)",
        ),
        languages=WSH,
        weight=12,
        tags=TAGS,
    ),
    Rule(
        id="EXE-019",
        title="Deserializes a .NET object from script (DotNetToJScript-style loader)",
        severity=Severity.CRITICAL,
        attack=("T1620", "T1059.007", "T1059.005"),
        any_of=(r"\bSystem\.Runtime\.Serialization\.Formatters\.Binary\.BinaryFormatter\b",),
        all_of=(r"\b(?:Deserialize_2|DynamicInvoke)\b",),
        languages=frozenset({Lang.VBSCRIPT, Lang.JAVASCRIPT}),
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="EXE-020",
        title="Node.js spawns a shell with code passed on the command line",
        severity=Severity.MEDIUM,
        attack=("T1059.007", "T1059.004"),
        any_of=(
            r"\b(?:exec|execSync|spawn|spawnSync)\s{0,3}\(\s{0,3}[\"'`](?:powershell|pwsh|cmd)"
            r"(?:\.exe)?\s{1,3}(?:-\w{1,20}\s{1,3}){0,4}[-/](?:c|e|enc|EncodedCommand|command)\b",
            r"\b(?:exec|execSync)\s{0,3}\(\s{0,3}[\"'`](?:curl|wget)\b(?:(?!\b(?:exec|"
            r"execSync)\s{0,3}\(\s{0,3}[\"'`](?:curl|wget)\b)[^\n]){0,200}\|\s{0,3}(?:ba)?sh\b",
        ),
        all_of=(r"\bchild_process\b",),
        languages=JS,
        weight=15,
        tags=TAGS,
    ),
)
