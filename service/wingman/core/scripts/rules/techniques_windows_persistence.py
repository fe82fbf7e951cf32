"""Rules for ATT&CK persistence techniques that live in the Windows registry.

Rule ids are `TWN-NNN` (200-229). Each names a load point that makes Windows, LSASS, a service
host or an application load the attacker's code; writing one from a script is rare outside
malware, so weights are high. Gaps are bounded (see platforms.near).
"""

from __future__ import annotations

from wingman.core.scripts.rules.platforms import REG_WRITE, SEP, near, technique

TAGS = frozenset({"technique", "persistence"})


def _write(key: str, span: int = 250) -> str:
    """A registry write whose key path contains `key` (a regex) on the same line."""
    return near(REG_WRITE, key, span)


_LSA = rf"Control{SEP}Lsa(?:{SEP}OSConfig)?[\"']?\s(?:(?!{SEP})[^\n]){{0,60}}?"

RULES = (
    technique(
        "TWN-200",
        "Redirects the Startup folder to another path (User Shell Folders)",
        "T1547.001",
        40,
        _write(
            rf"(?:User )?Shell Folders[\"']?\s(?:(?!{SEP})[^\n]){{0,40}}?\b(?:Common )?Startup\b"
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-229",
        "Copies a script or program into a Startup folder",
        "T1547.001",
        30,
        near(
            r"\b(?:copy|xcopy|Copy-Item|cpi|move|Move-Item|cp)\b",
            rf"\.(?:bat|cmd|vbs|vbe|js|jse|wsf|hta|ps1|exe|scr)[\"']?\s{{1,3}}[\"']?[^\n\"']{{0,160}}"
            rf"Start Menu{SEP}Programs{SEP}Startup\b",
            200,
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-201",
        "Adds a program to the Session Manager BootExecute list",
        "T1547.001",
        45,
        _write(rf"Control{SEP}Session Manager[\"']?\s(?:(?!{SEP})[^\n]){{0,40}}?\bBootExecute\b"),
        tags=TAGS,
    ),
    technique(
        "TWN-202",
        "Registers an LSA authentication package",
        "T1547.002",
        45,
        _write(rf"{_LSA}\bAuthentication Packages\b"),
        tags=TAGS,
    ),
    technique(
        "TWN-203",
        "Registers an LSA security support provider",
        "T1547.005",
        50,
        (_write(rf"{_LSA}\bSecurity Packages\b"), r"\bInstall-SSP\b"),
        tags=TAGS,
    ),
    technique(
        "TWN-204",
        "Registers a password filter DLL (Notification Packages)",
        "T1556.002",
        45,
        _write(rf"{_LSA}\bNotification Packages\b"),
        tags=TAGS,
    ),
    technique(
        "TWN-205",
        "Registers a time provider DLL",
        "T1547.003",
        45,
        _write(
            rf"W32Time{SEP}TimeProviders{SEP}[\w.-]{{1,60}}[\"']?\s(?:(?!{SEP})[^\n]){{0,40}}?"
            r"\bDllName\b"
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-206",
        "Registers an LSASS directory-service extension DLL",
        "T1547.008",
        45,
        _write(r"\b(?:LsaDbExtPt|DirectoryServiceExtPt)\b"),
        tags=TAGS,
    ),
    technique(
        "TWN-207",
        "Registers a print monitor DLL",
        "T1547.010",
        45,
        _write(
            rf"Control{SEP}Print{SEP}Monitors{SEP}[\w .-]{{1,60}}[\"']?\s(?:(?!{SEP})[^\n])"
            r"{0,40}?\bDriver\b"
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-208",
        "Registers a print processor DLL",
        "T1547.012",
        45,
        _write(
            rf"Print Processors{SEP}[\w .-]{{1,60}}[\"']?\s(?:(?!{SEP})[^\n]){{0,40}}?\bDriver\b"
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-209",
        "Adds an Active Setup component that runs at logon (StubPath)",
        "T1547.014",
        35,
        _write(
            rf"Active Setup{SEP}Installed Components{SEP}\{{?[\w-]{{1,60}}\}}?[\"']?\s"
            rf"(?:(?!{SEP})[^\n]){{0,40}}?\bStubPath\b"
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-210",
        "Changes the program that opens a file type",
        "T1546.001",
        30,
        (
            r"\bassoc\s{1,3}\.(?:txt|hta|exe|bat|cmd|vbs|js|lnk|html?|docx?|pdf|ps1)\s{0,3}=\s{0,3}\w",
            r"\bftype\s{1,3}(?:txt|hta|exe|bat|cmd|vbs|js|lnk|html?|jse|vbe|wsf|reg|inf)file\s{0,3}=\s{0,3}\S",
            _write(
                rf"(?:HKCR|HKEY_CLASSES_ROOT|Software{SEP}Classes){SEP}(?:txt|hta|exe|bat|cmd|vbs"
                rf"|js|lnk|html?|Word\.Document\.\d{{1,2}}|AcroExch\.Document(?:\.\w{{1,8}})?)"
                rf"file{SEP}shell{SEP}open{SEP}command\b"
            ),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-211",
        "Sets the screensaver to a chosen program",
        "T1546.002",
        35,
        _write(rf"Control Panel{SEP}Desktop[\"']?\s(?:(?!{SEP})[^\n]){{0,40}}?\bSCRNSAVE\.EXE\b"),
        tags=TAGS,
    ),
    technique(
        "TWN-212",
        "Registers an AppCert DLL",
        "T1546.009",
        45,
        _write(rf"Session Manager{SEP}AppCertDlls\b"),
        tags=TAGS,
    ),
    technique(
        "TWN-213",
        "Installs an application compatibility shim database",
        "T1546.011",
        40,
        (
            r"\bsdbinst(?:\.exe)?\s{1,3}(?:-q\s{1,3})?[\"']?\S{1,200}\.sdb\b",
            _write(rf"AppCompatFlags{SEP}(?:Custom|InstalledSDB){SEP}"),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-214",
        "Hijacks a COM class in the current user's registry hive",
        "T1546.015",
        40,
        (
            _write(
                rf"(?:HKCU|HKEY_CURRENT_USER){SEP}Software{SEP}Classes{SEP}CLSID{SEP}\{{[0-9a-f-]"
                rf"{{36}}\}}{SEP}(?:InprocServer32|LocalServer32|TreatAs|ScriptletURL)\b"
            ),
            _write(
                rf"HKCU:{SEP}Software{SEP}Classes{SEP}CLSID{SEP}\{{[0-9a-f-]{{36}}\}}{SEP}"
                r"(?:InprocServer32|LocalServer32|TreatAs)\b"
            ),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-215",
        "Sets a command that every cmd.exe runs at start (Command Processor AutoRun)",
        "T1546",
        35,
        _write(rf"Command Processor[\"']?\s(?:(?!{SEP})[^\n]){{0,40}}?\bAutoRun\b"),
        tags=TAGS,
    ),
    technique(
        "TWN-216",
        "Makes a Windows component load a chosen DLL or debugger (ClxDllPath, AutodialDLL, WER)",
        "T1546",
        40,
        (
            _write(
                r"\bTerminal Server Client\b(?:(?!\bTerminal Server Client\b)[^\n]){0,40}?"
                r"\bClxDllPath\b"
            ),
            _write(rf"WinSock2{SEP}Parameters[\"']?\s(?:(?!{SEP})[^\n]){{0,40}}?\bAutodialDLL\b"),
            _write(rf"Windows Error Reporting{SEP}(?:Hangs|RuntimeExceptionHelperModules)\b"),
            near(
                r"\b(?:copy|echo|Set-Content|Out-File|Copy-Item)\b",
                rf"Windows{SEP}Setup{SEP}Scripts{SEP}ErrorHandler\.cmd\b",
                200,
            ),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-217",
        "Plants the Office test DLL key",
        "T1137.002",
        45,
        _write(rf"Office test{SEP}Special{SEP}Perf\b"),
        tags=TAGS,
    ),
    technique(
        "TWN-218",
        "Registers an Office add-in or start-up file",
        "T1137.006",
        35,
        (
            _write(
                rf"Office{SEP}[\d.]{{2,6}}{SEP}Excel{SEP}Options[\"']?\s(?:(?!{SEP})[^\n])"
                r"{0,40}?\bOPEN\d{0,2}\b"
            ),
            _write(rf"Office{SEP}(?:Word|Excel|PowerPoint|Outlook){SEP}Addins{SEP}"),
            near(
                r"\b(?:copy|Copy-Item|xcopy)\b",
                rf"Microsoft{SEP}(?:Word|Excel){SEP}(?:STARTUP|XLSTART)"
                r"\b",
                200,
            ),
        ),
        all_of=(r"(?:\\Addins\\|\bOPEN\d{0,2}\b|XLSTART|\\STARTUP\b)",),
        tags=TAGS,
    ),
    technique(
        "TWN-219",
        "Sets an Outlook folder home page",
        "T1137.004",
        45,
        _write(rf"Outlook{SEP}WebView{SEP}\w{{1,30}}[\"']?\s(?:(?!{SEP})[^\n]){{0,40}}?\bURL\b"),
        tags=TAGS,
    ),
    technique(
        "TWN-220",
        "Replaces or redirects the Office global template",
        "T1137.001",
        30,
        (
            _write(r"\bGlobalDotName\b"),
            near(r"\b(?:copy|Copy-Item|xcopy|move)\b", rf"Templates{SEP}Normal\.dotm\b", 200),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-221",
        "Points a service at a DLL loaded by svchost (ServiceDll)",
        "T1543.003",
        45,
        _write(
            rf"Services{SEP}[\w.-]{{1,60}}{SEP}Parameters[\"']?\s(?:(?!{SEP})[^\n]){{0,40}}?"
            r"\bServiceDll\b"
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-222",
        "Runs a command when a service fails (sc failure command=)",
        "T1543.003",
        35,
        near(r"\bsc(?:\.exe)?\s{1,3}failure\b", r"\bcommand\s{0,3}=\s{0,3}[\"']?\S", 200),
        tags=TAGS,
    ),
    technique(
        "TWN-223",
        "Creates a scheduled task straight in the TaskCache registry (hidden task)",
        "T1053.005",
        45,
        _write(rf"Schedule{SEP}TaskCache{SEP}(?:Tree|Tasks|Plain|Logon|Boot){SEP}"),
        tags=TAGS,
    ),
    technique(
        "TWN-224",
        "Registers or changes a scheduled task through WMI or an existing task",
        "T1053.005",
        25,
        (
            near(r"\bPS_ScheduledTask\b", r"\bRegisterByXml\b", 200),
            r"\bSet-ScheduledTask\b",
            near(r"\bschtasks(?:\.exe)?\s{1,3}/change\b", r"\s/tr\s", 200),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-225",
        "Schedules a command with at.exe",
        "T1053.002",
        20,
        r"\bat(?:\.exe)?\s{1,3}(?:\\\\[\w.-]{1,64}\s{1,3})?\d{1,2}:\d{2}(?::\d{2})?\s{1,3}"
        r"(?:/(?:interactive|every:\S{1,40}|next:\S{1,40})\s{1,3}){0,3}[\"']?(?:cmd|powershell"
        r"|[^\s\"']{1,200}\.(?:exe|bat|cmd|ps1|vbs))\b",
        tags=TAGS,
    ),
    technique(
        "TWN-226",
        "Registers a terminal services or IIS server component",
        ("T1505.005", "T1505.004"),
        45,
        (
            _write(rf"TermService{SEP}Parameters[\"']?\s(?:(?!{SEP})[^\n]){{0,40}}?\bServiceDll\b"),
            near(r"\bappcmd(?:\.exe)?\b", r"\binstall\s{1,3}module\b", 120),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-227",
        "Enables xp_cmdshell on SQL Server",
        "T1505.001",
        40,
        near(r"\bsp_configure\b", r"[\"']xp_cmdshell[\"']\s{0,3},\s{0,3}1\b", 80),
        tags=TAGS,
    ),
    technique(
        "TWN-228",
        "Forces a browser extension through policy keys or a command-line flag",
        ("T1176", "T1176.001"),
        30,
        (
            _write(
                rf"(?:Google{SEP}Chrome|Microsoft{SEP}Edge|BraveSoftware{SEP}Brave(?:-Browser)?)"
                rf"{SEP}(?:Extensions{SEP}(?:[a-p]{{32}}|\$\w{{1,30}})|ExtensionInstallForcelist)\b"
            ),
            r"\s--load-extension\s{0,3}=\s{0,3}[\"']?\S",
        ),
        tags=TAGS,
    ),
)
"""Registry-based persistence: LSA, print, time, shell, Office and service load points."""
