"""Telling file names, process names, domains and host names apart by extension and suffix."""

from __future__ import annotations

import re
from functools import lru_cache

from publicsuffixlist import PublicSuffixList

PROCESS_EXTENSIONS = frozenset({"exe", "dll", "scr", "sys", "cpl", "ocx", "com", "msc", "drv"})
FILE_EXTENSIONS = frozenset(
    {
        "7z", "apk", "app", "bat", "bin", "cab", "cmd", "csv", "dat", "db", "deb", "dmg", "doc",
        "docm", "docx", "dotm", "elf", "eml", "gz", "hta", "html", "htm", "img", "inf", "iso",
        "jar", "jpg", "js", "jse", "json", "lnk", "log", "macho", "md", "mov", "msg", "msi",
        "msix", "one", "pdf", "php", "pl", "png", "ppam", "pps", "ppt", "pptm", "pptx", "ps1",
        "psd1", "psm1", "py", "rar", "reg", "rtf", "sh", "svg", "tar", "tgz", "tmp", "txt",
        "url", "vba", "vbe", "vbs", "vhd", "vhdx", "wsf", "xlam", "xls", "xlsb", "xlsm", "xlsx",
        "xll", "xml", "zip",
    }
)  # fmt: skip
# Binaries analysts name without an extension; they count only in a process context.
KNOWN_BINARIES = frozenset(
    {
        "powershell", "pwsh", "cmd", "rundll32", "regsvr32", "certutil", "mshta", "wmic", "psexec",
        "bitsadmin", "cscript", "wscript", "schtasks", "msbuild", "installutil", "regasm",
        "regsvcs", "mimikatz", "procdump", "vssadmin", "wevtutil", "bcdedit", "whoami", "net",
        "net1", "nltest", "csc", "msiexec", "forfiles", "odbcconf", "cmstp", "curl", "wget",
        "ntdsutil", "sc", "reg", "taskkill", "winword", "excel", "outlook", "explorer", "svchost",
        "lsass", "conhost", "python", "bash", "sh", "adfind", "rclone", "anydesk", "teamviewer",
    }
)  # fmt: skip
INTERNAL_SUFFIXES = ("local", "lan", "corp", "internal", "intranet", "home", "localdomain", "ad")
_FILE_CONTEXT = re.compile(
    r"\b(?:files?|attachments?|attached|download(?:ed|s)?|archives?|documents?|scripts?|named|"
    r"dropped|wrote|written|created|opened|extracted|executables?|binar(?:y|ies)|ran|run|"
    r"executed|launched|process(?:es)?|image|hash(?:es)?|payloads?|macro)\b",
    re.IGNORECASE,
)
_DOMAIN_CONTEXT = re.compile(
    r"\b(?:domains?|sites?|websites?|urls?|connect(?:ed|ions?|ing|s)?|dns|resolv(?:e|ed|ing)|"
    r"lookups?|visit(?:ed|s)?|brows(?:e|ed|ing)|traffic|beacon(?:ed|ing)?|c2|requests?|to|"
    r"contact(?:ed)?|queried|fqdn|tld)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _suffixes() -> PublicSuffixList:
    return PublicSuffixList()


def classify_dotted(name: str, before: str) -> str | None:
    """Classify a dotted token as process_name, file_name, domain or device (None: neither).

    ``before`` is the question text preceding the token; the nearest context word decides
    names such as ``report.zip`` that are both a file and a registrable domain.
    """
    labels = name.lower().split(".")
    if len(labels) < 2 or not all(labels) or labels[-1].isdigit():
        return None
    extension = labels[-1]
    is_file = extension in PROCESS_EXTENSIONS or extension in FILE_EXTENSIONS
    kind = "process_name" if extension in PROCESS_EXTENSIONS else "file_name"
    is_domain = _suffixes().publicsuffix(name.lower(), accept_unknown=False) not in (None, name)
    if is_file and is_domain:
        return kind if _context_prefers_file(before, default=extension != "com") else "domain"
    if is_file:
        return kind
    if is_domain:
        return "domain"
    if extension in INTERNAL_SUFFIXES and len(labels) >= 2:
        return "device"
    return None


def _context_prefers_file(before: str, *, default: bool) -> bool:
    """Tell whether the nearest context word before a name speaks of files rather than sites."""
    window = before[-60:]
    file_word = max((m.end() for m in _FILE_CONTEXT.finditer(window)), default=-1)
    domain_word = max((m.end() for m in _DOMAIN_CONTEXT.finditer(window)), default=-1)
    if file_word == domain_word:
        return default
    return file_word > domain_word
