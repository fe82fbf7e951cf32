"""Examples for the Unix discovery `TUX-` rules; all synthetic, written for these tests."""

from __future__ import annotations

from wingman.core.scripts.types import Lang

SH = Lang.BASH
BAT = Lang.BATCH

# (rule id, language of the layer, text that must fire the rule)
POSITIVE: tuple[tuple[str, Lang, str], ...] = (
    ("TUX-001", SH, "uname -a; cat /etc/os-release"),
    ("TUX-001", SH, "sw_vers -productVersion"),
    ("TUX-002", SH, "ip addr show\ncat /etc/resolv.conf"),
    ("TUX-002", SH, "networksetup -listallhardwareports"),
    ("TUX-003", SH, 'ip tcp_metrics show |grep --invert-match "^127\\."'),
    ("TUX-003", BAT, "ip neigh show"),
    ("TUX-004", SH, "ss -tunap"),
    ("TUX-004", SH, "lsof -i -P"),
    ("TUX-005", SH, "ps aux | grep root"),
    ("TUX-006", SH, "lastlog > /tmp/l.txt"),
    ("TUX-006", SH, "dscl . list /Users | grep -v '_'"),
    ("TUX-007", SH, "cat /etc/group; getent group"),
    ("TUX-007", SH, "dscacheutil -q group"),
    ("TUX-008", SH, "ldapsearch -H ldap://dc01 -x -b 'DC=corp,DC=local' '(objectClass=user)'"),
    ("TUX-009", SH, "ps aux | grep -i falcon"),
    ("TUX-009", SH, "defaults read /Library/Preferences/com.apple.alf globalstate"),
    ("TUX-010", SH, "dpkg -l | head"),
    ("TUX-010", SH, "system_profiler SPApplicationsDataType"),
    ("TUX-011", SH, "systemctl list-units --type=service"),
    ("TUX-011", SH, "launchctl list"),
    ("TUX-012", SH, "timedatectl"),
    ("TUX-013", SH, "cat /etc/login.defs; chage -l root"),
    ("TUX-013", SH, "pwpolicy getaccountpolicies"),
    ("TUX-014", SH, "localectl status"),
    ("TUX-014", SH, "locale"),
    ("TUX-014", SH, "export | grep LANG"),
    ("TUX-015", SH, "smbclient -L //10.0.0.5 -N"),
    ("TUX-016", SH, "nc -nv 192.0.2.1 80"),
    ("TUX-016", SH, "nc -zv 192.0.2.1 1-1024"),
    ("TUX-017", SH, "systemd-detect-virt"),
    ("TUX-017", SH, "ioreg -l | grep -i -e Manufacturer"),
    ("TUX-017", SH, "lscpu | grep -i hypervisor"),
    ("TUX-018", SH, "lsmod"),
    ("TUX-019", SH, "users\nw\nwho -a"),
)

# (language, text) that no rule may judge suspicious
BENIGN: tuple[tuple[Lang, str], ...] = (
    (SH, "uname -s\nip addr\nps aux\nsystemctl list-units\ndpkg -l\ncat /etc/os-release"),
    (SH, 'if [ "$(uname)" = Darwin ]; then brew list; fi\nlocale -a'),
    (SH, "nc -l 8080 > received.txt"),
)
