"""Language peelers (batch, bash, JavaScript, VBScript, Python): shared checks and helpers.

Per-language cases live in test_peelers_<language>.py and import the helpers below.
"""

from __future__ import annotations

import base64
import contextlib
import time
from collections.abc import Callable, Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wingman.core.scripts.layers import peel
from wingman.core.scripts.peelers import Peeler, cmd, javascript, python, registry, shell, vbscript
from wingman.core.scripts.types import Budget, BudgetExceeded, Decoded, Lang, Layer

URL = "http://evil.example.com/payload.bin"
PEELERS = registry(cmd.PEELERS, shell.PEELERS, javascript.PEELERS, vbscript.PEELERS, python.PEELERS)
MODULES = {
    Lang.BATCH: cmd.PEELERS,
    Lang.BASH: shell.PEELERS,
    Lang.JAVASCRIPT: javascript.PEELERS,
    Lang.VBSCRIPT: vbscript.PEELERS,
    Lang.PYTHON: python.PEELERS,
}
# An obfuscation step: text in, (text out, techniques that peel it, outermost first).
Obfuscator = Callable[[str], tuple[str, list[str]]]


def budget(**bounds: int) -> Budget:
    return Budget(deadline=time.monotonic() + 60, **bounds)


def run(name: str, text: str) -> list[Decoded]:
    """Run one peeler on a text and check what every peeler promises about its results."""
    found = PEELERS[name].run(text, budget())
    for decoded in found:
        assert decoded.technique == name
        assert 0 <= decoded.start <= decoded.end <= len(text)
    return found


def contents(name: str, text: str) -> list[str]:
    return [decoded.content for decoded in run(name, text)]


def rewrite(name: str, text: str) -> str | None:
    """Return the text one rewrite peeler makes, or None when it leaves the text alone."""
    assert PEELERS[name].kind == "rewrite"
    found = run(name, text)
    assert len(found) <= 1
    return found[0].content if found else None


def peel_all(text: str, language: Lang, **bounds: int) -> tuple[list[Layer], str | None]:
    return peel(text, language, peelers=PEELERS, budget=budget(**bounds))


def ancestry(layers: Sequence[Layer], layer: Layer) -> list[str]:
    """Techniques from the input down to a layer, outermost first."""
    techniques: list[str] = []
    while layer.parent >= 0:
        techniques.append(layer.technique)
        layer = layers[layer.parent]
    return techniques[::-1]


def stack(payload: str, obfuscators: Sequence[Obfuscator]) -> tuple[str, list[str]]:
    """Hide a payload under obfuscators given outermost first; return text and peel order."""
    text, order = payload, []
    for obfuscate in reversed(obfuscators):
        text, techniques = obfuscate(text)
        order = techniques + order
    return text, order


def assert_recovers(
    text: str, language: Lang, expected: list[str], *, hidden: bool = True, needle: str = URL
) -> None:
    """Peel a text and find the needle in a layer reached by exactly the expected techniques.

    `hidden` tells whether the needle must be absent from the text (plain wrappers such as
    eval of a literal keep it visible).
    """
    assert (needle not in text) is hidden
    layers, stopped = peel_all(text, language)
    assert stopped is None
    chains = [ancestry(layers, layer) for layer in layers if needle in layer.content]
    assert expected in chains, f"expected {expected}, found {chains}"


def stacks(names: Sequence[str], finishers: Sequence[str] = ()) -> list[tuple[str, ...]]:
    """Every technique at depths 1-4: wrappers cycle from it, a finisher is always innermost."""
    found: list[tuple[str, ...]] = []
    for depth in range(1, 5):
        for index in range(len(names)):
            found.append(tuple(names[(index + step) % len(names)] for step in range(depth)))
        for index, name in enumerate(finishers):
            wrappers = [names[(index + step) % len(names)] for step in range(depth - 1)]
            found.append((*wrappers, name))
    return found


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def test_every_peeler_is_named_and_bound_to_its_language() -> None:
    for language, group in MODULES.items():
        for name, peeler in group.items():
            assert peeler.name == name
            assert peeler.kind in ("extract", "rewrite")
            assert peeler.languages == frozenset({language})


@pytest.mark.parametrize("name", sorted(PEELERS))
def test_plain_text_gives_nothing(name: str) -> None:
    assert run(name, "Hello world, nothing hidden here.\nSecond line; 1 + 2 = 3\n") == []


@pytest.mark.parametrize("name", sorted(PEELERS))
def test_empty_text_gives_nothing(name: str) -> None:
    assert run(name, "") == []


TOKENS = [
    "^", "%", "!", '"', "'", "`", "$'", "\\x41", "\\u0041", "\\101", "\\", "\n", " ", "(", ")",
    "[", "]", "{", "}", ",", "+", "&", "|", ";", "=", ":~", "-1", "0x41", "65", "&H41",
    "eval(", "atob(", "String.fromCharCode(", "unescape(", "'%u0041%41'", ".split('')",
    ".reverse()", ".join('')", "var _0x1=[", "new Function(", "Chr(", "ChrW(", "Execute ",
    "StrReverse(", "Replace(", "vbCrLf", "exec(", "base64.b64decode(", "'aGk='", "b'\\x41'",
    "codecs.decode(", "'rot13'", "bytes.fromhex(", "chr(", "''.join(", " for x in ", "[::-1]",
    "zlib.decompress(", "echo ", " base64 -d", " | sh", "<<<", " rev", "printf ", "tr ",
    "set a=", "set \"b=", "%a%", "%a:~1,2%", "!a!", "cmd /c ", "powershell ", "a=", "$a",
    "${a:1:2}", "eval ", "sh -c ", "__import__('base64')", "0", "9",
]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.lists(st.sampled_from(TOKENS) | st.text(max_size=4), max_size=40).map("".join),
    name=st.sampled_from(sorted(PEELERS)),
)
def test_any_text_never_raises(text: str, name: str) -> None:
    with contextlib.suppress(BudgetExceeded):
        run(name, text)


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=200), language=st.sampled_from(sorted(MODULES)))
def test_peeling_any_text_never_raises(text: str, language: Lang) -> None:
    layers, _ = peel_all(text, language)
    assert layers[0].content == text


LINE = 100_000
HOSTILE = {
    "letters": "a" * LINE,
    "carets": "^" * LINE,
    "caret_word": "p^o^w^e^r^s^h^e^l^l " * (LINE // 20),
    "percents": "%" * LINE,
    "substrings": "%a:~1,2%" * (LINE // 8),
    "bangs": "!" * LINE,
    "double_quotes": '"' * LINE,
    "single_quotes": "'" * LINE,
    "ansi_openers": "$'" * (LINE // 2),
    "backslashes": "\\" * LINE,
    "hex_escapes": '"' + "\\x41" * (LINE // 4) + '"',
    "open_parens": "(" * LINE,
    "evals": "eval(" * (LINE // 5),
    "fromcharcode": "String.fromCharCode(" * (LINE // 20),
    "codes": "String.fromCharCode(" + "65," * (LINE // 3) + "65)",
    "plus_chain": "'a'+" * (LINE // 4) + "'a'",
    "chr_chain": "Chr(65) & " * (LINE // 10) + "Chr(65)",
    "vbs_strings": '"a" & ' * (LINE // 6) + '"a"',
    "execs": "exec(" * (LINE // 5),
    "py_plus": "x = " + "chr(97)+" * (LINE // 8) + "'a'",
    "pipes": "echo a | " * (LINE // 9),
    "set_lines": "set a=%a%%a%\n" * 40 + "echo %a%",
    "cmd_c": 'cmd /c "' * (LINE // 8),
    "array": "var _0x1=[" + "'a'," * (LINE // 4) + "'a'];",
    "base64": "echo " + "QUFB" * (LINE // 4) + " | base64 -d | sh",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("language", sorted(MODULES))
def test_hostile_lines_complete(name: str, language: Lang) -> None:
    layers, _ = peel_all(HOSTILE[name], language)
    assert layers[0].content == HOSTILE[name]
    assert all(len(layer.content) <= budget().max_layer_chars for layer in layers)


def _nested(depth: int, wrap: Callable[[str], str], core: str) -> str:
    text = core
    for _ in range(depth):
        text = wrap(text)
    return text


@pytest.mark.parametrize(
    ("language", "wrap"),
    [
        (Lang.BATCH, lambda text: f'cmd /c "{text}"'),
        (Lang.BASH, lambda text: f"echo {b64(text)} | base64 -d | bash"),
        (Lang.JAVASCRIPT, lambda text: f"eval(atob('{b64(text)}'))"),
        (Lang.VBSCRIPT, lambda text: 'Execute "' + text.replace('"', '""') + '"'),
        (Lang.PYTHON, lambda text: f"exec(__import__('base64').b64decode('{b64(text)}'))"),
    ],
)
def test_deeply_nested_unwrapping_stops_at_the_layer_bound(
    language: Lang, wrap: Callable[[str], str]
) -> None:
    depth = 12 if language is Lang.VBSCRIPT else 30
    layers, stopped = peel_all(_nested(depth, wrap, "echo done"), language, max_layers=10)
    assert len(layers) == 10
    assert stopped is not None
    assert "layers" in stopped


def test_syntactically_deep_nesting_completes() -> None:
    for language, text in [
        (Lang.JAVASCRIPT, "eval(" * 20_000 + "'x = 1'" + ")" * 20_000),
        (Lang.PYTHON, "exec(" * 20_000 + "'x = 1'" + ")" * 20_000),
        (Lang.VBSCRIPT, "Eval(" * 20_000 + '"x = 1"' + ")" * 20_000),
        (Lang.BASH, "eval " * 20_000 + "'x=1'"),
    ]:
        layers, _ = peel_all(text, language)
        assert layers[0].content == text


def test_registry_refuses_a_name_twice() -> None:
    duplicate = {"cmd_caret": Peeler("cmd_caret", "rewrite", lambda text, budget: [])}
    with pytest.raises(ValueError, match="twice"):
        registry(cmd.PEELERS, duplicate)
