"""Fast scanning gives what a plain `regex` finditer gives: same matches, same order.

`scan_at` tries a pattern only where a standard-`re` start pattern matches, and the PowerShell
tokenizer reads most tokens with `re`; both must agree with the `regex` grammar they shortcut,
on ordinary scripts and on text built to sit on their edges.
"""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wingman.core.scripts.peelers import encoding, powershell_bytes, powershell_syntax
from wingman.core.scripts.peelers import powershell_variables as variables
from wingman.core.scripts.peelers.scanning import gated, scan_at
from wingman.core.scripts.types import Budget, BudgetExceeded, Decoded

# (start pattern, full pattern, whether it runs on the mask)
SCANS = [
    pytest.param(encoding._BASE64_STARTS, encoding._BASE64, False, id="base64"),
    pytest.param(encoding._HEX_STARTS, encoding._HEX, False, id="hex"),
    pytest.param(powershell_bytes._FLAG_STARTS, powershell_bytes._ENCODED, False, id="flag"),
    pytest.param(variables._BINDING_STARTS, variables._BINDING, True, id="binding"),
    pytest.param(variables._MULTI_STARTS, variables._MULTI, True, id="multi"),
]
_ATOMS = st.sampled_from(
    [
        "'",
        '"',
        "''",
        '""',
        "\u2018",
        "\u201c",
        "`",
        "`$(",
        "$(",
        ")",
        "$x",
        "${a b}",
        " = ",
        "+= ",
        "++",
        "--$i",
        ", $b",
        "#",
        "<#",
        "#>",
        "@'\n",
        '@"\n',
        "\n'@",
        '\n"@',
        "\n",
        " ",
        "\x1d",
        "\u2003",
        "function F(",
        "filter G (",
        "param(",
        "foreach ($v in",
        "-EncodedCommand ",
        "\u2013enc ",
        "SQBFAFgA",
        "QUFBQUFBQUFBQUFBQUFBQUFBQUFB",
        "0x41,",
        "\\x41",
        "deadbeef" * 4,
        "A" * 40,
        "=",
        "_-",
    ]
)
TEXTS = st.lists(st.one_of(_ATOMS, st.text(max_size=4)), max_size=40).map("".join)


def budget() -> Budget:
    return Budget(deadline=time.monotonic() + 10)


def spans(matches: object) -> list[tuple[int, int]]:
    return [match.span() for match in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("starts", "pattern", "on_mask"), SCANS)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS)
def test_scan_at_finds_what_finditer_finds(
    starts: re.Pattern[str], pattern: object, on_mask: bool, text: str
) -> None:
    if on_mask:
        text = powershell_syntax.parse(text, budget()).mask
    expected = spans(pattern.finditer(text))  # type: ignore[attr-defined]
    assert spans(scan_at(starts, pattern, text, budget())) == expected  # type: ignore[arg-type]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS)
def test_tokens_read_with_re_match_the_regex_grammar(text: str) -> None:
    fast = [
        (match.span(), match.groupdict()) for match in powershell_syntax._tokens(text, budget())
    ]
    slow = [(match.span(), match.groupdict()) for match in powershell_syntax._TOKEN.finditer(text)]
    assert [span for span, _ in fast] == [span for span, _ in slow]
    for (_, fast_groups), (_, slow_groups) in zip(fast, slow, strict=True):
        for name, value in fast_groups.items():
            assert slow_groups[name] == value, name


@pytest.mark.parametrize(
    "text",
    [
        "'" + "a" * 100_000,
        '"' + "$(" * 20_000,
        '"' + "a" * 100_000 + '$("b")"',
        "#" * 100_000,
        "A" * 100_000,
        "0x41," * 20_000,
        "$a" * 50_000,
    ],
    ids=["open-quote", "nested", "long-string", "hashes", "run", "array", "dollars"],
)
def test_hostile_text_is_scanned_within_the_budget(text: str) -> None:
    start = time.monotonic()
    try:
        powershell_syntax._tokenize(text, budget())
        for param in SCANS:
            starts, pattern, _ = param.values
            list(scan_at(starts, pattern, text, budget()))  # type: ignore[arg-type]
    except BudgetExceeded:
        pass
    assert time.monotonic() - start < 5


def test_gated_runs_only_on_text_with_one_of_its_words() -> None:
    calls: list[str] = []

    def run(text: str, _: Budget) -> list[Decoded]:
        calls.append(text)
        return [Decoded("x", text, 0, len(text))]

    peel = gated(("-join",), run)
    assert peel("$a -JOIN ''", budget())
    assert not peel("$a + $b", budget())
    assert calls == ["$a -JOIN ''"]
