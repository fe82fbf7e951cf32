"""Rules for ATT&CK defense-evasion techniques in Windows command lines: security tools, logging,
trust settings and registry policies switched off.

Rule ids are `TWN-NNN` (140-179). Administrators rarely turn these protections off from a
script, so most rules weigh heavily; registry patterns also check the value written where the
same setting is often hardened the other way. Gaps are bounded (see platforms.near).
"""

from __future__ import annotations

from wingman.core.scripts.rules.platforms import POWERSHELL, REG_WRITE, SEP, near, technique

TAGS = frozenset({"technique", "defense-evasion"})
_SECURITY_PROCESS = (
    r"(?:MsMpEng|MsSense|SenseIR|NisSrv|MpDefenderCoreService|csfalconservice|CSFalconContainer"
    r"|SentinelAgent|SentinelServiceHost|CylanceSvc|cb|RepMgr|SophosHealth|SavService|ekrn"
    r"|avp|mcshield|bdagent|Sysmon(?:64)?|elastic-agent|xagt|TaniumClient)(?:\.exe)?"
)
_VALUE = r"(?:(?!\d)[^\n]){0,60}?(?:/d\s{1,3}|-Value\s{1,3}|,\s{0,3})[\"']?"


def _set(name: str, value: str) -> str:
    """A registry write of `name` to `value`, in reg.exe, PowerShell or WSH spelling."""
    return near(REG_WRITE, rf"\b{name}\b{_VALUE}{value}\b", 250)


RULES = (
    technique(
        "TWN-140",
        "Kills security-product processes or runs an EDR killer (Backstab, EDRSandblast)",
        "T1562.001",
        45,
        (
            near(r"\btaskkill(?:\.exe)?\b", rf"/im\s{{1,3}}[\"']?{_SECURITY_PROCESS}\b", 60),
            near(
                r"\b(?:Stop-Process|kill|spps)\b", rf"-Name\s{{1,3}}[\"']?{_SECURITY_PROCESS}\b", 60
            ),
            r"\b(?:Backstab(?:64)?|KillDefender|EDRSandblast|AuKill|EDRKillShifter|Terminator"
            r"|DefenderControl|dControl|BlackoutKill|Defeat-Defender)(?:\.exe)?\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-141",
        "Unloads Sysmon or a security filter driver",
        "T1562.001",
        50,
        (
            r"\bfltmc(?:\.exe)?\s{1,3}unload\s{1,3}[\"']?(?:Sysmon\w{0,8}|WdFilter|SysmonDrv"
            r"|CSAgent|SentinelMonitor|CyOptics)\b",
            r"\bsysmon(?:64)?(?:\.exe)?\s{1,3}-u\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-142",
        "Removes Defender or switches off its tamper protection",
        "T1562.001",
        50,
        (
            near(r"\b(?:Uninstall|Remove)-WindowsFeature\b", r"\bWindows-Defender\b", 80),
            near(r"\bDisable-WindowsOptionalFeature\b", r"\bWindows-Defender\w{0,20}\b", 120),
            _set("TamperProtection", "[04]"),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-143",
        "Hides security notifications and the Security Center status",
        "T1562.001",
        30,
        (
            _set("DisableNotifications", "1"),
            _set("Notification_Suppress", "1"),
            _set("DisableEnhancedNotifications", "1"),
            _set("HideSCA(?:Health|Network|Power|Volume)", "1"),
            _set("ToastEnabled", "0"),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-144",
        "Turns SmartScreen off",
        "T1562.001",
        35,
        (
            _set("(?:EnableSmartScreen|EnabledV9|EnableWebContentEvaluation)", "0"),
            _set("SmartScreenEnabled", "Off"),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-145",
        "Turns off LSA protection, Credential Guard or memory integrity",
        "T1562.001",
        45,
        (
            _set("(?:RunAsPPL|LsaCfgFlags|EnableVirtualizationBasedSecurity)", "0"),
            near(REG_WRITE, rf"HypervisorEnforcedCodeIntegrity\b[\"']?\s{_VALUE}0\b", 250),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-146",
        "Turns off .NET event tracing (COMPlus_ETWEnabled)",
        "T1562.006",
        45,
        (
            r"\bCOMPlus_ETWEnabled\b[\"']?\s{0,3}[=,]?\s{0,3}[\"']?0\b",
            r"\b(?:setx|set)\s{1,3}COMPlus_ETWEnabled\s{1,3}[\"']?0\b",
            _set("ETWEnabled", "0"),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-147",
        "Stops or reconfigures an event-trace session that feeds security logging",
        "T1562.006",
        45,
        (
            near(
                r"\blogman(?:\.exe)?\s{1,3}(?:stop|delete|update)\b",
                r"\b(?:EventLog-\w{2,40}|DefenderApiLogger|DefenderAuditLogger|SenseIRTraceLogger"
                r"|Circular Kernel Context Logger|Microsoft-Windows-\w{2,60})\b",
                80,
            ),
            r"\b(?:Remove|Set)-EtwTraceProvider\b",
            near(
                REG_WRITE,
                rf"WMI{SEP}Autologger{SEP}(?:EventLog-\w{{2,40}}|DefenderApiLogger"
                r"|DefenderAuditLogger)\b",
                250,
            ),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-148",
        "Switches off audit policy categories (auditpol /set ... disable)",
        "T1562.002",
        40,
        near(r"\bauditpol(?:\.exe)?\s{1,3}/set\b", r"/(?:success|failure):disable\b", 160),
        tags=TAGS,
    ),
    technique(
        "TWN-149",
        "Stops command-line or PowerShell module and transcript logging",
        "T1562.003",
        35,
        (
            _set("ProcessCreationIncludeCmdLine_Enabled", "0"),
            _set("(?:EnableModuleLogging|EnableTranscripting|EnableInvocationHeader)", "0"),
            near(r"\bSet-PSReadLineOption\b", r"-HistorySaveStyle\s{1,3}SaveNothing\b", 80),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-150",
        "Boots into safe mode or registers a service for safe mode",
        "T1562.009",
        45,
        (
            near(r"\bbcdedit(?:\.exe)?\b", r"\bsafeboot\s{1,3}(?:minimal|network)\b", 80),
            near(REG_WRITE, rf"Control{SEP}SafeBoot{SEP}(?:Minimal|Network){SEP}", 250),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-151",
        "Turns off driver signature or boot integrity checks",
        "T1553.006",
        45,
        (
            near(r"\bbcdedit(?:\.exe)?\b", r"\b(?:testsigning|nointegritychecks)\s{1,3}on\b", 80),
            near(r"\bbcdedit(?:\.exe)?\b", r"\bloadoptions\s{1,3}DDISABLE_INTEGRITY_CHECKS\b", 80),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-152",
        "Adds a certificate to the trusted root store",
        "T1553.004",
        25,
        (
            near(r"\bcertutil(?:\.exe)?\b", r"\s-addstore\s{1,3}(?:-f\s{1,3})?[\"']?root\b", 60),
            near(r"\bImport-Certificate\b", rf"Cert:{SEP}LocalMachine{SEP}Root\b", 200),
            near(
                r"\bcertmgr(?:\.exe)?\b", r"\s/s\s{1,3}(?:/r\s{1,3}localMachine\s{1,3})?root\b", 200
            ),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-153",
        "Strips the mark of the web from downloaded files",
        "T1553.005",
        15,
        near(r"\b(?:Remove-Item|ri|del)\b", r"-Stream\s{1,3}[\"']?Zone\.Identifier\b", 160),
        tags=TAGS,
    ),
    technique(
        "TWN-154",
        "Registers a subject interface package or trust provider (signature check hijack)",
        "T1553.003",
        50,
        (
            near(
                REG_WRITE,
                rf"OID{SEP}EncodingType 0{SEP}CryptSIPDll(?:VerifyIndirectData|GetSigned"
                r"DataMsg)\b",
                250,
            ),
            near(REG_WRITE, rf"Providers{SEP}Trust{SEP}FinalPolicy\b", 250),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-155",
        "Hides an account from the logon screen (SpecialAccounts UserList)",
        "T1564.002",
        40,
        near(REG_WRITE, rf"Winlogon{SEP}SpecialAccounts{SEP}UserList\b", 250),
        tags=TAGS,
    ),
    technique(
        "TWN-156",
        "Writes or runs code in an NTFS alternate data stream",
        "T1564.004",
        30,
        (
            near(r"\b(?:Set|Add)-Content\b", r"\s-Stream\s{1,3}[\"']?(?!Zone\.Identifier)\w", 200),
            r"(?<=\w)\.\w{2,5}:(?!Zone\.Identifier)[a-z_][\w-]{0,40}\.(?:exe|dll|ps1|vbs|js|bat|cmd"
            r"|hta)\b",
        ),
        all_of=(
            r"(?:>|-Stream\b|\b(?:type|makecab|esentutl|extrac32|expand|findstr|wmic|start|wscript"
            r"|cscript|rundll32|regsvr32|mshta)\b)",
        ),
        languages=POWERSHELL,
        tags=TAGS,
    ),
    technique(
        "TWN-157",
        "Reads alternate data streams",
        "T1564.004",
        8,
        near(r"\bGet-(?:Content|Item)\b", r"\s-Stream\s{1,3}[\"']?(?!Zone\.Identifier)[\w*]", 200),
        languages=POWERSHELL,
        tags=TAGS,
    ),
    technique(
        "TWN-158",
        "Runs a headless virtual machine",
        "T1564.006",
        15,
        near(r"\bVBoxManage(?:\.exe)?\s{1,3}startvm\b", r"--type\s{1,3}headless\b", 120),
        tags=TAGS,
    ),
    technique(
        "TWN-159",
        "Hides a service with a deny-all security descriptor (sc sdset)",
        ("T1564", "T1543.003"),
        45,
        r"\bsc(?:\.exe)?\s{1,3}sdset\s{1,3}[\"']?[\w.-]{1,64}[\"']?\s{1,3}[\"']?D:\(D;;",
        tags=TAGS,
    ),
    technique(
        "TWN-160",
        "Disables Task Manager, the registry editor or the command prompt by policy",
        "T1112",
        35,
        (
            _set("(?:DisableTaskMgr|DisableRegistryTools)", "[12]"),
            _set("DisableCMD", "[12]"),
            near(REG_WRITE, rf"Policies{SEP}Explorer{SEP}DisallowRun\b", 250),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-161",
        "Locks down Explorer features by policy (NoRun, NoControlPanel, NoDesktop...)",
        "T1112",
        20,
        _set(
            "(?:NoRun|NoControlPanel|NoFind|NoFileMenu|NoClose|NoLogoff|NoDesktop|NoSetTaskbar"
            "|NoTrayContextMenu|NoViewContextMenu|NoPropertiesMyDocuments|NoFolderOptions"
            "|DisableChangePassword|DisableLockWorkstation|HideClock|NoDrives|NoViewOnDrive"
            "|StartMenuLogOff|NoStartMenuMorePrograms)",
            "[1-9]",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-162",
        "Weakens authentication or remote-administration protections in the registry",
        "T1112",
        35,
        (
            _set("AllowSecondaryAuthenticationDevice", "0"),
            _set("DisableRestrictedAdmin(?:Outbound)?Creds?", "0"),
            _set("DisableRestrictedAdmin", "0"),
            _set("(?:UserAuthentication|SecurityLayer)", "0"),
            _set("AllowEncryptionOracle", "2"),
            _set("(?:RestrictAnonymous|NoLMHash|RestrictAnonymousSAM)", "0"),
            _set("LmCompatibilityLevel", "[012]"),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-163",
        "Sets the PowerShell execution policy to Bypass in the registry",
        ("T1112", "T1059.001"),
        20,
        near(
            REG_WRITE,
            rf"PowerShell{SEP}1{SEP}ShellIds{SEP}Microsoft\.PowerShell\b(?:(?!{SEP})"
            r"[^\n]){0,80}?\bExecutionPolicy\b(?:(?!\bExecutionPolicy\b)[^\n]){0,60}?"
            r"\b(?:Bypass|Unrestricted)\b",
            250,
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-164",
        "Turns off Windows Error Reporting",
        "T1112",
        15,
        (
            near(
                REG_WRITE,
                r"Windows Error Reporting\b(?:(?!\bWindows Error Reporting\b)[^\n])"
                r"{0,80}?\b(?:Disabled|DontShowUI|DontSendAdditionalData)\b(?:(?!\d)[^\n]){0,40}?"
                r"(?:/d\s{1,3}|-Value\s{1,3})[\"']?1\b",
                250,
            ),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-165",
        "Changes the displayed Event Viewer help links (MicrosoftRedirectionURL)",
        "T1112",
        30,
        near(REG_WRITE, r"\bMicrosoftRedirection(?:URL|Program)\b", 250),
        tags=TAGS,
    ),
)
"""Defense evasion: security tools, logging, trust and policy settings."""
