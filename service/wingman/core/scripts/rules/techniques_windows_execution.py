"""Rules for ATT&CK execution, download and privilege-escalation command lines on Windows:
signed binaries that run or fetch code, offensive PowerShell modules, injection tools.

Rule ids are `TWN-NNN` (300-339). Tool and cmdlet names from public offensive toolkits are
behaviour, not samples: they say what the script does. Gaps are bounded (see platforms.near).
"""

from __future__ import annotations

from wingman.core.scripts.rules.platforms import near, technique

TAGS = frozenset({"technique", "execution"})
_URL = r"[\"']?(?:https?|ftp)://"

RULES = (
    technique(
        "TWN-300",
        "Loads a DLL or package through msiexec or the WMI installer class",
        "T1218.007",
        35,
        (
            r"\bmsiexec(?:\.exe)?\s{1,3}(?:/q\w?\s{1,3})?/[yz]\s{1,3}[\"']?[^\n\"']{1,200}\.dll\b",
            near(
                r"\bWin32_Product\b",
                r"(?:-MethodName\s{1,3}[\"']?Install\b|\.Install\s{0,3}\()",
                120,
            ),
            near(r"\bwmic(?:\.exe)?\s{1,3}product\b", r"\bcall\s{1,3}install\b", 120),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-301",
        "Runs an assembly's installer classes outside InstallUtil (ManagedInstallerClass)",
        "T1218.004",
        25,
        (
            r"\bManagedInstallerClass\]::InstallHelper\b",
            r"\bConfiguration\.Install\.AssemblyInstaller\b",
            r"\bCheckIfInstallable\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-302",
        "Proxies code through a signed Microsoft script (pubprn, CL_Invocation, manage-bde.wsf)",
        ("T1216", "T1216.001"),
        40,
        (
            near(r"\bpubprn\.vbs\b", r"\bscript:", 200),
            r"\bCL_(?:Mutexes|Invocation|LoadAssembly)\.ps1\b",
            r"\bmanage-bde\.wsf\b",
            near(r"\bwinrm\.vbs\b", r"-format:pretty\b", 200),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-303",
        "Runs an XSL transform with msxsl",
        "T1220",
        45,
        r"\bmsxsl(?:\.exe)?\s{1,3}[\"']?\S{1,200}\s{1,3}[\"']?\S{1,200}\.xslt?\b",
        tags=TAGS,
    ),
    technique(
        "TWN-304",
        "Runs code through a trusted developer utility (Workflow Compiler, csi, tracker, cdb)",
        "T1127",
        40,
        (
            r"\bMicrosoft\.Workflow\.Compiler(?:\.exe)?\s{1,3}\S",
            r"\br?csi(?:\.exe)?\s{1,3}[\"']?[^\n\"']{1,200}\.csx\b",
            r"\btracker(?:\.exe)?\s{1,3}/d\s{1,3}\S{1,200}\.dll\b",
            r"\bcdb(?:\.exe)?\s{1,3}-cf\s{1,3}\S",
            r"\bdnx(?:\.exe)?\s{1,3}consoleapp\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-305",
        "Starts a ClickOnce application from a script",
        "T1127.002",
        35,
        r"\brundll32(?:\.exe)?[\"']?\s{1,3}dfshim(?:\.dll)?\s{0,3},\s{0,3}ShOpenVerbApplication\b",
        tags=TAGS,
    ),
    technique(
        "TWN-306",
        "Runs a process-injection tool named after its API (CreateRemoteThread, QueueUserAPC...)",
        "T1055",
        45,
        r"\b(?:RtlCreateUserThread|CreateRemoteThread|NtCreateThreadEx|NtQueueApcThread(?:Ex)?"
        r"|QueueUserAPC|EtwpCreateEtwThread|UuidFromStringA|CreateThreadpoolWait|CreateFiber"
        r"|NtMapViewOfSection|SetThreadContext|EarlyBird|ProcessHollowing|ProcessDoppelganging"
        r"|ThreadHijack(?:ing)?|DirtyVanity|PoolParty|SectionView|ModuleStomping"
        r"|CreateProcessWithPipe|ReadWriteExecute)\w{0,20}\.exe\b",
        tags=TAGS,
    ),
    technique(
        "TWN-307",
        "Injects shellcode, a DLL or a PE with a PowerShell module (PowerSploit)",
        ("T1055", "T1055.001"),
        50,
        r"\bInvoke-(?:Shellcode|DllInjection|ReflectivePEInjection|PSInject|ProcessHollowing"
        r"|ShellcodeMSIL|InjectShellcode)\b",
        tags=TAGS,
    ),
    technique(
        "TWN-308",
        "Hands an Electron app a command to run (--gpu-launcher, --renderer-cmd-prefix)",
        "T1218.015",
        45,
        r"\s--(?:gpu-launcher|utility-cmd-prefix|renderer-cmd-prefix|browser-subprocess-path)"
        r"\s{0,3}=\s{0,3}[\"']?\S",
        tags=TAGS,
    ),
    technique(
        "TWN-309",
        "Turns on a .NET profiler that every .NET process will load (COR_PROFILER)",
        "T1574.012",
        25,
        (
            r"\b(?:COR|CORECLR)_PROFILER_PATH(?:_(?:32|64))?\b",
            r"(?:\bsetx?\s{1,3}|\$env:)(?:COR|CORECLR)_ENABLE_PROFILING\b[\"']?\s{0,3}=?\s{0,3}[\"']?1\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-310",
        "Puts a user-writable folder first on the machine PATH",
        "T1574.007",
        30,
        r"\bsetx(?:\.exe)?\s{1,3}(?:/m\s{1,3})?PATH\s{1,3}[\"']?(?:%(?:TEMP|TMP|APPDATA|PUBLIC"
        r"|LOCALAPPDATA)%|C:\\Users\\Public|C:\\ProgramData|C:\\Windows\\Temp)",
        tags=TAGS,
    ),
    technique(
        "TWN-311",
        "Plants a DLL under a name that Windows programs load from their own folder",
        "T1574.001",
        35,
        near(
            r"\b(?:copy|Copy-Item|xcopy|move|Move-Item)\b",
            r"[\\/](?:amsi|version|wbemcomn|dbghelp|winmm|cryptbase|dwmapi|uxtheme|userenv|profapi"
            r"|wtsapi32|winhttp|wlbsctrl|TSMSISrv|TSVIPSrv|ualapi|edgegdi|WptsExtensions|fveapi"
            r"|sspicli|secur32|mscoree|iertutil|WindowsCodecs|propsys|dxgi)\.dll[\"']?\s{0,3}"
            r"(?:$|[;&|/])",
            200,
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-312",
        "Downloads a file with a signed Windows binary (MpCmdRun, certreq, desktopimgdownldr...)",
        "T1105",
        40,
        (
            near(r"\bMpCmdRun(?:\.exe)?\b", r"-DownloadFile\b", 120),
            near(
                r"\bcertreq(?:\.exe)?\b",
                rf"-Post\b(?:(?!\bcertreq\b)[^\n]){{0,40}}?-config\s{{1,3}}"
                rf"{_URL}",
                120,
            ),
            near(r"\bdesktopimgdownldr(?:\.exe)?\b", rf"/lockscreenurl:{_URL}", 120),
            near(r"\bcertoc(?:\.exe)?\b", rf"-GetCACAPS\s{{1,3}}{_URL}", 120),
            near(
                r"\b(?:GfxDownloadWrapper|IMEWDBLD|ConfigSecurityPolicy|DataSvcUtil|cmdl32"
                r"|Installutil)(?:\.exe)?\b",
                _URL,
                120,
            ),
            r"\bms-appinstaller:\?source=",
            near(r"\b(?:nimgrab|GUP)(?:\.exe)?\b", _URL, 200),
            near(r"\bsqlcmd(?:\.exe)?\b", rf"\s-i\s{{1,3}}{_URL}", 120),
            near(
                r"\bmsedge(?:\.exe)?\b",
                r"--headless\b(?:(?!\bmsedge\b)[^\n]){0,80}?--dump-dom\b",
                120,
            ),
            near(
                r"\bPrintBrm(?:\.exe)?\b",
                r"\s-b\s(?:(?!\bPrintBrm\b)[^\n]){0,40}?-d\s{1,3}\\\\",
                120,
            ),
            near(r"\breplace(?:\.exe)?\s{1,3}\\\\", r"\s/A\b", 160),
            r"\bfinger(?:\.exe)?\s{1,3}\S{1,80}@[\w.-]{3,64}\s{0,3}\|",
            r"\btftp(?:\.exe)?\s{1,3}-i\s{1,3}\S{1,64}\s{1,3}GET\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-313",
        "Downloads a file with a macOS or Unix helper that is not a download tool (nscurl, whois)",
        "T1105",
        30,
        (
            near(r"\bnscurl\b", r"\s(?:-o|--output|--download)\s", 200),
            near(r"\bnscurl\b", _URL, 200),
            r"\bwhois\s{1,3}-h\s{1,3}\S{1,64}\s{1,3}-p\s{1,3}\d{2,5}\b(?:(?!\bwhois\b)[^\n]){0,120}?>",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-314",
        "Downloads an executable into a user-writable folder with curl on Windows",
        "T1105",
        15,
        near(
            r"\bcurl(?:\.exe)?\b",
            r"\s(?:-o|--output)\s{1,3}[\"']?(?:%(?:TEMP|TMP|APPDATA|PUBLIC"
            r"|LOCALAPPDATA|USERPROFILE)%|\$env:\w{2,15}|C:\\Users\\|C:\\ProgramData\\)[^\s\"']{0,160}"
            r"\.(?:exe|dll|ps1|bat|cmd|vbs|hta|scr)\b",
            200,
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-315",
        "Calls offensive PowerShell module functions (PowerSploit, Nishang, PowerUp)",
        "T1059.001",
        40,
        r"\b(?:Add-Persistence|Get-GPPAutologon|Get-HttpStatus|Get-SecurityPackages"
        r"|Invoke-CredentialInjection|Invoke-WmiCommand|New-ElevatedPersistenceOption"
        r"|New-UserPersistenceOption|Out-CompressedDll|Out-EncodedCommand|Out-EncryptedScript"
        r"|Set-CriticalProcess|Invoke-ReverseDnsLookup|Get-ModifiableService(?:File)?"
        r"|Get-UnquotedService|Invoke-ServiceAbuse|Write-HijackDll|Find-PathDLLHijack"
        r"|Get-RegistryAlwaysInstallElevated|Invoke-PowerShellWmi|Invoke-Mimikittenz"
        r"|Invoke-SessionGopher|Invoke-WinPwn|Invoke-Seatbelt|Invoke-Rubeus|Invoke-SharpUp"
        r"|Invoke-Sharpcradle|Invoke-Tater|Invoke-Phant0m|Invoke-CredentialPhisher"
        r"|Invoke-HostRecon|Invoke-EDRChecker|Invoke-Watson|Invoke-PrivescAudit)\b",
        tags=TAGS,
    ),
    technique(
        "TWN-316",
        "Records keystrokes with a PowerShell keylogger module",
        "T1056.001",
        45,
        r"\b(?:Get-Keystrokes|Get-KeyStrokes|Invoke-KeyLogger|Start-KeyLogger|Keylogger\.ps1)\b",
        tags=TAGS,
    ),
    technique(
        "TWN-317",
        "Reads the Windows vault with a PowerShell module (Get-VaultCredential)",
        "T1555.004",
        40,
        r"\bGet-Vault(?:Credential|Creds)\b",
        tags=TAGS,
    ),
    technique(
        "TWN-318",
        "Overwrites the master boot record from PowerShell",
        "T1561.002",
        55,
        r"\bSet-MasterBootRecord\b",
        tags=TAGS,
    ),
    technique(
        "TWN-319",
        "Locates antivirus signatures in a payload (Find-AVSignature)",
        "T1027.005",
        40,
        r"\bFind-AVSignature\b|\bDefenderCheck(?:\.exe)?\b|\bThreatCheck(?:\.exe)?\b",
        tags=TAGS,
    ),
    technique(
        "TWN-320",
        "Runs a UAC-bypass tool or module",
        "T1548.002",
        45,
        r"\b(?:DccwBypassUAC|dccuac|Akagi(?:32|64)?|UACME|Invoke-(?:PsUACme|EventVwrBypass"
        r"|FodhelperBypass|ComputerDefaultsBypass|SDCLTBypass|WScriptBypassUAC|EnvBypass"
        r"|BypassUAC|SlackUAC|DiskCleanupBypass)|Bypass-UAC|UACBypass|uacbypass)(?:\.exe|\.ps1)?\b",
        tags=TAGS,
    ),
    technique(
        "TWN-321",
        "Embeds a DDE command that Office runs on open",
        "T1559.002",
        40,
        r"\bDDEAUTO\b|\{\s{0,3}DDE\s{1,3}[\"']?[a-z]:\\",
        tags=TAGS,
    ),
    technique(
        "TWN-322",
        "Runs an AutoHotkey or AutoIt script",
        ("T1059.010", "T1059"),
        15,
        (
            r"\bAutoHotkey(?:U?(?:32|64))?(?:\.exe)?[\"']?\s{1,3}[\"']?[^\n\"']{1,200}\.ahk\b",
            r"\bAutoIt3(?:_x64)?(?:\.exe)?[\"']?\s{1,3}[\"']?[^\n\"']{1,200}\.au3\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-323",
        "Runs a program with another user's saved credentials (runas /savecred)",
        "T1134.002",
        15,
        r"\brunas(?:\.exe)?\s{1,3}(?:/\w{1,10}(?::\S{1,60})?\s{1,3}){0,3}/savecred\b",
        tags=TAGS,
    ),
)
"""Execution and download through signed binaries, offensive modules and injection tools."""
