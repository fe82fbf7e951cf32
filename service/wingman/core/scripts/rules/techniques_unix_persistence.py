"""Rules for ATT&CK persistence and privilege-escalation techniques on Linux and macOS.

Rule ids are `TUX-NNN` (080-119). Each names a place that runs code again (rc scripts, udev,
PAM, kernel modules, shell traps) or a change that hands out root (uid 0 accounts, sudo caching,
capabilities). Gaps are bounded (see platforms.near).
"""

from __future__ import annotations

from wingman.core.scripts.rules.platforms import near, technique

TAGS = frozenset({"technique", "persistence"})
# Writing to a path: redirection, tee, copies, in-place edits.
_WRITE = r"(?:>>?|\btee\b|\bcp\b|\bmv\b|\binstall\b|\bsed\s{1,3}-i\b|\bln\s{1,3}-s\b)"
_USERADD = r"\b(?:useradd|adduser|usermod)\b"

RULES = (
    technique(
        "TUX-080",
        "Schedules a one-off command with at",
        "T1053.002",
        15,
        (
            r"\|\s{0,3}at\s{1,3}(?:-[a-z]\s{1,3}){0,2}(?:now|midnight|noon|teatime)\b",
            r"(?:^|[;&]\s{0,3})at\s{1,3}(?:-f\s{1,3}\S{1,200}\s{1,3})?now\s{0,3}\+",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-081",
        "Schedules a command with a systemd timer",
        "T1053.006",
        15,
        (
            near(r"\bsystemd-run\b", r"--on-(?:calendar|active|boot|unit-active|startup)\b", 200),
            r"\bsystemctl\s{1,3}(?:--user\s{1,3})?(?:enable|start)\s{1,3}(?:--now\s{1,3})?"
            r"[\w@.-]{1,60}\.timer\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-082",
        "Adds a command to an rc or init script",
        "T1037.004",
        25,
        (
            near(
                _WRITE, r"\s[\"']?/etc/(?:rc\.local|rc\.common|rc\.d/rc\d\.d/S\d{2}|init\.d/)", 160
            ),
            r"\bupdate-rc\.d\s{1,3}(?!update-rc\.d\b)[\w.-]{1,60}\s{1,3}(?:defaults|enable)\b",
            r"\bchkconfig\s{1,3}--add\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-083",
        "Adds a udev rule that runs a program",
        "T1546.017",
        40,
        near(_WRITE, r"\s[\"']?/(?:etc|lib|usr/lib)/udev/rules\.d/[\w.-]{1,80}\.rules\b", 200),
        all_of=(r"\bRUN\+?=",),
        tags=TAGS,
    ),
    technique(
        "TUX-084",
        "Loads a kernel module or extension from a file",
        "T1547.006",
        25,
        (
            r"\binsmod\s{1,3}[\"']?\S{1,200}\.ko\b",
            r"\b(?:kextload|kmutil\s{1,3}load)\s{1,3}(?:-[a-z]\s{1,3}){0,2}[\"']?\S{1,200}\.kext\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-085",
        "Loads a known Linux rootkit",
        "T1014",
        50,
        r"\b(?:diamorphine|reptile_cmd|suterusu|adore-ng|azazel|jynx2?|vlany|bdvl|beurk|brootus"
        r"|libprocesshider|processhider)(?:\.ko|\.so)?\b",
        tags=TAGS,
    ),
    technique(
        "TUX-086",
        "Adds an XDG autostart entry",
        "T1547.013",
        30,
        near(
            _WRITE,
            r"\s[\"']?(?:~|\$HOME|/home/[\w.-]{1,32}|/root)?/?\.?config/autostart/[\w.-]{1,80}"
            r"\.desktop\b|\s[\"']?/etc/xdg/autostart/[\w.-]{1,80}\.desktop\b",
            200,
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-087",
        "Changes PAM to accept any password or run a program at login",
        "T1556.003",
        45,
        (
            r"\bauth\s{1,3}sufficient\s{1,3}pam_permit\.so\b",
            r"\bauth\s{1,3}sufficient\s{1,3}pam_succeed_if\.so\s{1,3}uid\s{0,3}>=?\s{0,3}0\b",
            r"\bpam_exec\.so\b(?:(?!\bpam_exec\.so\b)[^\n]){0,120}?\s/(?:tmp|dev/shm|var/tmp|usr/"
            r"local/bin|opt)/",
            near(
                r"\b(?:cp|mv|install|gcc|cc)\b",
                r"\s/(?:usr/)?lib(?:64)?/(?:x86_64-linux-gnu/)?"
                r"security/pam_[\w.-]{1,40}\.so\b",
                200,
            ),
        ),
        all_of=(r"\bpam_\w{2,20}\b",),
        tags=TAGS,
    ),
    technique(
        "TUX-088",
        "Preloads a library into programs (LD_PRELOAD, DYLD_INSERT_LIBRARIES)",
        "T1574.006",
        30,
        (
            r"\bexport\s{1,3}LD_PRELOAD\s{0,3}=\s{0,3}[\"']?\S",
            r"(?:^|[;&|]\s{0,3})LD_PRELOAD\s{0,3}=\s{0,3}[\"']?(?:/tmp|/dev/shm|/var/tmp|\./)\S{0,200}"
            r"\.so\b",
            r"\bDYLD_INSERT_LIBRARIES\s{0,3}=|\blaunchctl\s{1,3}setenv\s{1,3}DYLD_INSERT_LIBRARIES\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-089",
        "Puts a temporary or current folder first on PATH",
        "T1574.007",
        20,
        r"\bexport\s{1,3}PATH\s{0,3}=\s{0,3}[\"']?(?:/tmp|/dev/shm|/var/tmp|\.)(?:/[\w.-]{0,40})?:",
        tags=TAGS,
    ),
    technique(
        "TUX-090",
        "Creates an account that shares root's UID or group",
        "T1136.001",
        45,
        (
            near(_USERADD, r"\s(?:-u|--uid)\s{1,3}0\b", 160),
            near(_USERADD, r"\s(?:-g|--gid)\s{1,3}(?:0|root)\b", 160),
            near(
                r"(?:\becho|\bprintf)\b",
                r"[\"']?[\w.-]{1,32}:[^:\n]{0,200}:0:0:[^\n]{0,200}>>\s{0,3}"
                r"/etc/passwd\b",
                40,
            ),
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-091",
        "Creates a macOS account or adds one to the admin group",
        ("T1136.001", "T1098"),
        20,
        (
            r"\bdscl\s{1,3}\.\s{1,3}-create\s{1,3}/Users/[\w.-]{1,40}\s{0,3}(?:$|[;&|])",
            r"\bsysadminctl\s{1,3}-addUser\b",
            r"\bdseditgroup\s{1,3}-o\s{1,3}edit\b(?:(?!\bdseditgroup\b)[^\n]){0,80}?\s-a\s",
            r"\bdscl\s{1,3}\.\s{1,3}-append\s{1,3}/Groups/admin\s{1,3}GroupMembership\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-092",
        "Removes root's password or sets it from a script",
        "T1098",
        25,
        (
            r"\bpasswd\s{1,3}-d\s{1,3}root\b",
            r"[\"']root:[^\s\"':]{1,64}[\"']\s{0,3}\|\s{0,3}(?:sudo\s{1,3})?chpasswd\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-093",
        "Keeps sudo credentials cached forever or across terminals",
        "T1548.003",
        45,
        (r"\btimestamp_timeout\s{0,3}=\s{0,3}-1\b", r"\bDefaults\s{1,3}!tty_tickets\b"),
        tags=TAGS,
    ),
    technique(
        "TUX-094",
        "Reads or edits the sudoers file",
        "T1548.003",
        10,
        r"\bsudo\s{1,3}(?:cat|vim?|nano|less|more|tee)\s{1,3}(?:-a\s{1,3})?/etc/sudoers\b",
        tags=TAGS,
    ),
    technique(
        "TUX-095",
        "Grants a binary root-equivalent capabilities (setcap)",
        "T1548.001",
        40,
        r"\bsetcap\s{1,3}[\"']?cap_(?:setuid|setgid|dac_override|dac_read_search|sys_admin"
        r"|sys_ptrace|sys_module|chown|fowner)[\w,+]{0,80}[+=]e?i?p\b",
        tags=TAGS,
    ),
    technique(
        "TUX-096",
        "Sets the setuid or setgid bit on a file",
        "T1548.001",
        15,
        r"\bchmod\s{1,3}(?:-R\s{1,3})?(?:[ugoa]{0,3}\+s|[2467][0-7]{3})\s{1,3}[\"']?\S",
        tags=TAGS,
    ),
    technique(
        "TUX-097",
        "Sets a shell trap that launches a program on a signal or exit",
        "T1546.005",
        35,
        near(
            r"\btrap\s{1,3}[\"']",
            r"\b(?:nohup|curl|wget|nc|ncat|python\d?|perl|bash\s{1,3}-i|sh\s"
            r"{1,3}-c|sh\s{1,3}[$/~.]\S{0,120}\.sh)\b(?:(?!\btrap\b)[^\n]){0,200}?[\"']\s{1,3}"
            r"(?:EXIT|SIGINT|INT|TERM|HUP|QUIT|USR1|0|2|15)\b",
            200,
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-098",
        "Sets a shell trap on a signal or exit",
        "T1546.005",
        3,
        r"\btrap\s{1,3}[\"'][^\"'\n]{1,200}[\"']\s{1,3}(?:EXIT|SIGINT|INT|TERM|HUP|QUIT|USR1|0|1|2|3"
        r"|15)\b",
        tags=TAGS,
    ),
    technique(
        "TUX-099",
        "Drops a server-side script into a web root",
        "T1505.003",
        20,
        near(
            r"(?:>>?|\b(?:cp|mv|wget|curl|Copy-Item|copy|install)\b)",
            r"(?:/var/www(?:/html)?|/usr/share/nginx/html|/srv/www|inetpub\\{1,2}wwwroot)[\\/]{1,2}"
            r"(?:[\w.-]{1,60}[\\/]{1,2}){0,4}[\w.-]{0,60}\.(?:php\d?|phtml|jspx?|aspx?|ashx|asmx|cfm)"
            r"\b",
            200,
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-100",
        "Writes a web shell that runs request parameters",
        "T1505.003",
        50,
        (
            r"<\?php\s{1,3}(?:@?eval|system|passthru|shell_exec|assert|exec)\s{0,3}\(\s{0,3}"
            r"(?:base64_decode\s{0,3}\(\s{0,3})?\$_(?:GET|POST|REQUEST|COOKIE)\b",
            r"<%\s{0,3}Runtime\.getRuntime\(\)\.exec\s{0,3}\(\s{0,3}request\.getParameter\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-101",
        "Installs a service or agent that runs from a temporary folder",
        ("T1543.002", "T1543.001"),
        40,
        (
            r"ExecStart\s{0,3}=\s{0,3}[\"']?(?:/tmp|/dev/shm|/var/tmp)/",
            r"<string>\s{0,3}(?:/tmp|/private/tmp|/Users/Shared)/[^<\n]{1,200}</string>",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-102",
        "Adds a Python start-up hook (.pth, sitecustomize)",
        "T1546.018",
        30,
        near(
            _WRITE,
            r"(?:site|dist)-packages/(?:[\w.-]{1,60}\.pth|sitecustomize\.py|usercustomize\.py)"
            r"\b",
            200,
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-103",
        "Points sshd at an extra authorized-keys file",
        "T1098.004",
        30,
        near(_WRITE, r"\bAuthorizedKeysFile\b", 120),
        all_of=(r"\bsshd_config\b",),
        tags=TAGS,
    ),
    technique(
        "TUX-104",
        "Installs a crontab from a file or standard input",
        "T1053.003",
        15,
        (
            r"\bcrontab\s{1,3}(?:-u\s{1,3}\S{1,32}\s{1,3})?[\"']?(?:/tmp/|/dev/shm/|/var/tmp/|\./|~/|\$)"
            r"[^\s\"']{0,200}",
            r"\|\s{0,3}crontab\s{1,3}-\s{0,3}$",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-105",
        "Creates an account and makes it an administrator in the same script",
        ("T1136.001", "T1078.003"),
        25,
        (
            r"\bnet1?(?:\.exe)?\s{1,3}localgroup\s{1,3}[\"']?administrators[\"']?\s(?:(?!\bnet\b)[^\n])"
            r"{1,80}?/add\b",
            r"\busermod\s{1,3}-a?G\s{1,3}(?:sudo|wheel|admin)\b",
            r"\bdseditgroup\s{1,3}-o\s{1,3}edit\b(?:(?!\bdseditgroup\b)[^\n]){0,80}?\sadmin\b",
        ),
        all_of=(
            r"\bnet1?(?:\.exe)?\s{1,3}user\b(?:(?!\bnet\b)[^\n]){0,100}?/add\b|\buseradd\b"
            r"|\badduser\b|\bNew-LocalUser\b|\bdscl\s{1,3}\.\s{1,3}-create\s{1,3}/Users/"
            r"|\bsysadminctl\s{1,3}-addUser\b",
        ),
        tags=TAGS,
    ),
)
"""Persistence and privilege escalation on Linux and macOS."""
