"""Rules for ATT&CK masquerading, indicator-removal and obfuscation techniques in command lines.

Rule ids are `TWN-NNN` (180-199). Copying a shell under another name, backdating files and
deleting forensic traces are rare in administration; permission changes and clock queries are
common and weigh little. Gaps are bounded (see platforms.near).
"""

from __future__ import annotations

from wingman.core.scripts.rules.platforms import (
    POWERSHELL,
    SEP,
    WINDOWS,
    near,
    technique,
)

TAGS = frozenset({"technique", "defense-evasion"})
_COPY = r"\b(?:copy|xcopy|Copy-Item|cpi|cp)\b"
_WIN_BINARY = (
    r"(cmd|powershell|pwsh|cscript|wscript|mshta|rundll32|regsvr32|certutil|bitsadmin|msbuild"
    r"|wmic|net1?|notepad|calc|svchost)"
)
_USER_DIR = (
    r"(?:%(?:TEMP|TMP|APPDATA|LOCALAPPDATA|PUBLIC|ProgramData|USERPROFILE)%|\$env:(?:TEMP|TMP"
    r"|APPDATA|LOCALAPPDATA|PUBLIC|ProgramData|USERPROFILE)|[a-z]:\\{1,2}(?:Users|ProgramData"
    r"|Windows\\{1,2}Temp|Temp|PerfLogs|Intel)\b)"
)
_SYSTEM_PROCESS = (
    r"(?:svchost|lsass|csrss|winlogon|services|smss|wininit|lsm|spoolsv|taskhostw?|dllhost"
    r"|conhost|explorer|RuntimeBroker|sihost|ctfmon|taskmgr|SearchIndexer|MsMpEng)\.exe\b"
)

RULES = (
    technique(
        "TWN-180",
        "Copies a system binary or shell under another name",
        "T1036.003",
        30,
        (
            near(
                _COPY,
                rf"\\{_WIN_BINARY}\.exe[\"']?\s{{1,3}}[\"']?[^\s\"']{{0,160}}?\\"
                r"(?!\1\.exe)[\w-]{1,40}\.(?:exe|com|scr)\b",
                200,
            ),
            near(
                r"\bcp\b",
                r"\s/(?:usr/)?bin/(sh|bash|dash|zsh|ksh|busybox)\s{1,3}[\"']?"
                r"/(?:tmp|var/tmp|dev/shm|usr/(?:local/)?s?bin|etc|opt)/(?:[\w.-]{1,40}/){0,3}"
                r"(?!\1\b)[\w.-]{1,40}(?:\s|$|[;&|\"'])",
                80,
            ),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-181",
        "Places or runs a Windows system process name from a user-writable folder",
        "T1036.005",
        35,
        rf"(?<={_USER_DIR}(?:\\{{1,2}}[\w .-]{{1,40}}){{0,4}}\\{{1,2}}){_SYSTEM_PROCESS}",
        languages=WINDOWS,
        tags=TAGS,
    ),
    technique(
        "TWN-182",
        "Gives an executable a document's double extension",
        "T1036.007",
        30,
        r"(?<=[\w-])\.(?:pdf|docx?|xlsx?|pptx?|txt|jpe?g|png|gif|mp[34]|rtf|csv)\.(?:exe|scr"
        r"|bat|cmd|vbs|vbe|js|jse|wsf|hta|ps1|lnk|com|pif|cpl)\b",
        tags=TAGS,
    ),
    technique(
        "TWN-183",
        "Deletes Prefetch files or empties the Recycle Bin folders",
        "T1070.004",
        # Clean-up scripts empty both too: evidence only beside other anti-forensics.
        15,
        (
            near(r"\b(?:del|erase|Remove-Item|ri|rd|rmdir)\b", rf"\\Prefetch(?:{SEP}|\b)", 120),
            near(r"\b(?:rd|rmdir|Remove-Item|ri|del)\b", r"\$Recycle\.Bin\b", 120),
        ),
        languages=WINDOWS,
        tags=TAGS,
    ),
    technique(
        "TWN-184",
        "Deletes the NTFS change journal",
        "T1070",
        45,
        r"\bfsutil(?:\.exe)?\s{1,3}usn\s{1,3}deletejournal\b",
        tags=TAGS,
    ),
    technique(
        "TWN-185",
        "Removes network share connections",
        "T1070.005",
        6,
        (
            r"\bnet1?(?:\.exe)?\s{1,3}(?:use|share)\s{1,3}(?:\\\\\S{1,120}|\*|[a-z]:|[\w$-]{1,60})"
            r"\s{1,3}/del(?:ete)?\b",
            r"\bRemove-Smb(?:Share|Mapping)\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-186",
        "Clears the Remote Desktop connection history",
        "T1070.007",
        30,
        (
            near(
                r"\b(?:reg(?:\.exe)?\s{1,3}delete|Remove-Item(?:Property)?|ri)\b",
                rf"Terminal Server Client{SEP}(?:Default|Servers)\b",
                160,
            ),
            near(r"\b(?:del|erase|Remove-Item|ri)\b", r"\bDefault\.rdp\b", 160),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-187",
        "Backdates file timestamps to a distant past",
        "T1070.006",
        30,
        (
            near(
                r"\.(?:CreationTime|LastWriteTime|LastAccessTime)(?:Utc)?\s{0,3}=",
                r"(?:19[0-9]{2}|200[0-9])\b",
                40,
            ),
            r"\btouch\s{1,3}(?:-[acm]{1,3}\s{1,3}){0,2}-[acm]{0,3}t\s{1,3}(?:19[0-9]{2}|200[0-9])"
            r"\d{4,8}\b",
            r"\btouch\s{1,3}(?:-[acm]{1,3}\s{1,3}){0,2}(?:-d|--date(?:=|\s))\s{0,3}[\"']?"
            r"(?:19[0-9]{2}|200[0-9])-",
            r"\bSetFile\s{1,3}-[dm]\s{1,3}[\"']?\d{2}/\d{2}/(?:19|20)\d{2}\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-188",
        "Sets the system clock from a script (time slipping before touching files)",
        "T1070.006",
        20,
        (
            r"\bSet-Date\b",
            r"\bdate\s{1,3}(?:-s\s{1,3})?[\"']?\d{10,12}(?:\.\d\d)?[\"']?\s{0,3}(?:$|[;&|])",
            r"\bdate\s{1,3}-s\s{1,3}[\"']?\d{4}-\d{2}-\d{2}\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-179",
        "Sets the clock back and touches files so they carry a false time",
        "T1070.006",
        30,
        (
            r"\bdate\s{1,3}(?:-s\s{1,3})?[\"']?(?:\d{4}(?:19\d\d|200\d)|(?:19\d\d|200\d)-\d\d-\d\d"
            r"|\d{8}(?:19|200)\d{1,2})\b",
        ),
        all_of=(r"\btouch\s",),
        tags=TAGS,
    ),
    technique(
        "TWN-189",
        "Builds a name with invisible Unicode characters",
        "T1027",
        30,
        (
            r"\[char\]\s{0,3}0x(?:200[BCDEF]|2060|FEFF|180E)\b",
            r"`u\{(?:200[BCDEF]|2060|FEFF)\}",
        ),
        languages=POWERSHELL,
        tags=TAGS,
    ),
    technique(
        "TWN-190",
        "Runs a Python one-liner that decodes and executes hidden code",
        ("T1140", "T1059.006"),
        35,
        near(
            r"\bpython[23]?(?:\.exe)?\s{1,3}-c\b",
            r"\b(?:b64decode|b32decode|a2b_hex|fromhex"
            r"|decompress|codecs\.decode)\b(?:(?!\bpython)[^\n]){0,400}?\b(?:exec|eval|subprocess"
            r"|os\.system|os\.popen)\b",
            400,
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-191",
        "Pads a binary to change its hash",
        "T1027.001",
        20,
        near(
            r"\bdd\s{1,3}if=/dev/(?:zero|u?random)\b",
            r"(?:>>|\boflag=append\b|\bconv=notrunc\b)",
            120,
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-192",
        "Packs an executable with UPX",
        "T1027.002",
        20,
        r"\bupx(?:\.exe)?\s{1,3}(?:-[1-9]\b|--best\b|--ultra-brute\b|--brute\b|-o\s)",
        tags=TAGS,
    ),
    technique(
        "TWN-193",
        "Grants everyone full control of files (icacls, cacls)",
        "T1222.001",
        # Opening files to every account is how malware readies what it will tamper with.
        30,
        (
            near(
                r"\bicacls(?:\.exe)?\b",
                r"/grant(?::r)?\s{1,3}[\"']?(?:Everyone|\*S-1-1-0|Users"
                r"|Authenticated Users|\*S-1-5-11|BUILTIN\\Users)[\"']?:(?:\([A-Z]{1,3}\)){0,3}"
                r"\(?F\b",
                160,
            ),
            near(r"\bx?cacls(?:\.exe)?\b", r"/[GE]\s{1,3}[\"']?Everyone[\"']?:F\b", 160),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-194",
        "Takes ownership of files or resets their permissions",
        "T1222.001",
        8,
        (
            r"\btakeown(?:\.exe)?\s{1,3}/f\b",
            near(r"\bicacls(?:\.exe)?\b", r"\s/(?:setowner|reset|inheritance:r)\b", 160),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-195",
        "Runs a command through an indirect launcher (conhost, WSL, scriptrunner, explorer)",
        "T1202",
        25,
        (
            r"\bconhost(?:\.exe)?\s{1,3}(?:--headless\s{1,3})?[\"']?(?:cmd|powershell|pwsh|mshta"
            r"|%\w{1,20}%|[a-z]:\\)",
            r"\b(?:bash|wsl)\.exe[\"']?\s{1,3}(?:-e|-c|--exec|--)\s",
            r"\bscriptrunner(?:\.exe)?\s{1,3}-appvscript\b",
            r"\bexplorer(?:\.exe)?\s{1,3}/root,\s{0,3}[\"']?[^\s\"']{1,200}\.(?:exe|bat|cmd)\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-196",
        "Proxies execution through a signed Windows binary (msdt, InfDefaultInstall, wuauclt...)",
        "T1218",
        40,
        (
            near(r"\bmsdt(?:\.exe)?\b", r"/id\s{1,3}PCWDiagnostic\b", 80),
            r"\bms-msdt:",
            r"\bInfDefaultInstall(?:\.exe)?\s{1,3}[\"']?[^\n\"']{1,200}\.inf\b",
            near(r"\bRegister-CimProvider\b", r"\s-Path\s", 120),
            r"\bie4uinit(?:\.exe)?\s{1,3}-BaseSettings\b",
            near(r"\bwuauclt(?:\.exe)?\b", r"/UpdateDeploymentProvider\b", 120),
            r"\batbroker(?:\.exe)?\s{1,3}/start\b",
            r"\bxwizard(?:\.exe)?\s{1,3}RunWizard\b",
            r"\bDeviceCredentialDeployment(?:\.exe)?\b|\bCustomShellHost\.exe\b",
            r"\bgpscript(?:\.exe)?\s{1,3}/(?:logon|startup)\b|\bprovlaunch(?:\.exe)?\s{1,3}\S",
            near(r"\bwlrmdr(?:\.exe)?\b", r"\s-u\s{1,3}\S", 200),
            r"\bProtocolHandler(?:\.exe)?\s{1,3}[\"']?https?://|\bRemoteFXvGPUDisablement\.exe\b",
            near(r"\bpresentationhost(?:\.exe)?\b", r"\.xbap\b", 200),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-197",
        "Loads a COM object through verclsid",
        "T1218.012",
        40,
        r"\bverclsid(?:\.exe)?\s{1,3}/S\s{1,3}/C\s{1,3}\{",
        tags=TAGS,
    ),
    technique(
        "TWN-198",
        "Injects a DLL into a running process with mavinject",
        ("T1218.013", "T1055.001"),
        50,
        near(r"\bmavinject(?:32|64)?(?:\.exe)?\b", r"/INJECTRUNNING\b", 160),
        tags=TAGS,
    ),
    technique(
        "TWN-199",
        "Runs a management console snap-in from a script (mmc -Embedding or a dropped .msc)",
        "T1218.014",
        30,
        (
            r"\bmmc(?:\.exe)?\s{1,3}-Embedding\b",
            rf"\bmmc(?:\.exe)?\s{{1,3}}[\"']?{_USER_DIR}[^\n\"']{{0,160}}\.msc\b",
        ),
        tags=TAGS,
    ),
)
"""Masquerading, hiding, indicator removal and signed-binary proxies."""
