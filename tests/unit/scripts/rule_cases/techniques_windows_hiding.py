"""Examples for the masquerading and hiding `TWN-` rules; all synthetic, written for these tests."""

from __future__ import annotations

from wingman.core.scripts.types import Lang

PS = Lang.POWERSHELL
BAT = Lang.BATCH
SH = Lang.BASH

# (rule id, language of the layer, text that must fire the rule)
POSITIVE: tuple[tuple[str, Lang, str], ...] = (
    (
        "TWN-180",
        BAT,
        "copy %windir%\\System32\\windowspowershell\\v1.0\\powershell.exe %APPDATA%\\taskhostw.exe"
        " /Y",
    ),
    ("TWN-180", BAT, "copy C:\\Windows\\System32\\cmd.exe C:\\Windows\\Temp\\lsass.exe"),
    ("TWN-180", SH, "cp /bin/sh /tmp/crond; /tmp/crond -c 'id'"),
    ("TWN-181", BAT, "start %TEMP%\\svchost.exe"),
    ("TWN-181", PS, 'Start-Process "C:\\Users\\Public\\lsass.exe"'),
    ("TWN-182", BAT, "copy payload.exe invoice.pdf.exe"),
    ("TWN-183", PS, 'Remove-Item -Path "$Env:SystemRoot\\Prefetch\\*.pf" -Force'),
    ("TWN-183", BAT, "rd /s /q %systemdrive%\\$RECYCLE.BIN"),
    ("TWN-184", BAT, "fsutil usn deletejournal /D C:"),
    ("TWN-185", BAT, "net use \\\\10.0.0.5\\C$ /delete"),
    ("TWN-185", BAT, "net share hidden$ /delete"),
    (
        "TWN-186",
        BAT,
        'reg delete "HKEY_CURRENT_USER\\Software\\Microsoft\\Terminal Server Client\\Default" /va'
        " /f",
    ),
    ("TWN-186", PS, 'Remove-Item -Path "$env:USERPROFILE\\Documents\\Default.rdp" -Force'),
    ("TWN-187", PS, 'Get-ChildItem a.txt | % { $_.LastWriteTime = "01/01/1970 00:00:00" }'),
    ("TWN-187", SH, "touch -a -t 197001010000.00 /tmp/a.txt"),
    ("TWN-187", SH, 'SetFile -d "01/01/1970 00:00:00" /tmp/a.txt'),
    ("TWN-188", SH, 'date 010100001971\ntouch /tmp/x\ndate "$NOW"'),
    ("TWN-188", PS, "Set-Date -Date (Get-Date).AddDays(-365)"),
    ("TWN-179", SH, 'date 010100001971\ntouch /tmp/a.txt\ndate "$NOW"'),
    ("TWN-189", PS, '$n = "PATH" + [char]0x200C\n[Environment]::SetEnvironmentVariable($n, "x")'),
    (
        "TWN-190",
        SH,
        'python3 -c \'import base64,subprocess; c=base64.b64decode("aWQ=");'
        " subprocess.call(c, shell=True)'",
    ),
    ("TWN-191", SH, "dd if=/dev/zero bs=1 count=1 >> /tmp/evil-binary"),
    ("TWN-192", SH, "upx --best -o packed.exe tool.exe"),
    ("TWN-193", BAT, "icacls.exe %temp%\\folder /grant Everyone:F"),
    ("TWN-193", BAT, 'icacls C:\\data /grant "Everyone":(OI)(CI)F /T'),
    ("TWN-194", BAT, "takeown /f C:\\Windows\\System32\\sethc.exe"),
    ("TWN-195", BAT, "conhost.exe --headless cmd /c calc"),
    ("TWN-195", BAT, "wsl.exe -e /bin/bash -c id"),
    ("TWN-195", BAT, "explorer.exe /root,C:\\Users\\Public\\a.exe"),
    ("TWN-196", BAT, 'msdt.exe /id PCWDiagnostic /skip force /param "IT_LaunchMethod=ContextMenu"'),
    ("TWN-196", BAT, "InfDefaultInstall.exe C:\\Users\\Public\\a.inf"),
    (
        "TWN-196",
        BAT,
        "wuauclt.exe /UpdateDeploymentProvider C:\\Users\\Public\\a.dll /RunHandlerComServer",
    ),
    ("TWN-196", BAT, "Gpscript /logon"),
    ("TWN-196", BAT, "wlrmdr.exe -s 3600 -f 0 -t _ -m _ -a 11 -u calc.exe"),
    ("TWN-197", BAT, "verclsid.exe /S /C {00000001-0000-0000-0000-0000FEEDACDC}"),
    ("TWN-198", BAT, "mavinject.exe 1000 /INJECTRUNNING C:\\Users\\Public\\a.dll"),
    ("TWN-199", BAT, "mmc.exe -Embedding C:\\Users\\Public\\a.msc"),
    ("TWN-199", BAT, "mmc.exe %TEMP%\\console.msc"),
)

# (language, text) that no rule may judge suspicious
BENIGN: tuple[tuple[Lang, str], ...] = (
    (BAT, "copy C:\\Windows\\System32\\notepad.exe D:\\backup\\notepad.exe"),
    (SH, "cp /bin/bash /usr/local/bin/bash\ntouch -d '2024-01-01 00:00' marker"),
    (BAT, "takeown /f C:\\old\\folder /r /d y\nicacls C:\\old\\folder /grant Administrators:F"),
    (PS, "$f.LastWriteTime = Get-Date\nnet use Z: /delete"),
    (BAT, "start C:\\Windows\\explorer.exe\nmmc compmgmt.msc"),
)
