"""Rules for Unix attack scripts: exploit launchers, root-shell builders, scanners, bots, floods.

Rule ids are `UNX-NNN` (merged into unix.py). Patterns run with IGNORECASE | MULTILINE; every
gap is bounded and stops at the next occurrence of the pattern's leading token.
"""

from __future__ import annotations

from wingman.core.models import Severity
from wingman.core.scripts.rules.engine import Rule
from wingman.core.scripts.types import Lang

SH = frozenset({Lang.BASH})
SH_PY = frozenset({Lang.BASH, Lang.PYTHON})
TAGS = frozenset({"unix", "exploit"})

# Machine code spelled as escaped bytes: what shellcode looks like in any script language.
SHELLCODE: tuple[str, ...] = (
    # A NOP sled, written out or repeated ("\x90" * 200, perl's "\x90" x 200).
    r"(?:\\x90){8,}",
    r"[\"']\\x90[\"']\s{0,3}(?:\*|x)\s{0,3}(?:\d{2,}|0x[0-9a-f]{2,})",
    # GetPC stubs: fnstenv [esp-0xc], and call with a negative displacement (jmp/call/pop).
    r"\\xd9\\x74\\x24\\xf4",
    r"\\xe8\\x[0-9a-f]{2}\\xff\\xff\\xff",
    # Pushing "//sh" and "/bin", and a zeroed register followed by int 0x80.
    r"\\x68\\x2f\\x2f\\x73\\x68",
    r"\\x2f\\x62\\x69\\x6e",
    r"\\x31\\x(?:c0|db|c9|d2)(?:(?!\\x31\\x(?:c0|db|c9|d2))[^\n]){0,400}?\\xcd\\x80",
    # Unicode-escaped sleds of IIS-era overflows.
    r"%u9090%u9090",
)
# A local program run against a target held in a variable.
_LOCAL_RUN = r"\./[\w.-]{1,40}+\s{1,3}[\"']?\$\{?\w{1,30}+\}?[\"']?"
_FETCH = r"\b(?:wget|curl|tftp|ftpget)\b"


def _fetches(arch: str) -> str:
    """A download whose file name carries one CPU architecture (IoT bot builds).

    The architecture comes first and the command is checked behind it: alternatives with no
    common literal make a forward search from every download command slow.
    """
    token = r"(?<=[\w/.-])(?:" + arch + r")(?![a-z])"
    # Looking back stops at an earlier token too, so a run of tokens stays linear.
    gap = r"(?:(?!\b(?:wget|curl|tftp|ftpget)\b|" + token + r")[^\n]){0,220}"
    return token + r"(?<=" + _FETCH + gap + token + r")"


RULES: tuple[Rule, ...] = (
    Rule(
        id="UNX-020",
        title="Carries shellcode (NOP sled, GetPC stub, /bin/sh syscall bytes)",
        severity=Severity.CRITICAL,
        attack=("T1587.004", "T1203"),
        any_of=SHELLCODE,
        languages=SH,
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="UNX-021",
        title="Builds an overflow buffer with a perl or python one-liner",
        severity=Severity.MEDIUM,
        attack=("T1587.004",),
        any_of=(
            r"\b(?:perl|python[23]?|ruby)\s{1,3}-[ec]\s{1,3}[\"']{1,2}(?:(?!\bprint\b)[^\n]){0,10}?"
            r"\bprint\b(?:(?!\bprint\b)[^\n]){0,20}?[\"'](?:\\x[0-9a-f]{2}|[A-Za-z])[\"']\s{0,3}"
            r"(?:x|\*)\s{0,3}\d{3,}",
        ),
        languages=SH,
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="UNX-022",
        title="Writes C code that takes root and starts a shell (setuid(0) + exec /bin/sh)",
        severity=Severity.CRITICAL,
        attack=("T1548.001", "T1068"),
        any_of=(r"\bset(?:re|res)?[ug]id\s{0,3}\(\s{0,3}(?:0\s{0,3}[,)]|gete?[ug]id\b)",),
        all_of=(
            r"\b(?:exec(?:l|lp|le|v|vp|ve)|system|popen)\s{0,3}\(\s{0,3}\\?[\"'](?:/usr)?/bin/"
            r"(?:ba|k|z|da)?sh\\?[\"']",
        ),
        languages=SH_PY,
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="UNX-023",
        title="Compiles C source kept in a temporary directory",
        severity=Severity.MEDIUM,
        attack=("T1027.004",),
        any_of=(
            r"\b(?:gcc|cc|tcc|clang)\s(?:(?!\b(?:gcc|cc|tcc|clang)\s)[^\n]){0,100}?[\"']?"
            r"/(?:tmp|var/tmp|dev/shm)/[\w.$-]{1,60}\.c(?!\w)",
        ),
        languages=SH,
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="UNX-024",
        title="Links a temporary path to a protected system file (symlink attack)",
        severity=Severity.HIGH,
        attack=("T1068",),
        any_of=(
            r"\bln\s{1,3}-s\w{0,3}\s{1,3}[\"']?(?:/etc/(?:passwd|shadow|sudoers|ld\.so\.preload"
            r"|crontab|inetd\.conf|hosts\.equiv|rc\.local|profile)|/root/\.(?:rhosts|bashrc|profile"
            r"|ssh/authorized_keys))[\"']?\s{1,3}[\"']?/(?:tmp|var/tmp|dev/shm)/",
        ),
        languages=SH,
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="UNX-025",
        title="Looks up a binary's GOT entries (aiming a GOT overwrite)",
        severity=Severity.HIGH,
        attack=("T1587.004",),
        any_of=(
            r"\bobjdump\s(?:(?!\bobjdump\s)[^\n|]){0,60}?(?:--dynamic-reloc|-R)\b[^\n|]{0,60}\|"
            r"\s{0,3}grep\b",
        ),
        languages=SH,
        weight=30,
        tags=TAGS,
    ),
    Rule(
        id="UNX-026",
        title="Queries a DNS server's BIND version (CHAOS TXT version.bind)",
        severity=Severity.LOW,
        attack=("T1595.002",),
        any_of=(r"\bversion\.bind\b",),
        languages=SH,
        weight=12,
        tags=TAGS,
    ),
    Rule(
        id="UNX-027",
        title="Fingerprints BIND versions and runs local exploits against the matches",
        severity=Severity.HIGH,
        attack=("T1595.002", "T1210"),
        any_of=(r"(?:^|[;&|)]|\bthen)\s{0,8}" + _LOCAL_RUN,),
        all_of=(r"\bversion\.bind\b",),
        languages=SH,
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="UNX-028",
        title="Feeds generated targets to a local scanner in an endless loop (worm)",
        severity=Severity.HIGH,
        attack=("T1046", "T1210"),
        any_of=(_LOCAL_RUN + r"\s{1,3}\d{1,5}(?!\S)",),
        all_of=(
            r"\bwhile\s{1,3}(?:true|:|\[\s{1,3}1\s{1,3}\]|\(\(\s{0,3}1\s{0,3}\)\))",
            r"=\s{0,3}[\"']?(?:`|\$\()\s{0,3}\./[\w.-]{1,40}",
        ),
        languages=SH,
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="UNX-029",
        title="Generates random IP addresses",
        severity=Severity.MEDIUM,
        attack=("T1046",),
        any_of=(
            r"(?:\$\(\(\s{0,3}\$?RANDOM\s{0,3}%\s{0,3}\d{2,3}\s{0,3}(?:\+\s{0,3}\d{1,3}\s{0,3})?\)\)"
            r"\.){2,3}",
        ),
        languages=SH,
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="UNX-030",
        title="Speaks IRC from the shell and answers server pings (IRC bot)",
        severity=Severity.HIGH,
        attack=("T1071", "T1059.004"),
        any_of=(r"\bPONG\b",),
        all_of=(
            r"\bNICK\s",
            r"\bJOIN\s{1,3}[\"']?[#&$]",
            r"\bwhile\s(?:(?!\bwhile\s)[^\n]){0,40}?read\b",
        ),
        languages=SH,
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="UNX-031",
        title="Floods a host with packets (hping --flood, ping -f with maximum size)",
        severity=Severity.HIGH,
        attack=("T1498",),
        any_of=(
            r"\bhping3?\b(?:(?!\bhping3?\b)[^\n]){0,80}?(?:--flood|--rand-source|-i\s{0,3}u\d)",
            r"\bping\s(?:(?!\bping\s)[^\n]){0,30}?-f\b(?:(?!\bping\s)[^\n]){0,30}?-s\s{0,3}6\d{4}",
            r"\bping\s(?:(?!\bping\s)[^\n]){0,30}?-s\s{0,3}6\d{4}(?:(?!\bping\s)[^\n]){0,30}?-f\b",
        ),
        languages=SH,
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="UNX-032",
        title="Downloads builds for several CPU architectures (IoT bot dropper)",
        severity=Severity.CRITICAL,
        attack=("T1105",),
        any_of=(_fetches(r"mipsel|mpsl|mips"),),
        all_of=(
            _fetches(r"arm[4-7]?|armv[4-7]l?"),
            _fetches(r"x86(?:_64)?|i386|i486|i586|i686|sh4|ppc|m68k|spc"),
        ),
        languages=SH,
        weight=50,
        tags=TAGS,
    ),
)
