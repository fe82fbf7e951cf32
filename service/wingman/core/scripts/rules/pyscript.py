"""Rules for Python malware and attack tools: exploits, shellcode launchers, backdoors.

Rule ids are `PYS-NNN`. Patterns run with IGNORECASE | MULTILINE; every gap is bounded and
stops at the next occurrence of the pattern's leading token (see execution.py). Scanners,
stealers and exploit-tool markers live in pyscript_tools.py and are merged in here.
"""

from __future__ import annotations

from wingman.core.models import Severity
from wingman.core.scripts.rules.engine import Rule
from wingman.core.scripts.rules.pyscript_tools import RULES as TOOL_RULES
from wingman.core.scripts.rules.unix_exploits import SHELLCODE
from wingman.core.scripts.types import Lang

PY = frozenset({Lang.PYTHON})
TAGS = frozenset({"python", "exploit"})

# The script's own source file.
_SELF_OPEN = (
    r"\b(?:open|file|io\.open|codecs\.open)\s{0,3}\(\s{0,3}(?:sys\.argv\s{0,3}\[\s{0,3}0\s{0,3}\]"
    r"|__file__|os\.path\.abspath\s{0,3}\(\s{0,3}__file__\s{0,3}\))\s{0,3}[,)]"
)
# Ways to list the Python files of a folder or a tree.
_PY_HOSTS = (
    r"\bglob\b(?:(?!\bglob\b)[^\n]){0,60}?[\"'][^\"'\n]{0,40}\*\.pyw?[\"']",
    r"\.endswith\s{0,3}\(\s{0,3}\(?\s{0,3}[\"']\.pyw?[\"']",
    r"[\"']\.?py[\"']\s{0,3},\s{0,3}[\"']\.?pyw[\"']",
    r"\bfnmatch\b(?:(?!\bfnmatch\b)[^\n]){0,60}?[\"']\*\.pyw?[\"']",
    r"\[\s{0,3}-3\s{0,3}:\s{0,3}\]\s{0,3}==\s{0,3}[\"']\.py[\"']",
)
# A single character (or escaped byte) repeated hundreds of times: overflow padding.
_PADDING = (
    r"[\"'](?:[A-Za-z]|\\x[0-9a-f]{2})[\"']\s{0,3}\*\s{0,3}(?:\d{3,}|0x[0-9a-f]{2,})\b",
    r"\b(?:\d{3,}|0x[0-9a-f]{2,})\s{0,3}\*\s{0,3}[\"'](?:[A-Za-z]|\\x[0-9a-f]{2})[\"']",
)
# A 32/64-bit address packed little- or big-endian: a return address or pointer overwrite.
_PACKED_ADDRESS = (
    r"\b(?:struct\.)?pack\s{0,3}\(\s{0,3}[\"'][<>!@=]?[LIQ][\"']\s{0,3},\s{0,3}0x[0-9a-f]{6,16}\b"
)

_EXPLOIT_RULES: tuple[Rule, ...] = (
    Rule(
        id="PYS-001",
        title="Carries shellcode (NOP sled, GetPC stub, /bin/sh syscall bytes)",
        severity=Severity.CRITICAL,
        attack=("T1587.004", "T1203"),
        any_of=SHELLCODE,
        languages=PY,
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="PYS-002",
        title="Builds an overflow buffer: long padding plus a packed return address",
        severity=Severity.HIGH,
        attack=("T1587.004",),
        any_of=_PADDING,
        all_of=(_PACKED_ADDRESS,),
        languages=PY,
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="PYS-003",
        title="Sends shellcode or overflow padding to a remote service",
        severity=Severity.HIGH,
        attack=("T1210",),
        any_of=(*SHELLCODE, *_PADDING),
        all_of=(
            r"\.(?:connect|bind|call|sendto|sendp|send)\s{0,3}\(",
            r"\b(?:socket|impacket|scapy|dcerpc|telnetlib|httplib|http\.client|urllib\d?)\b",
        ),
        languages=PY,
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="PYS-004",
        title="Runs commands received over a socket and sends back the output (backdoor)",
        severity=Severity.HIGH,
        attack=("T1059.006", "T1095"),
        any_of=(
            r"\b(?:os\.popen|subprocess\.(?:check_output|getoutput|getstatusoutput|Popen|run|call)"
            r"|commands\.getoutput)\s{0,3}\(\s{0,3}\w{1,30}(?:\.decode\s{0,3}\([^)\n]{0,20}\)|\.strip"
            r"\s{0,3}\(\s{0,3}\)|\[[^\]\n]{0,10}\]){0,2}\s{0,3}[,)]",
        ),
        all_of=(r"\.recv\s{0,3}\(", r"\.send(?:all)?\s{0,3}\(", r"\bsocket\b"),
        languages=PY,
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="PYS-005",
        title="Reads its own source and writes it into other Python files (virus)",
        severity=Severity.CRITICAL,
        attack=("T1080", "T1059.006"),
        any_of=_PY_HOSTS,
        all_of=(_SELF_OPEN, r"\.write(?:lines)?\s{0,3}\("),
        languages=PY,
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="PYS-006",
        title="Downloads a file and runs it",
        severity=Severity.MEDIUM,
        attack=("T1105", "T1204.002"),
        any_of=(
            r"\burlretrieve\s{0,3}\(",
            r"\.write\s{0,3}\(\s{0,3}\w{1,30}\.(?:content|read\s{0,3}\(\s{0,3}\))",
            r"\bwget\.download\s{0,3}\(",
        ),
        all_of=(
            r"\b(?:os\.startfile|os\.system|subprocess\.(?:Popen|call|run)|os\.exec\w{1,3}"
            r"|os\.spawn\w{1,3}|os\.chmod)\s{0,3}\(",
            r"\b(?:urllib\d?|urlopen|urlretrieve|requests|httpx|wget)\b",
        ),
        languages=PY,
        weight=20,
        tags=TAGS,
    ),
)

# Where droppers put what they fetch: temporary, hidden or per-user folders, or an .exe name.
_DROP_PATHS = (
    r"[\"'](?:/tmp|/var/tmp|/dev/shm)/",
    r"\b(?:gettempdir|mkstemp|mkdtemp)\s{0,3}\(",
    r"(?:%(?:TEMP|TMP|APPDATA)%|\bAPPDATA\b|\\AppData\\)",
    r"[\"'][^\"'\n]{0,80}\.(?:exe|scr|bin|elf)[\"']",
    r"\bos\.chmod\s{0,3}\((?:(?!\bos\.chmod\b)[^\n]){0,80}?(?:0o?[0-7]?[157][0-7]{2}\b|S_IX|S_IEXEC"
    r"|\b(?:493|511|448)\b)",
)

_DROPPER_RULES: tuple[Rule, ...] = (
    Rule(
        id="PYS-007",
        title="Downloads a program to a temporary or hidden place and runs it (dropper)",
        severity=Severity.HIGH,
        attack=("T1105", "T1204.002"),
        any_of=_DROP_PATHS,
        all_of=(
            r"\b(?:urlretrieve|urlopen|requests\.get|httpx\.get|wget\.download)\s{0,3}\(",
            r"\b(?:os\.startfile|os\.system|subprocess\.(?:Popen|call|run|check_call)|os\.exec\w{1,3}"
            r"|os\.spawn\w{1,3}|os\.popen)\s{0,3}\(",
        ),
        languages=PY,
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="PYS-008",
        title="Hooks the keyboard and stores or sends what is typed (keylogger)",
        severity=Severity.HIGH,
        attack=("T1056.001",),
        any_of=(
            # What the hook hands its callback (the key or event) written or logged somewhere.
            r"\.write\s{0,3}\((?:(?!\.write\b)[^\n]){0,60}?\b(?:key|event)\b",
            r"\blogging\.\w{1,10}\s{0,3}\((?:(?!\blogging\.)[^\n]){0,60}?\b(?:key|event)\b",
            r"\b(?:requests\.post|smtplib|sendall|sendmail)\b",
        ),
        all_of=(
            r"\b(?:pynput|pyHook|pyxhook|keyboard\.(?:on_press|on_release|hook|record)"
            r"|GetAsyncKeyState|SetWindowsHookEx)\b",
            r"\b(?:on_press|on_release|KeyDown|OnKeyboardEvent|HookKeyboard|hook|GetAsyncKeyState)\b",
        ),
        languages=PY,
        weight=25,
        tags=TAGS,
    ),
)

RULES: tuple[Rule, ...] = _EXPLOIT_RULES + _DROPPER_RULES + TOOL_RULES
