"""What tells one script language from another: extensions, prologues, words and patterns."""

from __future__ import annotations

from collections.abc import Mapping

from wingman.core.scripts.types import Lang

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
FIRST_WORD_WEIGHT = 2.0


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


WINDOWS_COMMANDS = _words(
    """
    reg sc net net1 netsh wmic schtasks vssadmin bcdedit wevtutil tasklist taskkill icacls
    cacls takeown certutil certreq bitsadmin mshta rundll32 regsvr32 msiexec cscript
    wscript whoami systeminfo ipconfig nltest dsquery cmdkey fsutil diskshadow ntdsutil
    attrib xcopy robocopy forfiles findstr timeout ping sdelete esentutl expand makecab
    copy del erase ren rd md dir type start
    """
)
UNIX_COMMANDS = _words(
    """
    sudo ls cat touch stat date chmod chown chattr rm cp mv mkdir find grep ps kill pkill
    osascript defaults launchctl systemctl service crontab aws az gcloud kubectl docker
    perl ruby nohup ssh scp nc ncat nmap curl wget nscurl tar openssl dd useradd usermod
    passwd iptables ufw insmod modprobe mount uname id hostname ifconfig ip dscl security
    csrutil spctl xattr pbpaste screencapture tcpdump history unset export python python3
    """
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
        # String concatenation with &, anchored on the & so the scan skips ahead to it.
        (r"&(?:(?<=\"[ \t]{0,3}&)[ \t]{0,3}\w|(?<=\w[ \t]{0,3}&)[ \t]{0,3}\")", 1.5),
        (r"<script\b[^<>\n]{0,200}?(?:language|type)\s*=\s*[\"']?(?:text/)?vb", 6.0),
    ),
}
FIRST_WORDS: Mapping[Lang, frozenset[str]] = {
    Lang.BATCH: WINDOWS_COMMANDS,
    Lang.BASH: UNIX_COMMANDS,
}
