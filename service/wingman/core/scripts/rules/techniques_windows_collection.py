"""Rules for ATT&CK collection, account and impact techniques in Windows command lines.

Rule ids are `TWN-NNN` (240-269). Screen, microphone and mailbox capture, hidden or privileged
accounts, and recovery or encryption changes weigh heavily; archiving and account clean-up are
everyday work and weigh little. Gaps are bounded (see platforms.near).
"""

from __future__ import annotations

from wingman.core.scripts.rules.platforms import REG_WRITE, SEP, near, technique

TAGS = frozenset({"technique", "collection"})
_VALUE = r"(?:(?!\d)[^\n]){0,60}?(?:/d\s{1,3}|-Value\s{1,3}|,\s{0,3})[\"']?"
_NET_USER = r"\bnet1?(?:\.exe)?\s{1,3}user\b"


def _set(name: str, value: str) -> str:
    """A registry write of `name` to `value`, in reg.exe, PowerShell or WSH spelling."""
    return near(REG_WRITE, rf"\b{name}\b{_VALUE}{value}\b", 250)


RULES = (
    technique(
        "TWN-240",
        "Captures the screen with a recorder or screenshot tool (psr, nircmd)",
        "T1113",
        30,
        (
            r"\bpsr(?:\.exe)?\s{1,3}/start\b",
            r"\bnircmdc?(?:\.exe)?\s{1,3}savescreenshot(?:full)?\b",
            r"\bGet-TimedScreenshot\b",
            r"\bSendWait\s{0,3}\(\s{0,3}[\"']\{PRTSC\}",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-241",
        "Re-enables Windows Recall snapshots (DisableAIDataAnalysis removed or 0)",
        "T1113",
        30,
        (
            _set("DisableAIDataAnalysis", "0"),
            near(
                r"\b(?:reg(?:\.exe)?\s{1,3}delete|Remove-ItemProperty)\b",
                r"\bDisableAIDataAnalysis\b",
                250,
            ),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-242",
        "Records from the microphone",
        "T1123",
        25,
        (
            rf"CapabilityAccessManager{SEP}ConsentStore{SEP}microphone\b",
            r"\bWindowsAudioDevice-Powershell-Cmdlet\b",
            near(r"\bmciSendString\b", r"\brecord\b", 120),
            r"\bSoundRecorder(?:\.exe)?\s{1,3}/FILE\b",
            near(
                r"\bffmpeg\b",
                r"-f\s{1,3}(?:dshow|avfoundation|alsa|pulse)\b(?:(?!\bffmpeg\b)"
                r"[^\n]){0,40}?-i\s{1,3}[\"']?(?:audio=|:\d|default|hw:)",
                160,
            ),
            r"\barecord\s{1,3}(?:-[a-zA-Z]\s{0,3}\S{1,20}\s{1,3}){0,6}\S{1,100}\.wav\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-243",
        "Captures the webcam",
        "T1125",
        25,
        (
            rf"CapabilityAccessManager{SEP}ConsentStore{SEP}webcam\b",
            near(
                r"\bffmpeg\b",
                r"-f\s{1,3}(?:dshow|v4l2|avfoundation)\b(?:(?!\bffmpeg\b)[^\n])"
                r"{0,40}?-i\s{1,3}[\"']?(?:video=|/dev/video|\d{1,2}[\"']?\s)",
                160,
            ),
            r"\bimagesnap\s{1,3}(?:-[a-z]{1,2}\s{1,3}\S{1,20}\s{1,3}){0,3}\S{1,100}\.jpe?g\b",
            r"\bfswebcam\s",
            r"\bcapCreateCaptureWindow[AW]?\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-244",
        "Compresses files with Compress-Archive",
        "T1560",
        3,
        r"\bCompress-Archive\b",
        tags=TAGS,
    ),
    technique(
        "TWN-245",
        "Stages an archive in a temporary or public folder",
        "T1074.001",
        12,
        near(
            r"\bCompress-Archive\b",
            r"-DestinationPath\s{1,3}[\"']?(?:\$env:(?:TEMP|TMP|PUBLIC"
            r"|APPDATA)|%TEMP%|C:\\{1,2}(?:Users\\{1,2}Public|Windows\\{1,2}Temp|ProgramData))",
            200,
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-246",
        "Archives files with a command-line archiver (rar, 7z, makecab)",
        "T1560.001",
        4,
        (
            r"\b(?:win)?rar(?:\.exe)?[\"']?\s{1,3}a\s",
            r"\b(?:makecab|diantz)(?:\.exe)?\s{1,3}\S",
            r"\btar\s{1,3}-?[a-zA-Z]{0,4}c[a-zA-Z]{0,4}f\s{1,3}\S",
            r"\bzip\s{1,3}(?:-[a-zA-Z]{1,4}\s{1,3}){0,3}[^\s-]\S{0,200}\.zip\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-247",
        "Copies a local Outlook mailbox file (.pst/.ost)",
        "T1114.001",
        20,
        # Outlook automation through MAPI is PSH-021's; mail reports do it all day.
        (near(r"\b(?:copy|Copy-Item|xcopy|robocopy|cp)\b", r"\.(?:pst|ost)\b", 160),),
        tags=TAGS,
    ),
    technique(
        "TWN-248",
        "Exports a mailbox on Exchange",
        "T1114.002",
        30,
        r"\bNew-MailboxExportRequest\b",
        tags=TAGS,
    ),
    technique(
        "TWN-249",
        "Forwards a mailbox's mail to another address",
        "T1114.003",
        35,
        (
            near(
                r"\b(?:New|Set)-InboxRule\b",
                r"-(?:ForwardTo|RedirectTo|ForwardAsAttachmentTo)\b",
                300,
            ),
            near(r"\bSet-Mailbox\b", r"-(?:ForwardingSmtpAddress|ForwardingAddress)\b", 300),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-250",
        "Creates a mail rule that deletes or hides messages",
        "T1564.008",
        25,
        near(r"\b(?:New|Set)-InboxRule\b", r"-(?:DeleteMessage|MoveToFolder|MarkAsRead)\b", 300),
        tags=TAGS,
    ),
    technique(
        "TWN-251",
        "Collects documents by extension with cmd loops",
        "T1119",
        12,
        (
            near(
                r"\bfor\s{1,3}/[rf]\b",
                r"\*\.(?:docx?|xlsx?|pdf|pptx?|kdbx)\b(?:(?!\bfor\s)[^\n])"
                r"{0,120}?\b(?:copy|xcopy|move)\b",
                160,
            ),
            near(
                r"\bdir\b",
                r"\s/s\b(?:(?!\bdir\b)[^\n]){0,40}?\.(?:docx?|xlsx?|pdf)\b(?:(?!\bdir\b)"
                r"[^\n]){0,40}?\|\s{0,3}findstr\b",
                120,
            ),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-252",
        "Enables the built-in Guest or Administrator account",
        "T1078.001",
        30,
        (
            rf"{_NET_USER}\s{{1,3}}[\"']?(?:guest|administrator)[\"']?\s(?:(?!{_NET_USER})[^\n])"
            r"{0,60}?/active:yes\b",
            r"\bEnable-LocalUser\s{1,3}(?:-Name\s{1,3})?[\"']?(?:Guest|Administrator)\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-253",
        "Creates a local account whose name ends in $ (hidden from net user)",
        ("T1136.001", "T1564.002"),
        35,
        rf"{_NET_USER}\s{{1,3}}(?:/add\s{{1,3}})?[\"']?[\w.-]{{1,30}}\$[\"']?\s(?:(?!{_NET_USER})"
        r"[^\n]){0,80}?/add\b|\bNew-LocalUser\s{1,3}(?:-Name\s{1,3})?[\"']?[\w.-]{1,30}\$",
        tags=TAGS,
    ),
    technique(
        "TWN-254",
        "Creates a domain account",
        "T1136.002",
        15,
        (
            near(_NET_USER, r"\s/add\b(?:(?!\bnet\b)[^\n]){0,60}?\s/do(?:main)?\b", 120),
            near(_NET_USER, r"\s/do(?:main)?\b(?:(?!\bnet\b)[^\n]){0,60}?\s/add\b", 120),
            r"\bNew-ADUser\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-255",
        "Adds an account to a privileged domain group",
        "T1098.007",
        40,
        (
            near(
                r"\bnet1?(?:\.exe)?\s{1,3}group\s{1,3}[\"']?(?:Domain|Enterprise|Schema) Admins\b",
                r"\s/add\b",
                120,
            ),
            near(r"\bAdd-ADGroupMember\b", r"\b(?:Domain|Enterprise|Schema) Admins\b", 120),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-256",
        "Deletes, disables or resets another account",
        "T1531",
        10,
        (
            rf"{_NET_USER}\s{{1,3}}[\"']?(?!net1?\b)[\w.$-]{{1,30}}[\"']?\s{{1,3}}/del(?:ete)?\b",
            r"\b(?:Remove|Disable)-LocalUser\b|\bDisable-ADAccount\b|\bRemove-ADGroupMember\b",
            near(r"\bSet-LocalUser\b", r"\s-Password\b", 120),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-257",
        "Encrypts whole volumes (DiskCryptor, BitLocker with a password protector)",
        "T1486",
        35,
        (
            r"\b(?:dcrypt|dccon|DiskCryptor)(?:\.exe)?\b",
            near(
                r"\bmanage-bde(?:\.exe)?\b",
                r"\s-on\b(?:(?!\bmanage-bde\b)[^\n]){0,80}?\s-(?:pw|"
                r"Password)\b",
                120,
            ),
            near(r"\bEnable-BitLocker\b", r"-PasswordProtector\b", 200),
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-258",
        "Turns off System Restore or the recovery environment",
        "T1490",
        45,
        (
            r"\bDisable-ComputerRestore\b",
            _set("(?:DisableSR|DisableConfig)", "1"),
            r"\breagentc(?:\.exe)?\s{1,3}/disable\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-259",
        "Sets a logon banner message (ransom note at sign-in)",
        "T1491.001",
        30,
        near(REG_WRITE, r"\bLegalNotice(?:Caption|Text)\b", 250),
        tags=TAGS,
    ),
    technique(
        "TWN-260",
        "Securely deletes files with SDelete",
        "T1485",
        30,
        r"\bsdelete(?:64)?(?:\.exe)?[\"']?\s{1,3}(?:-[a-z]{1,3}\s{1,3}){0,5}[\"']?\S",
        tags=TAGS,
    ),
    technique(
        "TWN-261",
        "Adds entries to the hosts file",
        "T1565.001",
        10,
        (
            near(
                r"(?:>>|\b(?:Add-Content|Out-File|Set-Content|ac)\b)",
                rf"drivers{SEP}etc{SEP}hosts\b",
                200,
            ),
            near(r"(?:>>|\btee\s{1,3}-a)", r"\s/etc/hosts\b", 120),
        ),
        tags=TAGS,
    ),
)
"""Collection, accounts and impact."""
