"""Rules for ATT&CK defense-evasion techniques on Linux and macOS, and macOS-only persistence.

Rule ids are `TUX-NNN` (120-159). Stopping security agents, erasing logs and switching off
Gatekeeper or SIP weigh heavily; quarantine-flag removal and permission changes less.
Gaps are bounded (see platforms.near).
"""

from __future__ import annotations

from wingman.core.scripts.rules.platforms import near, technique

TAGS = frozenset({"technique", "defense-evasion"})
_STOP = (
    r"\b(?:systemctl|service|launchctl|rc-service)\s{1,3}(?:stop|disable|unload|bootout|mask|kill"
    r"|remove)\b"
)
_WRITE = r"(?:>>?|\btee\b|\bcp\b|\bmv\b|\bdefaults\s{1,3}write\b|\bsqlite3\b)"

RULES = (
    technique(
        "TUX-120",
        "Keeps commands out of shell history (HISTCONTROL, HISTIGNORE)",
        "T1562.003",
        30,
        (
            r"\bHISTCONTROL\s{0,3}=\s{0,3}[\"']?(?:ignoreboth|ignorespace|erasedups:ignorespace)\b",
            r"\bHISTIGNORE\s{0,3}=\s{0,3}[\"']?\*",
            r"\bsetopt\s{1,3}HIST_IGNORE_SPACE\b",
            r"\bHISTFILE\s{0,3}=\s{0,3}[\"']?/(?:tmp|dev/shm)/",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-121",
        "Erases system, macOS unified or hypervisor logs",
        "T1070.002",
        35,
        (
            r"\blog\s{1,3}erase\s{1,3}--all\b",
            r"\brm\s{1,3}-[rf]{1,3}\s{1,3}[\"']?/(?:private/)?var/log(?:/\*|/?\s|/?$)",
            # Not age-based clean-up of rotated logs (-mtime, *.gz, log.1), which is housekeeping.
            r"\bfind\s{1,3}/var/log\b(?:(?!-m(?:time|min)\b|\.gz\b|\.\d\b|\bfind\s)[^\n]){0,120}?"
            r"(?:-exec\s{1,3}(?:rm|truncate|shred)\b|-delete\b)",
            r"\btruncate\s{1,3}-s\s{0,3}0\s{1,3}/var/log/\*",
            near(
                r"\b(?:rm|truncate|echo|cat\s{1,3}/dev/null)\b",
                r"/(?:var/log|scratch/log)/(?:hostd|vmkernel|shell|auth|vobd|vpxa|fdm|syslog)\.log\b",
                80,
            ),
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-122",
        "Stops or unloads a Linux or macOS security agent",
        "T1562.001",
        45,
        (
            near(
                _STOP,
                r"[\s\"'](?:[\w/.-]{0,80}/)?(?:falcon-sensor|falcond|clamav-daemon|clamd|osqueryd"
                r"|sentinelone|sentinel-agent|wazuh-agent|ossec|cbagentd|cbdaemon|cylancesvc|mdatp"
                r"|wdavdaemon|sophos\w{0,20}|esets|com\.crowdstrike\.\w{1,40}|com\.sentinelone\.\w{1,40}"
                r"|com\.carbonblack\.\w{1,40}|com\.objective-see\.\w{1,40}|com\.microsoft\.wdav\w{0,20}"
                r"|elastic-agent|xagt)\b",
                120,
            ),
            r"\bservice\s{1,3}(?:falcon-sensor|clamav-daemon|osqueryd|sentinelone|wazuh-agent"
            r"|cbdaemon|mdatp|sophos\w{0,20}|esets|xagt)\s{1,3}stop\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-123",
        "Stops the system logging daemon",
        "T1562.006",
        35,
        (
            near(
                _STOP, r"\s(?:rsyslog|syslog-ng|syslog|systemd-journald|com\.apple\.syslogd)\b", 60
            ),
            r"\bservice\s{1,3}(?:rsyslog|syslog-ng|syslog)\s{1,3}stop\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-124",
        "Turns off System Integrity Protection",
        "T1562.001",
        40,
        r"\bcsrutil\s{1,3}disable\b",
        tags=TAGS,
    ),
    technique(
        "TUX-125",
        "Turns off Gatekeeper or quarantine checks",
        "T1553.001",
        45,
        (
            r"\bspctl\s{1,3}--(?:master|global)-disable\b",
            r"\bdefaults\s{1,3}write\s{1,3}com\.apple\.LaunchServices\s{1,3}LSQuarantine\s{1,3}-bool"
            r"\s{1,3}(?:NO|false)\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-126",
        "Removes the quarantine attribute from a downloaded file",
        "T1553.001",
        20,
        r"\bxattr\s{1,3}(?:-[rsw]{1,3}\s{1,3})?-d\s{1,3}com\.apple\.quarantine\b|\bxattr\s{1,3}-c"
        r"r?\s",
        tags=TAGS,
    ),
    technique(
        "TUX-127",
        "Turns off the macOS or BSD packet filter firewall",
        "T1562.004",
        30,
        (
            r"\bsocketfilterfw\s{1,3}--setglobalstate\s{1,3}off\b",
            r"\bdefaults\s{1,3}write\s{1,3}/Library/Preferences/com\.apple\.alf\s{1,3}globalstate"
            r"\s{1,3}-int\s{1,3}0\b",
            r"\bpfctl\s{1,3}-d\b|\bnft\s{1,3}flush\s{1,3}ruleset\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-128",
        "Hides files on macOS or in dot-named temporary folders",
        "T1564.001",
        20,
        (
            r"\bchflags\s{1,3}hidden\b|\bSetFile\s{1,3}-a\s{1,3}V\b",
            r"\bmkdir\s{1,3}(?:-p\s{1,3})?[\"']?/(?:tmp|dev/shm|var/tmp)/\.{1,3}[ .]",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-129",
        "Hides a macOS user account",
        "T1564.002",
        40,
        (
            r"\bdscl\s{1,3}\.\s{1,3}-create\s{1,3}/Users/[\w.-]{1,40}\s{1,3}IsHidden\s{1,3}1\b",
            r"\bHide500Users\s{1,3}-bool\s{1,3}(?:YES|TRUE)\b|\bHiddenUsersList\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-130",
        "Opens file permissions to everyone or removes the immutable flag",
        "T1222.002",
        8,
        (
            r"\bchmod\s{1,3}(?:-R\s{1,3})?(?:0?777|a\+rwx|ugo\+rwx)\s",
            r"\bchattr\s{1,3}-[ia]{1,2}\b",
            r"\bchown\s{1,3}(?:-R\s{1,3})?root(?::root)?\s{1,3}/tmp/",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-131",
        "Runs code from an anonymous memory file (memfd_create)",
        "T1620",
        40,
        r"\bmemfd_create\b",
        tags=TAGS,
    ),
    technique(
        "TUX-132",
        "Injects into a process with a debugger or ptrace tool",
        "T1055.008",
        45,
        (
            near(
                r"\bgdb\b",
                r"\s-p\s{1,3}\S{1,40}\s(?:(?!\bgdb\b)[^\n]){0,120}?\b(?:dlopen|__libc_dlopen"
                r"_mode|system)\s{0,3}\(",
                200,
            ),
            r"\b(?:linux-inject|hotpatch|ptrace-inject)\b",
        ),
        all_of=(r"\b(?:gdb|linux-inject|hotpatch|ptrace-inject)\b",),
        tags=TAGS,
    ),
    technique(
        "TUX-133",
        "Decodes hex, base32 or openssl text straight into a shell",
        ("T1140", "T1059.004"),
        30,
        near(
            r"\b(?:xxd\s{1,3}-r|base32\s{1,3}(?:-d|--decode)|openssl\s{1,3}(?:enc\s{1,3})?-(?:d|base64"
            r"|a))\b",
            r"\|\s{0,3}(?:sudo\s{1,3})?(?:ba|z|da|k)?sh\b",
            160,
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-134",
        "Trusts a new root certificate on Linux or macOS",
        "T1553.004",
        20,
        (
            r"\bsecurity\s{1,3}add-trusted-cert\b",
            near(
                r"\b(?:cp|mv|tee|cat|install)\b",
                r"\s/(?:usr/local/share/ca-certificates|etc/pki/"
                r"ca-trust/source/anchors)/",
                120,
            ),
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-135",
        "Runs AppleScript from the command line",
        "T1059.002",
        8,
        r"\bosascript\s{1,3}(?:-l\s{1,3}AppleScript\s{1,3})?-e\b",
        tags=TAGS,
    ),
    technique(
        "TUX-136",
        "Runs JavaScript for Automation on macOS",
        "T1059.007",
        10,
        r"\bosascript\s{1,3}-l\s{1,3}JavaScript\b",
        tags=TAGS,
    ),
    technique(
        "TUX-137",
        "Asks for administrator rights through an AppleScript prompt",
        ("T1059.002", "T1548.004"),
        25,
        near(
            r"\bdo\s{1,3}shell\s{1,3}script\b",
            r"\bwith\s{1,3}administrator\s{1,3}privileges\b",
            300,
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-138",
        "Starts a job with launchctl",
        "T1569.001",
        8,
        r"\blaunchctl\s{1,3}(?:submit|start|kickstart)\b",
        tags=TAGS,
    ),
    technique(
        "TUX-139",
        "Sets a macOS login or logout hook",
        "T1037.002",
        45,
        r"\bdefaults\s{1,3}write\s{1,3}com\.apple\.loginwindow\s{1,3}Log(?:in|out)Hook\b",
        tags=TAGS,
    ),
    technique(
        "TUX-140",
        "Installs a macOS startup item",
        "T1037.005",
        40,
        near(r"(?:>>?|\b(?:cp|mv|mkdir|tee|install)\b)", r"\s[\"']?/Library/StartupItems/", 120),
        tags=TAGS,
    ),
    technique(
        "TUX-141",
        "Adds a macOS login item",
        "T1547.015",
        35,
        (
            near(r"\bosascript\b", r"\bmake\s{1,3}(?:new\s{1,3})?login item\b", 300),
            r"\bsfltool\s{1,3}add-item\b|\bLSSharedFileListInsertItemURL\b|\bSMLoginItemSetEnabled\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-142",
        "Adds applications to reopen at login",
        "T1547.007",
        30,
        near(
            _WRITE,
            r"\bTALAppsToRelaunchAtLogin\b|com\.apple\.loginwindow\.[0-9A-F-]{36}\.plist\b",
            200,
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-143",
        "Adds an emond rule",
        "T1546.014",
        45,
        near(
            r"(?:>>?|\b(?:cp|mv|tee|install)\b)", r"\s[\"']?/(?:private/)?etc/emond\.d/rules/", 120
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-144",
        "Resets or rewrites macOS privacy permissions (TCC)",
        "T1548.006",
        45,
        (
            r"\btccutil\s{1,3}reset\b",
            near(
                r"\bsqlite3\b",
                r"\bTCC\.db[\"']?\s(?:(?!\bsqlite3\b)[^\n]){0,200}?\b(?:INSERT|UPDATE"
                r"|REPLACE|DELETE)\b",
                300,
            ),
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-145",
        "Modifies an application's property list to run or hide code",
        "T1647",
        30,
        (
            r"\bplutil\s{1,3}-(?:insert|replace)\s{1,3}(?:LSEnvironment|LSUIElement|LSBackgroundOnly"
            r"|ProgramArguments)\b",
            near(
                r"\bdefaults\s{1,3}write\b",
                r"Info(?:\.plist)?[\"']?\s{1,3}(?:LSEnvironment|LSUIElement"
                r"|LSBackgroundOnly)\b",
                200,
            ),
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-146",
        "Decodes base64 or hex text on the command line",
        "T1140",
        5,
        (
            r"\bbase64\s{1,3}(?:-d|--decode|-D)\b|\bxxd\s{1,3}-r\b",
            near(
                r"\b(?:python[23]?|perl)\s{1,3}-[ce]\b",
                r"\b(?:b64decode|decode_base64|unhexlify)\b",
                300,
            ),
        ),
        tags=TAGS,
    ),
)
"""Defense evasion on Linux and macOS, and macOS start-up points."""
