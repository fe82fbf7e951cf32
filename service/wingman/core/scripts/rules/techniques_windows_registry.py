"""Rules for ATT&CK techniques in Windows command lines that the other technique modules miss:
lesser-known autostart and hijack values, registry tampering, WMI use, share abuse, AD tricks.

Rule ids are `TWN-NNN` (270-299). Registry patterns check the value written where a setting is
commonly hardened the other way. Gaps are bounded (see platforms.near).
"""

from __future__ import annotations

from wingman.core.scripts.rules.platforms import REG_WRITE, SEP, near, technique

TAGS = frozenset({"technique", "defense-evasion"})
_VALUE = r"(?:(?!\d)[^\n]){0,60}?(?:/d\s{1,3}|-Value\s{1,3}|,\s{0,3})[\"']?"


def _set(name: str, value: str) -> str:
    """A registry write of `name` to `value`, in reg.exe, PowerShell or WSH spelling."""
    return near(REG_WRITE, rf"\b{name}\b{_VALUE}{value}\b", 250)


def _write(key: str) -> str:
    """A registry write whose key path contains `key` (a regex) on the same line."""
    return near(REG_WRITE, key, 250)


RULES = (
    technique(
        "TWN-270",
        "Sets a lesser-known autostart value (RDP StartupPrograms, BootVerificationProgram...)",
        "T1547.001",
        40,
        (
            _write(rf"Wds{SEP}rdpwd[\"']?\s(?:(?!{SEP})[^\n]){{0,40}}?\bStartupPrograms\b"),
            _write(rf"Control{SEP}BootVerificationProgram\b"),
            _write(rf"CLSID{SEP}\{{645FF040-5081-101B-9F08-00AA002F954E\}}{SEP}shell{SEP}"),
            _write(rf"Explorer{SEP}MyComputer{SEP}(?:cleanuppath|BackupPath|DefragPath)\b"),
            _write(
                rf"TelemetryController{SEP}[\w.-]{{1,60}}[\"']?\s(?:(?!{SEP})[^\n]){{0,40}}?"
                r"\bCommand\b"
            ),
            _write(rf"RDP-Tcp[\"']?\s(?:(?!{SEP})[^\n]){{0,40}}?\bInitialProgram\b"),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-271",
        "Redirects a program name to another binary (App Paths)",
        "T1112",
        30,
        _write(
            rf"CurrentVersion{SEP}App Paths{SEP}(?:notepad|calc|mspaint|wordpad|cmd|explorer"
            r"|msedge|chrome|iexplore|winword|excel)\.exe\b"
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-272",
        "Hides file extensions or hidden files from the user",
        ("T1112", "T1564.001"),
        25,
        (_set("HideFileExt", "1"), _set("Hidden", "2"), _set("ShowSuperHidden", "0")),
        tags=TAGS,
    ),
    technique(
        "TWN-273",
        "Trusts a domain or protocol in the Internet security zones",
        "T1112",
        25,
        (
            _write(rf"ZoneMap{SEP}(?:Domains|EscDomains|Ranges){SEP}"),
            _write(rf"ZoneMap{SEP}ProtocolDefaults\b"),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-274",
        "Weakens BitLocker start-up policy (no TPM, password protectors)",
        "T1112",
        30,
        near(
            REG_WRITE,
            rf"Policies{SEP}Microsoft{SEP}FVE[\"']?\s(?:(?!{SEP})[^\n]){{0,40}}?\b(?:"
            r"EnableBDEWithNoTPM|UseAdvancedStartup|UseTPM(?:Key)?(?:PIN)?|EnableNonTPM)\b",
            250,
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-275",
        "Turns off automatic Windows updates",
        "T1112",
        20,
        (
            _set("NoAutoUpdate", "1"),
            _set("DoNotConnectToWindowsUpdateInternetLocations", "1"),
            r"\bsc(?:\.exe)?\s{1,3}config\s{1,3}[\"']?(?:wuauserv|UsoSvc|WaaSMedicSvc)[\"']?\s{1,3}"
            r"start\s{0,3}=\s{0,3}disabled\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-276",
        "Weakens RDP, FIDO or Credential Guard sign-in protections",
        "T1112",
        35,
        (
            _set("AuthenticationLevelOverride", "0"),
            _set("AllowExternalDeviceSignon", "0"),
            _set("fDisableEncryption", "1"),
            _set("UACDisableNotify", "1"),
            _set("UseActionCenterExperience", "0"),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-277",
        "Queries or runs through WMI with wmic",
        "T1047",
        2,
        r"\bwmic(?:\.exe)?\s{1,3}(?:/[\w]{1,12}(?::[^\s]{1,80})?\s{1,3}){0,3}(?:useraccount|process"
        r"|qfe|service|product|os|computersystem|nicconfig|startup|share|group|logicaldisk|bios"
        r"|csproduct|environment|ntdomain|sysaccount|volume|shadowcopy|path)\b",
        tags=TAGS,
    ),
    technique(
        "TWN-278",
        "Writes command output to a remote administrative share (wmiexec style)",
        "T1021.002",
        35,
        r"(?:1?>|2>&1\s{0,3}>)\s{0,3}[\"']?\\\\[\w.-]{1,64}\\(?:ADMIN|C)\$\\[^\s\"']{1,120}",
        tags=TAGS,
    ),
    technique(
        "TWN-279",
        "Maps a remote administrative share as a PowerShell drive",
        "T1021.002",
        15,
        near(r"\bNew-PSDrive\b", r"-Root\s{1,3}[\"']?\\\\[\w.-]{1,64}\\(?:ADMIN|C|IPC)\$", 200),
        tags=TAGS,
    ),
    technique(
        "TWN-280",
        "Plants an executable at an unquoted-service-path hijack point",
        "T1574.009",
        40,
        near(r"\b(?:copy|Copy-Item|move|Move-Item|xcopy)\b", r"[\"']?C:\\{1,2}Program\.exe\b", 200),
        tags=TAGS,
    ),
    technique(
        "TWN-281",
        "Makes .NET load a start-up hook assembly (DOTNET_STARTUP_HOOKS)",
        "T1574",
        30,
        r"\bDOTNET_STARTUP_HOOKS\b",
        tags=TAGS,
    ),
    technique(
        "TWN-282",
        "Loads a DLL through a Control Panel or setup entry point of rundll32",
        ("T1218.011", "T1218.002"),
        30,
        near(
            r"\brundll32(?:\.exe)?\b",
            r"\b(?:shell32(?:\.dll)?\s{0,3},\s{0,3}Control_RunDLL(?:AsUser)?\s{1,3}[\"']?[^\s\"']{1,160}"
            r"\.dll\b"
            r"|desk\.cpl\s{0,3},\s{0,3}InstallScreenSaver|syssetup(?:\.dll)?\s{0,3},\s{0,3}"
            r"SetupInfObjectInstallAction|ieadvpack(?:\.dll)?\s{0,3},\s{0,3}LaunchINFSection"
            r"|dfshim(?:\.dll)?\s{0,3},\s{0,3}ShArpMaintain)\b",
            80,
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-283",
        "Hunts for credential files or runs a share-secrets crawler (Snaffler)",
        ("T1552.001", "T1555.004"),
        30,
        (
            r"\bSnaffler(?:\.exe)?\b|\bInvoke-(?:Snaffler|SensitiveFiles|Passhunt)\b",
            near(
                r"\b(?:dir|Get-ChildItem|gci|ls)\b",
                rf"AppData{SEP}(?:Local|Roaming){SEP}Microsoft"
                rf"{SEP}(?:Credentials|Protect|Vault)\b",
                120,
            ),
            near(r"\bfind\b", r"-path\s{1,3}[\"']?\*?/?\.(?:aws|azure|oci|config/gcloud)/", 160),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-284",
        "Reads a registry hive straight from a shadow copy",
        "T1003.002",
        50,
        r"HarddiskVolumeShadowCopy\d{1,3}\\{1,2}Windows\\{1,2}System32\\{1,2}config\\{1,2}"
        r"(?:SAM|SECURITY|SYSTEM)\b",
        tags=TAGS,
    ),
    technique(
        "TWN-285",
        "Injects SID history into an account",
        "T1134.005",
        45,
        r"\bAdd-ADDBSidHistory\b|\bsid::(?:add|patch)\b",
        tags=TAGS,
    ),
    technique(
        "TWN-286",
        "Registers a rogue domain controller (DCShadow)",
        "T1207",
        55,
        r"\blsadump::dcshadow\b|\bInvoke-DCShadow\b",
        tags=TAGS,
    ),
    technique(
        "TWN-287",
        "Changes Group Policy objects or their refresh on domain controllers",
        "T1484.001",
        25,
        (
            _set("GroupPolicyRefreshTime(?:DC|OffsetDC)?", "0"),
            r"\b(?:Set-GPRegistryValue|New-GPLink|Set-GPPermission|New-GPO)\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-288",
        "Resets the Directory Services Restore Mode password",
        "T1098",
        35,
        near(r"\bntdsutil(?:\.exe)?\b", r"\bset\s{1,3}dsrm\s{1,3}password\b", 120),
        tags=TAGS,
    ),
    technique(
        "TWN-289",
        "Grants full access to another mailbox or an app role",
        ("T1098.002", "T1098.003"),
        30,
        (
            near(r"\bAdd-MailboxPermission\b", r"-AccessRights\s{1,3}[\"']?FullAccess\b", 300),
            r"\b(?:New|Add)-AzureADServiceAppRoleAssignment\b|\bNew-MgServicePrincipalAppRoleAssignment\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-290",
        "Turns on the macOS guest account",
        "T1078.001",
        30,
        r"\bsysadminctl\s{1,3}-guestAccount\s{1,3}on\b",
        tags=TAGS,
    ),
    technique(
        "TWN-291",
        "Suppresses PowerShell history with an AddToHistoryHandler",
        "T1562.003",
        35,
        near(r"\bSet-PSReadLineOption\b", r"-AddToHistoryHandler\b", 120),
        tags=TAGS,
    ),
    technique(
        "TWN-292",
        "Switches off security tooling by less common means (AMSI provider, DISM, MpPreference)",
        "T1562.001",
        45,
        (
            near(
                r"\b(?:Remove-Item|ri|reg(?:\.exe)?\s{1,3}delete)\b",
                rf"Microsoft{SEP}AMSI{SEP}Providers"
                r"\b",
                200,
            ),
            near(
                r"\bdism(?:\.exe)?\b",
                r"/Disable-Feature\b(?:(?!\bdism\b)[^\n]){0,80}?"
                r"Windows-Defender",
                200,
            ),
            near(
                r"\bSet-MpPreference\b",
                r"\s-(?:drtm|dbm|dbaf|dscrptsc|dioavp|drsc|dsnf|dbme"
                r"|DisableIntrusionPreventionSystem)\s{1,3}(?:\$?true|1)\b",
                200,
            ),
            near(r"\bMSFT_MpPreference\b", r"\bcall\s{1,3}(?:Add|Set)\b", 120),
            near(r"\bschtasks(?:\.exe)?\s{1,3}/(?:delete|change)\b", r"Windows Defender\b", 160),
            r"\bCsUninstallTool(?:\.exe)?\b",
            near(r"\bAdvancedRun(?:\.exe)?\b", r"/RunAs\s{1,3}8\b", 300),
            near(
                r"\bmdatp\s{1,3}config\b",
                r"\b(?:real-time-protection|behavior-monitoring|cloud)"
                r"\b(?:(?!\bmdatp\b)[^\n]){0,40}?--value\s{1,3}disabled\b",
                120,
            ),
            near(
                r"\b(?:Remove|Set)-MpPreference\b",
                r"-AttackSurfaceReductionRules_(?:Ids|Actions)"
                r"\b",
                200,
            ),
            near(
                r"\blaunchctl\s{1,3}(?:unload|bootout|remove)\b",
                r"\b(?:at\.obdev\.littlesnitch\w{0,20}"
                r"|com\.opendns\.\w{1,40}|com\.cisco\.anyconnect\.\w{0,40}umbrella\w{0,20})\b",
                200,
            ),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-293",
        "Turns off Office macro and Protected View security",
        "T1562.001",
        35,
        (
            _set("VBAWarnings", "1"),
            _set(
                "(?:DisableInternetFilesInPV|DisableAttachementsInPV|DisableAttachmentsInPV"
                "|DisableUnsafeLocationsInPV)",
                "1",
            ),
            _set("AccessVBOM", "1"),
        ),
        tags=TAGS,
    ),
)
"""Autostart and hijack values, registry tampering, WMI and share use, AD tricks."""
