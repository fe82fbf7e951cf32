"""Python peelers: exec of decoded literals and one-step rewrites of literal decoder calls."""

from __future__ import annotations

import base64
import bz2
import codecs
import gzip
import lzma
import zlib

import pytest

from tests.unit.scripts.test_peelers_languages import (
    URL,
    Obfuscator,
    assert_recovers,
    budget,
    peel_all,
    rewrite,
    run,
    stack,
    stacks,
)
from wingman.core.scripts.peelers import python
from wingman.core.scripts.types import Lang

PAYLOAD = (
    "import urllib.request\n"
    "import codecs, base64, zlib\n\n"
    f"urllib.request.urlretrieve({URL!r}, 'p.bin')  # fetch\n"
)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _wrapper(template: str, *techniques: str) -> Obfuscator:
    def obfuscate(text: str) -> tuple[str, list[str]]:
        return template.format(text=text, raw=text.encode()), [*techniques, "py_exec_decode"]

    return obfuscate


def _b64_exec(text: str) -> tuple[str, list[str]]:
    return f"import base64\nexec(base64.b64decode({_b64(text.encode())!r}))", ["py_exec_decode"]


def _zlib_exec(text: str) -> tuple[str, list[str]]:
    packed = base64.b64encode(zlib.compress(text.encode())).decode()
    return f"import zlib,base64\nexec(zlib.decompress(base64.b64decode(b'{packed}')))", [
        "py_exec_decode"
    ]


def _codec(module: str, data: bytes) -> str:
    return f"__import__('{module}').decompress(__import__('base64').b64decode('{_b64(data)}'))"


OBFUSCATORS: dict[str, Obfuscator] = {
    "b64": _b64_exec,
    "zlib": _zlib_exec,
    "rot13": lambda text: (
        f"import codecs\nexec(codecs.decode({codecs.encode(text, 'rot13')!r}, 'rot_13'))",
        ["py_exec_decode"],
    ),
    "hex": lambda text: (
        f"exec(bytes.fromhex('{text.encode().hex()}').decode())",
        ["py_exec_decode"],
    ),
    "chr_join": lambda text: (
        f"exec(''.join(chr(c) for c in {[ord(char) for char in text]}))",
        ["py_exec_decode"],
    ),
    "escapes": lambda text: (
        "exec('" + "".join(f"\\x{byte:02x}" for byte in text.encode()) + "')",
        ["py_escapes", "py_exec_decode"],
    ),
    "reverse": lambda text: (f"exec({text[::-1]!r}[::-1])", ["py_exec_decode"]),
    "compile": lambda text: (
        f"exec(compile(__import__('base64').b64decode('{_b64(text.encode())}'), '<s>', 'exec'))",
        ["py_exec_decode"],
    ),
    "gzip": lambda text: (
        f"exec({_codec('gzip', gzip.compress(text.encode()))})",
        ["py_exec_decode"],
    ),
    "bz2": lambda text: (f"exec({_codec('bz2', bz2.compress(text.encode()))})", ["py_exec_decode"]),
    "lzma": lambda text: (
        f"exec({_codec('lzma', lzma.compress(text.encode()))})",
        ["py_exec_decode"],
    ),
}


def _url(expression: str, technique: str) -> Obfuscator:
    def obfuscate(text: str) -> tuple[str, list[str]]:
        return text.replace(repr(URL), expression), [technique]

    return obfuscate


_CODES = [ord(char) for char in URL]
FINISHERS: dict[str, Obfuscator] = {
    "url_chr": _url(f"''.join(chr(c) for c in {_CODES})", "py_chr_join"),
    "url_map_chr": _url(f"''.join(map(chr, {tuple(_CODES)}))", "py_chr_join"),
    "url_xor": _url(
        f"''.join([chr(c ^ 7) for c in {[code ^ 7 for code in _CODES]}])", "py_chr_join"
    ),
    "url_chr_plus": _url("+".join(f"chr({code})" for code in _CODES), "py_chr_join"),
    "url_bytes": _url(f"bytes({_CODES}).decode()", "py_chr_join"),
    "url_codecs": _url(f"codecs.decode({codecs.encode(URL, 'rot13')!r}, 'rot13')", "py_codecs"),
    "url_b64": _url(f"base64.b64decode({_b64(URL.encode())!r}).decode('utf-8')", "py_b64decode"),
    "url_hex": _url(f"bytes.fromhex('{URL.encode().hex()}').decode()", "py_fromhex"),
    "url_concat": _url(
        " + ".join(repr(URL[index : index + 6]) for index in range(0, 36, 6)), "py_concat"
    ),
    "url_reverse": _url(f"{URL[::-1]!r}[::-1]", "py_reverse"),
    "url_escapes": _url("'" + "".join(f"\\x{code:02x}" for code in _CODES) + "'", "py_escapes"),
    "url_zlib": _url(f"zlib.decompress({zlib.compress(URL.encode())!r}).decode()", "py_zlib"),
}
_ALL = {**OBFUSCATORS, **FINISHERS}


@pytest.mark.parametrize("names", stacks(list(OBFUSCATORS), list(FINISHERS)), ids="+".join)
def test_stacked_obfuscation_is_recovered_in_order(names: tuple[str, ...]) -> None:
    text, expected = stack(PAYLOAD, [_ALL[name] for name in names])
    assert_recovers(text, Lang.PYTHON, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("exec(base64.b64decode('cHJpbnQoMSk='))", "print(1)"),
        ("exec(base64.b64decode('cHJp' + 'bnQoMSk='))", "print(1)"),
        ("exec(b64decode(b'cHJpbnQoMSk='))", "print(1)"),
        ("exec('print(1)')", "print(1)"),
        ("exec(b'print(1)')", "print(1)"),
        ("eval(compile('1+1', '<x>', 'eval'))", "1+1"),
        ("builtins.exec(codecs.decode('cevag(1)', 'rot13'))", "print(1)"),
        ("exec(codecs.decode(b'7072696e74283129', 'hex'))", "print(1)"),
        ("exec(codecs.decode(b'cHJpbnQoMSk=', 'base64'))", "print(1)"),
        ("exec(binascii.unhexlify('7072696e74283129'))", "print(1)"),
        ("exec(base64.b32decode('OBZGS3TUFAYSS==='))", "print(1)"),
        ("exec(')1(tnirp'[::-1])", "print(1)"),
        ("exec(bytes([112, 114, 105, 110, 116, 40, 49, 41]))", "print(1)"),
        ("exec(codecs.decode(b'print(1)', 'utf-8'))", "print(1)"),
        ("exec(codecs.decode(b'\\x70rint(1)', 'unicode_escape'))", "print(1)"),
        ("exec(codecs.decode(b'print(\\d)', 'unicode_escape'))", "print(\\d)"),
        ("exec(zlib.decompress(" + repr(zlib.compress(b"print(1)")) + "))", "print(1)"),
        ("exec(zlib.decompress(" + repr(zlib.compress(b"print(1)", wbits=-15)) + ", -15))", None),
    ],
)
def test_exec_decode(text: str, expected: str | None) -> None:
    found = run("py_exec_decode", text)
    if expected is None:
        assert found == []
        return
    assert [(item.content, item.language) for item in found] == [(expected, Lang.PYTHON)]
    assert (found[0].start, found[0].end) == (0, len(text))


@pytest.mark.parametrize(
    "text",
    [
        "exec(x)",
        "exec(base64.b64decode(x))",
        "exec(unknown('cHJpbnQoMSk='))",
        "exec(base64.b64decode('not base64!!'))",
        "exec(b'\\xff\\xfe')",
        "exec(base64.b64decode('cHJpbnQoMSk=', altchars=b'-_'))",
        'exec "print 1"',
        "exec(zlib.decompress(b'garbage'))",
        "exec('\\x70rint(1)')",
        "exec(pickle.loads(b'x'))",
        "exec(codecs.decode('x', 'idna'))",
    ],
)
def test_exec_decode_negative(text: str) -> None:
    assert run("py_exec_decode", text) == []


def test_decompression_is_bounded_by_the_layer_size() -> None:
    bomb = zlib.compress(b"A" * 50_000)
    text = f"exec(zlib.decompress({bomb!r}))"
    assert python.PEELERS["py_exec_decode"].run(text, budget(max_layer_chars=10_000)) == []
    assert len(run("py_exec_decode", text)[0].content) == 50_000


def test_dense_or_huge_sources_are_not_parsed() -> None:
    assert run("py_exec_decode", "x = [" + "1," * 60_000 + "]\nexec('print(1)')") == []
    big = "exec(base64.b64decode('" + _b64(b"print(1)#" + b"x" * 600_000) + "'))"
    assert [len(item.content) for item in run("py_exec_decode", big)] == [600_009]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("u = '\\x68\\x74\\x74\\x70'", "u = 'http'"),
        ("u = b'\\x68\\x74'", "u = b'ht'"),
        ("u = '\\u0041\\N{LATIN SMALL LETTER A}\\101'", "u = 'AaA'"),
        ("x = 'caf\\xe9'  # é", "x = 'café'  # é"),
        ('u = "\\x27"', 'u = "\'"'),
    ],
)
def test_escapes(text: str, expected: str) -> None:
    assert rewrite("py_escapes", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "u = r'\\x41'",
        "u = 'plain\\n'",
        "u = '\\x1b[0m'",
        "u = f'\\x41{x}'",
        "u = rb'\\x41'",
        # Control codes and raw bytes spell nothing a reader could miss.
        "f.write('\\0')",
        "sled = '\\x90\\x90\\x00\\033'",
        # Binary data with a few printable bytes among escapes spells no hidden text either.
        "sc = b'\\x31\\xc0\\x50\\x68\\x2f\\xe8\\xff\\xff\\xff\\xcd\\x80'",
    ],
)
def test_escapes_negative(text: str) -> None:
    assert rewrite("py_escapes", text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("u = ''.join(chr(x) for x in [104, 105])", "u = 'hi'"),
        ("u = ''.join([chr(x - 1) for x in (105, 106)])", "u = 'hi'"),
        ("u = ''.join(chr(x ^ 1) for x in [105, 104])", "u = 'hi'"),
        ("u = ''.join(map(chr, [104, 105]))", "u = 'hi'"),
        ("u = chr(104) + chr(105) + '!'", "u = 'hi!'"),
        ("u = bytes([104, 105]).decode()", "u = 'hi'"),
        ("u = bytearray([104, 105])", "u = b'hi'"),
        ("u = ''.join([chr(104), chr(105)])", "u = 'hi'"),
    ],
)
def test_chr_join(text: str, expected: str) -> None:
    assert rewrite("py_chr_join", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "u = chr(104)",
        "u = ''.join(chr(x) for x in data)",
        "u = ''.join(chr(x) for x in [104] if x)",
        "u = ''.join(chr(x * 2) for x in [52])",
        "u = ''.join(chr(y) for x in [104])",
        "u = chr(n) + 'a'",
        "u = ''.join(map(chr, [0x110000]))",
        "u = bytes([256]).decode()",
    ],
)
def test_chr_join_negative(text: str) -> None:
    assert rewrite("py_chr_join", text) is None


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("py_concat", "u = 'ht' + 'tp' + \"://x\"", "u = 'http://x'"),
        ("py_concat", "u = b'a' + b'b'", "u = b'ab'"),
        ("py_reverse", "u = 'cba'[::-1]", "u = 'abc'"),
        ("py_fromhex", "u = bytes.fromhex('6869').decode()", "u = 'hi'"),
        ("py_fromhex", "u = binascii.unhexlify(b'6869')", "u = b'hi'"),
        ("py_codecs", "u = codecs.decode('uv', 'rot13')", "u = 'hi'"),
        ("py_codecs", "u = codecs.encode('uv', 'rot_13')", "u = 'hi'"),
        ("py_codecs", "u = codecs.decode(b'6869', 'hex').decode()", "u = 'hi'"),
        ("py_b64decode", "u = base64.b64decode('aGk=').decode()", "u = 'hi'"),
        ("py_b64decode", "u = __import__('base64').urlsafe_b64decode('aGk=')", "u = b'hi'"),
        ("py_b64decode", "u = b64decode(b'aGk=').decode('latin-1')", "u = 'hi'"),
        ("py_zlib", f"u = zlib.decompress({zlib.compress(b'hi')!r})", "u = b'hi'"),
        ("py_zlib", f"u = gzip.decompress({gzip.compress(b'hi', mtime=0)!r}).decode()", "u = 'hi'"),
    ],
)
def test_one_step_rewrites(name: str, text: str, expected: str) -> None:
    assert rewrite(name, text) == expected


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("py_concat", "u = 'a' + b'b'"),
        ("py_concat", "u = 'a' + x"),
        ("py_reverse", "u = 'abc'[::2]"),
        ("py_fromhex", "u = bytes.fromhex('zz')"),
        ("py_codecs", "u = codecs.decode(x, 'rot13')"),
        ("py_codecs", "u = codecs.decode('x', 'punycode')"),
        ("py_b64decode", "u = base64.b64decode(x)"),
        ("py_b64decode", "u = base64.b64encode(b'hi')"),
        ("py_zlib", "u = zlib.decompress(b'not zlib')"),
        ("py_b64decode", "def f(:\n    base64.b64decode('aGk=')"),
    ],
)
def test_one_step_rewrites_negative(name: str, text: str) -> None:
    assert rewrite(name, text) is None


def test_rewrites_peel_innermost_first() -> None:
    text = "x = codecs.decode(base64.b64decode('dXZ2Yw==').decode(), 'rot13')"
    layers, stopped = peel_all(text, Lang.PYTHON)
    assert stopped is None
    assert [layer.technique for layer in layers] == ["input", "py_b64decode", "py_codecs"]
    assert layers[-1].content == "x = 'hiip'"


def test_offsets_count_code_points() -> None:
    text = "s = 'é→'; u = bytes.fromhex('6869').decode()\nv = 1"
    assert rewrite("py_fromhex", text) == "s = 'é→'; u = 'hi'\nv = 1"


def test_exec_inside_a_string_is_not_code() -> None:
    assert run("py_exec_decode", "s = \"exec(base64.b64decode('cHJpbnQoMSk='))\"") == []
