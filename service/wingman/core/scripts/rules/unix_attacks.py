"""Rules for Unix attack scripts: scanners, worms, bots, floods and bot droppers.

Rule ids are `UNX-NNN` (merged into unix.py). Patterns run with IGNORECASE | MULTILINE; every
gap is bounded and stops at the next occurrence of the pattern's leading token.
"""

from __future__ import annotations

from wingman.core.models import Severity
from wingman.core.scripts.rules.engine import Rule
from wingman.core.scripts.types import Lang

SH = frozenset({Lang.BASH})
TAGS = frozenset({"unix", "attack"})

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
    Rule(
        id="UNX-044",
        title="Overwrites every web page it finds (defacement)",
        severity=Severity.HIGH,
        attack=("T1491.001",),
        any_of=(
            r"\bfind\s(?:(?!\bfind\s)[^\n]){0,80}?-i?name\s{1,3}[\"']?index\.[\w*]{0,6}[\"']?"
            r"(?:(?!\bfind\s)[^\n]){0,80}?-exec\s{1,3}(?:cp|mv|cat|tee|sed\s{1,3}-i)\b",
        ),
        languages=SH,
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="UNX-045",
        title="Mails the password or shadow file to someone",
        severity=Severity.HIGH,
        attack=("T1048.003", "T1003.008"),
        any_of=(
            r"\b(?:mail|mailx|sendmail|mutt)\b(?:(?!\b(?:mail|mailx|sendmail|mutt)\b)[^\n]){0,80}?"
            r"<\s{0,3}[\"']?/etc/(?:shadow|passwd|master\.passwd)\b",
            r"\bcat\s{1,3}[\"']?/etc/(?:shadow|passwd|master\.passwd)\b[^\n|]{0,40}\|\s{0,3}"
            r"(?:mail|mailx|sendmail|mutt)\b",
        ),
        languages=SH,
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="UNX-046",
        title="Mails the host's name, addresses or system details to someone",
        severity=Severity.MEDIUM,
        attack=("T1082", "T1048.003"),
        any_of=(
            r"\b(?:/sbin/)?(?:ifconfig|hostname|uname\s{1,3}-a|ip\s{1,3}a(?:ddr)?)\b[^\n|]{0,30}\|"
            r"\s{0,3}(?:mail|mailx|sendmail|mutt)\b",
        ),
        languages=SH,
        weight=15,
        tags=TAGS,
    ),
)
