"""Rules for ATT&CK credential-access techniques as command lines show them.

Rule ids are `TWN-NNN` (100-139). Dumping, spraying and coercion tools are rarely run by
administrators, so most of these carry high weights; the searches for credential files stay
moderate. Gaps are bounded (see platforms.near).
"""

from __future__ import annotations

from wingman.core.scripts.rules.platforms import REG_WRITE, SEP, near, technique

TAGS = frozenset({"technique", "credential-access"})
_READ = (
    r"\b(?:type|more|Get-Content|gc|cat|copy|Copy-Item|xcopy|findstr|Select-String|strings"
    r"|base64|scp)\b"
)

RULES = (
    technique(
        "TWN-100",
        "Dumps a process's memory with comsvcs.dll MiniDump",
        "T1003",
        50,
        r"\bcomsvcs(?:\.dll)?[\"']?\s{0,3},\s{0,3}(?:MiniDumpW?|#\s{0,2}24)\b",
        tags=TAGS,
    ),
    technique(
        "TWN-101",
        "Dumps process memory with a signed diagnostic tool or a dumper (rdrleakdiag, sqldumper)",
        "T1003.001",
        45,
        (
            near(r"\brdrleakdiag(?:\.exe)?\b", r"/fullmemdmp\b", 120),
            r"\bsqldumper(?:\.exe)?\s{1,3}\S{1,12}\s{1,3}0\s{1,3}0x0{0,4}1[01]{2}0?\b",
            r"\btttracer(?:\.exe)?\s{1,3}-dumpFull\b",
            near(r"\bcreatedump(?:\.exe)?\b", r"\s(?:-f|--full|-u)\s", 80),
            r"\b(?:dumpert|PPLdump|HandleKatz|MirrorDump|PPLBlade|lsassy|Dumpy)(?:\.exe)?\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-102",
        "Runs a SAM hash dumping tool (pwdump, HiveNightmare, samdump2)",
        "T1003.002",
        50,
        r"\b(?:pwdump\d?|fgdump|gsecdump|samdump2|HiveNightmare|SeriousSam|creddump7?|SharpSecDump)"
        r"(?:\.exe|\.py)?\b",
        tags=TAGS,
    ),
    technique(
        "TWN-103",
        "Creates a volume shadow copy to read locked files (NTDS.dit, SAM)",
        "T1003.003",
        30,
        (
            r"\bvssadmin(?:\.exe)?\s{1,3}create\s{1,3}shadow\b",
            r"\bwmic(?:\.exe)?\s{1,3}shadowcopy\s{1,3}call\s{1,3}create\b",
            near(r"\bWin32_ShadowCopy\b", r"\.Create\s{0,3}\(", 80),
            near(r"\bmklink(?:\.exe)?\s{1,3}/[dj]\b", r"HarddiskVolumeShadowCopy\d", 120),
            r"\b(?:New|Mount)-VolumeShadowCopy\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-121",
        "Runs a diskshadow script (shadow copies or commands run through a signed binary)",
        ("T1003.003", "T1218"),
        30,
        r"\bdiskshadow(?:\.exe)?\s{1,3}/s\b",
        tags=TAGS,
    ),
    technique(
        "TWN-104",
        "Lists cached credentials stored for other hosts (cmdkey /list)",
        "T1003.005",
        10,
        r"\bcmdkey(?:\.exe)?\s{1,3}/list\b",
        tags=TAGS,
    ),
    technique(
        "TWN-105",
        "Reads unattended-setup answer files that hold passwords",
        "T1552.001",
        25,
        near(_READ, r"\b(?:unattend(?:ed)?|sysprep|autounattend)\.(?:xml|inf)\b", 120),
        tags=TAGS,
    ),
    technique(
        "TWN-106",
        "Reads stored cloud, Git or FTP client credential files",
        "T1552.001",
        30,
        near(
            _READ,
            r"(?:\.aws[\\/]{1,2}credentials|\.azure[\\/]{1,2}(?:accessTokens\.json|msal_token_cache)"
            r"|\.git-credentials|\.netrc|FileZilla[\\/]{1,2}(?:recentservers|sitemanager)\.xml"
            r"|WinSCP\.ini|\.docker[\\/]{1,2}config\.json|gcloud[\\/]{1,2}(?:credentials\.db"
            r"|access_tokens\.db|legacy_credentials))\b",
            160,
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-107",
        "Exports certificates with private keys or hunts for key files",
        "T1552.004",
        20,
        (
            near(r"\bcertutil(?:\.exe)?\b", r"\s-exportPFX\b", 60),
            r"\bExport-PfxCertificate\b",
            near(r"\bdir\b", r"\*\.(?:pfx|p12|ppk|pem|key)\b(?:(?!\bdir\b)[^\n]){0,40}?\s/s\b", 80),
            near(
                r"\b(?:Get-ChildItem|gci|ls)\b",
                r"-(?:Include|Filter)\s{1,3}[\"']?\*\.(?:pfx|p12"
                r"|ppk|pem|key)\b",
                120,
            ),
            r"\bSharpDPAPI\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-108",
        "Opens the stored-credentials manager UI (keymgr.dll)",
        "T1555.004",
        20,
        r"\brundll32(?:\.exe)?[\"']?\s{1,3}keymgr(?:\.dll)?\s{0,3},\s{0,3}KRShowKeyMgr\b",
        tags=TAGS,
    ),
    technique(
        "TWN-109",
        "Runs a password-manager stealer (KeeThief, KeeFarce, KeePwn)",
        "T1555.005",
        45,
        r"\b(?:KeeThief|KeeFarce|KeePwn|KeePassHax|Invoke-KeeThief|Get-KeePassDatabaseKey)\b",
        tags=TAGS,
    ),
    technique(
        "TWN-110",
        "Looks for password-manager databases",
        "T1555.005",
        15,
        (
            near(r"\b(?:dir|where|Get-ChildItem|gci|find|ls|locate)\b", r"\*\.kdbx?\b", 120),
            r"\bKeePass\.config\.xml\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-111",
        "Sprays passwords against domain or cloud accounts",
        "T1110.003",
        45,
        r"\b(?:Invoke-DomainPasswordSpray|DomainPasswordSpray|Invoke-SprayEmptyPassword"
        r"|Spray-Passwords|kerbrute|SharpSpray|Invoke-PasswordSpray|MSOLSpray|Invoke-MSOLSpray"
        r"|o365spray|CredMaster|Spray365|Invoke-ADPasswordBruteForce)\b",
        tags=TAGS,
    ),
    technique(
        "TWN-112",
        "Guesses passwords in a loop over SMB (net use)",
        ("T1110.001", "T1110.003"),
        35,
        near(
            r"\bfor\s{1,3}/[fl]\b",
            r"\bnet1?(?:\.exe)?\s{1,3}use\b(?:(?!\bfor\b)[^\n]){0,120}?"
            r"/u(?:ser)?:",
            200,
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-113",
        "Runs a network login brute-forcer (hydra, medusa, ncrack)",
        "T1110.001",
        40,
        r"\b(?:hydra|medusa|ncrack|patator|crowbar)\s{1,3}(?:-[a-zA-Z]{1,3}\s{1,3}\S{1,200}\s{1,3})"
        r"{0,6}-[lLpPuUhHMC]\b",
        tags=TAGS,
    ),
    technique(
        "TWN-114",
        "Cracks password hashes (hashcat, John the Ripper)",
        "T1110.002",
        35,
        (
            r"\bhashcat(?:\.exe)?\s{1,3}(?:-[a-z]\s{1,3}\S{1,20}\s{1,3}){0,4}-[ma]\s{1,3}\d{1,5}\b",
            r"\bjohn\s{1,3}--(?:wordlist|format|show|incremental)\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-115",
        "Coerces NTLM authentication or steals NTLM responses (PetitPotam, Internal Monologue)",
        "T1187",
        50,
        r"\b(?:Invoke-InternalMonologue|InternalMonologue|PetitPotam|SpoolSample|Invoke-SpoolSample"
        r"|Coercer|DFSCoerce|ShadowCoerce|PrinterBug|dementor|Farmer)(?:\.exe|\.py|\.ps1)?\b",
        tags=TAGS,
    ),
    technique(
        "TWN-116",
        "Writes a shortcut or SCF file whose icon points at a network share",
        "T1187",
        35,
        r"\bIcon(?:File|Resource)\s{0,3}=\s{0,3}\\\\[\w.-]{1,64}\\",
        tags=TAGS,
    ),
    technique(
        "TWN-117",
        "Poisons name resolution or relays NTLM (Responder, Inveigh, ntlmrelayx)",
        "T1557.001",
        50,
        (
            r"\b(?:Invoke-Inveigh|Inveigh(?:Zero|Relay)?|ntlmrelayx(?:\.py)?|Responder\.py)\b",
            r"\bresponder\s{1,3}-I\s{1,3}\w",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-118",
        "Abuses Active Directory Certificate Services (Certify, Certipy)",
        "T1649",
        45,
        (
            r"\bCertify(?:\.exe)?\s{1,3}(?:find|request|cas|pkiobjects)\b",
            r"\bcertipy(?:-ad)?\s{1,3}(?:find|req|auth|shadow|forge|template)\b",
            r"\b(?:ForgeCert|PassTheCert|Certifried)(?:\.exe|\.py)?\b",
        ),
        tags=TAGS,
    ),
    technique(
        "TWN-119",
        "Makes LSASS keep clear-text logon passwords (WDigest UseLogonCredential)",
        ("T1112", "T1003.001"),
        45,
        near(
            REG_WRITE,
            r"\bUseLogonCredential\b(?:(?!\bUseLogonCredential\b)[^\n]){0,60}?"
            r"(?:/d\s{1,3}|-Value\s{1,3}|,\s{0,3})[\"']?1\b",
            200,
        ),
        all_of=(rf"SecurityProviders{SEP}WDigest\b",),
        tags=TAGS,
    ),
    technique(
        "TWN-120",
        "Reads saved browser bookmarks",
        "T1217",
        15,
        (
            rf"(?:User Data|google-chrome|chromium|Google/Chrome)(?:{SEP}|/)Default(?:{SEP}|/)"
            r"Bookmarks\b",
            r"\bplaces\.sqlite\b|\bSafari/Bookmarks\.plist\b",
            near(r"\b(?:Get-ChildItem|gci|dir)\b", r"\\Favorites\b", 80),
            near(r"\b(?:Get-ChildItem|gci)\b", r"-Filter\s{1,3}[\"']?Bookmarks\b", 120),
        ),
        tags=TAGS,
    ),
)
"""Credential access: memory dumps, hive and database theft, stored secrets, spraying, relays."""
