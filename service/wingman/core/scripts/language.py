"""Guess a script's language from its filename and its text."""

from __future__ import annotations

from collections.abc import Mapping

from wingman.core.scripts.safe_regex import compile_pattern, finditer
from wingman.core.scripts.types import BudgetExceeded, Lang

EXTENSIONS: Mapping[str, Lang] = {
    "ps1": Lang.POWERSHELL, "psm1": Lang.POWERSHELL, "psd1": Lang.POWERSHELL,
    "bat": Lang.BATCH, "cmd": Lang.BATCH,
    "sh": Lang.BASH, "bash": Lang.BASH, "zsh": Lang.BASH, "ksh": Lang.BASH,
    "py": Lang.PYTHON, "pyw": Lang.PYTHON,
    "js": Lang.JAVASCRIPT, "jse": Lang.JAVASCRIPT, "mjs": Lang.JAVASCRIPT, "cjs": Lang.JAVASCRIPT,
    "vbs": Lang.VBSCRIPT, "vbe": Lang.VBSCRIPT, "vba": Lang.VBSCRIPT, "wsf": Lang.VBSCRIPT,
}  # fmt: skip

VERB_NOUN = (
    r"\b(?:get|set|new|invoke|start|stop|add|remove|out|write|read|save|import|export|install|"
    r"uninstall|update|test|find|select|where|foreach|convert|convertto|convertfrom|enable|disable|"
    r"register|unregister|restart|clear|copy|move|rename|join|split|measure|wait|resolve|expand|"
    r"compress|format|group|sort|receive|send|connect|enter|exit|publish|unblock|grant|revoke|"
    r"show|mount|initialize|reset|suspend|resume|confirm|push|pop|use|close|open|search)-[a-z]{2,}"
)
# A batch file that hosts another language (JScript/VBScript hybrids) still starts as batch:
# cmd.exe runs it first, whatever the rest of the file holds.
# (`rem` is a comment in VBScript too, so it is an ordinary feature, not a prologue.)
BATCH_PROLOGUE = r"\A\s*(?:@\s*(?:echo\s+off|if\s*\(|goto)|0</\*|::|<!-- :)"
BATCH_PROLOGUE_WEIGHT = 60.0
# First words of a line that name a program of one platform's command line: one-liners carry
# little else to go on. Windows tools are cmd syntax unless PowerShell features say otherwise.
WINDOWS_COMMANDS = (
    r"^[\s@]*(?:reg|sc|net|net1|netsh|wmic|schtasks|vssadmin|bcdedit|wevtutil|tasklist|taskkill|"
    r"icacls|cacls|takeown|certutil|certreq|bitsadmin|mshta|rundll32|regsvr32|msiexec|cscript|"
    r"wscript|whoami|systeminfo|ipconfig|nltest|dsquery|cmdkey|fsutil|diskshadow|ntdsutil|"
    r"attrib|xcopy|robocopy|forfiles|findstr|timeout|ping|sdelete|esentutl|expand|makecab|"
    r"copy|del|erase|ren|rd|md|dir|type|start)(?:\.exe)?\s"
)
UNIX_COMMANDS = (
    r"^\s*(?:sudo|ls|cat|touch|stat|date|chmod|chown|chattr|rm|cp|mv|mkdir|find|grep|ps|kill|"
    r"pkill|osascript|defaults|launchctl|systemctl|service|crontab|aws|az|gcloud|kubectl|docker|"
    r"python3?|perl|ruby|nohup|ssh|scp|nc|ncat|nmap|curl|wget|nscurl|tar|openssl|dd|useradd|"
    r"usermod|passwd|iptables|ufw|insmod|modprobe|mount|uname|id|hostname|ifconfig|ip|dscl|"
    r"security|csrutil|spctl|xattr|pbpaste|screencapture|tcpdump|history|unset|export)\s"
)
# (pattern, weight): each distinct match adds its weight, capped per feature.
FEATURES: Mapping[Lang, tuple[tuple[str, float], ...]] = {
    Lang.POWERSHELL: (
        (r"\$[a-z_][\w:]*\s*=", 2.0),
        (VERB_NOUN, 3.0),
        (r"\[(?:system\.)?[a-z]+(?:\.[a-z]+)*\]::", 3.0),
        (r"(?<=\s)-(?:eq|ne|match|like|join|split|replace|f)(?=\s)", 1.5),
        (r"\bparam\s*\(", 3.0),
        (r"\$(?:env|psscriptroot|null|true|false)\b", 3.0),
        (r"\bfunction\s+[a-z]+-[a-z]+", 3.0),
        (r"\biex\b|invoke-expression", 2.0),
        (r"\|\s*%\s*\{", 2.0),
        (r"\bpowershell(?:\.exe)?\b", 1.0),
        # The call operator running a quoted path or a variable.
        (r"^\s*&\s*[\"'$]", 2.5),
    ),
    Lang.BATCH: (
        (r"^\s*@?echo\s+off\b", 5.0),
        (r"^\s*set\s+(?:/[ap]\s+)?\"?\w+=", 2.0),
        (r"^\s*(?:setlocal|endlocal)\b", 3.0),
        (r"%~?[0-9a-z_]*%", 1.5),
        (r"^\s*(?:goto|call)\s+:?\w+", 2.5),
        (r"^\s*:[a-z_]\w*\s*$", 2.0),
        (r"^\s*rem\b", 2.5),
        (r"\bif\s+(?:not\s+)?(?:exist|errorlevel|defined)\b", 3.0),
        (r"%%[a-z]\b", 3.0),
        (r"\b(?:del|copy|xcopy|attrib|start|reg|schtasks)\s+/", 1.0),
        (r"\^\S", 0.5),
        (WINDOWS_COMMANDS, 2.0),
        (r"\s(?:>|2>|>>)\s?nul\b", 2.0),
        (r"\b[a-z]:\\", 0.5),
    ),
    Lang.BASH: (
        (r"^#!\s*/(?:usr/)?bin/(?:env\s+)?(?:ba|z|k|da)?sh\b", 6.0),
        (r"^\s*(?:fi|done|esac)\s*$", 3.0),
        (r"\bthen\s*$", 2.0),
        (r"\$\{?[a-z_]\w*\}?", 0.5),
        (r"\$\(", 1.5),
        (r"\[\[\s", 2.0),
        (r"^\s*(?:export|local|readonly)\s+\w+=", 2.0),
        (r"\b(?:echo|printf)\s+[\"'$]", 0.5),
        (r"\|\s*(?:grep|awk|sed|sh|bash|xargs|cut|tr)\b", 2.0),
        (r"^\s*\w+\(\)\s*\{", 2.5),
        (r"\b(?:chmod|wget|curl|apt-get|yum|sudo)\b", 1.0),
        (r"/dev/(?:null|tcp)", 2.0),
        (UNIX_COMMANDS, 2.0),
        (r"(?:^|\s)(?:/(?:usr|etc|tmp|var|bin|opt|home|dev|Library|Users|System)/)", 1.0),
    ),
    Lang.PYTHON: (
        (r"^\s*(?:from\s+[\w.]+\s+)?import\s+\w+", 3.0),
        (r"^\s*def\s+\w+\s*\(.*\)\s*(?:->.*)?:\s*$", 4.0),
        (r"^\s*class\s+\w+.*:\s*$", 3.0),
        (r"\bself\.", 2.0),
        (r"^\s*(?:elif|except|finally)\b.*:", 3.0),
        (r"__name__\s*==\s*['\"]__main__['\"]", 6.0),
        (r"\bprint\s*\(", 1.0),
        (r"^#!.*python", 6.0),
        (r"\bNone\b|\bTrue\b|\bFalse\b", 1.0),
        (r"^\s*(?:if|for|while|with)\b[^\n{;]*:\s*$", 2.0),
    ),
    Lang.JAVASCRIPT: (
        (r"\b(?:var|let|const)\s+[\w$]+\s*=", 2.0),
        (r"\bfunction\s*[\w$]*\s*\(", 2.0),
        (r"=>", 1.5),
        (r";\s*$", 0.5),
        (r"\b(?:document|window|console)\.", 3.0),
        (r"\bnew\s+ActiveXObject\s*\(", 4.0),
        (r"\bWScript\.(?:CreateObject|Shell|Sleep|Echo|Arguments)", 2.0),
        (r"\b(?:require|module\.exports|export\s+default)\b", 3.0),
        (r"===|!==", 2.0),
        (r"String\.fromCharCode|\.charCodeAt\(", 2.0),
        (r"<script\b[^<>\n]{0,200}?(?:language|type)\s*=\s*[\"']?(?:text/)?(?:j|ecma)", 5.0),
    ),
    Lang.VBSCRIPT: (
        (r"^\s*dim\s+\w+", 4.0),
        (r"^\s*(?:set\s+\w+\s*=\s*)?createobject\s*\(", 3.0),
        (r"^\s*(?:end\s+(?:if|sub|function|with|select)|next|wend|loop)\b", 3.0),
        (r"\bthen\s*$", 1.0),
        (r"^\s*(?:sub|function)\s+\w+", 2.0),
        (r"^\s*'", 1.0),
        (r"\bon\s+error\s+resume\s+next\b", 5.0),
        (r"\b(?:msgbox|wscript\.echo|chrw?|strreverse|ubound)\b", 2.0),
        (r"&\s*vbcrlf\b|\bvbcrlf\b", 3.0),
        (r"^\s*option\s+explicit\b", 5.0),
        (r"^\s*set\s+\w+\s+=\s", 3.0),
        (r"\bgetobject\s*\(", 3.0),
        (r"&h[0-9a-f]+\b", 2.0),
        (r"^\s*const\s+\w+\s*=", 2.0),
        (r"\"\s*&\s*\w|\w\s*&\s*\"", 1.5),
        (r"<script\b[^<>\n]{0,200}?(?:language|type)\s*=\s*[\"']?(?:text/)?vb", 6.0),
    ),
}
MAX_HITS_PER_FEATURE = 4
# Features saturate long before this; a longer sample only costs time.
SAMPLE_CHARS = 32 * 1024


def detect_language(text: str, filename: str | None = None) -> tuple[Lang, float]:
    """Return the most likely language and a confidence in [0, 1]."""
    if filename:
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
        if extension in EXTENSIONS:
            return EXTENSIONS[extension], 0.99
    sample = text[:SAMPLE_CHARS]
    scores = score_languages(sample)
    if _count(BATCH_PROLOGUE, sample):
        scores[Lang.BATCH] += BATCH_PROLOGUE_WEIGHT
    best = max(scores, key=lambda lang: (scores[lang], -list(Lang).index(lang)))
    total = sum(scores.values())
    if total <= 0:
        return Lang.POWERSHELL if "powershell" in text.lower() else Lang.BATCH, 0.2
    return best, round(scores[best] / total, 3)


def score_languages(text: str) -> dict[Lang, float]:
    """Score each language by the weighted features its text shows."""
    scores: dict[Lang, float] = {}
    for lang, features in FEATURES.items():
        score = 0.0
        for pattern, weight in features:
            score += weight * _count(pattern, text)
        scores[lang] = score
    return scores


def _count(pattern: str, text: str) -> int:
    hits = 0
    try:
        for _ in finditer(compile_pattern(pattern), text, timeout=0.05):
            hits += 1
            if hits >= MAX_HITS_PER_FEATURE:
                break
    except BudgetExceeded:
        return 0
    return hits
