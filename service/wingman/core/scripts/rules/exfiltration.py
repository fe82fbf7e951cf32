"""Exfiltration and collection rules: uploads, archive-then-send, mail, webhooks, file-sharing
sites, clipboard and screen capture, wallet theft.

Patterns run with IGNORECASE | MULTILINE. A gap is written `(?:(?!LEAD)[^\\n]){0,N}?`:
bounded, on one line, and stopping at the next occurrence of the pattern's leading token,
so an input that repeats that token cannot make a search quadratic.
"""

from __future__ import annotations

from wingman.core.models import Severity
from wingman.core.scripts.rules.engine import Rule
from wingman.core.scripts.types import Lang

# PowerShell text, and the languages that carry PowerShell one-liners on a command line.
PS_HOSTS = frozenset({Lang.POWERSHELL, Lang.BATCH, Lang.VBSCRIPT, Lang.JAVASCRIPT, Lang.PYTHON})
PYTHON = frozenset({Lang.PYTHON})
TAGS = frozenset({"exfiltration"})

# Ways a script sends a file out: WebClient uploads, -InFile, curl/wget uploads, scp, ftp, mail.
# Every branch starts on a literal (context goes in a look-behind) so the search can skip ahead.
_SEND = (
    r"\.Upload(?:File|Data|String)\b|-InFile\b|--upload-file\b|--data-binary\s|--post-file\b|"
    r"=@(?<=\s-F\s{0,3}[\"']?[\w.-]{1,40}=@)|-T\s(?<=\s-T\s)|scp\s(?<=\bscp\s)|ftp\b(?<=\bftp)|"
    r"Send-MailMessage\b|smtplib\b|storbinary\b|files\s{0,3}=\s{0,3}\{"
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="EXF-001",
        title="Uploads data with WebClient Upload* methods",
        severity=Severity.MEDIUM,
        attack=("T1041",),
        any_of=(r"\.Upload(?:File|String|Data|Values)(?:Async|TaskAsync)?\s{0,3}\(",),
        languages=PS_HOSTS,
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="EXF-002",
        title="Uploads a file with curl or wget",
        severity=Severity.LOW,
        attack=("T1041",),
        any_of=(
            r"\bcurl\b(?:(?!\bcurl)[^\n]){0,200}?(?:\s-T\s{0,3}[\"']?\S|\s--upload-file\s|"
            r"\s-F\s{0,3}[\"']?[\w.-]{1,40}=@|\s--form\s{1,3}[\"']?[\w.-]{1,40}=@|"
            r"\s--data-binary\s{1,3}[\"']?@|\s-d\s{0,3}[\"']?@)",
            r"\bwget\b(?:(?!\bwget)[^\n]){0,200}?--post-file(?:=|\s)",
        ),
        weight=10,
        tags=TAGS,
    ),
    Rule(
        id="EXF-003",
        title="Posts a file with Invoke-RestMethod / Invoke-WebRequest -InFile",
        severity=Severity.LOW,
        attack=("T1041",),
        any_of=(
            r"\b(?:Invoke-RestMethod|Invoke-WebRequest|irm|iwr)\b(?:(?!\b(?:Invoke-RestMethod|"
            r"Invoke-WebRequest|irm|iwr)\b)[^\n]){0,300}?-InFile\b",
        ),
        languages=PS_HOSTS,
        weight=10,
        tags=TAGS,
    ),
    Rule(
        id="EXF-004",
        title="Uploads files over FTP",
        severity=Severity.MEDIUM,
        attack=("T1048.003",),
        any_of=(
            r"\bWebRequestMethods\+Ftp\]::UploadFile\b",
            r"\bstorbinary\s{0,3}\(\s{0,3}[\"']STOR\b",
            r"\bftp(?:\.exe)?\s{1,3}(?:-[a-z]{1,3}\s{1,3}){0,3}-s:\S",
            r"^\s{0,8}(?:echo\s{1,3})?m?put\s{1,3}\S{1,200}(?:\s{0,3}>>?\s{0,3}\S{1,200})?\r?$",
        ),
        all_of=(r"\bftp\b",),
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="EXF-005",
        title="Archives data and sends it out",
        severity=Severity.MEDIUM,
        attack=("T1560.001", "T1041"),
        any_of=(
            r"\bCompress-Archive\b",
            r"\btar\s{1,3}-?c[a-z]{0,4}f\b",
            r"\b(?:7z|7za|7zr)(?:\.exe)?[\"']?\s{1,3}a\b",
            r"\b(?:zip|rar)(?:\.exe)?\s{1,3}(?:a\s|-r\b)",
            r"\bZipFile\]::CreateFromDirectory\b",
            r"\bshutil\.make_archive\b",
            r"\bzipfile\.ZipFile\s{0,3}\(",
        ),
        all_of=(_SEND,),
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="EXF-006",
        title="Creates a password-protected archive",
        severity=Severity.LOW,
        attack=("T1560.001",),
        any_of=(
            r"\b(?:7z|7za|7zr)(?:\.exe)?[\"']?\s{1,3}a\b(?:(?!\b(?:7z|7za|7zr)"
            r"(?:\.exe)?[\"']?\s{1,3}a\b)[^\n]){0,200}?\s-p\S",
            r"\brar(?:\.exe)?\s{1,3}a\b(?:(?!\brar(?:\.exe)?\s{1,3}a\b)[^\n]){0,200}?\s-hp",
            r"\bzip\b(?:(?!\bzip\b)[^\n]){0,60}?\s(?:-P|--password|-e)\s",
        ),
        weight=12,
        tags=TAGS,
    ),
    Rule(
        id="EXF-007",
        title="Emails files as attachments (Send-MailMessage, CDO)",
        severity=Severity.MEDIUM,
        attack=("T1048.003",),
        any_of=(
            r"\bSend-MailMessage\b(?:(?!\bSend-MailMessage)[^\n]){0,400}?-Attachments?\b",
            r"\bCDO\.Message\b(?:(?!\bCDO\.Message\b)[^\n]){0,200}?\bAddAttachment\b",
            r"\.AddAttachment\s{0,3}\(?\s{0,3}[\"']?(?:"
            r"(?!\.AddAttachment\s{0,3}\(?\s{0,3}[\"']?)[^\n]){0,120}?(?:%temp%|\\temp\\|"
            r"\\appdata\\|\.zip|\.txt|\.log)",
        ),
        languages=PS_HOSTS,
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="EXF-008",
        title="Python emails files as attachments",
        severity=Severity.MEDIUM,
        attack=("T1048.003",),
        any_of=(
            r"\bMIMEBase\s{0,3}\(",
            r"\.add_attachment\s{0,3}\(",
            r"\bMIMEApplication\s{0,3}\(",
        ),
        all_of=(r"\bsmtplib\b",),
        languages=PYTHON,
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="EXF-009",
        title="Reads the clipboard",
        severity=Severity.LOW,
        attack=("T1115",),
        any_of=(
            r"\bGet-Clipboard\b",
            r"\bWindows\.Forms\.Clipboard\]::GetText\b",
            r"\bpyperclip\.paste\s{0,3}\(",
            r"\bGetClipboardData\b",
            r"\bxclip\s(?:(?!\bxclip)[^\n]){0,20}?-o\b|\bxsel\s{1,3}(?:-o|--output)\b|\bpbpaste\b",
        ),
        weight=10,
        tags=TAGS,
    ),
    Rule(
        id="EXF-010",
        title="Captures the screen",
        severity=Severity.MEDIUM,
        attack=("T1113",),
        any_of=(
            r"\.CopyFromScreen\s{0,3}\(",
            r"\bImageGrab\.grab\s{0,3}\(",
            r"\bpyautogui\.screenshot\s{0,3}\(",
            r"\bmss\s{0,3}\(\s{0,3}\)\s{0,3}\.(?:shot|grab)\s{0,3}\(",
            r"\bscrot\b|\bscreencapture\s{1,3}-x\b|\bimport\s{1,3}-window\s{1,3}root\b",
        ),
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="EXF-011",
        title="Sends data to a chat bot or webhook (Telegram, Discord)",
        severity=Severity.MEDIUM,
        attack=("T1567", "T1102"),
        any_of=(
            r"\bapi\.telegram\.org/bot",
            r"\bdiscord(?:app)?\.com/api/webhooks/",
        ),
        weight=15,
        tags=TAGS,
    ),
    Rule(
        id="EXF-012",
        title="Uploads to an anonymous file-sharing service",
        severity=Severity.MEDIUM,
        attack=("T1567.002",),
        any_of=(
            r"\b(?:transfer\.sh|0x0\.st|bashupload\.com|temp\.sh|catbox\.moe|gofile\.io|"
            r"anonfiles\.com|oshi\.at|uguu\.se|file\.io|pixeldrain\.com)\b",
            r"\bpastebin\.com/api/api_post\.php\b",
        ),
        weight=20,
        tags=TAGS,
    ),
    Rule(
        id="EXF-013",
        title="Collects documents by extension across the disk",
        severity=Severity.LOW,
        attack=("T1119", "T1005"),
        any_of=(
            r"\b(?:Get-ChildItem|gci|dir)\b(?:(?!\b(?:Get-ChildItem|gci|dir)\b)[^\n]){0,200}?-"
            r"(?:Include|Filter)\s{1,3}(?:(?!\b(?:Get-ChildItem|gci|dir)\b)[^\n]){0,120}?\*\."
            r"(?:docx?|xlsx?|pdf|kdbx|pst|ost|pptx?)\b",
            r"\bfind\s(?:(?!\bfind)[^\n]){0,120}?-i?name\s{1,3}[\"']?\*\.(?:docx?|xlsx?|pdf|kdbx"
            r"|pst)\b(?:(?!\bfind)[^\n]){0,200}?(?:-exec\s{1,3}cp|\|\s{0,3}(?:xargs|tar|zip))",
        ),
        weight=10,
        tags=TAGS,
    ),
    Rule(
        id="EXF-014",
        title="Reads cryptocurrency wallets",
        severity=Severity.HIGH,
        attack=("T1005",),
        any_of=(
            r"\bwallet\.dat\b",
            r"\bElectrum[\\/]{1,2}wallets\b",
            r"\bExodus[\\/]{1,2}exodus\.wallet\b",
            r"\bEthereum[\\/]{1,2}keystore\b",
            r"\bnkbihfbeogaeaoehlefnkodbefgpgknn\b",
            r"\batomic[\\/]{1,2}Local Storage\b",
        ),
        weight=40,
        tags=TAGS,
    ),
)
