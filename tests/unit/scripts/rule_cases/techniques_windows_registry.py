"""Examples for the `TWN-27x`..`TWN-29x` rules; all synthetic, written for these tests."""

from __future__ import annotations

from wingman.core.scripts.types import Lang

PS = Lang.POWERSHELL
BAT = Lang.BATCH
SH = Lang.BASH

_CCS = "HKLM\\SYSTEM\\CurrentControlSet"
_CV = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion"

# (rule id, language of the layer, text that must fire the rule)
POSITIVE: tuple[tuple[str, Lang, str], ...] = (
    (
        "TWN-270",
        BAT,
        f'reg add "{_CCS}\\Control\\Terminal Server\\Wds\\rdpwd" /f /v StartupPrograms /t REG_SZ'
        " /d calc",
    ),
    (
        "TWN-270",
        BAT,
        f'reg add "{_CCS}\\Control\\BootVerificationProgram" /v ImagePath /t REG_SZ /d C:\\a.exe',
    ),
    (
        "TWN-270",
        BAT,
        'reg add "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Explorer\\MyComputer\\'
        'cleanuppath" /t REG_EXPAND_SZ /d "C:\\a.exe" /f',
    ),
    (
        "TWN-271",
        BAT,
        'reg add "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\notepad.exe" /t'
        ' REG_SZ /d "C:\\Windows\\System32\\calc.exe" /f',
    ),
    ("TWN-272", BAT, f"reg add {_CV}\\Explorer\\Advanced /t REG_DWORD /v HideFileExt /d 1 /f"),
    (
        "TWN-273",
        BAT,
        f'reg add "{_CV}\\Internet Settings\\ZoneMap\\Domains\\example.org" /v https /t REG_DWORD'
        " /d 2 /f",
    ),
    (
        "TWN-274",
        BAT,
        'reg add "HKLM\\SOFTWARE\\Policies\\Microsoft\\FVE" /v EnableBDEWithNoTPM /t REG_DWORD'
        " /d 1 /f",
    ),
    (
        "TWN-275",
        BAT,
        'reg add "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU" /v NoAutoUpdate'
        " /t REG_DWORD /d 1 /f",
    ),
    ("TWN-275", BAT, "sc config wuauserv start= disabled"),
    (
        "TWN-276",
        BAT,
        'reg add "HKCU\\Software\\Microsoft\\Terminal Server Client" /v AuthenticationLevelOverride'
        " /t REG_DWORD /d 0 /f",
    ),
    ("TWN-277", BAT, "wmic qfe get description,installedOn /format:csv"),
    ("TWN-277", BAT, 'wmic /node:"127.0.0.1" service where (caption like "%Spooler%")'),
    ("TWN-278", BAT, "cmd.exe /Q /c hostname 1> \\\\127.0.0.1\\ADMIN$\\output.txt 2>&1"),
    ("TWN-279", PS, "New-PSDrive -name g -psprovider filesystem -root \\\\10.0.0.5\\C$"),
    ("TWN-280", BAT, 'copy evil.exe "C:\\Program.exe"'),
    ("TWN-281", PS, '$env:DOTNET_STARTUP_HOOKS = "C:\\Users\\Public\\hook.dll"'),
    ("TWN-282", BAT, "rundll32.exe shell32.dll,Control_RunDLL C:\\Users\\Public\\a.dll"),
    ("TWN-283", BAT, "dir /a:h C:\\Users\\bob\\AppData\\Local\\Microsoft\\Credentials\\"),
    ("TWN-283", SH, 'find / -name "credentials" -type f -path "*/.aws/*" 2>/dev/null'),
    ("TWN-283", BAT, "Snaffler.exe -s -o snaffler.log"),
    (
        "TWN-284",
        BAT,
        "certutil -f -v -encodehex \\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy1\\Windows"
        "\\System32\\config\\SAM %temp%\\SAM.txt 2",
    ),
    ("TWN-285", PS, "Add-ADDBSidHistory -SamAccountName bob -SidHistory $sid -DBPath $db"),
    (
        "TWN-286",
        BAT,
        'mimikatz "lsadump::dcshadow /object:bob /attribute:primaryGroupID /value:512"',
    ),
    (
        "TWN-287",
        BAT,
        'reg add "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\System" /v GroupPolicyRefreshTimeDC'
        " /t REG_DWORD /d 0 /f",
    ),
    ("TWN-288", BAT, 'ntdsutil "set dsrm password" "reset password on server null" q q'),
    ("TWN-289", PS, "Add-MailboxPermission -Identity ceo -User bob -AccessRights FullAccess"),
    ("TWN-290", SH, "sudo sysadminctl -guestAccount on"),
    ("TWN-291", PS, "Set-PSReadLineOption -AddToHistoryHandler { return $false }"),
    (
        "TWN-292",
        PS,
        'Remove-Item -Path "HKLM:\\SOFTWARE\\Microsoft\\AMSI\\Providers\\{2781761E-28E0-4109-99FE-'
        'B9D127C57AFE}" -Recurse',
    ),
    (
        "TWN-292",
        BAT,
        "Dism /online /Disable-Feature /FeatureName:Windows-Defender /Remove /NoRestart",
    ),
    ("TWN-292", PS, "Set-MpPreference -drtm $True"),
    (
        "TWN-292",
        BAT,
        "wmic.exe /Namespace:\\\\root\\Microsoft\\Windows\\Defender class MSFT_MpPreference"
        " call Add ExclusionPath=C:\\",
    ),
    ("TWN-292", SH, "sudo mdatp config real-time-protection --value disabled"),
    (
        "TWN-293",
        BAT,
        'reg add "HKCU\\Software\\Microsoft\\Office\\16.0\\Excel\\Security" /v VBAWarnings'
        " /t REG_DWORD /d 1 /f",
    ),
)

# (language, text) that no rule may judge suspicious
BENIGN: tuple[tuple[Lang, str], ...] = (
    (BAT, f"reg add {_CV}\\Explorer\\Advanced /t REG_DWORD /v HideFileExt /d 0 /f"),
    (
        BAT,
        'reg add "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU" /v NoAutoUpdate'
        " /t REG_DWORD /d 0 /f\nwmic os get caption",
    ),
    (PS, "New-PSDrive -Name S -PSProvider FileSystem -Root \\\\fileserver\\shared"),
    (BAT, "rundll32.exe shell32.dll,Control_RunDLL desk.cpl"),
    (PS, "Set-MpPreference -DisableRealtimeMonitoring $false\nUpdate-MpSignature"),
    (
        BAT,
        'reg add "HKCU\\Software\\Microsoft\\Office\\16.0\\Excel\\Security" /v VBAWarnings'
        " /t REG_DWORD /d 4 /f",
    ),
)
