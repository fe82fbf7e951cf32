"""Examples for the Unix and macOS evasion `TUX-` rules; all synthetic, written for these tests."""

from __future__ import annotations

from wingman.core.scripts.types import Lang

SH = Lang.BASH

# (rule id, language of the layer, text that must fire the rule)
POSITIVE: tuple[tuple[str, Lang, str], ...] = (
    ("TUX-120", SH, "export HISTCONTROL=ignoreboth"),
    ("TUX-120", SH, "export HISTIGNORE='*'"),
    ("TUX-121", SH, "sudo log erase --all"),
    ("TUX-121", SH, "rm -rf /var/log/*"),
    ("TUX-121", SH, "rm /var/log/hostd.log /var/log/vmkernel.log"),
    ("TUX-122", SH, "sudo systemctl stop falcon-sensor"),
    ("TUX-122", SH, "sudo launchctl unload /Library/LaunchDaemons/com.crowdstrike.falcond.plist"),
    ("TUX-123", SH, "service rsyslog stop"),
    ("TUX-124", SH, "csrutil disable"),
    ("TUX-125", SH, "sudo spctl --master-disable"),
    ("TUX-126", SH, "xattr -d com.apple.quarantine /tmp/app.dmg"),
    ("TUX-127", SH, "sudo /usr/libexec/ApplicationFirewall/socketfilterfw --setglobalstate off"),
    ("TUX-127", SH, "pfctl -d"),
    ("TUX-128", SH, "chflags hidden /tmp/.payload"),
    ("TUX-128", SH, 'mkdir -p "/tmp/... "'),
    ("TUX-129", SH, "sudo dscl . -create /Users/art IsHidden 1"),
    ("TUX-130", SH, "chattr -i /etc/passwd"),
    ("TUX-130", SH, "chmod -R 777 /opt/app "),
    ("TUX-131", Lang.PYTHON, "fd = os.memfd_create('x', 0)"),
    ("TUX-132", SH, 'gdb -p 4242 -batch -ex "call (void*)dlopen(\\"/tmp/x.so\\", 2)"'),
    ("TUX-133", SH, "echo 6964 | xxd -r -p | sh"),
    ("TUX-133", SH, "openssl enc -d -base64 -in /tmp/p.b64 | bash"),
    (
        "TUX-134",
        SH,
        "sudo security add-trusted-cert -d -r trustRoot -k"
        " /Library/Keychains/System.keychain ca.crt",
    ),
    ("TUX-134", SH, "cp ca.crt /usr/local/share/ca-certificates/ && update-ca-certificates"),
    ("TUX-135", SH, "osascript -e 'display notification \"x\"'"),
    ("TUX-136", SH, "osascript -l JavaScript -e 'Application(\"Finder\")'"),
    (
        "TUX-137",
        SH,
        "osascript -e 'do shell script \"id\" with administrator privileges'",
    ),
    ("TUX-138", SH, "launchctl submit -l evil -- /tmp/evil"),
    ("TUX-139", SH, "sudo defaults write com.apple.loginwindow LoginHook /tmp/hook.sh"),
    ("TUX-140", SH, "sudo cp -r EvilItem /Library/StartupItems/EvilItem"),
    (
        "TUX-141",
        SH,
        'osascript -e \'tell application "System Events" to make login item at end with'
        ' properties {path:"/tmp/a.app"}\'',
    ),
    (
        "TUX-142",
        SH,
        "sudo defaults write ~/Library/Preferences/ByHost/com.apple.loginwindow.plist"
        " TALAppsToRelaunchAtLogin -array-add x",
    ),
    ("TUX-143", SH, "sudo cp evil.plist /etc/emond.d/rules/evil.plist"),
    ("TUX-144", SH, "tccutil reset All"),
    (
        "TUX-144",
        SH,
        'sqlite3 ~/Library/Application\\ Support/com.apple.TCC/TCC.db "INSERT INTO access'
        " VALUES('kTCCServiceCamera','com.x',0,1,1,NULL,NULL)\"",
    ),
    ("TUX-146", SH, "echo aWQK | base64 -d > /tmp/a.sh"),
    ("TUX-146", SH, "python3 -c 'import base64; print(base64.b64decode(\"aWQ=\"))'"),
    (
        "TUX-145",
        SH,
        'plutil -insert LSEnvironment -json \'{"DYLD_INSERT_LIBRARIES":"/tmp/x"}\' Info.plist',
    ),
)

# (language, text) that no rule may judge suspicious
BENIGN: tuple[tuple[Lang, str], ...] = (
    (SH, "export HISTCONTROL=ignoredups\nexport HISTSIZE=10000"),
    (
        SH,
        "systemctl stop nginx\nservice apache2 stop\n"
        "launchctl unload ~/Library/LaunchAgents/dev.plist",
    ),
    (SH, "csrutil status\nspctl --status\nchmod 644 /etc/app.conf"),
    (SH, "rm -rf /var/log/myapp/old\nfind /var/log/myapp -name '*.gz' -mtime +30"),
    (SH, "update-ca-certificates\nosascript -e 'tell app \"Finder\" to activate'"),
)
