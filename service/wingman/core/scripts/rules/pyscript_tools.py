"""Rules for Python attack tools: exploit-tool markers, web attacks, scanners, stealers, builders.

Rule ids are `PYS-NNN` (merged into pyscript.py). Patterns run with IGNORECASE | MULTILINE;
every gap is bounded and stops at the next occurrence of the pattern's leading token.
"""

from __future__ import annotations

from wingman.core.models import Severity
from wingman.core.scripts.rules.engine import Rule
from wingman.core.scripts.types import Lang

PY = frozenset({Lang.PYTHON})
TAGS = frozenset({"python", "attack-tool"})

# The script talks to other machines.
_NETWORK = (
    r"\b(?:socket|urllib\d?|urlopen|URLopener|httplib\d?|http\.client|requests|httpx|impacket"
    r"|scapy|telnetlib|paramiko|ftplib|smtplib|mechanize)\b"
)
# Text inside a string literal, up to the word that follows.
_IN_STRING = r"[\"'](?:(?![\"'])[^\n]){0,80}?"
# Factory passwords of phones, boards, routers and DVRs, which bots and stealers try first.
_DEFAULT_PASSWORDS = r"(?:alpine|raspberry|toor|ubnt|vizxv|xc3511|7ujMko0admin|888888|666666)"

RULES: tuple[Rule, ...] = (
    Rule(
        id="PYS-010",
        title="Calls itself an exploit or proof of concept in its output",
        severity=Severity.MEDIUM,
        attack=("T1587.004",),
        any_of=(_IN_STRING + r"\b(?:exploit(?:ed|ing|s)?|proof[ -]of[ -]concept|PoC)\b",),
        all_of=(_NETWORK,),
        languages=PY,
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="PYS-011",
        title="Names an attack technique in its output (SQL injection, overflow, root shell)",
        severity=Severity.MEDIUM,
        attack=("T1587.004",),
        any_of=(
            _IN_STRING + r"\b(?:sql[ _-]?injection|buffer overflow|heap overflow|remote (?:code"
            r"|command) execution|command injection|directory traversal|path traversal|format"
            r" string (?:bug|vuln\w{0,6}|exploit)|privilege escalation|local root|root ?shell"
            r"|shellcode|backdoor|bind ?shell|reverse shell)\b",
        ),
        all_of=(_NETWORK,),
        languages=PY,
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="PYS-012",
        title="Reports whether a target is vulnerable",
        severity=Severity.MEDIUM,
        attack=("T1595.002",),
        any_of=(_IN_STRING + r"\bvulnerab(?:le|ility)\b",),
        all_of=(_NETWORK,),
        languages=PY,
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="PYS-013",
        title="Sends SQL injection payloads to a web application",
        severity=Severity.HIGH,
        attack=("T1190",),
        any_of=(
            r"[\"'](?:(?![\"'])[^\n]){0,120}?(?:\bunion\s{1,3}(?:all\s{1,3})?select\b"
            r"|\bor\s{1,3}[\"']?1[\"']?\s{0,3}=\s{0,3}[\"']?1\b|\binformation_schema\."
            r"|\b(?:benchmark|pg_sleep)\s{0,3}\(|\bwaitfor\s{1,3}delay\b|\binto\s{1,3}outfile\b)",
        ),
        all_of=(r"\b(?:urllib\d?|urlopen|URLopener|httplib\d?|http\.client|requests|httpx)\b",),
        languages=PY,
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="PYS-014",
        title="Sweeps a subnet by connecting to every address in turn",
        severity=Severity.MEDIUM,
        attack=("T1046",),
        any_of=(
            r"\brange\s{0,3}\(\s{0,3}(?:[01]\s{0,3},\s{0,3})?25[456]\s{0,3}\)",
            r"\bwhile\s{1,3}\w{1,30}\s{0,3}<=?\s{0,3}25[456]\b",
            r"[\"']\d{1,3}\.\d{1,3}\.\d{1,3}\.[\"']\s{0,3}\+\s{0,3}str\s{0,3}\(",
        ),
        all_of=(r"\.connect(?:_ex)?\s{0,3}\(", r"\bsocket\b"),
        languages=PY,
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="PYS-015",
        title="Logs in to devices with factory-default passwords",
        severity=Severity.MEDIUM,
        attack=("T1078.001", "T1110.001"),
        any_of=(
            r"\bpassw(?:or)?d\s{0,3}=\s{0,3}[\"']" + _DEFAULT_PASSWORDS + r"[\"']",
            r"[\"']root[\"']\s{0,3}[,:]\s{0,3}[\"']" + _DEFAULT_PASSWORDS + r"[\"']",
        ),
        all_of=(r"\b(?:paramiko|telnetlib|pexpect|pxssh|ftplib|SSHClient|socket)\b",),
        languages=PY,
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="PYS-016",
        title="Copies phone message, call or contact databases",
        severity=Severity.MEDIUM,
        attack=("T1005",),
        any_of=(
            r"\b(?:sms\.db|AddressBook\.sqlitedb|call_history\.db|CallHistory\.storedata"
            r"|mmssms\.db|contacts2\.db|calllog\.db)\b",
        ),
        languages=PY,
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="PYS-017",
        title="Patches a copy of a Windows executable in place (malware builder)",
        severity=Severity.HIGH,
        attack=("T1587.001",),
        any_of=(
            r"\b(?:shutil\.)?copy(?:file|2|fileobj)?\s{0,3}\((?:(?!\bcopy)[^\n]){0,160}?\.exe[\"']",
        ),
        all_of=(
            r"\bopen\s{0,3}\((?:(?!\bopen\s{0,3}\()[^\n]){0,80}?[\"'](?:r\+b|rb\+|ab\+?|r\+|wb\+"
            r"|a\+b)[\"']",
            r"\.seek\s{0,3}\(",
            r"\.write\s{0,3}\(",
        ),
        languages=PY,
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="PYS-018",
        title="Floods a host with random datagrams in an endless loop",
        severity=Severity.HIGH,
        attack=("T1498.001",),
        any_of=(
            r"\b(?:random\._urandom|os\.urandom|randbytes)\s{0,3}\(\s{0,3}\d{3,5}\s{0,3}\)",
            r"\bbytes\s{0,3}\(\s{0,3}\d{3,5}\s{0,3}\)",
        ),
        all_of=(r"\bwhile\s{1,3}(?:True|1)\s{0,3}:", r"\.sendto\s{0,3}\("),
        languages=PY,
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="PYS-019",
        title="Tries the passwords of a word list against a login",
        severity=Severity.MEDIUM,
        attack=("T1110.001",),
        any_of=(
            r"\bfor\s{1,3}\w{1,30}\s{1,3}in\s{1,3}(?:open\s{0,3}\(|[\w.]{0,20}(?:pass|word|dict|combo)"
            r"\w{0,20}\b)",
        ),
        all_of=(
            r"\b(?:ftplib|smtplib|poplib|imaplib|paramiko|telnetlib|pxssh|pexpect|mechanize)\b",
            r"\.login\s{0,3}\(|\bpassword\s{0,3}=\s{0,3}\w",
        ),
        languages=PY,
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="PYS-020",
        title="Builds an exploit with pwntools",
        severity=Severity.MEDIUM,
        attack=("T1587.004",),
        any_of=(
            r"\b(?:p32|p64|flat|cyclic|asm|remote|ROP)\s{0,3}\(",
            r"\bshellcraft\.",
        ),
        all_of=(r"\bfrom\s{1,3}pwn\s{1,3}import\b|\bimport\s{1,3}pwn\b",),
        languages=PY,
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="PYS-021",
        title="Sends forged TCP SYN probes with scapy (port scan)",
        severity=Severity.MEDIUM,
        attack=("T1046",),
        any_of=(
            r"\bTCP\s{0,3}\((?:(?!\bTCP\s{0,3}\()[^\n]){0,80}?flags\s{0,3}=\s{0,3}[\"']S[\"']",
        ),
        all_of=(r"\bscapy\b", r"\b(?:sr1?|srp1?|send|sendp)\s{0,3}\("),
        languages=PY,
        weight=20,
        tags=TAGS,
    ),
)
