"""Patterns and word lists of the indicator extractor (see iocs.py).

Every pattern runs on hostile text through safe_regex, so each is built to stay linear: runs of
characters are possessive (`*+`, `++`), alternatives start with distinct characters and the
lookarounds are short. A candidate is only a shape; iocs.py validates it in Python. The patterns
are compiled without IGNORECASE, which makes the `regex` module several times slower on large
texts; letter classes spell both cases, and the few keywords use a scoped `(?i:...)`.
"""

from __future__ import annotations

# Defanged notations, refanged before any search. A bracketed dot counts only between two
# alphanumerics, so the `(.)` of a regex literal in code is left alone.
_SCHEME = r"(?i:https?|ftp|hxxps?|fxp)"
DEFANG = (
    r"(?P<dot>(?<=[a-zA-Z0-9])(?:\[\.\]|\(\.\)|\{\.\}|(?i:\[dot\]|\(dot\)|\{dot\}))"
    r"(?=[a-zA-Z0-9]))"
    # The bracket is matched before the scheme is looked for behind it: a lookbehind tried at
    # every offset of a large text is what makes a pattern slow.
    rf"|(?P<colon>\[:\](?<=\b{_SCHEME}\[:\])(?=//))"
    rf"|(?P<sep>\[://\](?<=\b{_SCHEME}\[://\]))"
    r"|(?P<http>\b(?i:hxxp)(?=(?i:s)?(?::|\[:)))"
    r"|(?P<ftp>\b(?i:fxp)(?=:|\[:))"
)
REFANGED = {"dot": ".", "colon": ":", "sep": "://", "http": "http", "ftp": "ftp"}

# Characters that end a URL: blanks and controls, quotes, angle brackets, backticks (the
# PowerShell escape), braces, square brackets, parentheses, backslashes, pipes and carets.
# Parentheses end it because in scripts they are calls and sub-expressions far more often than
# part of an address (`DownloadString(...)`, `$(...)`); a URL such as Wikipedia's
# `Pyramid_(geometry)` is cut before the parenthesis, its host intact.
_URL_CHAR = r"[^\s\x00-\x1f\x7f\"'<>`{}\[\]\\|^()]"
# At most this many characters after the scheme: a longer run is junk, not an address.
URL_MAX = 4096
URL = (
    r"(?<![\w+.-])(?i:https?|ftp)://"
    r"(?:\[[0-9a-fA-F:.]{2,45}+\]|(?=[\w$%-]))"
    rf"{_URL_CHAR}{{0,{URL_MAX}}}+"
)
URL_TRAILING = ".,;:!?*"

# Four dotted runs of digits, not preceded by a word character or a dot and not followed by
# `.<digit>`: a dotted quad cut out of a longer dotted number (a version such as 10.0.17763.1,
# an OID) is no address. The octets are checked in Python.
IPV4 = r"(?<![\w.])[0-9]{1,3}+(?:\.[0-9]{1,3}+){3}(?!\w|\.[0-9])"
# Right before an address, this marks a version number (`ModuleVersion = '1.0.0.0'`).
VERSION_CONTEXT = r"(?i:version|ver)\W{0,4}$"

# Hex groups with at least one colon; the address is checked with the ipaddress module.
IPV6 = (
    r"(?<![\w:.\]])[0-9a-fA-F]{0,4}+:[0-9a-fA-F:]{1,38}+"
    r"(?:\.[0-9]{1,3}(?:\.[0-9]{1,3}){2})?(?![\w:.-])"
)

HASH = r"(?<![\w$])[0-9a-fA-F]{32,64}+(?![\w$])"

# A dotted run of letters, digits and hyphens. The run never starts after a character that makes
# it part of something else: a longer name or number (word characters, `.`, `-`), an e-mail
# (`@`) or a variable's member (`$user.id`, `$email.To`).
_LABEL = r"[a-zA-Z0-9-]"
DOMAIN = rf"(?<![\w.$@-])[a-zA-Z0-9]{_LABEL}*+(?:\.{_LABEL}++)++"

EMAIL = (
    r"(?<![\w.%+-])[a-zA-Z0-9][a-zA-Z0-9._+-]{0,63}+"
    rf"@[a-zA-Z0-9]{_LABEL}*+(?:\.{_LABEL}++)++"
)

# Windows directory names with a space, kept whole inside a path.
_SPACED_DIR = (
    r"(?i:Program Files(?: \(x86\))?|Common Files|Documents and Settings|Application Data"
    r"|Local Settings|Start Menu|All Users|Default User|Internet Explorer|Windows Defender"
    r"|Windows NT|Windows Mail|Windows Media Player|Windows Sidebar|Microsoft Office"
    r"|Mozilla Firefox)(?=[\\\"'\s]|$)"
)
_WIN_PART = rf"(?:{_SPACED_DIR}|[^\s\x00-\x1f\\/:*?\"'<>|;,()&=`^!\[\]]++)"
# `\\{1,2}`: paths inside string literals of JavaScript or Python have doubled backslashes.
_WIN_TAIL = rf"{_WIN_PART}(?:\\{{1,2}}{_WIN_PART})*+"
WIN_PATH = rf"(?<![\w\\/])[a-zA-Z]:\\{{1,2}}{_WIN_TAIL}"
_VAR = r"[a-zA-Z_][\w()]{0,40}+"
ENV_PATH = (
    rf"(?<![\w%$])(?:%{_VAR}%|\$(?i:env):{_VAR}|\$\{{(?i:env):{_VAR}\}})"
    rf"\\{{1,2}}{_WIN_TAIL}"
)
UNC_PATH = rf"(?<![\w\\])\\\\(?P<host>[a-zA-Z0-9][a-zA-Z0-9.-]{{1,252}}+)\\{_WIN_TAIL}"
# Case-sensitive: Unix roots are spelt exactly.
UNIX_PATH = (
    r"(?<![\w/.~$\\-])/(?:tmp|etc|var|usr|bin|sbin|home|root|dev/shm|opt|Library|Users|System"
    r"|private)(?:/[\w.@%+~#$-]++)++/?"
)
PATH_TRAILING = ".,;:"
# A path or key longer than this is junk (Windows long paths stop at 32767; real ones are short).
PATH_MAX = 4096

_HIVE = (
    r"(?i:HKEY_LOCAL_MACHINE|HKEY_CURRENT_USER|HKEY_CLASSES_ROOT|HKEY_USERS|HKEY_CURRENT_CONFIG"
    r"|HKLM|HKCU|HKCR|HKCC|HKU)"
)
_REG_WORD = r"[^\s\x00-\x1f\\\"'<>|;,*?()\[\]=`]++"
# A key name may hold up to four words (`Windows NT`, `Image File Execution Options`) when it is
# followed by another key or ends a quoted string; otherwise a space ends the key
# (`reg add HKCU\...\Run /v x`).
_REG_PART = rf"(?:{_REG_WORD}(?: {_REG_WORD}){{1,3}}+(?=\\|[\"'])|{_REG_WORD})"
REGISTRY = rf"(?<![\w]){_HIVE}:?\\{{1,2}}{_REG_PART}(?:\\{{1,2}}{_REG_PART})*+"

# File extensions that are also top-level domains. A bare `name.ext` with one of these suffixes is
# taken for a file name (setup.py, install.sh, main.zip), not a domain; a URL host or a longer
# name (evil.example.sh, www.x.sh) still counts.
FILE_EXTENSION_SUFFIXES = frozenset({
    "app", "cab", "java", "la", "md", "mk", "ml", "mo", "mov", "pl", "pm", "ps", "py", "rs",
    "run", "sh", "so", "zip",
})  # fmt: skip

# Suffixes that are real TLDs but far more often a member in code (`$file.name`, `xml.open`,
# `this.map`); a token ending in one is taken for member access unless it starts with `www.`.
MEMBER_SUFFIXES = frozenset({
    "author", "call", "center", "circle", "click", "data", "events", "family", "free", "group",
    "host", "management", "map", "menu", "name", "new", "next", "now", "open", "page", "play",
    "properties", "read", "run", "save", "search", "security", "seek", "select", "shell", "show",
    "storage", "store", "stream", "style", "tab", "web", "windows", "zero",
})  # fmt: skip

# First names of objects, namespaces and COM classes whose members look like domains
# (`System.Net`, `WScript.Shell`, `document.write`, `Math.random`, `process.id`).
CODE_ROOTS = frozenset({
    "activexobject", "adodb", "array", "console", "date", "document", "element", "event", "fso",
    "intl", "json", "math", "msxml2", "navigator", "number", "object", "objfso", "objshell",
    "process", "promise", "prototype", "reflect", "regexp", "scripting", "self", "shell",
    "string", "symbol", "system", "this", "window", "winhttp", "wscript", "wsh", "wshshell",
})  # fmt: skip

# Dotted prefixes of .NET and COM names under a root that is also a real registrable name.
CODE_PREFIXES = (
    "microsoft.aspnetcore.", "microsoft.csharp.", "microsoft.management.", "microsoft.netcore.",
    "microsoft.powershell.", "microsoft.visualbasic.", "microsoft.win32.",
    "microsoft.windowsdesktop.", "microsoft.wsman.", "microsoft.xmldom.", "microsoft.xmlhttp.",
)  # fmt: skip
