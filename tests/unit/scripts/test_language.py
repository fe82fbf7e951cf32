"""Language detection from filename and text."""

from __future__ import annotations

import pytest

from wingman.core.scripts.language import detect_language
from wingman.core.scripts.types import Lang


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "$client = New-Object Net.WebClient\nGet-ChildItem $env:TEMP | Remove-Item",
            Lang.POWERSHELL,
        ),
        ("@echo off\nset X=1\nif exist %X% goto :end\n:end", Lang.BATCH),
        ("#!/bin/bash\nif [[ -f /etc/passwd ]]; then\n  echo ok\nfi", Lang.BASH),
        (
            "import os\n\ndef main():\n    print(os.name)\n\n"
            "if __name__ == '__main__':\n    main()",
            Lang.PYTHON,
        ),
        (
            "var x = new ActiveXObject('WScript.Shell');\nfunction f(a) { return a === 1; }",
            Lang.JAVASCRIPT,
        ),
        (
            'Option Explicit\nDim fso\nSet fso = CreateObject("Scripting.FileSystemObject")\n'
            "If x Then\nEnd If",
            Lang.VBSCRIPT,
        ),
        (
            '@if (@X)==(@Y) @end /* JScript comment\n@echo off\ncscript //E:JScript "%~f0"\n'
            "var ARGS = WScript.Arguments;",
            Lang.BATCH,
        ),
    ],
)
def test_detects_by_text(text: str, expected: Lang) -> None:
    language, confidence = detect_language(text)
    assert language is expected
    assert 0.0 < confidence <= 1.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('reg add "HKCU\\Software\\Example" /v Name /t REG_SZ /d value /f', Lang.BATCH),
        ("C:\\Windows\\System32\\curl.exe -s http://example.test >nul 2>&1", Lang.BATCH),
        ('sc config Spooler binPath= "C:\\tools\\svc.exe"\nsc start Spooler', Lang.BATCH),
        ('& "C:\\tools\\scanner.exe" -k -n target.exe', Lang.POWERSHELL),
        ("osascript -e 'display dialog \"hello\"'", Lang.BASH),
        ("aws ec2 describe-instances --region us-east-1 --output json", Lang.BASH),
        ("touch -t 197001010000 /tmp/marker.txt\nstat /tmp/marker.txt", Lang.BASH),
        (
            '<html><script language="VBScript">\nDim a\nSet a = CreateObject("X.Y")\n'
            "</script></html>",
            Lang.VBSCRIPT,
        ),
        (
            "REM a comment\r\nOn Error Resume Next\r\n"
            'Set f = CreateObject("Scripting.FileSystemObject")\r\nDim x',
            Lang.VBSCRIPT,
        ),
    ],
)
def test_detects_one_liners_and_containers(text: str, expected: Lang) -> None:
    language, confidence = detect_language(text)
    assert language is expected
    assert 0.0 < confidence <= 1.0


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("a.ps1", Lang.POWERSHELL),
        ("RUN.CMD", Lang.BATCH),
        ("x.vbe", Lang.VBSCRIPT),
        ("s.py", Lang.PYTHON),
        ("i.sh", Lang.BASH),
        ("d.js", Lang.JAVASCRIPT),
    ],
)
def test_filename_extension_wins(filename: str, expected: Lang) -> None:
    assert detect_language("echo hello", filename) == (expected, 0.99)


def test_nothing_to_go_on_is_low_confidence() -> None:
    _, confidence = detect_language("zzzz")
    assert confidence <= 0.2
