"""Rules for ATT&CK discovery techniques as Linux, BSD and macOS command lines show them.

Rule ids are `TUX-NNN` (001-039). These are everyday admin commands, so weights stay low and a
score climbs only when a script chains several. Patterns name Unix tools and paths, so they run
on every language (short command lines are often guessed as batch). Gaps are bounded.
"""

from __future__ import annotations

from wingman.core.scripts.rules.platforms import UNIX, near, technique

TAGS = frozenset({"technique", "discovery"})
_END = r"\s{0,3}(?:$|[|;&>)`])"
_READ = r"\b(?:cat|less|more|head|tail|grep|awk)\b"

RULES = (
    technique(
        "TUX-001",
        "Queries the operating system and kernel version",
        "T1082",
        2,
        (
            r"\buname\s{1,3}-[a-z]{0,4}[asrvmo]\b",
            near(
                _READ, r"/etc/(?:os-release|lsb-release|issue|redhat-release|debian_version)\b", 40
            ),
            r"\blsb_release\s{1,3}-a\b|\bhostnamectl\b|\bsw_vers\b|\blscpu\b",
            near(_READ, r"/proc/(?:version|cpuinfo)\b", 40),
            r"\bsystem_profiler\s{1,3}SP(?:Software|Hardware)DataType\b",
            r"\bsysctl\s{1,3}(?:-n\s{1,3})?(?:kern\.(?:version|ostype|osrelease)|hw\.(?:model|ncpu))\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-002",
        "Queries network interfaces, routes and resolvers",
        "T1016",
        2,
        (
            rf"\bifconfig(?:\s{{1,3}}-a)?{_END}",
            rf"\bip (?:-[46] )?(?:addr|address|route|link)(?: show)?{_END}",
            near(_READ, r"/etc/resolv\.conf\b", 40),
            r"\bnetstat\s{1,3}-[a-z]{0,3}r[a-z]{0,3}\b",
            r"\bnetworksetup\s{1,3}-list\w{0,30}\b|\bscutil\s{1,3}--(?:dns|proxy|nwi)\b",
            r"\bnmcli\s{1,3}(?:dev|device|con|connection)\s{1,3}show\b|\biwconfig\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-003",
        "Lists neighbouring hosts (ip neigh, tcp_metrics, /etc/hosts)",
        "T1018",
        4,
        (
            r"\bip\s{1,3}(?:neigh(?:bour)?|tcp_metrics|tcpmetrics)\b",
            r"\barp\s{1,3}-[an]{1,2}\b",
            near(_READ, r"\s/etc/hosts\b", 40),
            r"\bavahi-browse\b|\bnbtscan\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-004",
        "Lists open sockets and connections (ss, lsof)",
        "T1049",
        2,
        (
            r"\bss\s{1,3}-(?:tunap|tulpn|tlnp|antp|tnlp|tuln|tan|lntp|ltnp|lntu|plnt|tupn)\b",
            r"\blsof\s{1,3}(?:-[a-zA-Z]{1,4}\s{1,3}){0,2}-i\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-005",
        "Lists running processes",
        "T1057",
        1,
        r"\bps\s{1,3}(?:aux|-ef|axo|-auxww|auxf)",
        tags=TAGS,
    ),
    technique(
        "TUX-006",
        "Lists local accounts and their last logins",
        "T1087.001",
        3,
        (
            r"\blastlog(?:in)?\b",
            near(_READ, r"/etc/(?:passwd|master\.passwd)\b", 40),
            r"\bgetent\s{1,3}passwd\b",
            r"\bdscl\s{1,3}\.\s{1,3}-?(?:list|read)\s{1,3}/Users\b",
            r"\bdscacheutil\s{1,3}-q\s{1,3}user\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-007",
        "Lists local groups",
        "T1069.001",
        3,
        (
            near(_READ, r"/etc/group\b", 40),
            r"\bgetent\s{1,3}group\b",
            r"\bdscacheutil\s{1,3}-q\s{1,3}group\b",
            r"\bdscl\s{1,3}\.\s{1,3}-?(?:list|read)\s{1,3}/Groups\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-008",
        "Queries a directory service over LDAP or Open Directory",
        "T1087.002",
        6,
        (r"\bldapsearch\s", r"\bdscl\s{1,3}[\"']?/Active Directory/"),
        tags=TAGS,
    ),
    technique(
        "TUX-009",
        "Looks for security tools on Linux or macOS",
        "T1518.001",
        8,
        (
            near(
                r"\b(?:ps|pgrep|launchctl\s{1,3}list|kextstat|systemctl)\b",
                r"\b(?:falcon|clamd?|osquery|auditd|sophos|sentinel|carbonblack|cbagent|cylance"
                r"|xagt|wazuh|ossec|Little Snitch|LuLu|BlockBlock|KnockKnock|ReiKey|eset|symantec"
                r"|mcafee|mdatp|wdav|crowdstrike|elastic-agent)\b",
                80,
            ),
            r"\bdefaults\s{1,3}read\s{1,3}/Library/Preferences/com\.apple\.alf\b",
            r"\b(?:spctl\s{1,3}--status|csrutil\s{1,3}status)\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-010",
        "Lists installed packages and applications",
        "T1518",
        2,
        (
            r"\bdpkg\s{1,3}(?:-l|--list|--get-selections)\b|\brpm\s{1,3}-qa\b",
            r"\bapt\s{1,3}list\s{1,3}--installed\b|\bbrew\s{1,3}list\b",
            r"\bsystem_profiler\s{1,3}SPApplicationsDataType\b",
            r"\bls\s{1,3}(?:-\w{1,4}\s{1,3})?/Applications\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-011",
        "Lists services and daemons",
        "T1007",
        2,
        (
            r"\bsystemctl\s{1,3}(?:--\w{1,10}\s{1,3})?(?:list-units|list-unit-files)\b",
            r"\bsystemctl\s{1,3}--type[= ]service\b",
            r"\bservice\s{1,3}--status-all\b|\bchkconfig\s{1,3}--list\b",
            r"\blaunchctl\s{1,3}list\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-012",
        "Reads the system time zone",
        "T1124",
        2,
        (
            rf"\btimedatectl(?:\s{{1,3}}status)?{_END}",
            r"\bsystemsetup\s{1,3}-gettimezone\b",
            near(_READ, r"/etc/timezone\b", 40),
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-013",
        "Reads the password policy (login.defs, PAM, pwpolicy)",
        "T1201",
        4,
        (
            near(
                _READ,
                r"/etc/(?:login\.defs|pam\.d/(?:common-password|system-auth|passwd)"
                r"|security/pwquality\.conf)\b",
                40,
            ),
            r"\bchage\s{1,3}-l\b",
            r"\bpwpolicy\s{1,3}(?:-\w{1,3}\s{1,3}\S{1,40}\s{1,3}){0,2}getaccountpolicies\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-014",
        "Queries the system language and locale",
        "T1614.001",
        3,
        (
            rf"\blocalectl(?:\s{{1,3}}status)?{_END}",
            rf"(?:^|[;&|(`]\s{{0,3}})locale{_END}",
            near(_READ, r"/etc/(?:locale\.conf|default/locale)\b", 40),
            near(
                r"\b(?:export|env|printenv|set)\b",
                r"\|\s{0,3}grep\s(?:(?!\|)[^\n]){0,20}?\bLANG",
                10,
            ),
            r"\bdefaults\s{1,3}read\s{1,3}(?:-g|\.GlobalPreferences)\s{1,3}AppleLocale\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-015",
        "Lists network shares (smbclient -L, showmount, smbmap)",
        "T1135",
        6,
        r"\bsmbclient\s{1,3}-L\b|\bshowmount\s{1,3}-e\b|\bsharing\s{1,3}-l\b|\bsmbmap\b",
        tags=TAGS,
    ),
    technique(
        "TUX-016",
        "Probes ports with netcat",
        "T1046",
        10,
        r"\bnc(?:at)?\s{1,3}(?:-nvz?|-zvn?|-vzn?|-nzv|-vnz|-znv|-zv?w\s{1,3}\d{1,3})\s{1,3}"
        r"[\w.-]{3,64}\s{1,3}\d{1,5}(?:-\d{1,5})?\b",
        languages=UNIX,
        tags=TAGS,
    ),
    technique(
        "TUX-017",
        "Checks for a virtual machine on Linux or macOS",
        "T1497.001",
        10,
        (
            r"\bsystemd-detect-virt\b|\bvirt-what\b",
            r"\bdmidecode\s{1,3}-s\s{1,3}system-(?:product-name|manufacturer)\b",
            near(
                r"\bioreg\b",
                r"(?:\bIOPlatformExpertDevice\b|\s-l\b)(?:(?!\bioreg\b)[^\n]){0,60}?"
                r"\bgrep\b",
                60,
            ),
            r"\bsysctl\s{1,3}(?:-n\s{1,3})?(?:machdep\.cpu\.features|kern\.hv_vmm_present)\b",
            near(
                r"\b(?:lscpu|dmesg|system_profiler)\b",
                r"\|\s{0,3}grep\s(?:(?!\|)[^\n]){0,30}?"
                r"\b(?:hypervisor|vmware|virtualbox|qemu|kvm|parallels|virtual)\b",
                60,
            ),
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-018",
        "Lists loaded kernel modules or extensions",
        "T1652",
        2,
        r"\blsmod\b|\bkextstat\b|\bkmutil\s{1,3}showloaded\b",
        tags=TAGS,
    ),
    technique(
        "TUX-019",
        "Identifies logged-on users",
        "T1033",
        1,
        r"(?:^|[;&|(`]\s{0,3})(?:who(?:\s{1,3}-a)?|users|logname)\s{0,3}(?:$|[;&|>)`])",
        tags=TAGS,
    ),
)
"""Discovery on Linux, BSD and macOS."""
