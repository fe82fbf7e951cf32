"""Examples for the Windows discovery `TWN-` rules; all synthetic, written for these tests."""

from __future__ import annotations

from wingman.core.scripts.types import Lang

PS = Lang.POWERSHELL
BAT = Lang.BATCH
SH = Lang.BASH

# (rule id, language of the layer, text that must fire the rule)
POSITIVE: tuple[tuple[str, Lang, str], ...] = (
    ("TWN-001", BAT, "wmic os get Caption,Version,BuildNumber"),
    ("TWN-001", PS, "Get-CimInstance -ClassName Win32_OperatingSystem | Select Caption"),
    ("TWN-001", BAT, 'reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"'),
    ("TWN-002", BAT, "ipconfig /displaydns"),
    ("TWN-002", BAT, "netsh advfirewall firewall show rule name=all"),
    ("TWN-002", PS, "Get-NetAdapter | Format-List"),
    ("TWN-003", BAT, "arp -a"),
    ("TWN-003", BAT, "net view /domain"),
    ("TWN-003", BAT, 'net group "Domain Computers" /domain'),
    ("TWN-004", BAT, "net session\nnet use"),
    ("TWN-004", PS, "Get-NetTCPConnection -State Established"),
    ("TWN-005", BAT, "quser"),
    ("TWN-005", BAT, "whoami"),
    ("TWN-006", BAT, "tasklist /v"),
    ("TWN-006", PS, "Get-Process | Sort-Object CPU"),
    ("TWN-007", BAT, "sc query type= service state= all"),
    ("TWN-007", BAT, "tasklist /svc"),
    ("TWN-008", BAT, 'reg query "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"'),
    ("TWN-009", BAT, "reg query HKLM /f password /t REG_SZ /s"),
    ("TWN-009", BAT, "reg query HKCU\\Software\\SimonTatham\\PuTTY\\Sessions /s"),
    (
        "TWN-009",
        BAT,
        'reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon" /v'
        " DefaultPassword",
    ),
    ("TWN-010", BAT, "net localgroup administrators"),
    ("TWN-010", PS, "Get-LocalGroupMember -Group Administrators"),
    ("TWN-011", BAT, 'net group "Enterprise Admins" /domain'),
    ("TWN-011", PS, "Get-ADGroupMember -Identity 'Domain Admins'"),
    ("TWN-012", BAT, "gpresult /z"),
    ("TWN-013", BAT, "net accounts /domain"),
    ("TWN-013", PS, "Get-ADDefaultDomainPasswordPolicy"),
    ("TWN-014", BAT, "wmic useraccount get name,sid"),
    ("TWN-015", PS, "Get-ADUser -Filter * -Properties lastlogondate"),
    ("TWN-015", BAT, "dsquery user -limit 0"),
    ("TWN-016", BAT, "wmic product get name,version"),
    (
        "TWN-016",
        PS,
        "Get-ItemProperty HKLM:\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*",
    ),
    ("TWN-017", BAT, "fltmc"),
    ("TWN-017", BAT, "sc query WinDefend"),
    ("TWN-017", PS, "Get-MpPreference | Select ExclusionPath"),
    ("TWN-001", BAT, "hostname"),
    (
        "TWN-001",
        BAT,
        "REG QUERY HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography /v MachineGuid",
    ),
    ("TWN-003", BAT, "nslookup -querytype=ALL -timeout=12 _ldap._tcp.dc._msdcs.corp.local"),
    ("TWN-004", BAT, "net sessions"),
    ("TWN-013", BAT, "secedit.exe /export /areas SECURITYPOLICY /cfg output_mysecpol.txt"),
)

# (language, text) that no rule may judge suspicious
BENIGN: tuple[tuple[Lang, str], ...] = (
    (BAT, "chcp 65001 >nul\nipconfig /all\nnet use Z: \\\\fileserver\\share /persistent:yes"),
    (PS, "Get-Process | Where-Object CPU -gt 100 | Stop-Process -WhatIf\nGet-Service Spooler"),
    (BAT, "reg query HKLM\\Software\\Vendor\\App /v InstallPath\nsc query Spooler\ntasklist"),
    (PS, "Get-CimInstance Win32_OperatingSystem | Select-Object LastBootUpTime\nGet-Culture"),
    (BAT, "net localgroup administrators backupadmin /add\nnet accounts /maxpwage:90"),
    (PS, "Test-NetConnection -ComputerName web01 -Port 443\nGet-NetIPAddress -AddressFamily IPv4"),
)
