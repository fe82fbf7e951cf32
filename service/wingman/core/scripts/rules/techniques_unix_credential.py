"""Rules for ATT&CK credential-access, collection, network and impact techniques on Unix hosts.

Rule ids are `TUX-NNN` (040-079). Process-memory dumps, keychain dumps and keyloggers weigh
heavily; history searches, screenshots and account clean-up weigh less. Gaps are bounded
(see platforms.near).
"""

from __future__ import annotations

from wingman.core.scripts.rules.platforms import near, technique

TAGS = frozenset({"technique", "credential-access"})
_COPY = r"\b(?:cp|cat|scp|tar|zip|rsync|base64|xxd|curl)\b"
_PID = r"(?:\$\{?\w{1,20}\}?|\d{1,7}|self|\$\(\s{0,3}pgrep\s[^\n)]{1,60}\))"

RULES = (
    technique(
        "TUX-040",
        "Reads another process's memory through /proc or a core dump (MimiPenguin-style)",
        "T1003.007",
        45,
        (
            near(r"\bdd\b", rf"\bif=[\"']?/proc/[\"']?{_PID}[\"']?/mem\b", 120),
            rf"\bopen\s{{0,3}}\(\s{{0,3}}f?[\"']/proc/(?:\{{\w{{1,20}}\}}|%[ds]|{_PID})/mem[\"']",
            r"\bgcore\s{1,3}(?:-[ao]\s{1,3}\S{1,100}\s{1,3}){0,2}(?:\$\{?\w{1,20}\}?|\d{1,7}"
            r"|\$\(\s{0,3}pgrep)",
            r"\b(?:mimipenguin|3snake|linikatz)(?:\.sh|\.py)?\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-041",
        "Reads the BSD master password file or the shadow database",
        "T1003.008",
        35,
        (
            near(
                r"\b(?:cat|cp|head|tail|less|strings|base64)\b",
                r"\s/etc/(?:master\.passwd|spwd\.db)"
                r"\b",
                60,
            ),
            r"\bgetent\s{1,3}shadow\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-042",
        "Searches shell history files for passwords and commands",
        "T1552.003",
        20,
        near(
            r"\b(?:cat|grep|egrep|less|tail|head|strings|awk)\b",
            r"\.(?:bash|zsh|sh|ash|mysql|psql|python|node_repl|rediscli)_history\b",
            120,
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-043",
        "Hunts for or copies private keys",
        "T1552.004",
        25,
        (
            near(
                r"\bfind\b",
                r"-i?name\s{1,3}[\"']?(?:id_(?:rsa|dsa|ecdsa|ed25519)|\*\.(?:pem|key|p12"
                r"|pfx|ppk|gpg|asc|jks|keystore|kdbx))\b",
                160,
            ),
            near(_COPY, r"\.ssh/id_(?:rsa|dsa|ecdsa|ed25519)\b(?!\.pub)", 120),
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-044",
        "Dumps the macOS keychain",
        "T1555.001",
        45,
        (
            r"\bsecurity\s{1,3}(?:dump-keychain|export\s{1,3}-k)\b",
            r"\bchainbreaker\b",
            near(_COPY, r"Keychains/[\w.-]{1,60}\.keychain(?:-db)?\b", 120),
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-045",
        "Reads a password from the macOS keychain",
        "T1555.001",
        20,
        r"\bsecurity\s{1,3}find-(?:generic|internet)-password\b",
        tags=TAGS,
    ),
    technique(
        "TUX-046",
        "Logs terminal input (pam_tty_audit, PROMPT_COMMAND, DEBUG trap, xinput)",
        "T1056.001",
        40,
        (
            near(r"\bpam_tty_audit\.so\b", r"\blog_passwd\b", 120),
            r"\bPROMPT_COMMAND\s{0,3}=\s{0,3}[\"'][^\"'\n]{0,200}?(?:\blogger\b|>>|\btee\s)",
            near(
                r"\btrap\s{1,3}[\"']",
                r"\$BASH_COMMAND\b(?:(?!\btrap\b)[^\n]){0,200}?\s{1,3}DEBUG\b",
                200,
            ),
            r"\bxinput\s{1,3}(?:test|test-xi2)\b",
            r"\blogkeys\s{1,3}(?:-s|--start)\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-047",
        "Shows a fake password dialog on the desktop (zenity, kdialog)",
        "T1056.002",
        30,
        r"\bzenity\s(?:(?!\bzenity\b)[^\n]){0,80}?--password\b|\bkdialog\s{1,3}--password\b",
        tags=TAGS,
    ),
    technique(
        "TUX-048",
        "Takes a screenshot on Linux or macOS",
        "T1113",
        20,
        (
            r"\bxwd\s{1,3}-root\b",
            r"\bscreencapture\s{1,3}(?:-[a-zA-Z]{1,4}\s{1,3}){0,4}[\"']?(?:/|~|\$|-)",
            r"\bgnome-screenshot\b|\bspectacle\s{1,3}-b\b|\b(?:maim|grim)\s{1,3}(?:-\w|/|~|\$)",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-049",
        "Records audio through QuickTime from AppleScript",
        "T1123",
        30,
        near(r"\bQuickTime Player\b", r"\bnew audio recording\b", 200),
        tags=TAGS,
    ),
    technique(
        "TUX-050",
        "Encrypts files with gpg, openssl or ccrypt using a script-held secret",
        "T1486",
        20,
        (
            near(
                r"\bgpg\b",
                r"--passphrase(?:-fd|-file)?\b(?:(?!\bgpg\b)[^\n]){0,120}?\s(?:-c|"
                r"--symmetric)\b",
                200,
            ),
            near(
                r"\bgpg\b", r"\s(?:-c|--symmetric)\b(?:(?!\bgpg\b)[^\n]){0,120}?--passphrase", 200
            ),
            r"\bccrypt\s{1,3}(?:-[a-zA-Z]\s{1,3}){0,3}-e\b",
            near(r"\bopenssl\b", r"\b(?:rsautl|pkeyutl)\s{1,3}-encrypt\b", 40),
            near(r"\bopenssl\s{1,3}enc\b", r"\s-in\s(?:(?!\bopenssl\b)[^\n]){0,120}?\s-out\s", 120),
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-051",
        "Overwrites a file's contents with zeros or random data (dd)",
        "T1485",
        25,
        (
            near(
                r"\bdd\b",
                r"\bof=(?!/dev/)[\"']?[/~$][^\s\"']{1,200}\s(?:(?!\bdd\b)[^\n]){0,80}?"
                r"\bif=/dev/(?:zero|u?random)\b",
                160,
            ),
            near(
                r"\bdd\b",
                r"\bif=/dev/(?:zero|u?random)\b(?:(?!\bdd\b)[^\n]){0,80}?\bof=(?!/dev/)"
                r"[\"']?[/~$][^\s\"']{1,200}\s(?:(?!\bdd\b)[^\n]){0,40}?\bcount=\$\(",
                160,
            ),
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-052",
        "Securely erases files (shred -u, srm, wipe)",
        "T1070.004",
        10,
        r"\bshred\s{1,3}(?:-[a-zA-Z]{1,4}\s{1,3}){0,3}-[a-zA-Z]{0,3}u|\bsrm\s{1,3}-|\bwipe\s{1,3}-r",
        tags=TAGS,
    ),
    technique(
        "TUX-053",
        "Shuts down or reboots a Unix host",
        "T1529",
        4,
        (
            r"\bshutdown\s{1,3}-[hrP]\s{1,3}(?:now|\+?0)\b",
            r"\bsudo\s{1,3}(?:reboot|halt|poweroff)\b",
            r"\binit\s{1,3}[06]\s{0,3}$|\bsystemctl\s{1,3}(?:reboot|poweroff|halt)\b",
            r"\becho\s{1,3}[bo]\s{0,3}>\s{0,3}/proc/sysrq-trigger\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-054",
        "Deletes, locks or changes the password of another account",
        "T1531",
        8,
        (
            r"\buserdel\s|\bpasswd\s{1,3}-l\s|\busermod\s{1,3}-L\b",
            r"\bdscl\s{1,3}\.\s{1,3}-(?:delete|passwd)\s{1,3}/Users/",
            r"\bsysadminctl\s{1,3}-(?:deleteUser|resetPasswordFor)\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-055",
        "Splits data into fixed-size chunks before sending",
        "T1030",
        15,
        r"\bsplit\s{1,3}(?:-[a-z]\s{1,3}\S{1,20}\s{1,3}){0,3}-b\s{1,3}\d{1,12}[kKmMgG]?\b",
        tags=TAGS,
    ),
    technique(
        "TUX-056",
        "Encodes data before sending it (base64 into a URL or DNS name)",
        "T1132.001",
        15,
        (
            near(r"\bbase64\b", r"\|\s{0,3}(?:curl|wget|nc|nslookup|dig)\b", 80),
            near(
                r"\b(?:curl|wget|nslookup|dig)\b", r"\$\{?\w{1,30}\}?\.[\w-]{1,60}\.\w{2,10}\b", 80
            ),
        ),
        all_of=(r"\bbase64\b|\bxxd\b|\bb64encode\b",),
        tags=TAGS,
    ),
    technique(
        "TUX-057",
        "Pulls a file from another host over SSH (scp, sftp, rsync)",
        "T1105",
        3,
        r"\b(?:scp|sftp|rsync)\s{1,3}(?:-[a-zA-Z]{1,6}\s{1,3}){0,4}[\w.-]{1,32}@[\w.-]{1,64}:\S{1,200}"
        r"\s{1,3}[\"']?(?:/|\.|~)",
        tags=TAGS,
    ),
    technique(
        "TUX-058",
        "Opens an encrypted shell channel with openssl s_client",
        ("T1573.002", "T1059.004"),
        45,
        (
            near(
                r"\bopenssl\s{1,3}s_client\b",
                r"-connect\s{1,3}\S{1,100}(?:(?!\bopenssl\b)[^\n]){0,80}?"
                r"\|\s{0,3}(?:/bin/)?(?:ba|z|da)?sh\b",
                200,
            ),
            near(r"\b(?:ba|z|da)?sh\s{1,3}-i\b", r"\|\s{0,3}openssl\s{1,3}s_client\b", 80),
        ),
        tags=TAGS,
    ),
    technique(
        "TUX-059",
        "Poisons ARP caches to intercept traffic",
        "T1557.002",
        45,
        r"\b(?:arpspoof|ettercap\s{1,3}-[a-zA-Z]{0,4}M|bettercap)\b",
        tags=TAGS,
    ),
    technique(
        "TUX-060",
        "Floods a host with traffic or slow connections",
        ("T1498.001", "T1499"),
        40,
        (r"\bhping3\b(?:(?!\bhping3\b)[^\n]){0,120}?--flood\b", r"\bslowloris(?:\.py)?\b"),
        tags=TAGS,
    ),
)
"""Credential access, collection and impact on Linux and macOS."""
