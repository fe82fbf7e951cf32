"""Examples for the registry persistence `TWN-` rules; all synthetic, written for these tests."""

from __future__ import annotations

from wingman.core.scripts.types import Lang

PS = Lang.POWERSHELL
BAT = Lang.BATCH

_CCS = "HKLM\\SYSTEM\\CurrentControlSet"
_CV = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion"

# (rule id, language of the layer, text that must fire the rule)
POSITIVE: tuple[tuple[str, Lang, str], ...] = (
    (
        "TWN-200",
        BAT,
        f'reg add "{_CV}\\Explorer\\User Shell Folders" /v Startup /t REG_EXPAND_SZ /d'
        " C:\\Users\\Public\\s /f",
    ),
    (
        "TWN-229",
        PS,
        'Copy-Item ".\\src\\start.bat" "$env:APPDATA\\Microsoft\\Windows\\Start Menu\\Programs\\'
        'Startup\\start.bat"',
    ),
    (
        "TWN-201",
        BAT,
        f'reg add "{_CCS}\\Control\\Session Manager" /v BootExecute /t REG_MULTI_SZ /d'
        ' "autocheck autochk *\\0evil" /f',
    ),
    (
        "TWN-202",
        BAT,
        f'reg add "{_CCS}\\Control\\Lsa" /v "Authentication Packages" /t REG_MULTI_SZ /d'
        ' "msv1_0\\0evil" /f',
    ),
    (
        "TWN-203",
        BAT,
        f'reg add "{_CCS}\\Control\\Lsa\\OSConfig" /v "Security Packages" /t REG_MULTI_SZ /d'
        " evilssp /f",
    ),
    ("TWN-203", PS, "Install-SSP -Path .\\mimilib.dll"),
    (
        "TWN-204",
        BAT,
        f'reg add "{_CCS}\\Control\\Lsa" /v "Notification Packages" /t REG_MULTI_SZ /d'
        ' "scecli\\0pwfilter" /f',
    ),
    (
        "TWN-205",
        BAT,
        f'reg add "{_CCS}\\Services\\W32Time\\TimeProviders\\Evil" /v DllName /t REG_SZ /d'
        " C:\\Users\\Public\\t.dll /f",
    ),
    (
        "TWN-206",
        BAT,
        f'reg add "{_CCS}\\Services\\NTDS" /v LsaDbExtPt /t REG_SZ /d C:\\Users\\Public\\x.dll /f',
    ),
    (
        "TWN-207",
        BAT,
        f'reg add "{_CCS}\\Control\\Print\\Monitors\\EvilMon" /v Driver /d monitor.dll /t REG_SZ',
    ),
    (
        "TWN-208",
        BAT,
        f'reg add "{_CCS}\\Control\\Print\\Environments\\Windows x64\\Print Processors\\Evil" /v'
        " Driver /d evil.dll /t REG_SZ /f",
    ),
    (
        "TWN-209",
        BAT,
        'reg add "HKLM\\SOFTWARE\\Microsoft\\Active Setup\\Installed Components\\{C9E9A340-D1F1-'
        '11D0-821E-444553540600}" /v StubPath /d C:\\Users\\Public\\a.exe /f',
    ),
    ("TWN-210", BAT, "assoc .hta=txtfile"),
    ("TWN-210", BAT, 'reg add "HKCR\\txtfile\\shell\\open\\command" /ve /d "C:\\a.exe %1" /f'),
    (
        "TWN-211",
        BAT,
        'reg add "HKCU\\Control Panel\\Desktop" /v SCRNSAVE.EXE /d C:\\Users\\Public\\e.scr /f',
    ),
    (
        "TWN-212",
        BAT,
        f'reg add "{_CCS}\\Control\\Session Manager\\AppCertDlls" /v Evil /d C:\\a.dll /f',
    ),
    ("TWN-213", BAT, "sdbinst.exe -q C:\\Users\\Public\\shim.sdb"),
    (
        "TWN-214",
        BAT,
        'reg add "HKCU\\Software\\Classes\\CLSID\\{B5F8350B-0548-48B1-A6EE-88BD00B4A5E7}\\'
        'InprocServer32" /ve /d C:\\Users\\Public\\a.dll /f',
    ),
    (
        "TWN-215",
        PS,
        'New-ItemProperty -Path "HKLM:\\Software\\Microsoft\\Command Processor" -Name "AutoRun"'
        ' -Value "notepad.exe" -PropertyType "String"',
    ),
    (
        "TWN-216",
        BAT,
        'reg add "HKLM\\SOFTWARE\\Microsoft\\Terminal Server Client" /v ClxDllPath /t REG_SZ /d'
        ' "C:\\Users\\Public\\a.dll" /f',
    ),
    (
        "TWN-216",
        BAT,
        f'reg add "{_CCS}\\Services\\WinSock2\\Parameters" /v AutodialDLL /d C:\\a.dll /f',
    ),
    ("TWN-216", BAT, "copy a.cmd C:\\Windows\\Setup\\Scripts\\ErrorHandler.cmd"),
    (
        "TWN-217",
        BAT,
        'reg add "HKCU\\Software\\Microsoft\\Office test\\Special\\Perf" /t REG_SZ /d C:\\a.dll',
    ),
    (
        "TWN-218",
        BAT,
        'reg add "HKCU\\Software\\Microsoft\\Office\\16.0\\Excel\\Options" /v OPEN /t REG_SZ /d'
        ' "/R C:\\Users\\Public\\a.xll" /f',
    ),
    (
        "TWN-219",
        BAT,
        'reg add "HKCU\\Software\\Microsoft\\Office\\16.0\\Outlook\\WebView\\Inbox" /v URL /t'
        " REG_SZ /d http://192.0.2.10/home.html /f",
    ),
    (
        "TWN-220",
        BAT,
        "copy evil.dotm %APPDATA%\\Microsoft\\Templates\\Normal.dotm /Y",
    ),
    (
        "TWN-221",
        BAT,
        f'reg add "{_CCS}\\Services\\W64Time\\Parameters" /v ServiceDll /t REG_EXPAND_SZ /d'
        " C:\\Users\\Public\\w64.dll /f",
    ),
    (
        "TWN-222",
        BAT,
        'sc failure Spooler reset= 0 actions= run/1000 command= "C:\\Users\\Public\\a.exe"',
    ),
    (
        "TWN-223",
        BAT,
        'reg add "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Schedule\\TaskCache\\'
        'Tree\\Ghost" /v Id /t REG_SZ /d {4D4C8A49-3F1D-4C41-9D58-000000000000} /f',
    ),
    (
        "TWN-224",
        PS,
        "Invoke-CimMethod -ClassName PS_ScheduledTask -NameSpace"
        ' "Root\\Microsoft\\Windows\\TaskScheduler" -MethodName "RegisterByXml" -Arguments $a',
    ),
    ("TWN-224", BAT, 'schtasks /change /tn "\\Microsoft\\Windows\\Defrag\\Task" /tr C:\\a.exe'),
    ("TWN-225", BAT, "at 13:20 /interactive cmd"),
    (
        "TWN-226",
        BAT,
        'reg add "HKLM\\System\\CurrentControlSet\\Services\\TermService\\Parameters" /v'
        " ServiceDll /t REG_EXPAND_SZ /d C:\\a.dll /f",
    ),
    ("TWN-226", BAT, "appcmd.exe install module /name:Evil /image:C:\\inetpub\\evil.dll"),
    ("TWN-227", BAT, "sqlcmd -Q \"EXEC sp_configure 'xp_cmdshell', 1; RECONFIGURE;\""),
    (
        "TWN-228",
        PS,
        'New-ItemProperty -Path "HKLM:\\Software\\Wow6432Node\\Google\\Chrome\\Extensions\\'
        '$extension" -Name "update_url" -Value "https://clients2.google.com/service/update2/crx"',
    ),
    ("TWN-228", BAT, "chrome.exe --load-extension=C:\\Users\\Public\\ext"),
)

# (language, text) that no rule may judge suspicious
BENIGN: tuple[tuple[Lang, str], ...] = (
    (BAT, 'reg query "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa" /v "Security Packages"'),
    (BAT, "assoc .txt\nftype txtfile\nat"),
    (BAT, 'copy app.lnk "%APPDATA%\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\app.lnk"'),
    (BAT, "sc failure Spooler reset= 86400 actions= restart/60000"),
    (
        BAT,
        'reg add "HKCU\\Control Panel\\Desktop" /v ScreenSaveTimeOut /t REG_SZ /d 600 /f',
    ),
)
