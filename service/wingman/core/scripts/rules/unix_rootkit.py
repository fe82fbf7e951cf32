"""Rules for Unix rootkit and backdoor installers: hidden homes, trojaned binaries, blinded logs.

Rule ids are `UNX-NNN` (merged into unix.py). Patterns run with IGNORECASE | MULTILINE; every
gap is bounded and stops at the next occurrence of the pattern's leading token.
"""

from __future__ import annotations

from wingman.core.models import Severity
from wingman.core.scripts.rules.engine import Rule
from wingman.core.scripts.types import Lang

SH = frozenset({Lang.BASH})
TAGS = frozenset({"unix", "rootkit"})

# Programs rootkits swap for trojaned copies that hide their files, processes and logins.
_TROJANED = (
    r"(?:ls|ps|netstat|ss|login|top|find|du|df|ifconfig|pstree|killall|pidof|syslogd|rsyslogd"
    r"|klogd|sshd|passwd|su|init|lsof|w|who|last|lastlog|md5sum|sha1sum|dir|vdir|crontab|tcpd"
    r"|inetd|xinetd|strings|write|chfn|chsh|locate|slocate|rshd|telnetd|ftpd|in\.\w{2,12}"
    r"|dmesg|lsmod|insmod|modprobe|rmmod|uptime|chattr|lsattr)"
)
_BIN_DIR = r"/(?:usr/)?s?bin/"
_END = r"[\"']?\s{0,3}(?:$|[;&|#)])"
# /dev directories that systems really create; anything else under /dev is a hiding place.
_DEV_DIRS = (
    r"(?:shm|pts|net|mqueue|hugepages|cgroup|cpuset|fd|disk|mapper|input|snd|dri|bus|char"
    r"|block|vfio|lxc|console|null|serial|usb|v4l|dma_heap|vhost-net|kvm)\b"
)
# Dot entries of /dev that udev, initramfs and container tools made in their time.
_DEV_DOT_OK = r"(?:udev|initramfs|mdadm|lxc|static|lvm|systemd)\b"
# Dot entries under system directories that packages legitimately ship.
_SYS_DOT_OK = (
    r"(?:build-id|keep|gitignore|gitkeep|placeholder|dwz|debug|libs|git|etckeeper|pwd\.lock"
    r"|java|updated|hgignore|bzr|svn|hg|mono|cache|npmignore|lock)\b"
)
# Syslog and audit daemons.
_LOGGERS = r"(?:r?syslogd?|syslog-ng|sysklogd|klogd|auditd|systemd-journald|journald)"

RULES: tuple[Rule, ...] = (
    Rule(
        id="UNX-010",
        title="Plants files in a hidden or made-up directory under /dev",
        severity=Severity.HIGH,
        attack=("T1564.001", "T1014"),
        any_of=(
            r"(?<![\w.~-])/dev/\.(?!" + _DEV_DOT_OK + r")[\w]",
            r"(?<![\w.~-])/dev/[\w-]{1,30}/\.[\w]",
            r"\b(?:mkdir(?:\s{1,3}-p)?|cd)\s{1,3}[\"']?/dev/(?!" + _DEV_DIRS + r")[\w.-]{1,40}",
            r"\b(?:cp|mv|tar|install)\b(?:(?!\b(?:cp|mv|tar|install)\b)[^\n;&|]){0,120}?\s"
            r"[\"']?/dev/(?!" + _DEV_DIRS + r")[\w.-]{1,40}/",
            r"^\s{0,8}/dev/(?!" + _DEV_DIRS + r")[\w.-]{1,40}/[\w./-]{1,80}",
        ),
        languages=SH,
        weight=40,
        tags=TAGS,
    ),
    Rule(
        id="UNX-011",
        title="Keeps files under dot-names inside system directories",
        severity=Severity.MEDIUM,
        attack=("T1564.001",),
        any_of=(
            r"(?<![\w.~-])/(?:usr/(?:local/)?)?(?:lib(?:32|64)?|bin|sbin|share|include|libexec)"
            r"/\.(?!\.|" + _SYS_DOT_OK + r")[A-Za-z0-9_][\w.-]{0,40}",
            r"(?<![\w.~-])/etc/\.(?!" + _SYS_DOT_OK + r")[A-Za-z0-9_][\w.-]{0,40}",
        ),
        languages=SH,
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="UNX-012",
        title="Strips immutable or append-only flags from system directories",
        severity=Severity.HIGH,
        attack=("T1222.002", "T1014"),
        any_of=(
            r"\bchattr\s{1,3}(?:-R\s{1,3})?-[aiu]{1,3}\s{1,3}[\"']?/(?:usr/)?(?:s?bin|lib(?:32|64)?"
            r"|etc)(?:/\*|/?[\"']?\s|/?[\"']?$)",
            r"\bchattr\s{1,3}(?:-R\s{1,3})?-[aiu]{1,3}\s{1,3}[\"']?" + _BIN_DIR + _TROJANED + _END,
        ),
        languages=SH,
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="UNX-013",
        title="Locks files with chattr immutable or append-only flags",
        severity=Severity.LOW,
        attack=("T1222.002",),
        any_of=(r"\bchattr\s{1,3}(?:-R\s{1,3})?\+[aiu]{1,3}\s",),
        languages=SH,
        weight=12,
        tags=TAGS,
    ),
    Rule(
        id="UNX-014",
        title="Replaces or deletes core system programs (trojaned ls, ps, netstat, login)",
        severity=Severity.CRITICAL,
        attack=("T1554", "T1014"),
        any_of=(
            r"\b(?:cp|mv|install|cat|dd)\b(?:(?!\b(?:cp|mv|install|cat|dd)\b)[^\n;&|]){1,120}?"
            r"(?:\s|>|of=)[\"']?" + _BIN_DIR + _TROJANED + _END,
            r"\brm\s{1,3}(?:-\w{1,4}\s{1,3}){0,3}[\"']?" + _BIN_DIR + _TROJANED + _END,
        ),
        languages=SH,
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="UNX-015",
        title="Stops or kills the system logger or audit daemon",
        severity=Severity.HIGH,
        attack=("T1562.006",),
        any_of=(
            r"\b(?:killall|pkill)\s{1,3}(?:-(?:9|KILL|SIGKILL|15|TERM|SIGTERM|STOP|SIGSTOP)\s{1,3})?"
            r"[\"']?" + _LOGGERS + r"\b",
            r"\bkill\s{1,3}(?:-(?:9|KILL|STOP)\s{1,3})?\"?(?:`|\$\()\s{0,3}(?:cat|pidof|pgrep)\s"
            r"(?:(?!\bkill\s)[^\n]){0,40}?(?:syslog|klogd|auditd)",
            r"\bservice\s{1,3}(?:r?syslog|syslog-ng|sysklogd|auditd|rsyslog)\s{1,3}stop\b",
            r"/etc/(?:rc\.d/)?init\.d/(?:r?syslog|syslog-ng|sysklogd|auditd)\s{1,3}stop\b",
            r"\bsystemctl\s{1,3}(?:stop|disable|mask|kill)\s{1,3}(?:r?syslog|rsyslog|syslog-ng"
            r"|systemd-journald|auditd)\b",
        ),
        languages=SH,
        weight=35,
        tags=TAGS,
    ),
    Rule(
        id="UNX-016",
        title="Adds a second uid-0 account (passwd line or useradd -u 0)",
        severity=Severity.CRITICAL,
        attack=("T1136.001",),
        any_of=(
            r"(?<![\w.-])(?!root:|toor:)[A-Za-z_][\w.-]{0,31}+:[^:\s\"']{0,64}+:0:0:[^:\n]{0,64}+:"
            r"/[^:\s]{0,64}:/[\w/.-]{1,40}",
            r"\b(?:useradd|usermod|adduser)\b(?:(?!\b(?:useradd|usermod|adduser)\b)[^\n]){0,80}?"
            r"\s(?:-u\s{0,3}0|--uid[=\s]{1,3}0)(?!\w)",
        ),
        languages=SH,
        weight=45,
        tags=TAGS,
    ),
    Rule(
        id="UNX-017",
        title="Adds an inetd service that hands out a shell",
        severity=Severity.CRITICAL,
        attack=("T1543", "T1059.004"),
        any_of=(
            r"\b(?:stream|dgram)\s{1,10}(?:tcp|udp)6?\s{1,10}(?:no)?wait(?:\.\d{1,5})?\s{1,10}"
            r"[\w.-]{1,20}\s{1,10}/(?:usr/)?bin/(?:ba|k|z|c|tc|da)?sh\b",
        ),
        languages=SH,
        weight=50,
        tags=TAGS,
    ),
    Rule(
        id="UNX-018",
        title="Writes the inetd / xinetd service configuration",
        severity=Severity.MEDIUM,
        attack=("T1543",),
        any_of=(r">{1,2}\s{0,3}[\"']?/etc/(?:inetd\.conf|xinetd\.d/)",),
        languages=SH,
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="UNX-019",
        title="Clears login records or the whole log directory",
        severity=Severity.MEDIUM,
        attack=("T1070.002",),
        any_of=(
            r"(?:\b(?:rm|shred|truncate)\s(?:(?!\b(?:rm|shred|truncate)\s)[^\n;|&]){0,60}?|>\s{0,3})"
            r"[\"']?/var/(?:run|adm)/(?:utmpx?|wtmpx?|lastlog|messages|sulog|pacct|syslog)\b",
            r"\brm\s{1,3}-\w{0,3}\s{0,3}[\"']?/var/log/?\*",
            r"\bfind\s{1,3}/var/log/?\s{1,3}(?:-type\s{1,3}f\s{1,3})?(?:-delete|-exec\s{1,3}"
            r"(?:rm|truncate|shred))",
        ),
        languages=SH,
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="UNX-040",
        title="Loads a kernel module shipped next to the script",
        severity=Severity.MEDIUM,
        attack=("T1547.006", "T1014"),
        any_of=(
            r"\binsmod\s{1,3}(?:-f\s{1,3})?[\"']?(?:\./|/tmp/|/var/tmp/|/dev/|[\w-]{1,40}+\.k?o\b"
            r"|(?:/[\w-]{1,40}+){0,6}/\.)",
        ),
        languages=SH,
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="UNX-041",
        title="Puts a network interface into promiscuous mode (sniffer)",
        severity=Severity.MEDIUM,
        attack=("T1040",),
        any_of=(
            r"\bifconfig\s{1,3}[\w.$-]{1,20}+\s{1,3}promisc\b",
            r"\bip\s{1,3}link\s{1,3}set\s{1,3}(?:dev\s{1,3})?[\w.$-]{1,20}+\s{1,3}promisc\s{1,3}on\b",
        ),
        languages=SH,
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="UNX-042",
        title="Appends a command to a boot script (rc.local, rc.sysinit, inittab)",
        severity=Severity.MEDIUM,
        attack=("T1037.004",),
        any_of=(
            r">>\s{0,3}[\"']?/etc/(?:rc\.d/)?(?:rc\.local|rc\.sysinit|rc\d?\.d/[\w.-]{1,40}|inittab"
            r"|init\.d/[\w.-]{1,40})",
        ),
        languages=SH,
        weight=25,
        tags=TAGS,
    ),
    Rule(
        id="UNX-043",
        title="Starts another SSH daemon on its own port or configuration",
        severity=Severity.MEDIUM,
        attack=("T1543",),
        any_of=(
            r"\bsshd\s{1,3}(?:-\w{1,3}\s{1,3}){0,3}-(?:f\s{1,3}[\"']?(?!/etc/ssh/sshd_config)\S"
            r"|p\s{0,3}\d{2,5})",
        ),
        languages=SH,
        weight=15,
        tags=TAGS,
    ),
)
