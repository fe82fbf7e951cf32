"""Examples for the Windows defense-evasion `TWN-` rules; all synthetic, written for these tests."""

from __future__ import annotations

from wingman.core.scripts.types import Lang

PS = Lang.POWERSHELL
BAT = Lang.BATCH

_POL = "HKLM\\SOFTWARE\\Policies\\Microsoft"
_CU = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies"

# (rule id, language of the layer, text that must fire the rule)
POSITIVE: tuple[tuple[str, Lang, str], ...] = (
    ("TWN-140", BAT, "taskkill /f /im MsMpEng.exe"),
    ("TWN-140", PS, "Stop-Process -Name SentinelAgent -Force"),
    ("TWN-140", PS, '& "C:\\Users\\Public\\Backstab64.exe" -k -n MsMpEng.exe'),
    ("TWN-141", BAT, "fltmc.exe unload SysmonDrv"),
    ("TWN-141", BAT, "sysmon64 -u force"),
    ("TWN-142", PS, "Uninstall-WindowsFeature -Name Windows-Defender"),
    (
        "TWN-142",
        BAT,
        'reg add "HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Features" /v TamperProtection'
        " /t REG_DWORD /d 0 /f",
    ),
    (
        "TWN-143",
        BAT,
        f'reg add "{_POL}\\Windows Defender Security Center\\Notifications" /v'
        " DisableNotifications /t REG_DWORD /d 1 /f",
    ),
    ("TWN-143", BAT, f'reg add "{_CU}\\Explorer" /v HideSCAHealth /t REG_DWORD /d 1 /f'),
    (
        "TWN-144",
        BAT,
        f'reg add "{_POL}\\Windows\\System" /v EnableSmartScreen /t REG_DWORD /d 0 /f',
    ),
    (
        "TWN-144",
        PS,
        'Set-ItemProperty -Path "HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Explorer"'
        ' -Name SmartScreenEnabled -Value "Off"',
    ),
    (
        "TWN-145",
        BAT,
        'reg add "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa" /v RunAsPPL /t REG_DWORD /d 0 /f',
    ),
    (
        "TWN-145",
        BAT,
        'reg add "HKLM\\SYSTEM\\CurrentControlSet\\Control\\DeviceGuard\\Scenarios\\'
        'HypervisorEnforcedCodeIntegrity" /v Enabled /t REG_DWORD /d 0 /f',
    ),
    (
        "TWN-146",
        BAT,
        "REG ADD HKLM\\Software\\Microsoft\\.NETFramework /v ETWEnabled /t REG_DWORD /d 0",
    ),
    ("TWN-146", PS, "$env:COMPlus_ETWEnabled = 0"),
    ("TWN-146", BAT, "setx COMPlus_ETWEnabled 0 /m"),
    ("TWN-147", BAT, 'logman stop "EventLog-System" -ets'),
    (
        "TWN-147",
        BAT,
        'reg add "HKLM\\System\\CurrentControlSet\\Control\\WMI\\Autologger\\DefenderApiLogger"'
        " /v Start /t REG_DWORD /d 0 /f",
    ),
    ("TWN-148", BAT, 'auditpol /set /category:"Logon/Logoff" /success:disable /failure:disable'),
    (
        "TWN-149",
        BAT,
        'reg add "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\Audit" /v'
        " ProcessCreationIncludeCmdLine_Enabled /t REG_DWORD /d 0 /f",
    ),
    ("TWN-149", PS, "Set-PSReadLineOption -HistorySaveStyle SaveNothing"),
    ("TWN-150", BAT, "bcdedit /set {current} safeboot network"),
    (
        "TWN-150",
        BAT,
        'reg add "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SafeBoot\\Network\\AtomicSvc" /VE /T'
        " REG_SZ /F /D Service",
    ),
    ("TWN-151", BAT, "bcdedit.exe /set testsigning on"),
    ("TWN-152", BAT, "certutil -addstore -f root C:\\Users\\Public\\ca.cer"),
    (
        "TWN-152",
        PS,
        "Import-Certificate -FilePath .\\ca.cer -CertStoreLocation Cert:\\LocalMachine\\Root",
    ),
    ("TWN-153", PS, "Remove-Item .\\payload.exe -Stream Zone.Identifier"),
    (
        "TWN-154",
        BAT,
        'reg add "HKLM\\SOFTWARE\\Microsoft\\Cryptography\\OID\\EncodingType 0\\'
        'CryptSIPDllVerifyIndirectData\\{C689AAB8-8E78-11D0-8C47-00C04FC295EE}" /v Dll /d'
        " C:\\Users\\Public\\sip.dll /f",
    ),
    (
        "TWN-155",
        BAT,
        'reg add "HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\\SpecialAccounts'
        '\\UserList" /v hidden$ /t REG_DWORD /d 0 /f',
    ),
    ("TWN-156", PS, "Set-Content -Path .\\notes.txt -Stream payload.ps1 -Value $code"),
    ("TWN-156", BAT, "type C:\\temp\\evil.exe > C:\\temp\\readme.txt:evil.exe"),
    ("TWN-157", PS, "Get-Content .\\notes.txt -Stream payload.ps1"),
    ("TWN-158", BAT, 'VBoxManage startvm "Win10" --type headless'),
    ("TWN-159", BAT, 'sc sdset evilsvc "D:(D;;DCLCWPDTSD;;;IU)(D;;DCLCWPDTSD;;;SU)"'),
    ("TWN-160", BAT, f"reg add {_CU}\\System /v DisableTaskMgr /t REG_DWORD /d 1 /f"),
    (
        "TWN-160",
        BAT,
        'reg add "HKCU\\Software\\Policies\\Microsoft\\Windows\\System" /v DisableCMD'
        " /t REG_DWORD /d 1 /f",
    ),
    ("TWN-161", BAT, f"reg add {_CU}\\Explorer /v NoControlPanel /t REG_DWORD /d 1 /f"),
    (
        "TWN-162",
        BAT,
        f'reg add "{_POL}\\SecondaryAuthenticationFactor" /v AllowSecondaryAuthenticationDevice'
        " /t REG_DWORD /d 0 /f",
    ),
    (
        "TWN-162",
        BAT,
        "reg add HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa /v DisableRestrictedAdmin"
        " /t REG_DWORD /d 0 /f",
    ),
    (
        "TWN-163",
        BAT,
        "reg add HKLM\\Software\\Microsoft\\PowerShell\\1\\ShellIds\\Microsoft.PowerShell /v"
        " ExecutionPolicy /t REG_SZ /d Bypass /f",
    ),
    (
        "TWN-164",
        BAT,
        'reg add "HKLM\\Software\\Microsoft\\Windows\\Windows Error Reporting" /v Disabled /t'
        " REG_DWORD /d 1 /f",
    ),
    (
        "TWN-165",
        BAT,
        'reg add "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Event Viewer" /v'
        " MicrosoftRedirectionURL /t REG_SZ /d file://C:/Users/Public/a.exe /f",
    ),
)

# (language, text) that no rule may judge suspicious
BENIGN: tuple[tuple[Lang, str], ...] = (
    (
        BAT,
        'reg add "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa" /v RunAsPPL /t REG_DWORD /d 1 /f\n'
        f'reg add "{_POL}\\Windows\\System" /v EnableSmartScreen /t REG_DWORD /d 1 /f',
    ),
    (BAT, f"reg add {_CU}\\System /v DisableTaskMgr /t REG_DWORD /d 0 /f"),
    (PS, "Get-Content .\\report.txt -Stream Zone.Identifier\nUnblock-File .\\module.psm1"),
    (BAT, 'auditpol /set /subcategory:"Logon" /success:enable /failure:enable'),
    (BAT, "certutil -addstore -f My C:\\certs\\server.pfx\nbcdedit /set {current} description Win"),
)
