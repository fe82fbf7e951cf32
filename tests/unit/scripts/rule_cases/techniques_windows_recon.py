"""Examples for the recon `TWN-` rules; all synthetic, written for these tests."""

from __future__ import annotations

from wingman.core.scripts.types import Lang

PS = Lang.POWERSHELL
BAT = Lang.BATCH
SH = Lang.BASH

# (rule id, language of the layer, text that must fire the rule)
POSITIVE: tuple[tuple[str, Lang, str], ...] = (
    ("TWN-018", PS, "(Invoke-WebRequest -UseBasicParsing https://api.ipify.org).Content"),
    ("TWN-018", BAT, "ping -n 4 8.8.8.8"),
    ("TWN-018", PS, "Test-NetConnection -ComputerName www.google.com"),
    ("TWN-019", BAT, 'reg query "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Nls\\Language"'),
    ("TWN-019", PS, "Get-WinUserLanguageList"),
    ("TWN-019", BAT, "chcp"),
    ("TWN-019", BAT, "wmic /node:localhost os get Locale,OSLanguage,MUILanguages /format:table"),
    ("TWN-020", BAT, "net time \\\\localhost"),
    ("TWN-020", BAT, "w32tm /stripchart /computer:localhost /period:5 /dataonly /samples:2"),
    ("TWN-021", PS, "Get-PnpDevice -PresentOnly"),
    ("TWN-021", BAT, "fsutil fsinfo drives"),
    ("TWN-022", PS, "Get-Process | Where-Object { $_.MainWindowTitle } | Select MainWindowTitle"),
    ("TWN-023", BAT, "driverquery /v"),
    ("TWN-024", BAT, "wevtutil qe Security /c:10 /f:text"),
    ("TWN-024", PS, "Get-EventLog -LogName Security -Newest 20"),
    ("TWN-025", BAT, "dir /s /b c:\\ >> %temp%\\files.txt"),
    ("TWN-025", BAT, "tree C:\\ /F"),
    ("TWN-026", PS, "Get-NetShare -ComputerName fs01"),
    ("TWN-027", PS, "Invoke-TcpPortScan -Target 10.0.0.0/24 -Ports 445"),
    ("TWN-028", PS, "Test-NetConnection -ComputerName 10.0.0.5 -Port 445"),
    ("TWN-029", BAT, "netsh trace start capture=yes tracefile=%temp%\\t.etl maxsize=10"),
    ("TWN-029", BAT, "pktmon start --etw -c"),
    ("TWN-029", SH, "tcpdump -c 5 -nnni eth0"),
    ("TWN-029", SH, "tshark -i eth0 -c 10"),
    ("TWN-030", PS, "(Get-WmiObject Win32_PortConnector).Count"),
    ("TWN-031", PS, ". .\\ADRecon.ps1 -OutputDir C:\\Users\\Public\\r"),
    ("TWN-031", BAT, 'ADExplorer.exe -snapshot "" C:\\Users\\Public\\ad.snap'),
    ("TWN-032", BAT, "dir \\\\127.0.0.1\\c$"),
    (
        "TWN-030",
        BAT,
        'reg query "HKLM\\SYSTEM\\ControlSet001\\Services\\Disk\\Enum" /v 0 | findstr /i vbox',
    ),
    ("TWN-033", PS, "Test-NetConnection -ComputerName google.com -port 8081"),
    ("TWN-033", SH, "echo quit | telnet google.com 8081"),
)

# (language, text) that no rule may judge suspicious
BENIGN: tuple[tuple[Lang, str], ...] = (
    (PS, "Test-NetConnection -ComputerName web01 -Port 443\nGet-Culture\nGet-TimeZone"),
    (BAT, "chcp 65001 >nul\nw32tm /resync\nnetsh trace stop"),
)
